use yew::prelude::*;

use crate::app::components::header::lesson_title;
use crate::app::state::WorkerStatus;
use crate::lessons::LessonId;

#[derive(Properties, PartialEq)]
pub struct VisualizationProps {
    pub lesson: LessonId,
    pub worker: WorkerStatus,
}

/// The visualization area: lesson views, gate heatmaps, the unrolled graph and curves go here.
#[component]
pub fn Visualization(props: &VisualizationProps) -> Html {
    let (state, text) = match &props.worker {
        WorkerStatus::Connecting => ("connecting", "Starting the training worker…".to_string()),
        WorkerStatus::Ready { round_trip_ms: Some(ms) } => {
            ("ready", format!("Training worker ready (round trip {ms:.1} ms)"))
        }
        WorkerStatus::Ready { round_trip_ms: None } => ("ready", "Training worker ready".into()),
        WorkerStatus::Incompatible { protocol } => (
            "incompatible",
            format!("The training worker is out of date (protocol {protocol}): reload the page."),
        ),
    };
    html! {
        <div class="viz-inner">
            <h2 class="viz-title">{ lesson_title(props.lesson) }</h2>
            <p class="worker-status" data-testid="worker-status" data-state={state} role="status">{ text }</p>
        </div>
    }
}
