//! Checking one reference case (format: `tests/reference/FORMAT.md`) against the core, shared
//! by `tests/reference.rs` (native: the case folders, f64 and f32) and `tests/web_kernel.rs`
//! (the browser: embedded cases, f32 on the SIMD128 kernel). Include it with
//! `#[path = "support/reference_case.rs"] mod reference_case;`.
//!
//! The tolerances follow PyTorch's `torch.testing.assert_close`: `|a - b| <= atol + rtol · |b|`,
//! a relative and an absolute part (FORMAT.md: "a relative tolerance of about 1e-10" in float64,
//! "about 1e-5" in float32). In a tensor, `|b|` is `max(|b_i|, max_j |b_j|)`: values near zero,
//! where a relative error means nothing, are judged at the tensor's scale.
//!
//! f64 ([`check_case`]): rtol 1e-10, atol 1e-15. The absolute part matters for scalars: a loss
//! of 1e-6 reached after a few optimizer steps can differ in its last digits relative to itself
//! (1e-10 of 1e-6 is 1e-16) while being exact to 1e-15 absolutely.
//!
//! f32 ([`check_case_f32`]): outputs, loss and gradients pass at rtol 2e-5, atol 1e-7.

use ndarray::{Array3, ArrayD, Dimension, IxDyn};
use rnn_playground::lessons::{Batch, BatchInput};
use rnn_playground::nn::{
    BackwardOptions, CellKind, ForwardOptions, Head, Input, Loss, Network, NetworkConfig,
    Nonlinearity, Target,
};
use rnn_playground::optim::{
    AdamConfig, AnyOptimizer, Optimizer, OptimizerConfig, RmsPropConfig, SgdConfig,
};
use rnn_playground::train::parallel::{self, ShardSpec};
use serde_json::Value;

/// The f64 tolerances (`assert_close`'s rtol and atol): see the module documentation.
const RTOL: f64 = 1e-10;
const ATOL: f64 = 1e-15;

/// `assert_close`'s test, written so that NaN fails: `|a - b| <= atol + rtol · scale`.
fn within(a: f64, b: f64, scale: f64, rtol: f64, atol: f64) -> bool {
    (a - b).abs() <= atol + rtol * scale
}

type R<T> = Result<T, String>;

fn tensor(v: &Value) -> R<ArrayD<f64>> {
    let mut shape = Vec::new();
    let mut cur = v;
    while let Value::Array(a) = cur {
        shape.push(a.len());
        match a.first() {
            Some(x) => cur = x,
            None => break,
        }
    }
    let mut data = Vec::new();
    fn rec(v: &Value, out: &mut Vec<f64>) -> R<()> {
        match v {
            Value::Array(a) => a.iter().try_for_each(|x| rec(x, out)),
            Value::Number(n) => {
                out.push(n.as_f64().ok_or("bad number")?);
                Ok(())
            }
            other => Err(format!("not a number: {other}")),
        }
    }
    rec(v, &mut data)?;
    ArrayD::from_shape_vec(IxDyn(&shape), data).map_err(|e| format!("ragged tensor: {e}"))
}

fn ids(v: &Value) -> R<ArrayD<usize>> {
    Ok(tensor(v)?.mapv(|x| x as usize))
}

fn compare(case: &str, key: &str, got: &ArrayD<f64>, want: &ArrayD<f64>) -> R<()> {
    if got.shape() != want.shape() {
        return Err(format!(
            "{case}: {key}: shape {:?}, reference {:?}",
            got.shape(),
            want.shape()
        ));
    }
    let scale = want.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    for ((idx, &b), &a) in want.indexed_iter().zip(got.iter()) {
        let tol = ATOL + RTOL * b.abs().max(scale);
        if !within(a, b, b.abs().max(scale), RTOL, ATOL) {
            return Err(format!(
                "{case}: {key}{:?}: got {a:e}, reference {b:e} (|diff| {:e} > tol {tol:e})",
                idx.slice(),
                (a - b).abs()
            ));
        }
    }
    Ok(())
}

fn compare_scalar(case: &str, key: &str, a: f64, b: f64) -> R<()> {
    if within(a, b, b.abs(), RTOL, ATOL) {
        Ok(())
    } else {
        Err(format!(
            "{case}: {key}: got {a:e}, reference {b:e} (|diff| {:e} > atol {ATOL:e} + rtol {RTOL:e} · |reference|)",
            (a - b).abs()
        ))
    }
}

