//! The lessons, end to end: the character model memorises the course's sentence, MNIST rows
//! learn and report on the test digits, the series is predicted, generation, long texts on
//! windows, and bad lesson input refused. The session's guarantees are in `session.rs`, the
//! worker's messages in `wire.rs`.

#[path = "support/lessons.rs"]
mod common;
use common::*;
use rnn_playground::lessons::char_model::{AlphabetChoice, CharOptions, GenerateOptions, Sampling};
use rnn_playground::lessons::mnist_rows::MnistAnswer;
use rnn_playground::lessons::time_series::SeriesOptions;
use rnn_playground::lessons::{
    preset, AutoWindow, LessonId, LessonOptions, MnistData, Split, View,
};
use rnn_playground::nn::NetworkConfig;
use rnn_playground::optim::{OptimizerConfig, SgdConfig};
use rnn_playground::train::TrainSettings;
use std::time::Instant;

#[test]
fn course_char_model_memorises_the_sentence_with_rnn_lstm_and_gru() {
    for cell in ["rnn", "lstm", "gru"] {
        let t = Instant::now();
        let mut s = preset_session(&format!("char-course-{cell}"), 0);
        assert_eq!(s.model().hidden_size, 35);
        assert_eq!(s.settings().epochs, 1000);
        run_epochs(&mut s, 1000);
        let (memorised, g) = memorised(&s);
        assert!(memorised, "{cell} generated {:?}", g.text);
        assert_eq!(s.update(), 1000, "one update per epoch, as in the course");
        eprintln!("{cell}: memorised in {:.2} s", t.elapsed().as_secs_f64());
    }
}

#[test]
fn fast_char_preset_memorises_within_its_epochs() {
    let mut s = preset_session("char-fast-lstm", 1);
    let epochs = s.settings().epochs;
    run_epochs(&mut s, epochs);
    assert!(memorised(&s).0);
}

#[test]
fn fast_mnist_preset_beats_90_percent_on_the_test_subset_in_two_epochs() {
    let t = Instant::now();
    let mut s = preset_session("mnist-fast-lstm", 0);
    assert_eq!(s.status().train_len, 12_000);
    run_epochs(&mut s, 2);
    let r = mnist_report(&s, Split::Test);
    eprintln!(
        "MNIST fast preset: {:.2}% after 2 epochs in {:.1} s",
        r.accuracy * 100.0,
        t.elapsed().as_secs_f64()
    );
    assert_eq!(r.examples, 2000);
    assert!(r.accuracy > 0.90, "test accuracy {}", r.accuracy);
    let total: u32 = r.confusion.iter().flatten().sum();
    assert_eq!(total, 2000);
    let diag: u32 = (0..10).map(|i| r.confusion[i][i]).sum();
    assert_eq!(diag as usize + r.misclassified.len(), 2000);
}

#[test]
fn an_mnist_epoch_end_carries_the_test_report_its_metrics_came_from() {
    let mut s = session(
        small_mnist(300, 200, 0),
        preset("mnist-fast-lstm").unwrap().model,
        TrainSettings {
            batch_size: 100,
            ..preset("mnist-fast-lstm").unwrap().settings
        },
        3,
    )
    .unwrap();
    let mut end = None;
    while end.is_none() {
        end = s.step().unwrap().epoch_end;
    }
    let eval = end.unwrap().eval.expect("MNIST evaluates every epoch");
    let Some(View::MnistRows(MnistAnswer::Report { report, .. })) = eval.epoch_view else {
        panic!("the test report comes with the epoch's metrics")
    };
    let test = eval.test.unwrap();
    assert_eq!(report, mnist_report(&s, Split::Test));
    assert_eq!(
        (test.loss, test.accuracy),
        (report.loss, Some(report.accuracy))
    );
    assert_eq!(test.examples, 200);
}

