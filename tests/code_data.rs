//! The code panel's data part builds the app's data: its plain-Python half (standard library
//! only) runs in `python3` and gives the same ids, windows and labels as the lesson prepares,
//! over a sweep of options (alphabets, windows, texts that need escaping; tokens, vocabulary
//! sizes, padding and truncating sides, validation shares, limits).

use std::path::{Path, PathBuf};
use std::process::Command;

use rnn_playground::lessons::char_model::{AlphabetChoice, CharLoss, CharOptions};
use rnn_playground::lessons::sentiment::tokens::{Side, Tokens};
use rnn_playground::lessons::sentiment::{SentimentData, SentimentOptions};
use rnn_playground::lessons::{shipped_corpus, CharData, Corpus, LessonId, LessonOptions};
use rnn_playground::nn::NetworkConfig;
use rnn_playground::ui::code::data::{data_code, py_str, DataCode};
use serde_json::Value;

fn assets() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets")
}

/// Runs `code` with `python3` in `dir` and parses the JSON it prints last.
fn run(code: &str, dir: &Path) -> Value {
    let out = Command::new("python3")
        .arg("-c")
        .arg(code)
        .current_dir(dir)
        .output()
        .expect("python3 runs (it is on every machine this project builds on)");
    assert!(
        out.status.success(),
        "python3 failed:\n{}\n--- code ---\n{code}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    serde_json::from_str(text.lines().last().unwrap_or("")).expect("JSON on the last line")
}

/// The plain-Python half of `code`, then a line printing `names` as JSON.
fn lists_script(code: &DataCode, names: &[&str]) -> String {
    let mut s = String::new();
    for i in &code.std_imports {
        s.push_str(i);
        s.push('\n');
    }
    s.push_str("import json\n");
    s.push_str(&code.lists);
    let fields: Vec<String> = names.iter().map(|n| format!("'{n}': {n}")).collect();
    s.push_str(&format!("print(json.dumps({{{}}}))\n", fields.join(", ")));
    s
}

fn ids(v: &Value) -> Vec<Vec<usize>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_u64().unwrap() as usize)
                .collect()
        })
        .collect()
}

fn rows(a: &ndarray::Array2<usize>) -> Vec<Vec<usize>> {
    a.outer_iter().map(|r| r.to_vec()).collect()
}

mod python_strings {
    use super::*;
    use rnn_playground::ui::code::data::data_url;

    #[test]
    fn a_data_url_decodes_back_to_the_text() {
        let text = "Date,값 (원)\n2024-01-02,\"1,5\"%#?&+ /\n";
        let url = data_url("text/csv;charset=utf-8", text);
        let body = url.strip_prefix("data:text/csv;charset=utf-8,").unwrap();
        assert!(body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
        let mut bytes = Vec::new();
        let mut it = body.bytes();
        while let Some(b) = it.next() {
            if b == b'%' {
                let hex = [it.next().unwrap(), it.next().unwrap()];
                bytes.push(u8::from_str_radix(std::str::from_utf8(&hex).unwrap(), 16).unwrap());
            } else {
                bytes.push(b);
            }
        }
        assert_eq!(String::from_utf8(bytes).unwrap(), text);
    }

    #[test]
    fn a_python_string_literal_reads_back_as_the_text() {
        let texts = [
            "plain",
            "quotes \" and ' and \\ backslash",
            "lines\nand\ttabs\r",
            "한국어 문장, emoji 🙂, NUL \u{0} and DEL \u{7f}, LS \u{2028}",
        ];
        let mut code = String::from("import json\nprint(json.dumps([");
        for t in texts {
            code.push_str(&py_str(t));
            code.push_str(", ");
        }
        code.push_str("]))\n");
        let got = run(&code, &std::env::temp_dir());
        let got: Vec<&str> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(got, texts);
    }
}

mod char_data {
    use super::*;

