//! Model files: JSON with the `config` and a PyTorch-style `state_dict`.
//!
//! ```json
//! {"format": "rnn-playground-model", "version": 1,
//!  "config": {"cell": "lstm", "hidden_size": 35, ...},
//!  "state_dict": {"rnn.weight_ih_l0": [[...], ...], "fc.weight": [[...]], "fc.bias": [...]}}
//! ```
//! Tensors are nested lists in PyTorch layout, so in Python
//! `model.load_state_dict({k: torch.tensor(v) for k, v in f["state_dict"].items()})` works.
//! Import checks everything before anything changes.

use super::network::{Network, Parameters};
use super::{Float, NetworkConfig};
use ndarray::{ArrayD, ArrayViewD, IxDyn};
use serde_json::{Map, Value};

/// The `format` tag written into model files.
pub const FORMAT_TAG: &str = "rnn-playground-model";

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StateDictError {
    /// Not valid JSON (serde's message, with line and column).
    #[error("invalid JSON: {0}")]
    Json(String),
    /// The top-level structure is wrong (no `config`, no `state_dict`, ...).
    #[error("invalid model file: {0}")]
    Format(String),
    /// The config is invalid.
    #[error("invalid config in model file: {0}")]
    Config(String),
    /// The file's config does not match the model it is loaded into.
    #[error("config mismatch: {field} is {model} in the model but {file} in the file")]
    ConfigMismatch {
        /// Field name.
        field: &'static str,
        /// The model's value.
        model: String,
        /// The file's value.
        file: String,
    },
    /// A required tensor is missing.
    #[error("missing key {0:?} in state_dict")]
    MissingKey(String),
    /// A tensor the model does not have.
    #[error("unexpected key {0:?} in state_dict")]
    UnknownKey(String),
    /// Wrong shape.
    #[error("{key}: expected shape {expected:?}, found shape {found:?}")]
    Shape {
        /// Key.
        key: String,
        /// Expected shape.
        expected: Vec<usize>,
        /// Shape in the file.
        found: Vec<usize>,
    },
    /// Nested lists of unequal lengths, or a list where a number belongs (or vice versa).
    #[error("{key}{index:?}: {message}")]
    Malformed {
        /// Key.
        key: String,
        /// Position.
        index: Vec<usize>,
        /// What is wrong.
        message: String,
    },
    /// NaN or infinite value.
    #[error("{key}{index:?}: value is NaN or infinite")]
    NonFinite {
        /// Key.
        key: String,
        /// Position.
        index: Vec<usize>,
    },
}

fn to_nested<F: Float>(a: &ArrayViewD<'_, F>) -> Value {
    fn rec<F: Float>(shape: &[usize], data: &[F]) -> Value {
        if shape.is_empty() {
            return data
                .first()
                .and_then(|v| serde_json::Number::from_f64(v.to_f64_lossy()))
                .map_or(Value::Null, Value::Number);
        }
        let step = data.len() / shape[0].max(1);
        Value::Array(
            (0..shape[0])
                .map(|i| rec(&shape[1..], &data[i * step..(i + 1) * step]))
                .collect(),
        )
    }
    let data: Vec<F> = a.iter().copied().collect();
    rec(a.shape(), &data)
}

/// The `state_dict` object of a network (PyTorch names, nested lists).
pub fn state_dict_value<F: Float>(params: &Parameters<F>) -> Map<String, Value> {
    params
        .names()
        .into_iter()
        .zip(params.views())
        .map(|(n, v)| (n, to_nested(&v)))
        .collect()
}

/// Reads a nested list as a tensor of `expected` shape.
fn parse_tensor<F: Float>(
    key: &str,
    v: &Value,
    expected: &[usize],
) -> Result<ArrayD<F>, StateDictError> {
    // Shape from the first elements, then every element is checked against it.
    let mut found = Vec::new();
    let mut cur = v;
    while let Value::Array(a) = cur {
        found.push(a.len());
        match a.first() {
            Some(x) => cur = x,
            None => break,
        }
    }
    if found != expected {
        return Err(StateDictError::Shape {
            key: key.to_string(),
            expected: expected.to_vec(),
            found,
        });
    }
    let mut data = Vec::with_capacity(expected.iter().product());
    fn rec<F: Float>(
        key: &str,
        v: &Value,
        shape: &[usize],
        idx: &mut Vec<usize>,
        out: &mut Vec<F>,
    ) -> Result<(), StateDictError> {
        let malformed = |idx: &Vec<usize>, m: &str| StateDictError::Malformed {
            key: key.to_string(),
            index: idx.clone(),
            message: m.to_string(),
        };
        match (shape.first(), v) {
            (Some(&n), Value::Array(a)) => {
                if a.len() != n {
                    return Err(malformed(
                        idx,
                        &format!("list of length {} where {n} expected", a.len()),
                    ));
                }
                for (i, x) in a.iter().enumerate() {
                    idx.push(i);
                    rec(key, x, &shape[1..], idx, out)?;
                    idx.pop();
                }
                Ok(())
            }
            (Some(_), _) => Err(malformed(idx, "a number where a list was expected")),
            (None, Value::Number(num)) => {
                let x = num.as_f64().ok_or_else(|| malformed(idx, "not a number"))?;
                let f = F::from_f64_lossy(x);
                if !x.is_finite() || !f.is_finite() {
                    return Err(StateDictError::NonFinite {
                        key: key.to_string(),
                        index: idx.clone(),
                    });
                }
                out.push(f);
                Ok(())
            }
            (None, Value::Null) => Err(StateDictError::NonFinite {
                key: key.to_string(),
                index: idx.clone(),
            }),
            (None, Value::String(s))
                if ["nan", "inf", "infinity", "-inf", "-infinity"]
                    .contains(&s.to_lowercase().as_str()) =>
            {
                Err(StateDictError::NonFinite {
                    key: key.to_string(),
                    index: idx.clone(),
                })
            }
            (None, _) => Err(malformed(idx, "expected a number")),
        }
    }
    rec(key, v, expected, &mut Vec::new(), &mut data)?;
    ArrayD::from_shape_vec(IxDyn(expected), data).map_err(|e| StateDictError::Format(e.to_string()))
}