#[test]
fn mnist_epoch_training_metrics_are_the_running_ones_of_its_updates() {
    // As Keras reports them during fit: over the epoch's batches (every training digit), not a
    // separate pass over the first 2,000. With the weights frozen (SGD, lr 0, no dropout) they
    // equal an evaluation of all training digits.
    let frozen = TrainSettings {
        batch_size: 100,
        dropout: 0.0,
        optimizer: OptimizerConfig::Sgd(SgdConfig {
            lr: 0.0,
            ..SgdConfig::default()
        }),
        ..preset("mnist-fast-lstm").unwrap().settings
    };
    let mut s = session(
        small_mnist(2_100, 100, 0),
        preset("mnist-fast-lstm").unwrap().model,
        frozen,
        5,
    )
    .unwrap();
    let all = mnist_report(&s, Split::Train);
    assert_eq!(all.examples, 2_100);
    let mut losses = Vec::new();
    let end = loop {
        let r = s.step().unwrap();
        losses.push(r.loss);
        if let Some(e) = r.epoch_end {
            break e;
        }
    };
    let train = end.eval.unwrap().train;
    assert_eq!(losses.len(), 21);
    assert_eq!(train.examples, 2_100);
    assert_eq!(train.accuracy, Some(all.accuracy));
    let mean = losses.iter().sum::<f64>() / 21.0;
    assert!(
        (train.loss - mean).abs() < 1e-12,
        "{} vs {mean}",
        train.loss
    );
    assert!((train.loss - all.loss).abs() < 1e-5 * all.loss);
    assert!(all.accuracy > 0.0);
}

#[test]
fn time_series_course_preset_predicts_far_better_than_the_mean() {
    let mut s = preset_session("series-course-lstm", 0);
    run_epochs(&mut s, 301);
    let p = series_predictions(&s);
    assert!(
        p.test_mse_scaled < 0.1 * p.baseline_mse_scaled,
        "test {} vs mean {}",
        p.test_mse_scaled,
        p.baseline_mse_scaled
    );
    assert_eq!(p.truth.len(), p.predicted.len());
    // The synthetic stock table: the first predicted day is the sixth weekday from 2019-01-30.
    assert_eq!(p.times.first().map(String::as_str), Some("2019-02-06"));
    assert!(p.test_rmse.is_finite() && p.test_mae <= p.test_rmse + 1e-12);
}

#[test]
fn bidirectional_flatten_mnist_beliefs_blank_the_unread_rows() {
    let s = session(
        small_mnist(200, 50, 0),
        preset("mnist-course-bilstm").unwrap().model,
        TrainSettings::adam(5e-3),
        0,
    )
    .unwrap();
    let b = digit_beliefs(&s, Split::Test, 0);
    assert_eq!(b.method, "rows_after_k_blanked");
    assert_eq!(b.per_row.len(), 28);
    assert_eq!(s.model().fc_in_features(), 28 * 12 * 2);
}

#[test]
fn a_char_epochs_training_accuracy_is_that_of_its_update_pass() {
    // Keras-like: the epoch's training loss and accuracy come from the update's own forward
    // pass (the weights before it; the course model has no dropout), not from a second pass.
    for id in ["char-course-lstm", "char-course-rnn"] {
        let mut s = preset_session(id, 3);
        let mut every = s.settings().clone();
        every.eval_every = 1;
        s.set_settings(every).unwrap();
        for _ in 0..20 {
            let before = s.evaluate().unwrap().train;
            let r = s.step().unwrap();
            let epoch = r.epoch_end.expect("one update per epoch");
            let train = epoch.eval.expect("evaluated every epoch").train;
            assert_eq!(train.accuracy, before.accuracy, "{id}");
            assert!(
                (train.loss - before.loss).abs() <= 1e-6 * before.loss.max(1.0),
                "{id}"
            );
        }
    }
}

