//! What the page does once when it starts: say why the previous worker stopped, measure the
//! worker's round trip, show the link's problems; and a `crash=worker` link's test panic.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::app::now_ms;
use crate::app::state::{Action, AppState};
use crate::app::worker_health::crash_requested;
use crate::ui::i18n::Bilingual;
use crate::worker::messages::{Level, ModelSummary, ToWorker};

/// Startup, once: the crash notice (`crashed`: why the previous worker stopped), the first
/// ping (its time kept in `sent_at`), the link's `notes`.
#[hook]
pub fn use_startup(
    send: Callback<ToWorker>,
    dispatch: UseReducerDispatcher<AppState>,
    sent_at: Rc<RefCell<f64>>,
    notes: Vec<Bilingual>,
    crashed: Option<String>,
) {
    use_effect_with((), move |_| {
        if let Some(why) = crashed {
            dispatch.dispatch(Action::Notify {
                level: Level::Error,
                text: Bilingual::new(
                    format!("The training worker stopped ({why}). It was restarted with the model last saved in this browser (at most a few seconds old) and your settings."),
                    format!("학습 워커가 멈췄습니다 ({why}). 이 브라우저에 마지막으로 저장된 모델(길어야 몇 초 전)과 설정으로 다시 시작했습니다."),
                ),
            });
        }
        *sent_at.borrow_mut() = now_ms();
        send.emit(ToWorker::Ping { nonce: 1 });
        for text in notes {
            dispatch.dispatch(Action::Notify {
                level: Level::Warning,
                text,
            });
        }
    });
}

/// A `crash=worker` link: make the worker panic once its model is open (tests recovery).
#[hook]
pub fn use_crash_link(send: Callback<ToWorker>, summary: Rc<ModelSummary>) {
    use_effect_with(summary, move |summary| {
        if summary.total > 0 && crash_requested() {
            send.emit(ToWorker::Crash {
                message: "a crash=worker link asked the worker to panic, to test the recovery"
                    .into(),
            });
        }
    });
}
