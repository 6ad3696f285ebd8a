//! Worker messages (MessagePack between the page and the worker): `wire::from_bytes` for both
//! directions; whatever decodes encodes again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::worker::messages::{wire, FromWorker, ToWorker};

fuzz_target!(|data: &[u8]| {
    if let Ok(m) = wire::from_bytes::<ToWorker>(data) {
        let bytes = wire::to_bytes(&m).expect("a decoded message encodes");
        let _ = wire::from_bytes::<ToWorker>(&bytes);
    }
    if let Ok(m) = wire::from_bytes::<FromWorker>(data) {
        let bytes = wire::to_bytes(&m).expect("a decoded message encodes");
        let _ = wire::from_bytes::<FromWorker>(&bytes);
    }
});
