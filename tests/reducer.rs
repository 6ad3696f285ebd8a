//! The page's reducer (`ui::state::reduce`), natively: each action's arm, grouped by subject.
//! The page hands the same function to yew (`app::state`), so these are the page's rules.

use std::rc::Rc;

use rnn_playground::lessons::{
    self, Corpus, CorpusSize, ExamplePicker, ExampleRef, LessonId, Split,
};
use rnn_playground::train::report::{
    CompareCurve, CompareProgress, EpochPoint, Level, ModelSummary, NewPoints, Progress, Speed,
};
use rnn_playground::train::Session;
use rnn_playground::ui::i18n::{Bilingual, Lang};
use rnn_playground::ui::state::{default_preset, reduce, Action, AppState, Loading, WorkerStatus};
use rnn_playground::worker::messages::{FromWorker, PROTOCOL_VERSION};
use rnn_playground::worker::replies::{read, Reply};

/// Applies `actions` in order.
fn run(state: AppState, actions: impl IntoIterator<Item = Action>) -> AppState {
    actions.into_iter().fold(state, |s, a| reduce(&s, a))
}

fn char_preset(id: &str) -> AppState {
    AppState::with_preset(lessons::preset(id).expect("a shipped preset"))
}

fn opened(state: &AppState, seed: u64) -> Action {
    Action::Opened {
        summary: ModelSummary::default(),
        model: state.model.clone(),
        seed,
        picker: ExamplePicker {
            split: Split::Train,
            count: 1,
            default: ExampleRef::Span {
                start: 0,
                len: None,
            },
        },
        examples: 42,
        corpus: Some(CorpusSize {
            train: 60_000,
            test: 10_000,
        }),
    }
}

fn epoch(epoch: u64, update: u64, val_loss: Option<f64>, best: Option<u64>) -> EpochPoint {
    EpochPoint {
        epoch,
        update,
        train_loss: Some(1.0 / epoch as f64),
        val_loss,
        train_accuracy: Some(0.5),
        val_accuracy: val_loss.map(|_| 0.25),
        best_epoch: best,
        held_out_is_test: true,
    }
}

fn progress(update: u64, new: NewPoints) -> Action {
    Action::Progress(Progress {
        update,
        new,
        ..Progress::default()
    })
}

mod run_control {
    use super::*;

    #[test]
    fn model_edits_wait_for_apply_and_discard_returns_to_the_model() {
        let s = AppState::default();
        let generation = s.open_generation;
        let mut cfg = s.draft.clone();
        cfg.hidden_size += 7;
        let edited = reduce(&s, Action::EditModel(cfg.clone()));
        assert!(edited.rebuild_pending());
        assert_eq!(edited.model, s.model, "the model waits for Apply");
        assert_eq!(edited.open_generation, generation);

        let discarded = reduce(&edited, Action::DiscardModelEdits);
        assert!(!discarded.rebuild_pending());
        assert_eq!(discarded.draft, s.model);

        let applied = reduce(&edited, Action::ApplyModel);
        assert_eq!(applied.model, cfg);
        assert_eq!(applied.open_generation, generation + 1);
        // Nothing pending: Apply opens nothing.
        let again = reduce(&applied, Action::ApplyModel);
        assert_eq!(again.open_generation, generation + 1);
    }

    #[test]
    fn settings_are_live_while_options_and_seed_reopen() {
        let s = AppState::default();
        let g = s.open_generation;
        let mut settings = s.settings.clone();
        settings.batch_size += 3;
        let live = reduce(&s, Action::SetSettings(settings.clone()));
        assert_eq!(live.settings, settings);
        assert_eq!(live.open_generation, g, "live settings never reopen");

        let seeded = reduce(&s, Action::SetSeed(99));
        assert_eq!((seeded.seed, seeded.open_generation), (99, g + 1));

        let opts = reduce(&s, Action::SetOptions(s.options.clone()));
        assert_eq!(opts.open_generation, g + 1);
    }

