//! Writes the synthetic stock table the time-series lesson ships
//! (`assets/series/stock_synthetic.csv`): a seeded geometric random walk of 431 weekdays from
//! 2019-01-30 with Date, Open, High, Low, Close, Volume (`rnn_playground::data::stock`).
//!
//! `cargo run --example stock_table -- [--seed N] [--rows N] [--out FILE]`
//! (default: the shipped settings, written to standard output).

use rnn_playground::data::stock::{generate, to_csv, StockConfig};

fn main() {
    let mut cfg = StockConfig::shipped();
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    let usage = "usage: stock_table [--seed N] [--rows N] [--out FILE]";
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_else(|| {
            eprintln!("{flag} needs a value\n{usage}");
            std::process::exit(2)
        });
        let number = || {
            value.parse::<u64>().unwrap_or_else(|_| {
                eprintln!("{flag}: {value:?} is not a whole number\n{usage}");
                std::process::exit(2)
            })
        };
        match flag.as_str() {
            "--seed" => cfg.seed = number(),
            "--rows" => cfg.rows = number() as usize,
            "--out" => out = Some(value.clone()),
            _ => {
                eprintln!("unknown flag {flag}\n{usage}");
                std::process::exit(2)
            }
        }
    }
    let rows = generate(&cfg).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(1)
    });
    let text = to_csv(&rows);
    match out {
        Some(path) => std::fs::write(&path, text).unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(1)
        }),
        None => print!("{text}"),
    }
}
