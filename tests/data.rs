//! Native tests of the data layer: character text, MNIST (shipped subset and IDX), time series.

use std::io::Write;

use ndarray::Axis;
use rnn_playground::data::char_text::{
    self, Alphabet, EncodedText, Symbol, COURSE_ALPHABET, DEFAULT_TEXT, MAX_ALPHABET_SIZE,
    MAX_TEXT_CHARS,
};
use rnn_playground::data::mnist::{self, MnistSet, PixelScaling};
use rnn_playground::data::series::{
    self, MinMaxScaler, Seasonality, SeriesConfig, SeriesDataset, Sine,
};
use rnn_playground::data::DataError;

// ------------------------------------------------------------------------------------------
// char_text
// ------------------------------------------------------------------------------------------

#[test]
fn course_alphabet_is_index_compatible_with_the_course_string() {
    let a = Alphabet::course();
    assert_eq!(a.len(), 35);
    assert_eq!(a.start(), 33);
    assert_eq!(a.end(), 34);
    // Every ordinary character keeps its index in the course string.
    for (i, c) in COURSE_ALPHABET.chars().take(33).enumerate() {
        assert_eq!(a.id(c), Some(i), "{c:?}");
    }
    assert_eq!(a.symbol(33), Some(Symbol::Start));
    assert_eq!(a.symbol(34), Some(Symbol::End));
    assert_eq!(a.symbol(35), None);
    assert_eq!(a.labels()[33], "⟨s⟩");
    assert_eq!(a.labels()[34], "⟨e⟩");
    assert_eq!(a.labels()[26], "␣");
}

#[test]
fn course_tokens_are_not_the_digit_characters() {
    let a = Alphabet::course();
    assert!(!a.contains('0') && !a.contains('1'));
    let err = a.encode("room 101").unwrap_err();
    assert_eq!(
        err,
        DataError::UnknownChars {
            chars: vec!['1', '0']
        }
    );
}

#[test]
fn default_text_encodes_between_start_and_end_and_decodes_back() {
    let a = Alphabet::course();
    let ids = a.encode(DEFAULT_TEXT).unwrap();
    let n = DEFAULT_TEXT.chars().count();
    assert_eq!(ids.len(), n + 2);
    assert_eq!(ids[0], 33);
    assert_eq!(ids[n + 1], 34);
    assert_eq!(ids[1], a.id('h').unwrap());
    assert_eq!(a.decode(&ids).unwrap(), DEFAULT_TEXT);
    assert_eq!(a.render(&ids).unwrap(), format!("⟨s⟩{DEFAULT_TEXT}⟨e⟩"));
}

#[test]
fn from_text_sorts_distinct_chars_so_order_of_the_text_does_not_matter() {
    let a = Alphabet::from_text("hello").unwrap();
    assert_eq!(a.chars(), &['e', 'h', 'l', 'o']);
    assert_eq!(a.len(), 6);
    assert_eq!((a.start(), a.end()), (4, 5));
    assert_eq!(a, Alphabet::from_text("olleh").unwrap());
}

#[test]
fn from_text_handles_upper_case_digits_and_hangul() {
    let text = "Hello 세계, RNN 2024!";
    let e = EncodedText::with_own_alphabet(text).unwrap();
    assert_eq!(e.text(), text);
    let a = e.alphabet();
    for c in ['H', '세', '계', '2', '0', '4', 'R', ' '] {
        assert!(a.contains(c), "{c:?}");
    }
    // '0' here is an ordinary character, distinct from the start token.
    assert_ne!(a.id('0'), Some(a.start()));
    assert_eq!(a.decode(e.ids()).unwrap(), text);
}

#[test]
fn unknown_chars_are_named_once_each_in_order_of_appearance() {
    let a = Alphabet::course();
    let err = a.encode("Hello, World 2! Hi").unwrap_err();
    assert_eq!(
        err,
        DataError::UnknownChars {
            chars: vec!['H', 'W', '2']
        }
    );
    let msg = err.to_string();
    assert!(msg.contains("'H', 'W', '2'"), "{msg}");
    assert!(msg.contains("3 characters"), "{msg}");
    assert!(msg.contains("add them to the alphabet"), "{msg}");
}

#[test]
fn unknown_invisible_chars_are_escaped_in_the_message() {
    let err = Alphabet::course().encode("ab\ncd").unwrap_err();
    assert!(err.to_string().contains("'\\n'"), "{err}");
}

#[test]
fn extending_the_alphabet_keeps_old_ids_and_moves_the_tokens() {
    let a = Alphabet::course();
    let text = "Hello World";
    let b = a.extended_for(text).unwrap();
    assert_eq!(b.len(), 35 + 2);
    assert_eq!(b.id('a'), a.id('a'));
    assert_eq!(b.id('H'), Some(33));
    assert_eq!(b.id('W'), Some(34));
    assert_eq!((b.start(), b.end()), (35, 36));
    assert_eq!(b.decode(&b.encode(text).unwrap()).unwrap(), text);

    let mut c = a.clone();
    assert_eq!(c.extend("zzH".chars()).unwrap(), vec!['H']);
    assert_eq!(c.len(), 36);
}

