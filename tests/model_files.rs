//! Model files: export → import round trips, and malformed files are refused precisely
//! without changing the model.

use rnn_playground::nn::{CellKind, Head, Network, NetworkConfig, StateDictError};
use serde_json::Value;

fn config() -> NetworkConfig {
    NetworkConfig {
        cell: CellKind::Lstm,
        input_size: 3,
        hidden_size: 4,
        num_layers: 2,
        bidirectional: true,
        output_size: 2,
        head: Head::LastStep,
        ..NetworkConfig::default()
    }
}

fn edit(net: &Network<f32>, f: impl FnOnce(&mut Value)) -> String {
    let mut v = net.to_json_value();
    f(&mut v);
    v.to_string()
}

#[test]
fn export_then_import_round_trips_exactly_f32_and_f64() {
    let net = Network::<f32>::new(&config(), 1).unwrap();
    let back = Network::<f32>::from_json(&net.to_json()).unwrap();
    assert_eq!(net, back);
    let net = Network::<f64>::new(
        &NetworkConfig {
            vocab_size: Some(7),
            head: Head::PerStep,
            ..config()
        },
        2,
    )
    .unwrap();
    let back = Network::<f64>::from_json(&net.to_json()).unwrap();
    assert_eq!(net, back);
    // Loading into an existing model of the same architecture also round-trips.
    let mut other = Network::<f64>::new(&net.config(), 3).unwrap();
    assert_ne!(other, net);
    other.load_json(&net.to_json()).unwrap();
    assert_eq!(other, net);
}

#[test]
fn export_uses_pytorch_state_dict_names_and_layout() {
    let net = Network::<f32>::new(
        &NetworkConfig {
            vocab_size: Some(5),
            ..config()
        },
        1,
    )
    .unwrap();
    let v = net.to_json_value();
    let sd = v["state_dict"].as_object().unwrap();
    let mut keys: Vec<&str> = sd.keys().map(String::as_str).collect();
    keys.sort();
    let mut want = vec!["embedding.weight", "fc.bias", "fc.weight"];
    for l in 0..2 {
        for s in ["", "_reverse"] {
            for w in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"] {
                want.push(Box::leak(format!("rnn.{w}_l{l}{s}").into_boxed_str()));
            }
        }
    }
    want.sort();
    assert_eq!(keys, want);
    // weight_ih_l1: [4*H, 2*H] nested lists; fc.weight [O, D*H]; embedding [V, input].
    let w = sd["rnn.weight_ih_l1"].as_array().unwrap();
    assert_eq!((w.len(), w[0].as_array().unwrap().len()), (16, 8));
    let fc = sd["fc.weight"].as_array().unwrap();
    assert_eq!((fc.len(), fc[0].as_array().unwrap().len()), (2, 8));
    let e = sd["embedding.weight"].as_array().unwrap();
    assert_eq!((e.len(), e[0].as_array().unwrap().len()), (5, 3));
    assert_eq!(v["config"]["cell"], "lstm");
}

fn refused(net: &mut Network<f32>, text: &str) -> StateDictError {
    let before = net.clone();
    let err = net.load_json(text).unwrap_err();
    assert_eq!(
        *net, before,
        "the model changed although loading failed: {err}"
    );
    err
}

#[test]
fn missing_key_is_refused_and_model_unchanged() {
    let mut net = Network::<f32>::new(&config(), 1).unwrap();
    let other = Network::<f32>::new(&config(), 2).unwrap();
    let text = edit(&other, |v| {
        v["state_dict"]
            .as_object_mut()
            .unwrap()
            .remove("rnn.bias_hh_l1_reverse");
    });
    let err = refused(&mut net, &text);
    assert_eq!(
        err,
        StateDictError::MissingKey("rnn.bias_hh_l1_reverse".into())
    );
    assert_eq!(
        err.to_string(),
        "missing key \"rnn.bias_hh_l1_reverse\" in state_dict"
    );
}

#[test]
fn unknown_key_is_refused_and_model_unchanged() {
    let mut net = Network::<f32>::new(&config(), 1).unwrap();
    let other = Network::<f32>::new(&config(), 2).unwrap();
    let text = edit(&other, |v| {
        v["state_dict"]["rnn.weight_ih_l2"] = serde_json::json!([[0.0]]);
    });
    assert_eq!(
        refused(&mut net, &text),
        StateDictError::UnknownKey("rnn.weight_ih_l2".into())
    );
}

