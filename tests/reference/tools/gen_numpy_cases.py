#!/usr/bin/env python3
"""Generates extra reference cases with an independent NumPy implementation.

NOT PyTorch: these cases are computed in float64 by this script, written directly from the
equations in ../FORMAT.md, with gradients from a tiny reverse-mode autodiff (generic rules
per operation, not hand-derived BPTT formulas), checked against central finite differences
before a case is written. They cover what the 8 PyTorch cases do not: several layers,
bidirectional, the flatten head, longer sequences, relu RNN, bias=False, per-step
cross-entropy, BCE with logits, and non-default optimizer settings.

Usage: python3 gen_numpy_cases.py OUT_DIR   (needs numpy)
"""
import json
import math
import os
import platform
import sys

import numpy as np


# ---------------------------------------------------------------- tiny autodiff
class V:
    """A float64 array with reverse-mode gradient."""

    def __init__(self, value, parents=(), back=None):
        self.value = np.asarray(value, dtype=np.float64)
        self.parents = parents
        self.back = back  # function(grad_out) -> list of grads for parents
        self.grad = None

    def __add__(self, o):
        o = o if isinstance(o, V) else V(o)
        return V(self.value + o.value, (self, o),
                 lambda g: [unbroadcast(g, self.value.shape), unbroadcast(g, o.value.shape)])

    def __sub__(self, o):
        o = o if isinstance(o, V) else V(o)
        return V(self.value - o.value, (self, o),
                 lambda g: [unbroadcast(g, self.value.shape), -unbroadcast(g, o.value.shape)])

    def __mul__(self, o):
        o = o if isinstance(o, V) else V(o)
        return V(self.value * o.value, (self, o),
                 lambda g: [unbroadcast(g * o.value, self.value.shape),
                            unbroadcast(g * self.value, o.value.shape)])

    def __rsub__(self, c):
        return V(c) - self

    def matmul(self, o):
        return V(self.value @ o.value, (self, o),
                 lambda g: [g @ o.value.T, self.value.T @ g])

    def T(self):
        return V(self.value.T, (self,), lambda g: [g.T])

    def __getitem__(self, idx):
        def back(g):
            z = np.zeros_like(self.value)
            np.add.at(z, idx, g)
            return [z]
        return V(self.value[idx], (self,), back)


def unbroadcast(g, shape):
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for i, s in enumerate(shape):
        if s == 1 and g.shape[i] != 1:
            g = g.sum(axis=i, keepdims=True)
    return g


def tanh(x):
    y = np.tanh(x.value)
    return V(y, (x,), lambda g: [g * (1 - y * y)])


def sigmoid(x):
    y = 1.0 / (1.0 + np.exp(-x.value))
    return V(y, (x,), lambda g: [g * y * (1 - y)])


def relu(x):
    y = np.maximum(x.value, 0.0)
    return V(y, (x,), lambda g: [g * (x.value > 0)])


def concat(xs, axis):
    sizes = [x.value.shape[axis] for x in xs]

    def back(g):
        out, start = [], 0
        for s in sizes:
            sl = [slice(None)] * g.ndim
            sl[axis] = slice(start, start + s)
            out.append(g[tuple(sl)])
            start += s
        return out
    return V(np.concatenate([x.value for x in xs], axis=axis), tuple(xs), back)


def stack(xs, axis):
    return V(np.stack([x.value for x in xs], axis=axis), tuple(xs),
             lambda g: [np.take(g, i, axis=axis) for i in range(len(xs))])


def reshape(x, shape):
    return V(x.value.reshape(shape), (x,), lambda g: [g.reshape(x.value.shape)])


def vsum(x):
    return V(x.value.sum(), (x,), lambda g: [np.full_like(x.value, g)])


def scale(x, c):
    return V(x.value * c, (x,), lambda g: [g * c])


def logsumexp_rows(x):
    m = x.value.max(axis=-1, keepdims=True)
    s = np.exp(x.value - m).sum(axis=-1, keepdims=True)
    y = (m + np.log(s))[..., 0]
    p = np.exp(x.value - y[..., None])
    return V(y, (x,), lambda g: [g[..., None] * p])


