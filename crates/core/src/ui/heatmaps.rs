//! The gate heatmaps' texts and keys (`app/components/gate_heatmaps.rs`): each map's title,
//! its legend, the readout under the pointer or the keyboard, and the unit a key moves to.
//! Plain Rust, tested natively.

use crate::nn::Gate;
use crate::ui::i18n::{tr, Lang, Text};
use crate::ui::inside::{hex, num, MapKey, Scale};

/// The title of a map in `lang`: its name and symbol, `Forget gate f_t`.
pub fn map_title(lang: Lang, key: MapKey) -> String {
    let text = match key {
        MapKey::Gate(Gate::Input) => Text::InputGate,
        MapKey::Gate(Gate::Forget) => Text::ForgetGate,
        MapKey::Gate(Gate::Output) => Text::OutputGate,
        MapKey::Gate(Gate::Reset) => Text::ResetGate,
        MapKey::Gate(Gate::Update) => Text::UpdateGate,
        MapKey::Gate(Gate::CellCandidate | Gate::New) => Text::CellCandidate,
        MapKey::Cell => Text::CellState,
        MapKey::Gate(Gate::Hidden) | MapKey::Hidden => Text::HiddenState,
    };
    let sym = match key {
        MapKey::Cell => "c_t".to_string(),
        MapKey::Hidden => "h_t".to_string(),
        k => format!("{}_t", k.symbol()),
    };
    format!("{} {sym}", tr(lang, text))
}

/// The legend bar's CSS: the map's colours in 9 stops from its low end to its high end.
pub fn legend_gradient(scale: Scale) -> String {
    let stops: Vec<String> = (0..=8).map(|i| hex(scale.at(i as f64 / 8.0))).collect();
    format!(
        "background: linear-gradient(to right, {})",
        stops.join(", ")
    )
}

/// A legend end's number, with a true minus sign.
pub fn legend_end(v: f64) -> String {
    format!("{v}").replace('-', "−")
}

/// The unit a key on a focused map chooses, from `unit` of `0..=last` (↑/↓ one unit, Home and
/// End the ends, Enter the same); `None` for other keys.
pub fn unit_for_key(key: &str, unit: usize, last: usize) -> Option<usize> {
    Some(match key {
        "ArrowUp" => unit.saturating_sub(1),
        "ArrowDown" => (unit + 1).min(last),
        "Home" => 0,
        "End" => last,
        "Enter" => unit,
        _ => return None,
    })
}

/// The readout of one cell: the map, timestep, unit and its value (`—` when the trace has none).
pub fn cell_readout(lang: Lang, key: MapKey, t: usize, unit: usize, value: Option<f32>) -> String {
    format!(
        "{} · t = {} · {} {} · {} = {}",
        map_title(lang, key),
        t,
        tr(lang, Text::InUnit),
        unit,
        tr(lang, Text::InValue),
        value.map(num).unwrap_or_else(|| "—".into())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_gate_and_its_symbol() {
        let f = map_title(Lang::En, MapKey::Gate(Gate::Forget));
        assert!(f.ends_with(" f_t"), "{f}");
        assert!(map_title(Lang::En, MapKey::Cell).ends_with(" c_t"));
        assert!(map_title(Lang::En, MapKey::Hidden).ends_with(" h_t"));
        assert_ne!(
            map_title(Lang::Ko, MapKey::Gate(Gate::Forget)),
            map_title(Lang::En, MapKey::Gate(Gate::Forget))
        );
        // The GRU's candidate is named as the LSTM's, with its own symbol.
        let g = map_title(Lang::En, MapKey::Gate(Gate::New));
        let c = map_title(Lang::En, MapKey::Gate(Gate::CellCandidate));
        assert_eq!(g.rsplit_once(' ').unwrap().0, c.rsplit_once(' ').unwrap().0);
    }

    #[test]
    fn legends_and_readouts() {
        let g = legend_gradient(Scale::Unit);
        assert_eq!(g.matches('#').count(), 9);
        assert!(g.starts_with("background: linear-gradient(to right, #"));
        assert_eq!(legend_end(-1.0), "−1");
        assert_eq!(legend_end(0.5), "0.5");
        let r = cell_readout(Lang::En, MapKey::Hidden, 3, 2, Some(-0.5));
        assert!(r.contains("t = 3") && r.ends_with("= −0.5000"), "{r}");
        assert!(cell_readout(Lang::En, MapKey::Hidden, 3, 2, None).ends_with("= —"));
    }

    #[test]
    fn keys_move_through_units_and_stop_at_the_ends() {
        assert_eq!(unit_for_key("ArrowUp", 0, 4), Some(0));
        assert_eq!(unit_for_key("ArrowUp", 3, 4), Some(2));
        assert_eq!(unit_for_key("ArrowDown", 4, 4), Some(4));
        assert_eq!(unit_for_key("ArrowDown", 1, 4), Some(2));
        assert_eq!(
            (unit_for_key("Home", 3, 4), unit_for_key("End", 0, 4)),
            (Some(0), Some(4))
        );
        assert_eq!(unit_for_key("Enter", 2, 4), Some(2));
        assert_eq!(unit_for_key("ArrowLeft", 2, 4), None, "time is the page's");
    }
}
