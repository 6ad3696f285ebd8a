//! One update on several workers (`train::parallel`): how a batch is cut, that a given worker
//! count always gives the same numbers, that any count agrees with one to f32 rounding, what
//! crosses to a helper worker, and that an update planned before a reset is dropped.
//! (The PyTorch reference cases and the shape sweep also run on 2–4 workers: `reference.rs`,
//! `shape_sweep.rs`.)

use rnn_playground::lessons::{preset, LessonId, LessonOptions};
use rnn_playground::nn::{CellKind, Head, NetworkConfig};
use rnn_playground::train::parallel::{
    batch_rows, compute_shard, shard_rows, Helper, ShardJob, ShardReply,
};
use rnn_playground::train::{Session, TrainError, TrainSettings};
use rnn_playground::worker::messages::wire;

fn series_session(model: NetworkConfig, settings: TrainSettings) -> Session {
    let p = preset("series-fast-lstm").unwrap();
    let corpus = LessonId::TimeSeries.parse_corpus(&[]).unwrap();
    let options = match p.options {
        o @ LessonOptions::TimeSeries(_) => o,
        _ => unreachable!(),
    };
    Session::new(options.prepare(&corpus).unwrap(), model, settings, 11).unwrap()
}

fn fast_series() -> Session {
    let p = preset("series-fast-lstm").unwrap();
    series_session(p.model, p.settings)
}

/// Two layers of GRU with dropout between them and on the input: every random draw matters.
fn series_with_dropout() -> Session {
    let p = preset("series-fast-lstm").unwrap();
    series_session(
        NetworkConfig {
            cell: CellKind::Gru,
            num_layers: 2,
            head: Head::LastStep,
            ..p.model
        },
        TrainSettings {
            dropout: 0.3,
            input_dropout: 0.2,
            batch_size: 23,
            ..p.settings
        },
    )
}

fn weights(s: &Session) -> Vec<f32> {
    s.network()
        .params()
        .views()
        .iter()
        .flat_map(|v| v.iter().copied().collect::<Vec<_>>())
        .collect()
}

mod cutting_a_batch {
    use super::*;

    #[test]
    fn shards_are_contiguous_never_empty_and_differ_by_at_most_one_row() {
        for rows in 0..40 {
            for k in 1..=9 {
                let shards = shard_rows(rows, k);
                assert_eq!(shards.len(), k.min(rows), "rows {rows}, k {k}");
                let mut next = 0;
                for r in &shards {
                    assert_eq!(r.start, next);
                    assert!(!r.is_empty());
                    next = r.end;
                }
                assert_eq!(next, rows);
                let (lo, hi) = shards.iter().fold((usize::MAX, 0), |(lo, hi), r| {
                    (lo.min(r.len()), hi.max(r.len()))
                });
                assert!(shards.is_empty() || hi - lo <= 1, "rows {rows}, k {k}");
            }
        }
    }

    #[test]
    fn a_shard_holds_its_rows_of_input_and_target() {
        let s = fast_series();
        let plan = s.plan_step(1).unwrap();
        let whole = &plan.shards[0].batch;
        let part = batch_rows(whole, 3..7);
        assert_eq!(part.input.batch_size(), 4);
        match (&part.input, &whole.input) {
            (
                rnn_playground::lessons::BatchInput::Dense(p),
                rnn_playground::lessons::BatchInput::Dense(w),
            ) => assert_eq!(p, &w.slice(ndarray::s![3..7, .., ..])),
            _ => panic!("the series lesson has dense input"),
        }
    }
}

mod how_many_workers {
    use super::*;
    use rnn_playground::train::parallel::useful_shards;

