//! "Show me your limit!": RNN, LSTM and GRU at one parameter budget and one seed recall the
//! first of K symbols after d distractor steps, for growing d (`train::memory_limit`):
//!
//! `cargo run --release --example memory_limit -- [--cells rnn,lstm,gru] [--max-distance N]
//! [--hidden N] [--budget N] [--updates N] [--batch N] [--lr X] [--seed N]`
//!
//! `--hidden N` sets the budget to an LSTM's count with N units (`--budget` gives it
//! directly). Prints one JSON line per cell and distance, then one with each cell's limit.

mod common;

use rnn_playground::nn::CellKind;
use rnn_playground::train::memory_limit::{self, MemorySweep, SweepConfig};
use serde_json::json;
use std::time::Instant;

const USAGE: &str = "usage: memory_limit [--cells rnn,lstm,gru] [--max-distance N] [--hidden N] [--budget N] [--updates N] [--batch N] [--lr X] [--seed N]";

fn parse_args() -> Result<SweepConfig, String> {
    let mut cfg = SweepConfig::default();
    for (flag, value) in common::flags(USAGE, &[])? {
        let num = |v: &str| common::whole(USAGE, &flag, v);
        match flag.as_str() {
            "--cells" => {
                cfg.cells = value
                    .split(',')
                    .map(|c| common::cell(USAGE, c.trim()))
                    .collect::<Result<_, _>>()?
            }
            "--max-distance" => {
                cfg.distances = memory_limit::distances_up_to(num(&value)?.max(1) as usize)
            }
            "--hidden" => {
                let input = cfg.symbols + cfg.distractors + 1;
                cfg.budget =
                    memory_limit::count(CellKind::Lstm, input, num(&value)? as usize, cfg.symbols)
            }
            "--budget" => cfg.budget = num(&value)? as usize,
            "--updates" => cfg.updates = num(&value)?,
            "--seed" => cfg.seed = num(&value)?,
            "--batch" => cfg.batch = num(&value)? as usize,
            "--lr" => {
                cfg.lr = value
                    .parse()
                    .map_err(|_| format!("--lr: {value:?} is not a number\n{USAGE}"))?
            }
            f => return Err(common::unknown(USAGE, f)),
        }
    }
    Ok(cfg)
}

fn main() {
    let cfg = match parse_args() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut sweep = match MemorySweep::new(cfg) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    while !sweep.done() {
        match sweep.step() {
            Ok(Some(r)) => println!(
                "{}",
                json!({
                    "cell": r.cell.key(),
                    "distance": r.distance,
                    "accuracy": r.accuracy,
                    "test_loss": r.test_loss,
                    "hidden": r.hidden,
                    "params": r.params,
                    "updates": r.updates,
                    "held_out": r.held_out,
                    "verdict": r.verdict,
                    "seconds": started.elapsed().as_secs_f64(),
                })
            ),
            Ok(None) => {}
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1);
            }
        }
    }
    let cfg = sweep.config();
    let limits: serde_json::Map<String, serde_json::Value> = sweep
        .limits()
        .into_iter()
        .map(|(c, best, _)| (c.key().to_string(), json!(best)))
        .collect();
    let first_failure: serde_json::Map<String, serde_json::Value> = sweep
        .limits()
        .into_iter()
        .map(|(c, _, failed)| {
            let v = failed.map(|(d, v)| json!({"distance": d, "verdict": v}));
            (c.key().to_string(), json!(v))
        })
        .collect();
    let budgets: serde_json::Map<String, serde_json::Value> = sweep
        .budgets()
        .iter()
        .map(|b| {
            (
                b.cell.key().to_string(),
                json!({"hidden": b.hidden, "params": b.params}),
            )
        })
        .collect();
    println!(
        "{}",
        json!({
            "limit": limits,
            "first_failure": first_failure,
            "budget": cfg.budget,
            "cells": budgets,
            "distances": cfg.distances,
            "threshold": cfg.threshold,
            "chance": 1.0 / cfg.symbols as f64,
            "updates": cfg.updates,
            "seed": cfg.seed,
            "seconds": started.elapsed().as_secs_f64(),
        })
    );
}
