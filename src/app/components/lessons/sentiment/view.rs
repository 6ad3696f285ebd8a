//! The sentiment lesson: a test review read token by token, your own review
//! (`typed_review.rs`), the test report and the vocabulary.
use yew::prelude::*;

use super::embedding_map::EmbeddingMapCard;
use super::keras_summary::KerasSummaryTable;
use super::report::ReviewReportView;
use super::token_strip::{verdict, TokenStrip};
use super::typed_review::TypedReview;
use super::vocabulary::VocabularyCard;
use crate::app::components::data_files::DataFiles;
use crate::app::components::index_field::IndexField;
use crate::app::context::use_app;
use crate::lessons::sentiment::{SentimentAnswer, SentimentRequest};
use crate::lessons::{ExampleRef, LessonId, Split, View, ViewRequest};
use crate::ui::i18n::{Text, Tr};
use crate::worker::messages::ToWorker;

const REVIEW: Tr = Tr::new("Test review", "테스트 리뷰");
const LABEL: Tr = Tr::new("label", "정답");
pub const MODEL_SAYS: Tr = Tr::new("model", "모델");
const VALIDATION: Tr = Tr::new("Validation accuracy", "검증 정확도");
const LOAD: Tr = Tr::new("Load reviews from disk", "리뷰 파일 불러오기");
const LOAD_HINT: Tr = Tr::new(
    "The full NSMC (ratings_train.txt and ratings_test.txt, gzipped or not), your own copy of NSMC's files, or one IMDB-style CSV with the columns review,sentiment (positive/negative; its last fifth becomes the test set). Empty reviews are skipped; a bad line is refused with its number and nothing changes.",
    "NSMC 전체 (ratings_train.txt와 ratings_test.txt, gzip 압축도 됨), 직접 받은 NSMC 파일, 또는 review,sentiment 열(positive/negative)이 있는 IMDB 형식 CSV 하나 (마지막 5분의 1이 테스트 세트). 빈 리뷰는 건너뛰고, 잘못된 줄은 줄 번호와 함께 거부하며 아무것도 바뀌지 않습니다.",
);
const STRIP_HINT: Tr = Tr::new(
    "Each token is coloured by P(positive) after the model has read it (green positive, red negative); the number is that probability in %.",
    "각 토큰은 모델이 그 토큰까지 읽은 뒤의 P(긍정)으로 색칠됩니다 (초록 긍정, 빨강 부정). 숫자는 그 확률(%)입니다.",
);

/// The sentiment lesson: a test review read token by token, your own review, the test report
/// and the vocabulary.
#[component]
pub fn SentimentView() -> Html {
    let app = use_app();
    let lang = app.state.lang;
    let index = use_state(|| 0usize);

    // The review (and the inside views) follow the picked index; the report and the
    // vocabulary come with every (re)opened model.
    {
        let send = app.send.clone();
        use_effect_with((*index, app.state.open_generation), move |(i, _)| {
            let (split, index) = (Split::Test, *i);
            send.emit(ToWorker::View(ViewRequest::Sentiment(
                SentimentRequest::Review { split, index },
            )));
            send.emit(ToWorker::Inspect(ExampleRef::Item { split, index }));
        });
    }
    {
        let send = app.send.clone();
        use_effect_with(app.state.open_generation, move |_| {
            send.emit(ToWorker::View(ViewRequest::Sentiment(
                SentimentRequest::Report,
            )));
            send.emit(ToWorker::View(ViewRequest::Sentiment(
                SentimentRequest::Vocabulary,
            )));
        });
    }

    let pick = |f: fn(&SentimentAnswer) -> bool| {
        app.state.views.find(move |v| match v {
            View::Sentiment(a) if f(a) => Some(a.clone()),
            _ => None,
        })
    };
    let reading = match pick(|a| matches!(a, SentimentAnswer::Review(_))) {
        Some(SentimentAnswer::Review(r)) => Some(r),
        _ => None,
    };
    let report = match pick(|a| matches!(a, SentimentAnswer::Report(_))) {
        Some(SentimentAnswer::Report(r)) => Some(r),
        _ => None,
    };
    let vocabulary = match pick(|a| matches!(a, SentimentAnswer::Vocabulary(_))) {
        Some(SentimentAnswer::Vocabulary(v)) => Some(v),
        _ => None,
    };
    let count = reading.as_ref().map_or(1, |r| r.count.max(1));
    let val_accuracy = app.state.curves.epoch_val_accuracy.last();

    let go = |delta: i64| {
        let index = index.clone();
        Callback::from(move |_| {
            index.set(((*index as i64 + delta).rem_euclid(count as i64)) as usize)
        })
    };
    let on_index = {
        let index = index.clone();
        Callback::from(move |v: usize| index.set(v))
    };
    let on_pick = {
        let index = index.clone();
        Callback::from(move |i: usize| index.set(i))
    };

    html! {
        <section class="panel lesson-view sentiment-view" data-testid="sentiment-view">
            <p class="big" data-testid="val-accuracy" data-value={val_accuracy.map(|v| v.to_string()).unwrap_or_default()}>
                { format!("{}: {}", app.l(VALIDATION), val_accuracy.map_or("–".to_string(), |v| format!("{:.1}%", v * 100.0))) }
            </p>
            <div class="review-head">
                <h2>{ format!("{} #{}", app.l(REVIEW), *index) }</h2>
                <div class="button-row">
                    <button class="secondary" data-testid="review-prev" onclick={go(-1)}>{ app.t(Text::Previous) }</button>
                    <IndexField value={*index} max={count - 1} label={app.l(REVIEW)} class="digit-index" on_change={on_index} />
                    <button class="secondary" data-testid="review-next" onclick={go(1)}>{ app.t(Text::Next) }</button>
                </div>
            </div>
            if let Some(r) = &reading {
                <p class="review-text" data-testid="review-text">{ &r.text }</p>
                <p class="hint" data-testid="review-label">
                    { format!("{}: {} · {}: {}",
                        app.l(LABEL),
                        r.label.map_or("?".to_string(), |l| verdict(lang, f32::from(l))),
                        app.l(MODEL_SAYS),
                        verdict(lang, r.p_positive)) }
                </p>
                <TokenStrip reading={r.clone()} {lang} />
                <p class="hint">{ app.l(STRIP_HINT) }</p>
            }
            <TypedReview />
            if let Some(rep) = report {
                <ReviewReportView report={rep} {on_pick} />
            }
            if let Some(v) = vocabulary {
                <VocabularyCard info={v} />
            }
            <EmbeddingMapCard />
            <KerasSummaryTable />
            <DataFiles lesson={LessonId::Sentiment} title={app.l(LOAD)} hint={app.l(LOAD_HINT)} testid="review-files" />
        </section>
    }
}
