//! Text typed or pasted into the character lesson: alphabets from text or from a list of
//! characters, encoding (training text, prompts), windows, and the lesson built on them.
//!
//! Input: `mode window_hi window_lo` then `text SEP chars SEP prompt` (parts may be missing).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::data::{Alphabet, EncodedText};
use rnn_playground::lessons::char_model::{AlphabetChoice, CharData, CharOptions};
use rnn_playground_fuzz::split;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let (mode, window) = (data[0], usize::from(u16::from_be_bytes([data[1], data[2]])));
    let parts: Vec<String> = split(&data[3..])
        .into_iter()
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    let text = parts[0].as_str();
    let chars = parts.get(1).map_or("", String::as_str);
    let prompt = parts.get(2).map_or(text, String::as_str);

    let course = Alphabet::course();
    let _ = course.encode_prompt(prompt);
    let _ = course.encode(text);
    let _ = course.encode_chars(text);
    let _ = course.unknown_chars(text);
    let _ = course.extended_for(text);

    let mut alphabets = vec![course];
    alphabets.extend(Alphabet::from_text(text).ok());
    alphabets.extend(Alphabet::from_chars(chars).ok());
    for a in &alphabets {
        let _ = a.encode_prompt(prompt);
        if let Ok(ids) = a.encode_chars(prompt) {
            let shown = a.decode(&ids).expect("ids it encoded decode");
            assert_eq!(
                shown, prompt,
                "encode_chars then decode gives the text back"
            );
            let _ = a.render(&ids);
        }
        let _ = a.labels();
        if let Ok(enc) = EncodedText::new(a, text) {
            let _ = enc.text();
            let _ = (enc.input_ids(), enc.target_ids());
            if window > 0 {
                let _ = enc.windows(window, 1 + window / 2);
            }
        }
    }
    let _ = EncodedText::with_own_alphabet(text);

    let alphabet = match mode % 3 {
        0 => AlphabetChoice::Course,
        1 => AlphabetChoice::FromText,
        _ => AlphabetChoice::Custom {
            chars: chars.to_string(),
        },
    };
    let _ = CharData::new(CharOptions {
        text: text.to_string(),
        alphabet,
        window: (mode & 4 == 4).then_some(window),
        ..CharOptions::default()
    });
});
