//! Model files (`.json` state dicts the user imports): `ModelFile::parse`, then whatever a
//! parsed model is used for (its config, writing it out again, reading that back).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rnn_playground::nn::ModelFile;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = ModelFile::<f32>::parse(text) {
        let _ = m.config.validate();
        let again = m.network.to_json();
        let back = ModelFile::<f32>::parse(&again).expect("a model's own file reads back");
        assert_eq!(back.config, m.config);
        // The same file loaded into the model it describes.
        let mut net = m.network;
        net.load_json(text)
            .expect("a file loads into the model it built");
    }
    let _ = ModelFile::<f64>::parse(text);
});
