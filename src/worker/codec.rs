//! How messages cross between the page and the worker: one byte buffer per message
//! ([`super::messages::wire`]), posted as a `Uint8Array`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use yew_agent::Codec;

use super::messages::wire;

/// The codec both ends use (`WorkerProvider<_, JsCodec>` and the registrar).
pub struct JsCodec;

impl Codec for JsCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        let bytes = wire::to_bytes(&input).expect("worker messages are plain data");
        js_sys::Uint8Array::from(bytes.as_slice()).into()
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        // Both ends are built from the same source (the protocol version is checked on connect),
        // so a message that does not decode is a bug, not user input.
        let bytes = js_sys::Uint8Array::new(&input).to_vec();
        wire::from_bytes(&bytes).expect("a worker message from the same build")
    }
}
