use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};
use yew::prelude::*;

use crate::app::context::use_app;
use crate::app::draw::digit::canvas_to_mnist;
use crate::lessons::mnist_rows::MnistRequest;
use crate::lessons::ViewRequest;
use crate::ui::i18n::Text;
use crate::worker::messages::ToWorker;

const SIZE: f64 = 224.0;

fn ctx(c: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    c.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn clear(c: &HtmlCanvasElement) {
    if let Some(g) = ctx(c) {
        g.set_fill_style_str("#ffffff");
        g.fill_rect(0.0, 0.0, SIZE, SIZE);
    }
}

/// A pad to draw a digit with the mouse or a finger; each stroke is classified row by row.
#[component]
pub fn DrawPad() -> Html {
    let app = use_app();
    let canvas = use_node_ref();
    let drawing = use_mut_ref(|| None::<(f64, f64)>);
    {
        let canvas = canvas.clone();
        use_effect_with((), move |_| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                clear(&c);
            }
        });
    }
    // In the canvas's own pixels: on a narrow screen its box is smaller than its 224 pixels.
    let pos = |e: &PointerEvent| {
        let shown = e
            .target()
            .and_then(|t| t.dyn_into::<HtmlCanvasElement>().ok())
            .map_or(SIZE, |c| f64::from(c.client_width()).max(1.0));
        let k = SIZE / shown;
        (e.offset_x() as f64 * k, e.offset_y() as f64 * k)
    };
    // A finger or a pen keeps the stroke while it moves past the pad's edge (pointer capture).
    let onpointerdown = {
        let drawing = drawing.clone();
        Callback::from(move |e: PointerEvent| {
            e.prevent_default();
            if let Some(c) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = c.set_pointer_capture(e.pointer_id());
            }
            *drawing.borrow_mut() = Some(pos(&e));
        })
    };
    let onpointermove = {
        let drawing = drawing.clone();
        let canvas = canvas.clone();
        Callback::from(move |e: PointerEvent| {
            let Some(last) = *drawing.borrow() else {
                return;
            };
            let Some(g) = canvas.cast::<HtmlCanvasElement>().and_then(|c| ctx(&c)) else {
                return;
            };
            let now = pos(&e);
            g.set_stroke_style_str("#000000");
            g.set_line_width(SIZE / 12.0);
            g.set_line_cap("round");
            g.begin_path();
            g.move_to(last.0, last.1);
            g.line_to(now.0, now.1);
            g.stroke();
            *drawing.borrow_mut() = Some(now);
        })
    };
    let classify = {
        let canvas = canvas.clone();
        let send = app.send.clone();
        move || {
            if let Some(pixels) = canvas
                .cast::<HtmlCanvasElement>()
                .and_then(|c| canvas_to_mnist(&c))
            {
                send.emit(ToWorker::View(ViewRequest::MnistRows(
                    MnistRequest::Drawn { pixels },
                )));
            }
        }
    };
    let onpointerup = {
        let drawing = drawing.clone();
        let classify = classify.clone();
        Callback::from(move |_: PointerEvent| {
            if drawing.borrow_mut().take().is_some() {
                classify();
            }
        })
    };
    let on_clear = {
        let canvas = canvas.clone();
        Callback::from(move |_| {
            if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                clear(&c);
            }
        })
    };
    html! {
        <div class="draw-pad">
            <canvas ref={canvas} width={SIZE.to_string()} height={SIZE.to_string()} data-testid="draw-pad"
                role="img" aria-label={app.t(Text::DrawDigit)} style="touch-action: none"
                {onpointerdown} {onpointermove} onpointerup={onpointerup.clone()} onpointercancel={onpointerup} />
            <div class="button-row">
                <button class="secondary" onclick={on_clear}>{ app.t(Text::Clear) }</button>
                <button data-testid="classify" onclick={move |_| classify()}>{ app.t(Text::Classify) }</button>
            </div>
        </div>
    }
}
