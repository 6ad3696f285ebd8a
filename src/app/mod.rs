//! The page (Yew, main thread). It renders and forwards commands; the worker trains.
//!
//! One component per file under [`components`]; app state lives in one reducer ([`state`]).

pub mod components;
pub mod context;
pub mod draw;
pub mod evidence;
pub mod files;
pub mod focus;
pub mod keys;
mod root;
pub mod startup;
pub mod state;
pub mod sync;
pub mod tables;
pub mod update_notice;
pub mod visible;
pub mod worker_health;

pub use root::App;

/// The page's clock in milliseconds (`performance.now()`; 0 where there is none).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// Whether the reader asked for less motion (`prefers-reduced-motion: reduce`): scrolls jump
/// instead of gliding, as the stylesheet's transitions stop.
pub fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// Mounts the app on `<body>`; called by the `app` binary.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
