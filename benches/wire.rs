//! The page ↔ worker messages through the wire format (`worker::wire`) against MessagePack
//! with named fields (`rmp-serde`, what it replaced), native: `cargo bench --bench wire`.
//! Prints, per message, its bytes and the µs to encode and to decode it in each format
//! (`BENCH_SECS` per measurement, default 0.5).

#[path = "../tests/support/lessons.rs"]
mod support;

use std::hint::black_box;
use std::time::Instant;

use rnn_playground::lessons::{preset, ExampleRef, Split};
use rnn_playground::worker::messages::{wire, FromWorker, ModelSummary, OpenLesson, ToWorker};
use serde::{de::DeserializeOwned, Serialize};

/// Mean µs of `f` over about `secs` seconds.
fn time(secs: f64, mut f: impl FnMut()) -> f64 {
    let start = Instant::now();
    let mut n = 0u64;
    while n < 3 || start.elapsed().as_secs_f64() < secs {
        f();
        n += 1;
    }
    start.elapsed().as_secs_f64() * 1e6 / n as f64
}

fn row<T: Serialize + DeserializeOwned>(name: &str, m: &T, secs: f64) {
    let ours = wire::to_bytes(m).unwrap();
    let theirs = rmp_serde::to_vec_named(m).unwrap();
    let enc_ours = time(secs, || {
        black_box(wire::to_bytes(black_box(m)).unwrap());
    });
    let enc_theirs = time(secs, || {
        black_box(rmp_serde::to_vec_named(black_box(m)).unwrap());
    });
    let dec_ours = time(secs, || {
        black_box(wire::from_bytes::<T>(black_box(&ours)).unwrap());
    });
    let dec_theirs = time(secs, || {
        black_box(rmp_serde::from_slice::<T>(black_box(&theirs)).unwrap());
    });
    println!(
        "{name:<32} {:>9} {:>9} {enc_ours:>9.1} {enc_theirs:>9.1} {dec_ours:>9.1} {dec_theirs:>9.1}",
        ours.len(),
        theirs.len()
    );
}

fn main() {
    let secs: f64 = std::env::var("BENCH_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0.5);
    println!(
        "{:<32} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}",
        "message", "bytes", "msgpack", "enc µs", "msgpack", "dec µs", "msgpack"
    );
    for id in ["char-course-lstm", "mnist-fast-lstm", "series-fast-lstm"] {
        let p = preset(id).unwrap();
        let open = ToWorker::Open(Box::new(OpenLesson {
            options: p.options.clone(),
            model: p.model.clone(),
            settings: p.settings.clone(),
            seed: 1,
            assets_base: "/".into(),
            restore: false,
        }));
        row(&format!("{id}: open"), &open, secs);
        let mut s = support::preset_session(id, 1);
        let report = s.step().unwrap();
        let example = if id.starts_with("char") {
            ExampleRef::Span {
                start: 0,
                len: None,
            }
        } else {
            ExampleRef::Item {
                split: Split::Test,
                index: 0,
            }
        };
        let ins = FromWorker::Inspection(Box::new(s.inspect(&example).unwrap()));
        row(&format!("{id}: inspection"), &ins, secs);
        let opened = FromWorker::Opened {
            summary: ModelSummary::of(s.network()),
            model: s.model().clone(),
            seed: s.seed(),
            examples: s.status().train_len,
            picker: s.picker(),
            corpus: None,
        };
        row(&format!("{id}: opened"), &opened, secs);
        row(&format!("{id}: update report"), &report, secs);
    }
}
