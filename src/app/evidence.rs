//! The page's numbers that guided steps check their claims against ([`crate::ui::claims`]).

use super::state::AppState;
use crate::lessons::view_evidence;
use crate::ui::claims::Evidence;
use crate::worker::messages::RunEnd;

/// What the page holds of the open model: its curves, the followed example's gradient by
/// timestep, how the last run ended and the lesson's latest views.
pub fn evidence(state: &AppState) -> Evidence<'_> {
    let c = &state.curves;
    let grad_by_t = state
        .inspection
        .as_ref()
        .filter(|i| i.lesson == state.lesson)
        .and_then(|i| i.backward.directions.first())
        .map(|d| d.steps.iter().map(|s| s.dh_norm).collect());
    let early_stopped = match state.progress.run_end {
        Some(RunEnd::EarlyStopped { epoch, best_epoch }) => Some((epoch, best_epoch)),
        _ => None,
    };
    let (series_errors, memorised) = view_evidence(state.views.iter(), &state.options);
    Evidence {
        loss: Some(&c.loss),
        epoch_train_loss: Some(&c.by_epoch.train_loss),
        epoch_val_loss: Some(&c.by_epoch.held_out_loss),
        epoch_val_accuracy: Some(&c.by_epoch.held_out_accuracy),
        held_out_is_test: c.held_out_is_test,
        grad_by_t,
        early_stopped,
        series_errors,
        memorised,
    }
}