/// Reference parameter name -> our state_dict name.
fn our_name(n: &str) -> String {
    if n.starts_with("weight_") || n.starts_with("bias_") {
        format!("rnn.{n}")
    } else {
        n.to_string()
    }
}

/// Our name -> reference name.
fn ref_name(n: &str) -> String {
    n.strip_prefix("rnn.").unwrap_or(n).to_string()
}

/// The course's cell's tensor `name` (`i2h.weight [H, I+H]`, `i2h.bias`, `i2o.weight`,
/// `i2o.bias`) as the app's tensors: `i2h.weight`'s column blocks `weight_ih_l0 [H, I]` (x) and
/// `weight_hh_l0 [H, H]` (h), its one bias `bias_ih_l0`, `i2o` as `fc`. Only a re-layout: the
/// optimizers' states are elementwise, so their keys are split the same way.
fn course_tensors(name: &str, v: &Value, input: usize) -> R<Vec<(String, Value)>> {
    let split = |v: &Value| -> R<(Value, Value)> {
        let rows = v.as_array().ok_or("i2h.weight is not a matrix")?;
        let (mut x, mut h) = (Vec::new(), Vec::new());
        for r in rows {
            let r = r.as_array().ok_or("i2h.weight row is not a list")?;
            x.push(Value::Array(r[..input].to_vec()));
            h.push(Value::Array(r[input..].to_vec()));
        }
        Ok((Value::Array(x), Value::Array(h)))
    };
    let (prefix, base) = match name.rsplit_once("i2") {
        Some((p, rest)) => (p, format!("i2{rest}")),
        None => return Ok(vec![(name.to_string(), v.clone())]),
    };
    Ok(match base.as_str() {
        "i2h.weight" => {
            let (x, h) = split(v)?;
            vec![
                (format!("{prefix}weight_ih_l0"), x),
                (format!("{prefix}weight_hh_l0"), h),
            ]
        }
        "i2h.bias" => vec![(format!("{prefix}bias_ih_l0"), v.clone())],
        "i2o.weight" => vec![(format!("{prefix}fc.weight"), v.clone())],
        "i2o.bias" => vec![(format!("{prefix}fc.bias"), v.clone())],
        _ => vec![(name.to_string(), v.clone())],
    })
}

/// A case of the course's cell (`config.cell` "course", `gen_course_cell.py`) with every
/// tensor map (`params`, `grads`, the optimizers' results and states) in the app's names.
fn course_case_in_app_names(mut case: Value) -> R<Value> {
    if case.pointer("/config/cell").and_then(Value::as_str) != Some("course") {
        return Ok(case);
    }
    let input = case
        .pointer("/config/input_size")
        .and_then(Value::as_u64)
        .ok_or("course case without input_size")? as usize;
    let remap = |obj: &mut Value| -> R<()> {
        let Some(map) = obj.as_object() else {
            return Ok(());
        };
        let mut out = serde_json::Map::new();
        for (k, v) in map {
            for (nk, nv) in course_tensors(k, v, input)? {
                out.insert(nk, nv);
            }
        }
        *obj = Value::Object(out);
        Ok(())
    };
    for ptr in ["/params", "/grads"] {
        if let Some(o) = case.pointer_mut(ptr) {
            remap(o)?;
        }
    }
    if let Some(Value::Object(opts)) = case.pointer_mut("/optimizers") {
        for o in opts.values_mut() {
            for k in ["after_1_step", "after_3_steps", "state_after_1_step"] {
                if let Some(v) = o.get_mut(k) {
                    remap(v)?;
                }
            }
        }
    }
    let shapes = case.pointer("/params").cloned().unwrap_or(Value::Null);
    if let (Some(Value::Object(ps)), Value::Object(params)) = (case.get_mut("param_shapes"), shapes)
    {
        ps.clear();
        for (k, v) in params {
            let t = tensor(&v)?;
            ps.insert(k, serde_json::json!(t.shape()));
        }
    }
    Ok(case)
}

fn get<'a>(v: &'a Value, k: &str) -> R<&'a Value> {
    v.get(k).ok_or_else(|| format!("missing key {k:?}"))
}

