#!/usr/bin/python3
"""PyTorch side of the CAE/IDEC parity check (run by CaeParityTest, or by hand after it wrote its files).

Usage: /usr/bin/python3 parity/cae_parity.py DIR
DIR holds init.npz (initial weights, the batch x, the initial centres) and java.npz (the Java run: per step the
weights before it, its loss and every gradient; the weights after the last step; the IDEC target p). This script
builds the same network with plain torch.nn.functional calls -- the paper's genuine 1-channel output conv (Java
saves it as 1 channel; exports from 0.2 and earlier had 16, of which channel 0 is the filter) -- and checks 3 Adam steps on MSE and 3 on the IDEC loss 0.1*KL(P||Q) + MSE:
  - forward/backward: from the Java weights before step s, torch's loss and gradients must equal Java's;
  - optimiser: torch.optim.Adam, fed the Java gradients of every step, must land on the Java weights after it.
Each step starts from the Java state rather than from torch's own trajectory because Adam turns float32 noise in
near-zero gradients into lr-sized steps (m/sqrt(v) keeps only the sign), so two correct implementations drift apart
after a few steps; checking every step from a shared state proves the same thing without that drift. Relative
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
    worst = {"loss": 0.0, "grad": 0.0, "update": 0.0, "weights": 0.0}
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

    def check_after(phase, params):
        for name, t in params:
            before = java_weights(name, f"{phase}{STEPS - 1}.w")
            after = java_weights(name, f"{phase}.after")
            compare("update", f"{phase} last {name}", after - before, t.detach().numpy() - before)
            compare("weights", f"{phase}.after {name}", after, t.detach().numpy())

    def java_weights(name, prefix):
        jv = java[f"{prefix}.{name}"]
        return jv[0:1] if name.startswith(last + ".") else jv

    def run_steps(phase, params, loss_fn):
        """Per step: gradients from the Java weights before it, then Adam on the Java gradients."""
        opt = torch.optim.Adam([t for _, t in params], lr=1e-3)
        for step in range(STEPS):
            prefix = f"{phase}{step}"
            with torch.no_grad():
                for name, t in params:
                    if step > 0:  # Adam's update must be Java's update (compared as w_after - w_before)
                        before = java_weights(name, f"{phase}{step - 1}.w")
                        compare("update", f"{prefix} {name}", java_weights(name, prefix + ".w") - before,
                                t.numpy() - before)
                    t.copy_(torch.from_numpy(java_weights(name, prefix + ".w")))
            opt.zero_grad()
            loss = loss_fn()
            loss.backward()
            check_step(prefix, params, loss)
            with torch.no_grad():
                for name, t in params:
                    t.grad.copy_(torch.from_numpy(java_weights(name, prefix + ".grad")))
            opt.step()
        check_after(phase, params)

    params = list(cae.p.items())
    run_steps("cae", params, lambda: F.mse_loss(cae.decode(cae.encode(x), s, channels), x))

    mu = torch.tensor(init["centres"]).requires_grad_(True)
    with torch.no_grad():
        q0 = q_of(cae.encode(x), mu)
        f = q0.sum(0)
        p = (q0 ** 2 / f) / (q0 ** 2 / f).sum(1, keepdim=True)
    compare("loss", "target p", java["p"], p.numpy())
    p = torch.tensor(java["p"])  # both sides continue from the same target

    def idec_loss():
        z = cae.encode(x)
        kl = F.kl_div(q_of(z, mu).log(), p, reduction="batchmean")
        return 0.1 * kl + 1.0 * F.mse_loss(cae.decode(z, s, channels), x)

    run_steps("idec", params + [("cluster.centres", mu)], idec_loss)

    print(f"parity (torch {torch.__version__}): worst relative error loss {worst['loss']:.2e}, "
          f"gradients {worst['grad']:.2e}, Adam updates {worst['update']:.2e}, weights after the last step "
          f"{worst['weights']:.2e} (tolerance {TOL:g})")
    for f_ in failures:
        print("  FAIL " + f_)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
