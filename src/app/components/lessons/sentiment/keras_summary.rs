use yew::prelude::*;

use crate::app::context::use_app;
use crate::ui::format::count;
use crate::ui::i18n::Tr;

const TITLE: Tr = Tr::new("The same model in Keras", "같은 모델을 케라스로");
const TOTAL: Tr = Tr::new("Total params (Keras)", "전체 파라미터 (케라스)");
const PYTORCH: Tr = Tr::new(
    "PyTorch counts the same model as",
    "같은 모델을 PyTorch는 이렇게 셉니다:",
);
const WHY: Tr = Tr::new(
    "Keras keeps one bias vector in a SimpleRNN or LSTM layer and two in a GRU (reset_after=True); PyTorch keeps two in every recurrent layer (bias_ih and bias_hh). The embedding and the Dense layer count the same in both.",
    "케라스는 SimpleRNN과 LSTM 층에 편향 벡터를 하나, GRU(reset_after=True)에는 두 개 둡니다. PyTorch는 모든 순환층에 두 개(bias_ih, bias_hh)를 둡니다. 임베딩과 Dense 층은 둘이 똑같이 셉니다.",
);

/// The course's `model.summary()` (tutorial 04): Layer (type), Output Shape, Param # and
/// Keras's total, computed by the worker from the model's config, beside PyTorch's count.
#[component]
pub fn KerasSummaryTable() -> Html {
    let app = use_app();
    let Some(k) = app.state.summary.keras.clone() else {
        return Html::default();
    };
    html! {
        <section class="keras-summary" data-testid="keras-summary">
            <h3>{ app.l(TITLE) }{ " " }<code>{ "model.summary()" }</code></h3>
            <div class="table-scroll">
                <table>
                    // Keras's own column names, as the course prints them.
                    <thead data-lang-neutral="true"><tr><th>{ "Layer (type)" }</th><th>{ "Output Shape" }</th><th class="num">{ "Param #" }</th></tr></thead>
                    <tbody>
                        { for k.layers.iter().map(|l| html! {
                            <tr>
                                <td><code>{ l.label() }</code></td>
                                <td><code>{ l.output_text() }</code></td>
                                <td class="num">{ count(l.params) }</td>
                            </tr>
                        }) }
                    </tbody>
                    <tfoot>
                        <tr><th colspan="2">{ app.l(TOTAL) }</th><th class="num" data-testid="keras-total" data-value={k.total.to_string()}>{ count(k.total) }</th></tr>
                        <tr><td colspan="2">{ app.l(PYTORCH) }</td><td class="num" data-testid="keras-pytorch-total" data-value={k.pytorch_total.to_string()}>{ count(k.pytorch_total) }</td></tr>
                    </tfoot>
                </table>
            </div>
            <p class="hint">{ app.l(WHY) }</p>
        </section>
    }
}
