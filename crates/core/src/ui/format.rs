//! Number and status formats shared by every view.

use super::i18n::Lang;

/// The status line in a fixed format: `epoch 3 / 10 · update 120 · loss 0.4123` (`loss —`
/// before the first update); in Korean `에포크 3 / 10 · 업데이트 120 · 손실 0.4123`. `run` is
/// the run's length while the epoch has not passed it (`None`: until paused, or continued past
/// it); `done` adds `· done` (`· 완료`). The status element also carries the numbers as
/// attributes, for tests and scripts.
pub fn status_line(
    lang: Lang,
    epoch: u64,
    update: u64,
    loss: Option<f64>,
    run: Option<u64>,
    done: bool,
) -> String {
    let loss = match loss {
        Some(l) if l.is_finite() && l.abs() < 1e6 => format!("{l:.4}"),
        Some(l) if l.is_finite() => format!("{l:.4e}"),
        Some(_) => "NaN".into(),
        None => "—".into(),
    };
    let of = match run {
        Some(n) if epoch <= n => format!(" / {n}"),
        _ => String::new(),
    };
    let (e, u, l, d) = match lang {
        Lang::En => ("epoch", "update", "loss", "done"),
        Lang::Ko => ("에포크", "업데이트", "손실", "완료"),
    };
    let done = if done {
        format!(" · {d}")
    } else {
        String::new()
    };
    format!("{e} {epoch}{of}{done} · {u} {update} · {l} {loss}")
}

/// The time a run still needs, rounded as said aloud: `about 40 s left`, `about 3 min left`
/// (`약 40초 남음`, `약 3분 남음`).
pub fn time_left(lang: Lang, seconds: f64) -> String {
    match lang {
        Lang::En => format!("about {} left", duration(lang, seconds)),
        Lang::Ko => format!("약 {} 남음", duration(lang, seconds)),
    }
}

/// A duration rounded as said aloud: `40 s`, `3 min`, `1.5 h` (`40초`, `3분`, `1.5시간`).
fn duration(lang: Lang, seconds: f64) -> String {
    let s = seconds.max(0.0);
    let (n, en, ko) = if s < 90.0 {
        (s.ceil().max(1.0), "s", "초")
    } else if s < 90.0 * 60.0 {
        ((s / 60.0).round(), "min", "분")
    } else {
        ((s / 3600.0 * 10.0).round() / 10.0, "h", "시간")
    };
    match lang {
        Lang::En => format!("{n} {en}"),
        Lang::Ko => format!("{n}{ko}"),
    }
}

