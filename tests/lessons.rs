//! Lessons and training sessions, end to end: the character model memorises the course's
//! sentence, MNIST rows learn, the series is predicted, and the session's guarantees (reset,
//! settings, inspection, divergence guard, early stopping, model files, bounded history) hold.

use rnn_playground::data::mnist::SUBSET_FILES;
use rnn_playground::lessons::char_model::{
    AlphabetChoice, CharLoss, CharOptions, GenerateOptions, Sampling,
};
use rnn_playground::lessons::char_model::{CharAnswer, CharDetail, CharRequest, Generation};
use rnn_playground::lessons::mnist_rows::{
    DigitBeliefs, DigitDetail, MnistAnswer, MnistReport, MnistRequest,
};
use rnn_playground::lessons::time_series::{SeriesAnswer, SeriesOptions, SeriesPredictions};
use rnn_playground::lessons::{
    preset, presets, CharData, Corpus, ExampleRef, InputEncoding, InspectionDetail, LessonId,
    LessonOptions, MnistData, MnistOptions, MnistRowsData, SeriesData, Split, View, ViewRequest,
};
use rnn_playground::nn::{CellKind, Head, NetworkConfig};
use rnn_playground::optim::{Optimizer, OptimizerConfig, SgdConfig};
use rnn_playground::train::{EarlyStopping, Session, TrainError, TrainSettings};
use rnn_playground::worker::messages::{wire, FromWorker, OpenLesson, Progress, Speed, ToWorker};
use std::time::Instant;

fn char_options(p: &str) -> CharOptions {
    match preset(p).unwrap().options {
        LessonOptions::CharModel(o) => o,
        _ => unreachable!(),
    }
}

/// A session on a lesson prepared from its options (and the shipped digits for MNIST).
fn session(
    options: LessonOptions,
    model: NetworkConfig,
    settings: TrainSettings,
    seed: u64,
) -> Result<Session, TrainError> {
    let corpus = match options.lesson() {
        LessonId::MnistRows => Corpus::MnistRows(shipped_mnist()),
        other => other.parse_corpus(&[]).unwrap(),
    };
    Session::new(options.prepare(&corpus)?, model, settings, seed)
}

fn char_lesson(o: CharOptions) -> LessonOptions {
    LessonOptions::CharModel(o)
}

fn preset_session(id: &str, seed: u64) -> Session {
    let p = preset(id).unwrap();
    session(p.options, p.model, p.settings, seed).unwrap()
}

fn text(s: &Session) -> &CharData {
    s.lesson_data::<CharData>().expect("the character lesson")
}

fn memorised(s: &Session) -> (bool, Generation) {
    text(s).memorised(s.network()).unwrap()
}

fn generate(s: &Session, opts: &GenerateOptions) -> Result<Generation, TrainError> {
    match s.view(&ViewRequest::CharModel(CharRequest::Generate(opts.clone())))? {
        View::CharModel(CharAnswer::Generated(g)) => Ok(g),
        v => panic!("{v:?}"),
    }
}

fn digits(s: &Session) -> &MnistRowsData {
    s.lesson_data::<MnistRowsData>().expect("the MNIST lesson")
}

fn mnist_report(s: &Session, split: Split) -> MnistReport {
    digits(s).report(s.network(), split).unwrap()
}

