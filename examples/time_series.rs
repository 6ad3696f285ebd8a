//! Headless run of the time-series lesson: a generated series (sum of sines, trend, weekly
//! pattern, noise), windows of k values predicting the next one, MinMax scaling fitted on the
//! training part, a time-ordered split.
//!
//! `cargo run --release --example time_series -- [--cell rnn|lstm|gru] [--hidden N] [--layers N] [--epochs N] [--window N] [--seed N]`
//!
//! Defaults: the course's settings (hidden 8 × 2 layers, window 5, head over all 5 outputs,
//! batch 20, Adam lr 0.001, 301 epochs) with an LSTM. Prints progress, then one JSON line.

mod common;

use rnn_playground::lessons::time_series::SeriesOptions;
use rnn_playground::lessons::{preset, Corpus, LessonOptions, SeriesData};
use rnn_playground::nn::{CellKind, NetworkConfig};
use rnn_playground::train::Session;
use std::time::Instant;

const USAGE: &str = "usage: time_series [--cell rnn|lstm|gru] [--hidden N] [--layers N] [--epochs N] [--window N] [--seed N]";

struct Args {
    cell: CellKind,
    hidden: usize,
    layers: usize,
    epochs: u64,
    window: usize,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        cell: CellKind::Lstm,
        hidden: 8,
        layers: 2,
        epochs: 301,
        window: 5,
        seed: 0,
    };
    for (flag, value) in common::flags(USAGE)? {
        let num = |v: &str| common::whole(USAGE, &flag, v);
        match flag.as_str() {
            "--cell" => a.cell = common::cell(USAGE, &value)?,
            "--hidden" => a.hidden = num(&value)? as usize,
            "--layers" => a.layers = num(&value)? as usize,
            "--epochs" => a.epochs = num(&value)?,
            "--window" => a.window = num(&value)? as usize,
            "--seed" => a.seed = num(&value)?,
            f => return Err(common::unknown(USAGE, f)),
        }
    }
    Ok(a)
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let p = preset("series-course-lstm").ok_or("preset missing")?;
    let model = NetworkConfig {
        cell: args.cell,
        hidden_size: args.hidden,
        num_layers: args.layers,
        ..p.model
    };
    let settings = rnn_playground::train::TrainSettings {
        epochs: args.epochs,
        ..p.settings
    };
    let options = SeriesOptions {
        window: args.window,
        ..SeriesOptions::default()
    };
    let data = LessonOptions::TimeSeries(options)
        .prepare(&Corpus::TimeSeries(()))
        .map_err(|e| e.to_string())?;
    let mut s = Session::new(data, model, settings, args.seed).map_err(|e| e.to_string())?;
    let mut final_loss = f64::NAN;
    for epoch in 1..=args.epochs {
        let r = s.run_epoch().map_err(|e| e.to_string())?;
        final_loss = r.train_loss;
        if epoch.is_multiple_of(50) || epoch == args.epochs || epoch == 1 {
            let test = r
                .eval
                .and_then(|e| e.test)
                .map_or(String::new(), |m| format!(" test loss {:.5}", m.loss));
            println!(
                "epoch {epoch}/{} train loss {final_loss:.5}{test}",
                args.epochs
            );
        }
    }
    let series = s
        .lesson_data::<SeriesData>()
        .ok_or("not the series lesson")?;
    let p = series.predictions(s.network()).map_err(|e| e.to_string())?;
    let out = serde_json::json!({
        "cell": format!("{:?}", args.cell).to_lowercase(),
        "hidden": args.hidden,
        "layers": args.layers,
        "window": args.window,
        "epochs": args.epochs,
        "train_size": s.status().train_len,
        "test_size": p.truth.len() - (p.split - args.window),
        "final_loss": final_loss,
        "test_mse_scaled": p.test_mse_scaled,
        "baseline_mse_scaled": p.baseline_mse_scaled,
        "persistence_mse_scaled": p.persistence_mse_scaled,
        "test_rmse": p.test_rmse,
        "test_mae": p.test_mae,
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