#[test]
fn wrong_shape_names_key_expected_and_found_shape() {
    let mut net = Network::<f32>::new(&config(), 1).unwrap();
    let other = Network::<f32>::new(&config(), 2).unwrap();
    // Drop one column of every row of rnn.weight_hh_l0: [16, 4] -> [16, 3].
    let text = edit(&other, |v| {
        for row in v["state_dict"]["rnn.weight_hh_l0"].as_array_mut().unwrap() {
            row.as_array_mut().unwrap().pop();
        }
    });
    let err = refused(&mut net, &text);
    assert_eq!(
        err,
        StateDictError::Shape {
            key: "rnn.weight_hh_l0".into(),
            expected: vec![16, 4],
            found: vec![16, 3]
        }
    );
    assert_eq!(
        err.to_string(),
        "rnn.weight_hh_l0: expected shape [16, 4], found shape [16, 3]"
    );
    // A ragged list (one short row) is caught too, with its position.
    let text = edit(&other, |v| {
        v["state_dict"]["fc.weight"][1]
            .as_array_mut()
            .unwrap()
            .pop();
    });
    match refused(&mut net, &text) {
        StateDictError::Malformed { key, index, .. } => {
            assert_eq!((key.as_str(), index), ("fc.weight", vec![1]))
        }
        e => panic!("unexpected {e}"),
    }
}

#[test]
fn nan_and_infinity_are_refused_and_model_unchanged() {
    let mut net = Network::<f32>::new(&config(), 1).unwrap();
    let other = Network::<f32>::new(&config(), 2).unwrap();
    // JSON null (what serializers write for NaN) at a known position.
    let text = edit(&other, |v| v["state_dict"]["fc.bias"][1] = Value::Null);
    assert_eq!(
        refused(&mut net, &text),
        StateDictError::NonFinite {
            key: "fc.bias".into(),
            index: vec![1]
        }
    );
    // Python json.dumps writes NaN / Infinity tokens: invalid JSON, reported as such.
    let text = other
        .to_json()
        .replacen("\"fc.bias\":[", "\"fc.bias\":[NaN,", 1);
    let err = refused(&mut net, &text);
    assert!(
        matches!(&err, StateDictError::Json(m) if m.contains("NaN/Infinity") && m.contains("line 1 column")),
        "{err}"
    );
    // A finite f64 that overflows f32 is infinite for an f32 model.
    let text = edit(&other, |v| {
        v["state_dict"]["rnn.bias_ih_l0"][3] = serde_json::json!(1e300)
    });
    assert_eq!(
        refused(&mut net, &text),
        StateDictError::NonFinite {
            key: "rnn.bias_ih_l0".into(),
            index: vec![3]
        }
    );
}

#[test]
fn truncated_json_reports_line_and_column_and_model_unchanged() {
    let mut net = Network::<f32>::new(&config(), 1).unwrap();
    let text = Network::<f32>::new(&config(), 2).unwrap().to_json();
    let cut = &text[..text.len() / 2];
    let err = refused(&mut net, cut);
    match &err {
        StateDictError::Json(m) => assert!(
            m.contains("EOF while parsing") && m.contains("line 1 column"),
            "{m}"
        ),
        e => panic!("unexpected {e}"),
    }
    assert!(matches!(
        refused(&mut net, "not json"),
        StateDictError::Json(_)
    ));
    assert!(matches!(refused(&mut net, "{}"), StateDictError::Format(_)));
}

#[test]
fn config_mismatch_is_refused_and_model_unchanged() {
    let mut net = Network::<f32>::new(&config(), 1).unwrap();
    let gru = Network::<f32>::new(
        &NetworkConfig {
            cell: CellKind::Gru,
            ..config()
        },
        2,
    )
    .unwrap();
    let err = refused(&mut net, &gru.to_json());
    assert_eq!(
        err,
        StateDictError::ConfigMismatch {
            field: "cell",
            model: "Lstm".into(),
            file: "Gru".into()
        }
    );
    let bigger = Network::<f32>::new(
        &NetworkConfig {
            hidden_size: 5,
            ..config()
        },
        2,
    )
    .unwrap();
    assert!(matches!(
        refused(&mut net, &bigger.to_json()),
        StateDictError::ConfigMismatch {
            field: "hidden_size",
            ..
        }
    ));
    // An invalid config is refused before anything else.
    let text = edit(&gru, |v| v["config"]["num_layers"] = serde_json::json!(5));
    let err = refused(&mut net, &text);
    assert!(
        matches!(&err, StateDictError::Config(m) if m.contains("num_layers")),
        "{err}"
    );
}

#[test]
fn bias_off_models_have_no_bias_keys() {
    let net = Network::<f32>::new(
        &NetworkConfig {
            bias: false,
            ..config()
        },
        1,
    )
    .unwrap();
    let v = net.to_json_value();
    assert!(v["state_dict"]
        .as_object()
        .unwrap()
        .keys()
        .all(|k| !k.starts_with("rnn.bias")));
    assert_eq!(Network::<f32>::from_json(&net.to_json()).unwrap(), net);
}