    fn check(options: CharOptions) {
        let model = NetworkConfig::default();
        let opts = LessonOptions::CharModel(options.clone());
        let code = data_code(&opts, &model, false, None).unwrap();
        let got = run(
            &lists_script(&code, &["inputs", "targets", "n_letters"]),
            &std::env::temp_dir(),
        );
        let data = CharData::new(options.clone()).unwrap();
        assert_eq!(
            ids(&got["inputs"]),
            rows(data.windows.inputs()),
            "inputs of {options:?}"
        );
        assert_eq!(
            ids(&got["targets"]),
            rows(data.windows.targets()),
            "targets of {options:?}"
        );
        assert_eq!(
            got["n_letters"].as_u64().unwrap() as usize,
            data.alphabet().len()
        );
    }

    #[test]
    fn the_course_sentence_gives_the_app_s_one_window() {
        check(CharOptions::default());
    }

    #[test]
    fn windows_of_every_length_and_a_last_window_that_ends_at_the_end() {
        for window in [1, 2, 5, 7, 13, 34, 68, 69] {
            check(CharOptions {
                window: Some(window),
                ..CharOptions::default()
            });
        }
    }

    #[test]
    fn a_long_text_is_cut_into_the_automatic_windows() {
        let text = "the quick brown fox jumps over the lazy dog. ".repeat(9);
        check(CharOptions {
            text,
            ..CharOptions::default()
        });
    }

    #[test]
    fn the_text_s_own_alphabet_in_any_script_and_with_characters_python_must_escape() {
        for text in [
            "안녕하세요, 반갑습니다! RNN은 기억합니다.",
            "He said \"hi\" \\ then\nleft\ttoo 🙂",
        ] {
            check(CharOptions {
                text: text.into(),
                alphabet: AlphabetChoice::FromText,
                loss: CharLoss::CrossEntropy,
                window: None,
            });
        }
    }

    #[test]
    fn a_custom_alphabet_keeps_its_order() {
        check(CharOptions {
            text: "banana bandana".into(),
            alphabet: AlphabetChoice::Custom {
                chars: "nab d".into(),
            },
            loss: CharLoss::MseSumT,
            window: Some(4),
        });
    }
}

mod review_data {
    use super::*;

    fn corpus() -> Corpus {
        shipped_corpus(LessonId::Sentiment, &assets()).unwrap()
    }

    fn check(corpus: &Corpus, options: SentimentOptions) {
        let Corpus::Sentiment(reviews) = corpus else {
            panic!("the review lesson's corpus")
        };
        let model = NetworkConfig::default();
        let opts = LessonOptions::Sentiment(options.clone());
        let code = data_code(&opts, &model, true, None).unwrap();
        let names: Vec<&str> = code.files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["train10k.txt.gz", "test2k.txt.gz"]);
        for f in &code.files {
            assert!(
                assets().join(f.href()).exists(),
                "the offered {} is shipped at assets/{}",
                f.name,
                f.href()
            );
        }
        let got = run(
            &lists_script(
                &code,
                &[
                    "train_seq",
                    "train_target",
                    "val_seq",
                    "val_target",
                    "test_seq",
                    "test_target",
                ],
            ),
            &assets().join("nsmc"),
        );
        let data = SentimentData::new(options.clone(), reviews).unwrap();
        for (name, set) in [
            ("train", &data.train),
            ("val", &data.validation),
            ("test", &data.test),
        ] {
            let seq = ids(&got[format!("{name}_seq").as_str()]);
            assert_eq!(seq.len(), set.len(), "{name} reviews of {options:?}");
            let want = rows(&set.ids);
            if let Some(i) = (0..seq.len()).find(|&i| seq[i] != want[i]) {
                panic!(
                    "{name} review {i} of {options:?}: Python {:?}, app {:?}\ntext: {}",
                    seq[i], want[i], set.texts[i]
                );
            }
            let labels: Vec<u8> = got[format!("{name}_target").as_str()]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as u8)
                .collect();
            assert_eq!(labels, set.labels, "{name} labels of {options:?}");
        }
    }

    #[test]
    fn the_default_syllables_split_and_vocabulary_are_the_app_s() {
        check(&corpus(), SentimentOptions::default());
    }

    #[test]
    fn words_post_padding_and_truncating_small_vocabularies_and_limits() {
        let corpus = corpus();
        for (tokens, num_words, maxlen, padding, truncating, validation, limit) in [
            (
                Tokens::Word,
                300,
                20,
                Side::Post,
                Side::Post,
                0.25,
                Some(3000),
            ),
            (
                Tokens::Syllable,
                37,
                7,
                Side::Pre,
                Side::Post,
                0.0,
                Some(999),
            ),
            (Tokens::Word, 2000, 50, Side::Post, Side::Pre, 0.1, None),
        ] {
            check(
                &corpus,
                SentimentOptions {
                    tokens,
                    num_words,
                    maxlen,
                    padding,
                    truncating,
                    validation,
                    train_limit: limit,
                },
            );
        }
    }
}

