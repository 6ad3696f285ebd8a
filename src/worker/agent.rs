//! The worker agent (yew-agent): receives [`ToWorker`] commands and answers with [`FromWorker`].

use yew_agent::worker::{HandlerId, Worker, WorkerScope};
use yew_agent::Registrable;

use super::messages::{FromWorker, ToWorker, PROTOCOL_VERSION};

/// The agent that will own the model and the training loop.
pub struct TrainingWorker;

impl Worker for TrainingWorker {
    type Message = ();
    type Input = ToWorker;
    type Output = FromWorker;

    fn create(_scope: &WorkerScope<Self>) -> Self {
        TrainingWorker
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: Self::Message) {}

    fn connected(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        scope.respond(id, FromWorker::Ready { protocol: PROTOCOL_VERSION });
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        match msg {
            ToWorker::Ping { nonce } => scope.respond(id, FromWorker::Pong { nonce }),
        }
    }
}

/// Entry point of the `worker` binary.
pub fn register() {
    TrainingWorker::registrar().register();
}
