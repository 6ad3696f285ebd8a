//! The recall task: one of K symbols at step 0, d distractors, a query mark; the answer is
//! the first symbol.
//!
//! Tokens: `0..K` the symbols, `K..K+D` the distractors, `K+D` the query mark. A sequence of
//! distance d has `T = d + 2` steps: `[s, x_1 … x_d, ?]`, `s < K`, every `x_i` a distractor.
//! No step but step 0 holds a symbol, so only step 0 tells the answer.

use crate::nn::{seeded_rng, Rng64};
use ndarray::{Array1, Array3};
use rand::Rng;
use std::collections::HashSet;

/// The task's sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecallTask {
    /// K: symbols to recall (chance is 1/K).
    pub symbols: usize,
    /// D: distractor tokens.
    pub distractors: usize,
    /// d: distractor steps between the symbol and the query.
    pub distance: usize,
}

/// A batch: one-hot inputs `x [B, T, K+D+1]` and the answers `y [B]` (each `< K`).
#[derive(Debug, Clone, PartialEq)]
pub struct RecallBatch {
    /// `[B, T, K + D + 1]`, one-hot.
    pub x: Array3<f32>,
    /// `[B]`, the symbol at step 0.
    pub y: Array1<usize>,
}

impl RecallTask {
    /// Features per step: `K + D + 1`.
    pub fn input_size(&self) -> usize {
        self.symbols + self.distractors + 1
    }

    /// Steps per sequence: `T = d + 2`.
    pub fn seq_len(&self) -> usize {
        self.distance + 2
    }

    /// The query mark's token, `K + D`.
    pub fn query_token(&self) -> usize {
        self.symbols + self.distractors
    }

    /// How many different sequences exist: `K · D^d` (saturating, in f64).
    pub fn distinct(&self) -> f64 {
        self.symbols as f64 * (self.distractors as f64).powi(self.distance as i32)
    }

    /// One sequence's tokens `[T]`, drawn from `rng`.
    pub fn draw(&self, rng: &mut Rng64) -> Vec<u8> {
        let mut seq = Vec::with_capacity(self.seq_len());
        seq.push(rng.random_range(0..self.symbols) as u8);
        for _ in 0..self.distance {
            seq.push((self.symbols + rng.random_range(0..self.distractors)) as u8);
        }
        seq.push(self.query_token() as u8);
        seq
    }

    /// One-hot batch of the given token sequences (all of length T).
    pub fn encode(&self, seqs: &[Vec<u8>]) -> RecallBatch {
        let (t, i) = (self.seq_len(), self.input_size());
        let mut x = Array3::zeros((seqs.len(), t, i));
        for (b, s) in seqs.iter().enumerate() {
            for (step, &tok) in s.iter().enumerate() {
                x[[b, step, tok as usize]] = 1.0;
            }
        }
        let y = seqs.iter().map(|s| s[0] as usize).collect();
        RecallBatch { x, y }
    }
}

/// A seeded source of training batches that never repeats a held-out sequence.
///
/// The held-out set is drawn first from its own stream; a training draw equal to one of its
/// sequences is drawn again, whenever the task has at least 4× as many distinct sequences as
/// the held-out set (below that, e.g. K = 4, D = 4, d ≤ 3, every sequence may be seen).
#[derive(Debug, Clone)]
pub struct RecallData {
    /// The task.
    pub task: RecallTask,
    /// The held-out sequences, encoded.
    pub test: RecallBatch,
    /// Whether training draws exclude the held-out sequences.
    pub held_out: bool,
    test_set: HashSet<Vec<u8>>,
    rng: Rng64,
}

impl RecallData {
    /// `test_size` held-out sequences from `seed`'s test stream; training batches from its
    /// training stream.
    pub fn new(task: RecallTask, test_size: usize, seed: u64) -> Self {
        let mut test_rng = seeded_rng(seed ^ 0x7e57_7e57_7e57_7e57);
        let test_seqs: Vec<Vec<u8>> = (0..test_size).map(|_| task.draw(&mut test_rng)).collect();
        let held_out = task.distinct() >= 4.0 * test_size as f64;
        RecallData {
            task,
            test: task.encode(&test_seqs),
            held_out,
            test_set: test_seqs.into_iter().collect(),
            rng: seeded_rng(seed),
        }
    }

    /// The next training batch of `batch` sequences.
    pub fn next_batch(&mut self, batch: usize) -> RecallBatch {
        let seqs: Vec<Vec<u8>> = (0..batch)
            .map(|_| loop {
                let s = self.task.draw(&mut self.rng);
                if !self.held_out || !self.test_set.contains(&s) {
                    break s;
                }
            })
            .collect();
        self.task.encode(&seqs)
    }

    /// Whether a sequence is in the held-out set.
    pub fn is_held_out(&self, seq: &[u8]) -> bool {
        self.test_set.contains(seq)
    }
}