#[test]
fn extending_past_the_size_limit_fails_and_changes_nothing() {
    let mut a = Alphabet::course();
    let many = (0..MAX_ALPHABET_SIZE as u32).filter_map(|i| char::from_u32(0x4E00 + i));
    let err = a.extend(many).unwrap_err();
    assert!(matches!(err, DataError::AlphabetTooLarge { .. }), "{err}");
    assert_eq!(a, Alphabet::course());
}

#[test]
fn empty_and_one_character_texts_are_refused_with_a_message() {
    let a = Alphabet::course();
    let empty = a.encode("").unwrap_err();
    assert_eq!(empty, DataError::EmptyText);
    assert!(empty.to_string().contains("at least 2 characters"));
    let one = a.encode("a").unwrap_err();
    assert_eq!(one, DataError::TextTooShort('a'));
    assert!(one.to_string().contains("only 1 character"), "{one}");
    assert_eq!(Alphabet::from_text("").unwrap_err(), DataError::EmptyText);
    assert_eq!(
        EncodedText::with_own_alphabet("x").unwrap_err(),
        DataError::TextTooShort('x')
    );
    assert!(a.encode("ab").is_ok());
}

#[test]
fn texts_longer_than_the_limit_are_refused_counting_chars_not_bytes() {
    let a = Alphabet::from_chars("가").unwrap();
    let at_limit = "가".repeat(MAX_TEXT_CHARS);
    assert_eq!(a.encode(&at_limit).unwrap().len(), MAX_TEXT_CHARS + 2);
    let over = "가".repeat(MAX_TEXT_CHARS + 1);
    let err = a.encode(&over).unwrap_err();
    assert_eq!(
        err,
        DataError::TextTooLong {
            len: MAX_TEXT_CHARS + 1,
            max: MAX_TEXT_CHARS
        }
    );
    assert!(err.to_string().contains("20000"), "{err}");
}

#[test]
fn hand_written_alphabets_refuse_duplicates_and_emptiness() {
    assert_eq!(
        Alphabet::from_chars("abca b").unwrap_err(),
        DataError::DuplicateChars {
            chars: vec!['a', 'b']
        }
    );
    assert_eq!(
        Alphabet::from_chars("").unwrap_err(),
        DataError::EmptyAlphabet
    );
}

#[test]
fn training_pairs_are_the_ids_shifted_by_one() {
    let e = EncodedText::new(&Alphabet::course(), "abc").unwrap();
    assert_eq!(e.ids(), &[33, 0, 1, 2, 34]);
    assert_eq!(e.steps(), 4);
    assert_eq!(e.inputs(), &[33, 0, 1, 2]);
    assert_eq!(e.targets(), &[0, 1, 2, 34]);
    assert_eq!(e.input_ids().shape(), &[1, 4]);
    assert_eq!(e.target_ids().row(0).to_vec(), vec![0, 1, 2, 34]);
}

#[test]
fn one_hot_has_shape_1_t_v_with_a_single_one_at_each_id() {
    let e = EncodedText::new(&Alphabet::course(), DEFAULT_TEXT).unwrap();
    let x = e.one_hot_inputs::<f32>();
    let t = DEFAULT_TEXT.chars().count() + 1;
    assert_eq!(x.shape(), &[1, t, 35]);
    for (step, row) in x.index_axis(Axis(0), 0).outer_iter().enumerate() {
        assert_eq!(row.sum(), 1.0);
        assert_eq!(row[e.inputs()[step]], 1.0);
    }
    assert_eq!(x[[0, 0, 33]], 1.0, "first input is the start token");
    let y = e.one_hot_targets::<f64>();
    assert_eq!(y[[0, t - 1, 34]], 1.0, "last target is the end token");
}

#[test]
fn one_hot_of_an_id_outside_the_vocabulary_is_an_error() {
    let err = char_text::one_hot::<f32>(&[0, 5], 5).unwrap_err();
    assert_eq!(err, DataError::UnknownToken { id: 5, len: 5 });
    assert!(Alphabet::course().decode(&[99]).is_err());
}

#[test]
fn prompts_start_with_the_start_token_and_may_be_empty() {
    let a = Alphabet::course();
    assert_eq!(a.encode_prompt("").unwrap(), vec![33]);
    assert_eq!(a.encode_prompt("he").unwrap(), vec![33, 7, 4]);
    assert!(a.encode_prompt("HE").is_err());
}

