//! Headless run of the character lesson with the course's settings (hidden 35, one-hot input,
//! MSE summed over timesteps, Adam lr 0.01, 1000 epochs of the whole sentence):
//!
//! `cargo run --release --example char_model -- [--cell rnn|lstm|gru|course] [--hidden N] [--epochs N] [--seed N]`
//!
//! Prints progress, then one JSON line with the result.

mod common;

use rnn_playground::lessons::char_model::{self, CharData, CharOptions};
use rnn_playground::lessons::{Corpus, LessonOptions};
use rnn_playground::nn::{CellKind, NetworkConfig};
use rnn_playground::train::Session;
use std::time::Instant;

const USAGE: &str =
    "usage: char_model [--cell rnn|lstm|gru|course] [--hidden N] [--epochs N] [--seed N]";

struct Args {
    cell: CellKind,
    hidden: usize,
    epochs: u64,
    seed: u64,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        cell: CellKind::Lstm,
        hidden: 35,
        epochs: 1000,
        seed: 0,
    };
    for (flag, value) in common::flags(USAGE, &[])? {
        let num = |v: &str| common::whole(USAGE, &flag, v);
        match flag.as_str() {
            "--cell" => a.cell = common::cell(USAGE, &value)?,
            "--hidden" => a.hidden = num(&value)? as usize,
            "--epochs" => a.epochs = num(&value)?,
            "--seed" => a.seed = num(&value)?,
            f => return Err(common::unknown(USAGE, f)),
        }
    }
    Ok(a)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let model = NetworkConfig {
        cell: args.cell,
        hidden_size: args.hidden,
        ..NetworkConfig::default()
    };
    let settings = rnn_playground::train::TrainSettings {
        epochs: args.epochs,
        ..char_model::course_settings()
    };
    let started = Instant::now();
    let data = LessonOptions::CharModel(CharOptions::default()).prepare(&Corpus::CharModel(()));
    let mut s = match data.and_then(|d| Session::new(d, model, settings, args.seed)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let mut final_loss = f64::NAN;
    for epoch in 1..=args.epochs {
        match s.run_epoch() {
            Ok(r) => {
                final_loss = r.train_loss;
                if epoch.is_multiple_of(100) || epoch == args.epochs {
                    let acc = r
                        .eval
                        .and_then(|e| e.train.accuracy)
                        .map_or(String::new(), |a| {
                            format!(" next-char accuracy {:.1}%", a * 100.0)
                        });
                    println!("epoch {epoch}/{} loss {final_loss:.5}{acc}", args.epochs);
                }
            }
            Err(e) => {
                eprintln!("error at epoch {epoch}: {e}");
                std::process::exit(1);
            }
        }
    }
    let text = s.lesson_data::<CharData>().expect("the character lesson");
    let (memorised, g) = match text.memorised(s.network()) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let cell = args.cell.key();
    let out = serde_json::json!({
        "cell": cell,
        "hidden": args.hidden,
        "epochs": args.epochs,
        "seed": args.seed,
        "final_loss": final_loss,
        "generated": g.text,
        "memorised": memorised,
        "seconds": started.elapsed().as_secs_f64(),
    });
    println!("{out}");
}
