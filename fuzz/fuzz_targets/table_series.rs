//! CSV/TSV tables the user loads: `Table::parse`, then the time-series lesson on that table with
//! any feature/target/window/missing/fraction choice (`SeriesData::new`).
//!
//! Input: `missing window train valid flags pick_features pick_target` then
//! `name SEP text SEP target SEP feature SEP feature …`. Flag bit 0: sigmoid; bit 1: the target
//! part is used (else `None`); bit 2: features are picked from the table's own columns by the
//! bits of `pick_features` and the target by `pick_target` (so the fuzzer reaches valid
//! choices), else the named feature parts are used.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::data::table::{Missing, Table};
use rnn_playground::lessons::{SeriesData, SeriesOptions, SeriesSource};
use rnn_playground_fuzz::{fraction, split};

fuzz_target!(|data: &[u8]| {
    if data.len() < 7 {
        return;
    }
    let (head, rest) = data.split_at(7);
    let parts = split(rest);
    let name = String::from_utf8_lossy(parts[0]).into_owned();
    let text = parts.get(1).copied().unwrap_or_default();
    let table = Table::parse(&name, text);
    if let Ok(t) = &table {
        let _ = t.summary();
    }
    let lossy = |p: &[u8]| String::from_utf8_lossy(p).into_owned();
    let (mut features, mut target): (Vec<String>, Option<String>) = (
        parts.iter().skip(3).map(|p| lossy(p)).collect(),
        (head[4] & 2 == 2).then(|| lossy(parts.get(2).copied().unwrap_or_default())),
    );
    if head[4] & 4 == 4 {
        if let Ok(t) = &table {
            let names: Vec<&String> = t.columns.iter().map(|c| &c.name).collect();
            features = names
                .iter()
                .enumerate()
                .filter(|(i, _)| *i < 8 && head[5] >> i & 1 == 1)
                .map(|(_, n)| n.to_string())
                .collect();
            if !names.is_empty() && head[4] & 2 == 2 {
                target = Some(names[usize::from(head[6]) % names.len()].to_string());
            }
        }
    }
    let _ = SeriesData::new(SeriesOptions {
        source: SeriesSource::Table {
            name,
            text: String::from_utf8_lossy(text).into_owned(),
        },
        features,
        target,
        missing: match head[0] % 3 {
            0 => Missing::Drop,
            1 => Missing::ForwardFill,
            _ => Missing::Interpolate,
        },
        window: usize::from(head[1]),
        train_fraction: fraction(head[2]),
        validation_fraction: fraction(head[3]),
        sigmoid: head[4] & 1 == 1,
        ..SeriesOptions::default()
    });
});
