//! Flag parsing shared by the headless lesson runs (`--flag value` pairs, `--help`).

use rnn_playground::nn::CellKind;

/// The `(flag, value)` pairs of the command line; `switches` take no value (their value is
/// `"true"`); `--help` prints `usage` and exits.
pub fn flags(usage: &str, switches: &[&str]) -> Result<Vec<(String, String)>, String> {
    let mut pairs = Vec::new();
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            println!("{usage}");
            std::process::exit(0);
        }
        if switches.contains(&flag.as_str()) {
            pairs.push((flag, "true".to_string()));
            continue;
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag} needs a value\n{usage}"))?;
        pairs.push((flag, value));
    }
    Ok(pairs)
}

/// A whole number given to `flag`.
pub fn whole(usage: &str, flag: &str, v: &str) -> Result<u64, String> {
    v.parse::<u64>()
        .map_err(|_| format!("{flag}: {v:?} is not a whole number\n{usage}"))
}

/// `rnn`, `lstm` or `gru`.
pub fn cell(usage: &str, v: &str) -> Result<CellKind, String> {
    match v {
        "rnn" => Ok(CellKind::Rnn),
        "lstm" => Ok(CellKind::Lstm),
        "gru" => Ok(CellKind::Gru),
        "course" => Ok(CellKind::Course),
        v => Err(format!(
            "--cell: {v:?} is not rnn, lstm, gru or course\n{usage}"
        )),
    }
}

/// The message for a flag the program does not know.
pub fn unknown(usage: &str, flag: &str) -> String {
    format!("unknown flag {flag:?}\n{usage}")
}
