//! Checks the core against reference cases (format: `tests/reference/FORMAT.md`), in f64 at
//! 1e-10 and in f32 at 2e-5 (tolerances and what is compared: `tests/support/reference_case.rs`,
//! shared with the browser test `tests/web_kernel.rs`).
//!
//! Folders read: `tests/reference/` (PyTorch-generated), `tests/reference_extra/`
//! (NumPy-generated, see `tests/reference/tools/`), `tests/reference_torch/` (PyTorch-generated
//! by `tests/reference/tools/gen_torch_cases.py`: hidden 13–15 and 29, token input through an
//! embedding with BCE), `tests/reference_course/` (the course's hand-written cell of tutorial 01,
//! by `tests/reference/tools/gen_course_cell.py`), and `$REFERENCE_DIR` when set. Every `*.json` except `index.json` is a
//! case; a folder without cases is an error.

#[path = "support/reference_case.rs"]
mod reference_case;

use reference_case::{check_case, check_case_f32, check_case_f32_sharded};
use std::path::{Path, PathBuf};

fn cases_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read reference folder {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name().is_some_and(|n| n != "index.json")
        })
        .collect();
    v.sort();
    assert!(
        !v.is_empty(),
        "reference folder {} holds no case (*.json other than index.json)",
        dir.display()
    );
    v
}

fn case_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut dirs = vec![
        root.join("reference"),
        root.join("reference_extra"),
        root.join("reference_torch"),
        root.join("reference_course"),
    ];
    if let Ok(d) = std::env::var("REFERENCE_DIR") {
        dirs.push(PathBuf::from(d));
    }
    dirs
}

/// Runs `check` on the case at `path`: its name (the file name without `.json`) and its text.
fn check_file(path: &Path, check: fn(&str, &str) -> Result<(), String>) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    check(&name, &text)
}

fn reference_cases_match_pytorch_at_1e_10() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for d in &case_dirs() {
        for p in cases_in(d) {
            match check_file(&p, check_case) {
                Ok(()) => checked += 1,
                Err(e) => failures.push(format!("{}: {e}", p.display())),
            }
        }
    }
    println!("reference cases checked: {checked}");
    assert!(
        failures.is_empty(),
        "{} reference case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn reference_cases_match_in_f32_at_2e_5() {
    let failures: Vec<String> = case_dirs()
        .iter()
        .flat_map(|d| cases_in(d))
        .filter_map(|p| {
            check_file(&p, check_case_f32)
                .err()
                .map(|e| format!("{}: {e}", p.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same in f32 with each update's batch cut into 2, 3 and 4 shards, as the app trains on
/// several workers (a batch smaller than the worker count uses one shard per row).
fn reference_cases_match_in_f32_at_2e_5_on_2_3_and_4_workers() {
    let failures: Vec<String> = case_dirs()
        .iter()
        .flat_map(|d| cases_in(d))
        .flat_map(|p| (2..=4).map(move |w| (p.clone(), w)))
        .filter_map(|(p, w)| {
            let text = std::fs::read_to_string(&p).map_err(|e| e.to_string());
            let name = p
                .file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            text.and_then(|t| check_case_f32_sharded(&name, &t, w))
                .err()
                .map(|e| format!("{}: {e}", p.display()))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A plain `main` (harness = false) so `reference cases checked: N` is always printed, also
/// when the cases pass; a failing check panics and the process exits non-zero.
fn main() {
    reference_cases_match_pytorch_at_1e_10();
    reference_cases_match_in_f32_at_2e_5();
    reference_cases_match_in_f32_at_2e_5_on_2_3_and_4_workers();
    println!("reference: 3 passed, 0 failed");
}
