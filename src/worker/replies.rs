//! What the page does with each of the worker's replies: most become one reducer action
//! ([`ui::state::Action`](crate::ui::state::Action)); the few that are not the page's state
//! (a pong, a crash, a file to save) are named for the page to act on. Compiled everywhere, so
//! `tests/reducer.rs` covers every reply natively.

use std::rc::Rc;

use crate::ui::state::{Action, Loading};
use crate::worker::messages::{FromWorker, PROTOCOL_VERSION};

/// A reply, read by the page.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // made and consumed once per reply, never stored
pub enum Reply {
    /// A change of the page's state.
    Action(Action),
    /// The worker is alive; the answer to the first ping (`nonce` 1) measures the round trip.
    Pong { nonce: u32 },
    /// The worker panicked: the page restarts it.
    Crashed(String),
    /// A file to offer for download: the model file or its PyTorch script.
    Save { name: String, text: String },
}

/// How the page reads `reply`.
pub fn read(reply: FromWorker) -> Reply {
    let action = match reply {
        FromWorker::Ready { protocol } if protocol != PROTOCOL_VERSION => {
            Action::WorkerIncompatible { protocol }
        }
        FromWorker::Ready { .. } => Action::WorkerReady,
        FromWorker::Pong { nonce } => return Reply::Pong { nonce },
        FromWorker::Crashed { message } => return Reply::Crashed(message),
        FromWorker::Exported { name, json } => return Reply::Save { name, text: json },
        FromWorker::ExportedPytorch { name, text } => return Reply::Save { name, text },
        FromWorker::Loading {
            lesson,
            file,
            files,
            done,
            total,
        } => Action::Loading(Loading {
            lesson,
            file,
            files,
            done,
            total,
        }),
        FromWorker::Opened {
            summary,
            model,
            seed,
            picker,
            examples,
            corpus,
        } => Action::Opened {
            summary,
            model,
            seed,
            picker,
            examples,
            corpus,
        },
        FromWorker::OpenRefused => Action::OpenRefused,
        FromWorker::View(v) => Action::View(Rc::from(v)),
        FromWorker::Compare(p) => Action::Compare(p),
        FromWorker::MemoryLimit(p) => Action::MemoryLimit(p),
        FromWorker::Inspection(i) => Action::Inspection(Rc::from(i)),
        FromWorker::Progress(p) => Action::Progress(p),
        FromWorker::Notice { level, text } => Action::Notify { level, text },
    };
    Reply::Action(action)
}
