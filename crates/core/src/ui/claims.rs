//! What a guided step says will happen, checked on the live model.
//!
//! A step that states an outcome ("the loss falls", "the validation loss turns up") carries a
//! [`Claim`]; the page checks it against the session's own numbers ([`Evidence`]: the curves it
//! draws, the latest trace, how the run ended, the lesson's verdict) and shows it beside the
//! text as seen ✓ or not yet, with the numbers that decided it. Nothing here is a constant that
//! happens to be true on one run.

use super::format::short_number;
use super::i18n::Bilingual;
use crate::train::history::Series;

/// An outcome a step states, as a predicate over the live numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Claim {
    /// The training loss has fallen to at most `fraction` of the first update's loss.
    LossFalls { fraction: f64 },
    /// Overfitting: the held-out loss has risen at least 5% above its lowest value, lowest at
    /// least two evaluations back, while the training loss went on falling below what it was
    /// at that epoch.
    ValidationTurnsUp,
    /// The gradient reaching the first timestep is at least `factor` times smaller than the
    /// largest one (first layer, forward direction, the followed example).
    GradientVanishes { factor: f64 },
    /// The gradient reaching the first timestep is less than `factor` times smaller than the
    /// largest one: it arrives.
    GradientArrives { factor: f64 },
    /// The latest held-out accuracy (validation, else test) is at least `at_least`.
    HeldOutAccuracy { at_least: f64 },
    /// Early stopping ended a run and kept the weights of an earlier epoch.
    EarlyStopped,
    /// The model's test error is below the persistence forecast's ("next = last seen").
    BeatsPersistence,
    /// Greedy generation from the start token reproduces the whole text.
    Memorised,
}

/// The session's numbers a claim is checked against (what the page holds).
#[derive(Debug, Clone, Default)]
pub struct Evidence<'a> {
    /// Per-update training loss.
    pub loss: Option<&'a Series>,
    /// Per-epoch mean training loss.
    pub epoch_train_loss: Option<&'a Series>,
    /// Per-epoch held-out loss (validation, else test).
    pub epoch_val_loss: Option<&'a Series>,
    /// Per-epoch held-out accuracy.
    pub epoch_val_accuracy: Option<&'a Series>,
    /// The held-out numbers are the test split's (the lesson has no validation split).
    pub held_out_is_test: bool,
    /// ‖∂L/∂h_t‖ by timestep of the followed example (first layer, forward direction).
    pub grad_by_t: Option<Vec<f32>>,
    /// Early stopping's end of a run: `(epoch, best epoch kept)`.
    pub early_stopped: Option<(u64, u64)>,
    /// Test MSE of the model and of persistence (the series lesson).
    pub series_errors: Option<(f64, f64)>,
    /// Whether greedy generation reproduces the text (the char lesson).
    pub memorised: Option<bool>,
}

/// A claim checked: whether it holds now, and the numbers that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Check {
    /// The claim holds on the live model.
    pub holds: bool,
    /// What was measured, in both languages.
    pub said: Bilingual,
}

impl Check {
    fn new(holds: bool, en: String, ko: String) -> Check {
        Check {
            holds,
            said: Bilingual::new(en, ko),
        }
    }
}

/// How many times smaller the gradient at the first timestep is than the largest; infinite
/// when nothing arrives. `None` without a finite positive largest value.
pub fn shrink_factor(norms: &[f32]) -> Option<f64> {
    let first = f64::from(*norms.first()?);
    let max = f64::from(
        norms
            .iter()
            .copied()
            .filter(|v| v.is_finite())
            .fold(0.0f32, f32::max),
    );
    if !(first.is_finite() && max > 0.0) {
        return None;
    }
    Some(if first > 0.0 {
        max / first
    } else {
        f64::INFINITY
    })
}

/// A factor read aloud: `1,139,447` below a trillion, `3.2e15` above.
pub fn times(factor: f64) -> String {
    if !factor.is_finite() {
        "∞".into()
    } else if factor < 10.0 {
        format!("{factor:.1}")
    } else if factor < 1e12 {
        super::format::count(factor.round() as usize)
    } else {
        format!("{factor:.1e}")
    }
}

