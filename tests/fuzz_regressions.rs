//! Inputs the fuzzers (fuzz/, run by scripts/fuzz.sh) once crashed a parser on, each now
//! answered with an error (or a result) instead of a panic. The fuzzers' seed inputs are written
//! by `examples/fuzz_seeds.rs`.

use rnn_playground::data::series::parse_values;
use rnn_playground::lessons::{SeriesData, SeriesOptions, SeriesSource};

// ---- regressions ------------------------------------------------------------------------------

/// Found by `pasted_numbers` (and reachable from `table_series`): a training part that rounds
/// to all rows but the last, with a validation part asked for, panicked in `split_rows`
/// (`clamp` with min > max, crates/core/src/lessons/time_series/windows.rs). Now refused with an error.
#[test]
fn a_validation_part_with_no_room_left_is_refused() {
    let options = |values: Vec<f64>| SeriesOptions {
        source: SeriesSource::Values(values),
        window: 3,
        train_fraction: 0.86,
        validation_fraction: 0.1,
        ..SeriesOptions::default()
    };
    // 7 rows: the training part is round(6.02) = 6 rows, leaving one row for validation and test.
    let err = SeriesData::new(options((1..=7).map(f64::from).collect())).unwrap_err();
    assert!(err.to_string().contains("validation"), "{err}");
    // The fuzzer's own input: window 3, train 172/200, validation 20/200, then the text.
    let text = b"0.5\xd4\xdf\xd2\xce\xd1\xcd\xca\xa02, 2\n4;6 7 8 9 10";
    let values = parse_values(&String::from_utf8_lossy(text)).unwrap_or_default();
    let _ = SeriesData::new(options(values));
    // With room for both parts it still works.
    assert!(SeriesData::new(options((1..=20).map(f64::from).collect())).is_ok());
}
