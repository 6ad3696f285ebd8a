//! Helper workers: more cores for one update (see [`crate::train::parallel`]).
//!
//! The training worker starts them as nested Web Workers running this same `worker` binary
//! with a flag set ([`is_helper`]), so a helper is the same build by construction. Each helper
//! keeps a network; per update it receives a [`ShardJob`] (configuration, current weights, its
//! rows of the batch) and answers with its part ([`FromHelper::Reply`]). It knows no lesson
//! and holds no data.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

use crate::train::parallel::{FromHelper, Helper, ShardJob, ShardReply};
use crate::worker::messages::wire;

/// The global a helper's start-up script sets before it loads the binary.
const HELPER_FLAG: &str = "rnnPlaygroundHelper";

/// Whether this worker was started as a helper.
pub fn is_helper() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(HELPER_FLAG))
        .map(|v| v.is_truthy())
        .unwrap_or(false)
}

/// Posts `msg` as one `wire` buffer, transferred (not copied) to the other side.
fn post(
    post: impl FnOnce(&JsValue, &Array) -> Result<(), JsValue>,
    msg: &impl serde::Serialize,
) -> Result<(), String> {
    let bytes = wire::to_bytes(msg)?;
    let array = Uint8Array::from(bytes.as_slice());
    post(&array, &Array::of1(&array.buffer())).map_err(|e| format!("{e:?}"))
}

fn bytes_of(e: &MessageEvent) -> Vec<u8> {
    Uint8Array::new(&e.data()).to_vec()
}

// ---- the helper's side ---------------------------------------------------------------------

fn helper_scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn post_to_trainer(msg: &FromHelper) {
    let scope = helper_scope();
    let _ = post(|m, t| scope.post_message_with_transfer(m, t), msg);
}

/// The helper's loop: each message a job, each answer its part (or why not). A panic is
/// reported before the trap ends the helper, so the training worker computes the shard itself.
pub fn run_helper() {
    std::panic::set_hook(Box::new(|info| {
        post_to_trainer(&FromHelper::Failed(format!(
            "a helper worker panicked: {info}"
        )));
    }));
    let helper = RefCell::new(Helper::default());
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
        let answer = match wire::from_bytes::<ShardJob>(&bytes_of(&e)) {
            Ok(job) => match helper.borrow_mut().run(&job) {
                Ok(reply) => FromHelper::Reply(reply),
                Err(e) => FromHelper::Failed(e.to_string()),
            },
            Err(e) => FromHelper::Failed(format!("a job did not decode: {e}")),
        };
        post_to_trainer(&answer);
    });
    helper_scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // Lives as long as the helper.
    on_message.forget();
    post_to_trainer(&FromHelper::Ready);
}

// ---- the training worker's side ------------------------------------------------------------

/// What the training worker knows of one helper.
#[derive(Default)]
struct HelperState {
    ready: bool,
    /// Why the helper stopped (it is not used again).
    failed: Option<String>,
    /// The answer to the job in flight, once it arrived.
    answer: Option<Result<ShardReply, String>>,
    /// Resolves the promise the job's future waits on.
    wake: Option<js_sys::Function>,
}

impl HelperState {
    fn settle(&mut self, answer: Result<ShardReply, String>) {
        if answer.is_err() {
            self.failed = answer.as_ref().err().cloned();
        }
        self.answer = Some(answer);
        if let Some(wake) = self.wake.take() {
            let _ = wake.call0(&JsValue::NULL);
        }
    }
}

struct HelperWorker {
    worker: web_sys::Worker,
    state: Rc<RefCell<HelperState>>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::ErrorEvent)>,
}

