#!/usr/bin/python3
"""PyTorch side of the CAE/IDEC parity check (run by CaeParityTest, or by hand after it wrote its files).

Usage: /usr/bin/python3 parity/cae_parity.py DIR
DIR holds init.npz (initial weights, the batch x, the initial centres) and java.npz (the Java run: per step the loss
and every gradient, then the weights after the steps, and the IDEC target p). This script builds the same network
with plain torch.nn.functional calls -- the paper's genuine 1-channel output conv, i.e. channel 0 of the Java
16-channel conv -- replays 3 Adam steps on MSE and 3 on the IDEC loss 0.1*KL(P||Q) + MSE, and compares. Relative
error = ||java - torch|| / ||torch|| per tensor; it must be <= 1e-4 (float32). Exit status 1 otherwise.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

TOL = 1e-4
STEPS = 3


def load(path):
    with np.load(path) as z:
        return {k: z[k] for k in z.files}


def param_names(init):
    enc = sorted({k.rsplit(".", 1)[0] for k in init if k.startswith("enc.conv")}, key=lambda s: int(s[8:]))
    dec = sorted({k.rsplit(".", 1)[0] for k in init if k.startswith("dec.conv")}, key=lambda s: int(s[8:]))
    return enc, dec


class Cae:
    """The CAE as in CaeNetwork; the last conv uses only output channel 0 of the Java weights."""

    def __init__(self, init):
        self.enc, self.dec = param_names(init)
        self.p = {}
        for k, v in init.items():
            if k.startswith(("enc.", "dec.")):
                t = torch.tensor(v, dtype=torch.float32)
                if k.startswith(self.dec[-1] + "."):
                    t = t[0:1].clone()  # the paper's 1-channel output conv
                self.p[k] = t.requires_grad_(True)

    def encode(self, x):
        h = x
        for name in self.enc:
            h = F.max_pool2d(F.relu(F.conv2d(h, self.p[name + ".weight"], self.p[name + ".bias"], padding=1)), 2)
        return F.linear(h.reshape(h.shape[0], -1), self.p["enc.dense.weight"], self.p["enc.dense.bias"])

    def decode(self, z, side, channels):
        h = F.relu(F.linear(z, self.p["dec.dense.weight"], self.p["dec.dense.bias"]))
        h = h.reshape(z.shape[0], channels, side, side)
        for i, name in enumerate(self.dec):
            h = F.interpolate(h, scale_factor=2, mode="bilinear", align_corners=False)
            h = F.conv2d(h, self.p[name + ".weight"], self.p[name + ".bias"], padding=1)
            h = torch.sigmoid(h) if i == len(self.dec) - 1 else F.relu(h)
        return h


def q_of(z, mu):
    d2 = ((z.unsqueeze(1) - mu.unsqueeze(0)) ** 2).sum(2)
    k = 1.0 / (1.0 + d2)
    return k / k.sum(1, keepdim=True)


def rel(a, b):
    a = np.asarray(a, dtype=np.float64).ravel()
    b = np.asarray(b, dtype=np.float64).ravel()
    den = np.linalg.norm(b)
    num = np.linalg.norm(a - b)
    return num / den if den > 0 else num


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "target/parity"
    torch.set_num_threads(2)
    init, java = load(d + "/init.npz"), load(d + "/java.npz")
    cae = Cae(init)
    last = cae.dec[-1]
    x = torch.tensor(init["x"])
    s = x.shape[-1] >> len(cae.enc)
    channels = init[cae.enc[-1] + ".weight"].shape[0]
    worst = {"loss": 0.0, "grad": 0.0, "weights": 0.0}
    failures = []

    def compare(kind, name, j, t):
        e = rel(j, t)
        worst[kind] = max(worst[kind], e)
        if not e <= TOL:
            failures.append(f"{kind} {name}: relative error {e:.2e}")

    def check_step(prefix, params, loss):
        compare("loss", prefix, java[prefix + ".loss"], loss.item())
        for name, t in params:
            jg = java[f"{prefix}.grad.{name}"]
            if name.startswith(last + ".") and jg.shape[0] > 1:
                extra = np.abs(jg[1:]).max()  # Java's padding channels must get no gradient at all
                if extra != 0:
                    failures.append(f"grad {name}: channels 1-15 got gradient {extra}")
                jg = jg[0:1]
            compare("grad", f"{prefix} {name}", jg, t.grad.numpy())

    def check_after(prefix, params):
        for name, t in params:
            jv = java[f"{prefix}.{name}"]
            compare("weights", f"{prefix} {name}", jv[0:1] if name.startswith(last + ".") else jv, t.detach().numpy())

    params = list(cae.p.items())
    opt = torch.optim.Adam([t for _, t in params], lr=1e-3)
    for step in range(STEPS):
        opt.zero_grad()
        loss = F.mse_loss(cae.decode(cae.encode(x), s, channels), x)
        loss.backward()
        check_step(f"cae{step}", params, loss)
        opt.step()
    check_after("cae.after", params)

    mu = torch.tensor(init["centres"]).requires_grad_(True)
    with torch.no_grad():
        q0 = q_of(cae.encode(x), mu)
        f = q0.sum(0)
        p = (q0 ** 2 / f) / (q0 ** 2 / f).sum(1, keepdim=True)
    compare("loss", "target p", java["p"], p.numpy())
    p = torch.tensor(java["p"])  # both sides continue from the same target
    params2 = params + [("cluster.centres", mu)]
    opt = torch.optim.Adam([t for _, t in params2], lr=1e-3)
    for step in range(STEPS):
        opt.zero_grad()
        z = cae.encode(x)
        kl = F.kl_div(q_of(z, mu).log(), p, reduction="batchmean")
        loss = 0.1 * kl + 1.0 * F.mse_loss(cae.decode(z, s, channels), x)
        loss.backward()
        check_step(f"idec{step}", params2, loss)
        opt.step()
    check_after("idec.after", params2)

    print(f"parity (torch {torch.__version__}): worst relative error loss {worst['loss']:.2e}, "
          f"gradients {worst['grad']:.2e}, weights after steps {worst['weights']:.2e} (tolerance {TOL:g})")
    for f_ in failures:
        print("  FAIL " + f_)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
