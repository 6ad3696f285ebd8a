#!/usr/bin/env python3
"""Generates the PyTorch reference cases of ../../reference_torch/ (format: ../FORMAT.md).

Real PyTorch in float64 (`torch.set_default_dtype(torch.float64)`, one thread, deterministic
algorithms): `nn.RNN` / `nn.LSTM` / `nn.GRU` (batch_first=True), `nn.Embedding`, `nn.Linear`,
`nn.MSELoss` / `nn.CrossEntropyLoss` / `nn.BCEWithLogitsLoss` and `torch.optim.SGD` / `Adam` /
`RMSprop` with the FORMAT.md hyperparameters (PyTorch defaults except lr).

The cases cover shapes the other folders miss: hidden sizes 13, 14, 15 and 29 (the matrix
kernel's tail once overflowed on them), and token input through an embedding into an LSTM with a
BCE-with-logits head (the course's review-sentiment model, small).

Numbers are written with SIG significant digits (the shortest decimal that round-trips the
rounded double), to keep the files small. The inputs (initial parameters, x) are rounded
*before* the computation, so the file holds exactly the values PyTorch ran on; the outputs carry
a rounding error of at most 5e-14 relative, far below the test's 1e-10. Scalars (loss,
trajectory losses) are written in full.

Before a case is written it is checked: the stored gradients against central finite
differences (PyTorch, sampled entries of every parameter), and outputs, gradients and the three
optimizers against the independent NumPy model of gen_numpy_cases.py (same folder) to 1e-12 (for
token input without the embedding's gradient and the optimizers: see numpy_cross_check).

Usage: /path/to/python gen_torch_cases.py [OUT_DIR]   (needs torch and numpy; default OUT_DIR
is tests/reference_torch)
"""
import copy
import json
import math
import os
import platform
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_numpy_cases as npref  # noqa: E402  (the independent NumPy model, for the cross-check)

SCRIPT = "tests/reference/tools/gen_torch_cases.py"
SIG = 13

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)
torch.use_deterministic_algorithms(True)

# FORMAT.md: PyTorch defaults except lr; no weight decay, no momentum, not centred, no amsgrad.
OPTS = {
    "sgd": {"lr": 0.1, "momentum": 0.0, "dampening": 0.0, "weight_decay": 0.0, "nesterov": False},
    "adam": {"lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0.0, "amsgrad": False},
    "rmsprop": {"lr": 0.01, "alpha": 0.99, "eps": 1e-08, "weight_decay": 0.0, "momentum": 0.0, "centered": False},
}


def make_optimizer(kind, params):
    hp = OPTS[kind]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=hp["lr"], momentum=hp["momentum"], dampening=hp["dampening"],
                               weight_decay=hp["weight_decay"], nesterov=hp["nesterov"], foreach=False)
    if kind == "adam":
        return torch.optim.Adam(params, lr=hp["lr"], betas=tuple(hp["betas"]), eps=hp["eps"],
                                weight_decay=hp["weight_decay"], amsgrad=hp["amsgrad"], foreach=False)
    return torch.optim.RMSprop(params, lr=hp["lr"], alpha=hp["alpha"], eps=hp["eps"],
                               weight_decay=hp["weight_decay"], momentum=hp["momentum"],
                               centered=hp["centered"], foreach=False)


def rnd(x):
    """x (float or nested list) rounded to SIG significant digits."""
    if isinstance(x, list):
        return [rnd(v) for v in x]
    if isinstance(x, float):
        return float(f"{x:.{SIG}g}")
    return x


def out(t):
    """A tensor as a nested list, rounded for writing."""
    return rnd(t.detach().tolist())


class Net(nn.Module):
    """embedding (optional) -> nn.RNN/LSTM/GRU (batch_first) -> fc head, as FORMAT.md."""

    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        if cfg.get("vocab_size"):
            self.embedding = nn.Embedding(cfg["vocab_size"], cfg["input_size"])
        kind = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[cfg["cell"]]
        kw = dict(input_size=cfg["input_size"], hidden_size=cfg["hidden_size"], num_layers=cfg["num_layers"],
                  bidirectional=cfg["bidirectional"], batch_first=True)
        if cfg["cell"] == "rnn":
            kw["nonlinearity"] = cfg["nonlinearity"]
        self.rnn = kind(**kw)
        D = 2 if cfg["bidirectional"] else 1
        F = D * cfg["hidden_size"] * (cfg["seq_len"] if cfg["head"] == "flatten" else 1)
        self.fc = nn.Linear(F, cfg["output_size"])

    def forward(self, x):
        if self.cfg.get("vocab_size"):
            x = self.embedding(x)
        rnn_out, state = self.rnn(x)  # zero initial state
        h_n, c_n = state if isinstance(state, tuple) else (state, None)
        head = self.cfg["head"]
        if head == "per_step":
            y = self.fc(rnn_out)
        elif head == "last_step":
            y = self.fc(rnn_out[:, -1, :])
        else:
            y = self.fc(rnn_out.reshape(rnn_out.shape[0], -1))
        return rnn_out, h_n, c_n, y


