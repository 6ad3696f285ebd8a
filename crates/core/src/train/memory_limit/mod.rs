//! "How long can a RNN cell remember? Show me your limit!": RNN, LSTM and GRU at one
//! parameter budget and one seed learn to recall the first of a sequence's symbols after d
//! distractor steps ([`task`]), for growing d; each run's held-out accuracy, and a verdict
//! on it ([`verdict`]).
//!
//! Plain Rust on [`Network`] and the optimizers; [`MemorySweep::step`] is one update, so the
//! worker runs the sweep in slices and a native run loops it.

pub mod task;
pub mod verdict;

use super::session::mix;
use super::TrainError;
use crate::nn::{
    layer_params, BackwardOptions, CellKind, ForwardOptions, Head, Input, Loss, Network,
    NetworkConfig, Target,
};
use crate::optim::{clip_grad_norm, AdamConfig, AnyOptimizer, Optimizer, OptimizerConfig};
use serde::{Deserialize, Serialize};
use task::{RecallBatch, RecallData, RecallTask};
pub use verdict::{limit, Checkpoint, Progress, Verdict};

/// A cell's limit ([`limit`]): the cell, its largest mastered d, the first d it failed.
pub type CellLimit = (CellKind, Option<usize>, Option<(usize, Verdict)>);

/// Largest distance the sweep accepts.
pub const MAX_DISTANCE: usize = 200;

/// The experiment's settings (serde: every field optional).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SweepConfig {
    /// The cells, in the order they train at each distance.
    pub cells: Vec<CellKind>,
    /// The distances d, increasing ([`distances_up_to`]).
    pub distances: Vec<usize>,
    /// Parameter budget: each cell's hidden size is the one whose count is closest.
    pub budget: usize,
    /// K symbols (chance = 1/K).
    pub symbols: usize,
    /// D distractor tokens.
    pub distractors: usize,
    /// Updates per cell and distance, at most.
    pub updates: u64,
    /// Sequences per update.
    pub batch: usize,
    /// Adam's learning rate.
    pub lr: f64,
    /// Gradient clipping by global norm.
    pub clip: f64,
    /// Held-out sequences per distance.
    pub test_size: usize,
    /// Held-out evaluations per run (every `updates / checkpoints` updates).
    pub checkpoints: u64,
    /// Held-out accuracy that counts as mastered.
    pub threshold: f64,
    /// What "still learning" needs over the last quarter of a run.
    pub progress: Progress,
    /// A run ends at the first checkpoint that reaches the threshold.
    pub stop_when_mastered: bool,
    /// Data and weights of distance d come from `mix(seed, d)`, the same for every cell.
    pub seed: u64,
}

/// The default sweep's largest distance.
pub const DEFAULT_MAX_DISTANCE: usize = 64;
/// The default budget: an LSTM with this many hidden units on the default task.
pub const DEFAULT_LSTM_HIDDEN: usize = 16;

impl Default for SweepConfig {
    fn default() -> Self {
        let (symbols, distractors) = (4, 4);
        SweepConfig {
            cells: CellKind::ALL.to_vec(),
            distances: distances_up_to(DEFAULT_MAX_DISTANCE),
            budget: count(
                CellKind::Lstm,
                symbols + distractors + 1,
                DEFAULT_LSTM_HIDDEN,
                symbols,
            ),
            symbols,
            distractors,
            updates: 1000,
            batch: 32,
            lr: 0.01,
            clip: 1.0,
            test_size: 256,
            checkpoints: 8,
            threshold: 0.9,
            progress: Progress::default(),
            stop_when_mastered: true,
            seed: 0,
        }
    }
}

/// 1, 2, then 3·2^k and 4·2^k (3, 4, 6, 8, 12, 16, 24, 32, 48, 64, …) below `max`, and
/// `max` itself last (`max` ≥ 1).
pub fn distances_up_to(max: usize) -> Vec<usize> {
    let mut out: Vec<usize> = [1, 2].into_iter().filter(|&d| d < max).collect();
    let mut k = 0;
    while (3usize << k) < max {
        out.extend([3usize << k, 4usize << k].into_iter().filter(|&d| d < max));
        k += 1;
    }
    out.push(max.max(1));
    out
}

/// Parameters of a one-layer `cell` with `hidden` units, `input` features and a linear head to
/// `output` classes: `G·H·(I + H) + 2·G·H + O·H + O`.
pub fn count(cell: CellKind, input: usize, hidden: usize, output: usize) -> usize {
    layer_params(cell, input, hidden, true).0 + output * hidden + output
}

/// A cell's hidden size at the budget and its parameter count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellBudget {
    /// The cell.
    pub cell: CellKind,
    /// Hidden units H.
    pub hidden: usize,
    /// Its parameter count ([`count`]).
    pub params: usize,
}