    #[test]
    fn speed_cores_visibility_language_and_toggles_are_set() {
        use rnn_playground::ui::cores::Cores;
        let s = run(
            AppState::default(),
            [
                Action::SetSpeed(Speed::PerSecond(2.0)),
                Action::SetCores(Cores::Fixed(3)),
                Action::PageHidden(true),
                Action::SetLang(Lang::Ko),
                Action::TogglePresenter,
                Action::ToggleHelp,
            ],
        );
        assert_eq!(s.speed, Speed::PerSecond(2.0));
        assert_eq!(s.cores, Cores::Fixed(3));
        assert!(s.page_hidden && s.presenter && s.show_help);
        assert_eq!(s.lang, Lang::Ko);
        let s = run(s, [Action::TogglePresenter, Action::PageHidden(false)]);
        assert!(!s.presenter && !s.page_hidden);
    }

    #[test]
    fn the_old_state_is_left_as_it_was() {
        let s = AppState::default();
        let before = s.clone();
        let _ = reduce(&s, Action::SetSeed(5));
        let _ = reduce(&s, Action::SelectLesson(LessonId::ALL[1]));
        assert_eq!(s, before);
    }
}

mod lesson_choice {
    use super::*;

    #[test]
    fn another_lesson_opens_its_first_preset_and_keeps_the_page() {
        let s = run(
            AppState::default(),
            [
                Action::SetLang(Lang::Ko),
                Action::TogglePresenter,
                Action::SetSeed(7),
                Action::WorkerReady,
                Action::TourStep(0),
            ],
        );
        let other = LessonId::ALL
            .iter()
            .copied()
            .find(|l| *l != s.lesson)
            .unwrap();
        let next = reduce(&s, Action::SelectLesson(other));
        let first = default_preset(other);
        assert_eq!(next.lesson, other);
        assert_eq!(next.preset_id, first.id);
        assert_eq!(next.model, first.model);
        assert_eq!(next.settings, first.settings);
        assert_eq!(next.open_generation, s.open_generation + 1);
        assert_eq!((next.lang, next.presenter, next.seed), (Lang::Ko, true, 7));
        assert_eq!(next.worker, s.worker);
        assert_eq!(next.tour, None, "another lesson's tour does not stay open");
    }

    #[test]
    fn the_same_lesson_again_changes_nothing() {
        let s = AppState::default();
        assert_eq!(reduce(&s, Action::SelectLesson(s.lesson)), s);
    }

    #[test]
    fn a_preset_of_the_same_lesson_keeps_the_tour_and_an_unknown_one_is_ignored() {
        let s = run(char_preset("char-fast-lstm"), [Action::TourStep(1)]);
        assert_eq!(s.tour, Some(1));
        let next = reduce(&s, Action::SelectPreset("char-own-text-gru".into()));
        assert_eq!(next.preset_id, "char-own-text-gru");
        assert_eq!(next.tour, Some(1));
        assert_eq!(next.open_generation, s.open_generation + 1);
        assert_eq!(reduce(&s, Action::SelectPreset("no-such-preset".into())), s);
    }

    #[test]
    fn notices_keep_counting_across_a_new_preset() {
        let note = |en: &str| Action::Notify {
            level: Level::Info,
            text: Bilingual::new(en, en),
        };
        let s = run(
            AppState::default(),
            [
                note("a"),
                Action::SelectPreset("char-own-text-gru".into()),
                note("b"),
            ],
        );
        assert_eq!(s.notices.len(), 1, "a new preset clears the notices");
        let s = run(s, [note("c")]);
        let ids: Vec<u64> = s.notices.iter().map(|n| n.id).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids[0] >= 2 && ids[1] > ids[0], "ids never repeat: {ids:?}");
    }

    #[test]
    fn a_link_and_a_saved_session_round_trip() {
        use rnn_playground::ui::url::ShareState;
        let mut s = char_preset("char-fast-lstm");
        s.model.hidden_size = 24;
        s.draft = s.model.clone();
        s.seed = 11;
        let back = AppState::from_share(&ShareState::parse(&s.to_share().to_query()).0);
        assert_eq!(
            (back.lesson, &back.preset_id, &back.model, back.seed),
            (s.lesson, &s.preset_id, &s.model, 11)
        );
        let saved = AppState::from_saved(&s.to_saved());
        assert_eq!((&saved.model, &saved.draft), (&s.model, &s.model));
        assert_eq!((saved.seed, &saved.settings), (11, &s.settings));
    }
}

