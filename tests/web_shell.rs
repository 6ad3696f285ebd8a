//! Browser tests (wasm-bindgen-test in headless Chromium) for the app shell.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use rnn_playground::app::components::header::{Header, HeaderProps};
use rnn_playground::app::state::{Action, AppState, WorkerStatus};
use rnn_playground::lessons::LessonId;
use rnn_playground::worker::messages::PROTOCOL_VERSION;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::{Callback, Reducible};

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_root() -> web_sys::Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root
}

async fn next_render() {
    yew::platform::time::sleep(Duration::from_millis(10)).await;
}

#[wasm_bindgen_test]
async fn header_lists_every_lesson_and_reports_the_picked_one() {
    let root = fresh_root();
    let picked = Rc::new(RefCell::new(None));
    let on_lesson = {
        let picked = picked.clone();
        Callback::from(move |l: LessonId| *picked.borrow_mut() = Some(l))
    };
    let props = HeaderProps { lesson: LessonId::CharModel, on_lesson };
    yew::Renderer::<Header>::with_root_and_props(root.clone(), props).render();
    next_render().await;

    let select = root
        .query_selector("[data-testid=lesson-select]")
        .unwrap()
        .expect("the lesson picker is rendered")
        .dyn_into::<web_sys::HtmlSelectElement>()
        .unwrap();
    assert_eq!(select.length() as usize, LessonId::ALL.len());
    assert_eq!(select.value(), "char");
    assert!(root.text_content().unwrap().contains("RNN Playground"));

    select.set_value("mnist");
    let event = web_sys::Event::new("change").unwrap();
    select.dispatch_event(&event).unwrap();
    next_render().await;
    assert_eq!(*picked.borrow(), Some(LessonId::MnistRows));
}

#[wasm_bindgen_test]
fn a_worker_speaking_another_protocol_is_reported_not_trusted() {
    let state = Rc::new(AppState::default());
    let state = state.reduce(Action::WorkerReady { protocol: PROTOCOL_VERSION + 1 });
    assert_eq!(state.worker, WorkerStatus::Incompatible { protocol: PROTOCOL_VERSION + 1 });
    // A later pong must not hide the mismatch.
    let state = state.reduce(Action::WorkerPong { round_trip_ms: 1.0 });
    assert!(matches!(state.worker, WorkerStatus::Incompatible { .. }));
}

#[wasm_bindgen_test]
fn a_pong_marks_the_worker_ready_with_its_round_trip() {
    let state = Rc::new(AppState::default()).reduce(Action::WorkerReady { protocol: PROTOCOL_VERSION });
    assert_eq!(state.worker, WorkerStatus::Ready { round_trip_ms: None });
    let state = state.reduce(Action::WorkerPong { round_trip_ms: 2.5 });
    assert_eq!(state.worker, WorkerStatus::Ready { round_trip_ms: Some(2.5) });
}