/// The hidden size (1..=4096) whose parameter count is closest to `budget` (the smaller on
/// a tie).
pub fn match_budget(cell: CellKind, input: usize, output: usize, budget: usize) -> CellBudget {
    let mut best = CellBudget {
        cell,
        hidden: 1,
        params: count(cell, input, 1, output),
    };
    for hidden in 2..=4096 {
        let params = count(cell, input, hidden, output);
        if params.abs_diff(budget) < best.params.abs_diff(budget) {
            best = CellBudget {
                cell,
                hidden,
                params,
            };
        }
        if params > budget {
            break;
        }
    }
    best
}

/// One cell's result at one distance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    /// The cell.
    pub cell: CellKind,
    /// d.
    pub distance: usize,
    /// Hidden units.
    pub hidden: usize,
    /// Parameters.
    pub params: usize,
    /// Held-out accuracy at the end of the run.
    pub accuracy: f64,
    /// Held-out loss at the end of the run.
    pub test_loss: f64,
    /// Updates it trained.
    pub updates: u64,
    /// Whether no training sequence was a held-out one ([`RecallData`]).
    pub held_out: bool,
    /// Every held-out evaluation of the run.
    pub checkpoints: Vec<Checkpoint>,
    /// What the numbers say.
    pub verdict: Verdict,
}

/// The run in progress.
struct Run {
    cell: CellBudget,
    distance: usize,
    net: Network<f32>,
    opt: AnyOptimizer<f32>,
    data: RecallData,
    update: u64,
    checkpoints: Vec<Checkpoint>,
}

/// The sweep: every cell at every distance, one update per [`MemorySweep::step`].
pub struct MemorySweep {
    cfg: SweepConfig,
    budgets: Vec<CellBudget>,
    /// Runs started so far (run i is distance `i / cells`, cell `i % cells`).
    next: usize,
    run: Option<Run>,
    results: Vec<RunResult>,
}