/// A run's whole length, and how long it takes on this device once its speed is measured:
/// `Full run: 2 epochs × 120 updates, about 3 min here` (`전체 실행: 2 에포크 × 업데이트
/// 120번, 이 기기에서 약 3분`). `examples` is the training split's size and `batch` the batch
/// size (an epoch's last, shorter batch is one update too); `examples_per_second` the measured
/// training speed, `None` before any has been measured.
pub fn run_length(
    lang: Lang,
    epochs: u64,
    examples: usize,
    batch: usize,
    examples_per_second: Option<f64>,
) -> String {
    let updates = examples.div_ceil(batch.max(1));
    let (epoch_word, update_word) = (
        if epochs == 1 { "epoch" } else { "epochs" },
        if updates == 1 { "update" } else { "updates" },
    );
    let time = examples_per_second
        .filter(|v| v.is_finite() && *v > 0.0)
        .map(|eps| duration(lang, epochs as f64 * examples as f64 / eps));
    match (lang, time) {
        (Lang::En, Some(t)) => format!(
            "Full run: {epochs} {epoch_word} × {} {update_word}, about {t} here",
            count(updates)
        ),
        (Lang::En, None) => format!(
            "Full run: {epochs} {epoch_word} × {} {update_word} (its time here shows once it has trained)",
            count(updates)
        ),
        (Lang::Ko, Some(t)) => format!(
            "전체 실행: {epochs} 에포크 × 업데이트 {}번, 이 기기에서 약 {t}",
            count(updates)
        ),
        (Lang::Ko, None) => format!(
            "전체 실행: {epochs} 에포크 × 업데이트 {}번 (걸리는 시간은 학습을 시작하면 나옵니다)",
            count(updates)
        ),
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

/// A chart marker's label (`train::history::Marker::what`, written by the session in English)
/// in `lang`: the session's phrases are translated, numbers and names kept.
pub fn marker_label(what: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return what.to_string();
    }
    if let Some(n) = what
        .strip_prefix("early stop: weights of epoch ")
        .and_then(|r| r.strip_suffix(" restored"))
    {
        return format!("조기 종료: 에포크 {n}의 가중치로 되돌림");
    }
    if let Some(x) = what
        .strip_prefix("diverged (")
        .and_then(|r| r.strip_suffix("): weights restored"))
    {
        let x = match x {
            "loss" => "손실",
            "gradients" => "기울기",
            "weights" => "가중치",
            other => other,
        };
        return format!("발산 ({x}): 가중치 되돌림");
    }
    // Longer phrases first: "input dropout" before "dropout", "learning-rate decay" before "lr".
    const PHRASES: &[(&str, &str)] = &[
        ("model imported (new architecture)", "모델 가져옴 (새 구조)"),
        ("model imported", "모델 가져옴"),
        ("learning-rate decay", "학습률 감소"),
        ("early stopping", "조기 종료"),
        ("run length", "학습 길이"),
        ("input dropout", "입력 드롭아웃"),
        ("dropout", "드롭아웃"),
        ("truncated BPTT", "잘린 BPTT"),
        ("clipping", "클리핑"),
        ("batch", "배치"),
        ("shuffle", "섞기"),
        ("settings", "설정"),
        ("lr ", "학습률 "),
        ("off", "끔"),
        ("true", "켬"),
        ("false", "끔"),
    ];
    let mut out = what.to_string();
    for (en, ko) in PHRASES {
        out = out.replace(en, ko);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_markers_read_in_korean() {
        let said = [
            ("lr 0.01 → 0.001", "학습률 0.01 → 0.001"),
            ("input dropout 0 → 0.3", "입력 드롭아웃 0 → 0.3"),
            ("dropout 0.2 → 0", "드롭아웃 0.2 → 0"),
            ("clipping off → 5", "클리핑 끔 → 5"),
            ("truncated BPTT 20 → off", "잘린 BPTT 20 → 끔"),
            ("shuffle true → false", "섞기 켬 → 끔"),
            ("adam settings", "adam 설정"),
            ("learning-rate decay", "학습률 감소"),
            (
                "early stop: weights of epoch 4 restored",
                "조기 종료: 에포크 4의 가중치로 되돌림",
            ),
            (
                "diverged (gradients): weights restored",
                "발산 (기울기): 가중치 되돌림",
            ),
            ("model imported (new architecture)", "모델 가져옴 (새 구조)"),
        ];
        for (en, ko) in said {
            assert_eq!(marker_label(en, Lang::Ko), ko);
            assert_eq!(marker_label(en, Lang::En), en);
        }
    }

    #[test]
    fn status_line_has_the_fixed_format() {
        assert_eq!(
            status_line(Lang::En, 3, 120, Some(0.41234), None, false),
            "epoch 3 · update 120 · loss 0.4123"
        );
        assert_eq!(
            status_line(Lang::En, 0, 0, None, None, false),
            "epoch 0 · update 0 · loss —"
        );
        assert_eq!(
            status_line(Lang::Ko, 0, 5, None, None, false),
            "에포크 0 · 업데이트 5 · 손실 —"
        );
        assert_eq!(
            status_line(Lang::En, 1, 2, Some(f64::NAN), None, false),
            "epoch 1 · update 2 · loss NaN"
        );
    }

    #[test]
    fn status_line_counts_epochs_against_the_run_and_says_when_it_is_done() {
        assert_eq!(
            status_line(Lang::En, 1, 120, Some(0.5), Some(2), false),
            "epoch 1 / 2 · update 120 · loss 0.5000"
        );
        assert_eq!(
            status_line(Lang::En, 2, 240, Some(0.25), Some(2), true),
            "epoch 2 / 2 · done · update 240 · loss 0.2500"
        );
        assert_eq!(
            status_line(Lang::Ko, 2, 240, None, Some(2), true),
            "에포크 2 / 2 · 완료 · 업데이트 240 · 손실 —"
        );
        // Continued past the run's end: no "/ 2" under a larger epoch.
        assert_eq!(
            status_line(Lang::En, 3, 360, None, Some(2), false),
            "epoch 3 · update 360 · loss —"
        );
    }

    #[test]
    fn run_length_counts_updates_and_says_the_time_once_measured() {
        // The MNIST course preset: 12,000 digits in batches of 100, 2 epochs.
        assert_eq!(
            run_length(Lang::En, 2, 12_000, 100, None),
            "Full run: 2 epochs × 120 updates (its time here shows once it has trained)"
        );
        assert_eq!(
            run_length(Lang::En, 2, 12_000, 100, Some(200.0)),
            "Full run: 2 epochs × 120 updates, about 2 min here"
        );
        assert_eq!(
            run_length(Lang::Ko, 301, 200, 20, Some(4000.0)),
            "전체 실행: 301 에포크 × 업데이트 10번, 이 기기에서 약 16초"
        );
        // A last, shorter batch is an update too; a speed of 0 is not a measurement.
        assert!(run_length(Lang::En, 1, 1001, 100, Some(0.0)).contains("1 epoch × 11 updates ("));
        // The char course: the sentence is one batch.
        assert!(run_length(Lang::En, 1000, 1, 1, Some(2000.0))
            .starts_with("Full run: 1000 epochs × 1 update, about 1 s"));
    }

    #[test]
    fn time_left_reads_aloud_in_seconds_minutes_or_hours() {
        assert_eq!(time_left(Lang::En, 39.2), "about 40 s left");
        assert_eq!(time_left(Lang::En, 0.2), "about 1 s left");
        assert_eq!(time_left(Lang::En, 200.0), "about 3 min left");
        assert_eq!(time_left(Lang::Ko, 200.0), "약 3분 남음");
        assert_eq!(time_left(Lang::En, 9000.0), "about 2.5 h left");
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