impl HelperWorker {
    /// Starts a helper: a blob script that sets the flag and starts the page's binary through
    /// `worker.js` from `base` (the page's folder), as yew-agent starts the training worker
    /// (`worker_bg.wasm` only tells `worker.js` the folder; there is no such file).
    fn spawn(base: &str) -> Result<HelperWorker, String> {
        let script = format!(
            r#"self.{HELPER_FLAG}=true;importScripts("{base}worker.js");wasm_bindgen("{base}worker_bg.wasm");"#
        );
        let parts = Array::of1(&JsValue::from_str(&script));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/javascript");
        let err = |e: JsValue| format!("{e:?}");
        let blob =
            web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(err)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(err)?;
        let worker = web_sys::Worker::new(&url).map_err(err);
        let _ = web_sys::Url::revoke_object_url(&url);
        let worker = worker?;
        let state = Rc::new(RefCell::new(HelperState::default()));
        let on_message = {
            let state = state.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
                let mut st = state.borrow_mut();
                match wire::from_bytes::<FromHelper>(&bytes_of(&e)) {
                    Ok(FromHelper::Ready) => st.ready = true,
                    Ok(FromHelper::Reply(r)) => st.settle(Ok(r)),
                    Ok(FromHelper::Failed(why)) => st.settle(Err(why)),
                    Err(e) => st.settle(Err(format!("an answer did not decode: {e}"))),
                }
            })
        };
        let on_error = {
            let state = state.clone();
            Closure::<dyn Fn(web_sys::ErrorEvent)>::new(move |e: web_sys::ErrorEvent| {
                e.prevent_default();
                let why = match e.message() {
                    m if m.is_empty() => "a helper worker could not start or stopped".to_string(),
                    m => format!("a helper worker stopped: {m}"),
                };
                state.borrow_mut().settle(Err(why));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(HelperWorker {
            worker,
            state,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    fn usable(&self) -> bool {
        let st = self.state.borrow();
        st.ready && st.failed.is_none()
    }

    /// Posts `job`; the future resolves with the helper's answer (or why there is none).
    fn send(&self, job: &ShardJob) -> impl Future<Output = Result<ShardReply, String>> {
        let state = self.state.clone();
        state.borrow_mut().answer = None;
        let posted = post(|m, t| self.worker.post_message_with_transfer(m, t), job);
        let arrived = js_sys::Promise::new(&mut |resolve, _reject| {
            state.borrow_mut().wake = Some(resolve);
        });
        if let Err(e) = posted {
            state
                .borrow_mut()
                .settle(Err(format!("a job could not be sent: {e}")));
        }
        async move {
            if state.borrow().answer.is_none() {
                let _ = wasm_bindgen_futures::JsFuture::from(arrived).await;
            }
            state
                .borrow_mut()
                .answer
                .take()
                .unwrap_or_else(|| Err("a helper worker did not answer".into()))
        }
    }
}

impl Drop for HelperWorker {
    fn drop(&mut self) {
        // A job in flight gets an answer (the training worker computes the shard itself), so
        // an update never waits on a helper that is gone.
        if let Ok(mut st) = self.state.try_borrow_mut() {
            if let Some(wake) = st.wake.take() {
                st.answer = Some(Err("the helper worker was stopped".into()));
                let _ = wake.call0(&JsValue::NULL);
            }
        }
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

/// The training worker's helpers.
#[derive(Default)]
pub struct HelperPool {
    helpers: Vec<HelperWorker>,
}

impl HelperPool {
    /// Starts or stops helpers until there are `n` (those that failed are replaced). `base`
    /// is the page's folder. On an error the helpers started so far stay.
    pub fn resize(&mut self, n: usize, base: &str) -> Result<(), String> {
        self.helpers.retain(|h| h.state.borrow().failed.is_none());
        self.helpers.truncate(n);
        while self.helpers.len() < n {
            self.helpers.push(HelperWorker::spawn(base)?);
        }
        Ok(())
    }

    /// Helpers started, ready and not failed.
    pub fn usable(&self) -> usize {
        self.helpers.iter().filter(|h| h.usable()).count()
    }

    /// Sends job i to the i-th usable helper; the future resolves with every answer in job
    /// order (an error for a job no helper took or whose helper failed).
    pub fn run(
        &self,
        jobs: &[ShardJob],
    ) -> impl Future<Output = Vec<Result<ShardReply, String>>> + 'static {
        let mut usable = self.helpers.iter().filter(|h| h.usable());
        let pending: Vec<_> = jobs
            .iter()
            .map(|job| usable.next().map(|h| h.send(job)))
            .collect();
        async move {
            let mut answers = Vec::with_capacity(pending.len());
            for p in pending {
                answers.push(match p {
                    Some(f) => f.await,
                    None => Err("no helper worker was free".into()),
                });
            }
            answers
        }
    }

    /// Why helpers stopped since the last call (each reason once); they are removed.
    pub fn take_failures(&mut self) -> Vec<String> {
        let failed: Vec<String> = self
            .helpers
            .iter()
            .filter_map(|h| h.state.borrow().failed.clone())
            .collect();
        self.helpers.retain(|h| h.state.borrow().failed.is_none());
        failed
    }
}
