//! The docs stay true to the code: ARCHITECTURE.md's code map names every source, test,
//! example and bench file and names none that is gone, and the core's modules are listed
//! the same way in `lib.rs`, `Cargo.toml` and ARCHITECTURE.md.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &str) -> String {
    fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file and folder under `dir` (relative to the package, folders with a trailing `/`).
fn walk(dir: &str, out: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap())
        .collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type().unwrap().is_dir() {
            let sub = format!("{dir}{name}/");
            out.push(sub.clone());
            walk(&sub, out);
        } else {
            out.push(format!("{dir}{name}"));
        }
    }
}

/// The text between backticks.
fn ticked(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

/// One row of the code map: the path it is about and what it says.
struct Row {
    path: String,
    text: String,
}

/// The rows of ARCHITECTURE.md's code map table.
fn code_map() -> Vec<Row> {
    let doc = read("ARCHITECTURE.md");
    let start = doc.find("## Code map").expect("a code map section");
    let section = &doc[start..];
    let end = section[3..].find("\n## ").map_or(section.len(), |i| i + 3);
    section[..end]
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            Row {
                path: ticked(cells[0])[0].to_string(),
                text: cells[1..].join(" | "),
            }
        })
        .collect()
}

/// Whether `pattern` (one `*` at most per part) matches the last parts of `path`.
fn glob_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
    let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    if pat.len() > parts.len() {
        return false;
    }
    pat.iter()
        .zip(&parts[parts.len() - pat.len()..])
        .all(|(p, s)| match p.split_once('*') {
            Some((a, b)) => s.len() >= a.len() + b.len() && s.starts_with(a) && s.ends_with(b),
            None => p == s,
        })
}

/// Whether a row names `path`: a ticked name that is the path's end (`agent/slices.rs`,
/// `char_model/`, `tests/reference/`), a pattern matching it (`web_*.rs`), or for a folder a
/// file named in it (`e2e/harness.mjs` names `e2e/`).
fn names(text: &str, path: &str) -> bool {
    let folder = path
        .strip_suffix('/')
        .map(|p| format!("{}/", p.rsplit('/').next().unwrap_or(p)));
    ticked(text).iter().any(|t| {
        let t = t.trim();
        if t.contains('*') {
            return glob_matches(t, path);
        }
        path == t
            || path.ends_with(&format!("/{t}"))
            || folder.as_ref().is_some_and(|f| t.starts_with(f.as_str()))
    })
}

/// The row a path belongs to: the one whose path is its longest prefix.
fn row_of<'a>(rows: &'a [Row], path: &str) -> Option<&'a Row> {
    rows.iter()
        .filter(|r| path == r.path || (r.path.ends_with('/') && path.starts_with(&r.path)))
        .max_by_key(|r| r.path.len())
}

/// Whether `p` is in a package's source tree (the root's `src/` or a `crates/*/src/`).
fn is_source(p: &str) -> bool {
    p.starts_with("src/") || (p.starts_with("crates/") && p.contains("/src/"))
}

/// What the code map must name: each module file (a `mod.rs` by its folder), every test,
/// example and bench file, and their folders.
fn must_be_named() -> Vec<String> {
    let mut all = Vec::new();
    for dir in [
        "src/",
        "crates/core/src/",
        "crates/web/src/",
        "tests/",
        "examples/",
        "benches/",
    ] {
        walk(dir, &mut all);
    }
    // Data the tests read and the bench pages' own files are named by their folders.
    const DATA: &[&str] = &[
        "tests/data/",
        "tests/reference/",
        "tests/reference_torch/",
        "tests/reference_extra/",
        "tests/reference_course/",
        "benches/compare/",
        "benches/wasm/",
    ];
    let skip = |p: &str| DATA.iter().any(|d| p.starts_with(d) && p != *d);
    let mut out = BTreeSet::new();
    for p in all {
        if skip(&p) {
            continue;
        }
        // A folder of the source tree is named through its files (a `mod.rs` by its folder,
        // below); other files there are not modules.
        if is_source(&p) && (p.ends_with('/') || !p.ends_with(".rs")) {
            continue;
        }
        let p = match p.strip_suffix("mod.rs") {
            Some(dir) if is_source(&p) || p.starts_with("examples/") => dir.to_string(),
            _ => p,
        };
        out.insert(p);
    }
    out.into_iter().collect()
}

#[test]
fn the_code_map_names_every_module_test_example_and_bench() {
    let rows = code_map();
    let mut missing = Vec::new();
    for path in must_be_named() {
        let named = match row_of(&rows, &path) {
            // The row's own folder (`src/nn/` for `src/nn/mod.rs`) is named by the row.
            Some(row) => row.path == path || names(&row.text, &path),
            None => false,
        };
        if !named {
            missing.push(path);
        }
    }
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md's code map does not name these (add them to the row of their folder):\n  {}",
        missing.join("\n  ")
    );
}