fn config_of(case: &Value) -> R<(NetworkConfig, Loss)> {
    let c = get(case, "config")?;
    let s = |k: &str| -> R<String> {
        Ok(get(c, k)?
            .as_str()
            .ok_or(format!("{k} not a string"))?
            .to_string())
    };
    let u = |k: &str| -> R<usize> {
        get(c, k)?
            .as_u64()
            .map(|x| x as usize)
            .ok_or(format!("{k} not an int"))
    };
    let cell = match s("cell")?.as_str() {
        "rnn" => CellKind::Rnn,
        "lstm" => CellKind::Lstm,
        "gru" => CellKind::Gru,
        "course" => CellKind::Course,
        o => return Err(format!("unknown cell {o}")),
    };
    let nonlinearity = match c.get("nonlinearity").and_then(Value::as_str) {
        Some("relu") => Nonlinearity::Relu,
        _ => Nonlinearity::Tanh,
    };
    let head = match s("head")?.as_str() {
        "per_step" => Head::PerStep,
        "last_step" => Head::LastStep,
        "flatten" => Head::Flatten,
        o => return Err(format!("unknown head {o}")),
    };
    let loss = match s("loss")?.as_str() {
        "mse_mean" => Loss::MseMean,
        "mse_sum_t" => Loss::MseSumT,
        "cross_entropy" => Loss::CrossEntropy,
        "bce_with_logits" => Loss::BceWithLogits,
        o => return Err(format!("unknown loss {o}")),
    };
    let shapes = get(case, "param_shapes")?;
    let bias = c
        .get("bias")
        .and_then(Value::as_bool)
        .unwrap_or_else(|| shapes.get("bias_ih_l0").is_some());
    let vocab = shapes
        .get("embedding.weight")
        .and_then(|s| s.get(0))
        .and_then(Value::as_u64)
        .map(|v| v as usize);
    let input_size = match shapes
        .get("embedding.weight")
        .and_then(|s| s.get(1))
        .and_then(Value::as_u64)
    {
        Some(e) => e as usize,
        None => u("input_size")?,
    };
    let cfg = NetworkConfig {
        cell,
        nonlinearity,
        input_size,
        vocab_size: vocab,
        hidden_size: u("hidden_size")?,
        num_layers: u("num_layers")?,
        bidirectional: get(c, "bidirectional")?.as_bool().unwrap_or(false),
        dropout: 0.0,
        input_dropout: 0.0,
        bias,
        output_size: u("output_size")?,
        sigmoid_output: false,
        head,
        seq_len: Some(u("seq_len")?),
    };
    Ok((cfg, loss))
}

struct Case {
    name: String,
    net: Network<f64>,
    x: Xin,
    target: Target<f64>,
    loss: Loss,
}

enum Xin {
    Dense(Array3<f64>),
    Tokens(ndarray::Array2<usize>),
}

impl Case {
    fn loss_and_grads(
        &self,
    ) -> R<(
        f64,
        rnn_playground::nn::Gradients<f64>,
        rnn_playground::nn::ForwardOutput<f64>,
    )> {
        let input = match &self.x {
            Xin::Dense(x) => Input::Dense(x.view()),
            Xin::Tokens(t) => Input::Tokens(t.view()),
        };
        let st = self
            .net
            .train_step(
                input,
                None,
                &self.target,
                self.loss,
                ForwardOptions::default(),
                BackwardOptions::default(),
            )
            .map_err(|e| format!("{}: {e}", self.name))?;
        Ok((st.loss, st.backward.grads, st.forward))
    }
}

fn load_params(net: &mut Network<f64>, params: &Value, case: &str) -> R<()> {
    let names = net.params().names();
    let obj = params.as_object().ok_or("params not an object")?;
    for k in obj.keys() {
        if !names.contains(&our_name(k)) {
            return Err(format!(
                "{case}: reference parameter {k} has no counterpart in the network"
            ));
        }
    }
    let tensors: Vec<ArrayD<f64>> = names
        .iter()
        .map(|n| {
            let v = obj
                .get(&ref_name(n))
                .ok_or(format!("{case}: reference lacks parameter {}", ref_name(n)))?;
            tensor(v)
        })
        .collect::<R<_>>()?;
    for ((mut dst, src), n) in net
        .params_mut()
        .views_mut()
        .into_iter()
        .zip(tensors)
        .zip(&names)
    {
        if dst.shape() != src.shape() {
            return Err(format!(
                "{case}: {n}: our shape {:?}, reference {:?}",
                dst.shape(),
                src.shape()
            ));
        }
        dst.assign(&src);
    }
    Ok(())
}

