//! The worker's messages as they cross: JSON for what the page writes and reads, and the
//! binary wire format (`worker::wire`) carrying every message unchanged.

#[path = "support/lessons.rs"]
mod common;
use common::*;
use rnn_playground::lessons::mnist_rows::MnistRequest;
use rnn_playground::lessons::time_series::SeriesAnswer;
use rnn_playground::lessons::{preset, presets, ExampleRef, LessonId, View, ViewRequest};
use rnn_playground::optim::Optimizer;
use rnn_playground::train::TrainSettings;
use rnn_playground::worker::messages::{
    wire, FromWorker, ModelSummary, OpenLesson, Progress, Speed, ToWorker,
};

#[test]
fn messages_for_the_worker_are_json() {
    let mut s = preset_session("mnist-fast-gru", 0);
    let r = s.step().unwrap();
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["update"], 1);
    let settings: TrainSettings = serde_json::from_str(
        r#"{"optimizer": {"kind": "rmsprop", "lr": 0.002}, "clip_grad_norm": 1.0, "truncate": 7}"#,
    )
    .unwrap();
    s.set_settings(settings).unwrap();
    assert_eq!(s.optimizer().lr(), 0.002);
    serde_json::to_string(&s.status()).unwrap();
    serde_json::to_string(&s.evaluate().unwrap()).unwrap();
    serde_json::to_string(&presets()).unwrap();
    assert_eq!(
        presets()
            .iter()
            .filter(|p| p.lesson == LessonId::MnistRows && p.from_course)
            .count(),
        4
    );
}

#[test]
fn worker_messages_cross_the_wire_unchanged() {
    // Traces (f32 byte strings inside tagged enums), full u64 seeds, NaN.
    let mut s = preset_session("char-course-lstm", 3);
    s.step().unwrap();
    let ins = s
        .inspect(&ExampleRef::Span {
            start: 0,
            len: None,
        })
        .unwrap();
    let sent = FromWorker::Inspection(Box::new(ins));
    let back: FromWorker = wire::from_bytes(&wire::to_bytes(&sent).unwrap()).unwrap();
    assert_eq!(back, sent);

    let p = preset("mnist-fast-lstm").unwrap();
    let open = ToWorker::Open(Box::new(OpenLesson {
        options: p.options.clone(),
        model: p.model.clone(),
        settings: p.settings.clone(),
        seed: u64::MAX,
        assets_base: "http://x/".into(),
        restore: true,
    }));
    let back: ToWorker = wire::from_bytes(&wire::to_bytes(&open).unwrap()).unwrap();
    assert_eq!(back, open);
    for m in [
        ToWorker::SetSpeed(Speed::PerSecond(0.5)),
        ToWorker::View(ViewRequest::MnistRows(MnistRequest::Drawn {
            pixels: vec![0.25; 784],
        })),
    ] {
        assert_eq!(
            wire::from_bytes::<ToWorker>(&wire::to_bytes(&m).unwrap()).unwrap(),
            m
        );
    }

    let diverged = FromWorker::Progress(Progress {
        loss: Some(f64::NAN),
        grad_norm: Some(f64::INFINITY),
        ..Progress::default()
    });
    let FromWorker::Progress(p) = wire::from_bytes(&wire::to_bytes(&diverged).unwrap()).unwrap()
    else {
        panic!("a progress message")
    };
    assert!(p.loss.unwrap().is_nan());
    assert_eq!(p.grad_norm, Some(f64::INFINITY));

    let series = series_predictions(&preset_session("series-fast-lstm", 1));
    let view = FromWorker::View(Box::new(View::TimeSeries(SeriesAnswer::Predictions(
        series,
    ))));
    assert_eq!(
        wire::from_bytes::<FromWorker>(&wire::to_bytes(&view).unwrap()).unwrap(),
        view
    );
    // Bytes that are not a message are an error, not a panic.
    assert!(wire::from_bytes::<FromWorker>(&[0xc1, 0, 1]).is_err());
    assert!(wire::from_bytes::<ToWorker>(&[]).is_err());
}

#[test]
fn every_preset_opens_trains_and_is_inspected_across_the_wire() {
    use rnn_playground::lessons::{CorpusSize, Split};
    let round_trip_to = |m: &ToWorker| {
        let back: ToWorker =
            wire::from_bytes(&wire::to_bytes(m).unwrap()).unwrap_or_else(|e| panic!("{e}: {m:?}"));
        assert_eq!(&back, m);
    };
    let round_trip_from = |m: &FromWorker| {
        let back: FromWorker = wire::from_bytes(&wire::to_bytes(m).unwrap()).unwrap();
        assert_eq!(&back, m);
    };
    // A table loaded from disk travels inside the options (the series' own source).
    let mut p = preset("series-course-gru").unwrap();
    if let rnn_playground::lessons::LessonOptions::TimeSeries(o) = &mut p.options {
        o.source = rnn_playground::lessons::SeriesSource::Table {
            name: "kospi_like.csv".into(),
            text: std::fs::read_to_string(
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/kospi_like.csv"),
            )
            .unwrap(),
        };
    }
    let mut all = presets();
    all.push(p);
    for p in all {
        round_trip_to(&ToWorker::Open(Box::new(OpenLesson {
            options: p.options.clone(),
            model: p.model.clone(),
            settings: p.settings.clone(),
            seed: 7,
            assets_base: "/".into(),
            restore: false,
        })));
        let mut s = preset_session(&p.id, 1);
        s.step().unwrap();
        let example = if p.lesson == LessonId::CharModel {
            ExampleRef::Span {
                start: 0,
                len: Some(4),
            }
        } else {
            ExampleRef::Item {
                split: Split::Test,
                index: 0,
            }
        };
        let ins = s.inspect(&example).unwrap();
        round_trip_from(&FromWorker::Inspection(Box::new(ins)));
        round_trip_from(&FromWorker::Opened {
            summary: ModelSummary::of(s.network()),
            model: s.model().clone(),
            seed: s.seed(),
            examples: s.status().train_len,
            picker: s.picker(),
            corpus: Some(CorpusSize {
                train: 60_000,
                test: 10_000,
            }),
        });
    }
}
