//! Number and status formats shared by every view.

/// The status line, identical in every language so tests and screen readers can rely on it:
/// `epoch 3 · update 120 · loss 0.4123` (`loss —` before the first update).
pub fn status_line(epoch: u64, update: u64, loss: Option<f64>) -> String {
    match loss {
        Some(l) if l.is_finite() && l.abs() < 1e6 => {
            format!("epoch {epoch} · update {update} · loss {l:.4}")
        }
        Some(l) if l.is_finite() => format!("epoch {epoch} · update {update} · loss {l:.4e}"),
        Some(_) => format!("epoch {epoch} · update {update} · loss NaN"),
        None => format!("epoch {epoch} · update {update} · loss —"),
    }
}

/// A learning rate or other small positive number, short and exact enough to read aloud.
pub fn short_number(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let a = v.abs();
    if !(1e-3..1e4).contains(&a) {
        let s = format!("{v:.1e}");
        return s.replace(".0e", "e");
    }
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// A parameter count with thin grouping: `12,345`.
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_line_has_the_fixed_format() {
        assert_eq!(
            status_line(3, 120, Some(0.41234)),
            "epoch 3 · update 120 · loss 0.4123"
        );
        assert_eq!(status_line(0, 0, None), "epoch 0 · update 0 · loss —");
        assert_eq!(
            status_line(1, 2, Some(f64::NAN)),
            "epoch 1 · update 2 · loss NaN"
        );
    }

    #[test]
    fn short_numbers_drop_trailing_zeros_and_use_exponents_when_tiny() {
        assert_eq!(short_number(0.01), "0.01");
        assert_eq!(short_number(0.001), "0.001");
        assert_eq!(short_number(0.0001), "1e-4");
        assert_eq!(short_number(5e-3), "0.005");
        assert_eq!(short_number(2.5), "2.5");
    }

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
    }
}
