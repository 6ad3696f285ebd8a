use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use crate::app::draw::digit::draw_digit;

#[derive(Properties, PartialEq)]
pub struct DigitCanvasProps {
    /// 784 bytes, 0 = background.
    pub pixels: Vec<u8>,
    #[prop_or_default]
    pub row: Option<usize>,
    /// Pixel size of the square canvas.
    #[prop_or(196)]
    pub size: u32,
    #[prop_or(false)]
    pub dim_after: bool,
    #[prop_or_default]
    pub label: AttrValue,
}

/// One MNIST digit, scaled up, with the row being read outlined.
#[component]
pub fn DigitCanvas(props: &DigitCanvasProps) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(
            (props.pixels.clone(), props.row, props.dim_after),
            move |(px, row, dim)| {
                if let Some(c) = canvas.cast::<HtmlCanvasElement>() {
                    draw_digit(&c, px, *row, *dim);
                }
            },
        );
    }
    html! {
        <canvas ref={canvas} class="digit" width={props.size.to_string()} height={props.size.to_string()}
            role="img" aria-label={props.label.clone()} />
    }
}
