//! Guided lessons: short steps that follow the course, each about one part of the screen, some
//! asking the class to predict before running and answering from the live model.
//!
//! A lesson's steps live with the lesson (`Lesson::tour`); this module holds the step type and
//! reads the answers of "predict, then see" questions from an inspection.

use super::claims::Claim;
use super::i18n::{Bilingual, Tr};
use crate::nn::Gate;
use crate::train::Inspection;
use crate::ui::inside::vanishing_factor;

/// State a step sets when it is shown (the class sees what the text talks about).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StepSet {
    /// Switch to this preset (its id), unless it is already open.
    pub preset: Option<&'static str>,
    /// Move the inside views to this timestep.
    pub timestep: Option<usize>,
    /// Pick this hidden unit.
    pub unit: Option<usize>,
    /// Follow this example of the lesson's picker.
    pub example: Option<usize>,
}

impl StepSet {
    /// A step that sets nothing.
    pub const NONE: StepSet = StepSet {
        preset: None,
        timestep: None,
        unit: None,
        example: None,
    };
}

/// What a question's answer is read from, on the live model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reveal {
    /// The mean activation of a gate over the units, at the first timestep whose input is
    /// `label` (first layer, forward direction). Choice 0 is "mostly closed" (below 0.35),
    /// choice 1 "in between", choice 2 "mostly open" (0.65 or more).
    GateAt {
        /// The gate (of the lesson's cell; another cell's trace has no answer).
        gate: Gate,
        /// The input's label (`␣` for a space).
        label: &'static str,
    },
    /// How many times smaller the gradient reaching the first timestep is than the largest.
    /// Choice 0 is "about the same", choice 1 "much smaller" (100× or more).
    Vanishing,
}

/// A question asked before running.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ask {
    /// The question.
    pub question: Tr,
    /// The answers offered (as many as the reveal tells apart).
    pub choices: &'static [Tr],
    /// Where the right one is read from.
    pub reveal: Reveal,
}

/// One step of a guided lesson.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TourStep {
    /// A few words.
    pub title: Tr,
    /// Two to four sentences.
    pub text: Tr,
    /// `data-testid` of the part of the page the step is about (ringed); `a|b` rings `b` until
    /// `a` is drawn.
    pub target: &'static str,
    /// State the step sets.
    pub set: StepSet,
    /// What the class does now (press Step, change the cell…), if anything.
    pub action: Option<Tr>,
    /// A question to answer before running, if any.
    pub ask: Option<Ask>,
    /// The outcome the step states, checked on the live model (seen ✓ / not yet).
    pub claim: Option<Claim>,
}

impl TourStep {
    /// A step with text and a target only.
    pub const fn new(title: Tr, text: Tr, target: &'static str) -> TourStep {
        TourStep {
            title,
            text,
            target,
            set: StepSet::NONE,
            action: None,
            ask: None,
            claim: None,
        }
    }
}

/// The preset open at step `n` of a tour followed from its start: the last one a step up to `n`
/// opens (what a link to step `n` opens when it names no preset).
pub fn preset_at(steps: &[TourStep], n: usize) -> Option<&'static str> {
    steps.iter().take(n + 1).rev().find_map(|s| s.set.preset)
}

/// The answer read from the live model: the measured value, the index of the right choice,
/// and a sentence saying what was measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// The measured value.
    pub value: f64,
    /// Which choice it makes right.
    pub right: usize,
    /// What was measured, in both languages.
    pub said: Bilingual,
}

/// Reads a question's answer from an inspection; `None` when the trace does not have it (no
/// such gate in this cell, no such input).
pub fn answer(reveal: Reveal, insp: &Inspection) -> Option<Answer> {
    match reveal {
        Reveal::GateAt { gate, label } => {
            let t = insp
                .input_labels
                .iter()
                .position(|l| l == label || (label == "␣" && l == " "))?;
            let dir = insp.forward.directions.first()?;
            let g = dir.steps.get(t)?.gate(gate)?;
            let units = g.activation.cols;
            let values: Vec<f64> = (0..units)
                .filter_map(|u| g.activation.get(0, u))
                .map(f64::from)
                .collect();
            let mean = values.iter().sum::<f64>() / units.max(1) as f64;
            let open = values.iter().filter(|&&v| v >= 0.65).count();
            let closed = values.iter().filter(|&&v| v < 0.35).count();
            let right = if mean < 0.35 {
                0
            } else if mean < 0.65 {
                1
            } else {
                2
            };
            let name = super::glossary::gate(gate);
            Some(Answer {
                value: mean,
                right,
                said: Bilingual::new(
                    format!("At t = {t} (input “{label}”) the {} is {mean:.2} on average over the {units} units: {open} above 0.65, {closed} below 0.35.", name.en),
                    format!("t = {t} (입력 “{label}”)에서 {}의 유닛 {units}개 평균은 {mean:.2}입니다: 0.65 이상 {open}개, 0.35 미만 {closed}개.", name.ko),
                ),
            })
        }
        Reveal::Vanishing => {
            let norms: Vec<f32> = insp
                .backward
                .directions
                .first()?
                .steps
                .iter()
                .map(|s| s.dh_norm)
                .collect();
            let first = f64::from(*norms.first()?);
            let max = norms.iter().copied().fold(0.0f32, f32::max);
            let factor = vanishing_factor(&norms).unwrap_or_else(|| {
                if first > 0.0 {
                    f64::from(max) / first
                } else {
                    1.0
                }
            });
            // 1,139,447 reads aloud; past a trillion, 3.2e15.
            let times = if factor < 1e12 {
                crate::ui::format::count(factor.round() as usize)
            } else {
                format!("{factor:.1e}")
            };
            Some(Answer {
                value: factor,
                right: usize::from(factor >= 100.0),
                said: Bilingual::new(
                    format!("‖∂L/∂h_t‖ at t = 0 is {times} times smaller than its largest value."),
                    format!("t = 0에서 ‖∂L/∂h_t‖는 가장 큰 값보다 {times}배 작습니다."),
                ),
            })
        }
    }
}