def loss_module(cfg):
    return {"mse_mean": nn.MSELoss(), "cross_entropy": nn.CrossEntropyLoss(),
            "bce_with_logits": nn.BCEWithLogitsLoss()}[cfg["loss"]]


def ref_name(n):
    """PyTorch name -> FORMAT.md name (recurrent weights without the `rnn.` prefix)."""
    return n[len("rnn."):] if n.startswith("rnn.") else n


def loss_of(model, cfg, x, target):
    return loss_module(cfg)(model(x)[3], target)


def run_optimizer(kind, model0, cfg, x, target):
    model = copy.deepcopy(model0)
    named = list(model.named_parameters())
    opt = make_optimizer(kind, [p for _, p in named])
    losses, after1, st1 = [], None, None
    for step in range(1, 4):
        opt.zero_grad()
        loss = loss_of(model, cfg, x, target)
        losses.append(loss.item())
        loss.backward()
        opt.step()
        if step == 1:
            after1 = {ref_name(n): out(p) for n, p in named}
            st1 = {}
            for n, p in named:
                for k, v in opt.state[p].items():
                    if k == "step":
                        st1["step"] = int(v.item()) if torch.is_tensor(v) else int(v)
                    else:
                        st1[f"{k}.{ref_name(n)}"] = out(v)
    with torch.no_grad():
        losses.append(loss_of(model, cfg, x, target).item())
    return {"hyperparams": OPTS[kind], "after_1_step": after1, "state_after_1_step": st1,
            "after_3_steps": {ref_name(n): out(p) for n, p in named}, "trajectory_losses": losses}


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


def finite_difference_check(name, model, cfg, x, target, grads, rng):
    for n, p in model.named_parameters():
        flat = p.data.view(-1)
        g = grads[n].reshape(-1)
        for fi in rng.choice(flat.numel(), size=min(6, flat.numel()), replace=False):
            eps = 1e-6
            old = flat[fi].item()
            with torch.no_grad():
                flat[fi] = old + eps
                lp = loss_of(model, cfg, x, target).item()
                flat[fi] = old - eps
                lm = loss_of(model, cfg, x, target).item()
                flat[fi] = old
            fd = (lp - lm) / (2 * eps)
            an = g[fi].item()
            assert abs(fd - an) <= 1e-6 * max(1.0, abs(an)), (name, n, int(fi), fd, an)


def numpy_cross_check(name, case):
    """The independent NumPy model of gen_numpy_cases.py on this case. It has no embedding: for
    token input it runs on the embedded input `embedding.weight[x]` and checks the outputs, the
    loss and the other gradients (not the embedding's gradient, nor the optimizers)."""
    cfg, order = case["config"], case["param_order"]
    p0 = {n: np.array(v) for n, v in case["params"].items()}
    x, t = np.array(case["x"]), np.array(case["target"])
    tokens = "embedding.weight" in p0
    if tokens:
        x = p0.pop("embedding.weight")[x]
        order = [n for n in order if n != "embedding.weight"]
    o, gr = npref.loss_and_grads(cfg, p0, x, t)
    errs = [rel(o["rnn_output"].value, case["rnn_output"]), rel(o["h_n"].value, case["h_n"]),
            rel(o["y"].value, case["head_output"]), rel(o["loss"].value, case["loss"])]
    if "c_n" in case:
        errs.append(rel(o["c_n"].value, case["c_n"]))
    errs += [rel(gr[n], case["grads"]["grad." + n]) for n in order]
    for k, oc in ({} if tokens else case["optimizers"]).items():
        r = npref.run_optimizer(k, oc["hyperparams"], cfg, p0, x, t, order)
        errs += [rel(r["after_1_step"][n], oc["after_1_step"][n]) for n in order]
        errs += [rel(r["after_3_steps"][n], oc["after_3_steps"][n]) for n in order]
        errs.append(rel(r["trajectory_losses"], oc["trajectory_losses"]))
        errs += [rel(r["state_after_1_step"][k2], v) for k2, v in oc["state_after_1_step"].items()]
    worst = max(errs)
    assert worst < 1e-12, (name, worst)
    return worst


