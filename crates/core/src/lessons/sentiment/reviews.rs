//! Labelled reviews from files: NSMC's tab-separated `id document label` (the shipped subset,
//! the full set, or a teacher's own copy of `ratings_*.txt`) or an IMDB-style CSV
//! (`review,sentiment` with `positive`/`negative`), gzipped or not.

use crate::data::mnist::maybe_gunzip;
use crate::data::DataError;

use super::super::DataFile;

/// Longest line (one review) accepted, in bytes: NSMC reviews are at most 140 characters and
/// the longest IMDB review is about 14,000.
pub const MAX_LINE_BYTES: usize = 65_536;
/// Most reviews read from one file (the full NSMC training file has 150,000).
pub const MAX_REVIEWS: usize = 300_000;

/// One review and its label (0 negative, 1 positive).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    /// The text, white space as in the file.
    pub text: String,
    /// 1 positive, 0 negative.
    pub label: u8,
}

/// Training and test reviews.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reviews {
    /// Training reviews (the lesson holds out a validation part of them).
    pub train: Vec<Review>,
    /// Test reviews.
    pub test: Vec<Review>,
    /// Lines skipped because their review was empty: `(file, line)`.
    pub skipped: Vec<(String, usize)>,
}

fn bad_line(file: &str, line: usize, reason: impl Into<String>) -> DataError {
    DataError::BadLine {
        file: file.to_string(),
        line,
        reason: reason.into(),
    }
}

fn bad_file(file: &str, reason: impl Into<String>) -> DataError {
    DataError::BadFile {
        file: file.to_string(),
        reason: reason.into(),
    }
}

/// The label a cell names: `0`/`1`, `negative`/`positive`, `neg`/`pos` (any case).
fn parse_label(s: &str) -> Option<u8> {
    match s.trim().to_ascii_lowercase().as_str() {
        "0" | "negative" | "neg" => Some(0),
        "1" | "positive" | "pos" => Some(1),
        _ => None,
    }
}

/// Column of the review text and of the label, from a header's names.
fn columns(names: &[&str]) -> Option<(usize, usize)> {
    let find = |wanted: &[&str]| {
        names.iter().position(|n| {
            wanted.contains(
                &n.trim()
                    .trim_start_matches('\u{feff}')
                    .to_ascii_lowercase()
                    .as_str(),
            )
        })
    };
    Some((
        find(&["document", "review", "text"])?,
        find(&["label", "sentiment"])?,
    ))
}

/// Checks the text is UTF-8 and no line is longer than [`MAX_LINE_BYTES`], naming the line.
fn checked_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, DataError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = before.len() - line_start + 1;
        bad_line(
            file,
            line,
            format!(
                "not UTF-8 text (byte {column} of the line is invalid): save the file as UTF-8"
            ),
        )
    })?;
    for (i, line) in text.split('\n').enumerate() {
        if line.len() > MAX_LINE_BYTES {
            return Err(bad_line(
                file,
                i + 1,
                format!(
                    "{} bytes long; a review may be at most {MAX_LINE_BYTES} bytes",
                    line.len()
                ),
            ));
        }
    }
    Ok(text)
}

/// The reviews of one file. Empty reviews are skipped and reported in `skipped`.
pub fn parse_reviews(
    file: &DataFile,
    skipped: &mut Vec<(String, usize)>,
) -> Result<Vec<Review>, DataError> {
    let name = file.name.as_str();
    let bytes = maybe_gunzip(&file.bytes, "reviews").map_err(|e| bad_file(name, e.to_string()))?;
    let text = checked_text(name, &bytes)?;
    let header = text.lines().next().unwrap_or("");
    if header.trim().is_empty() {
        return Err(bad_file(name, "the file is empty"));
    }
    if header.contains('\t') {
        parse_tsv(name, text, skipped)
    } else {
        parse_csv(name, text, skipped)
    }
}

const EXPECTED: &str = "the first line should name the columns: `id<TAB>document<TAB>label` (NSMC's ratings files) or `review,sentiment` (an IMDB-style CSV)";

