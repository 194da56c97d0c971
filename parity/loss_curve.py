#!/usr/bin/python3
"""Trains the PyTorch twin of the Java CAE from the same initial weights over the same batches (init.npz written by
CaeLossCurveTest), with torch.optim.Adam, and compares the loss curve with Java's (java.npz). Writes
loss_curve.csv (step, java, pytorch, relative difference) and exits 1 if any step differs by more than 1%.

  /usr/bin/python3 parity/loss_curve.py target/loss-curve
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from cae_parity import Cae, load  # noqa: E402

TOL = 1e-2


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "target/loss-curve"
    torch.set_num_threads(2)
    init, java = load(d + "/init.npz"), load(d + "/java.npz")
    cae = Cae(init)
    x = torch.tensor(init["x"])
    order = init["order"].astype(np.int64)
    side = x.shape[-1] >> len(cae.enc)
    channels = init[cae.enc[-1] + ".weight"].shape[0]
    opt = torch.optim.Adam(list(cae.p.values()), lr=1e-3)
    losses = []
    for step in range(order.shape[0]):
        xb = x[torch.from_numpy(order[step])]
        opt.zero_grad()
        loss = F.mse_loss(cae.decode(cae.encode(xb), side, channels), xb)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    jl = java["loss"].astype(np.float64)
    worst = 0.0
    with open(d + "/loss_curve.csv", "w") as f:
        f.write("step,java,pytorch,relative_difference\n")
        print(f"{'step':>4} {'Java (DJL)':>11} {'PyTorch':>11} {'rel. diff':>10}")
        for s, (a, b) in enumerate(zip(jl, losses)):
            r = abs(a - b) / abs(b)
            worst = max(worst, r)
            f.write(f"{s + 1},{a:.6f},{b:.6f},{r:.2e}\n")
            print(f"{s + 1:4d} {a:11.6f} {b:11.6f} {r:10.2e}")
    print(f"worst relative difference {worst:.2e} (tolerance {TOL:.0e})")
    sys.exit(0 if worst <= TOL else 1)


if __name__ == "__main__":
    main()
