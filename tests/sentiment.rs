//! The review-sentiment lesson end to end: the shipped NSMC reviews, the vocabulary and its
//! coverage, the course's split and early stopping, per-token probabilities, typed reviews,
//! refused options and files, and the accuracy target.

use std::path::Path;
use std::time::Instant;

use rnn_playground::lessons::sentiment::tokens::{Side, Tokens, OOV, PAD};
use rnn_playground::lessons::sentiment::{
    SentimentAnswer, SentimentData, SentimentOptions, SentimentRequest,
};
use rnn_playground::lessons::{
    preset, shipped_corpus, Corpus, DataFile, ExampleRef, InputEncoding, InspectionDetail,
    LessonId, LessonOptions, Split, View, ViewRequest,
};
use rnn_playground::nn::{CellKind, NetworkConfig};
use rnn_playground::train::{Session, TrainError, TrainSettings};

fn reviews() -> Corpus {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets");
    shipped_corpus(LessonId::Sentiment, &assets).unwrap()
}

fn session_with(
    corpus: &Corpus,
    options: SentimentOptions,
    model: NetworkConfig,
    settings: TrainSettings,
) -> Result<Session, TrainError> {
    let data = LessonOptions::Sentiment(options).prepare(corpus)?;
    Session::new(data, model, settings, 0)
}

fn small(corpus: &Corpus, options: SentimentOptions) -> Session {
    let p = preset("sentiment-fast-lstm").unwrap();
    let options = SentimentOptions {
        train_limit: Some(500),
        ..options
    };
    session_with(corpus, options, p.model, p.settings).unwrap()
}

fn lesson(s: &Session) -> &SentimentData {
    s.lesson_data::<SentimentData>().unwrap()
}

fn ask(s: &Session, r: SentimentRequest) -> Result<SentimentAnswer, TrainError> {
    match s.view(&ViewRequest::Sentiment(r))? {
        View::Sentiment(a) => Ok(a),
        v => panic!("{v:?}"),
    }
}

#[test]
fn the_shipped_reviews_load_and_syllables_cover_far_more_than_words() {
    let corpus = reviews();
    assert_eq!(corpus.summary(), "10000 training and 2000 test reviews");
    let s = small(&corpus, SentimentOptions::default());
    let syllables = lesson(&s).vocab.coverage;
    let s = small(
        &corpus,
        SentimentOptions {
            tokens: Tokens::Word,
            ..SentimentOptions::default()
        },
    );
    let words = lesson(&s).vocab.coverage;
    // On the whole 8,000 training reviews: about 95% and 27% (checked by the accuracy test);
    // on 400 reviews the gap is the same lesson.
    assert!(syllables > 0.9 && words < 0.5, "{syllables} vs {words}");
}

#[test]
fn twenty_percent_of_the_training_reviews_are_held_out_for_validation() {
    let corpus = reviews();
    let p = preset("sentiment-fast-lstm").unwrap();
    let s = session_with(&corpus, SentimentOptions::default(), p.model, p.settings).unwrap();
    let d = lesson(&s);
    assert_eq!(
        (d.train.len(), d.validation.len(), d.test.len()),
        (8_000, 2_000, 2_000)
    );
    assert_eq!(d.train.ids.dim(), (8_000, 100));
    assert_eq!(d.vocab.len(), 500);
    assert!(
        (d.vocab.coverage - 0.95).abs() < 0.01,
        "{}",
        d.vocab.coverage
    );
    // The split is the same every time (seeded like the course's random_state).
    let again = session_with(
        &corpus,
        SentimentOptions::default(),
        p_model(),
        TrainSettings::default(),
    )
    .unwrap();
    assert_eq!(lesson(&again).validation.texts, d.validation.texts);
    // Pre-padding: a short review ends at the last step.
    let short = d
        .train
        .labels
        .iter()
        .zip(d.train.ids.rows())
        .find(|(_, r)| r[0] == PAD);
    let (_, row) = short.expect("some review is shorter than 100 syllables");
    assert_ne!(row[99], PAD);
}

