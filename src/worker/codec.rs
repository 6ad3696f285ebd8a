//! How messages cross between the page and the worker: serde-wasm-bindgen, which (unlike the
//! default bincode) handles our tagged enums and NaN values.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;
use yew_agent::Codec;

/// The codec both ends use (`WorkerProvider<_, JsCodec>` and the registrar).
pub struct JsCodec;

impl Codec for JsCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        // Large u64 values (seeds) travel as BigInt so nothing is rounded.
        let ser =
            serde_wasm_bindgen::Serializer::new().serialize_large_number_types_as_bigints(true);
        input
            .serialize(&ser)
            .expect("worker messages are plain data")
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        // Both ends are built from the same source (the protocol version is checked on connect),
        // so a message that does not decode is a bug, not user input.
        serde_wasm_bindgen::from_value(input).expect("a worker message from the same build")
    }
}
