//! Headless run of the time-series lesson: windows of `k` rows predict the next row's target,
//! MinMax scaling fitted on the training rows only, a time-ordered split, and the two honest
//! baselines (persistence and the training mean) on the same test rows.
//!
//! `cargo run --release --example time_series -- [--csv FILE --features a,b,c --target col]
//! [--shipped sunspots|co2|macro|stock] [--preset ID] [--scaling train|whole]
//! [--train-windows N] [--window N] [--head last|flatten] [--sigmoid]
//! [--missing drop|ffill|interpolate] [--cell rnn|lstm|gru] [--hidden N] [--layers N]
//! [--epochs N] [--seed N] [--lr X] [--batch N] [--train X] [--validation X]`
//!
//! Without `--csv` or `--shipped` it runs the generated series with the course's settings
//! (hidden 8 × 2 layers, window 5, head over all 5 outputs, batch 20, Adam lr 0.001, 301
//! epochs). `--preset series-course-rnn` runs a preset as the app opens it (the course's on the
//! synthetic stock table: 200 / 226 windows, MinMax on the whole table); `--epochs` and
//! `--seed` still apply. `--batch 0` trains full-batch. Prints progress, then one JSON line with at least
//! `test_mse` (scaled target), `persistence_mse`, `mean_mse`, `rows_used`, `rows_dropped`.

mod common;

use rnn_playground::data::table::Missing;
use rnn_playground::lessons::time_series::{ScaleFit, SeriesOptions, SeriesSource, ShippedTable};
use rnn_playground::lessons::{preset, Corpus, LessonOptions, SeriesData};
use rnn_playground::nn::{CellKind, Head, NetworkConfig};
use rnn_playground::optim::{AdamConfig, OptimizerConfig};
use rnn_playground::train::Session;
use std::time::Instant;

const USAGE: &str = "usage: time_series [--csv FILE --features a,b,c --target col] [--shipped sunspots|co2|macro|stock] [--preset ID] [--scaling train|whole] [--train-windows N] [--window N] [--head last|flatten] [--sigmoid] [--missing drop|ffill|interpolate] [--cell rnn|lstm|gru] [--hidden N] [--layers N] [--epochs N] [--seed N] [--lr X] [--batch N] [--train X] [--validation X]";

struct Args {
    source: Option<SeriesSource>,
    features: Vec<String>,
    target: Option<String>,
    window: usize,
    head: Option<Head>,
    sigmoid: bool,
    missing: Missing,
    cell: CellKind,
    hidden: usize,
    layers: usize,
    epochs: u64,
    seed: u64,
    lr: Option<f64>,
    batch: Option<usize>,
    train: f64,
    validation: Option<f64>,
    preset: Option<String>,
    scaling: ScaleFit,
    train_windows: Option<usize>,
}

fn number(flag: &str, v: &str) -> Result<f64, String> {
    v.parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
        .ok_or_else(|| format!("{flag}: {v:?} is not a number\n{USAGE}"))
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        source: None,
        features: Vec::new(),
        target: None,
        window: 5,
        head: None,
        sigmoid: false,
        missing: Missing::Drop,
        cell: CellKind::Lstm,
        hidden: 8,
        layers: 2,
        epochs: 301,
        seed: 0,
        lr: None,
        batch: None,
        train: 0.7,
        validation: None,
        preset: None,
        scaling: ScaleFit::TrainingRows,
        train_windows: None,
    };
    let pairs = common::flags(USAGE, &["--sigmoid"])?;
    for (flag, value) in pairs {
        let num = |v: &str| common::whole(USAGE, &flag, v);
        match flag.as_str() {
            "--csv" => {
                let bytes = std::fs::read(&value).map_err(|e| format!("{value}: {e}"))?;
                let text = String::from_utf8(bytes)
                    .map_err(|_| format!("{value}: not UTF-8 text: save the table as UTF-8"))?;
                let name = value.rsplit('/').next().unwrap_or(&value).to_string();
                a.source = Some(SeriesSource::Table { name, text });
            }
            "--shipped" => {
                a.source = Some(SeriesSource::Shipped(match value.as_str() {
                    "sunspots" => ShippedTable::Sunspots,
                    "co2" => ShippedTable::Co2,
                    "macro" => ShippedTable::Macro,
                    "stock" => ShippedTable::Stock,
                    v => {
                        return Err(format!(
                            "--shipped: {v:?} is not sunspots, co2, macro or stock\n{USAGE}"
                        ))
                    }
                }))
            }
            "--features" => {
                a.features = value
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            "--target" => a.target = Some(value),
            "--sigmoid" => a.sigmoid = true,
            "--window" => a.window = num(&value)? as usize,
            "--head" => {
                a.head = Some(match value.as_str() {
                    "last" => Head::LastStep,
                    "flatten" => Head::Flatten,
                    v => return Err(format!("--head: {v:?} is not last or flatten\n{USAGE}")),
                })
            }
            "--missing" => {
                a.missing = match value.as_str() {
                    "drop" => Missing::Drop,
                    "ffill" => Missing::ForwardFill,
                    "interpolate" => Missing::Interpolate,
                    v => {
                        return Err(format!(
                            "--missing: {v:?} is not drop, ffill or interpolate\n{USAGE}"
                        ))
                    }
                }
            }
            "--cell" => a.cell = common::cell(USAGE, &value)?,
            "--hidden" => a.hidden = num(&value)? as usize,
            "--layers" => a.layers = num(&value)? as usize,
            "--epochs" => a.epochs = num(&value)?,
            "--seed" => a.seed = num(&value)?,
            "--lr" => a.lr = Some(number(&flag, &value)?),
            "--batch" => a.batch = Some(num(&value)? as usize),
            "--train" => a.train = number(&flag, &value)?,
            "--validation" => a.validation = Some(number(&flag, &value)?),
            "--preset" => a.preset = Some(value),
            "--scaling" => {
                a.scaling = match value.as_str() {
                    "train" => ScaleFit::TrainingRows,
                    "whole" => ScaleFit::WholeTable,
                    v => return Err(format!("--scaling: {v:?} is not train or whole\n{USAGE}")),
                }
            }
            "--train-windows" => a.train_windows = Some(num(&value)? as usize),
            f => return Err(common::unknown(USAGE, f)),
        }
    }
    Ok(a)
}

