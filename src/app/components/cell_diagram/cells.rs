//! Each cell type drawn in the familiar style, with one unit's live values: the LSTM's
//! cell-state highway, the GRU's update mixing, the plain RNN's single tanh.

use yew::prelude::*;

use super::parts::{gate_box, line, node, state_label};
use crate::nn::trace::StepTrace;
use crate::nn::Gate;
use crate::ui::inside::{step_value, MapKey};

/// One unit `u` at a step, and at the step read before it.
pub struct At<'a> {
    pub step: &'a StepTrace,
    pub prev: Option<&'a StepTrace>,
    pub u: usize,
}

impl At<'_> {
    fn gate(&self, x: f64, y: f64, g: Gate) -> Html {
        gate_box(x, y, g, step_value(self.step, MapKey::Gate(g), self.u))
    }

    fn value(&self, key: MapKey) -> Option<f32> {
        step_value(self.step, key, self.u)
    }

    fn previous(&self, key: MapKey) -> Option<f32> {
        self.prev.and_then(|p| step_value(p, key, self.u))
    }
}

pub fn lstm(at: &At) -> Html {
    let gate = |x, y, g| at.gate(x, y, g);
    let (h, c, c_prev) = (
        at.value(MapKey::Hidden),
        at.value(MapKey::Cell),
        at.previous(MapKey::Cell),
    );
    html! { <>
        // The cell-state highway.
        <line class="highway" x1="70" y1="40" x2="135" y2="40" />
        <line class="highway" x1="157" y1="40" x2="245" y2="40" />
        { line(267.0, 40.0, 400.0, 40.0, "highway") }
        { node(146.0, 40.0, "×") }
        { node(256.0, 40.0, "+") }
        { state_label(8.0, 30.0, "c_{t−1}", "diag-c-prev", c_prev, "start") }
        { state_label(462.0, 30.0, "c_t", "diag-c", c, "end") }
        // Gates.
        { gate(110.0, 160.0, Gate::Forget) }
        { gate(190.0, 160.0, Gate::Input) }
        { gate(270.0, 160.0, Gate::CellCandidate) }
        { gate(350.0, 160.0, Gate::Output) }
        { for [110.0, 190.0, 270.0, 350.0].map(|x| line(x, 215.0, x, 181.0, "wire")) }
        { line(110.0, 140.0, 142.0, 53.0, "wire") }
        { node(230.0, 95.0, "×") }
        { line(190.0, 140.0, 222.0, 104.0, "wire") }
        { line(270.0, 140.0, 238.0, 104.0, "wire") }
        { line(236.0, 85.0, 252.0, 53.0, "wire") }
        // Output: h_t = o ⊙ tanh(c_t).
        { node(420.0, 80.0, "tanh") }
        { line(400.0, 40.0, 414.0, 68.0, "wire") }
        { node(420.0, 160.0, "×") }
        { line(420.0, 92.0, 420.0, 147.0, "wire") }
        { line(384.0, 160.0, 407.0, 160.0, "wire") }
        { line(432.0, 160.0, 462.0, 160.0, "wire") }
        { state_label(462.0, 190.0, "h_t", "diag-h", h, "end") }
    </> }
}

pub fn gru(at: &At) -> Html {
    let gate = |x, y, g| at.gate(x, y, g);
    let (h, h_prev) = (at.value(MapKey::Hidden), at.previous(MapKey::Hidden));
    html! { <>
        // The hidden state passes along the top, mixed by the update gate.
        <line class="highway" x1="70" y1="40" x2="189" y2="40" />
        { node(200.0, 40.0, "×") }
        <line class="highway" x1="211" y1="40" x2="319" y2="40" />
        { node(330.0, 40.0, "+") }
        { line(341.0, 40.0, 400.0, 40.0, "highway") }
        { state_label(8.0, 30.0, "h_{t−1}", "diag-h-prev", h_prev, "start") }
        { state_label(462.0, 30.0, "h_t", "diag-h", h, "end") }
        { gate(110.0, 170.0, Gate::Reset) }
        { gate(200.0, 170.0, Gate::Update) }
        { gate(330.0, 170.0, Gate::New) }
        { for [110.0, 200.0, 330.0].map(|x| line(x, 215.0, x, 191.0, "wire")) }
        { line(200.0, 150.0, 200.0, 53.0, "wire") }
        { node(265.0, 100.0, "1−") }
        { line(212.0, 150.0, 256.0, 110.0, "wire") }
        { line(276.0, 100.0, 318.0, 100.0, "wire") }
        { node(330.0, 100.0, "×") }
        { line(330.0, 150.0, 330.0, 113.0, "wire") }
        { line(330.0, 88.0, 330.0, 53.0, "wire") }
        { line(144.0, 170.0, 294.0, 170.0, "wire dashed") }
    </> }
}

pub fn rnn(at: &At) -> Html {
    let gate = |x, y, g| at.gate(x, y, g);
    let (h, h_prev) = (at.value(MapKey::Hidden), at.previous(MapKey::Hidden));
    html! { <>
        <line class="highway" x1="70" y1="100" x2="196" y2="100" />
        { gate(235.0, 100.0, Gate::Hidden) }
        { line(269.0, 100.0, 400.0, 100.0, "highway") }
        { state_label(8.0, 90.0, "h_{t−1}", "diag-h-prev", h_prev, "start") }
        { state_label(462.0, 90.0, "h_t", "diag-h", h, "end") }
        { line(235.0, 215.0, 235.0, 122.0, "wire") }
    </> }
}

/// The course's cell (tutorial 01): the RNN's single tanh, here on `i2h(cat(x_t, h_{t−1}))`
/// with one bias, and `i2o` on the same `cat(x_t, h_{t−1})` beside it: the output y_t reads
/// h_{t−1}, never h_t.
pub fn course(at: &At) -> Html {
    html! { <>
        { rnn(at) }
        <text class="state" x="235" y="140" text-anchor="middle">{ "i2h" }</text>
        { node(380.0, 160.0, "i2o") }
        { line(380.0, 215.0, 380.0, 173.0, "wire") }
        { line(392.0, 160.0, 440.0, 160.0, "wire") }
        <text class="state end" x="462" y="165" data-testid="diag-y">{ "y_t" }</text>
        <text class="state" x="385" y="138" text-anchor="middle" data-testid="diag-course-note" data-lang-neutral="">
            { "y_t = i2o(cat(x_t, h_{t−1}))" }</text>
    </> }
}
