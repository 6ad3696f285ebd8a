//! The memory-limit experiment as the page shows it: the sweep's results merged from the
//! worker's messages, and every sentence about it, made from those numbers.

use crate::nn::CellKind;
use crate::train::memory_limit::task::RecallTask;
use crate::train::memory_limit::{limits, CellBudget, RunResult, SweepConfig, Verdict};
use crate::train::report::MemoryLimitProgress;
use crate::ui::format::{count, short_number};
use crate::ui::i18n::Lang;

/// A sweep as the page draws it.
#[derive(Clone, Debug, PartialEq)]
pub struct MemoryLimitView {
    pub sweep: u64,
    pub config: SweepConfig,
    pub budgets: Vec<CellBudget>,
    /// Every run that ended, in order.
    pub results: Vec<RunResult>,
    pub runs_done: usize,
    pub total_runs: usize,
    pub current: Option<(CellKind, usize, u64)>,
    pub elapsed_ms: f64,
    pub done: bool,
    pub stopped: bool,
}

impl MemoryLimitView {
    /// `previous` with a message's results added; a message of another sweep starts afresh.
    pub fn merged(previous: Option<&MemoryLimitView>, p: &MemoryLimitProgress) -> Self {
        let mut results = match previous {
            Some(v) if v.sweep == p.sweep => v.results.clone(),
            _ => Vec::new(),
        };
        results.extend(p.new_results.iter().cloned());
        MemoryLimitView {
            sweep: p.sweep,
            config: p.config.clone(),
            budgets: p.budgets.clone(),
            results,
            runs_done: p.runs_done,
            total_runs: p.total_runs,
            current: p.current,
            elapsed_ms: p.elapsed_ms,
            done: p.done,
            stopped: p.stopped,
        }
    }

    /// Still training.
    pub fn running(&self) -> bool {
        !self.done && !self.stopped
    }

    /// `(d, held-out accuracy)` of a cell's ended runs, by distance.
    pub fn curve(&self, cell: CellKind) -> Vec<(f64, f64)> {
        let mut pts: Vec<(f64, f64)> = self
            .results
            .iter()
            .filter(|r| r.cell == cell)
            .map(|r| (r.distance as f64, r.accuracy))
            .collect();
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        pts
    }

    /// Chance: 1/K.
    pub fn chance(&self) -> f64 {
        1.0 / self.config.symbols as f64
    }
}

/// A cell's name as PyTorch writes it.
pub fn cell_name(c: CellKind) -> &'static str {
    c.torch_name()
}

fn pick(lang: Lang, en: String, ko: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Ko => ko,
    }
}

/// The smallest distance of the sweep whose test sequences are held out of training
/// ([`RecallData`](crate::train::memory_limit::task::RecallData): at least 4× as many
/// different sequences as test ones).
pub fn held_out_from(c: &SweepConfig) -> Option<usize> {
    c.distances.iter().copied().find(|&distance| {
        let task = RecallTask {
            symbols: c.symbols,
            distractors: c.distractors,
            distance,
        };
        task.distinct() >= 4.0 * c.test_size as f64
    })
}

