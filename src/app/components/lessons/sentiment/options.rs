use yew::prelude::*;

use crate::app::components::number_field::NumberField;
use crate::app::components::select_field::SelectField;
use crate::app::context::use_app;
use crate::app::state::Action;
use crate::lessons::sentiment::tokens::{Side, Tokens};
use crate::lessons::sentiment::{SentimentOptions, MAXLEN, NUM_WORDS};
use crate::lessons::LessonOptions;
use crate::ui::i18n::{Text, Tr};

const TOKENS: Tr = Tr::new("Tokens", "토큰");
const TOKENS_TIP: Tr = Tr::new(
    "Syllables: every Hangul syllable (500 cover about 95% of the text). Words: runs between spaces (500 cover about 27%: Korean words carry endings).",
    "음절: 한글 음절 하나하나 (500개로 글의 약 95%). 단어: 띄어쓰기 사이 (500개로 약 27%: 한국어 단어에는 어미가 붙습니다).",
);
const NUM_WORDS_L: Tr = Tr::new("Vocabulary size (num_words)", "어휘 크기 (num_words)");
const NUM_WORDS_TIP: Tr = Tr::new(
    "Ids kept, padding (0) and out-of-vocabulary (1) included; the course uses 300 and 500",
    "패딩(0)과 어휘 밖(1)을 포함한 id 개수; 강의는 300과 500을 씁니다",
);
const MAXLEN_L: Tr = Tr::new("Sequence length (maxlen)", "시퀀스 길이 (maxlen)");
const MAXLEN_TIP: Tr = Tr::new(
    "Every review is cut or padded to this many tokens (timesteps)",
    "모든 리뷰를 이 토큰 수(타임스텝)로 자르거나 채웁니다",
);
const PADDING: Tr = Tr::new("Padding", "패딩");
const TRUNCATING: Tr = Tr::new("Truncating", "자르기");
const SIDE_TIP: Tr = Tr::new(
    "Keras's pad_sequences: 'pre' (the default) pads and cuts at the front, so the last step reads the end of the review",
    "케라스 pad_sequences: 'pre'(기본값)는 앞에서 채우고 자르므로 마지막 타임스텝이 리뷰의 끝을 읽습니다",
);

fn side_key(s: Side) -> &'static str {
    match s {
        Side::Pre => "pre",
        Side::Post => "post",
    }
}

/// The sentiment lesson's options (each change rebuilds the model on the re-encoded reviews).
#[component]
pub fn SentimentOptionsControls() -> Html {
    let app = use_app();
    let LessonOptions::Sentiment(o) = &app.state.options else {
        return html! {};
    };
    let note: AttrValue = app.t(Text::RebuildWarning).into();
    let edit = |f: fn(&mut SentimentOptions, String)| {
        let app = app.clone();
        Callback::from(move |v: String| {
            if let LessonOptions::Sentiment(mut o) = app.state.options.clone() {
                f(&mut o, v);
                app.dispatch(Action::SetOptions(LessonOptions::Sentiment(o)));
            }
        })
    };
    let edit_number = |f: fn(&mut SentimentOptions, usize)| {
        let app = app.clone();
        Callback::from(move |v: f64| {
            if let LessonOptions::Sentiment(mut o) = app.state.options.clone() {
                f(&mut o, v as usize);
                app.dispatch(Action::SetOptions(LessonOptions::Sentiment(o)));
            }
        })
    };
    let sides = vec![("pre".into(), "pre".into()), ("post".into(), "post".into())];
    html! {
        <>
            <SelectField label={app.l(TOKENS)} tip={app.l(TOKENS_TIP)} testid="tokens-select"
                options={vec![("syllable".into(), app.l(Tr::new("syllables", "음절")).into()), ("word".into(), app.l(Tr::new("words", "단어")).into())]}
                value={if o.tokens == Tokens::Word { "word" } else { "syllable" }} rebuilds=true rebuild_note={note.clone()}
                on_change={edit(|o, v| o.tokens = if v == "word" { Tokens::Word } else { Tokens::Syllable })} />
            <NumberField label={app.l(NUM_WORDS_L)} tip={app.l(NUM_WORDS_TIP)} testid="num-words"
                value={o.num_words as f64} min={NUM_WORDS.0 as f64} max={NUM_WORDS.1 as f64} integer=true
                rebuilds=true rebuild_note={note.clone()} on_change={edit_number(|o, v| o.num_words = v)} />
            <NumberField label={app.l(MAXLEN_L)} tip={app.l(MAXLEN_TIP)} testid="maxlen"
                value={o.maxlen as f64} min={MAXLEN.0 as f64} max={MAXLEN.1 as f64} integer=true
                rebuilds=true rebuild_note={note.clone()} on_change={edit_number(|o, v| o.maxlen = v)} />
            <SelectField label={app.l(PADDING)} tip={app.l(SIDE_TIP)} testid="padding-select"
                options={sides.clone()} value={side_key(o.padding)} rebuilds=true rebuild_note={note.clone()}
                on_change={edit(|o, v| o.padding = if v == "post" { Side::Post } else { Side::Pre })} />
            <SelectField label={app.l(TRUNCATING)} tip={app.l(SIDE_TIP)} testid="truncating-select"
                options={sides} value={side_key(o.truncating)} rebuilds=true rebuild_note={note}
                on_change={edit(|o, v| o.truncating = if v == "post" { Side::Post } else { Side::Pre })} />
        </>
    }
}