    #[test]
    fn big_batches_use_every_worker_and_small_models_stay_on_one() {
        let mnist = preset("mnist-fast-lstm").unwrap().model;
        let mnist = NetworkConfig {
            input_size: 28,
            output_size: 10,
            ..mnist
        };
        assert_eq!(useful_shards(&mnist, 100, 28, 2), 2);
        assert_eq!(useful_shards(&mnist, 100, 28, 4), 4);
        assert_eq!(useful_shards(&mnist, 32, 28, 4), 4);
        // A few digits are not worth a message; never more shards than examples, never zero.
        assert_eq!(useful_shards(&mnist, 3, 28, 4), 1);
        let wide = NetworkConfig {
            hidden_size: 256,
            ..mnist.clone()
        };
        assert_eq!(useful_shards(&wide, 3, 28, 4), 3);
        assert_eq!(useful_shards(&mnist, 1, 28, 4), 1);
        assert_eq!(useful_shards(&mnist, 0, 28, 4), 1);
        // The series lesson's LSTM 16 on windows of 10: far too little work to send away.
        let series = preset("series-fast-lstm").unwrap().model;
        assert_eq!(useful_shards(&series, 16, 10, 4), 1);
    }
}

mod same_numbers {
    use super::*;

    #[test]
    fn one_worker_is_bit_for_bit_the_single_threaded_update() {
        let (mut a, mut b) = (fast_series(), fast_series());
        for _ in 0..5 {
            let ra = a.step().unwrap();
            let rb = b.step_sharded(1).unwrap();
            assert_eq!(ra.loss.to_bits(), rb.loss.to_bits());
        }
        assert_eq!(weights(&a), weights(&b));
    }

    #[test]
    fn a_given_worker_count_always_gives_the_same_numbers_with_dropout() {
        for workers in [2, 3, 4] {
            let (mut a, mut b) = (series_with_dropout(), series_with_dropout());
            for _ in 0..6 {
                let (ra, rb) = (
                    a.step_sharded(workers).unwrap(),
                    b.step_sharded(workers).unwrap(),
                );
                assert_eq!(ra.loss.to_bits(), rb.loss.to_bits());
            }
            assert_eq!(weights(&a), weights(&b), "{workers} workers");
        }
    }

    #[test]
    fn several_workers_agree_with_one_to_f32_rounding() {
        for workers in [2, 3, 4, 7] {
            let (mut one, mut many) = (fast_series(), fast_series());
            let r1 = one.step().unwrap();
            let rk = many.step_sharded(workers).unwrap();
            assert!(
                (r1.loss - rk.loss).abs() <= 1e-6 * r1.loss.abs().max(1e-3),
                "loss {} vs {} on {workers} workers",
                r1.loss,
                rk.loss
            );
            assert!(
                (r1.grad_norm - rk.grad_norm).abs() <= 1e-5 * r1.grad_norm,
                "gradient norm {} vs {}",
                r1.grad_norm,
                rk.grad_norm
            );
            let (w1, wk) = (weights(&one), weights(&many));
            let scale = w1.iter().fold(0f32, |m, v| m.max(v.abs()));
            let err = w1
                .iter()
                .zip(&wk)
                .fold(0f32, |m, (a, b)| m.max((a - b).abs()));
            // One Adam step of lr 0.01 moves a weight by ~lr; rounding in the gradient may only
            // move it by a hair of that.
            assert!(err <= 1e-5 * scale.max(1.0), "max weight difference {err}");
        }
    }

    #[test]
    fn training_on_four_workers_learns_like_one() {
        let (mut one, mut four) = (fast_series(), fast_series());
        for _ in 0..300 {
            one.step().unwrap();
            four.step_sharded(4).unwrap();
        }
        let (l1, l4) = (
            one.evaluate().unwrap().monitored().loss,
            four.evaluate().unwrap().monitored().loss,
        );
        assert!(
            (l1 - l4).abs() <= 0.05 * l1.max(l4),
            "validation loss {l1} on one worker, {l4} on four"
        );
    }
}

mod helper_worker {
    use super::*;

