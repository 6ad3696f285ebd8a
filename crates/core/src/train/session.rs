//! [`Session`]: one model training on one lesson, one mini-batch at a time.

use super::history::History;
use super::parallel::{
    compute_shards, shard_gradients, split_batch, sum_shards, Shard, ShardOutput, ShardSpec,
};
use super::settings::{optimizer_lr, with_lr};
use super::{TrainError, TrainSettings};
use crate::data::mnist::shuffled_indices;
use crate::lessons::{
    ExamplePicker, ExampleRef, InspectionDetail, LessonData, LessonId, Metrics, Split, View,
    ViewContext, ViewRequest,
};
use crate::nn::{
    seeded_rng, BackwardOptions, BackwardTrace, ForwardOptions, ForwardTrace, Loss, ModelFile,
    Network, NetworkConfig, Rng64,
};
use crate::optim::{clip_grad_norm, AnyOptimizer, Optimizer};
use serde::{Deserialize, Serialize};

/// Advice attached to [`TrainError::Diverged`].
const DIVERGED_ADVICE: &str = "Lower the learning rate (e.g. divide it by 10) and turn on gradient clipping (e.g. max norm 1), then continue.";

/// What one update did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateReport {
    /// The epoch this update belongs to (1-based).
    pub epoch: u64,
    /// Updates applied so far, this one included.
    pub update: u64,
    /// The mini-batch loss.
    pub loss: f64,
    /// Global gradient norm before clipping.
    pub grad_norm: f64,
    /// Whether clipping scaled the gradients.
    pub clipped: bool,
    /// Learning rate used.
    pub lr: f64,
    /// Examples in this mini-batch.
    pub batch_size: usize,
    /// Training examples seen so far.
    pub examples_seen: u64,
    /// Fraction of the current epoch done after this update (1.0 when it ended one).
    pub epoch_progress: f64,
    /// Set when this update completed an epoch.
    pub epoch_end: Option<EpochReport>,
}

/// End of an epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochReport {
    /// Epochs completed (this one included).
    pub epoch: u64,
    /// Mean training loss over the epoch's updates (weighted by batch size).
    pub train_loss: f64,
    /// The evaluation, on epochs that are evaluated (`settings.eval_every`).
    pub eval: Option<EvalReport>,
    /// Early stopping: the best epoch so far (when early stopping is on).
    pub best_epoch: Option<u64>,
    /// Early stopping ended training at this epoch (the best weights were restored).
    pub stopped: bool,
}

/// Loss and accuracy on each split the lesson has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvalReport {
    /// Epochs completed when measured.
    pub epoch: u64,
    /// Updates applied when measured.
    pub update: u64,
    /// Training data (MNIST: its first 2,000 digits).
    pub train: Metrics,
    /// Held-out validation data, if the lesson has some.
    pub validation: Option<Metrics>,
    /// Test data, if the lesson has some.
    pub test: Option<Metrics>,
    /// A lesson view computed in the same pass as the held-out metrics (MNIST: the test
    /// report with its confusion matrix), so the page's report needs no second pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub epoch_view: Option<View>,
    /// The split early stopping watches.
    pub monitor: Split,
}

impl EvalReport {
    /// The metrics early stopping watches.
    pub fn monitored(&self) -> &Metrics {
        match self.monitor {
            Split::Validation => self.validation.as_ref().unwrap_or(&self.train),
            Split::Test => self.test.as_ref().unwrap_or(&self.train),
            Split::Train => &self.train,
        }
    }
}

/// What [`Session::set_settings`] changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SettingsChange {
    /// Human-readable changes, e.g. `"lr 0.01 → 0.001"` (also added as history markers).
    pub changed: Vec<String>,
    /// Whether the optimizer's state (moments, step count) was kept. It is kept when only the
    /// learning rate changed; another optimizer kind or other optimizer hyperparameters start a
    /// fresh optimizer state (the weights are always kept).
    pub optimizer_state_kept: bool,
    /// The first update that uses the new settings.
    pub from_update: u64,
}

/// A small summary for the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionStatus {
    /// Lesson.
    pub lesson: LessonId,
    /// Seed of weights, data order and dropout.
    pub seed: u64,
    /// The model (fitted to the lesson).
    pub model: NetworkConfig,
    /// Settings in force.
    pub settings: TrainSettings,
    /// Trainable scalars.
    pub num_params: usize,
    /// Epochs completed.
    pub epoch: u64,
    /// Updates applied.
    pub update: u64,
    /// Training examples seen.
    pub examples_seen: u64,
    /// Training examples per epoch.
    pub train_len: usize,
    /// Whether early stopping ended training.
    pub stopped: bool,
}