mod worker_replies {
    use super::*;

    #[test]
    fn the_worker_status_follows_ready_pong_and_silence() {
        let s = AppState::default();
        assert_eq!(s.worker, WorkerStatus::Connecting);
        let ready = reduce(&s, Action::WorkerReady);
        assert_eq!(
            ready.worker,
            WorkerStatus::Ready {
                round_trip_ms: None
            }
        );
        let pong = reduce(&ready, Action::WorkerPong { round_trip_ms: 3.0 });
        let measured = WorkerStatus::Ready {
            round_trip_ms: Some(3.0),
        };
        assert_eq!(pong.worker, measured);
        // A second Ready keeps the measured latency.
        let again = reduce(&pong, Action::WorkerReady);
        assert_eq!(again.worker, measured);
        let silent = reduce(&pong, Action::WorkerSilent(true));
        assert_eq!(silent.worker, WorkerStatus::Silent);
        let back = reduce(&silent, Action::WorkerSilent(false));
        assert_eq!(
            back.worker,
            WorkerStatus::Ready {
                round_trip_ms: None
            }
        );
        // Not silent: answering again changes nothing.
        assert_eq!(reduce(&pong, Action::WorkerSilent(false)).worker, measured);
    }

    #[test]
    fn the_status_line_names_the_state_and_the_round_trip() {
        let line = |w: WorkerStatus| (w.name(), w.line(Lang::En));
        assert_eq!(line(WorkerStatus::Connecting).0, "connecting");
        let (name, text) = line(WorkerStatus::Ready {
            round_trip_ms: Some(2.345),
        });
        assert_eq!(name, "ready");
        assert!(text.ends_with(" 2.3 ms)"), "{text}");
        let (_, plain) = line(WorkerStatus::Ready {
            round_trip_ms: None,
        });
        assert!(text.starts_with(&plain) && !plain.contains("ms"), "{plain}");
        assert_eq!(line(WorkerStatus::Silent).0, "silent");
        let outdated = line(WorkerStatus::Incompatible { protocol: 1 });
        assert_eq!(outdated.0, "incompatible");
        assert_ne!(outdated.1, plain);
        assert_ne!(
            WorkerStatus::Silent.line(Lang::Ko),
            WorkerStatus::Silent.line(Lang::En)
        );
    }

    #[test]
    fn a_worker_of_another_protocol_stays_untrusted() {
        let s = reduce(
            &AppState::default(),
            Action::WorkerIncompatible {
                protocol: PROTOCOL_VERSION + 1,
            },
        );
        let incompatible = WorkerStatus::Incompatible {
            protocol: PROTOCOL_VERSION + 1,
        };
        assert_eq!(s.worker, incompatible);
        let s = run(
            s,
            [
                Action::WorkerPong { round_trip_ms: 1.0 },
                Action::WorkerSilent(false),
            ],
        );
        assert_eq!(s.worker, incompatible);
    }

    #[test]
    fn opened_takes_the_worker_model_and_clears_the_run() {
        let s = run(
            AppState::default(),
            [
                Action::Loading(Loading {
                    lesson: LessonId::default(),
                    file: 1,
                    files: 2,
                    done: 10,
                    total: 0,
                }),
                progress(
                    5,
                    NewPoints {
                        loss: vec![(5, 1.0)],
                        ..NewPoints::default()
                    },
                ),
            ],
        );
        assert!(s.loading.is_some());
        assert_eq!(s.curves.loss.len(), 1);
        let mut model = s.model.clone();
        model.hidden_size += 1;
        let mut open = opened(&s, 3);
        if let Action::Opened { model: m, .. } = &mut open {
            *m = model.clone();
        }
        let next = reduce(&s, open);
        assert_eq!(next.loading, None);
        assert_eq!((&next.model, &next.draft), (&model, &model));
        assert_eq!((next.seed, next.train_examples), (3, 42));
        assert!(next.picker.is_some());
        assert_eq!(next.confirmed, Some((s.options.clone(), model)));
        assert!(next.curves.loss.is_empty());
        assert_eq!(next.progress, Progress::default());
        assert_eq!(next.measured_speed, None);
    }

