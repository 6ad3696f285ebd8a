//! The one browser binary. The page, the training worker and its helper workers all run this
//! same wasm (one download, cached once): `main` starts whichever part this context is.

#[cfg(target_arch = "wasm32")]
fn main() {
    use rnn_playground::worker::helpers;
    if web_sys::window().is_some() {
        rnn_playground::app::start();
    } else if helpers::is_helper() {
        // A helper the training worker started (it set the flag before loading us).
        helpers::run_helper();
    } else {
        // The training worker the page started (`worker.js`).
        rnn_playground::worker::register();
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "`app` is the browser page and its workers; build it with `trunk build` (see README.md)."
    );
}