/// Parses JSON text, turning Python's `NaN`/`Infinity` tokens into [`StateDictError::NonFinite`]-like
/// messages with their position.
fn parse_json(text: &str) -> Result<Value, StateDictError> {
    serde_json::from_str::<Value>(text).map_err(|e| {
        let (line, col) = (e.line(), e.column());
        let at = text
            .lines()
            .nth(line.saturating_sub(1))
            .map(|l| {
                l.chars()
                    .skip(col.saturating_sub(1))
                    .take(9)
                    .collect::<String>()
            })
            .unwrap_or_default();
        if ["NaN", "Infinity", "-Infinity"]
            .iter()
            .any(|t| at.starts_with(t))
        {
            StateDictError::Json(format!("NaN/Infinity is not allowed in model files ({e})"))
        } else {
            StateDictError::Json(e.to_string())
        }
    })
}

fn split_file(v: Value) -> Result<(NetworkConfig, Map<String, Value>), StateDictError> {
    let Value::Object(mut top) = v else {
        return Err(StateDictError::Format(
            "the top level must be an object".into(),
        ));
    };
    let cfg = top
        .remove("config")
        .ok_or_else(|| StateDictError::Format("no \"config\" object".into()))?;
    let cfg: NetworkConfig =
        serde_json::from_value(cfg).map_err(|e| StateDictError::Config(e.to_string()))?;
    cfg.validate()
        .map_err(|e| StateDictError::Config(e.to_string()))?;
    let Some(Value::Object(sd)) = top.remove("state_dict") else {
        return Err(StateDictError::Format("no \"state_dict\" object".into()));
    };
    Ok((cfg, sd))
}

/// Builds parameters shaped like `template` from a state_dict, checking every key first.
fn params_from_state_dict<F: Float>(
    template: &Parameters<F>,
    sd: &Map<String, Value>,
) -> Result<Parameters<F>, StateDictError> {
    let names = template.names();
    for n in &names {
        if !sd.contains_key(n) {
            return Err(StateDictError::MissingKey(n.clone()));
        }
    }
    if let Some(k) = sd.keys().find(|k| !names.contains(k)) {
        return Err(StateDictError::UnknownKey(k.clone()));
    }
    let mut out = template.clone();
    let tensors: Vec<ArrayD<F>> = names
        .iter()
        .zip(template.views())
        .map(|(n, v)| parse_tensor::<F>(n, &sd[n], v.shape()))
        .collect::<Result<_, _>>()?;
    for (mut dst, src) in out.views_mut().into_iter().zip(tensors) {
        dst.assign(&src);
    }
    Ok(out)
}

impl<F: Float> Network<F> {
    /// The model file as a JSON value (`format`, `version`, `config`, `state_dict`).
    pub fn to_json_value(&self) -> Value {
        let mut top = Map::new();
        top.insert("format".into(), Value::String(FORMAT_TAG.into()));
        top.insert("version".into(), Value::from(1));
        top.insert(
            "config".into(),
            serde_json::to_value(self.config()).unwrap_or(Value::Null),
        );
        top.insert(
            "state_dict".into(),
            Value::Object(state_dict_value(self.params())),
        );
        Value::Object(top)
    }

    /// The model file as JSON text.
    pub fn to_json(&self) -> String {
        self.to_json_value().to_string()
    }

    /// Builds a new network from model-file text.
    pub fn from_json(text: &str) -> Result<Self, StateDictError> {
        let (cfg, sd) = split_file(parse_json(text)?)?;
        let template =
            Network::<F>::new(&cfg, 0).map_err(|e| StateDictError::Config(e.to_string()))?;
        let params = params_from_state_dict(template.params(), &sd)?;
        let mut net = template;
        *net.params_mut() = params;
        Ok(net)
    }

    /// Loads model-file text into this network. The file's config must describe the same
    /// architecture; on any error the network is left untouched.
    pub fn load_json(&mut self, text: &str) -> Result<(), StateDictError> {
        let (cfg, sd) = split_file(parse_json(text)?)?;
        let mine = self.config();
        macro_rules! same {
            ($($f:ident),*) => {$(
                if mine.$f != cfg.$f {
                    return Err(StateDictError::ConfigMismatch {
                        field: stringify!($f),
                        model: format!("{:?}", mine.$f),
                        file: format!("{:?}", cfg.$f),
                    });
                }
            )*};
        }
        same!(
            cell,
            input_size,
            vocab_size,
            hidden_size,
            num_layers,
            bidirectional,
            bias,
            output_size,
            head
        );
        if mine.cell == super::CellKind::Rnn {
            same!(nonlinearity);
        }
        if mine.head == super::Head::Flatten {
            same!(seq_len);
        }
        let params = params_from_state_dict(self.params(), &sd)?;
        *self.params_mut() = params;
        Ok(())
    }
}

/// A parsed model file (config + parameters), for callers that want both parts.
#[derive(Debug, Clone)]
pub struct ModelFile<F> {
    /// The configuration.
    pub config: NetworkConfig,
    /// The network.
    pub network: Network<F>,
}

impl<F: Float> ModelFile<F> {
    /// Parses and validates a model file.
    pub fn parse(text: &str) -> Result<Self, StateDictError> {
        let network = Network::from_json(text)?;
        Ok(ModelFile {
            config: network.config(),
            network,
        })
    }
}
