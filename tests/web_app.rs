//! Browser tests (wasm-bindgen-test in headless Chromium): components and page state.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use rnn_playground::app::components::number_field::{NumberField, NumberFieldProps};
use rnn_playground::app::state::{Action, AppState, WorkerStatus};
use rnn_playground::lessons::LessonId;
use rnn_playground::nn::CellKind;
use rnn_playground::ui::state::AppState as CoreState;
use rnn_playground::ui::url::ShareState;
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
    yew::platform::time::sleep(Duration::from_millis(20)).await;
}

fn type_into(input: &web_sys::HtmlInputElement, text: &str) {
    input.set_value(text);
    input
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_number_field_refuses_out_of_range_entries_with_a_message() {
    let root = fresh_root();
    let got = Rc::new(RefCell::new(Vec::new()));
    let on_change = {
        let got = got.clone();
        Callback::from(move |v: f64| got.borrow_mut().push(v))
    };
    let props = NumberFieldProps {
        label: "Hidden size".into(),
        tip: "units".into(),
        testid: "hidden-size".into(),
        value: 35.0,
        min: 1.0,
        max: 512.0,
        integer: true,
        step: None,
        rebuilds: true,
        rebuild_note: "rebuilds".into(),
        on_change,
    };
    yew::Renderer::<NumberField>::with_root_and_props(root.clone(), props).render();
    next_render().await;
    let input: web_sys::HtmlInputElement = root
        .query_selector("[data-testid=hidden-size]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let error = || {
        root.query_selector(".field-error")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };

    type_into(&input, "-3");
    next_render().await;
    assert!(
        error().contains("between 1 and 512"),
        "message was {:?}",
        error()
    );
    type_into(&input, "2.5");
    next_render().await;
    assert!(error().contains("whole number"));
    type_into(&input, "64");
    next_render().await;
    assert_eq!(error(), "");
    assert_eq!(
        *got.borrow(),
        vec![64.0],
        "only the valid entry reaches the app"
    );
}

#[wasm_bindgen_test]
fn a_worker_speaking_another_protocol_is_reported_not_trusted() {
    let state = Rc::new(AppState::default());
    let state = state.reduce(Action::WorkerIncompatible {
        protocol: PROTOCOL_VERSION + 1,
    });
    assert_eq!(
        state.worker,
        WorkerStatus::Incompatible {
            protocol: PROTOCOL_VERSION + 1
        }
    );
    let state = state.reduce(Action::WorkerPong { round_trip_ms: 1.0 });
    assert!(matches!(state.worker, WorkerStatus::Incompatible { .. }));
}

#[wasm_bindgen_test]
fn model_edits_wait_for_a_rebuild_and_settings_do_not() {
    let state = Rc::new(AppState::default());
    let generation = state.open_generation;
    let mut cfg = state.draft.clone();
    cfg.hidden_size = 64;
    let state = state.reduce(Action::EditModel(cfg));
    assert!(state.rebuild_pending());
    assert_eq!(
        state.open_generation, generation,
        "no rebuild before the user confirms"
    );
    let state = state.reduce(Action::ApplyModel);
    assert!(!state.rebuild_pending());
    assert_eq!(state.model.hidden_size, 64);
    assert_eq!(state.open_generation, generation + 1);
    let mut settings = state.settings.clone();
    settings.batch_size = 7;
    let state = state.reduce(Action::SetSettings(settings));
    assert_eq!(
        state.open_generation,
        generation + 1,
        "live settings never rebuild"
    );
}

#[wasm_bindgen_test]
fn a_shared_link_restores_the_lesson_and_its_overrides() {
    let (share, notes) =
        ShareState::parse("?lesson=mnist&cell=gru&hidden=32&lr=0.003&seed=9&bogus=1");
    assert_eq!(notes.len(), 1);
    let state = CoreState::from_share(&share);
    assert_eq!(state.lesson, LessonId::MnistRows);
    assert_eq!(state.model.cell, CellKind::Gru);
    assert_eq!(state.model.hidden_size, 32);
    assert_eq!(state.seed, 9);
    let again = CoreState::from_share(&ShareState::parse(&state.to_share().to_query()).0);
    assert_eq!(again.model, state.model);
    assert_eq!(again.settings, state.settings);
    assert_eq!(again.seed, state.seed);
}