fn parse_tsv(
    name: &str,
    text: &str,
    skipped: &mut Vec<(String, usize)>,
) -> Result<Vec<Review>, DataError> {
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap_or("").split('\t').collect();
    let (doc, label) = columns(&header).ok_or_else(|| {
        bad_file(
            name,
            format!("{EXPECTED}; found `{}`", header.join("<TAB>")),
        )
    })?;
    let mut out = Vec::new();
    for (i, line) in lines.enumerate() {
        let n = i + 2;
        if line.trim().is_empty() {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != header.len() {
            return Err(bad_line(
                name,
                n,
                format!(
                    "{} tab-separated fields, the header has {}",
                    cells.len(),
                    header.len()
                ),
            ));
        }
        push_review(name, n, cells[doc], cells[label], &mut out, skipped)?;
    }
    Ok(out)
}

fn parse_csv(
    name: &str,
    text: &str,
    skipped: &mut Vec<(String, usize)>,
) -> Result<Vec<Review>, DataError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad_file(name, e.to_string()))?
        .iter()
        .map(str::to_string)
        .collect();
    let names: Vec<&str> = header.iter().map(String::as_str).collect();
    let (doc, label) = columns(&names)
        .ok_or_else(|| bad_file(name, format!("{EXPECTED}; found `{}`", names.join(","))))?;
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            let reason = match e.kind() {
                csv::ErrorKind::UnequalLengths {
                    expected_len, len, ..
                } => format!("{len} comma-separated fields, the header has {expected_len}"),
                _ => e.to_string(),
            };
            bad_line(name, line, reason)
        })?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        push_review(name, line, &record[doc], &record[label], &mut out, skipped)?;
    }
    Ok(out)
}

fn push_review(
    name: &str,
    line: usize,
    text: &str,
    label: &str,
    out: &mut Vec<Review>,
    skipped: &mut Vec<(String, usize)>,
) -> Result<(), DataError> {
    let label = parse_label(label).ok_or_else(|| {
        bad_line(
            name,
            line,
            format!(
                "the label `{}` is not 0/1 or positive/negative",
                label.trim()
            ),
        )
    })?;
    if text.trim().is_empty() {
        skipped.push((name.to_string(), line));
        return Ok(());
    }
    if out.len() >= MAX_REVIEWS {
        return Err(bad_file(
            name,
            format!("more than {MAX_REVIEWS} reviews: use a smaller file"),
        ));
    }
    out.push(Review {
        text: text.to_string(),
        label,
    });
    Ok(())
}

