//! What the code panel's data part reads: the files the page offers beside the code, or where
//! torchvision fetches MNIST from.

use yew::prelude::*;

use crate::app::context::use_app;
use crate::ui::code::data::OfferedFile;
use crate::ui::i18n::Tr;

const FILES: Tr = Tr::new(
    "The code reads its data from these files: save them beside it.",
    "코드는 데이터를 이 파일들에서 읽습니다. 코드와 같은 폴더에 저장하세요.",
);
const OWN_FILES: Tr = Tr::new(
    "For your own reviews, save your training and test files under these names instead, or a single file under the first name (the code then holds out its last fifth for testing, as the app does); tab- or comma-separated, gzipped or not, they are read as the app reads them.",
    "직접 불러온 리뷰를 쓰려면 훈련 파일과 테스트 파일을 이 이름으로 바꿔 코드 옆에 두세요. 파일이 하나라면 첫 번째 이름으로 두세요 (코드가 앱처럼 마지막 5분의 1을 테스트용으로 떼어 둡니다). 탭 또는 쉼표로 구분된 파일이든 gzip 파일이든 앱과 똑같이 읽습니다.",
);
const TORCHVISION: (Tr, Tr) = (
    Tr::new("The code downloads MNIST with ", "코드는 강의처럼 "),
    Tr::new(
        ", as the course does, and keeps the app's built-in slice of it.",
        "으로 MNIST를 내려받고, 그중 앱에 들어 있는 만큼만 씁니다.",
    ),
);

#[derive(Properties, PartialEq)]
pub struct CodeDataProps {
    /// Files the code reads.
    pub files: Vec<OfferedFile>,
    /// The code fetches its data with torchvision.
    pub torchvision: bool,
    /// The code reads a file the user loaded under its own name.
    pub reads_own_files: bool,
}

/// One line under the code's buttons: which data the code reads and where to get it.
#[component]
pub fn CodeData(props: &CodeDataProps) -> Html {
    let app = use_app();
    if props.torchvision {
        return html! {
            <p class="hint" data-testid="code-data">
                { app.l(TORCHVISION.0) }<code>{ "torchvision" }</code>{ app.l(TORCHVISION.1) }
            </p>
        };
    }
    if props.files.is_empty() {
        return html! {};
    }
    html! {
        <p class="hint code-data" data-testid="code-data">
            { app.l(FILES) }
            { for props.files.iter().map(|f| html! {
                <>{ " " }<a href={f.href()} download={f.name.clone()} data-testid="code-data-file"><code>{ f.name.clone() }</code></a></>
            }) }
            if !props.reads_own_files {
                { " " }{ app.l(OWN_FILES) }
            }
        </p>
    }
}