    #[test]
    fn opened_keeps_an_edit_waiting_for_apply() {
        let s = AppState::default();
        let mut cfg = s.draft.clone();
        cfg.num_layers += 1;
        let s = reduce(&s, Action::EditModel(cfg.clone()));
        let next = reduce(&s, opened(&s, 1));
        assert_eq!(next.draft, cfg);
        assert!(next.rebuild_pending());
    }

    #[test]
    fn opened_tells_the_code_panel_the_corpus_size() {
        let s = AppState::default();
        assert_eq!(s.corpus, None);
        let next = reduce(&s, opened(&s, 1));
        assert_eq!(
            next.corpus,
            Some(CorpusSize {
                train: 60_000,
                test: 10_000
            })
        );
    }

    #[test]
    fn a_refused_open_returns_to_what_the_worker_confirmed() {
        let s = AppState::default();
        let confirmed = reduce(&s, opened(&s, 1));
        let mut cfg = confirmed.draft.clone();
        cfg.hidden_size = 3;
        let asked = run(
            confirmed.clone(),
            [Action::EditModel(cfg), Action::ApplyModel],
        );
        let refused = reduce(&asked, Action::OpenRefused);
        assert_eq!(refused.model, confirmed.model);
        assert_eq!(refused.draft, confirmed.model);
        assert_eq!(refused.options, confirmed.options);
        // Nothing confirmed yet: only the loading bar goes.
        let first = reduce(&s, Action::OpenRefused);
        assert_eq!(first.model, s.model);
    }

    #[test]
    fn progress_appends_points_by_update_and_by_epoch() {
        let s = reduce(
            &AppState::default(),
            progress(
                4,
                NewPoints {
                    loss: vec![(1, 2.0), (2, 1.5)],
                    grad_norm: vec![(1, 0.5), (2, 0.25)],
                    epochs: vec![epoch(1, 2, Some(1.25), Some(1))],
                    markers: vec![(1, "lr".into())],
                },
            ),
        );
        let c = &s.curves;
        assert_eq!(c.loss.len(), 2);
        assert_eq!(c.loss.last(), Some(1.5));
        assert_eq!(c.grad_norm.last(), Some(0.25));
        assert_eq!(c.epoch_val_loss.points()[0].x_first, 2, "by update");
        assert_eq!(c.by_epoch.held_out_loss.points()[0].x_first, 1, "by epoch");
        assert_eq!(c.by_epoch.held_out_accuracy.last(), Some(0.25));
        assert_eq!(c.epoch_train_accuracy.last(), Some(0.5));
        assert_eq!(c.best, Some((2, 1)));
        assert!(c.held_out_is_test);
        assert_eq!(c.markers, vec![(1, "lr".to_string())]);
        assert_eq!(s.progress.update, 4);
        assert_eq!(
            s.progress.new,
            NewPoints::default(),
            "points are not kept twice"
        );

        // An epoch without held-out numbers leaves the held-out flag and curves alone; a best
        // epoch that is not this one leaves `best`.
        let s = reduce(
            &s,
            progress(
                6,
                NewPoints {
                    epochs: vec![EpochPoint {
                        held_out_is_test: false,
                        ..epoch(2, 4, None, Some(1))
                    }],
                    ..NewPoints::default()
                },
            ),
        );
        assert!(s.curves.held_out_is_test);
        assert_eq!(s.curves.epoch_val_loss.len(), 1);
        assert_eq!(s.curves.epoch_train_loss.len(), 2);
        assert_eq!(s.curves.best, Some((2, 1)));
    }