fn check_params(case: &str, label: &str, net: &Network<f64>, want: &Value) -> R<()> {
    for (n, v) in net.params().names().iter().zip(net.params().views()) {
        let w = tensor(get(want, &ref_name(n)).map_err(|e| format!("{case}: {label}: {e}"))?)?;
        compare(case, &format!("{label}.{}", ref_name(n)), &v.to_owned(), &w)?;
    }
    Ok(())
}

fn optimizer_for(kind: &str, hp: &Value) -> R<AnyOptimizer<f64>> {
    let f = |k: &str, d: f64| hp.get(k).and_then(Value::as_f64).unwrap_or(d);
    let b = |k: &str| hp.get(k).and_then(Value::as_bool).unwrap_or(false);
    let cfg = match kind {
        "sgd" => OptimizerConfig::Sgd(SgdConfig {
            lr: f("lr", 0.01),
            momentum: f("momentum", 0.0),
            dampening: f("dampening", 0.0),
            weight_decay: f("weight_decay", 0.0),
            nesterov: b("nesterov"),
        }),
        "adam" => {
            if b("amsgrad") {
                return Err("amsgrad is not supported".into());
            }
            let betas = hp
                .get("betas")
                .and_then(Value::as_array)
                .ok_or("adam without betas")?;
            OptimizerConfig::Adam(AdamConfig {
                lr: f("lr", 1e-3),
                betas: (
                    betas[0].as_f64().unwrap_or(0.9),
                    betas[1].as_f64().unwrap_or(0.999),
                ),
                eps: f("eps", 1e-8),
                weight_decay: f("weight_decay", 0.0),
            })
        }
        "rmsprop" => OptimizerConfig::RmsProp(RmsPropConfig {
            lr: f("lr", 1e-2),
            alpha: f("alpha", 0.99),
            eps: f("eps", 1e-8),
            weight_decay: f("weight_decay", 0.0),
            momentum: f("momentum", 0.0),
            centered: b("centered"),
        }),
        o => return Err(format!("unknown optimizer {o}")),
    };
    cfg.build().map_err(|e| e.to_string())
}

