//! No silent leak of the answer: a model that would read what it must predict is refused by the
//! lesson, whatever asks for it (a new session, a rebuild from the controls, a model file), and
//! the lessons whose data could leak (the series' windows, splits and scaling; the reviews'
//! validation part) are held to what they promise.

use rnn_playground::lessons::char_model::BIDIRECTIONAL_LEAK;
use rnn_playground::lessons::time_series::{SeriesOptions, SeriesSource};
use rnn_playground::lessons::{
    preset, presets, Corpus, LessonId, LessonOptions, SeriesData, Split,
};
use rnn_playground::nn::{Network, NetworkConfig};
use rnn_playground::train::{Session, TrainError};
use rnn_playground::ui::glossary::{BIDIRECTIONAL, NEXT_CHARACTER, TIMESTEP};

fn corpus(lesson: LessonId) -> Corpus {
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    rnn_playground::lessons::shipped_corpus(lesson, &assets).unwrap()
}

fn bidirectional(model: &NetworkConfig) -> NetworkConfig {
    NetworkConfig {
        bidirectional: true,
        ..model.clone()
    }
}

fn char_session() -> Session {
    let p = preset("char-fast-lstm").unwrap();
    let data = p.options.prepare(&corpus(LessonId::CharModel)).unwrap();
    Session::new(data, p.model, p.settings, 3).unwrap()
}

fn assert_leak(e: TrainError) {
    assert_eq!(e.kind(), "leak", "{e}");
    assert_eq!(e.to_string(), BIDIRECTIONAL_LEAK.en);
    assert_eq!(e.korean(), BIDIRECTIONAL_LEAK.ko);
}

#[test]
fn the_reason_is_one_sentence_in_both_languages_in_the_courses_terms() {
    let r = BIDIRECTIONAL_LEAK;
    assert!(r.en.starts_with("A bidirectional network"));
    assert!(r.en.contains("Next-character prediction"));
    for term in [BIDIRECTIONAL, NEXT_CHARACTER, TIMESTEP] {
        assert!(r.ko.contains(term.ko), "{} missing in {}", term.ko, r.ko);
    }
    assert!(!r.ko.to_lowercase().contains("bidirectional"));
}

#[test]
fn a_bidirectional_char_model_is_refused_when_a_session_opens() {
    for p in presets()
        .into_iter()
        .filter(|p| p.lesson == LessonId::CharModel)
    {
        let data = p.options.prepare(&corpus(LessonId::CharModel)).unwrap();
        let e = Session::new(data, bidirectional(&p.model), p.settings, 1).unwrap_err();
        assert_leak(e);
    }
}

#[test]
fn a_rebuild_to_bidirectional_is_refused_and_the_open_model_stays() {
    let mut s = char_session();
    s.step().unwrap();
    let (model, update, weights) = (s.model().clone(), s.update(), s.export_model());
    assert_leak(s.rebuild(&bidirectional(&model)).unwrap_err());
    assert_eq!(s.model(), &model);
    assert_eq!(s.update(), update);
    assert_eq!(s.export_model(), weights, "the weights stay");
}

#[test]
fn a_bidirectional_char_model_file_is_refused_and_the_open_model_stays() {
    let mut s = char_session();
    let file = Network::<f32>::new(&bidirectional(s.model()), 7)
        .unwrap()
        .to_json();
    let (model, weights) = (s.model().clone(), s.export_model());
    assert_leak(s.import_model(&file).unwrap_err());
    assert_eq!(s.model(), &model);
    assert_eq!(s.export_model(), weights);
}

#[test]
fn the_leak_check_names_a_model_without_it_and_only_the_char_lesson_refuses() {
    for p in presets() {
        assert_eq!(p.options.leak(&p.model), None, "preset {} leaks", p.id);
        let bi = bidirectional(&p.model);
        match p.lesson {
            LessonId::CharModel => {
                let leak = p.options.leak(&bi).expect("refused");
                assert_eq!(leak.reason.en, BIDIRECTIONAL_LEAK.en);
                assert_eq!(leak.without, p.model, "what a link falls back to");
            }
            // Many-to-one: the whole sequence is input, the answer is not part of it.
            _ => assert_eq!(p.options.leak(&bi), None, "preset {}", p.id),
        }
    }
}

