//! What the series lesson's test errors are, beside the two baselines, and what they say.

use yew::prelude::*;

use super::view::PERSISTENCE;
use crate::app::context::use_app;
use crate::lessons::time_series::{SeriesPredictions, Verdict};
use crate::ui::format::short_number;
use crate::ui::i18n::{Text, Tr};

const ERRORS: Tr = Tr::new("Test MSE (scaled target)", "테스트 MSE (스케일된 타깃)");
const MODEL: Tr = Tr::new("model", "모델");
const MEAN: Tr = Tr::new("training mean", "훈련 평균");
const ROWS: Tr = Tr::new("rows used", "사용한 행");
const DROPPED: Tr = Tr::new("dropped for missing cells", "결측으로 버린 행");

#[derive(Properties, PartialEq)]
pub struct SeriesErrorsProps {
    pub preds: SeriesPredictions,
}

#[component]
pub fn SeriesErrors(props: &SeriesErrorsProps) -> Html {
    let app = use_app();
    let p = &props.preds;
    // What the errors say, from the numbers of the model on screen.
    let verdict = Verdict::of(p);
    html! {
        <>
            <p data-testid="baseline-errors" class="baseline-errors">
                { format!("{}: {} {} · {} {} · {} {}",
                    app.l(ERRORS),
                    app.l(MODEL), short_number(p.test_mse_scaled),
                    app.l(PERSISTENCE), short_number(p.persistence_mse_scaled),
                    app.l(MEAN), short_number(p.baseline_mse_scaled)) }
            </p>
            <p data-testid="series-errors" class="hint">
                { format!("{} {} · MAE {} (", app.t(Text::TestRmse), short_number(p.test_rmse), short_number(p.test_mae)) }
                <span class="data-name">{ &p.target }</span>
                { format!(") · {} {} / {}{}",
                    app.l(ROWS), p.rows.0 - p.rows.1, p.rows.0,
                    if p.rows.1 > 0 { format!(" · {} {}", p.rows.1, app.l(DROPPED)) } else { String::new() }) }
            </p>
            <p class="verdict" data-testid="series-verdict" data-verdict={verdict.key()}>
                { verdict.sentence().get(app.state.lang).to_string() }
            </p>
        </>
    }
}