    #[test]
    fn markers_are_bounded_and_the_speed_is_kept_while_paused() {
        let markers = (0..250).map(|i| (i, format!("m{i}"))).collect();
        let s = reduce(
            &AppState::default(),
            Action::Progress(Progress {
                examples_per_second: Some(120.0),
                new: NewPoints {
                    markers,
                    ..NewPoints::default()
                },
                ..Progress::default()
            }),
        );
        assert_eq!(s.curves.markers.len(), 200);
        assert_eq!(s.curves.markers[0].0, 50, "the oldest go first");
        assert_eq!(s.measured_speed, Some(120.0));
        let paused = reduce(&s, progress(0, NewPoints::default()));
        assert_eq!(paused.measured_speed, Some(120.0));
        // A progress without new points leaves the curves shared, not copied.
        assert!(Rc::ptr_eq(&paused.curves, &s.curves));
    }

    #[test]
    fn comparison_points_accumulate_until_a_new_comparison() {
        use rnn_playground::nn::CellKind;
        let part = |update, done, loss: f32| {
            Action::Compare(Box::new(CompareProgress {
                update,
                updates: 10,
                done,
                cells: vec![
                    CompareCurve {
                        cell: CellKind::Rnn,
                        new_losses: vec![(update, loss)],
                        grad_by_t: vec![loss; 3],
                    },
                    CompareCurve {
                        cell: CellKind::Gru,
                        new_losses: vec![(update, loss / 2.0)],
                        grad_by_t: vec![],
                    },
                ],
            }))
        };
        let s = run(
            AppState::default(),
            [part(1, false, 2.0), part(2, false, 1.0)],
        );
        let c = s.comparison.as_ref().unwrap();
        assert_eq!((c.update, c.updates, c.done), (2, 10, false));
        assert_eq!(c.cells.len(), 2);
        assert_eq!(c.cells[0].1.len(), 2);
        assert_eq!(c.cells[0].2, vec![1.0; 3], "the latest gradients by t");
        // A finished comparison, then one that starts again at update 1: afresh.
        let s = run(s, [part(3, true, 0.5), part(1, false, 4.0)]);
        let c = s.comparison.as_ref().unwrap();
        assert_eq!(c.update, 1);
        assert_eq!(c.cells[0].1.len(), 1);
    }

    #[test]
    fn traces_and_lesson_views_are_kept_one_per_kind() {
        use rnn_playground::lessons::char_model::{CharRequest, GenerateOptions};
        use rnn_playground::lessons::ViewRequest;
        let p = lessons::preset("char-fast-lstm").unwrap();
        let data = p.options.prepare(&Corpus::CharModel(())).unwrap();
        let session = Session::new(data, p.model, p.settings, 1).unwrap();
        let inspection = session.inspect(&session.picker().default).unwrap();
        let request = ViewRequest::CharModel(CharRequest::Generate(GenerateOptions::default()));
        let view = session.view(&request).unwrap();

        let s = run(
            AppState::default(),
            [
                Action::Inspection(Rc::new(inspection.clone())),
                Action::View(Rc::new(view.clone())),
                Action::View(Rc::new(view.clone())),
            ],
        );
        assert_eq!(s.inspection.as_deref(), Some(&inspection));
        assert_eq!(s.views.iter().count(), 1, "a new answer replaces its kind");
        assert_eq!(s.views.iter().next(), Some(&view));
    }

    #[test]
    fn arrived_tables_change_the_state_and_nothing_else() {
        let s = char_preset("char-fast-lstm");
        let next = run(s.clone(), [Action::TablesFetched, Action::TablesFetched]);
        assert_eq!(next.tables_fetched, s.tables_fetched + 2);
        let mut same = next.clone();
        same.tables_fetched = s.tables_fetched;
        assert_eq!(
            same, s,
            "the views that read the tables draw again; the model and run are kept"
        );
    }
}

mod notices {
    use super::*;

    fn note(level: Level, en: &str) -> Action {
        Action::Notify {
            level,
            text: Bilingual::new(en, format!("{en} (ko)")),
        }
    }

