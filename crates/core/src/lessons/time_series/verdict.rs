//! What the test errors say, in one sentence: the model against persistence ("next = last
//! seen") and the training mean, read from the predictions themselves, so the sentence is
//! true of the model on screen.
//!
//! The rules, in order (the first that holds):
//! 1. [`Verdict::Unavailable`]: an error is not a finite number.
//! 2. [`Verdict::Untrained`]: the weights are the random initial ones (no update applied, no
//!    model file loaded).
//! 3. [`Verdict::Trend`]: the model does no better than persistence, the test targets leave the
//!    range of the training targets (below 0 or above 1 once MinMax-scaled on the training
//!    rows), and the output cannot follow them: a sigmoid head, or at least three quarters of
//!    the test predictions on the near side of the truth (below it for a rise).
//! 4. [`Verdict::BetterThanPersistence`]: below both baselines.
//! 5. [`Verdict::BetterThanPersistenceOnly`]: below persistence, not below the mean.
//! 6. [`Verdict::WorseThanPersistence`]: not below persistence, and the predictions lie nearer
//!    the last value seen than the truth (a copy of the last value, lagging one period).
//! 7. [`Verdict::BetterThanMeanOnly`]: below the mean only.
//! 8. [`Verdict::WorseThanBoth`].

use super::period::Period;
use super::SeriesPredictions;
use crate::ui::i18n::Bilingual;

/// Share of the test predictions on one side of the truth that reads as "lagging".
pub const LAGGING_SHARE: f64 = 0.75;

/// What the errors of the model and the baselines say.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// An error is not a finite number: nothing to say.
    Unavailable,
    /// No update applied yet: the predictions come from the initial weights.
    Untrained,
    /// The test targets leave the training range and the output does not follow them.
    Trend {
        /// The targets rise above the training maximum (else fall below the minimum).
        rising: bool,
        /// The head's sigmoid bounds the output to the training range.
        sigmoid: bool,
        /// The farthest test target on the 0–1 scale of the training rows.
        reach: f64,
        /// Share of the test predictions on the near side of the truth.
        behind: f64,
        /// Model MSE ÷ persistence MSE (≥ 1).
        ratio: f64,
    },
    /// Below both baselines: how many times smaller.
    BetterThanPersistence {
        /// Persistence MSE ÷ model MSE.
        persistence: f64,
        /// Mean MSE ÷ model MSE.
        mean: f64,
    },
    /// Below persistence, not below the training mean.
    BetterThanPersistenceOnly {
        /// Persistence MSE ÷ model MSE (> 1).
        persistence: f64,
        /// Model MSE ÷ mean MSE (≥ 1).
        mean: f64,
    },
    /// Not below persistence, the predictions nearer the last value than the truth.
    WorseThanPersistence {
        /// Model MSE ÷ persistence MSE (≥ 1).
        ratio: f64,
        /// How far a copy of the last value lags.
        period: Period,
    },
    /// Below the training mean, not below persistence.
    BetterThanMeanOnly {
        /// Mean MSE ÷ model MSE (> 1).
        mean: f64,
        /// Model MSE ÷ persistence MSE (≥ 1).
        persistence: f64,
    },
    /// Not below either baseline.
    WorseThanBoth {
        /// Model MSE ÷ persistence MSE (≥ 1).
        persistence: f64,
        /// Model MSE ÷ mean MSE (≥ 1).
        mean: f64,
    },
}

fn mean_square(v: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = v.fold((0.0, 0usize), |(s, n), x| (s + x * x, n + 1));
    sum / n.max(1) as f64
}

