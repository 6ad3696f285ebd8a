//! Writes the fuzzers' seed inputs to `$FUZZ_SEEDS_DIR/<target>/` (default `fuzz/seeds/`):
//! a few small inputs per target, cut from the shipped assets.
//! `cargo run --example fuzz_seeds`; the seeds are kept in git, so run it only when the shipped
//! assets or a file format change.
use std::io::Read;
use std::path::{Path, PathBuf};

use rnn_playground::lessons::presets;
use rnn_playground::nn::{CellKind, Head, Network, NetworkConfig};
use rnn_playground::ui::saved::SavedSession;
use rnn_playground::worker::messages::{wire, FromWorker, Speed, ToWorker};

/// The separator between the parts of one fuzz input (as in fuzz/src/lib.rs).
const SEP: &[u8] = b"\n~~8<~~\n";

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// Parts joined by [`SEP`].
fn joined(parts: &[&[u8]]) -> Vec<u8> {
    parts.join(SEP)
}

/// A file part of a fuzz input: `flags name '\n' bytes` (flag bit 0: the target gzips it).
fn part(gz: bool, name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut p = vec![u8::from(gz)];
    p.extend_from_slice(name.as_bytes());
    p.push(b'\n');
    p.extend_from_slice(bytes);
    p
}

fn first_lines(text: &str, n: usize) -> String {
    text.lines().take(n).map(|l| format!("{l}\n")).collect()
}

/// The first `n` digits of the shipped headerless test files: (pixels, labels).
fn digits(n: usize) -> (Vec<u8>, Vec<u8>) {
    let dir = root().join("assets/mnist");
    let images = gunzip(&std::fs::read(dir.join("test2k-images.u8.gz")).unwrap());
    let labels = gunzip(&std::fs::read(dir.join("test2k-labels.u8.gz")).unwrap());
    (images[..n * 784].to_vec(), labels[..n].to_vec())
}

fn idx(magic: u32, dims: &[u32], body: &[u8]) -> Vec<u8> {
    let mut out = magic.to_be_bytes().to_vec();
    for d in dims {
        out.extend(d.to_be_bytes());
    }
    out.extend_from_slice(body);
    out
}

