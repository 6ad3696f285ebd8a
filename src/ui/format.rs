//! Number and status formats shared by every view.

use super::i18n::Lang;

/// The status line in a fixed format: `epoch 3 · update 120 · loss 0.4123` (`loss —` before
/// the first update); in Korean `에포크 3 · 업데이트 120 · 손실 0.4123`. The status element also
/// carries the numbers as attributes, for tests and scripts.
pub fn status_line(lang: Lang, epoch: u64, update: u64, loss: Option<f64>) -> String {
    let loss = match loss {
        Some(l) if l.is_finite() && l.abs() < 1e6 => format!("{l:.4}"),
        Some(l) if l.is_finite() => format!("{l:.4e}"),
        Some(_) => "NaN".into(),
        None => "—".into(),
    };
    match lang {
        Lang::En => format!("epoch {epoch} · update {update} · loss {loss}"),
        Lang::Ko => format!("에포크 {epoch} · 업데이트 {update} · 손실 {loss}"),
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
            status_line(Lang::En, 3, 120, Some(0.41234)),
            "epoch 3 · update 120 · loss 0.4123"
        );
        assert_eq!(
            status_line(Lang::En, 0, 0, None),
            "epoch 0 · update 0 · loss —"
        );
        assert_eq!(
            status_line(Lang::Ko, 0, 5, None),
            "에포크 0 · 업데이트 5 · 손실 —"
        );
        assert_eq!(
            status_line(Lang::En, 1, 2, Some(f64::NAN)),
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
