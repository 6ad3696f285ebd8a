//! Fetching a lesson's data from inside the worker, with byte-level progress.

use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ReadableStreamDefaultReader, Response, WorkerGlobalScope};

/// A JavaScript error (or any thrown value) as text.
pub(crate) fn js_text(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// GETs `url` and returns its bytes, calling `progress(done, total)` as chunks arrive
/// (`total` is 0 when the server does not say).
pub async fn fetch_bytes(url: &str, mut progress: impl FnMut(u64, u64)) -> Result<Vec<u8>, String> {
    let global: WorkerGlobalScope = js_sys::global().unchecked_into();
    let resp = JsFuture::from(global.fetch_with_str(url))
        .await
        .map_err(|e| format!("could not download {url}: {}", js_text(e)))?;
    let resp: Response = resp.unchecked_into();
    if !resp.ok() {
        return Err(format!("could not download {url}: HTTP {}", resp.status()));
    }
    let total: u64 = resp
        .headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let Some(body) = resp.body() else {
        return Err(format!("{url}: empty response"));
    };
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut out = Vec::with_capacity(total as usize);
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| format!("download of {url} broke off: {}", js_text(e)))?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(js_text)?
            .unchecked_into();
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        value.copy_to(&mut out[start..]);
        progress(out.len() as u64, total);
    }
    Ok(out)
}
