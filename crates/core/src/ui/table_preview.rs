//! The first rows of the series lesson's table with their column names, as the course's
//! `df.head()` prints them after `MinMaxScaler`, and the tensor shapes of its windows
//! (`[426, 5, 4]` for the course's table: windows × sequence length × features).

use crate::lessons::time_series::SeriesData;
use crate::lessons::Split;

/// What the preview shows.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePreview {
    /// Column names: the time axis (`Date`, or `t` for a series without one), the features,
    /// then the target when it is not a feature.
    pub columns: Vec<String>,
    /// Index of the target among `columns`.
    pub target: usize,
    /// The first rows, each cell formatted (scaled: six decimals, as pandas prints them).
    pub rows: Vec<Vec<String>>,
    /// Whether the values are MinMax-scaled (as the model reads them) or in their own units.
    pub scaled: bool,
    /// Rows of the table the windows are cut from (after missing cells are handled).
    pub table_rows: usize,
    /// `[windows, sequence length, features]` of every window.
    pub windows: [usize; 3],
    /// The same for the training, validation and test parts.
    pub train: [usize; 3],
    pub validation: [usize; 3],
    pub test: [usize; 3],
}

/// The first `n` rows of `data`'s table (scaled as the model reads them, or raw) and the shapes
/// of its windows.
pub fn table_preview(data: &SeriesData, n: usize, scaled: bool) -> TablePreview {
    let w = &data.windows;
    let time = data
        .table
        .as_ref()
        .and_then(|t| t.time.clone())
        .unwrap_or_else(|| "t".into());
    let mut columns = vec![time];
    columns.extend(w.features.iter().cloned());
    let target_feature = w.features.iter().position(|f| *f == w.target);
    let target = match target_feature {
        Some(i) => i + 1,
        None => {
            columns.push(w.target.clone());
            columns.len() - 1
        }
    };
    let cell = |v: f64| {
        if scaled {
            format!("{v:.6}")
        } else {
            format!("{v}")
        }
    };
    let rows = (0..n.min(w.truth.len()))
        .map(|r| {
            let mut row = vec![w.times[r].clone()];
            for (f, scaler) in w.scalers.iter().enumerate() {
                let v = w.inputs[r][f];
                row.push(cell(if scaled { scaler.transform(v) } else { v }));
            }
            if target_feature.is_none() {
                let v = w.truth[r];
                row.push(cell(if scaled {
                    w.target_scaler.transform(v)
                } else {
                    v
                }));
            }
            row
        })
        .collect();
    let (k, f) = (w.window, w.features.len());
    let shape = |split: Split| [w.len(split), k, f];
    TablePreview {
        columns,
        target,
        rows,
        scaled,
        table_rows: w.truth.len(),
        windows: [w.truth.len().saturating_sub(k), k, f],
        train: shape(Split::Train),
        validation: shape(Split::Validation),
        test: shape(Split::Test),
    }
}

/// A shape as PyTorch prints it: `[426, 5, 4]`.
pub fn shape_text(shape: &[usize]) -> String {
    let parts: Vec<String> = shape.iter().map(usize::to_string).collect();
    format!("[{}]", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lessons::time_series::{SeriesOptions, SeriesSource};

    fn data(text: &str, window: usize) -> SeriesData {
        SeriesData::new(SeriesOptions {
            source: SeriesSource::Table {
                name: "t.csv".into(),
                text: text.into(),
            },
            features: vec!["a".into(), "b".into()],
            target: Some("y".into()),
            window,
            train_fraction: 0.5,
            ..SeriesOptions::default()
        })
        .unwrap()
    }

    #[test]
    fn the_first_rows_come_with_their_columns_scaled_or_raw() {
        let text: String = std::iter::once("Date,a,y,b\n".to_string())
            .chain((0..20).map(|i| format!("2020-01-{:02},{},{},{}\n", i + 1, i, 100 - i, i * i)))
            .collect();
        let d = data(&text, 3);
        let p = table_preview(&d, 5, false);
        assert_eq!(p.columns, ["Date", "a", "b", "y"]);
        assert_eq!(p.target, 3);
        assert_eq!(p.rows.len(), 5);
        assert_eq!(p.rows[2], ["2020-01-03", "2", "4", "98"]);
        let s = table_preview(&d, 5, true);
        // Fitted on the 10 training rows: a runs 0..9, so row 2 is 2/9.
        assert_eq!(s.rows[2][1], format!("{:.6}", 2.0 / 9.0));
        assert_eq!(
            s.rows[0][3], "1.000000",
            "y falls: its first row is its training maximum"
        );
        assert_eq!(p.windows, [17, 3, 2]);
        assert_eq!(p.train, [7, 3, 2]);
        assert_eq!(p.validation, [0, 3, 2]);
        assert_eq!(p.test, [10, 3, 2]);
        assert_eq!(shape_text(&p.windows), "[17, 3, 2]");
        // Fewer rows than asked for: all of them.
        assert_eq!(table_preview(&d, 50, true).rows.len(), 20);
    }

    #[test]
    fn a_target_among_the_features_is_not_repeated() {
        let text: String = std::iter::once("a,b,y\n".to_string())
            .chain((0..12).map(|i| format!("{i},{},{}\n", i % 3, i * 2)))
            .collect();
        let mut o = data(&text, 2).options;
        o.features = vec!["y".into(), "b".into()];
        let d = SeriesData::new(o).unwrap();
        let p = table_preview(&d, 3, false);
        assert_eq!(p.columns, ["t", "y", "b"], "no time column: the row number");
        assert_eq!(p.target, 1);
        assert_eq!(p.rows[1], ["2", "2", "1"], "time labels count rows from 1");
    }
}