/// One example through the network with full traces: no update, no side effects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspection {
    /// Lesson.
    pub lesson: LessonId,
    /// What is read at each timestep (characters, `row 0`…`row 27`, times).
    pub input_labels: Vec<String>,
    /// The input features' names (a table's columns); empty when unnamed.
    #[serde(default)]
    pub input_names: Vec<String>,
    /// The example's loss.
    pub loss: f32,
    /// Global norm of this example's gradient.
    pub grad_norm: f32,
    /// Forward trace (gates, states, head outputs, per-step losses).
    pub forward: ForwardTrace,
    /// Backward trace (∂L/∂h_t, ∂L/∂c_t, per-step gradient contributions).
    pub backward: BackwardTrace,
    /// Lesson-specific view.
    pub detail: InspectionDetail,
}

/// Weights and optimizer state kept for a restore.
#[derive(Debug, Clone)]
struct Snapshot {
    net: Network<f32>,
    opt: AnyOptimizer<f32>,
}

#[derive(Debug, Clone)]
struct Best {
    loss: f64,
    epoch: u64,
    snap: Snapshot,
}

/// A model training on a lesson. See the [module docs](super).
#[derive(Debug, Clone)]
pub struct Session {
    data: Box<dyn LessonData>,
    /// The lesson's loss (it follows from the options the data was prepared from).
    loss: Loss,
    model: NetworkConfig,
    settings: TrainSettings,
    seed: u64,
    net: Network<f32>,
    opt: AnyOptimizer<f32>,
    dropout_rng: Rng64,
    order: Vec<usize>,
    pos: usize,
    epoch: u64,
    update: u64,
    examples_seen: u64,
    running: EpochRunning,
    history: History,
    last_good: Option<Snapshot>,
    /// A snapshot's buffers for reuse (copying into them costs no allocation).
    spare: Option<Snapshot>,
    best: Option<Best>,
    evals_since_best: usize,
    stopped: Option<(u64, u64)>,
    /// The weights came from a model file (trained elsewhere, whatever the update count says).
    from_file: bool,
    /// Changes whenever weights, data position or model change other than by an update, so
    /// that an update planned before ([`PlannedStep`]) is not applied after; unique across
    /// sessions, so a plan of a session that was replaced never fits the new one.
    generation: u64,
}

/// A value no session has had before (see `Session::generation`).
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// An update cut into shards for several workers ([`Session::plan_step`]): compute each shard
/// ([`super::parallel`]) and hand their parts to [`Session::finish_step`].
#[derive(Debug, Clone)]
pub struct PlannedStep {
    generation: u64,
    update: u64,
    pos: usize,
    end: usize,
    /// The shards, in the order their parts are summed.
    pub shards: Vec<Shard>,
    /// How each shard is computed.
    pub spec: ShardSpec,
}

/// Most memory a session may plan for: a browser tab's WebAssembly memory tops out at a few
/// GB and the page needs its share.
pub const MAX_SESSION_BYTES: u64 = 1 << 30;

/// Refuses a model whose training would not fit in memory, with the estimate, before anything
/// is allocated (a failed allocation would stop the worker).
fn check_memory(
    data: &dyn LessonData,
    model: &NetworkConfig,
    settings: &TrainSettings,
) -> Result<(), TrainError> {
    // Sequence length: the model's, else the longest the lesson trains whole (every lesson
    // has one or the other; `tests/lessons.rs` holds them to it).
    let steps = model
        .seq_len
        .or_else(|| data.auto_window().map(|w| w.above))
        .unwrap_or(1);
    let need = model.memory_estimate(settings.batch_size, steps);
    if need > MAX_SESSION_BYTES {
        let gb = |b: u64| b as f64 / f64::from(1u32 << 30);
        return Err(TrainError::invalid(
            "model",
            format!(
                "training this model needs about {:.1} GB ({} parameters, batches of {} sequences of {} steps), more than the {:.0} GB a browser tab can spare: use fewer hidden units or layers, a smaller vocabulary or a smaller batch",
                gb(need),
                crate::ui::format::count(model.num_params()),
                settings.batch_size,
                steps,
                gb(MAX_SESSION_BYTES)
            ),
        ));
    }
    Ok(())
}

