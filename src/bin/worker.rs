//! The training Web Worker: registers the agent that owns the model.

#[cfg(target_arch = "wasm32")]
fn main() {
    rnn_playground::worker::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`worker` is the browser's training worker; build it with `trunk build`.");
}
