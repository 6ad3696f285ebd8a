//! The memory-limit experiment (`train::memory_limit`): the recall task, the parameter budget,
//! the sweep's determinism, and the verdicts.

use rnn_playground::nn::{CellKind, Head, Network, NetworkConfig};
use rnn_playground::train::memory_limit::task::{RecallData, RecallTask};
use rnn_playground::train::memory_limit::{
    count, distances_up_to, limit, limits, match_budget, Checkpoint, MemorySweep, Progress,
    SweepConfig, Verdict,
};

fn task(distance: usize) -> RecallTask {
    RecallTask {
        symbols: 4,
        distractors: 3,
        distance,
    }
}

/// The token at each step of a one-hot batch row.
fn tokens(x: &ndarray::Array3<f32>, b: usize) -> Vec<u8> {
    (0..x.dim().1)
        .map(|t| {
            let row = x.slice(ndarray::s![b, t, ..]);
            assert_eq!(row.sum(), 1.0, "one-hot row at step {t}");
            row.iter().position(|&v| v == 1.0).unwrap() as u8
        })
        .collect()
}

#[test]
fn a_batch_has_the_task_shape_and_its_answer_is_the_first_symbol() {
    for d in [0, 1, 5, 17] {
        let t = task(d);
        let mut data = RecallData::new(t, 50, 3);
        let b = data.next_batch(40);
        assert_eq!(b.x.dim(), (40, d + 2, 4 + 3 + 1));
        assert_eq!(b.y.len(), 40);
        for i in 0..40 {
            let toks = tokens(&b.x, i);
            assert_eq!(b.y[i], toks[0] as usize, "the answer is step 0's symbol");
            assert!(b.y[i] < 4);
            // No step but the first holds a symbol: the answer's only position is step 0.
            for &tok in &toks[1..=d] {
                assert!((4..7).contains(&tok), "distractor {tok} at d = {d}");
            }
            assert_eq!(toks[d + 1], 7, "the query mark is last");
        }
    }
}

#[test]
fn every_symbol_and_distractor_occurs() {
    let mut data = RecallData::new(task(6), 10, 1);
    let b = data.next_batch(400);
    let mut seen = [0usize; 8];
    for i in 0..400 {
        for tok in tokens(&b.x, i) {
            seen[tok as usize] += 1;
        }
    }
    assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    // Each symbol about a quarter of the answers.
    for s in 0..4 {
        let n = b.y.iter().filter(|&&y| y == s).count();
        assert!((60..=140).contains(&n), "symbol {s}: {n} of 400");
    }
}

#[test]
fn the_data_is_determined_by_its_seed() {
    let mut a = RecallData::new(task(9), 64, 11);
    let mut b = RecallData::new(task(9), 64, 11);
    let mut c = RecallData::new(task(9), 64, 12);
    assert_eq!(a.test, b.test);
    assert_ne!(a.test, c.test);
    for _ in 0..5 {
        let (x, y) = (a.next_batch(16), b.next_batch(16));
        assert_eq!(x, y);
        assert_ne!(x, c.next_batch(16));
    }
}

#[test]
fn training_batches_never_hold_a_held_out_sequence() {
    // 4 · 3^5 = 972 sequences, 200 held out: about one draw in five would be a test one.
    let mut data = RecallData::new(task(5), 200, 4);
    assert!(data.held_out);
    for _ in 0..20 {
        let b = data.next_batch(64);
        for i in 0..64 {
            assert!(!data.is_held_out(&tokens(&b.x, i)));
        }
    }
    // Too few sequences to hold any out: said, not pretended.
    assert!(!RecallData::new(task(1), 200, 4).held_out);
}

#[test]
fn each_cell_gets_the_hidden_size_closest_to_the_budget() {
    let (input, output) = (9, 4);
    for budget in [300, 1796, 5000] {
        for cell in CellKind::ALL {
            let b = match_budget(cell, input, output, budget);
            let cfg = NetworkConfig {
                cell,
                input_size: input,
                hidden_size: b.hidden,
                output_size: output,
                head: Head::LastStep,
                ..NetworkConfig::default()
            };
            let net = Network::<f32>::new(&cfg, 0).unwrap();
            assert_eq!(
                net.params().num_params(),
                b.params,
                "{cell:?}: the count is the model's"
            );
            for h in [b.hidden - 1, b.hidden + 1].into_iter().filter(|&h| h > 0) {
                let other = count(cell, input, h, output);
                assert!(
                    other.abs_diff(budget) >= b.params.abs_diff(budget),
                    "{cell:?} H={h}"
                );
            }
        }
    }
    // The default budget is the LSTM with 16 units; the others land within 3%.
    let cfg = SweepConfig::default();
    let sweep = MemorySweep::new(cfg.clone()).unwrap();
    for b in sweep.budgets() {
        let off = b.params.abs_diff(cfg.budget) as f64 / cfg.budget as f64;
        assert!(off < 0.03, "{b:?} against {}", cfg.budget);
    }
}

