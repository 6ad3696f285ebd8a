//! The session saved in the browser's storage (JSON a user or an older version may have
//! changed): `SavedSession::parse`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::ui::saved::SavedSession;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = SavedSession::parse(text);
});