#[test]
fn windows_cover_every_step_and_follow_each_other_when_stride_equals_window() {
    let text = "abcdefghij"; // 10 chars → 12 ids → T = 11 steps
    let e = EncodedText::new(&Alphabet::course(), text).unwrap();
    let w = e.windows(4, 4).unwrap();
    // 0, 4 regular; 8 would overrun; an extra window ends at T.
    assert_eq!(w.starts(), &[0, 4, 7]);
    assert_eq!(w.len(), 3);
    assert_eq!(w.inputs().shape(), &[3, 4]);
    for (b, &s) in w.starts().iter().enumerate() {
        assert_eq!(w.inputs().row(b).to_vec(), e.ids()[s..s + 4].to_vec());
        assert_eq!(w.targets().row(b).to_vec(), e.ids()[s + 1..s + 5].to_vec());
    }
    let mut covered = vec![false; e.steps()];
    for &s in w.starts() {
        covered[s..s + 4].iter_mut().for_each(|c| *c = true);
    }
    assert!(covered.iter().all(|&c| c));

    // Exact fit: no extra window.
    assert_eq!(e.windows(11, 11).unwrap().starts(), &[0]);
    assert_eq!(e.windows(5, 2).unwrap().starts(), &[0, 2, 4, 6]);
}

#[test]
fn window_one_hot_and_batches_have_the_documented_shapes() {
    let e = EncodedText::new(&Alphabet::course(), DEFAULT_TEXT).unwrap();
    let w = e.windows(16, 8).unwrap();
    let x = w.one_hot_inputs::<f32>();
    assert_eq!(x.shape(), &[w.len(), 16, 35]);
    assert_eq!(w.one_hot_targets::<f64>().shape(), &[w.len(), 16, 35]);
    let sizes: Vec<usize> = w
        .batches(3)
        .unwrap()
        .map(|(i, t)| {
            assert_eq!(i.dim(), t.dim());
            i.nrows()
        })
        .collect();
    assert_eq!(sizes.iter().sum::<usize>(), w.len());
    assert!(sizes[..sizes.len() - 1].iter().all(|&s| s == 3));
}

#[test]
fn bad_window_settings_are_refused() {
    let e = EncodedText::new(&Alphabet::course(), "abc").unwrap();
    assert_eq!(
        e.windows(5, 1).unwrap_err(),
        DataError::WindowTooLong {
            window: 5,
            available: 4
        }
    );
    assert!(matches!(e.windows(0, 1), Err(DataError::ZeroSize { .. })));
    assert!(matches!(e.windows(2, 0), Err(DataError::ZeroSize { .. })));
    assert!(e.windows(2, 2).unwrap().batches(0).is_err());
}

