//! Review files the user loads for the sentiment lesson (NSMC TSV or IMDB-style CSV, gzipped or
//! not, one file or a train/test pair): the lesson's `parse_corpus`.
//!
//! Input: files in the framing of `rnn_playground_fuzz::files`.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::lessons::LessonId;
use rnn_playground_fuzz::files;

fuzz_target!(|data: &[u8]| {
    let _ = LessonId::Sentiment.parse_corpus(&files(data));
});
