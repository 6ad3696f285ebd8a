//! The run bar's choices (`app/components/run_controls.rs`): whether Play continues past the
//! run's end, what an ended run says, and the speeds offered. Plain Rust, tested natively.

use crate::train::report::{Progress, RunEnd, Speed};
use crate::train::TrainSettings;
use crate::ui::i18n::{fill, tr, Lang, Text};

/// Speeds offered, as `(key, speed)`.
pub const SPEEDS: [(&str, Speed); 4] = [
    ("max", Speed::Max),
    ("10", Speed::PerSecond(10.0)),
    ("2", Speed::PerSecond(2.0)),
    ("1", Speed::PerSecond(1.0)),
];

/// The key of `speed` among [`SPEEDS`] (`max` for one not offered).
pub fn speed_key(speed: Speed) -> &'static str {
    SPEEDS
        .iter()
        .find(|(_, s)| *s == speed)
        .map(|(k, _)| *k)
        .unwrap_or("max")
}

/// The speed of a key, if offered.
pub fn speed_of(key: &str) -> Option<Speed> {
    SPEEDS.iter().find(|(k, _)| *k == key).map(|(_, s)| *s)
}

/// A speed's name in the menu: "As fast as possible", or `n / s`.
pub fn speed_text(lang: Lang, key: &str) -> String {
    match key {
        "max" => tr(lang, Text::SpeedMax).to_string(),
        n => format!("{n} / s"),
    }
}

/// Past the run's last epoch (or after it ended by itself), Play trains on until paused.
pub fn past_end(running: bool, p: &Progress, settings: &TrainSettings) -> bool {
    !running && (p.run_end.is_some() || (!settings.until_paused && p.epoch >= settings.epochs))
}

/// The Play button's label and tip: Continue past the end.
pub fn play_label(past_end: bool) -> (Text, Text) {
    if past_end {
        (Text::Continue, Text::ContinueTip)
    } else {
        (Text::Play, Text::PlayTip)
    }
}

/// What a run that ended by itself says, while nothing trains.
pub fn run_done(lang: Lang, running: bool, p: &Progress) -> Option<String> {
    let end = p.run_end.filter(|_| !running)?;
    Some(match end {
        RunEnd::Epochs { epochs } => fill(tr(lang, Text::RunDoneEpochs), &[&epochs.to_string()]),
        RunEnd::EarlyStopped { epoch, best_epoch } => fill(
            tr(lang, Text::RunDoneEarly),
            &[&epoch.to_string(), &best_epoch.to_string()],
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speeds_round_trip_through_their_keys() {
        for (k, s) in SPEEDS {
            assert_eq!((speed_key(s), speed_of(k)), (k, Some(s)));
        }
        assert_eq!(speed_key(Speed::PerSecond(3.0)), "max");
        assert_eq!(speed_of("7"), None);
        assert_eq!(speed_text(Lang::En, "2"), "2 / s");
        assert_ne!(speed_text(Lang::En, "max"), speed_text(Lang::Ko, "max"));
    }

    #[test]
    fn play_continues_only_past_the_end_and_an_end_is_told_while_paused() {
        let settings = TrainSettings {
            epochs: 3,
            ..TrainSettings::default()
        };
        let mut p = Progress {
            epoch: 2,
            ..Progress::default()
        };
        assert!(!past_end(false, &p, &settings));
        assert_eq!(play_label(false).0, Text::Play);
        p.epoch = 3;
        assert!(past_end(false, &p, &settings));
        assert!(!past_end(true, &p, &settings), "running: Pause is shown");
        let forever = TrainSettings {
            until_paused: true,
            ..settings.clone()
        };
        assert!(!past_end(false, &p, &forever));
        assert_eq!(run_done(Lang::En, false, &p), None);
        p.run_end = Some(RunEnd::EarlyStopped {
            epoch: 9,
            best_epoch: 6,
        });
        assert!(past_end(false, &p, &forever), "ended by itself");
        let said = run_done(Lang::En, false, &p).unwrap();
        assert!(said.contains('9') && said.contains('6'), "{said}");
        assert_eq!(run_done(Lang::En, true, &p), None);
        assert_eq!(play_label(true), (Text::Continue, Text::ContinueTip));
    }
}
