//! The review-sentiment lesson's page: a review read token by token with P(positive) after
//! each, your own review, the test report, the vocabulary and what each encoding costs, and the
//! lesson's options (tokens, vocabulary size, length, padding), and the model as Keras's
//! `model.summary()` prints it.

mod embedding_map;
mod keras_summary;
mod options;
mod report;
mod token_strip;
mod typed_review;
mod view;
mod vocabulary;

use yew::prelude::*;

use super::LessonPage;

/// The sentiment lesson's page.
pub const PAGE: LessonPage = LessonPage {
    view: || html! { <view::SentimentView /> },
    controls: || html! { <options::SentimentOptionsControls /> },
};
