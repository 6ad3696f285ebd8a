//! The time-series lesson's data in Python, for the code panel: tutorial 05's steps (read the
//! table, MinMax-scale its columns, `seq_data` windows, the split by windows or fractions) on
//! the file the page offers beside the code: the shipped table, the generated or pasted series
//! written out as `series.csv`, or the user's own table under its own name.

use std::fmt::Write as _;

use super::{ScaleFit, SeriesOptions, SeriesSource};
use crate::data::table::{Missing, Table};
use crate::ui::code::data::{py_str, DataCode, FileContent, OfferedFile};
use crate::ui::code::py_float;

/// The file a generated or pasted series is offered as: one column, `value`.
pub const SERIES_FILE: &str = "series.csv";

/// How the code reads the table's lines: the delimiter and whether the first line names the
/// columns (the app detects both; a shipped table is a comma-separated file with a header).
struct Layout {
    delimiter: Option<char>,
    header: bool,
}

/// A cell as the app reads it (`data::table`): a missing marker, or a number that does not
/// read, is missing.
const NUMBER: &str = r#"def number(cell):
    # A cell as the app reads it: empty, NA, NaN, null, none, - or . is missing, and so is a
    # cell that is not a finite number.
    t = cell.strip()
    if t.lower() in ('', 'na', 'nan', 'null', 'none', '-', '.') or '_' in t:
        return None
    try:
        v = float(t)
    except ValueError:
        return None
    return v if math.isfinite(v) else None
"#;

/// Tutorial 05's `seq_data`, on lists: rows `i … i+k−1` predict the target of row `i+k`.
const SEQ_DATA: &str = r#"def seq_data(x, y, sequence_length):
    # Tutorial 05's windows: rows i ... i+k-1 are the input, row i+k's target the answer.
    x_seq, y_seq = [], []
    for i in range(len(x) - sequence_length):
        x_seq.append([list(row) for row in x[i:i + sequence_length]])
        y_seq.append(y[i + sequence_length])
    return x_seq, y_seq
"#;

/// The file the code reads and how its lines are laid out, the columns it uses (features,
/// target), and the text of a file the page writes.
fn source_file(o: &SeriesOptions) -> (OfferedFile, Layout, Vec<String>, String) {
    let comma = Layout {
        delimiter: Some(','),
        header: true,
    };
    let value = || (vec!["value".to_string()], "value".to_string());
    let written = |values: &[f64]| {
        let mut text = String::from("value\n");
        for v in values {
            let _ = writeln!(text, "{v}");
        }
        OfferedFile {
            name: SERIES_FILE.into(),
            content: FileContent::Made(text),
        }
    };
    let chosen = |default: (String, Vec<String>)| {
        let target = o.target.clone().unwrap_or(default.0);
        let features = if o.features.is_empty() {
            default.1
        } else {
            o.features.clone()
        };
        (features, target)
    };
    match &o.source {
        SeriesSource::Generated(cfg) => {
            let (f, t) = value();
            (written(&cfg.generate().unwrap_or_default()), comma, f, t)
        }
        SeriesSource::Values(values) => {
            let (f, t) = value();
            (written(values), comma, f, t)
        }
        SeriesSource::Shipped(table) => {
            let (target, features) = table.defaults();
            let (f, t) = chosen((
                target.into(),
                features.iter().map(|s| s.to_string()).collect(),
            ));
            (OfferedFile::served(table.file(), table.href()), comma, f, t)
        }
        SeriesSource::Table { name, text } => {
            let parsed = Table::parse(name, text.as_bytes()).ok();
            let layout = parsed.as_ref().map_or(comma, |t| Layout {
                delimiter: (t.columns.len() > 1).then_some(t.delimiter),
                header: t.has_header,
            });
            let default = parsed.as_ref().map_or_else(
                || ("value".to_string(), Vec::new()),
                |t| super::default_columns(&o.source, t),
            );
            let (f, t) = chosen(default);
            let file = OfferedFile {
                name: name.clone(),
                content: FileContent::Made(text.clone()),
            };
            (file, layout, f, t)
        }
    }
}