impl Verdict {
    /// The verdict on `p` (the rules are in the module's documentation).
    pub fn of(p: &SeriesPredictions) -> Verdict {
        let (m, pers, mean) = (
            p.test_mse_scaled,
            p.persistence_mse_scaled,
            p.baseline_mse_scaled,
        );
        if !(m.is_finite() && pers.is_finite() && mean.is_finite()) {
            return Verdict::Unavailable;
        }
        if !p.trained {
            return Verdict::Untrained;
        }
        let test = p.split.min(p.truth.len())..p.truth.len().min(p.predicted.len());
        let errors = || test.clone().map(|i| p.predicted[i] - p.truth[i]);
        if m >= pers {
            if let Some(trend) = trend(p, errors(), m / pers) {
                return trend;
            }
        }
        if m < pers && m < mean {
            return Verdict::BetterThanPersistence {
                persistence: pers / m,
                mean: mean / m,
            };
        }
        if m < pers {
            return Verdict::BetterThanPersistenceOnly {
                persistence: pers / m,
                mean: m / mean,
            };
        }
        // Nearer the last value seen than the truth: a copy of the last value.
        let to_last = mean_square(test.clone().map(|i| p.predicted[i] - p.persistence[i]));
        if !test.is_empty() && to_last < mean_square(errors()) {
            return Verdict::WorseThanPersistence {
                ratio: m / pers,
                period: Period::of(&p.times),
            };
        }
        if m < mean {
            Verdict::BetterThanMeanOnly {
                mean: mean / m,
                persistence: m / pers,
            }
        } else {
            Verdict::WorseThanBoth {
                persistence: m / pers,
                mean: m / mean,
            }
        }
    }

