#!/usr/bin/env python3
"""Runs gen_numpy_cases.py's NumPy model on the PyTorch cases in ../ and prints the largest
relative error (outputs, loss, gradients, optimizer trajectories and states) per case.
Measured when the extra cases were generated: worst 4.5e-15."""
import glob
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))
import gen_numpy_cases as g  # noqa: E402


def rel(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(np.max(np.abs(a - b)) / max(np.max(np.abs(b)), 1e-300))


worst = 0.0
for f in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "..", "*.json"))):
    if f.endswith("index.json"):
        continue
    c = json.load(open(f))
    cfg, order = c["config"], c["param_order"]
    p0 = {n: np.array(v) for n, v in c["params"].items()}
    x, t = np.array(c["x"]), np.array(c["target"])
    out, gr = g.loss_and_grads(cfg, p0, x, t)
    errs = [rel(out["rnn_output"].value, c["rnn_output"]), rel(out["y"].value, c["head_output"]),
            rel(out["loss"].value, c["loss"])] + [rel(gr[n], c["grads"]["grad." + n]) for n in order]
    for k, o in c["optimizers"].items():
        r = g.run_optimizer(k, o["hyperparams"], cfg, p0, x, t, order)
        errs += [rel(r["after_3_steps"][n], o["after_3_steps"][n]) for n in order]
        errs += [rel(r["trajectory_losses"], o["trajectory_losses"])]
        errs += [rel(r["state_after_1_step"][k2], v) for k2, v in o["state_after_1_step"].items()]
    print(os.path.basename(f), max(errs))
    worst = max(worst, max(errs))
print("worst", worst)
assert worst < 1e-12
