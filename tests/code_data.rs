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
        let code = data_code(&opts, &model, false).unwrap();
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
        let code = data_code(&opts, &model, true).unwrap();
        let names: Vec<&str> = code.files.iter().map(|f| f.name).collect();
        assert_eq!(names, ["train10k.txt.gz", "test2k.txt.gz"]);
        for f in &code.files {
            assert!(
                assets().join(f.href).exists(),
                "the offered {} is shipped at assets/{}",
                f.name,
                f.href
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