#[test]
fn generation_is_seeded_stops_at_the_end_token_and_reports_top5() {
    let mut s = preset_session("char-fast-lstm", 0);
    run_epochs(&mut s, 150);
    let greedy = generate(&s, &GenerateOptions::default()).unwrap();
    assert!(greedy.ended);
    assert_eq!(greedy.text, rnn_playground::data::char_text::DEFAULT_TEXT);
    assert!(greedy.steps.iter().all(|st| st.top5.len() == 5));
    assert_eq!(greedy.steps[0].input, "⟨s⟩");
    let sampled = |seed| {
        generate(
            &s,
            &GenerateOptions {
                prompt: "how".into(),
                max_len: 30,
                sampling: Sampling::Temperature {
                    temperature: 1.5,
                    seed,
                },
            },
        )
        .unwrap()
    };
    assert_eq!(sampled(7), sampled(7));
    assert!(sampled(7).steps.len() <= 30);
    let e = generate(
        &s,
        &GenerateOptions {
            prompt: "HELLO".into(),
            ..GenerateOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("'H'"), "{e}");
    let e = generate(
        &s,
        &GenerateOptions {
            sampling: Sampling::Temperature {
                temperature: 0.0,
                seed: 0,
            },
            ..GenerateOptions::default()
        },
    )
    .unwrap_err();
    assert!(e.to_string().contains("temperature"));
}

#[test]
fn bad_lesson_input_is_refused_with_a_clear_message() {
    let open = |o: CharOptions| {
        session(
            char_lesson(o),
            NetworkConfig::default(),
            TrainSettings::default(),
            0,
        )
        .unwrap_err()
        .to_string()
    };
    let e = open(CharOptions {
        text: "Hello".into(),
        ..CharOptions::default()
    });
    assert!(e.contains("'H'") && e.contains("add it"), "{e}");
    assert!(open(CharOptions {
        text: String::new(),
        ..CharOptions::default()
    })
    .contains("empty"));
    assert!(open(CharOptions {
        text: "a".into(),
        ..CharOptions::default()
    })
    .contains("only 1 character"));
    // Own alphabet: Hangul and upper case are fine.
    session(
        char_lesson(CharOptions {
            text: "안녕 RNN!".into(),
            alphabet: AlphabetChoice::FromText,
            ..CharOptions::default()
        }),
        NetworkConfig::default(),
        TrainSettings::default(),
        0,
    )
    .unwrap();
    // MNIST files that are not IDX, or whose counts differ.
    let e = MnistData::from_idx(b"not an idx file", b"x", b"y", b"z").unwrap_err();
    assert!(e.to_string().contains("not an IDX file"), "{e}");
    let e = MnistData::from_headerless(&[0u8; 784 * 3], &[1, 2], &[0u8; 784], &[3]).unwrap_err();
    assert!(
        e.to_string().contains("3 digits") && e.to_string().contains("2 labels"),
        "{e}"
    );
    // Series too short for the window.
    let e = session(
        LessonOptions::TimeSeries(SeriesOptions {
            source: rnn_playground::lessons::SeriesSource::Values(vec![1.0, 2.0, 3.0]),
            window: 5,
            ..SeriesOptions::default()
        }),
        NetworkConfig::default(),
        TrainSettings::default(),
        0,
    )
    .unwrap_err();
    assert!(e.to_string().contains("at least 7 are needed"), "{e}");
    // Settings out of range.
    let e = session(
        char_lesson(CharOptions::default()),
        NetworkConfig::default(),
        TrainSettings {
            clip_grad_norm: Some(-1.0),
            ..TrainSettings::default()
        },
        0,
    )
    .unwrap_err();
    assert!(e.to_string().contains("clip_grad_norm"));
}

#[test]
fn long_texts_train_on_windows() {
    let text = "the quick brown fox jumps over the lazy dog. ".repeat(20);
    let s = session(
        char_lesson(CharOptions {
            text,
            ..CharOptions::default()
        }),
        NetworkConfig::default(),
        TrainSettings {
            batch_size: 4,
            ..TrainSettings::default()
        },
        0,
    )
    .unwrap();
    // 900 characters → 901 steps, more than the lesson trains whole → windows of 64.
    assert_eq!(
        LessonId::CharModel.auto_window(),
        Some(AutoWindow {
            above: 256,
            window: 64
        })
    );
    assert_eq!(s.status().train_len, 901usize.div_ceil(64));
}