    #[test]
    fn a_job_through_the_wire_gives_the_local_shards_part_bit_for_bit() {
        let s = series_with_dropout();
        let plan = s.plan_step(3).unwrap();
        let mut helper = Helper::default();
        for shard in &plan.shards {
            let job = ShardJob::new(s.network(), shard, plan.spec);
            let bytes = wire::to_bytes(&job).unwrap();
            // Weights and data cross as raw bytes, not number by number.
            let payload = 4 * (s.network().params().num_params() + shard.batch.input.batch_size());
            assert!(bytes.len() >= payload && bytes.len() < payload * 2 + 4096);
            let job: ShardJob = wire::from_bytes(&bytes).unwrap();
            let reply = helper.run(&job).unwrap();
            let reply: ShardReply = wire::from_bytes(&wire::to_bytes(&reply).unwrap()).unwrap();
            let got = reply.output(s.network()).unwrap();
            let want = compute_shard(s.network(), shard, plan.spec).unwrap();
            assert_eq!(got, want);
        }
    }

    #[test]
    fn a_helper_follows_a_new_model_and_refuses_a_malformed_job() {
        let s = fast_series();
        let t = series_with_dropout();
        let mut helper = Helper::default();
        for session in [&s, &t, &s] {
            let plan = session.plan_step(2).unwrap();
            let job = ShardJob::new(session.network(), &plan.shards[1], plan.spec);
            let want = compute_shard(session.network(), &plan.shards[1], plan.spec).unwrap();
            assert_eq!(
                helper.run(&job).unwrap().output(session.network()).unwrap(),
                want
            );
        }
        let plan = s.plan_step(2).unwrap();
        let mut job = ShardJob::new(s.network(), &plan.shards[0], plan.spec);
        job.weights.truncate(12);
        let e = helper.run(&job).unwrap_err().to_string();
        assert!(e.contains("malformed"), "{e}");
    }
}

mod planned_updates {
    use super::*;
    use rnn_playground::train::parallel::ShardOutput;
    use rnn_playground::train::PlannedStep;

    /// Every shard of `plan` computed on `s`'s network, in order.
    fn parts(s: &Session, plan: &PlannedStep) -> Vec<ShardOutput> {
        plan.shards
            .iter()
            .map(|sh| compute_shard(s.network(), sh, plan.spec).unwrap())
            .collect()
    }

    #[test]
    fn an_update_planned_before_a_reset_is_dropped_and_changes_nothing() {
        let mut s = fast_series();
        s.step().unwrap();
        let plan = s.plan_step(2).unwrap();
        let parts = parts(&s, &plan);
        s.reset();
        let before = weights(&s);
        assert_eq!(s.finish_step(plan, parts), Err(TrainError::Superseded));
        assert_eq!(weights(&s), before);
        assert_eq!(s.update(), 0);
    }

    #[test]
    fn an_update_planned_in_a_session_that_was_replaced_does_not_fit_the_new_one() {
        let old = fast_series();
        let plan = old.plan_step(2).unwrap();
        let parts = parts(&old, &plan);
        // The same lesson and model opened again: same shapes, same counters.
        let mut new = fast_series();
        let before = weights(&new);
        assert_eq!(new.finish_step(plan, parts), Err(TrainError::Superseded));
        assert_eq!(weights(&new), before);
    }

    #[test]
    fn an_update_planned_before_another_is_dropped() {
        let mut s = fast_series();
        let plan = s.plan_step(2).unwrap();
        let parts = parts(&s, &plan);
        s.step().unwrap();
        assert_eq!(s.finish_step(plan, parts), Err(TrainError::Superseded));
        assert_eq!(s.update(), 1);
    }

    #[test]
    fn a_planned_update_applies_like_step_sharded() {
        let (mut a, mut b) = (series_with_dropout(), series_with_dropout());
        let plan = a.plan_step(3).unwrap();
        let parts = parts(&a, &plan);
        let ra = a.finish_step(plan, parts).unwrap();
        let rb = b.step_sharded(3).unwrap();
        assert_eq!(ra.loss.to_bits(), rb.loss.to_bits());
        assert_eq!(weights(&a), weights(&b));
    }
}