/// What the task and the budget are, from the sweep's settings.
pub fn setup(lang: Lang, v: &MemoryLimitView) -> String {
    let c = &v.config;
    let first = c.distances.first().copied();
    let held = match held_out_from(c) {
        Some(d) if Some(d) == first => pick(lang, "never drawn for training".into(), "학습에는 뽑지 않는".into()),
        Some(d) => pick(
            lang,
            format!("never drawn for training when d ≥ {d} (shorter tasks have too few different sequences to hold any out)"),
            format!("d ≥ {d}이면 학습에 뽑지 않는 (더 짧은 과제는 서로 다른 시퀀스가 너무 적어 따로 둘 수 없음)"),
        ),
        None => pick(
            lang,
            "that training may also draw (too few different sequences to hold any out)".into(),
            "학습에도 나올 수 있는 (서로 다른 시퀀스가 너무 적어 따로 둘 수 없음)".into(),
        ),
    };
    let cells: Vec<String> = v
        .budgets
        .iter()
        .map(|b| {
            format!(
                "{} H = {} ({})",
                cell_name(b.cell),
                b.hidden,
                count(b.params)
            )
        })
        .collect();
    let (k, dd, seed, b, n) = (c.symbols, c.distractors, c.seed, c.batch, c.test_size);
    let (ch, th, lr) = (
        short_number(v.chance()),
        short_number(c.threshold),
        short_number(c.lr),
    );
    let (budget, u, cells) = (count(c.budget), count(c.updates as usize), cells.join(", "));
    pick(
        lang,
        format!("Each sequence: one of K = {k} symbols, d distractor steps (from {dd} other tokens), then a query mark; the network must name the first symbol at its last step. Chance = 1/{k} = {ch}. Budget {budget} parameters: {cells}. Same seed {seed} for every cell; at most {u} updates of {b} sequences (Adam, lr {lr}); mastered = accuracy ≥ {th} on {n} test sequences {held}."),
        format!("각 시퀀스: K = {k}개 기호 중 하나, 방해 토큰({dd}종) d 스텝, 그리고 질문 표시. 네트워크는 마지막 스텝에서 첫 기호를 맞혀야 합니다. 우연 = 1/{k} = {ch}. 파라미터 예산 {budget}: {cells}. 모든 셀이 같은 시드 {seed}; 업데이트 최대 {u}번, 한 번에 시퀀스 {b}개 (Adam, 학습률 {lr}); {held} 평가 시퀀스 {n}개에서 정확도 ≥ {th}이면 습득."),
    )
}

/// Where the sweep stands: the run in progress, or how it ended and how long it took.
pub fn status(lang: Lang, v: &MemoryLimitView) -> String {
    let secs = short_number((v.elapsed_ms / 100.0).round() / 10.0);
    let (done, total) = (v.runs_done, v.total_runs);
    match (v.current, v.done, v.stopped) {
        (_, true, _) => pick(
            lang,
            format!("Finished: {total} runs in {secs} s."),
            format!("완료: {total}번의 실행, {secs}초."),
        ),
        (_, _, true) => pick(
            lang,
            format!("Stopped after {done} of {total} runs ({secs} s)."),
            format!("{total}번 중 {done}번 실행 뒤 멈춤 ({secs}초)."),
        ),
        (Some((cell, d, u)), _, _) => pick(
            lang,
            format!(
                "Training {} at d = {d}: update {u} of at most {}; {done} of {total} runs done, {secs} s.",
                cell_name(cell),
                v.config.updates
            ),
            format!(
                "{} 훈련 중, d = {d}: 업데이트 {u} / 최대 {}; {total}번 중 {done}번 완료, {secs}초.",
                cell_name(cell),
                v.config.updates
            ),
        ),
        (None, _, _) => pick(
            lang,
            format!("{done} of {total} runs done, {secs} s."),
            format!("{total}번 중 {done}번 완료, {secs}초."),
        ),
    }
}

/// Why a run fell short, from its verdict and its updates.
fn failure(lang: Lang, d: usize, r: &RunResult) -> String {
    let acc = short_number((r.accuracy * 1000.0).round() / 1000.0);
    // The loss's change in percent, one decimal: −12.0% is a fall.
    let pct = |x: f64| format!("{:+.1}%", -x * 100.0 + 0.0);
    let pts = |x: f64| format!("{x:+.2}");
    match r.verdict {
        Verdict::StillLearning {
            loss_drop,
            accuracy_rise,
        } => pick(
            lang,
            format!(
                "at d = {d} accuracy {acc}, still learning when its {u} updates ran out (held-out loss {l}, accuracy {a} over the last quarter): a budget effect, more updates would likely help",
                u = count(r.updates as usize), l = pct(loss_drop), a = pts(accuracy_rise)
            ),
            format!(
                "d = {d}에서 정확도 {acc}, 업데이트 {u}번이 끝날 때도 아직 배우는 중 (마지막 4분의 1 동안 평가 손실 {l}, 정확도 {a}): 예산 효과이며 업데이트를 늘리면 나아질 가능성이 큽니다",
                u = count(r.updates as usize), l = pct(loss_drop), a = pts(accuracy_rise)
            ),
        ),
        Verdict::Stalled {
            loss_drop,
            accuracy_rise,
        } => pick(
            lang,
            format!(
                "at d = {d} accuracy {acc}, no progress over the last quarter of its {u} updates (held-out loss {l}, accuracy {a}): a limit at this budget",
                u = count(r.updates as usize), l = pct(loss_drop), a = pts(accuracy_rise)
            ),
            format!(
                "d = {d}에서 정확도 {acc}, 업데이트 {u}번의 마지막 4분의 1 동안 나아지지 않음 (평가 손실 {l}, 정확도 {a}): 이 예산에서의 한계",
                u = count(r.updates as usize), l = pct(loss_drop), a = pts(accuracy_rise)
            ),
        ),
        Verdict::Mastered => String::new(),
    }
}

