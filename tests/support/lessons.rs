//! Helpers shared by the lesson, session and wire tests (`tests/lessons.rs`, `session.rs`,
//! `wire.rs`): sessions on presets and on the shipped data, and what a lesson's views answer.
//! Each test file uses part of them.
#![allow(dead_code)]

use rnn_playground::data::mnist::SUBSET_FILES;
use rnn_playground::lessons::char_model::{CharAnswer, CharRequest, Generation};
use rnn_playground::lessons::char_model::{CharOptions, GenerateOptions};
use rnn_playground::lessons::mnist_rows::{DigitBeliefs, MnistAnswer, MnistReport, MnistRequest};
use rnn_playground::lessons::time_series::SeriesPredictions;
use rnn_playground::lessons::{
    preset, CharData, Corpus, LessonId, LessonOptions, MnistData, MnistOptions, MnistRowsData,
    SeriesData, Split, View, ViewRequest,
};
use rnn_playground::nn::NetworkConfig;
use rnn_playground::train::{Session, TrainError, TrainSettings};

pub fn char_options(p: &str) -> CharOptions {
    match preset(p).unwrap().options {
        LessonOptions::CharModel(o) => o,
        _ => unreachable!(),
    }
}

/// A session on a lesson prepared from its options (and the shipped digits for MNIST).
pub fn session(
    options: LessonOptions,
    model: NetworkConfig,
    settings: TrainSettings,
    seed: u64,
) -> Result<Session, TrainError> {
    let corpus = match options.lesson() {
        LessonId::MnistRows => Corpus::MnistRows(shipped_mnist()),
        // The files the worker downloads (the NSMC subset for the reviews; none otherwise).
        other => rnn_playground::lessons::shipped_corpus(
            other,
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"),
        )
        .unwrap(),
    };
    Session::new(options.prepare(&corpus)?, model, settings, seed)
}

pub fn char_lesson(o: CharOptions) -> LessonOptions {
    LessonOptions::CharModel(o)
}

pub fn preset_session(id: &str, seed: u64) -> Session {
    let p = preset(id).unwrap();
    session(p.options, p.model, p.settings, seed).unwrap()
}

pub fn text(s: &Session) -> &CharData {
    s.lesson_data::<CharData>().expect("the character lesson")
}

pub fn memorised(s: &Session) -> (bool, Generation) {
    text(s).memorised(s.network()).unwrap()
}

pub fn generate(s: &Session, opts: &GenerateOptions) -> Result<Generation, TrainError> {
    match s.view(&ViewRequest::CharModel(CharRequest::Generate(opts.clone())))? {
        View::CharModel(CharAnswer::Generated(g)) => Ok(g),
        v => panic!("{v:?}"),
    }
}

pub fn digits(s: &Session) -> &MnistRowsData {
    s.lesson_data::<MnistRowsData>().expect("the MNIST lesson")
}

pub fn mnist_report(s: &Session, split: Split) -> MnistReport {
    digits(s).report(s.network(), split).unwrap()
}

pub fn digit_beliefs(s: &Session, split: Split, index: usize) -> DigitBeliefs {
    match s
        .view(&ViewRequest::MnistRows(MnistRequest::Digit {
            split,
            index,
        }))
        .unwrap()
    {
        View::MnistRows(MnistAnswer::Digit { beliefs, .. }) => beliefs,
        v => panic!("{v:?}"),
    }
}

pub fn series_predictions(s: &Session) -> SeriesPredictions {
    let series = s.lesson_data::<SeriesData>().expect("the series lesson");
    series
        .predictions(s.network(), s.status().update, s.status().update > 0)
        .unwrap()
}

pub fn shipped_mnist() -> MnistData {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mnist");
    let f: Vec<Vec<u8>> = SUBSET_FILES
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    MnistData::from_headerless(&f[0], &f[1], &f[2], &f[3]).unwrap()
}

pub fn small_mnist(train: usize, test: usize, validation: usize) -> LessonOptions {
    LessonOptions::MnistRows(MnistOptions {
        train_limit: Some(train),
        test_limit: Some(test),
        validation,
        ..MnistOptions::default()
    })
}

pub fn weights(s: &Session) -> Vec<f32> {
    s.network()
        .params()
        .views()
        .iter()
        .flat_map(|v| v.iter().copied().collect::<Vec<_>>())
        .collect()
}

pub fn run_epochs(s: &mut Session, n: u64) {
    for _ in 0..n {
        s.run_epoch().unwrap();
    }
}