    #[test]
    fn notices_get_new_ids_and_a_repeat_is_shown_once() {
        let s = run(
            AppState::default(),
            [
                note(Level::Error, "a"),
                note(Level::Error, "a"),
                note(Level::Warning, "b"),
                note(Level::Info, "a"),
            ],
        );
        let texts: Vec<&str> = s.notices.iter().map(|n| n.text.en.as_str()).collect();
        assert_eq!(texts, ["a", "b", "a"], "only a repeat in a row is dropped");
        let ids: Vec<u64> = s.notices.iter().map(|n| n.id).collect();
        assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
        assert_eq!(s.notices[1].level, Level::Warning);
    }

    #[test]
    fn at_most_five_are_kept_and_dismiss_removes_one() {
        let s = run(
            AppState::default(),
            (0..7).map(|i| note(Level::Info, &format!("n{i}"))),
        );
        let texts: Vec<&str> = s.notices.iter().map(|n| n.text.en.as_str()).collect();
        assert_eq!(texts, ["n2", "n3", "n4", "n5", "n6"]);
        let id = s.notices[2].id;
        let s = reduce(&s, Action::Dismiss(id));
        assert_eq!(s.notices.len(), 4);
        assert!(s.notices.iter().all(|n| n.id != id));
        // An unknown id changes nothing.
        assert_eq!(reduce(&s, Action::Dismiss(u64::MAX)), s);
    }
}

mod tour {
    use super::*;

    /// The char lesson's first step that sets a preset and one that sets a timestep.
    fn steps() -> (usize, &'static str, usize) {
        let steps = LessonId::CharModel.tour();
        let (with_preset, id) = steps
            .iter()
            .enumerate()
            .find_map(|(i, s)| s.set.preset.map(|p| (i, p)))
            .expect("a char step with a preset");
        let with_focus = steps
            .iter()
            .position(|s| s.set.timestep.is_some())
            .expect("a char step with a timestep");
        (with_preset, id, with_focus)
    }

    #[test]
    fn a_step_opens_its_preset_over_an_untrained_model() {
        let (n, id, _) = steps();
        let s = char_preset("char-own-text-gru");
        assert_ne!(s.preset_id, id);
        let next = reduce(&s, Action::TourStep(n));
        assert_eq!(next.preset_id, id);
        assert_eq!(next.open_generation, s.open_generation + 1);
        assert_eq!(next.tour, Some(n));
    }

    #[test]
    fn a_step_leaves_a_trained_model_alone() {
        let (n, id, _) = steps();
        let trained = reduce(
            &char_preset("char-own-text-gru"),
            progress(12, NewPoints::default()),
        );
        let next = reduce(&trained, Action::TourStep(n));
        assert_ne!(next.preset_id, id, "the card offers the preset instead");
        assert_eq!(next.open_generation, trained.open_generation);
        assert_eq!(next.tour, Some(n));
        let running = reduce(
            &char_preset("char-own-text-gru"),
            Action::Progress(Progress {
                running: true,
                ..Progress::default()
            }),
        );
        assert_ne!(reduce(&running, Action::TourStep(n)).preset_id, id);
    }

    #[test]
    fn a_step_with_a_timestep_moves_the_inside_views() {
        let (_, _, n) = steps();
        let step = &LessonId::CharModel.tour()[n];
        let s = AppState::default();
        let next = reduce(&s, Action::TourStep(n));
        assert_eq!(next.focus.generation, s.focus.generation + 1);
        assert_eq!(next.focus.timestep, step.set.timestep);
        assert_eq!(next.focus.unit, step.set.unit);
        // A step without a focus leaves it.
        let plain = LessonId::CharModel
            .tour()
            .iter()
            .position(|s| {
                s.set.preset.is_none()
                    && s.set.timestep.is_none()
                    && s.set.unit.is_none()
                    && s.set.example.is_none()
            })
            .expect("a step that sets nothing");
        assert_eq!(reduce(&next, Action::TourStep(plain)).focus, next.focus);
    }

