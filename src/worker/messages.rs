//! Messages between the page and the training worker: small serde enums, never weight matrices.

use serde::{Deserialize, Serialize};

/// The protocol version; the page refuses a worker that speaks another one (stale cache).
pub const PROTOCOL_VERSION: u32 = 1;

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ToWorker {
    /// Asks for a [`FromWorker::Pong`] carrying the same `nonce` (liveness and latency check).
    Ping { nonce: u32 },
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FromWorker {
    /// Sent once to every page that connects.
    Ready { protocol: u32 },
    /// The answer to [`ToWorker::Ping`].
    Pong { nonce: u32 },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_survive_a_json_round_trip() {
        let sent = ToWorker::Ping { nonce: 7 };
        let text = serde_json::to_string(&sent).unwrap();
        assert_eq!(serde_json::from_str::<ToWorker>(&text).unwrap(), sent);
        let reply = FromWorker::Ready { protocol: PROTOCOL_VERSION };
        let text = serde_json::to_string(&reply).unwrap();
        assert_eq!(serde_json::from_str::<FromWorker>(&text).unwrap(), reply);
    }
}