/// One sentence per cell naming its limit: the largest d it masters with every shorter one,
/// and why the next fell short; or that none fell short (yet).
pub fn result_lines(lang: Lang, v: &MemoryLimitView) -> Vec<(CellKind, String)> {
    let th = short_number(v.config.threshold);
    limits(&v.config.cells, &v.results)
        .into_iter()
        .map(|(cell, best, failed)| {
            let name = cell_name(cell);
            let run = |d: usize| v.results.iter().find(|r| r.cell == cell && r.distance == d);
            let text = match (best, failed.and_then(|(d, _)| Some((d, run(d)?)))) {
                (Some(b), Some((d, r))) => pick(
                    lang,
                    format!("{name}: limit d = {b} (accuracy ≥ {th} at every d ≤ {b}); {}.", failure(lang, d, r)),
                    format!("{name}: 한계 d = {b} (d ≤ {b}에서 모두 정확도 ≥ {th}); {}.", failure(lang, d, r)),
                ),
                (None, Some((d, r))) => pick(
                    lang,
                    format!("{name}: masters no distance; {}.", failure(lang, d, r)),
                    format!("{name}: 습득한 거리 없음; {}.", failure(lang, d, r)),
                ),
                (Some(b), None) if v.done => pick(
                    lang,
                    format!("{name}: masters every distance of the sweep, up to d = {b}: its limit lies beyond it."),
                    format!("{name}: 이 실험의 모든 거리(d = {b}까지)를 습득: 한계는 그보다 멉니다."),
                ),
                (Some(b), None) => pick(
                    lang,
                    format!("{name}: masters every distance so far, up to d = {b}."),
                    format!("{name}: 지금까지 모든 거리(d = {b}까지)를 습득."),
                ),
                (None, None) => pick(
                    lang,
                    format!("{name}: no result yet."),
                    format!("{name}: 아직 결과 없음."),
                ),
            };
            (cell, text)
        })
        .collect()
}

/// The chart's text alternative: each cell's budget and accuracy at every distance run.
pub fn describe(lang: Lang, v: &MemoryLimitView) -> String {
    let parts: Vec<String> = v
        .config
        .cells
        .iter()
        .map(|&cell| {
            let pts: Vec<String> = v
                .curve(cell)
                .iter()
                .map(|(d, a)| format!("d = {d} {}", short_number((a * 1000.0).round() / 1000.0)))
                .collect();
            let h = v.budgets.iter().find(|b| b.cell == cell);
            let size = h.map(|b| format!(" (H = {}, {})", b.hidden, count(b.params)));
            let pts = if pts.is_empty() {
                pick(lang, "no result yet".into(), "아직 결과 없음".into())
            } else {
                pts.join(", ")
            };
            format!("{}{}: {pts}", cell_name(cell), size.unwrap_or_default())
        })
        .collect();
    pick(
        lang,
        format!(
            "Held-out accuracy against distance d (chance {}, mastered ≥ {}): {}.",
            short_number(v.chance()),
            short_number(v.config.threshold),
            parts.join("; ")
        ),
        format!(
            "거리 d에 따른 평가 정확도 (우연 {}, 습득 ≥ {}): {}.",
            short_number(v.chance()),
            short_number(v.config.threshold),
            parts.join("; ")
        ),
    )
}