    /// The case's name, for `data-verdict` and end-to-end tests.
    pub fn key(&self) -> &'static str {
        match self {
            Verdict::Unavailable => "none",
            Verdict::Untrained => "untrained",
            Verdict::Trend { .. } => "trend",
            Verdict::BetterThanPersistence { .. } => "better-than-persistence",
            Verdict::BetterThanPersistenceOnly { .. } => "better-than-persistence-only",
            Verdict::WorseThanPersistence { .. } => "worse-than-persistence",
            Verdict::BetterThanMeanOnly { .. } => "better-than-mean-only",
            Verdict::WorseThanBoth { .. } => "worse-than-both",
        }
    }

    /// The sentence, in both languages (empty when [`Verdict::Unavailable`]).
    pub fn sentence(&self) -> Bilingual {
        match *self {
            Verdict::Unavailable => Bilingual::default(),
            Verdict::Untrained => Bilingual::new(
                "The model has not been trained yet: these predictions come from its random initial weights. Train it, then compare its error with persistence and the training mean.",
                "모델은 아직 훈련되지 않았습니다: 이 예측은 무작위 초기 가중치에서 나옵니다. 훈련한 뒤 오차를 지속 예측, 훈련 평균과 비교해 보세요.",
            ),
            Verdict::Trend {
                rising,
                sigmoid,
                reach,
                behind,
                ratio,
            } => {
                let share = (behind * 100.0).round();
                let (en_where, ko_where) = if rising {
                    (
                        format!("rise above every training value (up to {reach:.2} on the 0–1 scale fitted on the training rows)"),
                        format!("훈련 구간의 모든 값보다 커집니다 (훈련 행에 맞춘 0–1 스케일로 최대 {reach:.2})"),
                    )
                } else {
                    (
                        format!("fall below every training value (down to {reach:.2} on the 0–1 scale fitted on the training rows)"),
                        format!("훈련 구간의 모든 값보다 작아집니다 (훈련 행에 맞춘 0–1 스케일로 최소 {reach:.2})"),
                    )
                };
                let (en_bound, ko_bound) = match (sigmoid, rising) {
                    (true, true) => (
                        "its sigmoid output stops at 1, the training maximum".to_string(),
                        "시그모이드 출력은 훈련 최댓값인 1을 넘지 못합니다".to_string(),
                    ),
                    (true, false) => (
                        "its sigmoid output stops at 0, the training minimum".to_string(),
                        "시그모이드 출력은 훈련 최솟값인 0 아래로 내려가지 못합니다".to_string(),
                    ),
                    (false, true) => (
                        format!("{share}% of its test predictions are below the truth"),
                        format!("테스트 예측의 {share}%가 실제 값보다 낮습니다"),
                    ),
                    (false, false) => (
                        format!("{share}% of its test predictions are above the truth"),
                        format!("테스트 예측의 {share}%가 실제 값보다 높습니다"),
                    ),
                };
                let (en_trend, ko_trend) = if rising {
                    ("rising", "상승")
                } else {
                    ("falling", "하락")
                };
                Bilingual::new(
                    format!("The test values {en_where}; {en_bound}. The model cannot reach values it never saw in training, so it lags the {en_trend} trend: its error is {ratio:.1}× persistence's."),
                    format!("테스트 값이 {ko_where}. {ko_bound}. 모델은 훈련에서 본 적 없는 값에 닿지 못하므로 {ko_trend} 추세를 뒤따라갑니다: 오차가 지속 예측의 {ratio:.1}배입니다."),
                )
            }
            Verdict::BetterThanPersistence { persistence, mean } => Bilingual::new(
                format!("The model's error is {persistence:.1}× smaller than persistence and {mean:.1}× smaller than the training mean: it learned more than copying the last value."),
                format!("모델이 지속 예측보다 {persistence:.1}배, 훈련 평균보다 {mean:.1}배 작은 오차를 냅니다: 마지막 값을 베끼는 것보다 많은 것을 배웠습니다."),
            ),
            Verdict::BetterThanPersistenceOnly { persistence, mean } => Bilingual::new(
                format!("The model's error is {persistence:.1}× smaller than persistence but {mean:.1}× the training mean's: on this series the next value is nearer the average than the last one, and the model has not learned more than that."),
                format!("모델의 오차는 지속 예측보다 {persistence:.1}배 작지만 훈련 평균의 {mean:.1}배입니다: 이 시계열에서는 다음 값이 마지막 값보다 평균에 가깝고, 모델은 그 이상을 배우지 못했습니다."),
            ),
            Verdict::WorseThanPersistence { ratio, period } => {
                let one = period.one();
                Bilingual::new(
                    format!("Persistence (\"next = last seen\") is as good as the model or better (the model's error is {ratio:.1}× persistence's), and the model's predictions lie nearer the last value seen than the truth: it has learned little more than to copy the last value, which is why its curve looks shifted {} to the right.", one.en),
                    format!("지속 예측(\"다음 값 = 마지막으로 본 값\")이 모델보다 낫거나 같고 (모델의 오차는 지속 예측의 {ratio:.1}배), 모델의 예측은 실제 값보다 마지막으로 본 값에 가깝습니다: 모델은 마지막 값을 베끼는 것 이상을 거의 배우지 못했고, 그래서 예측이 {} 오른쪽으로 밀려 보입니다.", one.ko),
                )
            }
            Verdict::BetterThanMeanOnly { mean, persistence } => Bilingual::new(
                format!("The model's error is {mean:.1}× smaller than the training mean's but {persistence:.1}× persistence's: it has learned the level of the series, not yet enough to beat copying the last value."),
                format!("모델의 오차는 훈련 평균보다 {mean:.1}배 작지만 지속 예측의 {persistence:.1}배입니다: 시계열의 수준은 배웠지만 아직 마지막 값을 베끼는 것보다 낫지 않습니다."),
            ),
            Verdict::WorseThanBoth { persistence, mean } => Bilingual::new(
                format!("The model's error is {persistence:.1}× persistence's and {mean:.1}× the training mean's: it does worse than both simple guesses and has not learned this series yet (train longer, or try another learning rate or window)."),
                format!("모델의 오차가 지속 예측의 {persistence:.1}배, 훈련 평균의 {mean:.1}배입니다: 두 단순한 추측보다 못하니 아직 이 시계열을 배우지 못했습니다 (더 오래 훈련하거나 학습률이나 윈도를 바꿔 보세요)."),
            ),
        }
    }
}

