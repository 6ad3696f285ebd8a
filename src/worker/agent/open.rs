//! Opening a lesson and its data: the page's `Open` and `LoadFiles`, the autosave read before
//! a lesson opens, and each lesson's shipped files downloaded and parsed once.

use super::*;
use crate::lessons::{DataFile, LessonOptions};
use crate::nn::NetworkConfig;
use crate::train::TrainSettings;
use crate::worker::fetch::fetch_bytes;
use crate::worker::messages::{autosave_key, ModelSummary, OpenLesson};
use crate::worker::store;

/// A lesson waiting for its data.
#[derive(Clone)]
pub struct OpenRequest {
    pub(super) options: LessonOptions,
    pub(super) model: NetworkConfig,
    pub(super) settings: TrainSettings,
    pub(super) seed: u64,
    pub(super) model_file: Option<String>,
}

impl TrainingWorker {
    /// `ToWorker::Open`: opens the lesson, after reading the autosave when the page asks to
    /// restore it.
    pub(super) fn on_open(&mut self, scope: &WorkerScope<Self>, open: OpenLesson) {
        let OpenLesson {
            options,
            model,
            settings,
            seed,
            assets_base,
            restore,
        } = open;
        self.data.assets_base = assets_base;
        self.resize_helpers(scope);
        let req = OpenRequest {
            options,
            model,
            settings,
            seed,
            model_file: None,
        };
        if restore {
            // Read the autosave first; the lesson opens when it arrives.
            let key = autosave_key(&req.options, &req.model);
            scope.send_future(async move {
                let file = store::load(&key).await.ok().flatten();
                Msg::Restored(Box::new(req), file)
            });
        } else {
            self.open(scope, req);
        }
    }

    /// `ToWorker::LoadFiles`: the user's data files replace the lesson's corpus, and the open
    /// lesson starts afresh on them.
    pub(super) fn on_load_files(
        &mut self,
        scope: &WorkerScope<Self>,
        lesson: LessonId,
        files: &[DataFile],
    ) {
        match lesson.parse_corpus(files) {
            Ok(corpus) => {
                self.notice(
                    scope,
                    Level::Info,
                    format!(
                        "Loaded {}; the model starts afresh on them.",
                        corpus.summary()
                    ),
                    format!(
                        "불러왔습니다 ({}). 모델은 이 데이터로 새로 시작합니다.",
                        corpus.summary()
                    ),
                );
                self.data.corpora.insert(lesson, corpus);
                if let Some(req) = self.data.last_open.clone() {
                    if req.options.lesson() == lesson {
                        self.open(scope, req);
                    }
                }
            }
            Err(e) => self.notice(
                scope,
                Level::Error,
                format!("Those files were refused (nothing changed): {e}"),
                format!("그 파일들은 거부되었습니다 (아무것도 바뀌지 않았습니다): {e}"),
            ),
        }
    }

    /// A lesson's shipped data arrived (or could not): the waiting lesson opens on it.
    pub(super) fn on_corpus_loaded(
        &mut self,
        scope: &WorkerScope<Self>,
        lesson: LessonId,
        corpus: Result<Corpus, String>,
    ) {
        self.data.loading.remove(&lesson);
        match corpus {
            Ok(corpus) => {
                self.data.corpora.insert(lesson, corpus);
                if let Some(req) = self.data.waiting.take() {
                    self.open(scope, req);
                }
            }
            Err(e) => {
                self.data.waiting = None;
                self.notice(
                    scope,
                    Level::Error,
                    format!(
                        "The data of the {} lesson could not be loaded: {e}",
                        lesson.info().title.en
                    ),
                    format!(
                        "{} 단원의 데이터를 불러오지 못했습니다: {e}",
                        lesson.info().title.ko
                    ),
                );
            }
        }
    }