def softplus_neg_abs(x):
    # log(1 + exp(-|x|))
    y = np.log1p(np.exp(-np.abs(x.value)))
    return V(y, (x,), lambda g: [g * (-np.sign(x.value)) * np.exp(-np.abs(x.value)) / (1 + np.exp(-np.abs(x.value)))])


def maximum0(x):
    return V(np.maximum(x.value, 0), (x,), lambda g: [g * (x.value > 0)])


def backward(root):
    order, seen = [], set()

    def visit(v):
        if id(v) in seen:
            return
        seen.add(id(v))
        for p in v.parents:
            visit(p)
        order.append(v)
    visit(root)
    for v in order:
        v.grad = None
    root.grad = np.ones_like(root.value)
    for v in reversed(order):
        if v.back is None or v.grad is None:
            continue
        for p, g in zip(v.parents, v.back(v.grad)):
            p.grad = g if p.grad is None else p.grad + g


# ---------------------------------------------------------------- the model (FORMAT.md)
G = {"rnn": 1, "lstm": 4, "gru": 3}


def param_names(cfg):
    names = []
    D = 2 if cfg["bidirectional"] else 1
    for k in range(cfg["num_layers"]):
        for d in range(D):
            s = "_reverse" if d == 1 else ""
            names += [f"weight_ih_l{k}{s}", f"weight_hh_l{k}{s}"]
            if cfg.get("bias", True):
                names += [f"bias_ih_l{k}{s}", f"bias_hh_l{k}{s}"]
    return names + ["fc.weight", "fc.bias"]


def param_shapes(cfg):
    H, D, g = cfg["hidden_size"], (2 if cfg["bidirectional"] else 1), G[cfg["cell"]]
    F = D * H * (cfg["seq_len"] if cfg["head"] == "flatten" else 1)
    shp = {}
    for n in param_names(cfg):
        if n == "fc.weight":
            shp[n] = [cfg["output_size"], F]
        elif n == "fc.bias":
            shp[n] = [cfg["output_size"]]
        else:
            k = int(n.split("_l")[1].split("_")[0])
            inp = cfg["input_size"] if k == 0 else D * H
            if n.startswith("weight_ih"):
                shp[n] = [g * H, inp]
            elif n.startswith("weight_hh"):
                shp[n] = [g * H, H]
            else:
                shp[n] = [g * H]
    return shp


def cell_step(cfg, P, pre, x, h, c):
    """x: [B,in], h,c: [B,H] -> (h, c). Equations of FORMAT.md."""
    H = cfg["hidden_size"]
    gi = x.matmul(P["w_ih"].T())
    gh = h.matmul(P["w_hh"].T())
    if P["b_ih"] is not None:
        gi = gi + P["b_ih"]
        gh = gh + P["b_hh"]
    blk = lambda a, j: a[:, j * H:(j + 1) * H]
    kind = cfg["cell"]
    if kind == "rnn":
        act = relu if cfg.get("nonlinearity", "tanh") == "relu" else tanh
        return act(gi + gh), None
    if kind == "lstm":
        i = sigmoid(blk(gi, 0) + blk(gh, 0))
        f = sigmoid(blk(gi, 1) + blk(gh, 1))
        g = tanh(blk(gi, 2) + blk(gh, 2))
        o = sigmoid(blk(gi, 3) + blk(gh, 3))
        c2 = f * c + i * g
        return o * tanh(c2), c2
    r = sigmoid(blk(gi, 0) + blk(gh, 0))
    z = sigmoid(blk(gi, 1) + blk(gh, 1))
    n = tanh(blk(gi, 2) + r * blk(gh, 2))
    return (1.0 - z) * n + z * h, None