def make_case(name, cfg, seed):
    torch.manual_seed(seed)
    model = Net(cfg)
    with torch.no_grad():  # the written parameters are exactly those used
        for p in model.parameters():
            p.copy_(torch.tensor(rnd(p.tolist())))
    named = list(model.named_parameters())
    order = [ref_name(n) for n, _ in named]

    torch.manual_seed(seed + 1)
    B, T, O = cfg["batch"], cfg["seq_len"], cfg["output_size"]
    per_step = cfg["head"] == "per_step"
    if cfg.get("vocab_size"):
        x = torch.randint(0, cfg["vocab_size"], (B, T))
    else:
        x = torch.tensor(rnd(torch.randn(B, T, cfg["input_size"]).tolist()))
    if cfg["loss"] == "cross_entropy":
        assert not per_step
        target = torch.randint(0, O, (B,))
    elif cfg["loss"] == "bce_with_logits":
        target = torch.randint(0, 2, (B, T, O) if per_step else (B, O)).to(torch.float64)
        if target.min() == target.max():  # both labels present, so both branches of the loss run
            target.view(-1)[0] = 1.0 - target.view(-1)[0]
    else:
        target = torch.tensor(rnd(torch.randn((B, T, O) if per_step else (B, O)).tolist()))

    model.zero_grad()
    rnn_out, h_n, c_n, y = model(x)
    loss = loss_module(cfg)(y, target)
    loss.backward()
    grads = {n: p.grad.detach().clone() for n, p in named}
    finite_difference_check(name, model, cfg, x, target, grads, np.random.default_rng(seed))

    case = {
        "format_version": 1,
        "name": name,
        "dtype": "float64",
        "generator": {
            "script": SCRIPT,
            "implementation": "PyTorch (nn.RNN/LSTM/GRU, nn.Embedding, nn.Linear, nn losses, torch.optim)",
            "torch_version": torch.__version__,
            "numpy_version": np.__version__,
            "python": platform.python_version(),
            "seed": seed,
            "default_dtype": "torch.float64 (torch.set_default_dtype)",
            "significant_digits": SIG,
        },
        "config": cfg,
        "param_order": order,
        "param_shapes": {ref_name(n): list(p.shape) for n, p in named},
        "params": {ref_name(n): p.detach().tolist() for n, p in named},
        "x": x.tolist(),
        "target": target.tolist(),
        "initial_state": "zeros",
        "rnn_output": out(rnn_out),
        "h_n": out(h_n),
        "head_output": out(y),
        "loss": loss.item(),
        "grads": {"grad." + ref_name(n): out(grads[n]) for n, _ in named},
        "optimizers": {k: run_optimizer(k, model, cfg, x, target) for k in OPTS},
    }
    if c_n is not None:
        case["c_n"] = out(c_n)
    return case, sum(p.numel() for _, p in named), numpy_cross_check(name, case)


def cfg(cell, I, H, L, bi, T, O, head, loss, kind="randn", **extra):
    c = {"cell": cell, "input_size": I, "hidden_size": H, "num_layers": L, "bidirectional": bi,
         "batch_first": True, "batch": 2, "seq_len": T, "output_size": O, "head": head, "loss": loss,
         "input_kind": kind}
    if cell == "rnn":
        c["nonlinearity"] = extra.pop("nonlinearity", "tanh")
    c.update(extra)
    return c


CASES = [
    ("t01_lstm_h13_ce_last", cfg("lstm", 5, 13, 1, False, 6, 4, "last_step", "cross_entropy")),
    ("t02_gru_h14_bidir_mse_per_step", cfg("gru", 3, 14, 1, True, 5, 2, "per_step", "mse_mean")),
    ("t03_rnn_h15_2layer_flatten_ce", cfg("rnn", 4, 15, 2, False, 4, 3, "flatten", "cross_entropy")),
    # token ids [B][T] through embedding.weight [vocab, input_size]; input_size is the embedding dim
    ("t04_embedding_lstm_last_bce", cfg("lstm", 16, 8, 1, False, 12, 1, "last_step", "bce_with_logits",
                                        "tokens", vocab_size=20)),
    ("t05_rnn_h29_bidir_mse_last", cfg("rnn", 2, 29, 1, True, 4, 2, "last_step", "mse_mean")),
]


def write_cases(out_dir, cases, make_case, seed0, script):
    """Writes each case with `make_case(name, cfg, seed0 + i)` and the index, as FORMAT.md says."""
    os.makedirs(out_dir, exist_ok=True)
    index = []
    for i, (name, c) in enumerate(cases):
        case, n_params, worst = make_case(name, c, seed0 + i)
        path = os.path.join(out_dir, name + ".json")
        with open(path, "w") as f:
            json.dump(case, f, separators=(",", ":"))
        index.append({"file": name + ".json", **c, "n_params": n_params, "loss_value": case["loss"]})
        print(f"wrote {name}: {n_params} params, {os.path.getsize(path)} bytes, loss {case['loss']}, "
              f"NumPy cross-check worst rel {worst:.1e}")
    with open(os.path.join(out_dir, "index.json"), "w") as f:
        json.dump({"format_version": 1, "generator": f"PyTorch: {script}", "torch_version": torch.__version__,
                   "dtype": "float64", "cases": index}, f, indent=1)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "reference_torch")
    write_cases(out_dir, CASES, make_case, 2000, SCRIPT)


if __name__ == "__main__":
    main()
