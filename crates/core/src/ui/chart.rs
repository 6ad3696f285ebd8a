//! What the loss and accuracy charts draw from the page's curves: which lines, with their
//! names and points, the markers, what an empty chart says, and the readout under the pointer.
//! Plain Rust, tested natively; `app/components/curve_chart.rs` paints it with plotters.

use crate::nn::CellKind;
use crate::train::history::Series;
use crate::ui::curves::{nearest, smooth};
use crate::ui::format::{marker_label, short_number};
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::state::{Comparison, Curves};

/// Which chart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartKind {
    Loss,
    Accuracy,
}

impl ChartKind {
    /// The chart's `data-testid`.
    pub fn testid(self) -> &'static str {
        match self {
            ChartKind::Loss => "loss-chart",
            ChartKind::Accuracy => "accuracy-chart",
        }
    }

    pub fn title(self) -> Text {
        match self {
            ChartKind::Loss => Text::Loss,
            ChartKind::Accuracy => Text::Accuracy,
        }
    }

    /// What the chart says while it has no points. Accuracy comes once an epoch (the char
    /// model's epochs are single updates): while the first one runs, it says so rather than
    /// "press Play".
    pub fn empty(self, c: &Curves) -> Text {
        if self == ChartKind::Accuracy && !c.loss.points().is_empty() {
            Text::AccuracyAtEpochEnd
        } else {
            Text::NoDataYet
        }
    }
}

/// `(x, y)` points of one curve.
pub type Points = Vec<(f64, f64)>;

/// A series as points: each point at the last update it covers.
pub fn xy(s: &Series) -> Points {
    s.points()
        .iter()
        .map(|p| (p.x_last as f64, p.mean))
        .collect()
}

/// The chart's lines in drawing order, each with its name. The training loss is smoothed by
/// `smoothing` (the legend says so unless it is 0); with several updates an epoch, the epochs'
/// mean training loss is drawn beside the held-out loss, where the two part (overfitting).
pub fn lines(kind: ChartKind, c: &Curves, smoothing: f64) -> Vec<(Text, Points)> {
    let train_loss = if smoothing > 0.0 {
        Text::TrainLossSmoothed
    } else {
        Text::TrainLoss
    };
    let epochs_shown = c.epoch_train_loss.points().len() * 2 < c.loss.points().len();
    // Held-out numbers of a lesson without a validation split are the test split's.
    let (held_out_loss, held_out_acc) = if c.held_out_is_test {
        (Text::TestLoss, Text::TestAcc)
    } else {
        (Text::ValLoss, Text::ValAcc)
    };
    let loss = || (train_loss, smooth(&xy(&c.loss), smoothing));
    match kind {
        ChartKind::Loss if epochs_shown => vec![
            loss(),
            (held_out_loss, xy(&c.epoch_val_loss)),
            (Text::EpochTrainLoss, xy(&c.epoch_train_loss)),
        ],
        ChartKind::Loss => vec![loss(), (held_out_loss, xy(&c.epoch_val_loss))],
        ChartKind::Accuracy => vec![
            (Text::TrainAcc, xy(&c.epoch_train_accuracy)),
            (held_out_acc, xy(&c.epoch_val_accuracy)),
        ],
    }
}

/// The markers: where settings changed, and early stopping's best epoch.
pub fn markers(c: &Curves, lang: Lang) -> Vec<(f64, String)> {
    let mut m: Vec<(f64, String)> = c
        .markers
        .iter()
        .map(|(x, t)| (*x as f64, marker_label(t, lang)))
        .collect();
    if let Some((update, epoch)) = c.best {
        m.push((
            update as f64,
            format!("{} {epoch}", tr(lang, Text::BestEpoch)),
        ));
    }
    m
}