fn p_model() -> NetworkConfig {
    preset("sentiment-fast-lstm").unwrap().model
}

#[test]
fn one_hot_and_embedding_models_fit_the_vocabulary_and_keras_sizes() {
    let corpus = reviews();
    let course = preset("sentiment-course-onehot-rnn").unwrap();
    let s = session_with(
        &corpus,
        SentimentOptions {
            train_limit: Some(200),
            num_words: 300,
            ..SentimentOptions::default()
        },
        course.model,
        course.settings,
    )
    .unwrap();
    let m = s.model();
    assert_eq!((m.input_size, m.vocab_size, m.output_size), (300, None, 1));
    // SimpleRNN(8) on 300 one-hot inputs: PyTorch 2,480 (Keras 2,472: one bias vector).
    assert_eq!(s.status().num_params - (8 + 1), 2_480);
    let emb = InputEncoding::Embedding { dim: 16 }.apply(m);
    let s = session_with(
        &corpus,
        SentimentOptions {
            train_limit: Some(200),
            num_words: 300,
            ..SentimentOptions::default()
        },
        emb,
        TrainSettings::default(),
    )
    .unwrap();
    assert_eq!(
        (s.model().input_size, s.model().vocab_size),
        (16, Some(300))
    );
    // Embedding(300, 16) = 4,800 as in the course's summary, then the RNN on 16 inputs.
    assert_eq!(s.status().num_params, 4_800 + (8 * 16 + 8 * 8 + 16) + 9);
}

