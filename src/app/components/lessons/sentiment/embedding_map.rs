//! The learned embedding (tutorial 01 §4): the most frequent tokens on the embedding's two main
//! directions, and the tokens nearest to a chosen one by cosine similarity, live as the model
//! trains; what one-hot cannot show said beside it.

use yew::prelude::*;

use crate::app::context::use_app;
use crate::lessons::embedding::EmbeddingMap;
use crate::lessons::sentiment::{SentimentAnswer, SentimentRequest};
use crate::lessons::{View, ViewRequest};
use crate::ui::embedding_layout::{place, MapBox};
use crate::ui::i18n::{tr, Lang, Text, Tr};
use crate::worker::messages::ToWorker;

const TITLE: Tr = Tr::new("Learned embedding", "학습된 임베딩");
const NEAREST: Tr = Tr::new("Nearest tokens", "가장 가까운 토큰");
const CHOOSE: Tr = Tr::new("Token", "토큰");

fn hint(dim: usize, lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("토큰마다 숫자 {dim}개인 벡터를 가장 크게 퍼진 두 방향(주성분)에 그렸습니다. 학습하면서 모델이 비슷하게 쓰는 토큰끼리 가까워집니다. 원-핫 인코딩에서는 어느 두 토큰이든 거리가 같아서(코사인 유사도 0) 비슷함이 드러날 수 없습니다. 토큰을 누르면 가장 가까운 토큰을 보여 줍니다."),
        _ => format!("Each token's vector of {dim} numbers, drawn on its two main directions (principal components). As the model trains, tokens it uses alike move together. In one-hot encoding every two tokens are equally far apart (cosine similarity 0), so no similarity can show. Choose a token to list its nearest tokens."),
    }
}

fn one_hot(lang: Lang) -> String {
    match lang {
        Lang::Ko => format!("이 모델은 원-핫 벡터를 읽습니다. 어느 두 토큰이든 거리가 √2, 코사인 유사도가 0으로 같아서 그릴 것이 없습니다. 임베딩을 배우려면 ‘{}’에서 임베딩을 고르세요.", tr(lang, Text::Encoding)),
        _ => format!("This model reads one-hot vectors: every two tokens are equally far apart (distance √2, cosine similarity 0), so there is nothing to map. Choose an embedding under “{}” to learn one.", tr(lang, Text::Encoding)),
    }
}

fn summary(map: &EmbeddingMap, lang: Lang) -> String {
    let [a, b] = map.explained;
    match lang {
        Lang::Ko => format!("가장 자주 나오는 토큰 {}개의 지도: 가로축이 분산의 {:.0}%, 세로축이 {:.0}%를 보여 줍니다.", map.points.len(), a * 100.0, b * 100.0),
        _ => format!("Map of the {} most frequent tokens: the horizontal axis shows {:.0}% of their variance, the vertical {:.0}%.", map.points.len(), a * 100.0, b * 100.0),
    }
}

/// The map and the nearest tokens.
#[component]
pub fn EmbeddingMapCard() -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let token = use_state(|| None::<usize>);
    {
        let send = app.send.clone();
        use_effect_with((*token, app.state.open_generation), move |(token, _)| {
            send.emit(ToWorker::View(ViewRequest::Sentiment(
                SentimentRequest::Embedding { token: *token },
            )));
        });
    }
    let map = app.state.views.find(|v| match v {
        View::Sentiment(SentimentAnswer::Embedding(m)) => Some(m.clone()),
        _ => None,
    });
    let Some(map) = map else { return html! {} };
    if !map.learned {
        return html! {
            <div class="embedding-map" data-testid="embedding-map" data-learned="false">
                <h3>{ app.l(TITLE) }</h3>
                <p class="hint">{ one_hot(lang) }</p>
            </div>
        };
    }
    let b = MapBox::default();
    let placed = place(&map.points, &b);
    let chosen = map.nearest.as_ref().map(|n| n.id);
    let near: Vec<usize> = map
        .nearest
        .as_ref()
        .map_or(Vec::new(), |n| n.tokens.iter().map(|t| t.1).collect());
    let pick = |id: usize| {
        let token = token.clone();
        Callback::from(move |_: MouseEvent| token.set(Some(id)))
    };
    let on_select = {
        let token = token.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::HtmlSelectElement = e.target_unchecked_into();
            token.set(el.value().parse().ok());
        })
    };
    html! {
        <div class="embedding-map" data-testid="embedding-map" data-learned="true">
            <h3>{ app.l(TITLE) }</h3>
            <p class="hint">{ hint(map.dim, lang) }</p>
            <svg viewBox={format!("0 0 {} {}", b.width, b.height)} role="img" aria-label={summary(&map, lang)} data-testid="embedding-svg">
                { for placed.iter().map(|p| {
                    let class = classes!("emb-tok", (Some(p.id) == chosen).then_some("chosen"), near.contains(&p.id).then_some("near"));
                    html! {
                        <text x={format!("{:.1}", p.x)} y={format!("{:.1}", p.y)} class={class} text-anchor="middle" onclick={pick(p.id)}>{ p.label.clone() }</text>
                    }
                }) }
            </svg>
            <label class="emb-choose">{ app.l(CHOOSE) }{ " " }
                <select onchange={on_select} data-testid="embedding-token">
                    { for map.points.iter().map(|p| html! {
                        <option value={p.id.to_string()} selected={Some(p.id) == chosen}>{ format!("{} (id {})", p.label, p.id) }</option>
                    }) }
                </select>
            </label>
            if let Some(n) = &map.nearest {
                <p class="emb-near-title">{ format!("{} «{}»", app.l(NEAREST), n.label) }</p>
                <ol class="emb-near" data-testid="embedding-nearest">
                    { for n.tokens.iter().map(|(label, id, c)| html! {
                        <li title={format!("id {id}")}>{ format!("{label} {c:.2}") }</li>
                    }) }
                </ol>
            }
        </div>
    }
}