/// Tutorial 05's data steps on the lesson's table.
pub(super) fn series_code(o: &SeriesOptions, validation: bool) -> DataCode {
    let (file, layout, features, target) = source_file(o);
    let list = |names: &[String]| {
        let quoted: Vec<String> = names.iter().map(|n| py_str(n)).collect();
        format!("[{}]", quoted.join(", "))
    };
    let mut w = String::new();
    let _ = writeln!(
        w,
        "# The data, as the app builds it, in tutorial 05's steps. The course reads the table with"
    );
    let _ = writeln!(
        w,
        "# pandas (df = pd.read_csv({})); this reads the same rows with the csv module.",
        py_str(&file.name)
    );
    let _ = writeln!(
        w,
        "features = {}  # the inputs of each step",
        list(&features)
    );
    let _ = writeln!(
        w,
        "target = {}  # predicted for the row after the window",
        py_str(&target)
    );
    let _ = writeln!(w);
    let _ = writeln!(w);
    w.push_str(NUMBER);
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "with open({}, encoding='utf-8-sig', newline='') as f:",
        py_str(&file.name)
    );
    match layout.delimiter {
        Some(d) => {
            let _ = writeln!(
                w,
                "    lines = [[c.strip() for c in r] for r in csv.reader(f, delimiter={}) if any(c.strip() for c in r)]",
                py_str(&d.to_string())
            );
        }
        None => {
            let _ = writeln!(
                w,
                "    lines = [[line.strip()] for line in f if line.strip()]  # one column"
            );
        }
    }
    if layout.header {
        let _ = writeln!(
            w,
            "names = [n or f'column {{i + 1}}' for i, n in enumerate(lines[0])]  # the header line"
        );
        let _ = writeln!(w, "lines = lines[1:]");
    } else {
        let _ = writeln!(
            w,
            "names = [f'column {{i + 1}}' for i in range(len(lines[0]))]  # no header line"
        );
    }
    let _ = writeln!(
        w,
        "lines = [r for r in lines if len(r) == len(names)]  # the app skips lines with another number of fields"
    );
    let _ = writeln!(
        w,
        "used = features + ([] if target in features else [target])"
    );
    let _ = writeln!(
        w,
        "columns = [[number(r[names.index(c)]) for r in lines] for c in used]"
    );
    match o.missing {
        Missing::Drop => {}
        Missing::ForwardFill => {
            let _ = writeln!(
                w,
                "for col in columns:  # a missing cell takes the value above it"
            );
            let _ = writeln!(w, "    for i in range(1, len(col)):");
            let _ = writeln!(w, "        if col[i] is None:");
            let _ = writeln!(w, "            col[i] = col[i - 1]");
        }
        Missing::Interpolate => {
            let _ = writeln!(
                w,
                "for col in columns:  # a missing cell lies on the line between its neighbours"
            );
            let _ = writeln!(
                w,
                "    known = [i for i, v in enumerate(col) if v is not None]"
            );
            let _ = writeln!(w, "    for a, b in zip(known, known[1:]):");
            let _ = writeln!(w, "        for i in range(a + 1, b):");
            let _ = writeln!(
                w,
                "            col[i] = col[a] + (col[b] - col[a]) * (i - a) / (b - a)"
            );
        }
    }
    let _ = writeln!(
        w,
        "kept = [i for i in range(len(lines)) if all(col[i] is not None for col in columns)]  # rows still missing a cell are dropped"
    );
    let _ = writeln!(
        w,
        "X = [[columns[j][i] for j in range(len(features))] for i in kept]"
    );
    let _ = writeln!(w, "Y = [columns[used.index(target)][i] for i in kept]");
    let _ = writeln!(w);
    let window = o.window;
    let _ = writeln!(
        w,
        "sequence_length = {window}  # rows read before predicting the next one"
    );
    let _ = writeln!(w, "rows = len(Y)");
    let held_out = match o.train_windows {
        Some(train) => {
            let _ = writeln!(
                w,
                "split = {train}  # the first {train} windows train, as the course's split"
            );
            let _ = writeln!(
                w,
                "train_end = sequence_length + split  # the first row whose target is not training"
            );
            let _ = writeln!(
                w,
                "val_end = train_end + {}  # then {} validation windows, the rest test",
                o.validation_windows, o.validation_windows
            );
            o.validation_windows > 0
        }
        None => {
            let train = py_float(o.train_fraction);
            let _ = writeln!(
                w,
                "train_end = min(math.floor(rows * {train} + 0.5), rows - 1)  # the first {}% of rows are training targets",
                py_float(o.train_fraction * 100.0)
            );
            if o.validation_fraction > 0.0 {
                let _ = writeln!(
                    w,
                    "val_end = min(max(math.floor(rows * ({train} + {}) + 0.5), train_end + 1), rows - 1)  # then validation, the rest test",
                    py_float(o.validation_fraction)
                );
            } else {
                let _ = writeln!(w, "val_end = train_end  # no validation rows");
            }
            o.validation_fraction > 0.0
        }
    };
    let _ = writeln!(w);
    match o.scaling {
        ScaleFit::TrainingRows => {
            let _ = writeln!(
                w,
                "fit = train_end  # MinMax is fitted on the training rows only: the test part stays unseen"
            );
        }
        ScaleFit::WholeTable => {
            let _ = writeln!(
                w,
                "fit = rows  # MinMax on the whole table, as the course's scaler.fit_transform (it leaks the test range)"
            );
        }
    }
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(w, "def min_max(values):");
    let _ = writeln!(w, "    lo, hi = min(values[:fit]), max(values[:fit])");
    let _ = writeln!(w, "    span = hi - lo if hi > lo else 1.0");
    let _ = writeln!(w, "    return [(v - lo) / span for v in values]");
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "X = [list(r) for r in zip(*[min_max([row[j] for row in X]) for j in range(len(features))])]"
    );
    let _ = writeln!(w, "Y = min_max(Y)");
    let _ = writeln!(w);
    let _ = writeln!(w);
    w.push_str(SEQ_DATA);
    let _ = writeln!(w);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "x_seq, y_seq = seq_data(X, Y, sequence_length)  # rows - sequence_length windows"
    );
    let _ = writeln!(
        w,
        "a, b = train_end - sequence_length, val_end - sequence_length"
    );
    let _ = writeln!(w, "train_x, train_y = x_seq[:a], y_seq[:a]");
    let _ = writeln!(w, "val_x, val_y = x_seq[a:b], y_seq[a:b]");
    let _ = writeln!(w, "test_x, test_y = x_seq[b:], y_seq[b:]");

    let mut t = String::new();
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(t, "def dataset(x, y):");
    let _ = writeln!(
        t,
        "    # x: [windows, sequence_length, features], y: [windows, 1] (view(-1, 1), as the course)"
    );
    let _ = writeln!(
        t,
        "    return torch.utils.data.TensorDataset(torch.tensor(x), torch.tensor(y).view(-1, 1))"
    );
    let _ = writeln!(t);
    let _ = writeln!(t);
    let _ = writeln!(t, "train_dataset = dataset(train_x, train_y)");
    let _ = writeln!(t, "test_dataset = dataset(test_x, test_y)");
    if validation {
        if held_out {
            let _ = writeln!(t, "val_dataset = dataset(val_x, val_y)");
        } else {
            let _ = writeln!(
                t,
                "val_dataset = test_dataset  # no validation rows: the app watches the test windows"
            );
        }
    }
    DataCode {
        std_imports: vec!["import csv", "import math"],
        torch_imports: Vec::new(),
        lists: w,
        tensors: t,
        files: vec![file],
        has_test: true,
        validation_held_out: held_out,
        example_noun: "test windows",
        exact: !matches!(o.source, SeriesSource::Table { .. }),
        reads_own_files: true,
    }
}