#[test]
fn a_review_is_read_token_by_token_and_the_last_probability_is_the_answer() {
    let corpus = reviews();
    let mut s = small(&corpus, SentimentOptions::default());
    s.run_epoch().unwrap();
    let SentimentAnswer::Review(r) = ask(
        &s,
        SentimentRequest::Review {
            split: Split::Test,
            index: 3,
        },
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(r.method, "head_on_each_step");
    assert_eq!(r.count, 2_000);
    assert!(r.label.is_some());
    let joined: String = r.tokens.iter().map(|t| t.token.as_str()).collect();
    let no_space: String = r.text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(no_space.ends_with(&joined), "{joined} / {no_space}");
    let last = r.tokens.last().unwrap().p;
    assert!(
        (last - r.p_positive).abs() < 1e-5,
        "{last} vs {}",
        r.p_positive
    );

    // A bidirectional model reads every prefix; the whole review is the last prefix.
    let bi = NetworkConfig {
        bidirectional: true,
        ..p_model()
    };
    let s2 = session_with(
        &corpus,
        SentimentOptions {
            train_limit: Some(300),
            ..SentimentOptions::default()
        },
        bi,
        TrainSettings::default(),
    )
    .unwrap();
    let SentimentAnswer::Review(r) = ask(
        &s2,
        SentimentRequest::Review {
            split: Split::Test,
            index: 3,
        },
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(r.method, "each_prefix");
    assert!((r.tokens.last().unwrap().p - r.p_positive).abs() < 1e-5);

    // The inside views follow the same review, with its syllables along the time axis.
    let ins = s
        .inspect(&ExampleRef::Item {
            split: Split::Test,
            index: 3,
        })
        .unwrap();
    assert_eq!(ins.input_labels.len(), 100);
    assert_eq!(
        ins.input_labels.last().unwrap(),
        &joined.chars().last().unwrap().to_string()
    );
    assert!(matches!(ins.detail, InspectionDetail::Sentiment(_)));
}

#[test]
fn a_typed_review_shows_unknown_tokens_and_empty_ones_are_refused() {
    let corpus = reviews();
    let s = small(&corpus, SentimentOptions::default());
    let SentimentAnswer::Typed(r) = ask(
        &s,
        SentimentRequest::Typed {
            text: "정말 재밌어요 鬱".into(),
        },
    )
    .unwrap() else {
        panic!()
    };
    assert_eq!(r.tokens.len(), 7);
    assert_eq!(
        r.tokens[6].id, OOV,
        "a character no review uses is outside the vocabulary"
    );
    assert!(r.label.is_none());
    let e = ask(&s, SentimentRequest::Typed { text: "   ".into() }).unwrap_err();
    assert!(e.to_string().contains("type a review"), "{e}");
    // The inside views can follow a typed review too (its prediction is the target).
    let ins = s
        .inspect(&ExampleRef::Typed {
            text: "최고의 영화".into(),
            label: None,
        })
        .unwrap();
    assert!(ins.loss.is_finite());
}

#[test]
fn out_of_range_options_are_refused_with_the_allowed_range() {
    let corpus = reviews();
    for (options, field, range) in [
        (
            SentimentOptions {
                num_words: 2,
                ..Default::default()
            },
            "num_words",
            "3 and 20000",
        ),
        (
            SentimentOptions {
                maxlen: 0,
                ..Default::default()
            },
            "maxlen",
            "1 and 500",
        ),
        (
            SentimentOptions {
                maxlen: 501,
                ..Default::default()
            },
            "maxlen",
            "1 and 500",
        ),
        (
            SentimentOptions {
                validation: 0.9,
                ..Default::default()
            },
            "validation",
            "0.5",
        ),
    ] {
        let e = session_with(&corpus, options, p_model(), TrainSettings::default()).unwrap_err();
        let text = e.to_string();
        assert!(text.contains(field) && text.contains(range), "{text}");
    }
}

#[test]
fn post_padding_and_post_truncating_follow_keras() {
    let corpus = reviews();
    let s = small(
        &corpus,
        SentimentOptions {
            maxlen: 10,
            padding: Side::Post,
            truncating: Side::Post,
            ..SentimentOptions::default()
        },
    );
    let d = lesson(&s);
    let text = &d.test.texts[0];
    let ids = d.vocab.encode(text);
    let row = d.test.ids.row(0).to_vec();
    if ids.len() >= 10 {
        assert_eq!(row, ids[..10].to_vec(), "the first 10 tokens are kept");
    } else {
        assert_eq!(&row[..ids.len()], &ids[..]);
        assert!(row[ids.len()..].iter().all(|&i| i == PAD));
    }
}

#[test]
fn review_files_with_bad_lines_are_refused_and_change_nothing() {
    let file = |name: &str, text: &str| DataFile {
        name: name.into(),
        bytes: text.as_bytes().to_vec(),
    };
    let e = LessonId::Sentiment
        .parse_corpus(&[
            file(
                "ratings_train.txt",
                "id\tdocument\tlabel\n1\t좋다\t1\n2\t별로\t7\n",
            ),
            file("ratings_test.txt", "id\tdocument\tlabel\n1\t좋다\t1\n"),
        ])
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "ratings_train.txt, line 3: the label `7` is not 0/1 or positive/negative"
    );
    let e = LessonId::Sentiment
        .parse_corpus(&[file("reviews.csv", "title,score\na,1\n")])
        .unwrap_err();
    assert!(e
        .to_string()
        .starts_with("reviews.csv: the first line should name the columns"));
}

/// The target: Embedding(500, 16) → LSTM 8 on syllables, maxlen 100, trained on the
/// shipped 10k (8k after the validation split): at least 75% on the shipped 2k test reviews.
#[test]
fn the_fast_preset_reaches_75_percent_on_the_test_reviews() {
    let corpus = reviews();
    let p = preset("sentiment-fast-lstm").unwrap();
    assert_eq!(
        (
            p.model.cell,
            p.model.hidden_size,
            p.model.vocab_size,
            p.model.input_size
        ),
        (CellKind::Lstm, 8, Some(1), 16)
    );
    let t = Instant::now();
    let mut s = session_with(&corpus, SentimentOptions::default(), p.model, p.settings).unwrap();
    let mut best = None;
    for _ in 0..s.settings().epochs {
        let r = s.run_epoch().unwrap();
        best = r.best_epoch;
        if r.stopped {
            break;
        }
    }
    let SentimentAnswer::Report(rep) = ask(&s, SentimentRequest::Report).unwrap() else {
        panic!()
    };
    eprintln!(
        "sentiment fast preset: {:.1}% test accuracy, best epoch {best:?}, {} epochs in {:.1} s",
        rep.accuracy * 100.0,
        s.epoch(),
        t.elapsed().as_secs_f64()
    );
    assert!(rep.accuracy >= 0.75, "test accuracy {}", rep.accuracy);
    assert_eq!(rep.examples, 2_000);
    let total: u32 = rep.confusion.iter().flatten().sum();
    assert_eq!(total, 2_000);
    assert!(best.is_some(), "early stopping tracks the best epoch");
}

/// Early stopping restores the best epoch: after a stop, the validation loss is that epoch's.
#[test]
fn early_stopping_restores_the_weights_of_the_best_epoch() {
    let corpus = reviews();
    let p = preset("sentiment-fast-lstm").unwrap();
    let options = SentimentOptions {
        train_limit: Some(1_000),
        ..SentimentOptions::default()
    };
    let settings = TrainSettings {
        early_stopping: Some(rnn_playground::train::EarlyStopping {
            patience: 1,
            min_delta: 0.0,
        }),
        ..p.settings
    };
    let mut s = session_with(&corpus, options, p.model, settings).unwrap();
    let mut val_loss_by_epoch = Vec::new();
    let (best, stopped_at) = loop {
        let r = s.run_epoch().unwrap();
        let eval = r.eval.as_ref().unwrap();
        val_loss_by_epoch.push(eval.validation.as_ref().unwrap().loss);
        if r.stopped {
            break (r.best_epoch.unwrap(), r.epoch);
        }
        assert!(
            r.epoch < 40,
            "a 1,000-review run overfits well before 40 epochs"
        );
    };
    assert!(stopped_at > best);
    let now = s.evaluate().unwrap().validation.unwrap().loss;
    let at_best = val_loss_by_epoch[best as usize - 1];
    assert!((now - at_best).abs() < 1e-9, "{now} vs {at_best}");
    assert!(matches!(s.step(), Err(TrainError::Stopped { .. })));
}

mod embedding_map {
    use super::*;
    use rnn_playground::lessons::sentiment::{MAP_TOKENS, NEAREST};

    #[test]
    fn a_learned_embedding_maps_the_most_frequent_tokens_and_lists_the_nearest() {
        let corpus = reviews();
        let mut s = small(&corpus, SentimentOptions::default());
        assert!(
            s.model().vocab_size.is_some(),
            "the fast preset reads an embedding"
        );
        s.run_epoch().unwrap();
        let SentimentAnswer::Embedding(map) =
            ask(&s, SentimentRequest::Embedding { token: Some(5) }).unwrap()
        else {
            panic!("an embedding map")
        };
        assert!(map.learned);
        assert_eq!(map.dim, s.model().input_size);
        assert_eq!(map.points.len(), MAP_TOKENS);
        let l = lesson(&s);
        for (k, p) in map.points.iter().enumerate() {
            assert_eq!(
                p.id,
                k + 2,
                "the most frequent first, after padding and ⟨?⟩"
            );
            assert_eq!(p.label, l.vocab.word(p.id));
            assert!(p.xy.iter().all(|v| v.is_finite()));
        }
        let [a, b] = map.explained;
        assert!(a >= b && b > 0.0 && a + b <= 1.0 + 1e-9, "{a} {b}");
        let near = map.nearest.expect("the nearest tokens");
        assert_eq!((near.id, near.label.as_str()), (5, l.vocab.word(5)));
        assert_eq!(near.tokens.len(), NEAREST);
        assert!(near.tokens.iter().all(|(_, id, _)| *id != 5 && *id >= 2));
        assert!(near
            .tokens
            .windows(2)
            .all(|w| w[0].2 >= w[1].2 && w[0].2 <= 1.0 + 1e-6));
        // The similarity is the embedding's: recompute the first one from the weights.
        let e = s.network().params().embedding.as_ref().unwrap();
        let (_, j, c) = near.tokens[0];
        let want = rnn_playground::lessons::embedding::cosine(e.row(5), e.row(j));
        assert!((c - want).abs() < 1e-6);
    }

    #[test]
    fn a_one_hot_model_has_no_learned_map() {
        let corpus = reviews();
        let p = preset("sentiment-fast-lstm").unwrap();
        let model = InputEncoding::OneHot.apply(&p.model);
        let s = session_with(
            &corpus,
            SentimentOptions {
                train_limit: Some(200),
                ..SentimentOptions::default()
            },
            model,
            p.settings,
        )
        .unwrap();
        let SentimentAnswer::Embedding(map) =
            ask(&s, SentimentRequest::Embedding { token: None }).unwrap()
        else {
            panic!("an embedding map")
        };
        assert!(!map.learned && map.points.is_empty() && map.nearest.is_none());
    }
}

/// The course's `model.summary()` of tutorial 04, computed from the model each course preset
/// builds (Keras: one bias vector for SimpleRNN, two for GRU with `reset_after=True`).
#[test]
fn the_keras_summary_of_the_course_models_matches_the_courses_totals() {
    use rnn_playground::worker::messages::ModelSummary;
    let corpus = reviews();
    let summary = |id: &str| {
        let p = preset(id).unwrap();
        let LessonOptions::Sentiment(o) = p.options else {
            panic!("{id} is not a review preset")
        };
        let s = session_with(
            &corpus,
            SentimentOptions {
                train_limit: Some(200),
                ..o
            },
            p.model,
            p.settings,
        )
        .unwrap();
        let k = ModelSummary::of(s.network())
            .keras
            .expect("a Keras summary");
        let rows: Vec<(String, String, usize)> = k
            .layers
            .iter()
            .map(|l| (l.label(), l.output_text(), l.params))
            .collect();
        (rows, k.total, k.pytorch_total, s.status().num_params)
    };
    let (rows, keras, pytorch, built) = summary("sentiment-course-embedding-rnn");
    assert_eq!(
        rows,
        [
            (
                "embedding (Embedding)".to_string(),
                "(None, 100, 16)".to_string(),
                4_800
            ),
            (
                "simple_rnn (SimpleRNN)".to_string(),
                "(None, 8)".to_string(),
                200
            ),
            ("dense (Dense)".to_string(), "(None, 1)".to_string(), 9),
        ]
    );
    assert_eq!(keras, 5_009);
    assert_eq!(
        (pytorch, built),
        (5_017, 5_017),
        "PyTorch's second bias: 8 more"
    );
    let (rows, keras, pytorch, built) = summary("sentiment-course-gru");
    assert_eq!(
        rows,
        [
            (
                "embedding (Embedding)".to_string(),
                "(None, 100, 16)".to_string(),
                8_000
            ),
            ("gru (GRU)".to_string(), "(None, 8)".to_string(), 624),
            ("dense (Dense)".to_string(), "(None, 1)".to_string(), 9),
        ]
    );
    assert_eq!(keras, 8_633);
    assert_eq!((pytorch, built), (8_633, 8_633), "GRU: two biases in both");
    // One-hot input: no Embedding layer, SimpleRNN(8) on 300 inputs.
    let (rows, keras, pytorch, _) = summary("sentiment-course-onehot-rnn");
    assert_eq!(
        rows[0],
        (
            "simple_rnn (SimpleRNN)".to_string(),
            "(None, 8)".to_string(),
            2_472
        )
    );
    assert_eq!((keras, pytorch), (2_481, 2_489));
    // Two LSTM layers: the lower one returns sequences.
    let (rows, keras, _, _) = summary("sentiment-course-lstm-2layers");
    assert_eq!(
        rows[1],
        ("lstm (LSTM)".to_string(), "(None, 100, 8)".to_string(), 800)
    );
    assert_eq!(
        rows[2],
        ("lstm_1 (LSTM)".to_string(), "(None, 8)".to_string(), 544)
    );
    assert_eq!(keras, 8_000 + 800 + 544 + 9);
}