def forward(cfg, params, x, target):
    """params: {name: V}; x: [B,T,I] array. Returns dict of V."""
    B, T = x.shape[0], x.shape[1]
    H, L = cfg["hidden_size"], cfg["num_layers"]
    D = 2 if cfg["bidirectional"] else 1
    layer_in = [V(x[:, t, :]) for t in range(T)]
    h_n, c_n = [], []
    for k in range(L):
        outs = []
        for d in range(D):
            s = "_reverse" if d == 1 else ""
            P = {
                "w_ih": params[f"weight_ih_l{k}{s}"], "w_hh": params[f"weight_hh_l{k}{s}"],
                "b_ih": params.get(f"bias_ih_l{k}{s}"), "b_hh": params.get(f"bias_hh_l{k}{s}"),
            }
            h = V(np.zeros((B, H)))
            c = V(np.zeros((B, H)))
            hs = [None] * T
            order = range(T) if d == 0 else range(T - 1, -1, -1)
            for t in order:
                h, c2 = cell_step(cfg, P, None, layer_in[t], h, c)
                if c2 is not None:
                    c = c2
                hs[t] = h
            h_n.append(h)
            c_n.append(c)
            outs.append(hs)
        layer_in = [concat([outs[d][t] for d in range(D)], 1) if D > 1 else outs[0][t] for t in range(T)]
    rnn_out = stack(layer_in, 1)  # [B,T,DH]
    W, b = params["fc.weight"], params["fc.bias"]
    head = cfg["head"]
    if head == "per_step":
        y = stack([layer_in[t].matmul(W.T()) + b for t in range(T)], 1)
    elif head == "last_step":
        y = layer_in[T - 1].matmul(W.T()) + b
    else:
        flat = concat(layer_in, 1)  # t-major then feature
        y = flat.matmul(W.T()) + b
    loss = loss_fn(cfg, y, target)
    return {"rnn_output": rnn_out, "h_n": stack(h_n, 0), "c_n": stack(c_n, 0), "y": y, "loss": loss}


def loss_fn(cfg, y, target):
    kind = cfg["loss"]
    if kind == "mse_mean":
        d = y - V(target)
        return scale(vsum(d * d), 1.0 / y.value.size)
    if kind == "mse_sum_t":
        d = y - V(target)
        B, T, O = y.value.shape
        return scale(vsum(d * d), 1.0 / (B * O))
    if kind == "bce_with_logits":
        t = V(target)
        ell = maximum0(y) - y * t + softplus_neg_abs(y)
        return scale(vsum(ell), 1.0 / y.value.size)
    # cross entropy, class ids [B] or [B,T]
    tgt = np.asarray(target)
    onehot = np.zeros(y.value.shape)
    if tgt.ndim == 1:
        onehot[np.arange(tgt.shape[0]), tgt] = 1
    else:
        for bi in range(tgt.shape[0]):
            for ti in range(tgt.shape[1]):
                onehot[bi, ti, tgt[bi, ti]] = 1
    picked = vsum(y * V(onehot))
    return scale(vsum(logsumexp_rows(y)) - picked, 1.0 / tgt.size)


def loss_and_grads(cfg, pvals, x, target):
    params = {n: V(v.copy()) for n, v in pvals.items()}
    out = forward(cfg, params, x, target)
    backward(out["loss"])
    return out, {n: params[n].grad for n in pvals}


# ---------------------------------------------------------------- optimizers (FORMAT.md + PyTorch docs)
def run_optimizer(kind, hp, cfg, p0, x, target, order):
    p = {n: v.copy() for n, v in p0.items()}
    state = {n: {} for n in order}
    losses, after1, st1 = [], None, None
    for step in range(1, 4):
        out, g = loss_and_grads(cfg, p, x, target)
        losses.append(float(out["loss"].value))
        for n in order:
            gr = g[n] + hp.get("weight_decay", 0.0) * p[n]
            s = state[n]
            if kind == "sgd":
                mom = hp["momentum"]
                if mom != 0:
                    buf = gr.copy() if "momentum_buffer" not in s else mom * s["momentum_buffer"] + (1 - hp["dampening"]) * gr
                    s["momentum_buffer"] = buf
                    gr = gr + mom * buf if hp["nesterov"] else buf
                p[n] = p[n] - hp["lr"] * gr
            elif kind == "adam":
                b1, b2 = hp["betas"]
                m = b1 * s.get("exp_avg", 0.0) + (1 - b1) * gr
                v = b2 * s.get("exp_avg_sq", 0.0) + (1 - b2) * gr * gr
                s["exp_avg"], s["exp_avg_sq"] = m, v
                mh = m / (1 - b1 ** step)
                vh = v / (1 - b2 ** step)
                p[n] = p[n] - hp["lr"] * mh / (np.sqrt(vh) + hp["eps"])
            else:
                a = hp["alpha"]
                v = a * s.get("square_avg", 0.0) + (1 - a) * gr * gr
                s["square_avg"] = v
                if hp["centered"]:
                    ga = a * s.get("grad_avg", 0.0) + (1 - a) * gr
                    s["grad_avg"] = ga
                    avg = np.sqrt(v - ga * ga) + hp["eps"]
                else:
                    avg = np.sqrt(v) + hp["eps"]
                if hp["momentum"] > 0:
                    buf = hp["momentum"] * s.get("momentum_buffer", 0.0) + gr / avg
                    s["momentum_buffer"] = buf
                    p[n] = p[n] - hp["lr"] * buf
                else:
                    p[n] = p[n] - hp["lr"] * gr / avg
        if step == 1:
            after1 = {n: p[n].tolist() for n in order}
            st1 = {"step": 1} if kind != "sgd" else {}
            for n in order:
                for k, v in state[n].items():
                    st1[f"{k}.{n}"] = np.asarray(v).tolist()
    out, _ = loss_and_grads(cfg, p, x, target)
    losses.append(float(out["loss"].value))
    return {"hyperparams": hp, "after_1_step": after1, "state_after_1_step": st1,
            "after_3_steps": {n: p[n].tolist() for n in order}, "trajectory_losses": losses}


