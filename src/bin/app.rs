//! The page: mounts the Yew app. Training happens in the `worker` binary.

#[cfg(target_arch = "wasm32")]
fn main() {
    rnn_playground::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("`app` is the browser page; build it with `trunk build` (see README.md).");
}
