//! Numbers pasted into the time-series lesson: `parse_values`, then the lesson built on them
//! (window and fractions from the first three bytes).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::data::series::parse_values;
use rnn_playground::lessons::{SeriesData, SeriesOptions, SeriesSource};
use rnn_playground_fuzz::fraction;

fuzz_target!(|data: &[u8]| {
    let (head, text) = data.split_at(data.len().min(3));
    let text = String::from_utf8_lossy(text);
    let Ok(values) = parse_values(&text) else {
        return;
    };
    let [w, tr, va] = match head {
        [a, b, c] => [*a, *b, *c],
        _ => [5, 140, 0],
    };
    let _ = SeriesData::new(SeriesOptions {
        source: SeriesSource::Values(values),
        window: usize::from(w),
        train_fraction: fraction(tr),
        validation_fraction: fraction(va),
        sigmoid: w & 1 == 1,
        ..SeriesOptions::default()
    });
});