/// Training and test reviews from files, told apart by name: two files whose names contain
/// `train` and `test` (NSMC's `ratings_train.txt` and `ratings_test.txt`, the shipped
/// `train10k.txt.gz` and `test2k.txt.gz`); or one file, whose last fifth becomes the test set.
pub fn parse_corpus(files: &[DataFile]) -> Result<Reviews, DataError> {
    let role = |f: &DataFile| {
        let n = f.name.to_ascii_lowercase();
        if n.contains("train") {
            Some(true)
        } else if n.contains("test") {
            Some(false)
        } else {
            None
        }
    };
    let mut skipped = Vec::new();
    let (train, test) = match files {
        [] => return Err(bad_file("(none)", "choose a file of reviews")),
        [one] => {
            let mut all = parse_reviews(one, &mut skipped)?;
            if all.len() < 10 {
                return Err(bad_file(
                    &one.name,
                    format!("{} reviews are too few: give at least 10", all.len()),
                ));
            }
            let test = all.split_off(all.len() - all.len() / 5);
            (all, test)
        }
        [a, b] => {
            let (tr, te) = match (role(a), role(b)) {
                (Some(true), Some(false)) => (a, b),
                (Some(false), Some(true)) => (b, a),
                _ => {
                    return Err(bad_file(
                        &format!("{}, {}", a.name, b.name),
                        "name the files so one contains `train` and the other `test` (as NSMC's ratings_train.txt and ratings_test.txt)",
                    ))
                }
            };
            (
                parse_reviews(tr, &mut skipped)?,
                parse_reviews(te, &mut skipped)?,
            )
        }
        _ => {
            return Err(bad_file(
                &files
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                "choose one file of reviews, or two (training and test)",
            ))
        }
    };
    for (set, which) in [(&train, "training"), (&test, "test")] {
        if set.is_empty() {
            return Err(bad_file(
                &files
                    .iter()
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                format!("there are no {which} reviews"),
            ));
        }
    }
    Ok(Reviews {
        train,
        test,
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> DataFile {
        DataFile {
            name: name.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn nsmc_and_imdb_csv_files_parse() {
        let mut skipped = Vec::new();
        let r = parse_reviews(
            &file(
                "ratings_train.txt",
                "id\tdocument\tlabel\n1\t재밌다\t1\n2\t별로\t0\n3\t\t1\n",
            ),
            &mut skipped,
        )
        .unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].text.as_str(), r[0].label), ("재밌다", 1));
        assert_eq!(skipped, [("ratings_train.txt".to_string(), 4)]);
        let csv =
            "review,sentiment\n\"Great, really \"\"great\"\" film\",positive\nBoring.,negative\n";
        let r = parse_reviews(&file("imdb.csv", csv), &mut Vec::new()).unwrap();
        assert_eq!(r[0].text, "Great, really \"great\" film");
        assert_eq!((r[0].label, r[1].label), (1, 0));
    }

    #[test]
    fn bad_review_files_are_refused_with_the_line_and_the_reason() {
        let err = |name: &str, bytes: &[u8]| {
            parse_reviews(
                &DataFile {
                    name: name.into(),
                    bytes: bytes.to_vec(),
                },
                &mut Vec::new(),
            )
            .unwrap_err()
            .to_string()
        };
        let e = err("x.csv", b"text,stars\nhello,5\n");
        assert!(e.starts_with("x.csv: the first line should name"), "{e}");
        assert!(e.ends_with("found `text,stars`"), "{e}");
        let e = err("x.txt", "id\tdocument\tlabel\n1\tok\t3\n".as_bytes());
        assert_eq!(
            e,
            "x.txt, line 2: the label `3` is not 0/1 or positive/negative"
        );
        let e = err("x.txt", b"id\tdocument\tlabel\n1\tok\t1\n2\t\xff\xfe\t0\n");
        assert!(e.starts_with("x.txt, line 3: not UTF-8"), "{e}");
        let long = format!(
            "review,sentiment\n{},positive\n",
            "a".repeat(MAX_LINE_BYTES + 1)
        );
        let e = err("x.csv", long.as_bytes());
        assert!(
            e.starts_with("x.csv, line 2: 65546 bytes long; a review may be at most"),
            "{e}"
        );
        let e = err("x.txt", b"id\tdocument\tlabel\n1\tok\n");
        assert_eq!(e, "x.txt, line 2: 2 tab-separated fields, the header has 3");
        let e = err("x.csv", b"review,sentiment\nok,positive,extra\n");
        assert!(
            e.contains("line 2") && e.contains("3 comma-separated fields"),
            "{e}"
        );
        let e = err("x.txt", b"");
        assert!(e.contains("empty"), "{e}");
    }

    #[test]
    fn files_are_told_apart_by_name_and_one_file_is_split() {
        let train = file(
            "ratings_train.txt",
            "id\tdocument\tlabel\n1\ta\t1\n2\tb\t0\n",
        );
        let test = file("ratings_test.txt", "id\tdocument\tlabel\n3\tc\t1\n");
        let r = parse_corpus(&[test.clone(), train.clone()]).unwrap();
        assert_eq!((r.train.len(), r.test.len()), (2, 1));
        let e = parse_corpus(&[train.clone(), train])
            .unwrap_err()
            .to_string();
        assert!(e.contains("`train`"), "{e}");
        let many: String = (0..20)
            .map(|i| {
                format!(
                    "r{i},{}\n",
                    if i % 2 == 0 { "positive" } else { "negative" }
                )
            })
            .collect();
        let r = parse_corpus(&[file("imdb.csv", &format!("review,sentiment\n{many}"))]).unwrap();
        assert_eq!((r.train.len(), r.test.len()), (16, 4));
        assert_eq!(r.test[0].text, "r16");
    }
}
