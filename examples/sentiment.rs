//! Headless run of the review-sentiment lesson: Korean movie reviews (NSMC), 20% of the
//! training reviews held out for validation, early stopping on the validation loss with the
//! best epoch's weights restored, accuracy on the test reviews.
//!
//! `cargo run --release --example sentiment -- [--cell rnn|lstm|gru] [--tokens syllable|word]
//! [--vocab N] [--maxlen N] [--encoding onehot|embedding] [--hidden N] [--layers N]
//! [--epochs N] [--data DIR] [--seed N] [--optimizer adam|rmsprop] [--lr X] [--batch N]
//! [--dropout X] [--patience N]`
//!
//! Defaults: the fast preset (syllables, 500 ids, maxlen 100, Embedding(500, 16) → LSTM 8,
//! Adam lr 0.01, batch 64, 12 epochs, patience 3) on the shipped 10k/2k reviews. `--data DIR`
//! reads `ratings_train.txt(.gz)` and `ratings_test.txt(.gz)` (the full NSMC) from DIR.
//! Prints progress, then one JSON line.

mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use rnn_playground::lessons::sentiment::tokens::Tokens;
use rnn_playground::lessons::sentiment::{SentimentData, SentimentOptions};
use rnn_playground::lessons::{
    preset, shipped_corpus, Corpus, DataFile, InputEncoding, LessonId, LessonOptions, Split,
};
use rnn_playground::nn::{CellKind, NetworkConfig};
use rnn_playground::optim::{AdamConfig, OptimizerConfig, RmsPropConfig};
use rnn_playground::train::{EarlyStopping, Session, TrainSettings};

const USAGE: &str = "usage: sentiment [--cell rnn|lstm|gru] [--tokens syllable|word] [--vocab N] [--maxlen N] [--encoding onehot|embedding] [--hidden N] [--layers N] [--epochs N] [--data DIR] [--seed N] [--optimizer adam|rmsprop] [--lr X] [--batch N] [--dropout X] [--patience N]";

struct Args {
    cell: CellKind,
    tokens: Tokens,
    vocab: usize,
    maxlen: usize,
    embedding: bool,
    hidden: usize,
    layers: usize,
    epochs: u64,
    data: Option<PathBuf>,
    seed: u64,
    rmsprop: bool,
    lr: Option<f64>,
    batch: usize,
    dropout: f64,
    patience: usize,
}

fn number(flag: &str, v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("{flag}: {v:?} is not a number\n{USAGE}"))
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        cell: CellKind::Lstm,
        tokens: Tokens::Syllable,
        vocab: 500,
        maxlen: 100,
        embedding: true,
        hidden: 8,
        layers: 1,
        epochs: 12,
        data: None,
        seed: 0,
        rmsprop: false,
        lr: None,
        batch: 64,
        dropout: 0.0,
        patience: 3,
    };
    for (flag, value) in common::flags(USAGE, &[])? {
        let num = |v: &str| common::whole(USAGE, &flag, v);
        match flag.as_str() {
            "--cell" => a.cell = common::cell(USAGE, &value)?,
            "--tokens" => {
                a.tokens = match value.as_str() {
                    "syllable" => Tokens::Syllable,
                    "word" => Tokens::Word,
                    v => return Err(format!("--tokens: {v:?} is not syllable or word\n{USAGE}")),
                }
            }
            "--vocab" => a.vocab = num(&value)? as usize,
            "--maxlen" => a.maxlen = num(&value)? as usize,
            "--encoding" => {
                a.embedding = match value.as_str() {
                    "onehot" => false,
                    "embedding" => true,
                    v => {
                        return Err(format!(
                            "--encoding: {v:?} is not onehot or embedding\n{USAGE}"
                        ))
                    }
                }
            }
            "--hidden" => a.hidden = num(&value)? as usize,
            "--layers" => a.layers = num(&value)? as usize,
            "--epochs" => a.epochs = num(&value)?,
            "--data" => a.data = Some(PathBuf::from(value)),
            "--seed" => a.seed = num(&value)?,
            "--optimizer" => {
                a.rmsprop = match value.as_str() {
                    "adam" => false,
                    "rmsprop" => true,
                    v => {
                        return Err(format!(
                            "--optimizer: {v:?} is not adam or rmsprop\n{USAGE}"
                        ))
                    }
                }
            }
            "--lr" => a.lr = Some(number(&flag, &value)?),
            "--batch" => a.batch = num(&value)? as usize,
            "--dropout" => a.dropout = number(&flag, &value)?,
            "--patience" => a.patience = num(&value)? as usize,
            f => return Err(common::unknown(USAGE, f)),
        }
    }
    Ok(a)
}

