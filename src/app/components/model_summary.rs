use yew::prelude::*;

use crate::app::context::use_app;
use crate::ui::format::count;
use crate::ui::i18n::Text;

/// The course's cell's tensors under the app's names, and why there is no Keras count.
const COURSE_PARAMS: crate::ui::i18n::Tr = crate::ui::i18n::Tr::new(
    "The course's cell: `i2h.weight` is `rnn.weight_ih_l0` (its x columns) beside `rnn.weight_hh_l0` (its h columns), its one bias `i2h.bias` is `rnn.bias_ih_l0` (there is no `bias_hh`), and `i2o` is `fc`. Keras has no layer for it.",
    "강의의 셀: `i2h.weight`는 `rnn.weight_ih_l0`(x에 곱하는 열)와 `rnn.weight_hh_l0`(h에 곱하는 열)를 나란히 놓은 것이고, 편향 `i2h.bias` 하나가 `rnn.bias_ih_l0`입니다 (`bias_hh`는 없습니다). `i2o`는 `fc`입니다. Keras에는 이에 해당하는 층이 없습니다.",
);

/// Every parameter tensor with its PyTorch name, shape and count, and the total.
#[component]
pub fn ModelSummaryTable() -> Html {
    let app = use_app();
    let summary = app.state.summary.clone();
    let course = app.state.model.cell.is_course();
    html! {
        <section class="panel model-summary" data-testid="model-summary" aria-labelledby="ms-title">
            <h2 id="ms-title">{ app.t(Text::ModelSummary) }</h2>
            <table>
                <thead><tr><th>{ app.t(Text::Name) }</th><th>{ app.t(Text::Shape) }</th><th class="num">{ app.t(Text::Parameters) }</th></tr></thead>
                <tbody>
                    { for summary.rows.iter().map(|r| html! {
                        <tr>
                            <td><code>{ &r.name }</code></td>
                            <td><code>{ format!("{:?}", r.shape) }</code></td>
                            <td class="num">{ count(r.count) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr><th colspan="2">{ app.t(Text::Total) }</th><th class="num" data-testid="param-total">{ count(summary.total) }</th></tr></tfoot>
            </table>
            if course {
                <p class="hint" data-testid="course-cell-params">{ crate::app::components::with_code_spans(app.l(COURSE_PARAMS)) }</p>
            } else if !summary.layers.is_empty() {
                <table class="keras-counts" data-testid="keras-counts">
                    <thead><tr><th>{ app.t(Text::RecurrentLayer) }</th><th class="num">{ "PyTorch" }</th><th class="num">{ "Keras" }</th></tr></thead>
                    <tbody>
                        { for summary.layers.iter().map(|l| html! {
                            <tr>
                                <td>{ format!("{} {}{}", app.t(Text::InLayer), l.layer + 1, if l.direction == 1 { format!(" ({})", app.t(Text::InReverse)) } else { String::new() }) }</td>
                                <td class="num">{ count(l.pytorch) }</td>
                                <td class="num">{ count(l.keras) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="hint">{ app.t(Text::KerasCountNote) }</p>
            }
        </section>
    }
}
