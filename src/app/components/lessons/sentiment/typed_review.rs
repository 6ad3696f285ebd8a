//! The reader's own review: typed, read by the model token by token, and followed by the
//! inside views.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::token_strip::{verdict, TokenStrip};
use super::view::MODEL_SAYS;
use crate::app::context::use_app;
use crate::lessons::sentiment::{SentimentAnswer, SentimentRequest};
use crate::lessons::{ExampleRef, View, ViewRequest};
use crate::ui::i18n::Tr;
use crate::worker::messages::ToWorker;

const YOUR_REVIEW: Tr = Tr::new("Your own review", "직접 쓴 리뷰");
const YOUR_HINT: Tr = Tr::new(
    "Type a review (Korean, like the training reviews) and watch P(positive) move token by token. The inside views below follow it.",
    "리뷰를 써 보세요 (훈련 리뷰처럼 한국어로). 토큰마다 P(긍정)이 어떻게 움직이는지 보입니다. 아래 신경망 내부 보기도 이 리뷰를 따라갑니다.",
);
const READ_IT: Tr = Tr::new("Read it", "읽히기");

#[component]
pub fn TypedReview() -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let draft = use_state(String::new);
    let typed = app.state.views.find(|v| match v {
        View::Sentiment(SentimentAnswer::Typed(r)) => Some(r.clone()),
        _ => None,
    });
    let on_draft = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            draft.set(area.value());
        })
    };
    let read_it = {
        let send = app.send.clone();
        let draft = draft.clone();
        Callback::from(move |_| {
            let text = (*draft).clone();
            send.emit(ToWorker::View(ViewRequest::Sentiment(
                SentimentRequest::Typed { text: text.clone() },
            )));
            send.emit(ToWorker::Inspect(ExampleRef::Typed { text, label: None }));
        })
    };
    html! {
        <>
            <h3>{ app.l(YOUR_REVIEW) }</h3>
            <p class="hint">{ app.l(YOUR_HINT) }</p>
            <div class="typed-review">
                <textarea rows="2" data-testid="review-input" value={(*draft).clone()} oninput={on_draft}
                    aria-label={app.l(YOUR_REVIEW)}
                    placeholder="연기도 좋고 스토리도 재밌었어요" />
                <button data-testid="review-read" onclick={read_it}>{ app.l(READ_IT) }</button>
            </div>
            if let Some(r) = &typed {
                <p class="hint" data-testid="typed-verdict">{ format!("{}: {}", app.l(MODEL_SAYS), verdict(lang, r.p_positive)) }</p>
                <TokenStrip reading={r.clone()} {lang} />
            }
        </>
    }
}