mod series_data {
    use super::*;
    use rnn_playground::data::table::Missing;
    use rnn_playground::data::SeriesConfig;
    use rnn_playground::lessons::time_series::{ScaleFit, ShippedTable};
    use rnn_playground::lessons::{SeriesData, SeriesOptions, SeriesSource, Split};
    use rnn_playground::ui::code::data::FileContent;

    /// The windows of one part as `[window][step][feature]` and its targets.
    type Part = (Vec<Vec<Vec<f32>>>, Vec<f32>);

    fn app_part(data: &SeriesData, split: Split) -> Part {
        let n = data.windows.len(split);
        let idx: Vec<usize> = (0..n).collect();
        let (x, y) = data.windows.batch(split, &idx).unwrap();
        let xs = x
            .outer_iter()
            .map(|w| w.outer_iter().map(|r| r.to_vec()).collect())
            .collect();
        (xs, y.iter().copied().collect())
    }

    fn python_part(v: &Value, x: &str, y: &str) -> Part {
        let f = |n: &Value| n.as_f64().unwrap() as f32;
        let xs = v[x]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                w.as_array()
                    .unwrap()
                    .iter()
                    .map(|r| r.as_array().unwrap().iter().map(f).collect())
                    .collect()
            })
            .collect();
        (xs, v[y].as_array().unwrap().iter().map(f).collect())
    }

    /// The code's plain-Python half, run beside the file the page offers, gives exactly the
    /// app's windows and targets of every part (as the f32 the network reads).
    fn check(name: &str, options: SeriesOptions) {
        let app = SeriesData::new(options.clone()).unwrap();
        let opts = LessonOptions::TimeSeries(options);
        let code = data_code(&opts, &NetworkConfig::default(), true, None).unwrap();
        assert_eq!(code.files.len(), 1, "{name}: one file beside the code");
        let dir = std::env::temp_dir().join(format!("rnn_playground_code_data_{name}"));
        std::fs::create_dir_all(&dir).unwrap();
        let file = &code.files[0];
        match &file.content {
            FileContent::Served(path) => {
                std::fs::copy(assets().join(path), dir.join(&file.name)).unwrap();
            }
            FileContent::Made(text) => std::fs::write(dir.join(&file.name), text).unwrap(),
        }
        let got = run(
            &lists_script(
                &code,
                &["train_x", "train_y", "val_x", "val_y", "test_x", "test_y"],
            ),
            &dir,
        );
        for (split, x, y) in [
            (Split::Train, "train_x", "train_y"),
            (Split::Validation, "val_x", "val_y"),
            (Split::Test, "test_x", "test_y"),
        ] {
            let (ax, ay) = app_part(&app, split);
            let (px, py) = python_part(&got, x, y);
            assert_eq!(px.len(), ax.len(), "{name}: {split:?} windows");
            assert_eq!(px, ax, "{name}: {split:?} inputs");
            assert_eq!(py, ay, "{name}: {split:?} targets");
        }
        assert!(
            app.windows.len(Split::Train) > 0 && app.windows.len(Split::Test) > 0,
            "{name}: the case has training and test windows"
        );
    }

    fn shipped(table: ShippedTable) -> SeriesOptions {
        SeriesOptions {
            source: SeriesSource::Shipped(table),
            ..SeriesOptions::default()
        }
    }

    #[test]
    fn the_generated_series_written_as_a_file_gives_the_app_s_windows() {
        check("generated", SeriesOptions::default());
        check(
            "generated_validation_whole_table",
            SeriesOptions {
                source: SeriesSource::Generated(SeriesConfig {
                    seed: 7,
                    len: 333,
                    ..SeriesConfig::default()
                }),
                window: 12,
                validation_fraction: 0.15,
                scaling: ScaleFit::WholeTable,
                ..SeriesOptions::default()
            },
        );
        check(
            "pasted",
            SeriesOptions {
                source: SeriesSource::Values(vec![
                    3.0,
                    -1.25,
                    1e-7,
                    2.5,
                    0.1,
                    0.2,
                    0.30000000000000004,
                    7.0,
                    -3.0,
                    12.5,
                    4.0,
                    5.5,
                    6.0,
                    1.0,
                    2.0,
                ]),
                window: 3,
                train_fraction: 0.6,
                ..SeriesOptions::default()
            },
        );
    }

    #[test]
    fn every_shipped_table_gives_the_app_s_windows() {
        check(
            "sunspots",
            SeriesOptions {
                window: 20,
                ..shipped(ShippedTable::Sunspots)
            },
        );
        check(
            "macro",
            SeriesOptions {
                validation_fraction: 0.1,
                ..shipped(ShippedTable::Macro)
            },
        );
        check(
            "macro_chosen",
            SeriesOptions {
                features: vec!["infl".into(), "realgdp".into()],
                target: Some("unemp".into()),
                train_fraction: 0.55,
                ..shipped(ShippedTable::Macro)
            },
        );
    }

    #[test]
    fn the_course_s_stock_preset_split_by_windows_and_fitted_on_the_whole_table() {
        let course = SeriesOptions {
            train_windows: Some(200),
            scaling: ScaleFit::WholeTable,
            ..shipped(ShippedTable::Stock)
        };
        check("stock_course", course.clone());
        check(
            "stock_validation",
            SeriesOptions {
                validation_windows: 20,
                scaling: ScaleFit::TrainingRows,
                ..course
            },
        );
    }

    #[test]
    fn missing_weeks_dropped_carried_forward_or_interpolated_as_the_app_does() {
        for (name, missing) in [
            ("co2_drop", Missing::Drop),
            ("co2_ffill", Missing::ForwardFill),
            ("co2_interpolate", Missing::Interpolate),
        ] {
            check(
                name,
                SeriesOptions {
                    missing,
                    window: 8,
                    ..shipped(ShippedTable::Co2)
                },
            );
        }
    }

    #[test]
    fn a_loaded_table_with_semicolons_gaps_a_bad_line_or_no_header_reads_as_the_app_reads_it() {
        let mut text = String::from("\u{feff}Date; Open ;High;;Close;Adj Close;Volume\n");
        for i in 0..60 {
            let v = 100.0 + (i as f64 * 0.7).sin() * 5.0 + i as f64 * 0.25;
            let open = if i % 11 == 3 {
                "NA".to_string()
            } else {
                format!("{v:.2}")
            };
            let _ = std::fmt::Write::write_fmt(
                &mut text,
                format_args!(
                    "2024-01-{:02};{open};{:.3};{};{:.2};{:.2};{}\n",
                    i % 28 + 1,
                    v + 1.5,
                    i % 7,
                    v + 0.5,
                    v + 0.4,
                    1000 + i * 37 % 101
                ),
            );
            if i == 30 {
                text.push_str("2024-02-30;1;2\n\n");
            }
        }
        let loaded = |missing| SeriesOptions {
            source: SeriesSource::Table {
                name: "my kospi.csv".into(),
                text: text.clone(),
            },
            missing,
            ..SeriesOptions::default()
        };
        check("loaded_drop", loaded(Missing::Drop));
        check("loaded_interpolate", loaded(Missing::Interpolate));
        check(
            "loaded_chosen",
            SeriesOptions {
                features: vec!["column 4".into(), "Open".into()],
                target: Some("Volume".into()),
                ..loaded(Missing::ForwardFill)
            },
        );
        let tabs: String = (0..40)
            .map(|i| format!("{}\t{}\n", i, (i * i) % 17))
            .collect();
        check(
            "loaded_no_header",
            SeriesOptions {
                source: SeriesSource::Table {
                    name: "numbers.tsv".into(),
                    text: tabs,
                },
                ..SeriesOptions::default()
            },
        );
    }
}

