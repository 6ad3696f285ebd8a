//! Model files: export (the weights, a runnable PyTorch script), import, and the autosave
//! kept in IndexedDB.

use super::*;
use crate::worker::messages::autosave_key;
use crate::worker::store;

impl TrainingWorker {
    /// `ToWorker::Export`: the model file, to the page that asked.
    pub(super) fn on_export(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        if let Some(s) = &self.session {
            scope.respond(
                id,
                FromWorker::Exported {
                    name: crate::ui::code::export::model_file_name(s.lesson(), s.model()),
                    json: s.export_model(),
                },
            );
        }
    }

    /// `ToWorker::ExportPytorch`: the runnable `.py` export, to the page that asked.
    pub(super) fn on_export_pytorch(&mut self, scope: &WorkerScope<Self>, id: HandlerId) {
        if let Some(s) = &self.session {
            let reply = match crate::ui::code::export::pytorch_export(s) {
                Ok(script) => FromWorker::ExportedPytorch {
                    name: script.name,
                    text: script.text,
                },
                Err(e) => FromWorker::Notice {
                    level: Level::Error,
                    text: Bilingual::new(
                        format!("The PyTorch export failed: {e}"),
                        format!("PyTorch 내보내기에 실패했습니다: {e}"),
                    ),
                },
            };
            scope.respond(id, reply);
        }
    }

    /// `ToWorker::Import`: a model file replaces the weights (refused whole or taken whole).
    pub(super) fn on_import(&mut self, scope: &WorkerScope<Self>, text: &str) {
        let Some(s) = &mut self.session else { return };
        match s.import_model(text) {
            Ok(()) => {
                self.stop();
                self.saving.dirty = true;
                self.opened(scope);
                self.autosave(scope);
                self.notice(
                    scope,
                    Level::Info,
                    "Model file loaded.",
                    "모델 파일을 불러왔습니다.",
                );
            }
            Err(e) => self.notice(
                scope,
                Level::Error,
                format!("Model file refused (nothing changed): {e}"),
                format!(
                    "모델 파일이 거부되었습니다 (아무것도 바뀌지 않았습니다): {}",
                    e.korean()
                ),
            ),
        }
    }

    /// Keeps the model in IndexedDB (asynchronously, nothing reaches the page) so a reload or a
    /// crash loses at most the last few seconds.
    pub(super) fn autosave(&mut self, scope: &WorkerScope<Self>) {
        if !self.saving.dirty {
            return;
        }
        let (Some(s), Some(open)) = (&self.session, &self.data.last_open) else {
            return;
        };
        self.saving.dirty = false;
        self.timers.autosave.sent(now_ms());
        let key = autosave_key(&open.options, s.model());
        let json = s.export_model();
        scope.send_future(async move { Msg::Saved(store::save(&key, &json).await) });
    }

    /// The autosave finished: a failure is reported once per worker.
    pub(super) fn on_saved(&mut self, scope: &WorkerScope<Self>, result: Result<(), String>) {
        if let Err(e) = result {
            if !std::mem::replace(&mut self.saving.warned, true) {
                self.notice(
                    scope,
                    Level::Warning,
                    format!("This browser could not keep the model ({e}); export it to keep it."),
                    format!(
                        "이 브라우저가 모델을 보관하지 못했습니다 ({e}). 보관하려면 내보내기를 하세요."
                    ),
                );
            }
        }
    }
}