#[test]
fn distances_grow_and_end_at_the_maximum() {
    assert_eq!(
        distances_up_to(64),
        vec![1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64]
    );
    assert_eq!(distances_up_to(10), vec![1, 2, 3, 4, 6, 8, 10]);
    assert_eq!(distances_up_to(1), vec![1]);
}

fn small() -> SweepConfig {
    SweepConfig {
        distances: vec![1, 4],
        updates: 120,
        test_size: 64,
        seed: 5,
        ..SweepConfig::default()
    }
}

#[test]
fn the_sweep_is_determined_by_its_seed() {
    let a = MemorySweep::new(small()).unwrap().run_to_end().unwrap();
    let b = MemorySweep::new(small()).unwrap().run_to_end().unwrap();
    assert_eq!(a, b, "same seed, same accuracies and losses");
    assert_eq!(a.len(), 6, "three cells at two distances");
    let c = MemorySweep::new(SweepConfig { seed: 6, ..small() })
        .unwrap()
        .run_to_end()
        .unwrap();
    let losses = |r: &[rnn_playground::train::memory_limit::RunResult]| {
        r.iter().map(|r| r.test_loss).collect::<Vec<_>>()
    };
    assert_ne!(losses(&a), losses(&c), "another seed, other numbers");
}

#[test]
fn every_cell_masters_the_shortest_distance_and_the_runs_are_in_order() {
    let mut sweep = MemorySweep::new(SweepConfig {
        distances: vec![1],
        updates: 400,
        ..SweepConfig::default()
    })
    .unwrap();
    let results = sweep.run_to_end().unwrap();
    assert!(sweep.done());
    let order: Vec<CellKind> = results.iter().map(|r| r.cell).collect();
    assert_eq!(order, CellKind::ALL);
    for r in &results {
        assert!(r.accuracy >= 0.9, "{:?}: {}", r.cell, r.accuracy);
        assert_eq!(r.verdict, Verdict::Mastered);
        assert_eq!(r.checkpoints.last().unwrap().accuracy, r.accuracy);
        assert!(r.updates < 400, "a mastered run ends early ({})", r.updates);
    }
    let l = sweep.limits();
    assert!(l
        .iter()
        .all(|(_, best, failed)| *best == Some(1) && failed.is_none()));
}

fn cp(update: u64, test_loss: f64, accuracy: f64) -> Checkpoint {
    Checkpoint {
        update,
        test_loss,
        accuracy,
    }
}

#[test]
fn a_failure_is_a_budget_effect_only_while_the_held_out_numbers_still_improve() {
    let p = Progress::default();
    let mastered = [cp(50, 1.0, 0.5), cp(100, 0.1, 0.95)];
    assert_eq!(Verdict::judge(&mastered, 0.9, p), Verdict::Mastered);
    // Loss 1.0 at update 75 (¾ of 100), 0.8 at the end: 20% lower, still learning.
    let falling = [
        cp(25, 1.3, 0.3),
        cp(50, 1.2, 0.3),
        cp(75, 1.0, 0.4),
        cp(100, 0.8, 0.41),
    ];
    match Verdict::judge(&falling, 0.9, p) {
        Verdict::StillLearning {
            loss_drop,
            accuracy_rise,
        } => {
            assert!((loss_drop - 0.2).abs() < 1e-12);
            assert!((accuracy_rise - 0.01).abs() < 1e-12);
        }
        v => panic!("{v:?}"),
    }
    // Flat loss, accuracy up by 0.1: still learning; by 0.04 (a flicker): stalled.
    let rising = [cp(75, 1.0, 0.40), cp(100, 0.99, 0.50)];
    let flicker = [cp(75, 1.386, 0.22), cp(100, 1.385, 0.26)];
    assert_eq!(Verdict::judge(&flicker, 0.9, p).key(), "stalled");
    assert_eq!(Verdict::judge(&rising, 0.9, p).key(), "still_learning");
    // Flat at chance: stalled.
    let flat = [
        cp(25, 1.40, 0.25),
        cp(75, 1.386, 0.26),
        cp(100, 1.385, 0.25),
    ];
    assert_eq!(Verdict::judge(&flat, 0.9, p).key(), "stalled");
    // Progress before the last quarter does not count.
    let early = [
        cp(25, 1.4, 0.25),
        cp(50, 0.9, 0.6),
        cp(75, 0.9, 0.6),
        cp(100, 0.89, 0.6),
    ];
    assert_eq!(Verdict::judge(&early, 0.9, p).key(), "stalled");
}