#[test]
fn the_code_map_names_nothing_that_is_gone() {
    let mut all = Vec::new();
    for dir in [
        "src/",
        "crates/",
        "tests/",
        "examples/",
        "benches/",
        "scripts/",
        "assets/",
    ] {
        all.push(dir.to_string());
        walk(dir, &mut all);
    }
    let mut gone = Vec::new();
    for row in code_map() {
        if !all.contains(&row.path) {
            gone.push(row.path.clone());
        }
        for t in ticked(&row.text) {
            // `dist/` is the build's output, not in the tree.
            let is_path = (t.ends_with(".rs") || t.ends_with(".mjs") || t.ends_with('/'))
                && !t.contains('*')
                && !t.contains(' ')
                && t != "dist/";
            // A name is a path from the package's folder, or one inside the row's folder.
            let under = |p: &&String| p.starts_with(&row.path) || row.path.ends_with(".rs");
            let found = all.iter().any(|p| p == t)
                || all
                    .iter()
                    .filter(under)
                    .any(|p| p.ends_with(&format!("/{t}")));
            if is_path && !found {
                gone.push(format!("{t} (row {})", row.path));
            }
        }
    }
    assert!(
        gone.is_empty(),
        "named in the code map but not there: {gone:?}"
    );
}

/// The ticked or bracketed names in `text` that are modules of the crate.
fn module_names(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .filter(|w| CORE_CANDIDATES.contains(w))
        .map(str::to_string)
        .collect()
}

/// Every top-level module of the root crate: the core's (`pub mod` in the core's `lib.rs`,
/// re-exported) and the browser half's (`pub mod` in `src/lib.rs`).
const CORE_CANDIDATES: &[&str] = &[
    "nn", "optim", "data", "lessons", "train", "ui", "wire", "bench", "worker", "app",
];

/// The modules a crate root declares with `pub mod`.
fn pub_mods(lib: &str) -> BTreeSet<String> {
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').to_string())
        .collect()
}

#[test]
fn the_core_is_listed_the_same_way_everywhere() {
    let lib = read("src/lib.rs");
    let core_lib = read("crates/core/src/lib.rs");
    let core_declared = pub_mods(&core_lib);
    let declared: BTreeSet<String> = pub_mods(&lib).union(&core_declared).cloned().collect();
    let listed: BTreeSet<String> = CORE_CANDIDATES.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        declared, listed,
        "lib.rs's modules changed: update CORE_CANDIDATES"
    );

    let line_with = |text: &str, marker: &str| -> String {
        text.lines()
            .find(|l| l.contains(marker))
            .unwrap_or_else(|| panic!("no line with {marker:?}"))
            .to_string()
    };
    let arch = read("ARCHITECTURE.md");
    let cargo = read("Cargo.toml");
    let from_arch = module_names(&line_with(&arch, "**The core** ("));
    let from_invariant = module_names(&line_with(&arch, "import no `yew`"));
    let from_lib = module_names(&line_with(&lib, "the **core**"));
    let from_cargo = module_names(&line_with(&cargo, "# The core ("));
    assert!(!from_arch.is_empty());
    assert_eq!(from_lib, from_arch, "lib.rs's doc and ARCHITECTURE.md");
    assert_eq!(from_invariant, from_arch, "ARCHITECTURE.md's invariant");
    assert_eq!(
        from_cargo, from_arch,
        "Cargo.toml's comment and ARCHITECTURE.md"
    );
    assert_eq!(
        from_arch, core_declared,
        "ARCHITECTURE.md's core and the core crate's modules"
    );
}

#[test]
fn the_matcher_reads_names_folders_and_patterns() {
    assert!(names(
        "`agent/slices.rs`: its slices",
        "src/worker/agent/slices.rs"
    ));
    assert!(!names("`slices.rs`", "src/worker/agent/slicesx.rs"));
    assert!(names(
        "one folder per lesson (`char_model/`)",
        "src/lessons/char_model/"
    ));
    assert!(names("Browser: `web_*.rs`", "tests/web_kernel.rs"));
    assert!(names("`e2e/*.test.mjs`", "tests/e2e/training.test.mjs"));
    assert!(names("`e2e/harness.mjs` serves", "tests/e2e/"));
    assert!(!names("`e2e/harness.mjs` serves", "tests/support/"));
    assert!(!names("`e2e/*.test.mjs`", "tests/e2e/harness.mjs"));
    assert!(!names("`code.rs`", "src/ui/decode.rs"));
}