fn digit_beliefs(s: &Session, split: Split, index: usize) -> DigitBeliefs {
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

fn series_predictions(s: &Session) -> SeriesPredictions {
    let series = s.lesson_data::<SeriesData>().expect("the series lesson");
    series
        .predictions(s.network(), s.status().update, s.status().update > 0)
        .unwrap()
}

fn shipped_mnist() -> MnistData {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mnist");
    let f: Vec<Vec<u8>> = SUBSET_FILES
        .iter()
        .map(|n| std::fs::read(dir.join(n)).unwrap())
        .collect();
    MnistData::from_headerless(&f[0], &f[1], &f[2], &f[3]).unwrap()
}

fn small_mnist(train: usize, test: usize, validation: usize) -> LessonOptions {
    LessonOptions::MnistRows(MnistOptions {
        train_limit: Some(train),
        test_limit: Some(test),
        validation,
        ..MnistOptions::default()
    })
}

fn weights(s: &Session) -> Vec<f32> {
    s.network()
        .params()
        .views()
        .iter()
        .flat_map(|v| v.iter().copied().collect::<Vec<_>>())
        .collect()
}

fn run_epochs(s: &mut Session, n: u64) {
    for _ in 0..n {
        s.run_epoch().unwrap();
    }
}

// ---- the lessons learn --------------------------------------------------------------------

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

// ---- the session's guarantees -------------------------------------------------------------

fn dropout_session(seed: u64) -> Session {
    let p = preset("char-own-text-gru").unwrap();
    session(
        char_lesson(char_options("char-own-text-gru")),
        NetworkConfig {
            num_layers: 2,
            hidden_size: 16,
            ..p.model
        },
        TrainSettings {
            dropout: 0.3,
            batch_size: 1,
            ..p.settings
        },
        seed,
    )
    .unwrap()
}

#[test]
fn reset_gives_bit_identical_weights_order_dropout_and_counters() {
    let mut a = dropout_session(5);
    let fresh = dropout_session(5);
    assert_eq!(a.export_model(), fresh.export_model());
    let first: Vec<_> = (0..5).map(|_| a.step().unwrap()).collect();
    assert_ne!(weights(&a), weights(&fresh));
    a.reset();
    assert_eq!(weights(&a), weights(&fresh));
    assert_eq!((a.epoch(), a.update()), (0, 0));
    assert!(a.history().loss.is_empty());
    assert_eq!(a.optimizer().steps(), 0);
    let again: Vec<_> = (0..5).map(|_| a.step().unwrap()).collect();
    assert_eq!(
        first, again,
        "same batches, same dropout masks, same numbers"
    );
    // Another seed: other weights; reseeding back restores the first.
    a.reseed(6);
    assert_ne!(weights(&a), weights(&fresh));
    a.reseed(5);
    assert_eq!(weights(&a), weights(&fresh));
}

#[test]
fn settings_changes_take_effect_next_update_and_keep_the_weights() {
    let mut s = preset_session("series-fast-lstm", 3);
    for _ in 0..5 {
        s.step().unwrap();
    }
    let w = weights(&s);
    let state = s.optimizer().state();
    // Learning rate only: weights and Adam moments kept.
    let mut new = s.settings().clone();
    new.optimizer = rnn_playground::train::with_lr(&new.optimizer, 1e-4);
    new.clip_grad_norm = Some(0.5);
    new.batch_size = 3;
    new.dropout = 0.2;
    new.truncate = Some(2);
    let change = s.set_settings(new).unwrap();
    assert!(change.optimizer_state_kept);
    assert_eq!(change.from_update, 6);
    assert_eq!(weights(&s), w);
    assert_eq!(s.optimizer().state(), state);
    assert_eq!(s.optimizer().lr(), 1e-4);
    assert_eq!(s.model().dropout, 0.2);
    assert!(change.changed.iter().any(|c| c.starts_with("lr ")));
    let r = s.step().unwrap();
    assert_eq!((r.lr, r.batch_size), (1e-4, 3));
    assert!(r.grad_norm > 0.0);
    // Another optimizer: weights kept, optimizer state fresh.
    let w = weights(&s);
    let mut sgd = s.settings().clone();
    sgd.optimizer = OptimizerConfig::Sgd(SgdConfig {
        lr: 0.01,
        momentum: 0.9,
        ..SgdConfig::default()
    });
    let change = s.set_settings(sgd).unwrap();
    assert!(!change.optimizer_state_kept);
    assert_eq!(weights(&s), w);
    assert_eq!(s.optimizer().steps(), 0);
    assert!(s
        .history()
        .markers
        .iter()
        .any(|m| m.what == "optimizer adam → sgd"));
    // A bad setting changes nothing.
    let mut bad = s.settings().clone();
    bad.batch_size = 0;
    let before = s.settings().clone();
    assert!(s
        .set_settings(bad)
        .unwrap_err()
        .to_string()
        .contains("batch_size"));
    assert_eq!(s.settings(), &before);
}

#[test]
fn model_structure_changes_are_detected_and_rebuild_from_the_seed() {
    let mut s = preset_session("mnist-fast-gru", 1);
    let same = NetworkConfig {
        dropout: 0.5,
        ..s.model().clone()
    };
    assert!(!s.needs_rebuild(&same), "dropout is a training setting");
    // The lesson fits sizes: a per-step head or wrong input size is not a structural change.
    let fitted_anyway = NetworkConfig {
        input_size: 3,
        head: Head::PerStep,
        ..s.model().clone()
    };
    assert!(!s.needs_rebuild(&fitted_anyway));
    let bigger = NetworkConfig {
        hidden_size: 40,
        ..s.model().clone()
    };
    assert!(s.needs_rebuild(&bigger));
    assert!(s.needs_rebuild(&NetworkConfig {
        bidirectional: true,
        ..s.model().clone()
    }));
    s.step().unwrap();
    s.rebuild(&bigger).unwrap();
    assert_eq!((s.model().hidden_size, s.update()), (40, 0));
    // Char model: the encoding is structural.
    let mut s = preset_session("char-course-lstm", 0);
    let emb = InputEncoding::Embedding { dim: 8 }.apply(s.model());
    assert!(s.needs_rebuild(&emb));
    s.rebuild(&emb).unwrap();
    assert_eq!((s.model().vocab_size, s.model().input_size), (Some(35), 8));
    let r = s.step().unwrap();
    assert!(r.loss.is_finite());
    assert!(text(&s).memorised(s.network()).is_ok());
    assert!(s.needs_rebuild(&InputEncoding::OneHot.apply(s.model())));
}

#[test]
fn inspect_traces_one_example_without_side_effects() {
    // Character lesson: per-step top-5 and traces.
    let mut s = preset_session("char-course-lstm", 2);
    for _ in 0..20 {
        s.step().unwrap();
    }
    let mut twin = s.clone();
    let (w, hist) = (weights(&s), s.history().clone());
    let ins = s
        .inspect(&ExampleRef::Span {
            start: 0,
            len: None,
        })
        .unwrap();
    assert_eq!(ins.input_labels.len(), 69);
    assert_eq!(ins.input_labels[0], "⟨s⟩");
    assert_eq!(ins.input_labels[6], "␣");
    assert_eq!(ins.forward.directions[0].steps.len(), 69);
    assert_eq!(ins.backward.directions[0].steps.len(), 69);
    assert_eq!(ins.forward.head.step_losses.len(), 69);
    let InspectionDetail::CharModel(CharDetail { steps }) = &ins.detail else {
        panic!("char detail")
    };
    assert_eq!(steps.len(), 69);
    assert_eq!(steps[0].target, "h");
    assert!(steps.iter().all(|st| st.top5.len() == 5));
    assert!(serde_json::to_string(&ins).unwrap().contains("\"top5\""));
    // No side effects: same weights, history, and the next update is what it would have been.
    assert_eq!(weights(&s), w);
    assert_eq!(s.history(), &hist);
    assert_eq!(s.step().unwrap(), twin.step().unwrap());

    // MNIST: beliefs after each row, for a digit and a drawn digit.
    let mut m = session(
        small_mnist(500, 100, 0),
        preset("mnist-fast-gru").unwrap().model,
        TrainSettings::adam(5e-3),
        0,
    )
    .unwrap();
    m.run_epoch().unwrap();
    let ins = m
        .inspect(&ExampleRef::Item {
            split: Split::Test,
            index: 3,
        })
        .unwrap();
    assert_eq!(ins.input_labels.len(), 28);
    // Rows count from 0, as timesteps do (the tour asks about row 0 and row 27).
    assert_eq!(
        (ins.input_labels[0].as_str(), ins.input_labels[27].as_str()),
        ("row 0", "row 27")
    );
    let InspectionDetail::MnistRows(DigitDetail { beliefs, .. }) = &ins.detail else {
        panic!("digit detail")
    };
    assert_eq!(beliefs.per_row.len(), 28);
    assert_eq!(beliefs.method, "head_on_each_step");
    for row in &beliefs.per_row {
        assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    }
    // The belief after the last row is the model's answer.
    let last = beliefs.per_row.last().unwrap();
    for (a, b) in last.iter().zip(&beliefs.probabilities) {
        assert!((a - b).abs() < 1e-5);
    }
    let drawn = vec![0.0f32; 784];
    let ins = m
        .inspect(&ExampleRef::Drawn {
            pixels: drawn.clone(),
            label: None,
        })
        .unwrap();
    assert!(matches!(
        ins.detail,
        InspectionDetail::MnistRows(DigitDetail {
            target_is_prediction: true,
            ..
        })
    ));
    let short = MnistRequest::Drawn {
        pixels: drawn[..10].to_vec(),
    };
    assert!(m.view(&ViewRequest::MnistRows(short)).is_err());
    let wrong = m
        .inspect(&ExampleRef::Span {
            start: 0,
            len: None,
        })
        .unwrap_err();
    assert!(matches!(wrong, TrainError::WrongLesson(_)));

    // Series: prediction vs truth in series units.
    let ser = preset_session("series-fast-lstm", 0);
    let ins = ser
        .inspect(&ExampleRef::Item {
            split: Split::Test,
            index: 0,
        })
        .unwrap();
    let InspectionDetail::TimeSeries(point) = &ins.detail else {
        panic!("series detail")
    };
    assert_eq!(point.window.len(), 10);
    assert!(point.truth.is_finite() && point.predicted.is_finite());
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
fn divergence_is_caught_and_the_last_good_weights_restored() {
    let mut s = preset_session("series-fast-lstm", 0);
    for _ in 0..3 {
        s.step().unwrap();
    }
    let mut huge = s.settings().clone();
    huge.optimizer = OptimizerConfig::Sgd(SgdConfig {
        lr: 1e30,
        ..SgdConfig::default()
    });
    s.set_settings(huge).unwrap();
    let mut seen = vec![weights(&s)];
    let err = loop {
        match s.step() {
            Ok(_) => seen.push(weights(&s)),
            Err(e) => break e,
        }
        assert!(seen.len() < 50, "no divergence with lr 1e30");
    };
    let TrainError::Diverged { what, advice, .. } = &err else {
        panic!("expected divergence, got {err}")
    };
    assert!(["loss", "gradients", "weights"].contains(&what.as_str()));
    assert!(advice.contains("learning rate") && advice.contains("clipping"));
    assert!(err.to_string().contains("restored"));
    let w = weights(&s);
    assert!(w.iter().all(|v| v.is_finite()));
    // A bad loss or gradient comes from the last update's weights: back to those before it.
    // Bad new weights: back to those before this update.
    let expected = if what == "weights" {
        seen.last()
    } else {
        seen.len().checked_sub(2).map(|i| &seen[i])
    };
    assert_eq!(
        Some(&w),
        expected,
        "restored the weights of the right update ({what})"
    );
    let json = serde_json::to_value(&err).unwrap();
    assert_eq!(json["kind"], "diverged");
    // Lower the learning rate and clip: training goes on.
    let mut ok = s.settings().clone();
    ok.optimizer = OptimizerConfig::Sgd(SgdConfig {
        lr: 1e-3,
        ..SgdConfig::default()
    });
    ok.clip_grad_norm = Some(1.0);
    s.set_settings(ok).unwrap();
    s.step().unwrap();
}

#[test]
fn weights_that_overflow_are_refused_and_those_before_the_update_kept() {
    let mut s = preset_session("series-fast-lstm", 0);
    for _ in 0..3 {
        s.step().unwrap();
    }
    let before = weights(&s);
    let mut huge = s.settings().clone();
    // lr 1e39 is beyond f32: the step overflows to infinity at once.
    huge.optimizer = OptimizerConfig::Sgd(SgdConfig {
        lr: 1e39,
        ..SgdConfig::default()
    });
    huge.clip_grad_norm = None;
    s.set_settings(huge).unwrap();
    let err = s.step().unwrap_err();
    let TrainError::Diverged { what, .. } = &err else {
        panic!("expected divergence, got {err}")
    };
    assert_eq!(what, "weights");
    assert_eq!(weights(&s), before);
    // Training goes on from there, each update again keeping the one before it.
    let mut ok = s.settings().clone();
    ok.optimizer = OptimizerConfig::Sgd(SgdConfig {
        lr: 1e-3,
        ..SgdConfig::default()
    });
    s.set_settings(ok).unwrap();
    for _ in 0..3 {
        s.step().unwrap();
    }
    assert_ne!(weights(&s), before);
}

#[test]
fn early_stopping_restores_the_best_weights_and_stops() {
    let mut s = preset_session("series-fast-lstm", 0);
    let mut settings = s.settings().clone();
    settings.eval_every = 1;
    settings.early_stopping = Some(EarlyStopping {
        patience: 2,
        min_delta: 0.0,
    });
    s.set_settings(settings).unwrap();
    let mut snapshots = std::collections::HashMap::new();
    for _ in 0..5 {
        let r = s.run_epoch().unwrap();
        snapshots.insert(r.epoch, weights(&s));
    }
    // Make it worse on purpose: a learning rate far too high.
    let mut bad = s.settings().clone();
    bad.optimizer = rnn_playground::train::with_lr(&bad.optimizer, 0.5);
    s.set_settings(bad).unwrap();
    let report = loop {
        let r = s.run_epoch().unwrap();
        if r.stopped {
            break r;
        }
        snapshots.insert(r.epoch, weights(&s));
        assert!(r.epoch < 60, "never stopped");
    };
    let best = report.best_epoch.unwrap();
    assert!(best < report.epoch);
    assert_eq!(&weights(&s), &snapshots[&best]);
    assert!(s.is_stopped());
    assert!(matches!(s.step(), Err(TrainError::Stopped { .. })));
    s.reset();
    assert!(s.step().is_ok());
}

#[test]
fn early_stopping_is_off_by_default_and_on_where_the_course_uses_it() {
    for p in presets() {
        let es = p.settings.early_stopping;
        if p.lesson == LessonId::Sentiment && p.from_course {
            // The course's ModelCheckpoint + EarlyStopping(patience=3).
            assert_eq!(es.map(|e| e.patience), Some(3), "{}", p.id);
        } else if p.lesson == LessonId::Sentiment {
            // The app's own presets stop early too (the overfitting one a little later).
            assert!(es.is_some_and(|e| e.patience >= 3), "{}", p.id);
        } else {
            assert!(es.is_none(), "{}", p.id);
        }
    }
    assert!(TrainSettings::default().early_stopping.is_none());
}

#[test]
fn model_files_round_trip_through_the_session_and_bad_files_change_nothing() {
    let mut a = preset_session("char-fast-lstm", 0);
    for _ in 0..10 {
        a.step().unwrap();
    }
    let file = a.export_model();
    assert!(file.contains("rnn.weight_ih_l0") && file.contains("fc.bias"));
    let mut b = preset_session("char-fast-lstm", 99);
    b.import_model(&file).unwrap();
    assert_eq!(weights(&a), weights(&b));
    assert_eq!(b.export_model(), file);
    // Truncated JSON, or a model for another lesson: refused, session untouched.
    let before = b.export_model();
    let e = b.import_model(&file[..file.len() / 2]).unwrap_err();
    assert!(e.to_string().contains("JSON"), "{e}");
    let series = preset_session("series-fast-lstm", 0).export_model();
    let e = b.import_model(&series).unwrap_err();
    assert!(matches!(e, TrainError::WrongLesson(_)), "{e}");
    assert_eq!(b.export_model(), before);
    // Another hidden size for the same task is accepted and switches the architecture.
    let other = session(
        char_lesson(char_options("char-fast-lstm")),
        NetworkConfig {
            hidden_size: 20,
            cell: CellKind::Gru,
            ..NetworkConfig::default()
        },
        TrainSettings::adam(0.01),
        1,
    )
    .unwrap();
    b.import_model(&other.export_model()).unwrap();
    assert_eq!((b.model().hidden_size, b.model().cell), (20, CellKind::Gru));
    b.step().unwrap();
}

#[test]
fn history_stays_bounded_over_100k_updates() {
    let t = Instant::now();
    let mut s = session(
        char_lesson(CharOptions {
            text: "ab".into(),
            alphabet: AlphabetChoice::FromText,
            loss: CharLoss::CrossEntropy,
            ..CharOptions::default()
        }),
        NetworkConfig {
            cell: CellKind::Rnn,
            hidden_size: 2,
            ..NetworkConfig::default()
        },
        TrainSettings {
            eval_every: 1000,
            batch_size: 1,
            ..TrainSettings::adam(1e-3)
        },
        0,
    )
    .unwrap();
    let mut last_loss = 0.0;
    for _ in 0..100_000 {
        last_loss = s.step().unwrap().loss;
    }
    let h = s.history();
    assert!(
        h.loss.len() <= 2000 && h.loss.len() >= 1000,
        "{}",
        h.loss.len()
    );
    assert!(h.epoch_train_loss.len() <= 2000);
    assert_eq!(
        h.loss.points().iter().map(|p| p.count).sum::<u64>(),
        100_000
    );
    assert_eq!(h.loss.points().last().unwrap().x_last, 100_000);
    // An even resolution over the whole run: the first updates (where the loss falls fastest)
    // as finely as the last, every point but the newest holding the same number of updates.
    let points = h.loss.points();
    let per_point = points[0].count;
    assert!(per_point <= 100_000 / 1000, "{per_point}");
    assert!(points[..points.len() - 1]
        .iter()
        .all(|p| p.count == per_point));
    assert!(points.last().unwrap().count <= per_point);
    assert_eq!(points[0].x_first, 1);
    // The status line's loss is the last update's, not a mean.
    assert_eq!(h.loss.last(), Some(last_loss));
    assert!(h.total_points() <= 7 * 2000);
    let json = serde_json::to_string(h).unwrap();
    assert!(json.len() < 2_000_000);
    eprintln!("100k updates in {:.1} s", t.elapsed().as_secs_f64());
}

// ---- lesson details -----------------------------------------------------------------------

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
fn a_model_too_large_for_memory_is_refused_with_the_estimate_before_it_allocates() {
    let huge = NetworkConfig {
        hidden_size: 4096,
        num_layers: 2,
        ..preset("char-course-lstm").unwrap().model
    };
    let e = session(
        char_lesson(CharOptions::default()),
        huge.clone(),
        TrainSettings::default(),
        0,
    )
    .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("needs about") && text.contains("GB"),
        "{text}"
    );
    // A session that fits refuses a rebuild or a batch size past the limit, and keeps going.
    let mut s = preset_session("char-course-lstm", 0);
    assert!(s.rebuild(&huge).is_err());
    assert_eq!(s.model().hidden_size, 35);
    let mnist = preset("mnist-course-lstm").unwrap();
    let mut m = session(small_mnist(100, 10, 0), mnist.model, mnist.settings, 0).unwrap();
    let huge_batch = TrainSettings {
        batch_size: 100_000,
        ..m.settings().clone()
    };
    let before = m.settings().batch_size;
    assert!(m.set_settings(huge_batch).is_err());
    assert_eq!(m.settings().batch_size, before);
    assert!(m.step().is_ok());
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
    // 900 characters → 901 steps → windows of 64.
    assert_eq!(s.status().train_len, 901usize.div_ceil(64));
}

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
    // Traces (f32 byte strings inside tagged enums), full u64 seeds, NaN and skipped fields.
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
