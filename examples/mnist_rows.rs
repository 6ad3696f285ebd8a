//! Headless run of the MNIST-rows lesson (each digit = 28 timesteps of 28 pixels):
//!
//! `cargo run --release --example mnist_rows -- [--preset ID] [--cell rnn|lstm|gru] [--hidden N] [--layers N] [--epochs N] [--data DIR]`
//!
//! `--preset` picks any MNIST preset (e.g. `mnist-course-lstm`); `--cell`, `--hidden`,
//! `--layers` and `--epochs` change it. Defaults: the fast classroom preset (LSTM 64 × 1, standardised pixels, batch 32, Adam lr 0.005
//! decaying ×0.6 per epoch, clipping at 1, 4 epochs) on the
//! shipped subset (12,000 training and 2,000 test digits in `assets/mnist`). `--data DIR` reads
//! the full set from `DIR/train-images.u8.gz`, `train-labels.u8.gz`, `test-images.u8.gz`,
//! `test-labels.u8.gz` (the layout of `../shared/data/mnist/`). Prints progress, then one JSON
//! line with the result.

mod common;

use rnn_playground::data::mnist::{FULL_FILES, SUBSET_FILES};
use rnn_playground::lessons::{preset, Corpus, MnistData, MnistRowsData, Split};
use rnn_playground::nn::{CellKind, NetworkConfig};
use rnn_playground::train::Session;
use std::path::{Path, PathBuf};
use std::time::Instant;

const USAGE: &str =
    "usage: mnist_rows [--preset ID] [--cell rnn|lstm|gru] [--hidden N] [--layers N] [--epochs N] [--data DIR]";

struct Args {
    preset: String,
    cell: Option<CellKind>,
    hidden: Option<usize>,
    layers: Option<usize>,
    epochs: Option<u64>,
    data: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        preset: "mnist-fast-lstm".into(),
        cell: None,
        hidden: None,
        layers: None,
        epochs: None,
        data: None,
    };
    for (flag, value) in common::flags(USAGE, &[])? {
        let num = |v: &str| common::whole(USAGE, &flag, v);
        match flag.as_str() {
            "--preset" => a.preset = value,
            "--cell" => a.cell = Some(common::cell(USAGE, &value)?),
            "--hidden" => a.hidden = Some(num(&value)? as usize),
            "--layers" => a.layers = Some(num(&value)? as usize),
            "--epochs" => a.epochs = Some(num(&value)?),
            "--data" => a.data = Some(PathBuf::from(value)),
            f => return Err(common::unknown(USAGE, f)),
        }
    }
    Ok(a)
}

fn read(dir: &Path, name: &str) -> Result<Vec<u8>, String> {
    let p = dir.join(name);
    std::fs::read(&p).map_err(|e| format!("cannot read {}: {e}", p.display()))
}

fn load(args: &Args) -> Result<MnistData, String> {
    let (dir, files) = match &args.data {
        Some(d) => (d.clone(), FULL_FILES),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mnist"),
            SUBSET_FILES,
        ),
    };
    let f: Vec<Vec<u8>> = files
        .iter()
        .map(|n| read(&dir, n))
        .collect::<Result<_, _>>()?;
    MnistData::from_headerless(&f[0], &f[1], &f[2], &f[3]).map_err(|e| e.to_string())
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let data = load(&args)?;
    let (train_size, test_size) = (data.train.len(), data.test.len());
    println!("loaded {train_size} training and {test_size} test digits");
    let p = preset(&args.preset)
        .filter(|p| {
            matches!(
                p.options,
                rnn_playground::lessons::LessonOptions::MnistRows(_)
            )
        })
        .ok_or_else(|| format!("no MNIST preset {:?}", args.preset))?;
    let model = NetworkConfig {
        cell: args.cell.unwrap_or(p.model.cell),
        hidden_size: args.hidden.unwrap_or(p.model.hidden_size),
        num_layers: args.layers.unwrap_or(p.model.num_layers),
        ..p.model
    };
    let settings = rnn_playground::train::TrainSettings {
        epochs: args.epochs.unwrap_or(p.settings.epochs),
        ..p.settings
    };
    let epochs = settings.epochs;
    let prepared = p
        .options
        .prepare(&Corpus::MnistRows(data))
        .map_err(|e| e.to_string())?;
    let mut s = Session::new(prepared, model, settings, 0).map_err(|e| e.to_string())?;
    let per_epoch = s.status().train_len.div_ceil(s.settings().batch_size);
    let mut test_accuracy = f64::NAN;
    let mut final_loss = f64::NAN;
    for epoch in 1..=epochs {
        loop {
            let r = s.step().map_err(|e| e.to_string())?;
            let k = (r.update - 1) % per_epoch as u64 + 1;
            if k.is_multiple_of(50) {
                println!(
                    "epoch {epoch} update {k}/{per_epoch} loss {:.4} grad norm {:.3} ({:.1} s)",
                    r.loss,
                    r.grad_norm,
                    started.elapsed().as_secs_f64()
                );
            }
            if let Some(e) = r.epoch_end {
                final_loss = e.train_loss;
                if let Some(ev) = e.eval {
                    test_accuracy = ev.test.and_then(|m| m.accuracy).unwrap_or(f64::NAN);
                    println!(
                        "epoch {epoch}/{} train loss {:.4} test accuracy {:.2}% ({:.1} s)",
                        epochs,
                        e.train_loss,
                        test_accuracy * 100.0,
                        started.elapsed().as_secs_f64()
                    );
                }
                break;
            }
        }
    }
    if epochs > 0 {
        let digits = s
            .lesson_data::<MnistRowsData>()
            .ok_or("not the MNIST lesson")?;
        let rep = digits
            .report(s.network(), Split::Test)
            .map_err(|e| e.to_string())?;
        test_accuracy = rep.accuracy;
    }
    let m = s.model();
    let out = serde_json::json!({
        "preset": args.preset,
        "cell": format!("{:?}", m.cell).to_lowercase(),
        "hidden": m.hidden_size,
        "layers": m.num_layers,
        "epochs": epochs,
        "train_size": train_size,
        "test_size": test_size,
        "final_loss": final_loss,
        "test_accuracy": test_accuracy,
        "seconds": started.elapsed().as_secs_f64(),
    });
    println!("{out}");
    Ok(())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(args) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
