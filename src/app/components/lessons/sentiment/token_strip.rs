use yew::prelude::*;

use crate::lessons::sentiment::tokens::OOV;
use crate::lessons::sentiment::ReviewReading;
use crate::ui::colour::{css, tint_cell};
use crate::ui::i18n::{Lang, Tr};

const POSITIVE: Tr = Tr::new("positive", "긍정");
const NEGATIVE: Tr = Tr::new("negative", "부정");
const OUTSIDE: Tr = Tr::new("outside the vocabulary (id 1)", "어휘 밖 (id 1)");
const TURNED: Tr = Tr::new("moved P(positive) most", "P(긍정)을 가장 많이 바꾼 토큰");
const CUT: Tr = Tr::new(
    "tokens cut before these (maxlen)",
    "개 토큰이 앞에서 잘림 (maxlen)",
);

/// Background of a token: green for positive, vermilion for negative, pale near ½; never so
/// dark that its ink falls under 4.5:1 (`ui::colour::tint_cell`).
pub fn tint(p: f32) -> String {
    let d = f64::from(((p - 0.5) * 2.0).clamp(-1.0, 1.0));
    if d >= 0.0 {
        css(tint_cell([0, 158, 115], d))
    } else {
        css(tint_cell([213, 94, 0], -d))
    }
}

/// `positive 83%` / `negative 71%`.
pub fn verdict(lang: Lang, p: f32) -> String {
    if p >= 0.5 {
        format!("{} {:.0}%", POSITIVE.get(lang), p * 100.0)
    } else {
        format!("{} {:.0}%", NEGATIVE.get(lang), (1.0 - p) * 100.0)
    }
}

/// The three tokens after which P(positive) moved most (index into the tokens).
pub fn turning_points(r: &ReviewReading) -> Vec<usize> {
    let mut moves: Vec<(usize, f32)> = r
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let before = if i == 0 { 0.5 } else { r.tokens[i - 1].p };
            (i, (t.p - before).abs())
        })
        .collect();
    moves.sort_by(|a, b| b.1.total_cmp(&a.1));
    moves
        .into_iter()
        .take(3)
        .filter(|m| m.1 > 0.02)
        .map(|m| m.0)
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct TokenStripProps {
    pub reading: ReviewReading,
    pub lang: Lang,
}

/// A review's tokens coloured by P(positive) after each; the tokens that turned it are
/// outlined, those outside the vocabulary dashed.
#[component]
pub fn TokenStrip(props: &TokenStripProps) -> Html {
    let r = &props.reading;
    let turned = turning_points(r);
    let lang = props.lang;
    html! {
        <div class="token-probs" data-testid="token-probs" data-p={r.p_positive.to_string()}>
            if r.cut > 0 {
                <span class="token-cut">{ format!("… {} {}", r.cut, CUT.get(lang)) }</span>
            }
            { for r.tokens.iter().enumerate().map(|(i, t)| {
                let title = format!(
                    "{} · P(+) {:.0}%{}",
                    t.token,
                    t.p * 100.0,
                    if t.id == OOV { format!(" · {}", OUTSIDE.get(lang)) } else { String::new() }
                );
                html! {
                    <span class={classes!("tok", (t.id == OOV).then_some("oov"), turned.contains(&i).then_some("turned"))}
                        style={format!("background:{}", tint(t.p))} {title} data-p={t.p.to_string()}>
                        <span class="tok-text">{ &t.token }</span>
                        <span class="tok-p">{ format!("{:.0}", t.p * 100.0) }</span>
                    </span>
                }
            }) }
            <p class="hint token-legend">
                <span class="tok turned sample">{ "  " }</span>{ format!(" {} · ", TURNED.get(lang)) }
                <span class="tok oov sample">{ "  " }</span>{ format!(" {}", OUTSIDE.get(lang)) }
            </p>
        </div>
    }
}