fn run(args: Args) -> Result<(), String> {
    let started = Instant::now();
    let chosen = args.preset.as_deref().unwrap_or("series-course-lstm");
    let p = preset(chosen).ok_or_else(|| format!("--preset: no preset {chosen:?}"))?;
    let table = args.source.is_some();
    let from_preset = match (&args.preset, &p.options) {
        (Some(_), LessonOptions::TimeSeries(o)) => Some(o.clone()),
        (Some(id), _) => return Err(format!("--preset: {id:?} is not a time-series preset")),
        (None, _) => None,
    };
    let options = from_preset.clone().unwrap_or(SeriesOptions {
        source: args
            .source
            .clone()
            .unwrap_or(SeriesOptions::default().source),
        features: args.features.clone(),
        target: args.target.clone(),
        missing: args.missing,
        window: args.window,
        train_fraction: args.train,
        validation_fraction: args.validation.unwrap_or(if table { 0.1 } else { 0.0 }),
        sigmoid: args.sigmoid,
        train_windows: args.train_windows,
        validation_windows: 0,
        scaling: args.scaling,
    });
    let data = LessonOptions::TimeSeries(options)
        .prepare(&Corpus::TimeSeries(()))
        .map_err(|e| e.to_string())?;
    let model = if from_preset.is_some() {
        p.model.clone()
    } else {
        NetworkConfig {
            cell: args.cell,
            hidden_size: args.hidden,
            num_layers: args.layers,
            head: args.head.unwrap_or(p.model.head),
            ..p.model
        }
    };
    let (cell, hidden, layers) = (model.cell, model.hidden_size, model.num_layers);
    let train_len = rnn_playground::lessons::LessonData::train_len(&*data);
    let mut settings = rnn_playground::train::TrainSettings {
        epochs: args.epochs,
        ..p.settings
    };
    if let Some(lr) = args.lr {
        settings.optimizer = OptimizerConfig::Adam(AdamConfig {
            lr,
            ..AdamConfig::default()
        });
    }
    match args.batch {
        Some(0) => settings.batch_size = train_len.max(1),
        Some(b) => settings.batch_size = b,
        None => {}
    }
    let mut s = Session::new(data, model, settings, args.seed).map_err(|e| e.to_string())?;
    let series = s
        .lesson_data::<SeriesData>()
        .ok_or("not the series lesson")?;
    println!(
        "{} → {} ({} of {} rows used), window {}, {} training windows",
        series.windows.features.join(", "),
        series.windows.target,
        series.rows.0 - series.rows.1,
        series.rows.0,
        series.windows.window,
        train_len
    );
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
    let p = series
        .predictions(s.network(), s.status().update, s.status().update > 0)
        .map_err(|e| e.to_string())?;
    let out = serde_json::json!({
        "cell": cell.key(),
        "hidden": hidden,
        "layers": layers,
        "window": series.windows.window,
        "scaling": series.windows.fit.key(),
        "epochs": args.epochs,
        "features": series.windows.features,
        "target": series.windows.target,
        "train_size": s.status().train_len,
        "test_size": p.truth.len() - p.split,
        "rows_used": series.rows.0 - series.rows.1,
        "rows_dropped": series.rows.1,
        "final_loss": final_loss,
        "test_mse": p.test_mse_scaled,
        "persistence_mse": p.persistence_mse_scaled,
        "mean_mse": p.baseline_mse_scaled,
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
