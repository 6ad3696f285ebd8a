//! Guided lessons: every step is written in both languages, sets only what exists in its
//! lesson, and its "predict, then see" questions are answered from the live model's traces.

use rnn_playground::data::mnist::SUBSET_FILES;
use rnn_playground::lessons::{
    preset, Corpus, ExampleRef, LessonId, LessonOptions, MnistData, MnistOptions, Split,
};
use rnn_playground::nn::Gate;
use rnn_playground::train::Session;
use rnn_playground::ui::tour::{answer, Reveal};

fn hangul(s: &str) -> bool {
    s.chars().any(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))
}

fn session(id: &str, options: LessonOptions) -> Session {
    let p = preset(id).unwrap();
    let corpus = match options.lesson() {
        LessonId::MnistRows => {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/mnist");
            let f: Vec<Vec<u8>> = SUBSET_FILES
                .iter()
                .map(|n| std::fs::read(dir.join(n)).unwrap())
                .collect();
            Corpus::MnistRows(MnistData::from_headerless(&f[0], &f[1], &f[2], &f[3]).unwrap())
        }
        other => other.parse_corpus(&[]).unwrap(),
    };
    Session::new(options.prepare(&corpus).unwrap(), p.model, p.settings, 0).unwrap()
}

#[test]
fn every_lesson_has_a_tour_written_in_both_languages() {
    for &lesson in LessonId::ALL {
        let steps = lesson.tour();
        assert!(steps.len() >= 5, "{lesson:?} has {} steps", steps.len());
        for (i, step) in steps.iter().enumerate() {
            let mut texts = vec![step.title, step.text];
            texts.extend(step.action);
            if let Some(ask) = step.ask {
                texts.push(ask.question);
                texts.extend(ask.choices);
            }
            for t in texts {
                assert!(
                    !t.en.is_empty() && !hangul(t.en),
                    "{lesson:?} step {i}: {}",
                    t.en
                );
                assert!(hangul(t.ko), "{lesson:?} step {i} has no Korean: {}", t.ko);
                // What to do works with touch and a keyboard too: never "hover".
                assert!(
                    !t.en.to_lowercase().contains("hover") && !t.ko.contains("마우스를 올"),
                    "{lesson:?} step {i} asks to hover: {} / {}",
                    t.en,
                    t.ko
                );
            }
            assert!(!step.target.is_empty());
        }
    }
}

/// A step that asks to pick a heatmap cell says how with the keyboard too, in both languages
/// and with the course's word for a timestep.
#[test]
fn a_step_that_picks_a_heatmap_cell_says_how_with_the_keyboard() {
    use rnn_playground::ui::glossary::TIMESTEP;
    let mut seen = 0;
    for &lesson in LessonId::ALL {
        for step in lesson.tour() {
            let Some(action) = step.action else { continue };
            if !action.en.contains("heatmap") {
                continue;
            }
            seen += 1;
            assert!(
                action.en.contains("Tab") && action.en.contains("↑/↓"),
                "{}",
                action.en
            );
            assert!(action.en.contains(TIMESTEP.en), "{}", action.en);
            assert!(
                action.ko.contains("탭 키") && action.ko.contains("↑/↓"),
                "{}",
                action.ko
            );
            assert!(action.ko.contains(TIMESTEP.ko), "{}", action.ko);
        }
    }
    assert!(seen >= 1, "no step asks to pick a heatmap cell");
}