/// `ratings_train.txt(.gz)` and `ratings_test.txt(.gz)` from `dir`.
fn read_dir(dir: &Path) -> Result<Corpus, String> {
    let mut files = Vec::new();
    for stem in ["ratings_train.txt", "ratings_test.txt"] {
        let path = [dir.join(stem), dir.join(format!("{stem}.gz"))]
            .into_iter()
            .find(|p| p.exists())
            .ok_or_else(|| format!("{}: no {stem} or {stem}.gz", dir.display()))?;
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        files.push(DataFile {
            name: stem.to_string(),
            bytes,
        });
    }
    LessonId::Sentiment
        .parse_corpus(&files)
        .map_err(|e| e.to_string())
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let corpus = match &args.data {
        Some(dir) => read_dir(dir)?,
        None => shipped_corpus(
            LessonId::Sentiment,
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"),
        )
        .map_err(|e| e.to_string())?,
    };
    println!("loaded {}", corpus.summary());
    let p = preset("sentiment-fast-lstm").ok_or("preset missing")?;
    let base = NetworkConfig {
        cell: args.cell,
        hidden_size: args.hidden,
        num_layers: args.layers,
        ..p.model
    };
    let model = if args.embedding {
        InputEncoding::Embedding { dim: 16 }.apply(&base)
    } else {
        InputEncoding::OneHot.apply(&base)
    };
    let optimizer = if args.rmsprop {
        OptimizerConfig::RmsProp(RmsPropConfig {
            lr: args.lr.unwrap_or(1e-4),
            alpha: 0.9,
            eps: 1e-7,
            ..RmsPropConfig::default()
        })
    } else {
        OptimizerConfig::Adam(AdamConfig {
            lr: args.lr.unwrap_or(1e-2),
            ..AdamConfig::default()
        })
    };
    let settings = TrainSettings {
        optimizer,
        batch_size: args.batch,
        epochs: args.epochs,
        input_dropout: args.dropout,
        early_stopping: Some(EarlyStopping {
            patience: args.patience.max(1),
            min_delta: 0.0,
        }),
        ..p.settings
    };
    let options = LessonOptions::Sentiment(SentimentOptions {
        tokens: args.tokens,
        num_words: args.vocab,
        maxlen: args.maxlen,
        ..SentimentOptions::default()
    });
    let data = options.prepare(&corpus).map_err(|e| e.to_string())?;
    let mut s = Session::new(data, model, settings, args.seed).map_err(|e| e.to_string())?;
    let lesson = s
        .lesson_data::<SentimentData>()
        .ok_or("not the sentiment lesson")?;
    println!(
        "vocabulary: {} ids, coverage of the training tokens {:.1}%; {} training, {} validation, {} test reviews; {} parameters",
        lesson.vocab.len(),
        lesson.vocab.coverage * 100.0,
        lesson.train.len(),
        lesson.validation.len(),
        lesson.test.len(),
        s.status().num_params
    );
    let (mut best_epoch, mut val_accuracy, mut epoch_seconds) = (0, f64::NAN, Vec::new());
    for epoch in 1..=args.epochs {
        let t = Instant::now();
        let r = s.run_epoch().map_err(|e| e.to_string())?;
        epoch_seconds.push(t.elapsed().as_secs_f64());
        let eval = r.eval.as_ref().ok_or("every epoch is evaluated")?;
        let val = eval.validation.as_ref().or(eval.test.as_ref());
        println!(
            "epoch {epoch}/{} train loss {:.4} acc {:.3} · validation loss {:.4} acc {:.3} · test acc {:.3} ({:.1} s)",
            args.epochs,
            r.train_loss,
            eval.train.accuracy.unwrap_or(f64::NAN),
            val.map_or(f64::NAN, |m| m.loss),
            val.and_then(|m| m.accuracy).unwrap_or(f64::NAN),
            eval.test.as_ref().and_then(|m| m.accuracy).unwrap_or(f64::NAN),
            started.elapsed().as_secs_f64()
        );
        best_epoch = r.best_epoch.unwrap_or(epoch);
        if r.stopped {
            println!("early stopping: the weights of epoch {best_epoch} were restored");
            break;
        }
    }
    // The weights in use now: the best epoch's when early stopping restored them.
    let lesson = s
        .lesson_data::<SentimentData>()
        .ok_or("not the sentiment lesson")?;
    let val = rnn_playground::lessons::Lesson::evaluate(lesson, s.network(), Split::Validation)
        .map_err(|e| e.to_string())?;
    if let Some(m) = val {
        val_accuracy = m.accuracy.unwrap_or(f64::NAN);
    }
    let test = rnn_playground::lessons::Lesson::evaluate(lesson, s.network(), Split::Test)
        .map_err(|e| e.to_string())?
        .ok_or("no test reviews")?;
    let per_epoch = epoch_seconds.iter().sum::<f64>() / epoch_seconds.len().max(1) as f64;
    let out = serde_json::json!({
        "cell": format!("{:?}", args.cell).to_lowercase(),
        "tokens": format!("{:?}", args.tokens).to_lowercase(),
        "vocab": args.vocab,
        "maxlen": args.maxlen,
        "encoding": if args.embedding { "embedding" } else { "onehot" },
        "hidden": args.hidden,
        "layers": args.layers,
        "coverage": lesson.vocab.coverage,
        "test_accuracy": test.accuracy,
        "test_loss": test.loss,
        "val_accuracy": val_accuracy,
        "best_epoch": best_epoch,
        "epochs_run": epoch_seconds.len(),
        "train_size": lesson.train.len(),
        "val_size": lesson.validation.len(),
        "test_size": lesson.test.len(),
        "seconds_per_epoch": per_epoch,
        "seconds": started.elapsed().as_secs_f64(),
    });
    println!("{out}");
    Ok(())
}

fn main() {
    let result = parse_args().and_then(run);
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