#[test]
fn a_bidirectional_model_trains_where_it_reads_no_answer() {
    for lesson in [
        LessonId::MnistRows,
        LessonId::TimeSeries,
        LessonId::Sentiment,
    ] {
        let p = presets()
            .into_iter()
            .find(|p| p.lesson == lesson && !p.from_course)
            .unwrap();
        let data = p.options.prepare(&corpus(lesson)).unwrap();
        Session::new(data, bidirectional(&p.model), p.settings, 1).unwrap();
    }
}

// ---- the series: the target among the features, splits, scaling -----------------------------

#[test]
fn a_series_window_never_reads_the_row_it_predicts_even_with_the_target_among_the_features() {
    // The target (`v`) is also a feature: the window for row t must end at row t − 1.
    let text: String = std::iter::once("v,w\n".to_string())
        .chain((0..60).map(|i| format!("{},{}\n", i * 3, (i * 7) % 11)))
        .collect();
    let o = SeriesOptions {
        source: SeriesSource::Table {
            name: "t.csv".into(),
            text,
        },
        features: vec!["v".into(), "w".into()],
        target: Some("v".into()),
        window: 4,
        train_fraction: 0.6,
        validation_fraction: 0.2,
        ..SeriesOptions::default()
    };
    let d = SeriesData::new(o).unwrap();
    let w = &d.windows;
    assert_eq!(w.features, ["v", "w"]);
    for split in [Split::Train, Split::Validation, Split::Test] {
        let rows = w.targets(split);
        let idx: Vec<usize> = (0..rows.len()).collect();
        let (x, y) = w.batch(split, &idx).unwrap();
        for (b, t) in rows.clone().enumerate() {
            let last = w.scalers[0].inverse_transform(f64::from(x[[b, 3, 0]]));
            assert_eq!(
                last.round(),
                (3 * (t - 1)) as f64,
                "row {t} reads row t−1 last"
            );
            assert_eq!(w.unscale(y[[b, 0]]).round(), (3 * t) as f64);
        }
    }
    // Training, validation and test targets never overlap, in time order.
    let (tr, va, te) = (
        w.targets(Split::Train),
        w.targets(Split::Validation),
        w.targets(Split::Test),
    );
    assert!(
        tr.end <= va.start && va.end <= te.start,
        "{tr:?} {va:?} {te:?}"
    );
    // MinMax is fitted on the training rows only: the test rows scale above 1.
    assert_eq!(w.scalers[0].max(), (3 * (w.train_end - 1)) as f64);
    assert!(w.y(59) > 1.0);
}

#[test]
fn the_series_lesson_says_in_the_app_that_nothing_leaks() {
    let t = rnn_playground::lessons::time_series::NO_LEAK;
    for s in ["t−1", "training rows only", "never overlap"] {
        assert!(t.en.contains(s), "{s}");
    }
    for s in ["t−1", "훈련 행에만", "겹치지"] {
        assert!(t.ko.contains(s), "{s}");
    }
}

// ---- the reviews: validation held out of training ---------------------------------------------

#[test]
fn the_review_validation_part_is_held_out_of_training_and_its_vocabulary() {
    use rnn_playground::lessons::sentiment::SentimentData;
    let p = presets()
        .into_iter()
        .find(|p| p.lesson == LessonId::Sentiment && p.from_course)
        .unwrap();
    let LessonOptions::Sentiment(o) = p.options else {
        unreachable!()
    };
    let Corpus::Sentiment(reviews) = corpus(LessonId::Sentiment) else {
        unreachable!()
    };
    let d = SentimentData::new(o, &reviews).unwrap();
    let (n_train, n_val) = (d.train.texts.len(), d.validation.texts.len());
    assert!(n_val > 0);
    assert_eq!(
        n_train + n_val,
        reviews.train.len(),
        "every review in one part"
    );
    // The same text may be written by two people; count how often a validation text is also a
    // training text (the course's train_test_split has the same duplicates).
    let train: std::collections::HashSet<&str> = d.train.texts.iter().map(String::as_str).collect();
    let dup = d
        .validation
        .texts
        .iter()
        .filter(|t| train.contains(t.as_str()))
        .count();
    let n_test = d.test.texts.len();
    let dup_test = d
        .test
        .texts
        .iter()
        .filter(|t| train.contains(t.as_str()))
        .count();
    eprintln!(
        "validation texts also in training: {dup} of {n_val}; test texts also in training: {dup_test} of {n_test}"
    );
    assert_eq!(d.repeated, (dup, dup_test), "what the vocabulary card says");
    assert_eq!(dup, 0, "validation reviews that repeat a training text");
    assert_eq!(dup_test, 0, "test reviews that repeat a training text");
}