/// The review lesson's data code with its default options.
fn review_code() -> DataCode {
    data_code(
        &LessonOptions::Sentiment(SentimentOptions::default()),
        &NetworkConfig::default(),
        false,
        None,
    )
    .unwrap()
}

/// The imports of `code` and its plain-Python half from `read_reviews` up to `until`.
fn review_script(code: &DataCode, until: &str) -> String {
    let start = code.lists.find("def read_reviews").unwrap();
    let end = code.lists.find(until).unwrap();
    format!(
        "{}\nimport json\n{}",
        code.std_imports.join("\n"),
        &code.lists[start..end]
    )
}

/// A teacher's own reviews saved under the offered names, whatever their format: the code's
/// `read_reviews` reads the same reviews and labels as the app's parser (a CSV with quotes,
/// embedded commas and newlines, a BOM and CRLF endings, not gzipped though named `.gz`; a
/// gzipped TSV with an empty review).
#[test]
fn own_review_files_saved_under_the_offered_names_read_as_the_app_reads_them() {
    use rnn_playground::lessons::sentiment::reviews::parse_reviews;
    use rnn_playground::lessons::DataFile;
    use std::io::Write as _;

    let code = review_code();
    let names: Vec<String> = code.files.iter().map(|f| f.name.clone()).collect();
    assert_eq!(names.len(), 2, "a training and a test file offered");
    let csv = "\u{feff}review,sentiment\r\n\"Great, \"\"really\"\" great\",positive\r\n\"two\r\nlines\",NEG\r\nplain,1\r\n\"  \",0\r\n";
    let tsv = "id\tdocument\tlabel\n1\t재밌다 정말\t1\n2\t\t0\n3\t별로\t0\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(tsv.as_bytes()).unwrap();
    let files = [
        (names[0].as_str(), csv.as_bytes().to_vec()),
        (names[1].as_str(), gz.finish().unwrap()),
    ];
    let dir = std::env::temp_dir().join(format!("rnn-own-reviews-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut script = review_script(&code, "def app_shuffle");
    let mut expected = Vec::new();
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).unwrap();
        let file = DataFile {
            name: name.to_string(),
            bytes: bytes.clone(),
        };
        let reviews = parse_reviews(&file, &mut Vec::new()).unwrap();
        expected.push(Value::from(
            reviews
                .iter()
                .map(|r| Value::from(vec![Value::from(r.text.clone()), Value::from(r.label)]))
                .collect::<Vec<_>>(),
        ));
    }
    script.push_str(&format!(
        "print(json.dumps([read_reviews({}), read_reviews({})]))\n",
        py_str(names[0].as_str()),
        py_str(names[1].as_str())
    ));
    let got = run(&script, &dir);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(got, Value::from(expected));
    assert_eq!(got[0].as_array().unwrap().len(), 3, "{got}");
    assert_eq!(got[1].as_array().unwrap().len(), 2, "{got}");
}