/// Rule 3: the test targets out of the training range, the output not following them.
fn trend(p: &SeriesPredictions, errors: impl Iterator<Item = f64>, ratio: f64) -> Option<Verdict> {
    let (lo, hi) = p.test_scaled_range;
    let (above, below) = (hi - 1.0, -lo);
    if !(above > 0.0 || below > 0.0) {
        return None;
    }
    let rising = above >= below;
    let (mut near, mut n) = (0usize, 0usize);
    for e in errors {
        n += 1;
        if (rising && e < 0.0) || (!rising && e > 0.0) {
            near += 1;
        }
    }
    let behind = near as f64 / n.max(1) as f64;
    (p.sigmoid || (n > 0 && behind >= LAGGING_SHARE)).then_some(Verdict::Trend {
        rising,
        sigmoid: p.sigmoid,
        reach: if rising { hi } else { lo },
        behind,
        ratio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Predictions of `truth` (test rows from `split`) by `predicted`, with the MSEs computed
    /// from them in units where the training range is 0–`range`.
    fn preds(truth: &[f64], predicted: &[f64], split: usize, train_mean: f64) -> SeriesPredictions {
        let n = truth.len();
        let mse = |f: &dyn Fn(usize) -> f64| {
            (split..n).map(|i| (f(i) - truth[i]).powi(2)).sum::<f64>() / (n - split) as f64
        };
        let persistence: Vec<f64> = (0..n)
            .map(|i| if i == 0 { truth[0] } else { truth[i - 1] })
            .collect();
        let test = &truth[split..];
        let lo = test.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = test.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        SeriesPredictions {
            target: "y".into(),
            features: vec!["y".into()],
            times: (0..n).map(|i| format!("{}", 1900 + i)).collect(),
            truth: truth.to_vec(),
            predicted: predicted.to_vec(),
            persistence: persistence.clone(),
            validation_start: split,
            split,
            test_mse_scaled: mse(&|i| predicted[i]),
            test_rmse: 0.0,
            test_mae: 0.0,
            baseline_mse_scaled: mse(&|_| train_mean),
            persistence_mse_scaled: mse(&|i| persistence[i]),
            rows: (n, 0),
            updates: 100,
            trained: true,
            sigmoid: false,
            // Truth in scaled units already: the training range is 0–1.
            test_scaled_range: (lo, hi),
        }
    }

    /// A wave inside the training range: 0.5 ± 0.4.
    fn wave(n: usize) -> Vec<f64> {
        (0..n).map(|i| 0.5 + 0.4 * (i as f64 * 0.7).sin()).collect()
    }

    /// A slow wave: persistence is a good guess.
    fn slow_wave(n: usize) -> Vec<f64> {
        (0..n).map(|i| 0.5 + 0.4 * (i as f64 * 0.2).sin()).collect()
    }

    #[test]
    fn before_any_update_the_model_is_untrained_whatever_its_errors() {
        let truth = wave(40);
        let mut p = preds(&truth, &truth, 30, 0.5);
        (p.updates, p.trained) = (0, false);
        assert_eq!(Verdict::of(&p), Verdict::Untrained);
        assert_eq!(Verdict::of(&p).key(), "untrained");
        assert!(Verdict::of(&p).sentence().en.contains("not been trained"));
        (p.updates, p.trained) = (1, true);
        assert_ne!(Verdict::of(&p), Verdict::Untrained);
        // Weights loaded from a model file are trained, at update 0 of this page.
        (p.updates, p.trained) = (0, true);
        assert_ne!(Verdict::of(&p), Verdict::Untrained);
    }

    #[test]
    fn errors_that_are_not_numbers_say_nothing() {
        let truth = wave(40);
        let mut p = preds(&truth, &truth, 30, 0.5);
        p.test_mse_scaled = f64::NAN;
        assert_eq!(Verdict::of(&p), Verdict::Unavailable);
        assert_eq!(Verdict::of(&p).sentence(), Bilingual::default());
        assert_eq!(Verdict::of(&p).key(), "none");
    }

    /// A rising line: training 0–1, test up to 1.5; the model stays near the top of its range.
    fn rising(predicted: impl Fn(f64) -> f64) -> SeriesPredictions {
        let truth: Vec<f64> = (0..60).map(|i| i as f64 / 39.0).collect();
        let pred: Vec<f64> = truth.iter().map(|&t| predicted(t)).collect();
        preds(&truth, &pred, 40, 0.5)
    }

    #[test]
    fn a_model_under_a_rising_trend_lags_it() {
        // Like the weekly CO2: the model saturates near the training maximum.
        let p = rising(|t| t.min(0.95));
        assert!(p.test_scaled_range.1 > 1.0);
        let v = Verdict::of(&p);
        let Verdict::Trend {
            rising,
            sigmoid,
            reach,
            behind,
            ratio,
        } = v
        else {
            panic!("{v:?}");
        };
        assert!(rising && !sigmoid);
        assert!((reach - 59.0 / 39.0).abs() < 1e-9);
        assert_eq!(behind, 1.0);
        assert!(ratio > 6.0, "{ratio}");
        assert_eq!(v.key(), "trend");
        let s = v.sentence();
        assert!(s.en.contains("never saw in training"), "{}", s.en);
        assert!(
            s.en.contains("rising trend")
                && s.en.contains("100% of its test predictions are below")
        );
        assert!(s.ko.contains("상승 추세"), "{}", s.ko);
    }

    #[test]
    fn a_sigmoid_head_cannot_follow_a_trend_out_of_range_even_when_errors_change_sign() {
        // One test value above the training range; the errors change sign, so by the signs
        // the model does not lag, but a sigmoid cannot reach 1.2.
        let mut truth = slow_wave(60);
        truth[59] = 1.2;
        let pred: Vec<f64> = truth
            .iter()
            .enumerate()
            .map(|(i, &t)| (t + if i % 2 == 0 { 0.3 } else { -0.3 }).clamp(0.0, 1.0))
            .collect();
        let mut p = preds(&truth, &pred, 40, 0.5);
        assert!(p.test_mse_scaled >= p.persistence_mse_scaled);
        assert!(!matches!(Verdict::of(&p), Verdict::Trend { .. }));
        p.sigmoid = true;
        let v = Verdict::of(&p);
        assert!(
            matches!(
                v,
                Verdict::Trend {
                    sigmoid: true,
                    rising: true,
                    ..
                }
            ),
            "{v:?}"
        );
        assert!(v.sentence().en.contains("sigmoid output stops at 1"));
        assert!(v.sentence().ko.contains("시그모이드"));
    }

    #[test]
    fn a_falling_trend_is_named_falling() {
        let truth: Vec<f64> = (0..60).map(|i| 1.0 - i as f64 / 39.0).collect();
        let pred: Vec<f64> = truth.iter().map(|&t| t.max(0.05)).collect();
        let p = preds(&truth, &pred, 40, 0.5);
        let v = Verdict::of(&p);
        assert!(matches!(v, Verdict::Trend { rising: false, .. }), "{v:?}");
        assert!(v.sentence().en.contains("falling trend"));
        assert!(v.sentence().en.contains("above the truth"));
    }

    #[test]
    fn a_model_that_follows_a_trend_out_of_range_is_judged_by_its_errors() {
        // Out of the training range, but a linear head that extrapolates beats persistence.
        let p = rising(|t| t + 0.001);
        assert!(p.test_scaled_range.1 > 1.0);
        let v = Verdict::of(&p);
        assert_eq!(v.key(), "better-than-persistence", "{v:?}");
    }

    #[test]
    fn a_model_better_than_both_baselines_gives_the_ratios() {
        let truth = wave(60);
        let pred: Vec<f64> = truth.iter().map(|t| t + 0.01).collect();
        let p = preds(&truth, &pred, 40, 0.5);
        let v = Verdict::of(&p);
        let Verdict::BetterThanPersistence { persistence, mean } = v else {
            panic!("{v:?}");
        };
        assert!((persistence - p.persistence_mse_scaled / p.test_mse_scaled).abs() < 1e-9);
        assert!((mean - p.baseline_mse_scaled / p.test_mse_scaled).abs() < 1e-9);
        assert!(v
            .sentence()
            .en
            .contains(&format!("{persistence:.1}× smaller than persistence")));
        assert!(v.sentence().ko.contains(&format!("{mean:.1}배")));
    }

    #[test]
    fn a_model_that_copies_the_last_value_lags_one_period() {
        // Predictions = the last value seen.
        let truth = wave(60);
        let pred: Vec<f64> = (0..60).map(|i| truth[i.max(1) - 1]).collect();
        let p = preds(&truth, &pred, 40, 0.5);
        let v = Verdict::of(&p);
        assert!(
            matches!(
                v,
                Verdict::WorseThanPersistence {
                    period: Period::Year,
                    ..
                }
            ),
            "{v:?}"
        );
        assert_eq!(v.key(), "worse-than-persistence");
        assert!(v.sentence().en.contains("shifted one year to the right"));
        assert!(v.sentence().ko.contains("한 해 오른쪽으로"));
        let mut weekly = p.clone();
        // Weekly dates (the CO2 table's first weeks): one week.
        let co2 = crate::data::table::Table::parse_text(
            "co2.csv",
            super::super::ShippedTable::Co2.text().unwrap(),
        )
        .unwrap();
        let days = co2.time_labels()[..60].to_vec();
        assert_eq!(Period::of(&days), Period::Week);
        weekly.times = days;
        let v = Verdict::of(&weekly);
        assert!(v.sentence().en.contains("shifted one week to the right"));
        assert!(v.sentence().ko.contains("한 주 오른쪽으로"));
    }

    #[test]
    fn a_model_between_the_baselines_learned_the_level_only() {
        // A slow wave: persistence is very good, the mean poor; the model is a damped guess,
        // between the two and not a copy of the last value.
        let truth: Vec<f64> = (0..60)
            .map(|i| 0.5 + 0.4 * (i as f64 * 0.2).sin())
            .collect();
        let pred: Vec<f64> = truth.iter().map(|&t| 0.5 + 0.6 * (t - 0.5)).collect();
        let p = preds(&truth, &pred, 40, 0.5);
        assert!(p.test_mse_scaled >= p.persistence_mse_scaled);
        assert!(p.test_mse_scaled < p.baseline_mse_scaled);
        let v = Verdict::of(&p);
        assert_eq!(v.key(), "better-than-mean-only", "{v:?}");
        assert!(v.sentence().en.contains("smaller than the training mean's"));
    }

    #[test]
    fn a_model_worse_than_both_baselines_has_not_learned_the_series() {
        let truth = wave(60);
        let pred: Vec<f64> = truth
            .iter()
            .enumerate()
            .map(|(i, &t)| t + if i % 2 == 0 { 0.35 } else { -0.35 })
            .collect();
        let p = preds(&truth, &pred, 40, 0.5);
        let v = Verdict::of(&p);
        let Verdict::WorseThanBoth { persistence, mean } = v else {
            panic!("{v:?}");
        };
        assert!(persistence >= 1.0 && mean >= 1.0);
        assert!(v.sentence().en.contains("worse than both"));
        assert!(v.sentence().ko.contains("배우지 못했습니다"));
    }

    #[test]
    fn on_a_noisy_series_a_model_can_beat_persistence_but_not_the_mean() {
        // Alternating values: the last value is the worst guess, the mean the best.
        let truth: Vec<f64> = (0..60)
            .map(|i| if i % 2 == 0 { 0.2 } else { 0.8 })
            .collect();
        let pred = vec![0.6; 60];
        let p = preds(&truth, &pred, 40, 0.5);
        let v = Verdict::of(&p);
        let Verdict::BetterThanPersistenceOnly { persistence, mean } = v else {
            panic!("{v:?}");
        };
        assert!(persistence > 1.0 && mean >= 1.0);
        assert_eq!(v.key(), "better-than-persistence-only");
    }
}