/// Checks one case in f64 at [`RTOL`]: forward outputs, loss and gradients, then three steps of
/// every optimizer in the case (parameters after 1 and 3 steps, state after 1, losses).
/// `name` labels the errors (the file name without `.json`); `text` is the case's JSON.
#[allow(dead_code)] // tests/web_kernel.rs checks only f32
pub fn check_case(name: &str, text: &str) -> Result<(), String> {
    let case: Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let case = course_case_in_app_names(case).map_err(|e| format!("{name}: {e}"))?;
    let (cfg, loss) = config_of(&case).map_err(|e| format!("{name}: {e}"))?;
    if let Some(s) = case.get("initial_state").and_then(Value::as_str) {
        if s != "zeros" {
            return Err(format!("{name}: unsupported initial_state {s}"));
        }
    }
    let mut net = Network::<f64>::new(&cfg, 0).map_err(|e| format!("{name}: {e}"))?;
    load_params(&mut net, get(&case, "params")?, name)?;
    let xv = tensor(get(&case, "x")?)?;
    let x = if cfg.vocab_size.is_some() {
        Xin::Tokens(
            xv.mapv(|v| v as usize)
                .into_dimensionality()
                .map_err(|e| format!("{name}: x: {e}"))?,
        )
    } else {
        Xin::Dense(
            xv.into_dimensionality()
                .map_err(|e| format!("{name}: x: {e}"))?,
        )
    };
    let target = match loss {
        Loss::CrossEntropy => Target::Classes(ids(get(&case, "target")?)?),
        _ => Target::Dense(tensor(get(&case, "target")?)?),
    };
    let mut c = Case {
        name: name.to_string(),
        net,
        x,
        target,
        loss,
    };

    let (l0, grads, out) = c.loss_and_grads()?;
    compare(
        name,
        "rnn_output",
        &out.rnn_output.clone().into_dyn(),
        &tensor(get(&case, "rnn_output")?)?,
    )?;
    compare(
        name,
        "h_n",
        &out.h_n.clone().into_dyn(),
        &tensor(get(&case, "h_n")?)?,
    )?;
    match (case.get("c_n"), &out.c_n) {
        (Some(w), Some(g)) => compare(name, "c_n", &g.clone().into_dyn(), &tensor(w)?)?,
        (None, None) => {}
        (w, _) => {
            return Err(format!(
                "{name}: c_n present in reference: {}, in ours: {}",
                w.is_some(),
                out.c_n.is_some()
            ))
        }
    }
    compare(
        name,
        "head_output",
        &out.head_output,
        &tensor(get(&case, "head_output")?)?,
    )?;
    compare_scalar(
        name,
        "loss",
        l0,
        get(&case, "loss")?.as_f64().ok_or("loss")?,
    )?;
    let gref = get(&case, "grads")?;
    let gnames = grads.names();
    if gref.as_object().map(|o| o.len()) != Some(gnames.len()) {
        return Err(format!(
            "{name}: reference has a different number of gradients"
        ));
    }
    for (n, g) in gnames.iter().zip(grads.views()) {
        let key = format!("grad.{}", ref_name(n));
        compare(
            name,
            &key,
            &g.to_owned(),
            &tensor(get(gref, &key).map_err(|e| format!("{name}: {e}"))?)?,
        )?;
    }

    let initial = c.net.clone();
    let opts = get(&case, "optimizers")?.as_object().ok_or("optimizers")?;
    for (kind, o) in opts {
        let label = |s: &str| format!("optimizers.{kind}.{s}");
        let mut opt = optimizer_for(kind, get(o, "hyperparams")?)
            .map_err(|e| format!("{name}: {kind}: {e}"))?;
        c.net = initial.clone();
        let mut losses = Vec::new();
        for step in 1..=3 {
            let (l, g, _) = c.loss_and_grads()?;
            losses.push(l);
            opt.step(c.net.params_mut(), &g)
                .map_err(|e| format!("{name}: {kind}: {e}"))?;
            if step == 1 {
                check_params(
                    name,
                    &label("after_1_step"),
                    &c.net,
                    get(o, "after_1_step")?,
                )?;
                let st = get(o, "state_after_1_step")?;
                let st = st.as_object().ok_or("state_after_1_step")?;
                let ours: Vec<(String, ArrayD<f64>)> = opt.state();
                for (k, v) in st {
                    if k == "step" {
                        compare_scalar(
                            name,
                            &label("state_after_1_step.step"),
                            opt.steps() as f64,
                            v.as_f64().unwrap_or(f64::NAN),
                        )?;
                        continue;
                    }
                    let (prefix, pname) = k
                        .split_once('.')
                        .ok_or(format!("{name}: odd state key {k}"))?;
                    let ok = format!("{prefix}.{}", our_name(pname));
                    let mine = ours.iter().find(|(n, _)| *n == ok).ok_or(format!(
                        "{name}: {}: no such state in our optimizer",
                        label(&format!("state_after_1_step.{k}"))
                    ))?;
                    compare(
                        name,
                        &label(&format!("state_after_1_step.{k}")),
                        &mine.1,
                        &tensor(v)?,
                    )?;
                }
            }
        }
        check_params(
            name,
            &label("after_3_steps"),
            &c.net,
            get(o, "after_3_steps")?,
        )?;
        losses.push(c.loss_and_grads()?.0);
        let tl = get(o, "trajectory_losses")?
            .as_array()
            .ok_or("trajectory_losses")?;
        if tl.len() != losses.len() {
            return Err(format!(
                "{name}: {}: {} values, expected {}",
                label("trajectory_losses"),
                tl.len(),
                losses.len()
            ));
        }
        for (i, (a, b)) in losses.iter().zip(tl).enumerate() {
            compare_scalar(
                name,
                &label(&format!("trajectory_losses[{i}]")),
                *a,
                b.as_f64().unwrap_or(f64::NAN),
            )?;
        }
    }
    Ok(())
}

/// The f32 tolerance (the app's precision): see the module documentation.
const F32_RTOL: f64 = 2e-5;
const F32_ATOL: f64 = 1e-7;