# ---------------------------------------------------------------- cases
def make_case(name, cfg, seed, opt_hps):
    rng = np.random.default_rng(seed)
    H = cfg["hidden_size"]
    order = param_names(cfg)
    shapes = param_shapes(cfg)
    p0 = {}
    for n in order:
        if n.startswith("fc."):
            bound = 1.0 / math.sqrt(shapes["fc.weight"][1])
        else:
            bound = 1.0 / math.sqrt(H)
        p0[n] = rng.uniform(-bound, bound, size=shapes[n])
    B, T, I, O = cfg["batch"], cfg["seq_len"], cfg["input_size"], cfg["output_size"]
    if cfg["input_kind"] == "onehot_next":
        s = rng.integers(0, I, size=(B, T + 1))
        x = np.eye(I)[s[:, :T]]
        target = np.eye(I)[s[:, 1:]]
    else:
        x = rng.standard_normal((B, T, I))
        per_step = cfg["head"] == "per_step"
        if cfg["loss"] == "cross_entropy":
            target = rng.integers(0, O, size=(B, T) if per_step else (B,))
        elif cfg["loss"] == "bce_with_logits":
            target = rng.integers(0, 2, size=(B, T, O) if per_step else (B, O)).astype(np.float64)
        else:
            target = rng.standard_normal((B, T, O) if per_step else (B, O))
    out, grads = loss_and_grads(cfg, p0, x, target)

    # Central finite differences on a sample of entries of every parameter.
    for n in order:
        flat_idx = rng.choice(p0[n].size, size=min(6, p0[n].size), replace=False)
        for fi in flat_idx:
            idx = np.unravel_index(fi, p0[n].shape)
            eps = 1e-6
            pp = {k: v.copy() for k, v in p0.items()}
            pp[n][idx] += eps
            lp = float(forward(cfg, {k: V(v) for k, v in pp.items()}, x, target)["loss"].value)
            pp[n][idx] -= 2 * eps
            lm = float(forward(cfg, {k: V(v) for k, v in pp.items()}, x, target)["loss"].value)
            fd = (lp - lm) / (2 * eps)
            an = grads[n][idx]
            assert abs(fd - an) <= 1e-6 * max(1.0, abs(an)), (name, n, idx, fd, an)

    case = {
        "format_version": 1,
        "name": name,
        "dtype": "float64",
        "generator": {
            "script": "tests/reference/tools/gen_numpy_cases.py",
            "implementation": "NumPy (independent of PyTorch and of the Rust code); NOT PyTorch-generated",
            "numpy_version": np.__version__,
            "python": platform.python_version(),
            "seed": seed,
            "default_dtype": "float64",
        },
        "config": cfg,
        "param_order": order,
        "param_shapes": shapes,
        "params": {n: p0[n].tolist() for n in order},
        "x": x.tolist(),
        "target": target.tolist(),
        "initial_state": "zeros",
        "rnn_output": out["rnn_output"].value.tolist(),
        "h_n": out["h_n"].value.tolist(),
        "head_output": out["y"].value.tolist(),
        "loss": float(out["loss"].value),
        "grads": {"grad." + n: grads[n].tolist() for n in order},
        "optimizers": {k: run_optimizer(k, hp, cfg, p0, x, target, order) for k, hp in opt_hps.items()},
    }
    if cfg["cell"] == "lstm":
        case["c_n"] = out["c_n"].value.tolist()
    return case


