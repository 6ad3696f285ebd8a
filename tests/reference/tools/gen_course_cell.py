#!/usr/bin/env python3
"""Generates the reference cases of ../../reference_course/: the course's hand-written cell
(tutorial 01) run by real PyTorch in float64, in the format of ../FORMAT.md with `cell` "course".

The module is tutorial 01's class (`CourseRNN` below; the course calls it `RNN`):

    i2h = nn.Linear(input_size + hidden_size, hidden_size)
    i2o = nn.Linear(input_size + hidden_size, output_size)
    combined = torch.cat((input, hidden), 1)
    hidden = tanh(i2h(combined))
    output = i2o(combined)              # reads x_t and h_{t-1}

run over the sequence from a zero hidden state, with the course's loss: `nn.MSELoss()` of each
step's output, summed over the steps (`mse_sum_t` in FORMAT.md), and the FORMAT.md optimizers
(SGD lr 0.1, Adam lr 0.01, RMSprop lr 0.01).

The case keeps the course's parameter names: `i2h.weight [H, I+H]`, `i2h.bias [H]`,
`i2o.weight [O, I+H]`, `i2o.bias [O]` (the checker splits `i2h.weight` into its x and h column
blocks). `rnn_output` holds the hidden states h_t `[B][T][H]`, `h_n` the last one `[1][B][H]`,
`head_output` the outputs `[B][T][O]`.

Before a case is written, the stored gradients are checked against central finite differences
(every entry), and the outputs and gradients against the same equations in NumPy to 1e-12.

Usage: /path/to/python gen_course_cell.py [OUT_DIR]   (needs torch and numpy; default OUT_DIR
is tests/reference_course)
"""
import copy
import os
import platform
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The settings (float64, one thread, deterministic), the optimizers of FORMAT.md, the rounding
# and the case writer are gen_torch_cases.py's: the same file format, made the same way.
from gen_torch_cases import OPTS, SIG, make_optimizer, out, rel, rnd, write_cases  # noqa: E402

SCRIPT = "tests/reference/tools/gen_course_cell.py"


class CourseRNN(nn.Module):
    """Tutorial 01's cell, as the course writes it."""

    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.act_fn = nn.Tanh()

    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        hidden = self.act_fn(self.i2h(combined))
        output = self.i2o(combined)
        return output, hidden


def run(model, x):
    """x [B, T, I] -> hidden states [B, T, H], h_n [1, B, H], outputs [B, T, O]."""
    hidden = torch.zeros(x.shape[0], model.hidden_size)
    hs, ys = [], []
    for t in range(x.shape[1]):
        output, hidden = model(x[:, t, :], hidden)
        hs.append(hidden)
        ys.append(output)
    return torch.stack(hs, 1), hidden.unsqueeze(0), torch.stack(ys, 1)


def loss_of(model, x, target):
    """The course's total_loss: nn.MSELoss() of each step, summed over the steps."""
    y = run(model, x)[2]
    loss_func = nn.MSELoss()
    return sum(loss_func(y[:, t, :], target[:, t, :]) for t in range(x.shape[1]))


def numpy_model(p, x, target):
    """The same equations in NumPy, with hand-written backpropagation through time."""
    wi, bi, wo, bo = p["i2h.weight"], p["i2h.bias"], p["i2o.weight"], p["i2o.bias"]
    B, T, _ = x.shape
    H = bi.shape[0]
    h = np.zeros((B, H))
    cs, hs, ys = [], [], []
    for t in range(T):
        c = np.concatenate([x[:, t], h], 1)
        h = np.tanh(c @ wi.T + bi)
        cs.append(c)
        hs.append(h)
        ys.append(c @ wo.T + bo)
    y = np.stack(ys, 1)
    m = B * y.shape[2]
    loss = float(((y - target) ** 2).sum() / m)
    dy = 2 * (y - target) / m
    g = {k: np.zeros_like(v) for k, v in p.items()}
    I = x.shape[2]
    dh = np.zeros((B, H))  # dL/dh_t from later steps
    for t in reversed(range(T)):
        g["i2o.weight"] += dy[:, t].T @ cs[t]
        g["i2o.bias"] += dy[:, t].sum(0)
        da = dh * (1 - hs[t] ** 2)
        g["i2h.weight"] += da.T @ cs[t]
        g["i2h.bias"] += da.sum(0)
        dc = da @ wi + dy[:, t] @ wo
        dh = dc[:, I:]
    return np.stack(hs, 1), y, loss, g