/// `model` with the dropout rates of `settings` (dropout is a training setting: it never
/// rebuilds the model).
fn with_dropout(settings: &TrainSettings, model: NetworkConfig) -> NetworkConfig {
    NetworkConfig {
        dropout: settings.dropout,
        input_dropout: settings.input_dropout,
        ..model
    }
}

/// SplitMix64: independent, well-mixed streams from one seed.
pub(crate) fn mix(seed: u64, stream: u64) -> u64 {
    let mut z = seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Sums over the current epoch's updates: the epoch's training loss and, for a classification
/// (digits, reviews, the char model's next characters), its training accuracy, as Keras reports
/// them during `fit` (weights change along the epoch; dropout is on). This saves evaluating the
/// training split at every epoch's end (for the char model, every update).
#[derive(Debug, Clone, Copy, Default)]
struct EpochRunning {
    loss_sum: f64,
    examples: u64,
    correct: u64,
    classified: u64,
}

impl EpochRunning {
    fn loss(&self) -> f64 {
        self.loss_sum / self.examples.max(1) as f64
    }

    /// Training metrics, when the updates classified whole sequences.
    fn metrics(&self) -> Option<Metrics> {
        (self.classified > 0).then(|| Metrics {
            loss: self.loss(),
            accuracy: Some(self.correct as f64 / self.classified as f64),
            examples: self.examples as usize,
        })
    }
}

/// A model that would read the answer it must predict is refused, whatever asked for it.
fn refuse_leak(data: &dyn LessonData, model: &NetworkConfig) -> Result<(), TrainError> {
    match data.leak(model) {
        Some(leak) => Err(TrainError::Leak(leak.reason)),
        None => Ok(()),
    }
}

const DROPOUT_STREAM: u64 = 0xD0;
const ORDER_STREAM: u64 = 0x0DE5;

impl Session {
    /// Takes a prepared lesson ([`crate::lessons::LessonOptions::prepare`]), fits `model` to it
    /// (sizes, head; `settings.dropout` wins over `model.dropout`) and builds the network and
    /// optimizer from `seed`.
    pub fn new(
        mut data: Box<dyn LessonData>,
        model: NetworkConfig,
        settings: TrainSettings,
        seed: u64,
    ) -> Result<Session, TrainError> {
        settings.validate()?;
        let model = with_dropout(&settings, data.fit_model(&model));
        // The leak first: its reason is the one that says why (a bidirectional course cell is
        // also an invalid configuration).
        refuse_leak(data.as_ref(), &model)?;
        model.validate()?;
        check_memory(data.as_ref(), &model, &settings)?;
        data.adopt_model(&model);
        let net = Network::new(&model, seed)?;
        let opt = settings.optimizer.build()?;
        let mut s = Session {
            loss: data.loss(),
            data,
            model,
            settings,
            seed,
            net,
            opt,
            dropout_rng: seeded_rng(mix(seed, DROPOUT_STREAM)),
            order: Vec::new(),
            pos: 0,
            epoch: 0,
            update: 0,
            from_file: false,
            examples_seen: 0,
            running: EpochRunning::default(),
            history: History::default(),
            last_good: None,
            spare: None,
            best: None,
            evals_since_best: 0,
            stopped: None,
            generation: next_generation(),
        };
        s.order = s.epoch_order(0);
        Ok(s)
    }

    fn epoch_order(&self, epoch: u64) -> Vec<usize> {
        let n = self.data.train_len();
        if self.settings.shuffle {
            shuffled_indices(n, mix(self.seed, ORDER_STREAM.wrapping_add(epoch)))
        } else {
            (0..n).collect()
        }
    }

    // ---- accessors ----------------------------------------------------------------------

    /// The lesson.
    pub fn lesson(&self) -> LessonId {
        self.data.id()
    }
    /// The lesson's options.
    pub fn options(&self) -> crate::lessons::LessonOptions {
        self.data.options()
    }
    /// The prepared data.
    pub fn data(&self) -> &dyn LessonData {
        &*self.data
    }
    /// The prepared data as its lesson's type (`None` for another lesson).
    pub fn lesson_data<L: 'static>(&self) -> Option<&L> {
        self.data.as_any().downcast_ref()
    }
    /// How the page picks the example the inside views follow.
    pub fn picker(&self) -> ExamplePicker {
        self.data.picker()
    }
    /// The network.
    pub fn network(&self) -> &Network<f32> {
        &self.net
    }
    /// The model config (fitted to the lesson).
    pub fn model(&self) -> &NetworkConfig {
        &self.model
    }
    /// Settings in force.
    pub fn settings(&self) -> &TrainSettings {
        &self.settings
    }
    /// The seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }
    /// Epochs completed.
    pub fn epoch(&self) -> u64 {
        self.epoch
    }
    /// Updates applied.
    pub fn update(&self) -> u64 {
        self.update
    }
    /// The metric history.
    pub fn history(&self) -> &History {
        &self.history
    }
    /// The optimizer (read-only, e.g. for its state).
    pub fn optimizer(&self) -> &AnyOptimizer<f32> {
        &self.opt
    }
    /// Whether early stopping ended training.
    pub fn is_stopped(&self) -> bool {
        self.stopped.is_some()
    }
    /// Where early stopping ended training: `(epoch, best epoch restored)`.
    pub fn stopped_at(&self) -> Option<(u64, u64)> {
        self.stopped
    }
    /// Trains on after early stopping ended a run (Continue): from the restored best weights,
    /// with the patience counted afresh. Nothing else changes.
    pub fn resume(&mut self) {
        if self.stopped.take().is_some() {
            self.evals_since_best = 0;
        }
    }
    /// A summary for the page.
    pub fn status(&self) -> SessionStatus {
        SessionStatus {
            lesson: self.lesson(),
            seed: self.seed,
            model: self.model.clone(),
            settings: self.settings.clone(),
            num_params: self.net.params().num_params(),
            epoch: self.epoch,
            update: self.update,
            examples_seen: self.examples_seen,
            train_len: self.data.train_len(),
            stopped: self.stopped.is_some(),
        }
    }

    // ---- training -------------------------------------------------------------------------

    /// One update on the next mini-batch. On NaN/Inf in the loss, the gradients or the new
    /// weights, the last good weights and optimizer state are restored and
    /// [`TrainError::Diverged`] is returned (counters and data position stay where they were).
    pub fn step(&mut self) -> Result<UpdateReport, TrainError> {
        let (end, batch) = self.next_batch()?;
        let spec = self.shard_spec();
        let out = shard_gradients(&self.net, &batch, 1.0, spec, &mut self.dropout_rng)?;
        self.apply_update(end, vec![out])
    }

    /// Like [`step`](Self::step), with the batch cut into `shards` computed on as many threads
    /// (natively; in turn on wasm32). Each shard draws its dropout masks from its own stream, so
    /// a given shard count always gives the same numbers.
    pub fn step_sharded(&mut self, shards: usize) -> Result<UpdateReport, TrainError> {
        let plan = self.plan_step(shards)?;
        let outputs = compute_shards(&self.net, &plan.shards, plan.spec)?;
        self.finish_step(plan, outputs)
    }

    /// The next update cut into (at most) `shards` contiguous shards, for helper workers.
    /// Nothing changes until [`finish_step`](Self::finish_step).
    pub fn plan_step(&self, shards: usize) -> Result<PlannedStep, TrainError> {
        let (end, batch) = self.next_batch()?;
        // One dropout stream per update, one per shard within it.
        let stream = mix(mix(self.seed, DROPOUT_STREAM), self.update + 1);
        let shards = split_batch(&batch, shards, |i| mix(stream, i as u64));
        Ok(PlannedStep {
            generation: self.generation,
            update: self.update,
            pos: self.pos,
            end,
            shards,
            spec: self.shard_spec(),
        })
    }

    /// Applies a planned update from its shards' parts (in shard order), as
    /// [`step`](Self::step) does. If the session changed since the plan (reset, new settings,
    /// new model, another update), nothing happens and [`TrainError::Superseded`] is returned.
    pub fn finish_step(
        &mut self,
        plan: PlannedStep,
        outputs: Vec<ShardOutput>,
    ) -> Result<UpdateReport, TrainError> {
        if (plan.generation, plan.update, plan.pos) != (self.generation, self.update, self.pos) {
            return Err(TrainError::Superseded);
        }
        if outputs.len() != plan.shards.len() {
            return Err(TrainError::Superseded);
        }
        self.apply_update(plan.end, outputs)
    }

    /// How this session computes a shard: the lesson's loss and the BPTT window.
    fn shard_spec(&self) -> ShardSpec {
        ShardSpec {
            loss: self.loss,
            truncate: self.settings.truncate,
        }
    }

    /// `(end, batch)` of the next update.
    fn next_batch(&self) -> Result<(usize, crate::lessons::Batch), TrainError> {
        if let Some((epoch, best_epoch)) = self.stopped {
            return Err(TrainError::Stopped { epoch, best_epoch });
        }
        let n = self.data.train_len();
        let end = (self.pos + self.settings.batch_size).min(n);
        Ok((end, self.data.train_batch(&self.order[self.pos..end])?))
    }

    /// Sums the shards' parts, clips, steps the optimizer and keeps the books.
    fn apply_update(
        &mut self,
        end: usize,
        outputs: Vec<ShardOutput>,
    ) -> Result<UpdateReport, TrainError> {
        let n = self.data.train_len();
        let bs = end - self.pos;
        let attempt = self.update + 1;
        let ShardOutput {
            mut grads,
            loss,
            counted,
        } = sum_shards(outputs)?;
        if !loss.is_finite() {
            return Err(self.diverged(attempt, "loss", true));
        }
        let (norm, clipped) = match self.settings.clip_grad_norm {
            Some(max) => {
                let norm = clip_grad_norm(&mut grads, max as f32);
                (f64::from(norm), f64::from(norm) > max)
            }
            None => (f64::from(grads.global_norm()), false),
        };
        // A NaN or infinity in any gradient makes the norm NaN or infinite.
        if !norm.is_finite() {
            return Err(self.diverged(attempt, "gradients", true));
        }
        // The state before this update, in the buffers of the one before the last.
        let before = match self.spare.take() {
            Some(mut s) => {
                s.net.clone_from(&self.net);
                s.opt.clone_from(&self.opt);
                s
            }
            None => Snapshot {
                net: self.net.clone(),
                opt: self.opt.clone(),
            },
        };
        let lr = self.opt.lr();
        self.opt.step(self.net.params_mut(), &grads)?;
        if !self.net.params().all_finite() {
            let mut before = before;
            std::mem::swap(&mut self.net, &mut before.net);
            std::mem::swap(&mut self.opt, &mut before.opt);
            self.spare = Some(before);
            return Err(self.diverged(attempt, "weights", false));
        }
        self.spare = self.last_good.replace(before);
        self.update = attempt;
        self.examples_seen += bs as u64;
        self.running.loss_sum += loss * bs as f64;
        self.running.examples += bs as u64;
        if let Some((correct, rows)) = counted {
            self.running.correct += correct as u64;
            self.running.classified += rows as u64;
        }
        self.history.push_update(self.update, loss, norm, lr);
        self.pos = end;
        let epoch_number = self.epoch + 1;
        let epoch_end = if self.pos >= n {
            Some(self.end_epoch()?)
        } else {
            None
        };
        Ok(UpdateReport {
            epoch: epoch_number,
            update: self.update,
            loss,
            grad_norm: norm,
            clipped,
            lr,
            batch_size: bs,
            examples_seen: self.examples_seen,
            epoch_progress: if epoch_end.is_some() {
                1.0
            } else {
                self.pos as f64 / n.max(1) as f64
            },
            epoch_end,
        })
    }

    /// Restores the last good state (for a bad loss or gradient, the state before the previous
    /// update, whose result the current weights are) and builds the error.
    fn diverged(&mut self, at_update: u64, what: &str, roll_back: bool) -> TrainError {
        self.generation = next_generation();
        if roll_back {
            if let Some(s) = self.last_good.take() {
                self.net = s.net;
                self.opt = s.opt;
            }
        }
        self.history.mark(
            self.update,
            self.epoch,
            format!("diverged ({what}): weights restored"),
        );
        TrainError::Diverged {
            at_update,
            what: what.to_string(),
            advice: DIVERGED_ADVICE.to_string(),
        }
    }

    fn end_epoch(&mut self) -> Result<EpochReport, TrainError> {
        self.epoch += 1;
        self.pos = 0;
        self.order = self.epoch_order(self.epoch);
        self.apply_lr_schedule();
        let running = std::mem::take(&mut self.running);
        let train_loss = running.loss();
        self.history.epoch_train_loss.push(self.epoch, train_loss);
        let mut report = EpochReport {
            epoch: self.epoch,
            train_loss,
            eval: None,
            best_epoch: None,
            stopped: false,
        };
        if !self.epoch.is_multiple_of(self.settings.eval_every) {
            return Ok(report);
        }
        let eval = self.evaluate_with(running.metrics())?;
        let h = &mut self.history;
        if let Some(a) = eval.train.accuracy {
            h.epoch_train_accuracy.push(self.epoch, a);
        }
        let val = eval.validation.as_ref().or(eval.test.as_ref());
        if let Some(v) = val {
            h.epoch_val_loss.push(self.epoch, v.loss);
            if let Some(a) = v.accuracy {
                h.epoch_val_accuracy.push(self.epoch, a);
            }
        }
        if let Some(es) = self.settings.early_stopping {
            let monitored = eval.monitored().loss;
            let improved = self
                .best
                .as_ref()
                .is_none_or(|b| monitored < b.loss - es.min_delta);
            if improved {
                self.best = Some(Best {
                    loss: monitored,
                    epoch: self.epoch,
                    snap: Snapshot {
                        net: self.net.clone(),
                        opt: self.opt.clone(),
                    },
                });
                self.evals_since_best = 0;
            } else {
                self.evals_since_best += 1;
            }
            let best = self.best.as_ref().expect("set above");
            report.best_epoch = Some(best.epoch);
            if self.evals_since_best >= es.patience {
                let best_epoch = best.epoch;
                self.net = best.snap.net.clone();
                self.opt = best.snap.opt.clone();
                self.last_good = None;
                self.stopped = Some((self.epoch, best_epoch));
                self.history.mark(
                    self.update,
                    self.epoch,
                    format!("early stop: weights of epoch {best_epoch} restored"),
                );
                report.stopped = true;
            }
        }
        report.eval = Some(eval);
        Ok(report)
    }

    /// Sets the optimizer's learning rate from the base rate and the decay schedule.
    fn apply_lr_schedule(&mut self) {
        let base = optimizer_lr(&self.settings.optimizer);
        let lr = self
            .settings
            .lr_decay
            .map_or(base, |d| d.lr_at(base, self.epoch));
        if lr != self.opt.lr() {
            self.opt.set_lr(lr);
        }
    }

    /// Updates until the current epoch ends; returns its report.
    pub fn run_epoch(&mut self) -> Result<EpochReport, TrainError> {
        loop {
            if let Some(e) = self.step()?.epoch_end {
                return Ok(e);
            }
        }
    }

    /// Loss and accuracy on every split the lesson has, in eval mode (no dropout). Changes
    /// nothing.
    pub fn evaluate(&self) -> Result<EvalReport, TrainError> {
        self.evaluate_with(None)
    }

    /// [`Session::evaluate`], with the training split's metrics given (the epoch's running
    /// ones) or measured.
    fn evaluate_with(&self, train: Option<Metrics>) -> Result<EvalReport, TrainError> {
        let train = match train {
            Some(m) => m,
            None => self
                .data
                .evaluate(&self.net, Split::Train)?
                .ok_or_else(|| TrainError::invalid("split", "no training data"))?,
        };
        let held_out = self.data.evaluate_held_out(self.view_context())?;
        Ok(EvalReport {
            epoch: self.epoch,
            update: self.update,
            train,
            validation: held_out.validation,
            test: held_out.test,
            epoch_view: held_out.view,
            monitor: self.data.monitor_split(),
        })
    }

    // ---- resetting and settings -------------------------------------------------------------

    /// Back to the state of a fresh session with the same lesson, model, settings and seed:
    /// same weights, fresh optimizer, same data order and dropout stream, counters and history
    /// cleared.
    pub fn reset(&mut self) {
        // The config was validated when it was set, so building cannot fail.
        if let Ok(net) = Network::new(&self.model, self.seed) {
            self.net = net;
        }
        if let Ok(opt) = self.settings.optimizer.build() {
            self.opt = opt;
        }
        self.dropout_rng = seeded_rng(mix(self.seed, DROPOUT_STREAM));
        self.pos = 0;
        self.epoch = 0;
        self.update = 0;
        self.examples_seen = 0;
        self.running = EpochRunning::default();
        self.history.clear();
        self.last_good = None;
        self.spare = None;
        self.best = None;
        self.evals_since_best = 0;
        self.stopped = None;
        self.from_file = false;
        self.order = self.epoch_order(0);
        self.generation = next_generation();
    }

    /// [`reset`](Self::reset) with a new seed.
    pub fn reseed(&mut self, seed: u64) {
        self.seed = seed;
        self.reset();
    }

    /// Whether `model` (after fitting to the lesson) differs in structure from the current
    /// model (cell, nonlinearity, hidden size, layers, direction, bias, head, encoding), so that
    /// applying it means new weights. Dropout is a training setting and never rebuilds.
    pub fn needs_rebuild(&self, model: &NetworkConfig) -> bool {
        with_dropout(&self.settings, self.data.fit_model(model)) != self.model
    }

    /// Switches to a new model structure: new weights from the seed, fresh optimizer, counters
    /// and history cleared. On error nothing changes.
    pub fn rebuild(&mut self, model: &NetworkConfig) -> Result<(), TrainError> {
        let fitted = with_dropout(&self.settings, self.data.fit_model(model));
        fitted.validate()?;
        refuse_leak(self.data.as_ref(), &fitted)?;
        check_memory(self.data.as_ref(), &fitted, &self.settings)?;
        Network::<f32>::new(&fitted, self.seed)?;
        self.data.adopt_model(&fitted);
        self.model = fitted;
        self.reset();
        Ok(())
    }

    /// Applies new settings from the next update on, keeping the weights (and the optimizer
    /// state when only the learning rate changed). On error nothing changes.
    pub fn set_settings(&mut self, new: TrainSettings) -> Result<SettingsChange, TrainError> {
        new.validate()?;
        check_memory(self.data.as_ref(), &self.model, &new)?;
        self.generation = next_generation();
        let old = self.settings.clone();
        let mut changed = Vec::new();
        let (lo, ln) = (optimizer_lr(&old.optimizer), optimizer_lr(&new.optimizer));
        let same_but_lr = with_lr(&old.optimizer, ln) == new.optimizer;
        let mut optimizer_state_kept = true;
        let mut new_opt = None;
        if old.optimizer.kind() != new.optimizer.kind() {
            changed.push(format!(
                "optimizer {} → {}",
                old.optimizer.kind(),
                new.optimizer.kind()
            ));
        } else if !same_but_lr {
            changed.push(format!("{} settings", new.optimizer.kind()));
        }
        if lo != ln {
            changed.push(format!("lr {lo} → {ln}"));
        }
        if !same_but_lr {
            // The core's optimizers expose no way to change betas/momentum/... in place.
            new_opt = Some(new.optimizer.build::<f32>()?);
            optimizer_state_kept = false;
        }
        let mut new_net = None;
        if old.dropout != new.dropout {
            changed.push(format!("dropout {} → {}", old.dropout, new.dropout));
        }
        if old.input_dropout != new.input_dropout {
            changed.push(format!(
                "input dropout {} → {}",
                old.input_dropout, new.input_dropout
            ));
        }
        if old.dropout != new.dropout || old.input_dropout != new.input_dropout {
            let cfg = NetworkConfig {
                dropout: new.dropout,
                input_dropout: new.input_dropout,
                ..self.model.clone()
            };
            new_net = Some(Network::from_parameters(&cfg, self.net.params().clone())?);
        }
        let fmt_opt = |o: Option<f64>| o.map_or("off".to_string(), |v| v.to_string());
        let fmt_usize = |o: Option<usize>| o.map_or("off".to_string(), |v| v.to_string());
        if old.clip_grad_norm != new.clip_grad_norm {
            changed.push(format!(
                "clipping {} → {}",
                fmt_opt(old.clip_grad_norm),
                fmt_opt(new.clip_grad_norm)
            ));
        }
        if old.batch_size != new.batch_size {
            changed.push(format!("batch {} → {}", old.batch_size, new.batch_size));
        }
        if old.truncate != new.truncate {
            changed.push(format!(
                "truncated BPTT {} → {}",
                fmt_usize(old.truncate),
                fmt_usize(new.truncate)
            ));
        }
        if old.shuffle != new.shuffle {
            changed.push(format!("shuffle {} → {}", old.shuffle, new.shuffle));
        }
        if old.early_stopping != new.early_stopping {
            changed.push("early stopping".to_string());
        }
        if old.lr_decay != new.lr_decay {
            changed.push("learning-rate decay".to_string());
        }
        if old.eval_every != new.eval_every || old.epochs != new.epochs {
            changed.push("run length".to_string());
        }
        // Everything validated: apply.
        if let Some(opt) = new_opt {
            self.opt = opt;
        } else if lo != ln {
            self.opt.set_lr(ln);
        }
        if let Some(net) = new_net {
            self.net = net;
            self.model.dropout = new.dropout;
            self.model.input_dropout = new.input_dropout;
        }
        if old.early_stopping != new.early_stopping {
            self.best = None;
            self.evals_since_best = 0;
        }
        self.last_good = None;
        self.spare = None;
        self.stopped = None;
        self.settings = new;
        self.apply_lr_schedule();
        for c in &changed {
            self.history.mark(self.update, self.epoch, c.clone());
        }
        Ok(SettingsChange {
            changed,
            optimizer_state_kept,
            from_update: self.update + 1,
        })
    }

    // ---- inspection -------------------------------------------------------------------------

    /// One example through the network with full forward and backward traces, in eval mode
    /// (no dropout), with the session's truncation window. No update, no RNG draw, no counter
    /// change.
    pub fn inspect(&self, example: &ExampleRef) -> Result<Inspection, TrainError> {
        let prepared = self.data.example(&self.net, example)?;
        let out = self.net.train_step(
            prepared.batch.input.as_input(),
            None,
            &prepared.batch.target,
            self.loss,
            ForwardOptions {
                train_rng: None,
                trace: true,
            },
            BackwardOptions {
                truncate: self.settings.truncate,
                trace: true,
            },
        )?;
        let detail = self.data.detail(&self.net, example, &prepared, &out)?;
        Ok(Inspection {
            lesson: self.lesson(),
            input_labels: prepared.time_labels,
            input_names: prepared.input_names,
            loss: out.loss,
            grad_norm: out.backward.grads.global_norm(),
            forward: out.forward.trace.unwrap_or_else(|| ForwardTrace {
                directions: Vec::new(),
                head: Default::default(),
            }),
            backward: out.backward.trace.unwrap_or(BackwardTrace {
                truncate: self.settings.truncate,
                directions: Vec::new(),
            }),
            detail,
        })
    }

    // ---- lesson views -----------------------------------------------------------------------

    /// What a lesson view's request sees of the session.
    fn view_context(&self) -> ViewContext<'_> {
        ViewContext {
            net: &self.net,
            update: self.update,
            epoch: self.epoch,
            trained: self.update > 0 || self.from_file,
        }
    }

    /// Answers a lesson view's request (eval mode, no side effects); a request of another
    /// lesson is [`TrainError::WrongLesson`].
    pub fn view(&self, request: &ViewRequest) -> Result<View, TrainError> {
        self.data.view(self.view_context(), request)
    }

    // ---- model files ------------------------------------------------------------------------

    /// The model as a PyTorch-style JSON file (config + `state_dict`).
    pub fn export_model(&self) -> String {
        self.net.to_json()
    }

    /// Loads a model file. Its task shape (input, embedding, output, head) must fit the lesson;
    /// cell, hidden size, layers and direction may differ (the session then switches to them).
    /// The optimizer starts afresh; counters and history stay, with a marker. On error the
    /// session is untouched.
    pub fn import_model(&mut self, text: &str) -> Result<(), TrainError> {
        let file = ModelFile::<f32>::parse(text)?;
        let cfg = with_dropout(&self.settings, file.config.clone());
        let fitted = with_dropout(&self.settings, self.data.fit_model(&cfg));
        if fitted != cfg {
            return Err(TrainError::WrongLesson(format!(
                "the model in the file does not fit the {} lesson: it has input_size {}, vocab_size {:?}, output_size {}, head {:?}, but this lesson needs input_size {}, vocab_size {:?}, output_size {}, head {:?}",
                self.lesson().key(),
                cfg.input_size, cfg.vocab_size, cfg.output_size, cfg.head,
                fitted.input_size, fitted.vocab_size, fitted.output_size, fitted.head
            )));
        }
        refuse_leak(self.data.as_ref(), &cfg)?;
        let net = Network::from_parameters(&cfg, file.network.params().clone())?;
        let opt = self.settings.optimizer.build()?;
        let changed = cfg != self.model;
        self.data.adopt_model(&cfg);
        self.model = cfg;
        self.net = net;
        self.opt = opt;
        self.last_good = None;
        self.spare = None;
        self.best = None;
        self.evals_since_best = 0;
        self.stopped = None;
        self.from_file = true;
        self.generation = next_generation();
        self.history.mark(
            self.update,
            self.epoch,
            if changed {
                "model imported (new architecture)".into()
            } else {
                "model imported".into()
            },
        );
        Ok(())
    }
}
