use yew::prelude::*;

use crate::app::context::use_app;
use crate::ui::format::count;
use crate::ui::i18n::Text;

/// Every parameter tensor with its PyTorch name, shape and count, and the total.
#[component]
pub fn ModelSummaryTable() -> Html {
    let app = use_app();
    let summary = app.state.summary.clone();
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
            if !summary.layers.is_empty() {
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