DEFAULT_OPTS = {
    "sgd": {"lr": 0.1, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False},
    "adam": {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.0, "amsgrad": False},
    "rmsprop": {"lr": 0.01, "alpha": 0.99, "eps": 1e-08, "weight_decay": 0.0, "momentum": 0.0, "centered": False},
}
VARIANT_OPTS = {
    "sgd": {"lr": 0.05, "momentum": 0.9, "dampening": 0.0, "weight_decay": 0.01, "nesterov": True},
    "adam": {"lr": 0.02, "betas": [0.8, 0.99], "eps": 1e-06, "weight_decay": 0.05, "amsgrad": False},
    "rmsprop": {"lr": 0.005, "alpha": 0.9, "eps": 1e-07, "weight_decay": 0.01, "momentum": 0.5, "centered": True},
}


def cfg(cell, I, H, L, bi, T, O, head, loss, kind="randn", **extra):
    c = {"cell": cell, "input_size": I, "hidden_size": H, "num_layers": L, "bidirectional": bi,
         "batch_first": True, "batch": 2, "seq_len": T, "output_size": O, "head": head, "loss": loss,
         "input_kind": kind}
    if cell == "rnn":
        c["nonlinearity"] = extra.pop("nonlinearity", "tanh")
    c.update(extra)
    return c


CASES = [
    ("x01_lstm_2layer_mse", cfg("lstm", 3, 4, 2, False, 6, 2, "per_step", "mse_mean"), DEFAULT_OPTS),
    ("x02_gru_bidir_ce_last", cfg("gru", 4, 3, 1, True, 5, 3, "last_step", "cross_entropy"), DEFAULT_OPTS),
    ("x03_lstm_bidir_2layer_flatten_ce", cfg("lstm", 4, 3, 2, True, 5, 4, "flatten", "cross_entropy"), DEFAULT_OPTS),
    ("x04_rnn_bidir_2layer_long_mse_sum_t", cfg("rnn", 5, 4, 2, True, 24, 5, "per_step", "mse_sum_t", "onehot_next"), DEFAULT_OPTS),
    ("x05_gru_3layer_long_ce_last", cfg("gru", 3, 5, 3, False, 30, 4, "last_step", "cross_entropy"), VARIANT_OPTS),
    ("x06_rnn_relu_bce_per_step", cfg("rnn", 3, 4, 1, False, 7, 2, "per_step", "bce_with_logits", nonlinearity="relu"), VARIANT_OPTS),
    ("x07_lstm_nobias_bidir_ce_per_step", cfg("lstm", 4, 3, 1, True, 6, 4, "per_step", "cross_entropy", bias=False), VARIANT_OPTS),
    ("x08_gru_bidir_4layer_flatten_mse", cfg("gru", 2, 3, 4, True, 4, 2, "flatten", "mse_mean"), DEFAULT_OPTS),
    ("x09_lstm_bidir_long_mse_last", cfg("lstm", 3, 4, 1, True, 40, 2, "last_step", "mse_mean"), VARIANT_OPTS),
]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "reference_extra")
    os.makedirs(out_dir, exist_ok=True)
    index = []
    for i, (name, c, opts) in enumerate(CASES):
        case = make_case(name, c, 1000 + i, opts)
        with open(os.path.join(out_dir, name + ".json"), "w") as f:
            json.dump(case, f)
        index.append({"file": name + ".json", **c, "loss_value": case["loss"]})
        print("wrote", name, case["loss"])
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump({"format_version": 1, "generator": "NumPy (not PyTorch): tests/reference/tools/gen_numpy_cases.py",
                   "dtype": "float64", "cases": index}, f, indent=1)


if __name__ == "__main__":
    main()