/// `(x, mean)` of every point of a series.
fn values(s: Option<&Series>) -> Vec<(u64, f64)> {
    s.map(|s| s.points().iter().map(|p| (p.x_last, p.mean)).collect())
        .unwrap_or_default()
}

/// Checks `claim` against the live numbers. With nothing measured yet it does not hold, and
/// says what is missing.
pub fn check(claim: Claim, ev: &Evidence) -> Check {
    match claim {
        Claim::LossFalls { fraction } => {
            let l = values(ev.loss);
            let (Some(&(_, first)), Some(&(u, last))) = (l.first(), l.last()) else {
                return Check::new(
                    false,
                    "No update yet: the loss is measured from the first one.".into(),
                    "아직 업데이트가 없습니다: 손실은 첫 업데이트부터 잽니다.".into(),
                );
            };
            let share = last / first;
            let holds = first.is_finite() && last.is_finite() && share <= fraction;
            let pct = format!("{:.0}%", share * 100.0);
            Check::new(
                holds,
                format!(
                    "Training loss {} at the first update, {} at update {u} ({pct} of the first).",
                    short_number(first),
                    short_number(last)
                ),
                format!(
                    "훈련 손실: 첫 업데이트 {}, 업데이트 {u}에서 {} (처음의 {pct}).",
                    short_number(first),
                    short_number(last)
                ),
            )
        }
        Claim::ValidationTurnsUp => {
            let val = values(ev.epoch_val_loss);
            let train = values(ev.epoch_train_loss);
            let Some((best_i, &(best_epoch, best))) = val
                .iter()
                .enumerate()
                .min_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
            else {
                return Check::new(
                    false,
                    "No evaluation yet: the validation loss is measured at each epoch's end."
                        .into(),
                    "아직 평가가 없습니다: 검증 손실은 에포크가 끝날 때마다 잽니다.".into(),
                );
            };
            let &(epoch, latest) = val.last().expect("not empty");
            let train_at = |e: u64| train.iter().find(|p| p.0 == e).map(|p| p.1);
            let train_fell = matches!(
                (train_at(best_epoch), train_at(epoch)),
                (Some(a), Some(b)) if b < a
            );
            let rose = latest >= best * 1.05;
            let holds = val.len() > best_i + 2 && rose && train_fell;
            Check::new(
                holds,
                format!(
                    "Validation loss: lowest {} at epoch {best_epoch}, {} at epoch {epoch}; training loss {}.",
                    short_number(best),
                    short_number(latest),
                    if train_fell { "lower than then" } else { "not lower than then" }
                ),
                format!(
                    "검증 손실: 에포크 {best_epoch}에서 가장 낮은 {}, 에포크 {epoch}에서 {}; 훈련 손실은 그때보다 {}.",
                    short_number(best),
                    short_number(latest),
                    if train_fell { "낮습니다" } else { "낮지 않습니다" }
                ),
            )
        }
        Claim::GradientVanishes { factor } | Claim::GradientArrives { factor } => {
            let Some(f) = ev.grad_by_t.as_deref().and_then(shrink_factor) else {
                return Check::new(
                    false,
                    "No gradient traced yet: press Step once.".into(),
                    "아직 추적한 기울기가 없습니다: 한 단계를 한 번 누르세요.".into(),
                );
            };
            let holds = match claim {
                Claim::GradientVanishes { .. } => f >= factor,
                _ => f < factor,
            };
            Check::new(
                holds,
                format!(
                    "‖∂L/∂h_t‖ at t = 0 is {} times smaller than its largest value.",
                    times(f)
                ),
                format!(
                    "t = 0에서 ‖∂L/∂h_t‖는 가장 큰 값보다 {}배 작습니다.",
                    times(f)
                ),
            )
        }
        Claim::HeldOutAccuracy { at_least } => {
            let acc = values(ev.epoch_val_accuracy);
            let Some(&(epoch, a)) = acc.last() else {
                return Check::new(
                    false,
                    "No accuracy yet: it is measured when an epoch ends.".into(),
                    "아직 정확도가 없습니다: 에포크가 끝날 때 잽니다.".into(),
                );
            };
            let (en, ko) = if ev.held_out_is_test {
                ("Test accuracy", "평가 정확도")
            } else {
                ("Validation accuracy", "검증 정확도")
            };
            Check::new(
                a >= at_least,
                format!(
                    "{en} {:.1}% at epoch {epoch} (the step says {:.0}% or more).",
                    a * 100.0,
                    at_least * 100.0
                ),
                format!(
                    "에포크 {epoch}의 {ko} {:.1}% (이 단계의 기준: {:.0}% 이상).",
                    a * 100.0,
                    at_least * 100.0
                ),
            )
        }
        Claim::EarlyStopped => match ev.early_stopped {
            Some((epoch, best)) => Check::new(
                best < epoch,
                format!("Early stopping ended the run at epoch {epoch} and kept epoch {best}."),
                format!("조기 종료가 에포크 {epoch}에서 실행을 끝내고 에포크 {best}의 가중치를 남겼습니다."),
            ),
            None => Check::new(
                false,
                "Early stopping has not ended this run.".into(),
                "조기 종료가 아직 이 실행을 끝내지 않았습니다.".into(),
            ),
        },
        Claim::BeatsPersistence => match ev.series_errors {
            Some((model, pers)) if model.is_finite() && pers.is_finite() => Check::new(
                model < pers,
                format!(
                    "Test MSE: model {}, persistence {}.",
                    short_number(model),
                    short_number(pers)
                ),
                format!(
                    "테스트 MSE: 모델 {}, 지속 예측 {}.",
                    short_number(model),
                    short_number(pers)
                ),
            ),
            _ => Check::new(
                false,
                "No test errors yet.".into(),
                "아직 테스트 오차가 없습니다.".into(),
            ),
        },
        Claim::Memorised => {
            let m = ev.memorised == Some(true);
            Check::new(
                m,
                if m {
                    "Greedy generation reproduces the whole text.".into()
                } else {
                    "Greedy generation does not reproduce the whole text yet.".into()
                },
                if m {
                    "탐욕적 생성이 글 전체를 그대로 만들어 냅니다.".into()
                } else {
                    "탐욕적 생성이 아직 글 전체를 만들어 내지 못합니다.".into()
                },
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(values: &[f64]) -> Series {
        let mut s = Series::new(100);
        for (i, &v) in values.iter().enumerate() {
            s.push(i as u64 + 1, v);
        }
        s
    }

    #[test]
    fn nothing_measured_holds_no_claim() {
        let ev = Evidence::default();
        for claim in [
            Claim::LossFalls { fraction: 0.5 },
            Claim::ValidationTurnsUp,
            Claim::GradientVanishes { factor: 100.0 },
            Claim::GradientArrives { factor: 100.0 },
            Claim::HeldOutAccuracy { at_least: 0.5 },
            Claim::EarlyStopped,
            Claim::BeatsPersistence,
            Claim::Memorised,
        ] {
            let c = check(claim, &ev);
            assert!(!c.holds, "{claim:?}");
            assert!(!c.said.en.is_empty() && !c.said.ko.is_empty());
        }
    }

    #[test]
    fn loss_falls_compares_the_latest_loss_with_the_first() {
        let loss = series(&[2.0, 1.5, 0.15]);
        let ev = Evidence {
            loss: Some(&loss),
            ..Evidence::default()
        };
        let c = check(Claim::LossFalls { fraction: 0.1 }, &ev);
        assert!(c.holds, "{}", c.said.en);
        assert!(c.said.en.contains("2 at the first update") && c.said.en.contains("8%"));
        assert!(!check(Claim::LossFalls { fraction: 0.05 }, &ev).holds);
    }

    #[test]
    fn validation_turns_up_only_after_a_minimum_with_the_training_loss_still_falling() {
        let train = series(&[0.69, 0.67, 0.64, 0.58, 0.51, 0.45, 0.39]);
        let turned = series(&[0.686, 0.684, 0.680, 0.678, 0.702, 0.709, 0.719]);
        let ev = Evidence {
            epoch_train_loss: Some(&train),
            epoch_val_loss: Some(&turned),
            ..Evidence::default()
        };
        let c = check(Claim::ValidationTurnsUp, &ev);
        assert!(c.holds, "{}", c.said.en);
        assert!(c.said.en.contains("epoch 4") && c.said.en.contains("epoch 7"));
        // Both falling together: no.
        let falling = series(&[0.6, 0.55, 0.5, 0.48, 0.47, 0.46, 0.45]);
        let ev = Evidence {
            epoch_val_loss: Some(&falling),
            ..ev
        };
        assert!(!check(Claim::ValidationTurnsUp, &ev).holds);
        // Up by less than 5%, or only one evaluation after the minimum: not yet.
        let small = series(&[0.70, 0.68, 0.67, 0.66, 0.67, 0.68, 0.685]);
        let ev = Evidence {
            epoch_val_loss: Some(&small),
            ..ev
        };
        assert!(!check(Claim::ValidationTurnsUp, &ev).holds);
        let just = series(&[0.70, 0.68, 0.67, 0.66, 0.65, 0.64, 0.70]);
        let ev = Evidence {
            epoch_val_loss: Some(&just),
            ..ev
        };
        assert!(!check(Claim::ValidationTurnsUp, &ev).holds);
        // The training loss rising too is not overfitting.
        let train_up = series(&[0.69, 0.67, 0.64, 0.58, 0.60, 0.62, 0.65]);
        let ev = Evidence {
            epoch_train_loss: Some(&train_up),
            epoch_val_loss: Some(&turned),
            ..ev
        };
        assert!(!check(Claim::ValidationTurnsUp, &ev).holds);
    }

    #[test]
    fn gradient_claims_read_the_shrink_factor_at_the_first_timestep() {
        let ev = Evidence {
            grad_by_t: Some(vec![1e-6, 1e-3, 1e-1, 1.0]),
            ..Evidence::default()
        };
        let v = check(Claim::GradientVanishes { factor: 100.0 }, &ev);
        assert!(
            v.holds && v.said.en.contains("1,000,000 times"),
            "{}",
            v.said.en
        );
        assert!(!check(Claim::GradientArrives { factor: 100.0 }, &ev).holds);
        let ev = Evidence {
            grad_by_t: Some(vec![0.2, 0.5, 1.0]),
            ..Evidence::default()
        };
        assert!(check(Claim::GradientArrives { factor: 100.0 }, &ev).holds);
        assert_eq!(shrink_factor(&[0.0, 1.0]), Some(f64::INFINITY));
        assert_eq!(shrink_factor(&[f32::NAN, 1.0]), None);
    }

    #[test]
    fn accuracy_early_stopping_persistence_and_memorising_read_their_numbers() {
        let acc = series(&[0.5, 0.85]);
        let ev = Evidence {
            epoch_val_accuracy: Some(&acc),
            early_stopped: Some((8, 4)),
            series_errors: Some((0.01, 0.02)),
            memorised: Some(true),
            ..Evidence::default()
        };
        assert!(check(Claim::HeldOutAccuracy { at_least: 0.8 }, &ev).holds);
        assert!(!check(Claim::HeldOutAccuracy { at_least: 0.9 }, &ev).holds);
        // Named for the split it was measured on.
        let said = check(Claim::HeldOutAccuracy { at_least: 0.8 }, &ev).said;
        assert!(
            said.en.starts_with("Validation accuracy 85.0%"),
            "{}",
            said.en
        );
        assert!(said.ko.contains("검증 정확도"), "{}", said.ko);
        let test = Evidence {
            held_out_is_test: true,
            ..ev.clone()
        };
        let said = check(Claim::HeldOutAccuracy { at_least: 0.8 }, &test).said;
        assert!(said.en.starts_with("Test accuracy 85.0%"), "{}", said.en);
        assert!(said.ko.contains("평가 정확도"), "{}", said.ko);
        assert!(check(Claim::EarlyStopped, &ev).holds);
        assert!(check(Claim::BeatsPersistence, &ev).holds);
        assert!(check(Claim::Memorised, &ev).holds);
        let ev = Evidence {
            series_errors: Some((0.03, 0.02)),
            memorised: Some(false),
            ..ev
        };
        assert!(!check(Claim::BeatsPersistence, &ev).holds);
        assert!(!check(Claim::Memorised, &ev).holds);
    }
}