#[test]
fn the_limit_is_the_end_of_the_unbroken_run_of_mastered_distances() {
    let stalled = Verdict::Stalled {
        loss_drop: 0.0,
        accuracy_rise: 0.0,
    };
    let m = Verdict::Mastered;
    assert_eq!(
        limit(&[(1, m), (2, m), (4, stalled), (8, m)]),
        (Some(2), Some((4, stalled)))
    );
    assert_eq!(limit(&[(1, stalled), (2, m)]), (None, Some((1, stalled))));
    assert_eq!(limit(&[(1, m), (3, m)]), (Some(3), None));
    // From results in any order, per cell.
    let mut results = MemorySweep::new(SweepConfig {
        distances: vec![1, 2],
        updates: 300,
        cells: vec![CellKind::Gru],
        ..SweepConfig::default()
    })
    .unwrap()
    .run_to_end()
    .unwrap();
    results.reverse();
    let l = limits(&[CellKind::Gru, CellKind::Rnn], &results);
    assert_eq!(l[0].0, CellKind::Gru);
    assert_eq!(l[0].1, Some(2));
    assert_eq!(l[1], (CellKind::Rnn, None, None), "no result, no limit");
}

#[test]
fn bad_settings_are_refused() {
    for cfg in [
        SweepConfig {
            cells: vec![],
            ..SweepConfig::default()
        },
        SweepConfig {
            distances: vec![4, 2],
            ..SweepConfig::default()
        },
        SweepConfig {
            updates: 0,
            ..SweepConfig::default()
        },
        SweepConfig {
            lr: -1.0,
            ..SweepConfig::default()
        },
        SweepConfig {
            threshold: 1.5,
            ..SweepConfig::default()
        },
    ] {
        assert!(MemorySweep::new(cfg).is_err());
    }
}

mod page {
    use super::*;
    use rnn_playground::train::memory_limit::RunResult;
    use rnn_playground::ui::i18n::Lang;
    use rnn_playground::ui::memory_limit::{
        describe, held_out_from, result_lines, setup, status, MemoryLimitView,
    };
    use rnn_playground::ui::state::{reduce, Action, AppState};
    use rnn_playground::worker::messages::MemoryLimitProgress;

    fn progress(
        sweep: u64,
        cfg: &SweepConfig,
        new: Vec<RunResult>,
        done: bool,
    ) -> MemoryLimitProgress {
        let s = MemorySweep::new(cfg.clone()).unwrap();
        MemoryLimitProgress {
            sweep,
            config: cfg.clone(),
            budgets: s.budgets().to_vec(),
            runs_done: new.len(),
            total_runs: s.total_runs(),
            new_results: new,
            current: None,
            elapsed_ms: 1234.0,
            done,
            stopped: false,
        }
    }

    fn result(cell: CellKind, distance: usize, accuracy: f64, verdict: Verdict) -> RunResult {
        RunResult {
            cell,
            distance,
            hidden: 8,
            params: 100,
            accuracy,
            test_loss: 1.0,
            updates: 1000,
            held_out: true,
            checkpoints: vec![],
            verdict,
        }
    }

    #[test]
    fn the_sweeps_messages_cross_the_wire_whole() {
        use rnn_playground::worker::messages::{wire, FromWorker, ToWorker};
        let cfg = SweepConfig {
            distances: vec![1, 2],
            updates: 150,
            ..SweepConfig::default()
        };
        let sent = ToWorker::MemoryLimit(Box::new(cfg.clone()));
        let back: ToWorker = wire::from_bytes(&wire::to_bytes(&sent).unwrap()).unwrap();
        assert_eq!(back, sent);
        let results = MemorySweep::new(cfg.clone()).unwrap().run_to_end().unwrap();
        let stalled = result(
            CellKind::Lstm,
            4,
            0.3,
            Verdict::Stalled {
                loss_drop: 0.01,
                accuracy_rise: -0.02,
            },
        );
        let mut all = results.clone();
        all.push(stalled);
        let reply = FromWorker::MemoryLimit(Box::new(progress(7, &cfg, all, true)));
        let back: FromWorker = wire::from_bytes(&wire::to_bytes(&reply).unwrap()).unwrap();
        assert_eq!(back, reply);
    }

