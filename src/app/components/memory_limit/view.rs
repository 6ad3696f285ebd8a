//! "Show me your limit!": the memory-limit experiment's panel (under the character lesson,
//! whose sentence asks the question): settings, Start/Stop, the live chart and the result.

use yew::prelude::*;

use super::chart::AccuracyChart;
use crate::app::components::number_field::NumberField;
use crate::app::context::use_app;
use crate::train::memory_limit::{
    distances_up_to, SweepConfig, DEFAULT_MAX_DISTANCE, MAX_DISTANCE,
};
use crate::ui::i18n::{Text, Tr};
use crate::ui::memory_limit::{describe, result_lines, setup, status};
use crate::worker::messages::ToWorker;

const TITLE: Tr = Tr::new(
    "How long can a RNN cell remember? Show me your limit!",
    "RNN 셀은 얼마나 오래 기억할까? 한계를 보여 줘!",
);
const HINT: Tr = Tr::new(
    "RNN, LSTM and GRU with about the same number of parameters and the same seed learn to recall the first symbol of a sequence after d distractor steps, for growing d. Each point is one cell trained afresh at one distance. The lesson's model pauses meanwhile.",
    "파라미터 수가 거의 같은 RNN, LSTM, GRU가 같은 시드로, 방해 스텝 d개 뒤에 시퀀스의 첫 기호를 떠올리도록 배웁니다. d를 늘려 가며, 점 하나는 한 거리에서 새로 훈련한 셀 하나입니다. 그동안 단원의 모델은 멈춥니다.",
);
const MAX_D: Tr = Tr::new("Largest distance d", "가장 먼 거리 d");
const MAX_D_TIP: Tr = Tr::new(
    "The sweep runs d = 1, 2, 3, 4, 6, 8, 12, … up to this",
    "d = 1, 2, 3, 4, 6, 8, 12, … 이 값까지 실행합니다",
);
const UPDATES: Tr = Tr::new("Updates per run (at most)", "실행당 업데이트 (최대)");
const UPDATES_TIP: Tr = Tr::new(
    "A run ends early once the cell masters its distance",
    "셀이 그 거리를 습득하면 실행이 일찍 끝납니다",
);
const SEED: Tr = Tr::new("Seed", "시드");
const SEED_TIP: Tr = Tr::new(
    "Same seed, same data and weights: the same curves",
    "같은 시드면 같은 데이터와 가중치, 같은 곡선",
);
const START: Tr = Tr::new("Run the experiment", "실험 실행");
const X_AXIS: Tr = Tr::new("distance d (log scale)", "거리 d (로그 눈금)");
const Y_AXIS: Tr = Tr::new("accuracy", "정확도");
const CHANCE: Tr = Tr::new("chance", "우연");
const MASTERED: Tr = Tr::new("mastered", "습득");

/// The experiment's panel: `data-testid="memory-limit"`; the limits in `memory-limit-result`.
#[component]
pub fn MemoryLimit() -> Html {
    let app = use_app();
    let defaults = SweepConfig::default();
    let max_d = use_state(|| DEFAULT_MAX_DISTANCE);
    let updates = use_state(|| defaults.updates);
    let seed = use_state(|| defaults.seed);
    let view = app.state.memory_limit.clone();
    let lang = app.state.lang;

    let start = {
        let (send, max_d, updates, seed) = (app.send.clone(), *max_d, *updates, *seed);
        Callback::from(move |_| {
            send.emit(ToWorker::MemoryLimit(Box::new(SweepConfig {
                distances: distances_up_to(max_d),
                updates,
                seed,
                ..SweepConfig::default()
            })))
        })
    };
    let stop = {
        let send = app.send.clone();
        Callback::from(move |_| send.emit(ToWorker::StopMemoryLimit))
    };
    fn set<T: 'static>(s: &UseStateHandle<T>, f: fn(f64) -> T) -> Callback<f64> {
        let s = s.clone();
        Callback::from(move |v: f64| s.set(f(v)))
    }
    let running = view.as_ref().is_some_and(|v| v.running());

    html! {
        <section class="panel memory-limit" data-testid="memory-limit" aria-labelledby="memory-limit-title">
            <h2 id="memory-limit-title">{ app.l(TITLE) }</h2>
            <p class="hint">{ app.l(HINT) }</p>
            <div class="button-row">
                <NumberField label={app.l(MAX_D)} tip={app.l(MAX_D_TIP)} testid="memory-limit-max-distance"
                    value={*max_d as f64} min={1.0} max={MAX_DISTANCE as f64} integer=true on_change={set(&max_d, |v| v as usize)} />
                <NumberField label={app.l(UPDATES)} tip={app.l(UPDATES_TIP)} testid="memory-limit-updates"
                    value={*updates as f64} min={1.0} max={100_000.0} integer=true on_change={set(&updates, |v| v as u64)} />
                <NumberField label={app.l(SEED)} tip={app.l(SEED_TIP)} testid="memory-limit-seed"
                    value={*seed as f64} min={0.0} max={1e9} integer=true on_change={set(&seed, |v| v as u64)} />
                if running {
                    <button class="secondary" data-testid="memory-limit-stop" onclick={stop}>{ app.t(Text::Stop) }</button>
                } else {
                    <button data-testid="memory-limit-start" onclick={start}>{ app.l(START) }</button>
                }
            </div>
            if let Some(v) = &view {
                <p class="hint" data-testid="memory-limit-setup">{ setup(lang, v) }</p>
                <p class="status-extra" data-testid="memory-limit-status" data-done={v.done.to_string()} data-sweep={v.sweep.to_string()}
                    data-elapsed-ms={format!("{:.0}", v.elapsed_ms)} aria-live="polite">{ status(lang, v) }</p>
                <figure class="chart ml-figure">
                    <AccuracyChart view={v.clone()} label={describe(lang, v)} x_label={app.l(X_AXIS)}
                        y_label={app.l(Y_AXIS)} chance={app.l(CHANCE)} mastered={app.l(MASTERED)} />
                </figure>
                <ul class="ml-result" data-testid="memory-limit-result">
                    { for result_lines(lang, v).into_iter().map(|(c, text)| html! {
                        <li data-cell={c.key()}>{ text }</li>
                    }) }
                </ul>
            }
        </section>
    }
}