def run_optimizer(kind, model0, x, target):
    model = copy.deepcopy(model0)
    named = list(model.named_parameters())
    opt = make_optimizer(kind, [p for _, p in named])
    losses, after1, st1 = [], None, None
    for step in range(1, 4):
        opt.zero_grad()
        loss = loss_of(model, x, target)
        losses.append(loss.item())
        loss.backward()
        opt.step()
        if step == 1:
            after1 = {n: out(p) for n, p in named}
            st1 = {}
            for n, p in named:
                for k, v in opt.state[p].items():
                    if k == "step":
                        st1["step"] = int(v.item()) if torch.is_tensor(v) else int(v)
                    else:
                        st1[f"{k}.{n}"] = out(v)
    with torch.no_grad():
        losses.append(loss_of(model, x, target).item())
    return {"hyperparams": OPTS[kind], "after_1_step": after1, "state_after_1_step": st1,
            "after_3_steps": {n: out(p) for n, p in named}, "trajectory_losses": losses}


def finite_difference_check(name, model, x, target, grads):
    for n, p in model.named_parameters():
        flat = p.data.view(-1)
        g = grads[n].reshape(-1)
        for fi in range(flat.numel()):
            eps = 1e-6
            old = flat[fi].item()
            with torch.no_grad():
                flat[fi] = old + eps
                lp = loss_of(model, x, target).item()
                flat[fi] = old - eps
                lm = loss_of(model, x, target).item()
                flat[fi] = old
            fd = (lp - lm) / (2 * eps)
            an = g[fi].item()
            assert abs(fd - an) <= 1e-6 * max(1.0, abs(an)), (name, n, fi, fd, an)


def make_case(name, cfg, seed):
    I, H, O, B, T = (cfg[k] for k in ("input_size", "hidden_size", "output_size", "batch", "seq_len"))
    torch.manual_seed(seed)
    model = CourseRNN(I, H, O)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.tensor(rnd(p.tolist())))
    named = list(model.named_parameters())

    torch.manual_seed(seed + 1)
    if cfg["input_kind"] == "onehot_next":
        s = torch.randint(0, I, (B, T + 1))
        eye = torch.eye(I)
        x, target = eye[s[:, :-1]], eye[s[:, 1:]]
    else:
        x = torch.tensor(rnd(torch.randn(B, T, I).tolist()))
        target = torch.tensor(rnd(torch.randn(B, T, O).tolist()))

    model.zero_grad()
    hs, h_n, y = run(model, x)
    loss = loss_of(model, x, target)
    loss.backward()
    grads = {n: p.grad.detach().clone() for n, p in named}
    finite_difference_check(name, model, x, target, grads)
    p0 = {n: p.detach().numpy().copy() for n, p in named}
    nhs, ny, nloss, ng = numpy_model(p0, x.numpy(), target.numpy())
    worst = max([rel(nhs, hs.detach()), rel(ny, y.detach()), rel(nloss, loss.item())]
                + [rel(ng[n], grads[n]) for n, _ in named])
    assert worst < 1e-12, (name, worst)

    case = {
        "format_version": 1,
        "name": name,
        "dtype": "float64",
        "generator": {
            "script": SCRIPT,
            "implementation": "PyTorch: tutorial 01's module (i2h, i2o on torch.cat((input, hidden), 1)), nn.MSELoss summed over steps, torch.optim",
            "torch_version": torch.__version__,
            "numpy_version": np.__version__,
            "python": platform.python_version(),
            "seed": seed,
            "default_dtype": "torch.float64 (torch.set_default_dtype)",
            "significant_digits": SIG,
        },
        "config": cfg,
        "param_order": [n for n, _ in named],
        "param_shapes": {n: list(p.shape) for n, p in named},
        "params": {n: p.detach().tolist() for n, p in named},
        "x": x.tolist(),
        "target": target.tolist(),
        "initial_state": "zeros",
        "rnn_output": out(hs),
        "h_n": out(h_n),
        "head_output": out(y),
        "loss": loss.item(),
        "grads": {"grad." + n: out(grads[n]) for n, _ in named},
        "optimizers": {k: run_optimizer(k, model, x, target) for k in OPTS},
    }
    return case, sum(p.numel() for _, p in named), worst


def cfg(I, H, O, B, T, kind):
    return {"cell": "course", "input_size": I, "hidden_size": H, "num_layers": 1, "bidirectional": False,
            "batch_first": True, "batch": B, "seq_len": T, "output_size": O, "head": "per_step",
            "loss": "mse_sum_t", "input_kind": kind, "nonlinearity": "tanh"}


CASES = [
    # the course's setting: one sequence (batch 1), one-hot symbols, the next one as the target
    ("c01_course_char_onehot", cfg(7, 5, 7, 1, 6, "onehot_next")),
    # odd sizes, batch 3, real-valued input and targets
    ("c02_course_h13_randn_batch3", cfg(3, 13, 2, 3, 5, "randn")),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "..", "reference_course")
    write_cases(out_dir, CASES, make_case, 3000, SCRIPT)


if __name__ == "__main__":
    main()