    #[test]
    fn answers_close_and_steps_past_the_end() {
        let s = run(
            AppState::default(),
            [Action::TourStep(0), Action::TourAnswer(2)],
        );
        assert_eq!((s.tour, s.tour_answer), (Some(0), Some(2)));
        let next = reduce(&s, Action::TourStep(1));
        assert_eq!(next.tour_answer, None, "a new step asks afresh");
        let closed = reduce(&s, Action::TourClose);
        assert_eq!((closed.tour, closed.tour_answer), (None, None));
        let past = LessonId::CharModel.tour().len();
        assert_eq!(reduce(&s, Action::TourStep(past)), s);
    }
}

/// The page's reading of each worker reply (`worker::replies::read`): the action it reduces, or
/// what the page does outside its state.
mod replies {
    use super::*;

    #[test]
    fn ready_is_trusted_only_in_the_pages_protocol() {
        assert_eq!(
            read(FromWorker::Ready {
                protocol: PROTOCOL_VERSION
            }),
            Reply::Action(Action::WorkerReady)
        );
        let other = read(FromWorker::Ready {
            protocol: PROTOCOL_VERSION + 1,
        });
        let Reply::Action(action) = other else {
            panic!("a reply of another protocol is still the page's state: {other:?}");
        };
        let s = reduce(&AppState::default(), action);
        assert_eq!(
            s.worker,
            WorkerStatus::Incompatible {
                protocol: PROTOCOL_VERSION + 1
            }
        );
    }

    #[test]
    fn pongs_crashes_and_files_are_not_state() {
        assert_eq!(
            read(FromWorker::Pong { nonce: 7 }),
            Reply::Pong { nonce: 7 }
        );
        assert_eq!(
            read(FromWorker::Crashed {
                message: "boom".into()
            }),
            Reply::Crashed("boom".into())
        );
        let model = read(FromWorker::Exported {
            name: "m.json".into(),
            json: "{}".into(),
        });
        assert_eq!(
            model,
            Reply::Save {
                name: "m.json".into(),
                text: "{}".into()
            }
        );
        let script = read(FromWorker::ExportedPytorch {
            name: "m.py".into(),
            text: "import torch".into(),
        });
        assert_eq!(
            script,
            Reply::Save {
                name: "m.py".into(),
                text: "import torch".into()
            }
        );
    }

    /// Every reply that is state reduces as the action of the same name did when the page
    /// matched the replies itself.
    #[test]
    fn state_replies_become_their_actions() {
        let s = char_preset("char-fast-lstm");
        let loading = read(FromWorker::Loading {
            lesson: s.lesson,
            file: 1,
            files: 4,
            done: 10,
            total: 20,
        });
        assert_eq!(
            loading,
            Reply::Action(Action::Loading(Loading {
                lesson: s.lesson,
                file: 1,
                files: 4,
                done: 10,
                total: 20,
            }))
        );
        let Action::Opened {
            summary,
            model,
            seed,
            picker,
            examples,
            corpus,
        } = opened(&s, 9)
        else {
            unreachable!()
        };
        let reply = read(FromWorker::Opened {
            summary,
            model,
            seed,
            examples,
            picker,
            corpus,
        });
        assert_eq!(reply, Reply::Action(opened(&s, 9)));
        assert_eq!(
            read(FromWorker::OpenRefused),
            Reply::Action(Action::OpenRefused)
        );
        let p = Progress {
            update: 3,
            ..Progress::default()
        };
        assert_eq!(
            read(FromWorker::Progress(p.clone())),
            Reply::Action(Action::Progress(p))
        );
        let text = Bilingual::new("hi".to_string(), "안녕".to_string());
        assert_eq!(
            read(FromWorker::Notice {
                level: Level::Warning,
                text: text.clone()
            }),
            Reply::Action(Action::Notify {
                level: Level::Warning,
                text
            })
        );
        let compare = Box::new(CompareProgress {
            update: 1,
            updates: 2,
            done: false,
            cells: vec![],
        });
        assert_eq!(
            read(FromWorker::Compare(compare.clone())),
            Reply::Action(Action::Compare(compare))
        );
    }
}