impl MemorySweep {
    /// Checks the settings and matches each cell to the budget.
    pub fn new(cfg: SweepConfig) -> Result<Self, TrainError> {
        let bad = |field: &'static str, reason: &str| {
            Err(TrainError::Invalid {
                field,
                reason: reason.into(),
            })
        };
        if cfg.cells.is_empty() {
            return bad("cells", "name at least one cell");
        }
        if cfg.distances.is_empty()
            || cfg.distances.windows(2).any(|w| w[0] >= w[1])
            || cfg.distances.iter().any(|&d| d > MAX_DISTANCE)
        {
            return bad("distances", "increasing, at most 200");
        }
        if !(2..=64).contains(&cfg.symbols) || !(1..=64).contains(&cfg.distractors) {
            return bad("symbols", "2 to 64 symbols and 1 to 64 distractors");
        }
        if !(1..=1_000_000).contains(&cfg.updates) || !(1..=1024).contains(&cfg.batch) {
            return bad("updates", "1 to 1,000,000 updates of 1 to 1024 sequences");
        }
        if !(1..=10_000).contains(&cfg.test_size) || !(1..=1000).contains(&cfg.checkpoints) {
            return bad(
                "test_size",
                "1 to 10,000 held-out sequences, 1 to 1000 checkpoints",
            );
        }
        let ranges = cfg.threshold > 0.0 && cfg.threshold <= 1.0 && cfg.clip > 0.0;
        if !ranges {
            return bad("threshold", "a threshold in (0, 1] and a positive clip");
        }
        adam(cfg.lr)?;
        let input = cfg.symbols + cfg.distractors + 1;
        let budgets = cfg
            .cells
            .iter()
            .map(|&c| match_budget(c, input, cfg.symbols, cfg.budget))
            .collect();
        Ok(MemorySweep {
            cfg,
            budgets,
            next: 0,
            run: None,
            results: Vec::new(),
        })
    }

    /// The settings.
    pub fn config(&self) -> &SweepConfig {
        &self.cfg
    }

    /// Each cell's hidden size and parameter count.
    pub fn budgets(&self) -> &[CellBudget] {
        &self.budgets
    }

    /// The results so far, in the order the runs ended.
    pub fn results(&self) -> &[RunResult] {
        &self.results
    }

    /// Runs in all: cells × distances.
    pub fn total_runs(&self) -> usize {
        self.cfg.cells.len() * self.cfg.distances.len()
    }

    /// True when every run has ended.
    pub fn done(&self) -> bool {
        self.run.is_none() && self.next >= self.total_runs()
    }

    /// The run in progress: its cell, distance and updates done.
    pub fn current(&self) -> Option<(CellKind, usize, u64)> {
        self.run
            .as_ref()
            .map(|r| (r.cell.cell, r.distance, r.update))
    }

    /// One update of the current run (starting the next run first when none is going).
    /// Returns the run's result when this update ended it; `Ok(None)` otherwise, and once
    /// the sweep is done.
    pub fn step(&mut self) -> Result<Option<RunResult>, TrainError> {
        if self.run.is_none() {
            if self.next >= self.total_runs() {
                return Ok(None);
            }
            self.run = Some(self.start(self.next)?);
            self.next += 1;
        }
        let cfg = &self.cfg;
        let run = self.run.as_mut().expect("a run was just started");
        let batch = run.data.next_batch(cfg.batch);
        let target = Target::Classes(batch.y.clone().into_dyn());
        let out = run.net.train_step(
            Input::Dense(batch.x.view()),
            None,
            &target,
            Loss::CrossEntropy,
            ForwardOptions::default(),
            BackwardOptions::default(),
        )?;
        let mut grads = out.backward.grads;
        let norm = clip_grad_norm(&mut grads, cfg.clip as f32);
        if !out.loss.is_finite() || !norm.is_finite() {
            return Err(TrainError::Diverged {
                at_update: run.update + 1,
                what: "loss".into(),
                advice: "Lower the learning rate.".into(),
            });
        }
        run.opt.step(run.net.params_mut(), &grads)?;
        run.update += 1;
        let every = (cfg.updates / cfg.checkpoints).max(1);
        let last = run.update >= cfg.updates;
        if run.update.is_multiple_of(every) || last {
            let (test_loss, accuracy) = evaluate(&run.net, &run.data.test)?;
            run.checkpoints.push(Checkpoint {
                update: run.update,
                test_loss,
                accuracy,
            });
            if last || (cfg.stop_when_mastered && accuracy >= cfg.threshold) {
                let run = self.run.take().expect("the run in progress");
                let result = RunResult {
                    cell: run.cell.cell,
                    distance: run.distance,
                    hidden: run.cell.hidden,
                    params: run.cell.params,
                    accuracy,
                    test_loss,
                    updates: run.update,
                    held_out: run.data.held_out,
                    verdict: Verdict::judge(&run.checkpoints, cfg.threshold, cfg.progress),
                    checkpoints: run.checkpoints,
                };
                self.results.push(result.clone());
                return Ok(Some(result));
            }
        }
        Ok(None)
    }

    /// Runs every remaining update; the results of the runs that ended.
    pub fn run_to_end(&mut self) -> Result<Vec<RunResult>, TrainError> {
        let mut out = Vec::new();
        while !self.done() {
            if let Some(r) = self.step()? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Each cell's limit ([`limit`]) over the results so far, in `cells` order.
    pub fn limits(&self) -> Vec<CellLimit> {
        limits(&self.cfg.cells, &self.results)
    }

    /// Builds run `i`: distance `i / cells`, cell `i % cells`; data and weights from
    /// `mix(seed, d)`.
    fn start(&self, i: usize) -> Result<Run, TrainError> {
        let cfg = &self.cfg;
        let n = cfg.cells.len();
        let (distance, cell) = (cfg.distances[i / n], self.budgets[i % n]);
        let task = RecallTask {
            symbols: cfg.symbols,
            distractors: cfg.distractors,
            distance,
        };
        let seed = mix(cfg.seed, distance as u64);
        let model = NetworkConfig {
            cell: cell.cell,
            input_size: task.input_size(),
            hidden_size: cell.hidden,
            output_size: cfg.symbols,
            head: Head::LastStep,
            ..NetworkConfig::default()
        };
        let opt = adam(cfg.lr)?;
        Ok(Run {
            cell,
            distance,
            net: Network::new(&model, seed)?,
            opt,
            data: RecallData::new(task, cfg.test_size, seed),
            update: 0,
            checkpoints: Vec::new(),
        })
    }
}

/// `torch.optim.Adam(lr=lr)` (refuses a bad rate).
fn adam(lr: f64) -> Result<AnyOptimizer<f32>, TrainError> {
    Ok(OptimizerConfig::Adam(AdamConfig {
        lr,
        ..AdamConfig::default()
    })
    .build()?)
}

/// Each cell's limit over `results` (in any order), in `cells` order.
pub fn limits(cells: &[CellKind], results: &[RunResult]) -> Vec<CellLimit> {
    cells
        .iter()
        .map(|&c| {
            let mut mine: Vec<(usize, Verdict)> = results
                .iter()
                .filter(|r| r.cell == c)
                .map(|r| (r.distance, r.verdict))
                .collect();
            mine.sort_by_key(|(d, _)| *d);
            let (best, failed) = limit(&mine);
            (c, best, failed)
        })
        .collect()
}

/// Mean cross-entropy and accuracy of `net` on a batch (no dropout, no training).
pub fn evaluate(net: &Network<f32>, batch: &RecallBatch) -> Result<(f64, f64), TrainError> {
    let (out, _) = net.forward(
        Input::Dense(batch.x.view()),
        None,
        ForwardOptions::default(),
    )?;
    let target = Target::Classes(batch.y.clone().into_dyn());
    let (loss, _) = Loss::CrossEntropy.compute(&out.head_output, &target)?;
    let logits = out.head_output;
    let correct = batch
        .y
        .iter()
        .enumerate()
        .filter(|&(b, &y)| {
            let row = logits.index_axis(ndarray::Axis(0), b);
            let best = row
                .iter()
                .enumerate()
                .fold(
                    (0, f32::NEG_INFINITY),
                    |m, (k, &v)| if v > m.1 { (k, v) } else { m },
                );
            best.0 == y
        })
        .count();
    Ok((
        f64::from(loss),
        correct as f64 / batch.y.len().max(1) as f64,
    ))
}
