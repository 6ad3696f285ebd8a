//! The training Web Worker: registers the agent that owns the model (or, started by it, a
//! helper that computes shards of its updates).

#[cfg(target_arch = "wasm32")]
fn main() {
    // The same binary serves as a helper worker when the training worker starts it as one.
    if rnn_playground::worker::helpers::is_helper() {
        rnn_playground::worker::helpers::run_helper();
    } else {
        rnn_playground::worker::register();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`worker` is the browser's training worker; build it with `trunk build`.");
}