#[test]
fn alphabets_and_encoded_texts_survive_json() {
    let e = EncodedText::with_own_alphabet("Hi 세계!").unwrap();
    let json = serde_json::to_string(&e).unwrap();
    let back: EncodedText = serde_json::from_str(&json).unwrap();
    assert_eq!(back, e);
    assert_eq!(back.alphabet().id('세'), e.alphabet().id('세'));
    // Damaged files are refused, not loaded into a broken alphabet or out-of-range ids.
    assert!(serde_json::from_str::<Alphabet>(r#"["a","a"]"#).is_err());
    assert!(serde_json::from_str::<EncodedText>(r#"{"alphabet":["a"],"text":"ab"}"#).is_err());
}

#[test]
fn symbol_labels_make_blank_characters_visible() {
    assert_eq!(Symbol::Char('\n').label(), "↵");
    assert_eq!(Symbol::Char('\t').label(), "⇥");
    assert_eq!(Symbol::Char('\u{7}').label(), "U+0007");
    assert_eq!(Symbol::Char('가').label(), "가");
    assert_eq!(Symbol::Start.to_string(), "⟨s⟩");
}

// ------------------------------------------------------------------------------------------
// mnist
// ------------------------------------------------------------------------------------------

fn asset(name: &str) -> Vec<u8> {
    let path = format!("{}/assets/mnist/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn shipped(set: &str) -> MnistSet {
    let [train_images, train_labels, test_images, test_labels] = mnist::SUBSET_FILES;
    let (images, labels) = match set {
        "train12k" => (train_images, train_labels),
        _ => (test_images, test_labels),
    };
    MnistSet::from_headerless(&asset(images), &asset(labels)).unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn idx_images(count: u32, rows: u32, cols: u32, pixels: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    for w in [mnist::IDX_IMAGES_MAGIC, count, rows, cols] {
        b.extend(w.to_be_bytes());
    }
    b.extend(pixels);
    b
}

fn idx_labels(count: u32, labels: &[u8]) -> Vec<u8> {
    let mut b = Vec::new();
    for w in [mnist::IDX_LABELS_MAGIC, count] {
        b.extend(w.to_be_bytes());
    }
    b.extend(labels);
    b
}

#[test]
fn shipped_subset_has_12000_train_and_2000_test_digits_of_every_class() {
    let train = shipped("train12k");
    let test = shipped("test2k");
    assert_eq!(train.len(), 12_000);
    assert_eq!(test.len(), 2_000);
    let (tc, ec) = (train.class_counts(), test.class_counts());
    assert!(tc.iter().all(|&c| c >= 1_048), "{tc:?}");
    assert!(ec.iter().all(|&c| c >= 175), "{ec:?}");
    // Sane histogram: no class above 15 % of the set.
    assert!(tc.iter().all(|&c| c < 1_800), "{tc:?}");
    assert_eq!(tc.iter().sum::<usize>(), 12_000);
    // The well-known first digits of MNIST.
    assert_eq!(&train.labels()[..5], &[5, 0, 4, 1, 9]);
    assert_eq!(&test.labels()[..5], &[7, 2, 1, 0, 4]);
}

#[test]
fn shipped_train_pixel_mean_is_close_to_the_mnist_constant() {
    let train = shipped("train12k");
    let mean = train.pixel_mean();
    assert!((mean - mnist::MEAN).abs() < 0.003, "{mean}");
    // Standardised pixels are then roughly centred.
    let b = train
        .batch::<f64>(&(0..1000).collect::<Vec<_>>(), PixelScaling::Standardized)
        .unwrap();
    let m = b.images.mean().unwrap();
    assert!(m.abs() < 0.05, "{m}");
}

#[test]
fn batches_are_b_by_28_by_28_with_rows_as_timesteps() {
    let test = shipped("test2k");
    let b = test.batch::<f32>(&[3, 0, 3], PixelScaling::Unit).unwrap();
    assert_eq!(b.images.shape(), &[3, 28, 28]);
    assert_eq!(b.labels, vec![0, 7, 0]);
    assert_eq!(b.indices, vec![3, 0, 3]);
    assert!(b.images.iter().all(|&p| (0.0..=1.0).contains(&p)));
    assert!(b.images.iter().any(|&p| p == 1.0));
    let d = test.digit::<f32>(0, PixelScaling::Unit).unwrap();
    assert_eq!(d.shape(), &[28, 28]);
    assert_eq!(d, b.images.index_axis(Axis(0), 1));
    // Row r of the digit is bytes r*28..r*28+28 of the image.
    let img = test.image(0).unwrap();
    assert_eq!(d[[14, 10]], f32::from(img[14 * 28 + 10]) / 255.0);
}

#[test]
fn standardisation_uses_the_mnist_mean_and_std() {
    let set = MnistSet::from_parts([0u8, 255].repeat(392), vec![3]).unwrap();
    let d = set.digit::<f64>(0, PixelScaling::Standardized).unwrap();
    assert!((d[[0, 0]] - (-0.1307 / 0.3081)).abs() < 1e-12);
    assert!((d[[0, 1]] - ((1.0 - 0.1307) / 0.3081)).abs() < 1e-12);
}

#[test]
fn out_of_range_digits_are_errors_not_panics() {
    let test = shipped("test2k");
    assert_eq!(
        test.batch::<f32>(&[2000], PixelScaling::Unit).unwrap_err(),
        DataError::IndexOutOfRange {
            index: 2000,
            len: 2000
        }
    );
    assert!(test.digit::<f32>(5000, PixelScaling::Unit).is_err());
    assert!(test.label(2000).is_err());
    assert!(test
        .batches::<f32>(vec![0, 9999], 10, PixelScaling::Unit)
        .is_err());
    assert!(test.epoch::<f32>(1, 0, PixelScaling::Unit).is_err());
}

#[test]
fn taking_the_first_n_keeps_order_and_clamps() {
    let test = shipped("test2k");
    let small = test.take(10);
    assert_eq!(small.len(), 10);
    assert_eq!(small.image(9).unwrap(), test.image(9).unwrap());
    assert_eq!(small.labels(), &test.labels()[..10]);
    assert_eq!(test.take(1_000_000).len(), 2000);
    assert!(test.take(0).is_empty());
}

#[test]
fn shuffling_is_a_seeded_permutation_pinned_across_platforms() {
    let a = mnist::shuffled_indices(1000, 42);
    let mut sorted = a.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..1000).collect::<Vec<_>>());
    assert_eq!(a, mnist::shuffled_indices(1000, 42));
    assert_ne!(a, mnist::shuffled_indices(1000, 43));
    // Pinned values: if this changes, every saved run's data order changes with it.
    assert_eq!(mnist::shuffled_indices(10, 42), PINNED_SEED_42);
    assert!(mnist::shuffled_indices(0, 1).is_empty());
    assert_eq!(mnist::shuffled_indices(1, 1), vec![0]);
}

const PINNED_SEED_42: [usize; 10] = [8, 1, 6, 0, 9, 4, 3, 5, 2, 7];

#[test]
fn an_epoch_visits_every_digit_once_in_batches() {
    let test = shipped("test2k").take(250);
    let batches: Vec<_> = test
        .epoch::<f32>(7, 100, PixelScaling::Unit)
        .unwrap()
        .collect();
    assert_eq!(batches.len(), 3);
    assert_eq!(batches[2].images.shape(), &[50, 28, 28]);
    let mut seen: Vec<usize> = batches.iter().flat_map(|b| b.indices.clone()).collect();
    assert_eq!(seen, test.shuffled_indices(7));
    seen.sort_unstable();
    assert_eq!(seen, (0..250).collect::<Vec<_>>());
    for b in &batches {
        for (k, &i) in b.indices.iter().enumerate() {
            assert_eq!(b.labels[k], test.label(i).unwrap());
        }
    }
    assert_eq!(
        test.epoch::<f32>(7, 100, PixelScaling::Unit).unwrap().len(),
        3
    );
}

#[test]
fn idx_files_are_read_raw_and_gzipped() {
    let test = shipped("test2k").take(3);
    let images = idx_images(3, 28, 28, test.pixels());
    let labels = idx_labels(3, test.labels());
    assert_eq!(MnistSet::from_idx(&images, &labels).unwrap(), test);
    assert_eq!(
        MnistSet::from_idx(&gzip(&images), &gzip(&labels)).unwrap(),
        test
    );
    assert_eq!(MnistSet::from_idx(&gzip(&images), &labels).unwrap(), test);
    // An empty but well-formed set is valid.
    assert!(
        MnistSet::from_idx(&idx_images(0, 28, 28, &[]), &idx_labels(0, &[]))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn headerless_files_are_read_gzipped_or_not() {
    let test = shipped("test2k").take(2);
    assert_eq!(
        MnistSet::from_headerless(test.pixels(), test.labels()).unwrap(),
        test
    );
    assert_eq!(
        MnistSet::from_headerless(&gzip(test.pixels()), &gzip(test.labels())).unwrap(),
        test
    );
}

#[test]
fn a_file_that_is_not_idx_is_refused_naming_its_magic() {
    let labels = idx_labels(1, &[3]);
    let err = MnistSet::from_idx(b"\x89PNG\r\n\x1a\n0000000000000000", &labels).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("not an IDX file"), "{msg}");
    assert!(msg.contains("0x89504e47"), "{msg}");

    // Labels and images swapped.
    let images = idx_images(1, 28, 28, &[0; 784]);
    let err = MnistSet::from_idx(&labels, &images).unwrap_err();
    assert!(
        matches!(
            err,
            DataError::NotIdx {
                found: 0x801,
                expected: 0x803,
                ..
            }
        ),
        "{err}"
    );
    // The shipped headerless files are not IDX either.
    let err = MnistSet::from_idx(&asset("test2k-images.u8.gz"), &asset("test2k-labels.u8.gz"))
        .unwrap_err();
    assert!(err.to_string().contains("not an IDX"), "{err}");
}

#[test]
fn idx_images_that_are_not_28_by_28_are_refused() {
    let err = mnist::parse_idx_images(&idx_images(1, 32, 32, &[0; 1024])).unwrap_err();
    assert_eq!(err, DataError::WrongImageSize { rows: 32, cols: 32 });
    assert!(err.to_string().contains("32×32"), "{err}");
}

#[test]
fn truncated_and_oversized_idx_files_are_refused() {
    let short = idx_images(2, 28, 28, &[0; 784 + 100]);
    assert_eq!(
        mnist::parse_idx_images(&short).unwrap_err(),
        DataError::Truncated {
            what: "images",
            expected: 16 + 1568,
            found: 16 + 884
        }
    );
    let long = idx_images(1, 28, 28, &[0; 790]);
    assert_eq!(
        mnist::parse_idx_images(&long).unwrap_err(),
        DataError::TrailingBytes {
            what: "images",
            extra: 6
        }
    );
    assert!(matches!(
        mnist::parse_idx_labels(&idx_labels(5, &[1, 2])),
        Err(DataError::Truncated { what: "labels", .. })
    ));
    // Header cut short, tiny and empty files.
    assert!(matches!(
        mnist::parse_idx_images(&idx_images(1, 28, 28, &[])[..10]),
        Err(DataError::Truncated { .. })
    ));
    for bytes in [&[][..], &[0, 0, 8][..]] {
        assert!(matches!(
            mnist::parse_idx_labels(bytes),
            Err(DataError::Truncated { .. })
        ));
    }
    // A huge count in the header must not overflow or allocate.
    assert!(mnist::parse_idx_images(&idx_images(u32::MAX, 28, 28, &[])).is_err());
}

#[test]
fn image_and_label_counts_must_match() {
    let err = MnistSet::from_idx(
        &idx_images(2, 28, 28, &[0; 1568]),
        &idx_labels(3, &[1, 2, 3]),
    )
    .unwrap_err();
    assert_eq!(
        err,
        DataError::CountMismatch {
            images: 2,
            labels: 3
        }
    );
    assert!(
        err.to_string()
            .contains("2 digits but the labels file has 3"),
        "{err}"
    );
    assert!(matches!(
        MnistSet::from_headerless(&[0; 784], &[1, 2]),
        Err(DataError::CountMismatch { .. })
    ));
    assert!(matches!(
        MnistSet::from_headerless(&[0; 800], &[1]),
        Err(DataError::Truncated {
            expected: 1568,
            found: 800,
            ..
        })
    ));
}

#[test]
fn labels_above_nine_are_refused() {
    let err = mnist::parse_idx_labels(&idx_labels(3, &[1, 10, 2])).unwrap_err();
    assert_eq!(
        err,
        DataError::BadLabel {
            index: 1,
            label: 10
        }
    );
    assert!(MnistSet::from_parts(vec![0; 784], vec![200]).is_err());
}

#[test]
fn corrupt_gzip_is_a_clear_error() {
    let labels = idx_labels(1, &[3]);
    let mut gz = gzip(&idx_images(1, 28, 28, &[7; 784]));
    gz.truncate(gz.len() / 2);
    let err = MnistSet::from_idx(&gz, &labels).unwrap_err();
    assert!(
        matches!(err, DataError::Gzip { what: "images", .. }),
        "{err}"
    );
    let err = MnistSet::from_idx(&[0x1f, 0x8b], &labels).unwrap_err();
    assert!(
        err.to_string().contains("could not be decompressed"),
        "{err}"
    );
}

#[test]
fn a_gzip_bomb_is_refused_without_inflating_it_all() {
    // 300 MB of zeros compress to about 300 kB: refused at the limit, not after 300 MB.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..300 {
        enc.write_all(&zeros).unwrap();
    }
    let bomb = enc.finish().unwrap();
    assert!(bomb.len() < 1 << 20);
    let err = mnist::maybe_gunzip(&bomb, "images").unwrap_err();
    assert!(err.to_string().contains("256 MB"), "{err}");
    // Just under the limit still inflates.
    let small = gzip(&vec![0u8; 3 << 20]);
    assert_eq!(
        mnist::maybe_gunzip(&small, "images").unwrap().len(),
        3 << 20
    );
}

#[test]
fn a_damaged_serialised_set_is_refused() {
    let set = MnistSet::from_parts(vec![9; 784], vec![4]).unwrap();
    let json = serde_json::to_string(&set).unwrap();
    assert_eq!(serde_json::from_str::<MnistSet>(&json).unwrap(), set);
    assert!(serde_json::from_str::<MnistSet>(r#"{"images":[1,2],"labels":[3]}"#).is_err());
}

#[test]
fn ascii_art_draws_28_lines() {
    let art = shipped("test2k").ascii_art(0).unwrap();
    assert_eq!(art.lines().count(), 28);
    assert!(art.contains('@'));
}

// ------------------------------------------------------------------------------------------
// series
// ------------------------------------------------------------------------------------------

#[test]
fn default_series_is_valid_and_reproducible_from_its_seed() {
    let cfg = SeriesConfig::default();
    let a = cfg.generate().unwrap();
    assert_eq!(a.len(), cfg.len);
    assert!(a.iter().all(|v| v.is_finite()));
    assert_eq!(a, cfg.generate().unwrap());
    let other = SeriesConfig {
        seed: 1,
        ..cfg.clone()
    }
    .generate()
    .unwrap();
    assert_ne!(a, other);
}

#[test]
fn noiseless_series_is_exactly_trend_plus_sines() {
    let cfg = SeriesConfig {
        len: 100,
        level: 2.0,
        trend: 0.5,
        sines: vec![Sine {
            period: 20.0,
            amplitude: 3.0,
            phase: 0.0,
        }],
        seasonality: None,
        noise_std: 0.0,
        ..SeriesConfig::default()
    };
    let s = cfg.generate().unwrap();
    for (t, v) in s.iter().enumerate() {
        let tf = t as f64;
        let want = 2.0 + 0.5 * tf + 3.0 * (std::f64::consts::TAU * tf / 20.0).sin();
        assert!((v - want).abs() < 1e-12, "t={t}");
    }
}

#[test]
fn seasonality_repeats_with_its_period_and_stays_within_its_amplitude() {
    let cfg = SeriesConfig {
        len: 60,
        trend: 0.0,
        sines: vec![],
        seasonality: Some(Seasonality {
            period: 7,
            amplitude: 0.5,
        }),
        noise_std: 0.0,
        ..SeriesConfig::default()
    };
    let s = cfg.generate().unwrap();
    for t in 0..53 {
        assert!((s[t] - s[t + 7]).abs() < 1e-12);
    }
    let peak = s.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    assert!((peak - 0.5).abs() < 1e-12, "{peak}");
    let mean: f64 = s[..7].iter().sum::<f64>() / 7.0;
    assert!(mean.abs() < 1e-12);
}

#[test]
fn gaussian_noise_has_the_configured_spread() {
    let cfg = SeriesConfig {
        len: 20_000,
        trend: 0.0,
        sines: vec![],
        seasonality: None,
        noise_std: 2.0,
        ..SeriesConfig::default()
    };
    let s = cfg.generate().unwrap();
    let mean = s.iter().sum::<f64>() / s.len() as f64;
    let std = (s.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / s.len() as f64).sqrt();
    assert!(mean.abs() < 0.05, "{mean}");
    assert!((std - 2.0).abs() < 0.05, "{std}");
}

#[test]
fn invalid_generator_settings_name_the_field() {
    let base = SeriesConfig::default();
    let cases = [
        (
            SeriesConfig {
                len: 3,
                ..base.clone()
            },
            "len",
        ),
        (
            SeriesConfig {
                noise_std: -1.0,
                ..base.clone()
            },
            "noise_std",
        ),
        (
            SeriesConfig {
                trend: f64::NAN,
                ..base.clone()
            },
            "trend",
        ),
        (
            SeriesConfig {
                sines: vec![Sine {
                    period: 1.0,
                    amplitude: 1.0,
                    phase: 0.0,
                }],
                ..base.clone()
            },
            "sines.period",
        ),
        (
            SeriesConfig {
                seasonality: Some(Seasonality {
                    period: 1000,
                    amplitude: 1.0,
                }),
                ..base.clone()
            },
            "seasonality.period",
        ),
        (
            SeriesConfig {
                sines: vec![
                    Sine {
                        period: 5.0,
                        amplitude: 1.0,
                        phase: 0.0
                    };
                    9
                ],
                ..base.clone()
            },
            "sines",
        ),
    ];
    for (cfg, field) in cases {
        match cfg.generate() {
            Err(DataError::InvalidSetting { field: f, .. }) => assert_eq!(f, field),
            other => panic!("{field}: {other:?}"),
        }
    }
}

#[test]
fn series_config_reads_partial_json_with_defaults() {
    let cfg: SeriesConfig = serde_json::from_str(r#"{"len": 50, "seed": 9}"#).unwrap();
    assert_eq!(cfg.len, 50);
    assert_eq!(cfg.sines, SeriesConfig::default().sines);
}

#[test]
fn pasted_numbers_accept_lines_commas_semicolons_and_spaces() {
    let text = "1\n2.5, 3;4\t5  -6e-1\n\n   \n+7\n";
    assert_eq!(
        series::parse_values(text).unwrap(),
        vec![1.0, 2.5, 3.0, 4.0, 5.0, -0.6, 7.0]
    );
    assert_eq!(series::parse_values("1\r\n2\r\n").unwrap(), vec![1.0, 2.0]);
}

#[test]
fn a_header_line_is_skipped_but_a_typo_is_not() {
    assert_eq!(
        series::parse_values("\nprice\n10\n11\n").unwrap(),
        vec![10.0, 11.0]
    );
    let err = series::parse_values("1.2.3\n4\n").unwrap_err();
    assert_eq!(
        err,
        DataError::NotANumber {
            line: 1,
            content: "1.2.3".into()
        }
    );
}

#[test]
fn a_non_number_is_reported_with_its_line_number_and_content() {
    let err = series::parse_values("value\n1\n2\n\nabc\n3").unwrap_err();
    assert_eq!(
        err,
        DataError::NotANumber {
            line: 5,
            content: "abc".into()
        }
    );
    let msg = err.to_string();
    assert!(msg.starts_with("line 5: \"abc\" is not a number"), "{msg}");
    let err = series::parse_values("1\n2\ninf\n").unwrap_err();
    assert_eq!(
        err,
        DataError::NotFinite {
            line: 3,
            content: "inf".into()
        }
    );
    let long = "x".repeat(100);
    let msg = series::parse_values(&format!("1\n{long}"))
        .unwrap_err()
        .to_string();
    assert!(msg.len() < 200 && msg.contains('…'), "{msg}");
}

#[test]
fn csv_column_is_picked_by_number_with_an_optional_header() {
    let csv = "date,close\n2024-01-01,10.5\n\n2024-01-02; 11\n2024-01-03\t12\n";
    assert_eq!(
        series::parse_csv_column(csv, 2).unwrap(),
        vec![10.5, 11.0, 12.0]
    );
    assert_eq!(
        series::parse_csv_column("1\n2\n", 1).unwrap(),
        vec![1.0, 2.0]
    );
    let err = series::parse_csv_column("a,b\n1,2\n3\n", 2).unwrap_err();
    assert_eq!(
        err,
        DataError::MissingColumn {
            line: 3,
            column: 2,
            found: 1
        }
    );
    let err = series::parse_csv_column(csv, 1).unwrap_err();
    assert_eq!(
        err,
        DataError::NotANumber {
            line: 2,
            content: "2024-01-01".into()
        }
    );
    assert!(series::parse_csv_column(csv, 0).is_err());
}

#[test]
fn minmax_scaler_maps_the_training_range_to_0_1_and_back() {
    let s = MinMaxScaler::fit(&[2.0, 4.0, 6.0]).unwrap();
    assert_eq!(s.transform(2.0), 0.0);
    assert_eq!(s.transform(6.0), 1.0);
    assert_eq!(s.transform(8.0), 1.5, "unseen test values may leave [0, 1]");
    for x in [-3.0, 2.0, 5.5, 100.0] {
        assert!((s.inverse_transform(s.transform(x)) - x).abs() < 1e-12);
    }
    assert_eq!(s.transform_all(&[4.0]), vec![0.5]);
    assert_eq!(s.inverse_transform_all(&[0.5]), vec![4.0]);
}

#[test]
fn minmax_scaler_of_a_constant_series_does_not_divide_by_zero() {
    let s = MinMaxScaler::fit(&[3.0; 10]).unwrap();
    assert_eq!(s.transform(3.0), 0.0);
    assert_eq!(s.transform(4.0), 1.0);
    assert_eq!(s.inverse_transform(0.0), 3.0);
    assert!(MinMaxScaler::fit(&[]).is_err());
    assert!(MinMaxScaler::fit(&[1.0, f64::NAN]).is_err());
}

#[test]
fn windows_predict_the_next_value_with_shape_n_k_1() {
    let v: Vec<f64> = (0..8).map(f64::from).collect();
    let (x, y) = series::windows::<f32>(&v, 3).unwrap();
    assert_eq!(x.shape(), &[5, 3, 1]);
    assert_eq!(y.shape(), &[5, 1]);
    assert_eq!(
        x.index_axis(Axis(0), 2).iter().copied().collect::<Vec<_>>(),
        vec![2.0, 3.0, 4.0]
    );
    assert_eq!(y[[2, 0]], 5.0);
    assert!(matches!(
        series::windows::<f64>(&v[..3], 3),
        Err(DataError::TooFewValues {
            got: 3,
            need: 4,
            ..
        })
    ));
    assert!(series::windows::<f64>(&v, 0).is_err());
}

#[test]
fn dataset_splits_in_time_order_and_fits_the_scaler_on_training_values_only() {
    let v: Vec<f64> = (0..20).map(|t| f64::from(t) * 2.0).collect();
    let d = SeriesDataset::<f32>::new(&v, 5, 0.75).unwrap();
    assert_eq!(d.split, 15);
    assert_eq!(d.x_train.shape(), &[10, 5, 1]);
    assert_eq!(d.y_train.shape(), &[10, 1]);
    assert_eq!(d.x_test.shape(), &[5, 5, 1]);
    assert_eq!(d.y_test.shape(), &[5, 1]);
    assert_eq!(d.train_times(), 5..15);
    assert_eq!(d.test_times(), 15..20);
    // Scaler saw values[..15] only: max 28 → 1.0, the test part goes above 1.
    assert_eq!((d.scaler.min(), d.scaler.max()), (0.0, 28.0));
    assert_eq!(d.y_train[[9, 0]], 1.0);
    assert!(d.y_test.iter().all(|&y| y > 1.0));
    // Test targets are the values after the split, in order; inputs are the 5 before each.
    let truth = d.unscale(&d.y_test.column(0).to_vec());
    for (i, t) in d.test_times().enumerate() {
        assert!((truth[i] - v[t]).abs() < 1e-4);
        let first_input = f64::from(d.x_test[[i, 0, 0]]);
        assert!((d.scaler.inverse_transform(first_input) - v[t - 5]).abs() < 1e-4);
    }
}

#[test]
fn dataset_needs_window_plus_two_values_and_a_sane_fraction() {
    let v = vec![1.0; 6];
    let err = SeriesDataset::<f32>::new(&v, 5, 0.8).unwrap_err();
    assert_eq!(
        err,
        DataError::TooFewValues {
            got: 6,
            need: 7,
            window: 5
        }
    );
    assert!(err.to_string().contains("at least 7"), "{err}");
    // The minimum works: one training and one test window, even with an extreme fraction.
    let d = SeriesDataset::<f64>::new(&[1.0; 7], 5, 0.01).unwrap();
    assert_eq!((d.x_train.shape()[0], d.x_test.shape()[0]), (1, 1));
    let d = SeriesDataset::<f64>::new(&[1.0; 7], 5, 0.99).unwrap();
    assert_eq!((d.x_train.shape()[0], d.x_test.shape()[0]), (1, 1));
    for f in [0.0, 1.0, f64::NAN, -0.5] {
        assert!(matches!(
            SeriesDataset::<f32>::new(&[1.0; 20], 5, f),
            Err(DataError::InvalidSetting {
                field: "train_fraction",
                ..
            })
        ));
    }
    assert!(SeriesDataset::<f32>::new(&[1.0, 2.0, f64::INFINITY, 4.0, 5.0], 2, 0.5).is_err());
}

#[test]
fn generated_series_feeds_a_dataset_end_to_end() {
    let v = SeriesConfig::default().generate().unwrap();
    let d = SeriesDataset::<f32>::new(&v, 5, 0.8).unwrap();
    assert_eq!(d.x_train.shape()[0] + d.x_test.shape()[0], v.len() - 5);
    assert!(d.x_train.iter().all(|&x| (0.0..=1.0).contains(&x)));
}