#[test]
fn tour_steps_open_only_presets_of_their_lesson_and_ask_about_gates_the_cell_has() {
    for &lesson in LessonId::ALL {
        let steps = lesson.tour();
        // The first step opens a preset, so every later step knows which model is open.
        let mut open = steps[0].set.preset.map(|id| preset(id).unwrap());
        assert!(open.is_some(), "{lesson:?}: the first step opens a preset");
        for (i, step) in steps.iter().enumerate() {
            if let Some(id) = step.set.preset {
                let p = preset(id).unwrap_or_else(|| panic!("{lesson:?} step {i}: no preset {id}"));
                assert_eq!(p.lesson, lesson, "{lesson:?} step {i} opens {id}");
                open = Some(p);
            }
            if let Some(ask) = step.ask {
                if let Reveal::GateAt { gate, .. } = ask.reveal {
                    let cell = open.as_ref().unwrap().model.cell;
                    assert!(
                        cell.gates().contains(&gate),
                        "{lesson:?} step {i} asks about {gate} of a {cell:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn forget_gate_question_is_answered_from_the_trace_at_the_first_space() {
    let mut s = session(
        "char-course-lstm",
        preset("char-course-lstm").unwrap().options,
    );
    for _ in 0..30 {
        s.step().unwrap();
    }
    let insp = s
        .inspect(&ExampleRef::Span {
            start: 0,
            len: None,
        })
        .unwrap();
    let t = insp.input_labels.iter().position(|l| l == "␣").unwrap();
    assert_eq!(t, 6, "⟨s⟩ h e l l o ␣");
    let forget = insp.forward.directions[0].steps[t]
        .gates
        .iter()
        .find(|g| g.gate == Gate::Forget)
        .unwrap();
    let units = forget.activation.cols;
    let mean = (0..units)
        .map(|u| f64::from(forget.activation.get(0, u).unwrap()))
        .sum::<f64>()
        / units as f64;
    let a = answer(
        Reveal::GateAt {
            gate: Gate::Forget,
            label: "␣",
        },
        &insp,
    )
    .unwrap();
    assert!((a.value - mean).abs() < 1e-12);
    let expected = if mean < 0.35 {
        0
    } else if mean < 0.65 {
        1
    } else {
        2
    };
    assert_eq!(a.right, expected);
    assert!(a.said.en.contains("t = 6") && hangul(&a.said.ko));
    // A gate the cell does not have has no answer (no made-up number).
    let none = Reveal::GateAt {
        gate: Gate::Update,
        label: "␣",
    };
    assert_eq!(answer(none, &insp), None);
}

#[test]
fn vanishing_question_finds_the_plain_rnn_gradient_gone_by_row_zero() {
    let options = LessonOptions::MnistRows(MnistOptions {
        train_limit: Some(200),
        test_limit: Some(50),
        validation: 0,
        ..MnistOptions::default()
    });
    let s = session("mnist-course-rnn", options);
    let insp = s
        .inspect(&ExampleRef::Item {
            split: Split::Test,
            index: 0,
        })
        .unwrap();
    let norms: Vec<f32> = insp.backward.directions[0]
        .steps
        .iter()
        .map(|st| st.dh_norm)
        .collect();
    let a = answer(Reveal::Vanishing, &insp).unwrap();
    let max = norms.iter().copied().fold(0.0f32, f32::max);
    assert!((a.value - f64::from(max) / f64::from(norms[0])).abs() / a.value < 1e-6);
    // 2 × 128 tanh units with PyTorch's initialisation: the gradient shrinks by far more
    // than 100 over 27 rows.
    assert_eq!(a.right, 1, "factor {}", a.value);
}

/// The evidence a session's own history gives (what the page's curves hold).
fn evidence(s: &Session) -> rnn_playground::ui::claims::Evidence<'_> {
    let h = s.history();
    rnn_playground::ui::claims::Evidence {
        loss: Some(&h.loss),
        epoch_train_loss: Some(&h.epoch_train_loss),
        epoch_val_loss: Some(&h.epoch_val_loss),
        epoch_val_accuracy: Some(&h.epoch_val_accuracy),
        early_stopped: s.stopped_at(),
        ..Default::default()
    }
}

#[test]
fn char_steps_claims_hold_after_doing_what_they_say() {
    use rnn_playground::ui::claims::check;
    let steps = LessonId::CharModel.tour();
    let p = preset("char-course-rnn").unwrap();
    let mut s = session("char-course-rnn", p.options.clone());
    // "Press Step five times."
    let five = steps[2].claim.unwrap();
    for _ in 0..5 {
        s.step().unwrap();
    }
    assert!(
        check(five, &evidence(&s)).holds,
        "{:?}",
        check(five, &evidence(&s))
    );
    // "Press Play": the run of the course's epochs.
    let run = steps[3].claim.unwrap();
    while s.epoch() < s.settings().epochs {
        s.step().unwrap();
    }
    let c = check(run, &evidence(&s));
    assert!(c.holds, "{}", c.said.en);
}

/// The review tour's step that opens the overfitting preset.
fn overfitting_step(steps: &[rnn_playground::ui::tour::TourStep]) -> usize {
    steps
        .iter()
        .position(|st| st.set.preset == Some("sentiment-overfit-lstm"))
        .expect("a step opens the overfitting preset")
}

#[test]
fn sentiment_overfitting_and_early_stopping_are_seen_on_the_steps_preset() {
    use rnn_playground::ui::claims::check;
    let steps = LessonId::Sentiment.tour();
    let overfit = overfitting_step(&steps);
    let p = preset("sentiment-overfit-lstm").unwrap();
    let corpus = rnn_playground::lessons::shipped_corpus(
        LessonId::Sentiment,
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets"),
    )
    .unwrap();
    for seed in [0, 1, 2, 3] {
        let mut s = Session::new(
            p.options.clone().prepare(&corpus).unwrap(),
            p.model.clone(),
            p.settings.clone(),
            seed,
        )
        .unwrap();
        // Play until the run ends (its epochs, or early stopping).
        while !s.is_stopped() && s.epoch() < s.settings().epochs {
            s.run_epoch().unwrap();
        }
        for step in &steps[overfit..=overfit + 1] {
            let c = check(step.claim.unwrap(), &evidence(&s));
            assert!(c.holds, "seed {seed}: {}", c.said.en);
        }
    }
}

#[test]
fn korean_tour_texts_write_the_courses_korean_terms() {
    use rnn_playground::ui::glossary::english_terms_in;
    for &lesson in LessonId::ALL {
        for (i, step) in lesson.tour().iter().enumerate() {
            let mut texts = vec![step.title, step.text];
            texts.extend(step.action);
            if let Some(ask) = step.ask {
                texts.push(ask.question);
                texts.extend(ask.choices);
            }
            for t in texts {
                let found = english_terms_in(t.ko);
                assert!(
                    found.is_empty(),
                    "{lesson:?} step {i}: {found:?} in {}",
                    t.ko
                );
                for word in ["Step", "Play"] {
                    assert!(
                        !t.ko.contains(word),
                        "{lesson:?} step {i}: “{word}” in {}",
                        t.ko
                    );
                }
            }
        }
    }
}

#[test]
fn a_link_to_a_step_opens_the_preset_a_walk_from_the_start_would_have_open() {
    use rnn_playground::ui::tour::preset_at;
    let steps = LessonId::Sentiment.tour();
    let overfit = overfitting_step(&steps);
    assert_eq!(preset_at(&steps, 0), steps[0].set.preset);
    assert_eq!(preset_at(&steps, overfit), Some("sentiment-overfit-lstm"));
    // A later step that opens nothing keeps the one before it.
    assert_eq!(
        preset_at(&steps, overfit + 1),
        Some("sentiment-overfit-lstm")
    );
}

#[test]
fn korean_particles_after_cell_names_follow_how_they_are_read() {
    // RNN(알엔엔) and LSTM(엘에스티엠) end in a consonant, GRU(지알유) in a vowel.
    let wrong = [
        "GRU이 ",
        "GRU은 ",
        "GRU을 ",
        "GRU과 ",
        "RNN가 ",
        "RNN는 ",
        "RNN를 ",
        "RNN와 ",
        "LSTM가 ",
        "LSTM는 ",
        "LSTM를 ",
        "LSTM와 ",
        "GRU으로",
        "LSTM로 ",
        "RNN로 ",
    ];
    let mut texts: Vec<String> = Vec::new();
    for p in rnn_playground::lessons::presets() {
        texts.push(p.name.ko.to_string());
        texts.push(p.description.ko.to_string());
    }
    for &lesson in LessonId::ALL {
        for step in lesson.tour() {
            texts.extend([step.title.ko, step.text.ko].map(String::from));
            texts.extend(step.action.map(|a| a.ko.to_string()));
        }
    }
    for t in &texts {
        for w in wrong {
            assert!(!t.contains(w), "“{}” in {t}", w.trim());
        }
    }
    assert!(texts.iter().any(|t| t.contains("GRU가 ")));
}

#[test]
fn series_better_than_yesterday_is_seen_on_the_steps_preset_and_not_on_the_random_walk() {
    use rnn_playground::lessons::{view_evidence, SeriesData};
    use rnn_playground::ui::claims::{check, Claim};
    let steps = LessonId::TimeSeries.tour();
    let step = steps
        .iter()
        .find(|st| st.claim == Some(Claim::BeatsPersistence))
        .expect("a step claims the model beats persistence");
    let id = step.set.preset.expect("the step opens its own preset");
    let p = preset(id).unwrap();
    let errors = |s: &Session| {
        let d = s.lesson_data::<SeriesData>().unwrap();
        let v = rnn_playground::lessons::View::TimeSeries(
            rnn_playground::lessons::time_series::SeriesAnswer::Predictions(
                d.predictions(s.network(), s.status().update, true).unwrap(),
            ),
        );
        view_evidence([&v], &LessonOptions::TimeSeries(d.options.clone()))
    };
    for seed in [0, 1, 2] {
        let mut s = Session::new(
            p.options.clone().prepare(&Corpus::TimeSeries(())).unwrap(),
            p.model.clone(),
            p.settings.clone(),
            seed,
        )
        .unwrap();
        // "Press Play": the preset's run.
        while s.epoch() < s.settings().epochs {
            s.run_epoch().unwrap();
        }
        let (series, _) = errors(&s);
        let ev = rnn_playground::ui::claims::Evidence {
            series_errors: series,
            ..Default::default()
        };
        let c = check(Claim::BeatsPersistence, &ev);
        assert!(c.holds, "{id} seed {seed}: {}", c.said.en);
    }
    // The course's RNN on the synthetic stock table (a random walk) after its 301 epochs:
    // persistence stays ahead, as the step says.
    let course = preset("series-course-rnn").unwrap();
    let mut s = session("series-course-rnn", course.options.clone());
    while s.epoch() < s.settings().epochs {
        s.run_epoch().unwrap();
    }
    let (series, _) = errors(&s);
    let (model, persistence) = series.unwrap();
    assert!(
        model > persistence,
        "model {model}, persistence {persistence}"
    );
    // And the page's verdict says so in words.
    let d = s.lesson_data::<SeriesData>().unwrap();
    let p = d.predictions(s.network(), s.status().update, true).unwrap();
    let v = rnn_playground::lessons::time_series::Verdict::of(&p);
    eprintln!(
        "course RNN on the stock table: {:?}: {}",
        v,
        v.sentence().en
    );
    assert!(
        matches!(v.key(), "worse-than-persistence" | "better-than-mean-only"),
        "{v:?}"
    );
}