/// Checks one case in f32 at [`F32_RTOL`]: the reference's float64 parameters and inputs
/// rounded to f32, one forward and backward pass; `rnn_output`, `head_output`, the loss and the
/// gradients are compared (not `h_n`/`c_n`, not the optimizer steps). `name` labels the errors;
/// `text` is the case's JSON.
pub fn check_case_f32(name: &str, text: &str) -> Result<(), String> {
    check_case_f32_sharded(name, text, 1)
}

/// [`check_case_f32`] with the loss and gradients computed as the app computes an update on
/// `workers` workers: the batch cut into that many shards, their weighted parts summed in shard
/// order (`rnn_playground::train::parallel`).
pub fn check_case_f32_sharded(name: &str, text: &str, workers: usize) -> Result<(), String> {
    let case: Value = serde_json::from_str(text).map_err(|e| format!("{name}: {e}"))?;
    let case = course_case_in_app_names(case).map_err(|e| format!("{name}: {e}"))?;
    let (cfg, loss) = config_of(&case)?;
    let mut net64 = Network::<f64>::new(&cfg, 0).map_err(|e| e.to_string())?;
    load_params(&mut net64, get(&case, "params")?, name)?;
    let mut net = Network::<f32>::new(&cfg, 0).map_err(|e| e.to_string())?;
    for (mut d, s) in net
        .params_mut()
        .views_mut()
        .into_iter()
        .zip(net64.params().views())
    {
        d.assign(&s.mapv(|v| v as f32));
    }
    let xv = tensor(get(&case, "x")?)?;
    let ids_x;
    let dense_x;
    let input = if cfg.vocab_size.is_some() {
        ids_x = xv
            .mapv(|v| v as usize)
            .into_dimensionality()
            .map_err(|e| e.to_string())?;
        Input::Tokens(ids_x.view())
    } else {
        dense_x = xv
            .mapv(|v| v as f32)
            .into_dimensionality()
            .map_err(|e| e.to_string())?;
        Input::Dense(dense_x.view())
    };
    let target = match loss {
        Loss::CrossEntropy => Target::Classes(ids(get(&case, "target")?)?),
        _ => Target::Dense(tensor(get(&case, "target")?)?.mapv(|v| v as f32)),
    };
    let mut st = net
        .train_step(
            input,
            None,
            &target,
            loss,
            ForwardOptions::default(),
            BackwardOptions::default(),
        )
        .map_err(|e| e.to_string())?;
    if workers > 1 {
        let batch = Batch {
            input: match input {
                Input::Dense(x) => BatchInput::Dense(x.to_owned()),
                Input::Tokens(t) => BatchInput::Tokens(t.to_owned()),
            },
            target: target.clone(),
        };
        let spec = ShardSpec {
            loss,
            truncate: None,
        };
        let sum =
            parallel::sharded_gradients(&net, &batch, workers, spec).map_err(|e| e.to_string())?;
        st.loss = sum.loss as f32;
        st.backward.grads = sum.grads;
    }
    let close = |key: &str, got: ArrayD<f32>, want: ArrayD<f64>| -> R<()> {
        let scale = want.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        for ((idx, &b), &a) in want.indexed_iter().zip(got.iter()) {
            if !within(a as f64, b, b.abs().max(scale), F32_RTOL, F32_ATOL) {
                return Err(format!(
                    "{name} (f32, {workers} worker(s)): {key}{:?}: got {a:e}, reference {b:e}",
                    idx.slice()
                ));
            }
        }
        Ok(())
    };
    close(
        "rnn_output",
        st.forward.rnn_output.into_dyn(),
        tensor(get(&case, "rnn_output")?)?,
    )?;
    close(
        "head_output",
        st.forward.head_output,
        tensor(get(&case, "head_output")?)?,
    )?;
    close(
        "loss",
        ArrayD::from_elem(IxDyn(&[]), st.loss),
        ArrayD::from_elem(IxDyn(&[]), get(&case, "loss")?.as_f64().unwrap_or(f64::NAN)),
    )?;
    let gref = get(&case, "grads")?;
    for (n, g) in st
        .backward
        .grads
        .names()
        .iter()
        .zip(st.backward.grads.views())
    {
        let key = format!("grad.{}", ref_name(n));
        close(&key, g.to_owned(), tensor(get(gref, &key)?)?)?;
    }
    Ok(())
}