    /// Builds a session for `req`; on failure the current session stays as it was.
    pub(super) fn open(&mut self, scope: &WorkerScope<Self>, req: OpenRequest) {
        self.data.last_open = Some(OpenRequest {
            model_file: None,
            ..req.clone()
        });
        // A model of another lesson or shape must not overwrite the autosave before it is read.
        self.saving.dirty = false;
        let lesson = req.options.lesson();
        let Some(corpus) = self.corpus(scope, lesson) else {
            // Opens when the data arrives.
            self.data.waiting = Some(req);
            return;
        };
        let session =
            req.options.clone().prepare(corpus).and_then(|data| {
                Session::new(data, req.model.clone(), req.settings.clone(), req.seed)
            });
        match session {
            Ok(mut s) => {
                if let Some(file) = &req.model_file {
                    match s.import_model(file) {
                        Ok(()) => self.notice(scope, Level::Info, "Restored the model saved in this browser.", "이 브라우저에 저장된 모델을 되살렸습니다."),
                        Err(e) => self.notice(
                            scope,
                            Level::Warning,
                            format!("The model saved in this browser could not be restored ({e}); starting from fresh weights."),
                            format!("이 브라우저에 저장된 모델을 되살리지 못했습니다 ({}). 새 가중치로 시작합니다.", e.korean()),
                        ),
                    }
                }
                self.stop();
                self.run.end = None;
                self.session = Some(s);
                self.saving.dirty = false;
                self.opened(scope);
            }
            Err(e) => {
                // The page goes back to what is open; the lesson it asked for is not.
                if let Some(s) = &self.session {
                    self.data.last_open = Some(OpenRequest {
                        options: s.options(),
                        model: s.model().clone(),
                        settings: s.settings().clone(),
                        seed: s.seed(),
                        model_file: None,
                    });
                }
                self.broadcast(scope, FromWorker::OpenRefused);
                self.notice(
                    scope,
                    Level::Error,
                    format!("That change was refused and nothing changed: {e}"),
                    format!(
                        "그 변경은 거부되었고 아무것도 바뀌지 않았습니다: {}",
                        e.korean()
                    ),
                );
            }
        }
    }

    /// Tells the pages what is open now (a new session, new weights): the model, then
    /// everything they draw from it.
    pub(super) fn opened(&mut self, scope: &WorkerScope<Self>) {
        if let Some(s) = &self.session {
            let msg = FromWorker::Opened {
                summary: ModelSummary::of(s.network()),
                model: s.model().clone(),
                seed: s.seed(),
                examples: s.status().train_len,
                picker: s.picker(),
                corpus: self.data.corpora.get(&s.lesson()).and_then(|c| c.size()),
            };
            self.broadcast(scope, msg);
        }
        self.run.new = NewPoints::default();
        self.send_progress(scope);
        self.inspect(scope);
        self.refresh_views(scope, true);
    }

    /// The lesson's corpus, parsed once; `None` while its shipped files download (a download
    /// is started on the first call).
    pub(super) fn corpus(
        &mut self,
        scope: &WorkerScope<Self>,
        lesson: LessonId,
    ) -> Option<&Corpus> {
        use std::collections::hash_map::Entry;
        if let Entry::Vacant(slot) = self.data.corpora.entry(lesson) {
            if !lesson.corpus_files().is_empty() {
                self.load_corpus(scope, lesson);
                return None;
            }
            match lesson.parse_corpus(&[]) {
                Ok(c) => {
                    slot.insert(c);
                }
                Err(e) => {
                    self.notice(
                        scope,
                        Level::Error,
                        e.to_string(),
                        format!("데이터를 읽지 못했습니다: {e}"),
                    );
                    return None;
                }
            }
        }
        self.data.corpora.get(&lesson)
    }

    /// Downloads a lesson's shipped files with progress, then parses them.
    fn load_corpus(&mut self, scope: &WorkerScope<Self>, lesson: LessonId) {
        if !self.data.loading.insert(lesson) {
            return;
        }
        let base = self.data.assets_base.clone();
        let scope2 = scope.clone();
        scope.send_future(async move {
            let paths = lesson.corpus_files();
            let mut files = Vec::new();
            for (i, path) in paths.iter().enumerate() {
                let url = format!("{}{path}", base_dir(&base));
                let s = scope2.clone();
                let bytes = fetch_bytes(&url, |done, total| {
                    s.send_message(Msg::Loading {
                        lesson,
                        file: i + 1,
                        files: paths.len(),
                        done,
                        total,
                    });
                })
                .await;
                match bytes {
                    Ok(bytes) => files.push(DataFile {
                        name: path.rsplit('/').next().unwrap_or(path).to_string(),
                        bytes,
                    }),
                    Err(e) => return Msg::CorpusLoaded(lesson, Err(e)),
                }
            }
            Msg::CorpusLoaded(
                lesson,
                lesson.parse_corpus(&files).map_err(|e| e.to_string()),
            )
        });
    }
}

/// The directory of a page URL (`http://host/app/?a=b` → `http://host/app/`).
pub(super) fn base_dir(url: &str) -> &str {
    let no_query = url.split(['?', '#']).next().unwrap_or(url);
    match no_query.rfind('/') {
        Some(i) => &no_query[..=i],
        None => no_query,
    }
}

#[cfg(test)]
mod tests {
    use super::base_dir;

    #[test]
    fn base_dir_drops_the_query_and_file() {
        assert_eq!(base_dir("http://h/app/?lesson=mnist"), "http://h/app/");
        assert_eq!(base_dir("http://h/index.html#x"), "http://h/");
    }
}