fn main() {
    let dir = std::env::var_os("FUZZ_SEEDS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("fuzz/seeds"));
    let put = |target: &str, name: &str, bytes: &[u8]| {
        let d = dir.join(target);
        std::fs::create_dir_all(&d).unwrap();
        std::fs::write(d.join(name), bytes).unwrap();
    };

    // Model files: small networks of every cell, head and input kind.
    let configs = [
        NetworkConfig {
            cell: CellKind::Rnn,
            input_size: 3,
            hidden_size: 2,
            output_size: 2,
            ..Default::default()
        },
        NetworkConfig {
            cell: CellKind::Lstm,
            vocab_size: Some(5),
            input_size: 2,
            hidden_size: 2,
            output_size: 1,
            head: Head::LastStep,
            sigmoid_output: true,
            ..Default::default()
        },
        NetworkConfig {
            cell: CellKind::Gru,
            input_size: 2,
            hidden_size: 2,
            num_layers: 2,
            bidirectional: true,
            dropout: 0.1,
            output_size: 3,
            head: Head::Flatten,
            seq_len: Some(2),
            bias: false,
            ..Default::default()
        },
    ];
    for (i, cfg) in configs.iter().enumerate() {
        let net = Network::<f32>::new(cfg, 1).unwrap();
        put(
            "model_file",
            &format!("model{i}.json"),
            net.to_json().as_bytes(),
        );
    }

    // Links.
    for (i, q) in [
        "?lesson=mnist&preset=lstm-64&cell=gru&hidden=64&layers=2&bidir=1&dropout=0.25&enc=emb16&opt=rmsprop&lr=0.003&batch=100&clip=5&trunc=10&seed=12345&lang=ko&presenter=1",
        "lesson=char&cell=rnn&hidden=%31%36&enc=onehot&lang=en&presenter=off",
        "lesson=series&cell=lstm&opt=adam&lr=1e-3&x=%E0%A4%A&%",
    ]
    .iter()
    .enumerate()
    {
        put("url_state", &format!("query{i}"), q.as_bytes());
    }

    // Saved sessions: the first preset of every lesson.
    let mut seen = Vec::new();
    for p in presets() {
        if seen.contains(&p.lesson) {
            continue;
        }
        seen.push(p.lesson);
        let s = SavedSession {
            lesson: p.lesson,
            preset_id: p.id,
            options: p.options,
            model: p.model,
            settings: p.settings,
            seed: 7,
        };
        put(
            "saved_session",
            &format!("{:?}.json", p.lesson),
            s.to_json().as_bytes(),
        );
    }

    // Character text: `mode window_hi window_lo text SEP chars SEP prompt`.
    for (i, (mode, text, chars, prompt)) in [
        (0u8, "hello world, hello rnn.", "", "hel"),
        (1, "안녕하세요 RNN! 다음 글자를 맞혀요.", "", "안녕"),
        (6, "abcabcabcabcabc", "cba", "ab"),
    ]
    .iter()
    .enumerate()
    {
        let mut input = vec![*mode, 0, 4];
        input.extend(joined(&[
            text.as_bytes(),
            chars.as_bytes(),
            prompt.as_bytes(),
        ]));
        put("char_text", &format!("text{i}"), &input);
    }

    // MNIST: four files (IDX gzipped by the target, or headerless as shipped), 6 train and 3 test
    // digits.
    let (px, lb) = digits(9);
    let (tr_px, te_px) = px.split_at(6 * 784);
    let (tr_lb, te_lb) = lb.split_at(6);
    let idx_files = [
        part(
            true,
            "train-images-idx3-ubyte.gz",
            &idx(0x803, &[6, 28, 28], tr_px),
        ),
        part(true, "train-labels-idx1-ubyte.gz", &idx(0x801, &[6], tr_lb)),
        part(
            false,
            "t10k-images-idx3-ubyte",
            &idx(0x803, &[3, 28, 28], te_px),
        ),
        part(false, "t10k-labels-idx1-ubyte", &idx(0x801, &[3], te_lb)),
    ];
    put(
        "mnist_files",
        "idx",
        &joined(&idx_files.iter().map(Vec::as_slice).collect::<Vec<_>>()),
    );
    let headerless = [
        part(true, "train12k-images.u8.gz", tr_px),
        part(true, "train12k-labels.u8.gz", tr_lb),
        part(false, "test2k-images.u8", te_px),
        part(false, "test2k-labels.u8", te_lb),
    ];
    put(
        "mnist_files",
        "headerless",
        &joined(&headerless.iter().map(Vec::as_slice).collect::<Vec<_>>()),
    );

    // Tables: `missing window train valid flags pick_features pick_target name SEP text SEP
    // target SEP features…`.
    let series = root().join("assets/series");
    let tables = [
        (
            "sunspots.csv",
            series.join("sunspots.csv"),
            "SUNACTIVITY",
            vec!["SUNACTIVITY"],
        ),
        ("co2.csv", series.join("co2.csv"), "co2", vec!["co2"]),
        (
            "macrodata.csv",
            series.join("macrodata.csv"),
            "realgdp",
            vec!["realgdp", "realcons", "unemp"],
        ),
        (
            "kospi_like.csv",
            root().join("tests/data/kospi_like.csv"),
            "Close",
            vec!["Open", "High", "Low", "Volume"],
        ),
    ];
    for (i, (name, path, target, features)) in tables.iter().enumerate() {
        let text = first_lines(&std::fs::read_to_string(path).unwrap(), 30);
        let mut input = vec![i as u8 % 3, 5, 140, 20, 2 | (i as u8 & 1), 0, 0];
        let mut parts: Vec<&[u8]> = vec![name.as_bytes(), text.as_bytes(), target.as_bytes()];
        parts.extend(features.iter().map(|f| f.as_bytes()));
        input.extend(joined(&parts));
        put("table_series", &format!("table{i}"), &input);
    }

    // Reviews: NSMC lines (one file; a train/test pair, one gzipped) and an IMDB-style CSV.
    let nsmc = gunzip(&std::fs::read(root().join("assets/nsmc/test2k.txt.gz")).unwrap());
    let nsmc = String::from_utf8(nsmc).unwrap();
    let train = first_lines(&nsmc, 16);
    let test = {
        let mut lines = nsmc.lines();
        let header = lines.next().unwrap();
        format!(
            "{header}\n{}",
            first_lines(&lines.skip(40).collect::<Vec<_>>().join("\n"), 6)
        )
    };
    put(
        "review_files",
        "nsmc_one",
        &part(false, "ratings.txt", train.as_bytes()),
    );
    put(
        "review_files",
        "nsmc_pair",
        &joined(&[
            &part(true, "ratings_train.txt.gz", train.as_bytes()),
            &part(false, "ratings_test.txt", test.as_bytes()),
        ]),
    );
    let imdb = "review,sentiment\n\"A fine, quiet film.\",positive\n\"Dull \"\"epic\"\"; too long\",negative\n\
        Loved it,positive\nHated it,negative\n\"Two\nlines\",positive\nmeh,negative\nwow,positive\n\
        bad,negative\ngreat,positive\nawful,negative\n";
    put(
        "review_files",
        "imdb",
        &part(false, "imdb.csv", imdb.as_bytes()),
    );

    // Worker messages, both directions.
    let messages: Vec<(&str, Vec<u8>)> = vec![
        (
            "ping",
            wire::to_bytes(&ToWorker::Ping { nonce: 7 }).unwrap(),
        ),
        (
            "step",
            wire::to_bytes(&ToWorker::Step { updates: 3 }).unwrap(),
        ),
        (
            "reseed",
            wire::to_bytes(&ToWorker::Reseed { seed: 42 }).unwrap(),
        ),
        (
            "speed",
            wire::to_bytes(&ToWorker::SetSpeed(Speed::PerSecond(1.5))).unwrap(),
        ),
        (
            "settings",
            wire::to_bytes(&ToWorker::SetSettings(presets().remove(0).settings)).unwrap(),
        ),
        (
            "ready",
            wire::to_bytes(&FromWorker::Ready { protocol: 1 }).unwrap(),
        ),
        (
            "pong",
            wire::to_bytes(&FromWorker::Pong { nonce: 7 }).unwrap(),
        ),
    ];
    for (name, bytes) in messages {
        put("worker_messages", name, &bytes);
    }

    // Pasted numbers: `window train valid` then the text.
    for (i, text) in [
        "1 2 3 4 5 6 7 8 9 10 11 12",
        "0.5, -1.25e2, 3\n4;5\t6 7 8 9 10",
        "# values\n1\n2\n\n3\n4\n5\n6\n7\n8\n",
    ]
    .iter()
    .enumerate()
    {
        let mut input = vec![3, 140, 20];
        input.extend_from_slice(text.as_bytes());
        put("pasted_numbers", &format!("values{i}"), &input);
    }
}
