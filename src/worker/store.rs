//! The autosaved model, kept by the worker in IndexedDB: writing a model file of several
//! megabytes never touches the page's thread (localStorage exists only there, is synchronous,
//! and holds about 5 MB).
//!
//! One record: `{ key, model }` under [`RECORD`], where `key` names the lesson and the model
//! shape the weights belong to, so a restore only ever loads weights into the model they came
//! from.

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbOpenDbRequest, IdbRequest, IdbTransaction, IdbTransactionMode,
    WorkerGlobalScope,
};

const DB: &str = "rnn-playground";
const STORE: &str = "autosave";
const RECORD: &str = "model";

fn text(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .or_else(|| {
            e.dyn_ref::<web_sys::DomException>()
                .map(|e| format!("{}: {}", e.name(), e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// Resolves with the request's result once it succeeds (or its error once it fails). The
/// handlers live until then and are dropped after.
async fn finished(req: &IdbRequest) -> Result<JsValue, String> {
    type Handler = Closure<dyn FnMut(web_sys::Event)>;
    let mut handlers: Option<(Handler, Handler)> = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let ok_req = req.clone();
        let on_ok = Handler::new(move |_| {
            let _ = resolve.call1(&JsValue::NULL, &ok_req.result().unwrap_or(JsValue::NULL));
        });
        let err_req = req.clone();
        let on_err = Handler::new(move |_| {
            let err = err_req
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("IndexedDB request failed"));
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req.set_onsuccess(Some(on_ok.as_ref().unchecked_ref()));
        req.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        handlers = Some((on_ok, on_err));
    });
    let result = JsFuture::from(promise).await;
    req.set_onsuccess(None);
    req.set_onerror(None);
    drop(handlers);
    result.map_err(text)
}

async fn open() -> Result<IdbDatabase, String> {
    let scope: WorkerGlobalScope = js_sys::global().unchecked_into();
    let factory = scope
        .indexed_db()
        .map_err(text)?
        .ok_or("this browser offers no IndexedDB")?;
    let req: IdbOpenDbRequest = factory.open_with_u32(DB, 1).map_err(text)?;
    let upgrade_req = req.clone();
    // First open in this browser: create the store.
    let on_upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Ok(db) = upgrade_req.result() {
            let db: IdbDatabase = db.unchecked_into();
            let _ = db.create_object_store(STORE);
        }
    });
    req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
    let db = finished(&req).await;
    req.set_onupgradeneeded(None);
    drop(on_upgrade);
    Ok(db?.unchecked_into())
}

/// Keeps `model` (a model file) as the autosave of the lesson and shape named by `key`.
pub async fn save(key: &str, model: &str) -> Result<(), String> {
    let db = open().await?;
    let record = Object::new();
    Reflect::set(&record, &"key".into(), &key.into()).map_err(text)?;
    Reflect::set(&record, &"model".into(), &model.into()).map_err(text)?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(text)?;
    let put = tx
        .object_store(STORE)
        .map_err(text)?
        .put_with_key(&record, &RECORD.into())
        .map_err(text)?;
    let done = finished(&put).await;
    // A full disk or a quota of 0 fails only when the transaction commits, after the put
    // itself succeeded: the save is done when the transaction completes.
    let done = match done {
        Ok(_) => committed(&tx).await,
        Err(e) => Err(e),
    };
    db.close();
    done
}

/// Resolves once `tx` has committed, or with its error once it aborts.
async fn committed(tx: &IdbTransaction) -> Result<(), String> {
    type Handler = Closure<dyn FnMut(web_sys::Event)>;
    let mut handlers: Option<(Handler, Handler)> = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let on_ok = Handler::new(move |_| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let err_tx = tx.clone();
        let on_err = Handler::new(move |_| {
            let err = err_tx
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| JsValue::from_str("IndexedDB transaction aborted"));
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        tx.set_oncomplete(Some(on_ok.as_ref().unchecked_ref()));
        tx.set_onabort(Some(on_err.as_ref().unchecked_ref()));
        tx.set_onerror(Some(on_err.as_ref().unchecked_ref()));
        handlers = Some((on_ok, on_err));
    });
    let result = JsFuture::from(promise).await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    tx.set_onerror(None);
    drop(handlers);
    result.map(|_| ()).map_err(text)
}

/// The autosaved model file, if one was kept for exactly `key`.
pub async fn load(key: &str) -> Result<Option<String>, String> {
    let db = open().await?;
    let tx = db.transaction_with_str(STORE).map_err(text)?;
    let get = tx
        .object_store(STORE)
        .map_err(text)?
        .get(&RECORD.into())
        .map_err(text)?;
    let record = finished(&get).await;
    db.close();
    let record = record?;
    if record.is_undefined() || record.is_null() {
        return Ok(None);
    }
    let field = |name: &str| {
        Reflect::get(&record, &name.into())
            .ok()
            .and_then(|v| v.as_string())
    };
    Ok(match (field("key"), field("model")) {
        (Some(k), Some(model)) if k == key => Some(model),
        _ => None,
    })
}
