//! MNIST files the user loads (IDX as published, or the shipped headerless layout; gzipped or
//! not): the lesson's `parse_corpus` on named files, and `MnistSet::from_idx` /
//! `from_headerless` on an images/labels pair.
//!
//! Input: files in the framing of `rnn_playground_fuzz::files` (`flags name\nbytes`, split on
//! `SEP`). All of them go to `parse_corpus`; the first two, as images and labels, to the others.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::data::MnistSet;
use rnn_playground::lessons::LessonId;
use rnn_playground_fuzz::files;

fuzz_target!(|data: &[u8]| {
    let files = files(data);
    let _ = LessonId::MnistRows.parse_corpus(&files);
    if let [images, labels, ..] = files.as_slice() {
        let _ = MnistSet::from_idx(&images.bytes, &labels.bytes);
        let _ = MnistSet::from_headerless(&images.bytes, &labels.bytes);
    }
});
