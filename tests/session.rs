//! The training session's guarantees, on real lessons: reset is bit-identical, settings take
//! effect at the next update, structure changes rebuild from the seed, inspection has no side
//! effects, divergence and overflow are caught, early stopping, model files, bounded history,
//! and models too large for memory refused before they allocate.

#[path = "support/lessons.rs"]
mod common;
use common::*;
use rnn_playground::lessons::char_model::CharDetail;
use rnn_playground::lessons::char_model::{AlphabetChoice, CharLoss, CharOptions};
use rnn_playground::lessons::mnist_rows::{DigitDetail, MnistRequest};
use rnn_playground::lessons::{
    preset, presets, Corpus, ExampleRef, InputEncoding, InspectionDetail, LessonId, Split,
    ViewRequest,
};
use rnn_playground::nn::{CellKind, Head, NetworkConfig};
use rnn_playground::optim::{Optimizer, OptimizerConfig, SgdConfig};
use rnn_playground::train::{EarlyStopping, Session, TrainError, TrainSettings};
use std::time::Instant;

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

/// A lesson's corpus from its shipped files, as the worker downloads them.
fn shipped_corpus(lesson: LessonId) -> Corpus {
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    rnn_playground::lessons::shipped_corpus(lesson, &assets).unwrap()
}

#[test]
fn every_preset_has_a_sequence_length_for_the_memory_check() {
    // The session sizes a model by its `seq_len`, else by the lesson's auto window: a lesson
    // with neither would be sized at one step and never refused.
    let corpora: std::collections::HashMap<LessonId, Corpus> = LessonId::ALL
        .iter()
        .map(|l| (*l, shipped_corpus(*l)))
        .collect();
    for p in presets() {
        let data = p.options.clone().prepare(&corpora[&p.lesson]).unwrap();
        let fitted = data.fit_model(&p.model);
        assert!(
            fitted.seq_len.is_some() || data.auto_window().is_some(),
            "{}",
            p.id
        );
        assert_eq!(data.auto_window(), p.lesson.auto_window());
        assert_eq!(data.loss(), p.options.loss(), "{}", p.id);
    }
}
