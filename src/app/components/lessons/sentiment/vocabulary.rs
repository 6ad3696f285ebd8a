use yew::prelude::*;

use crate::app::context::use_app;
use crate::lessons::sentiment::tokens::Tokens;
use crate::lessons::sentiment::VocabularyInfo;
use crate::ui::format::count;
use crate::ui::i18n::{Lang, Tr};

const TITLE: Tr = Tr::new("Vocabulary and input", "어휘와 입력");

fn tokens_name(t: Tokens) -> Tr {
    match t {
        Tokens::Syllable => Tr::new("syllables", "음절"),
        Tokens::Word => Tr::new("words", "단어"),
    }
}

/// What keeps the answers of the held-out reviews out of training (the lesson's own count).
fn held_out(v: &VocabularyInfo, lang: Lang) -> String {
    let (val, test) = v.repeated;
    if lang == Lang::Ko {
        format!(
            "검증 리뷰는 어휘를 만들기 전에 훈련에서 떼어 둡니다(어휘는 훈련 리뷰로만 만듭니다). 훈련 리뷰와 글이 똑같은 리뷰: 검증 {} · 테스트 {}",
            count(val),
            count(test)
        )
    } else {
        format!(
            "The validation reviews are held out of training before the vocabulary is built (it counts training reviews only); reviews whose text is also a training review's: {} validation · {} test",
            count(val),
            count(test)
        )
    }
}

/// The lines of the card, in the language asked.
pub fn lines(v: &VocabularyInfo, lang: Lang) -> Vec<String> {
    let ko = lang == Lang::Ko;
    let kind = tokens_name(v.tokens).get(lang);
    let (train, val, test) = v.sizes;
    vec![
        if ko {
            format!(
                "리뷰: 훈련 {} · 검증 {} · 테스트 {}",
                count(train),
                count(val),
                count(test)
            )
        } else {
            format!(
                "Reviews: {} training · {} validation · {} test",
                count(train),
                count(val),
                count(test)
            )
        },
        held_out(v, lang),
        if ko {
            format!(
                "어휘: 가장 자주 나오는 {kind} {}개 + 패딩(0) + 어휘 밖(1) = {}개 id (훈련 리뷰의 서로 다른 {kind} {}개 중)",
                count(v.num_words.saturating_sub(2)),
                count(v.num_words),
                count(v.distinct)
            )
        } else {
            format!(
                "Vocabulary: the {} most frequent {kind} + padding (id 0) + out-of-vocabulary (id 1) = {} ids (of {} distinct {kind} in the training reviews)",
                count(v.num_words.saturating_sub(2)),
                count(v.num_words),
                count(v.distinct)
            )
        },
        if ko {
            format!("어휘가 아는 훈련 토큰의 비율: {:.1}%", v.coverage * 100.0)
        } else {
            format!(
                "Share of the training tokens it knows: {:.1}%",
                v.coverage * 100.0
            )
        },
        if ko {
            format!(
                "리뷰당 평균 {:.1}개 토큰; maxlen {}보다 긴 리뷰 {:.1}%는 잘립니다",
                v.mean_tokens,
                v.maxlen,
                v.cut_share * 100.0
            )
        } else {
            format!(
                "{:.1} tokens per review on average; {:.1}% of the reviews are longer than maxlen {} and are cut",
                v.mean_tokens, v.cut_share * 100.0, v.maxlen
            )
        },
        if ko {
            format!(
                "리뷰 하나의 숫자: 원-핫 {} × {} = {} · 임베딩 {} × {} = {}",
                v.maxlen,
                v.num_words,
                count(v.onehot_numbers),
                v.maxlen,
                v.embedding_dim,
                count(v.embedding_numbers)
            )
        } else {
            format!(
                "Numbers per review: one-hot {} × {} = {} · embedding {} × {} = {}",
                v.maxlen,
                v.num_words,
                count(v.onehot_numbers),
                v.maxlen,
                v.embedding_dim,
                count(v.embedding_numbers)
            )
        },
    ]
}

#[derive(Properties, PartialEq)]
pub struct VocabularyCardProps {
    pub info: VocabularyInfo,
}

/// How reviews become numbers: the vocabulary, its coverage and what each encoding costs.
#[component]
pub fn VocabularyCard(props: &VocabularyCardProps) -> Html {
    let app = use_app();
    let v = &props.info;
    html! {
        <div class="vocabulary" data-testid="vocabulary">
            <h3>{ app.l(TITLE) }</h3>
            <ul>
                { for lines(v, app.state.lang).into_iter().map(|l| html! { <li>{ l }</li> }) }
            </ul>
            <p class="top-tokens">
                { for v.top.iter().enumerate().map(|(i, t)| html! {
                    <span class="tok" title={format!("id {}", i + 2)}>{ t }</span>
                }) }
            </p>
        </div>
    }
}