/// One review file of a teacher's own, saved under the first offered name: the code holds out
/// its last fifth for testing, the reviews the app's `parse_corpus` holds out.
#[test]
fn a_single_own_review_file_is_split_as_the_app_splits_it() {
    use rnn_playground::lessons::sentiment::reviews::parse_corpus;
    use rnn_playground::lessons::DataFile;

    let code = review_code();
    let name = code.files[0].name.clone();
    let mut csv = String::from("text,label\n");
    for i in 0..13 {
        csv.push_str(&format!("\"review {i}, fine\",{}\n", i % 2));
    }
    let app = parse_corpus(&[DataFile {
        name: name.clone(),
        bytes: csv.clone().into_bytes(),
    }])
    .unwrap();
    let dir = std::env::temp_dir().join(format!("rnn-one-review-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(&name), &csv).unwrap();
    let mut script = review_script(&code, "order = app_shuffle");
    script.push_str(
        "print(json.dumps([[t for t, _ in train_reviews], [t for t, _ in test_reviews]]))\n",
    );
    let got = run(&script, &dir);
    std::fs::remove_dir_all(&dir).ok();
    let texts = |rs: &[rnn_playground::lessons::sentiment::reviews::Review]| {
        Value::from(rs.iter().map(|r| r.text.clone()).collect::<Vec<_>>())
    };
    assert_eq!(got, Value::from(vec![texts(&app.train), texts(&app.test)]));
    assert_eq!((app.train.len(), app.test.len()), (11, 2));
}