    #[test]
    fn the_reducer_keeps_a_sweeps_results_until_another_sweep() {
        let cfg = SweepConfig {
            distances: vec![1, 2],
            ..SweepConfig::default()
        };
        let m = Verdict::Mastered;
        let a = Action::MemoryLimit(Box::new(progress(
            1,
            &cfg,
            vec![result(CellKind::Rnn, 1, 1.0, m)],
            false,
        )));
        let b = Action::MemoryLimit(Box::new(progress(
            1,
            &cfg,
            vec![result(CellKind::Rnn, 2, 0.5, m)],
            false,
        )));
        let s = reduce(&reduce(&AppState::default(), a), b);
        let v = s.memory_limit.as_ref().unwrap();
        assert_eq!(v.curve(CellKind::Rnn), vec![(1.0, 1.0), (2.0, 0.5)]);
        let c = Action::MemoryLimit(Box::new(progress(2, &cfg, vec![], false)));
        let s = reduce(&s, c);
        assert!(
            s.memory_limit.as_ref().unwrap().results.is_empty(),
            "a new sweep starts afresh"
        );
    }

    #[test]
    fn the_result_names_each_limit_and_why_the_next_distance_failed() {
        let cfg = SweepConfig {
            distances: vec![1, 2, 4],
            ..SweepConfig::default()
        };
        let m = Verdict::Mastered;
        let learning = Verdict::StillLearning {
            loss_drop: 0.12,
            accuracy_rise: 0.1,
        };
        let stalled = Verdict::Stalled {
            loss_drop: 0.01,
            accuracy_rise: -0.02,
        };
        let results = vec![
            result(CellKind::Rnn, 1, 1.0, m),
            result(CellKind::Rnn, 2, 0.6, learning),
            result(CellKind::Lstm, 1, 0.3, stalled),
            result(CellKind::Gru, 1, 1.0, m),
            result(CellKind::Gru, 2, 0.95, m),
        ];
        let v = MemoryLimitView::merged(None, &progress(1, &cfg, results, false));
        let lines = result_lines(Lang::En, &v);
        assert_eq!(lines[0].0, CellKind::Rnn);
        assert!(lines[0].1.starts_with("RNN: limit d = 1"), "{}", lines[0].1);
        assert!(
            lines[0].1.contains("at d = 2 accuracy 0.6"),
            "{}",
            lines[0].1
        );
        assert!(
            lines[0].1.contains("held-out loss -12.0%"),
            "{}",
            lines[0].1
        );
        assert!(lines[0].1.contains("budget effect"), "{}", lines[0].1);
        assert!(
            lines[1].1.starts_with("LSTM: masters no distance"),
            "{}",
            lines[1].1
        );
        assert!(
            lines[1].1.contains("a limit at this budget"),
            "{}",
            lines[1].1
        );
        assert_eq!(
            lines[2].1,
            "GRU: masters every distance so far, up to d = 2."
        );
        let ko = result_lines(Lang::Ko, &v);
        assert!(ko[0].1.contains("예산 효과"), "{}", ko[0].1);
        assert!(ko[1].1.contains("한계"), "{}", ko[1].1);
        // The text alternative carries every number.
        let d = describe(Lang::En, &v);
        assert!(d.contains("RNN (H = 35, 1,754): d = 1 1, d = 2 0.6"), "{d}");
        assert!(d.contains("chance 0.25, mastered ≥ 0.9"), "{d}");
    }

    #[test]
    fn a_finished_sweep_says_so_from_its_own_run() {
        let cfg = SweepConfig {
            distances: vec![1, 2],
            updates: 300,
            ..SweepConfig::default()
        };
        let results = MemorySweep::new(cfg.clone()).unwrap().run_to_end().unwrap();
        let v = MemoryLimitView::merged(None, &progress(3, &cfg, results, true));
        for (cell, line) in result_lines(Lang::En, &v) {
            let name = cell.torch_name();
            assert_eq!(
                line,
                format!("{name}: masters every distance of the sweep, up to d = 2: its limit lies beyond it.")
            );
        }
        assert_eq!(status(Lang::En, &v), "Finished: 6 runs in 1.2 s.");
        let text = setup(Lang::En, &v);
        assert!(
            text.contains("RNN H = 35 (1,754), LSTM H = 16 (1,796), GRU H = 19 (1,790)"),
            "{text}"
        );
        // K = 4, D = 4, 256 test sequences: held out from d = 4 (4 · 4^4 = 1024 ≥ 4 · 256).
        assert!(text.contains("that training may also draw"), "{text}");
        assert_eq!(held_out_from(&SweepConfig::default()), Some(4));
    }
}