/// The readout at update `x`: each line's nearest point, `name value @ update`.
pub fn readout(lines: &[Points], names: &[String], x: f64) -> Option<String> {
    let parts: Vec<String> = lines
        .iter()
        .zip(names)
        .filter_map(|(pts, name)| {
            let i = nearest(pts, x)?;
            Some(format!(
                "{name} {} @ {}",
                short_number(pts[i].1),
                pts[i].0 as u64
            ))
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A comparison's loss curves, one per cell, by update.
pub fn comparison_losses(c: &Comparison) -> Vec<(CellKind, Points)> {
    c.cells.iter().map(|(k, s, _)| (*k, xy(s))).collect()
}

/// A comparison's latest ‖∂L/∂h_t‖, one line per cell, by timestep.
pub fn comparison_gradients(c: &Comparison) -> Vec<(CellKind, Points)> {
    c.cells
        .iter()
        .map(|(k, _, g)| {
            let pts = g.iter().enumerate().map(|(t, v)| (t as f64, *v as f64));
            (*k, pts.collect())
        })
        .collect()
}

/// A comparison table's row: the cell, its last loss and its gradient at the first step
/// (empty while it has none).
pub fn comparison_row(cell: &(CellKind, Series, Vec<f32>)) -> [String; 3] {
    let (k, s, g) = cell;
    [
        k.torch_name().to_string(),
        s.last().map(|v| format!("{v:.4}")).unwrap_or_default(),
        g.first().map(|v| format!("{v:.2e}")).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::train::report::{CompareCurve, CompareProgress, EpochPoint, NewPoints};

    fn epoch(epoch: u64, update: u64) -> EpochPoint {
        EpochPoint {
            epoch,
            update,
            train_loss: Some(1.0),
            val_loss: Some(2.0),
            train_accuracy: Some(0.5),
            val_accuracy: Some(0.25),
            best_epoch: Some(epoch),
            held_out_is_test: false,
        }
    }

    fn curves(updates: u64, epochs: u64) -> Curves {
        let mut c = Curves::default();
        c.append(&NewPoints {
            loss: (1..=updates).map(|u| (u, 1.0 / u as f32)).collect(),
            epochs: (1..=epochs)
                .map(|e| epoch(e, e * updates / epochs))
                .collect(),
            markers: vec![(2, "lr 0.1".into())],
            ..NewPoints::default()
        });
        c
    }

    #[test]
    fn the_epochs_training_loss_is_drawn_only_with_several_updates_an_epoch() {
        let many = curves(40, 4);
        let names: Vec<Text> = lines(ChartKind::Loss, &many, 0.6)
            .into_iter()
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            names,
            [Text::TrainLossSmoothed, Text::ValLoss, Text::EpochTrainLoss]
        );
        // One update an epoch (the char model): the epochs' line would repeat the loss.
        let one = lines(ChartKind::Loss, &curves(4, 4), 0.0);
        assert_eq!(one.len(), 2);
        assert_eq!(one[0].0, Text::TrainLoss, "unsmoothed");
        assert_eq!(one[0].1.len(), 4);
        assert_eq!(
            one[1].1,
            vec![(1.0, 2.0), (2.0, 2.0), (3.0, 2.0), (4.0, 2.0)]
        );
        let mut test = curves(4, 4);
        test.held_out_is_test = true;
        let acc = lines(ChartKind::Accuracy, &test, 0.6);
        assert_eq!((acc[0].0, acc[1].0), (Text::TrainAcc, Text::TestAcc));
        assert_eq!(acc[1].1[0], (1.0, 0.25));
    }

    #[test]
    fn smoothing_changes_only_the_training_loss() {
        let c = curves(40, 4);
        let raw = lines(ChartKind::Loss, &c, 0.0);
        let smoothed = lines(ChartKind::Loss, &c, 0.9);
        assert_ne!(raw[0].1, smoothed[0].1);
        assert_eq!(raw[1].1, smoothed[1].1);
    }

    #[test]
    fn markers_empty_texts_and_the_readout() {
        let c = curves(40, 4);
        let m = markers(&c, Lang::En);
        assert_eq!(m[0], (2.0, "lr 0.1".to_string()));
        assert_eq!(m.last().unwrap().0, 40.0, "the best epoch's update");
        assert_eq!(ChartKind::Accuracy.empty(&c), Text::AccuracyAtEpochEnd);
        let empty = Curves::default();
        assert_eq!(ChartKind::Accuracy.empty(&empty), Text::NoDataYet);
        assert_eq!(ChartKind::Loss.empty(&c), Text::NoDataYet);
        let pts = vec![vec![(1.0, 0.5), (10.0, 0.25)], vec![(10.0, 2.0)]];
        let names = vec!["loss".to_string(), "val".to_string()];
        assert_eq!(
            readout(&pts, &names, 9.0).as_deref(),
            Some("loss 0.25 @ 10 · val 2 @ 10")
        );
        assert_eq!(readout(&[vec![]], &names, 1.0), None);
        assert_ne!(ChartKind::Loss.testid(), ChartKind::Accuracy.testid());
    }

    #[test]
    fn a_comparison_draws_each_cells_appended_losses_and_latest_gradient() {
        let message = |update: u64, loss: f32, grad: Vec<f32>| CompareProgress {
            update,
            updates: 10,
            done: false,
            cells: vec![
                CompareCurve {
                    cell: CellKind::Rnn,
                    new_losses: vec![(update, loss)],
                    grad_by_t: grad.clone(),
                },
                CompareCurve {
                    cell: CellKind::Gru,
                    new_losses: vec![(update, loss / 2.0)],
                    grad_by_t: grad,
                },
            ],
        };
        let first = Comparison::merged(None, &message(1, 2.0, vec![1.0]));
        let c = Comparison::merged(Some(&first), &message(2, 1.0, vec![0.5, 0.25]));
        let losses = comparison_losses(&c);
        assert_eq!(losses[0], (CellKind::Rnn, vec![(1.0, 2.0), (2.0, 1.0)]));
        assert_eq!(losses[1], (CellKind::Gru, vec![(1.0, 1.0), (2.0, 0.5)]));
        let grads = comparison_gradients(&c);
        assert_eq!(
            grads[1],
            (CellKind::Gru, vec![(0.0, 0.5), (1.0, 0.25)]),
            "the latest only"
        );
        assert_eq!(comparison_row(&c.cells[0]), ["RNN", "1.0000", "5.00e-1"]);
        let fresh = (CellKind::Lstm, Series::default(), vec![]);
        assert_eq!(comparison_row(&fresh), ["LSTM", "", ""]);
    }
}
