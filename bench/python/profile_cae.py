"""Where a PyTorch training step of the paper's CAE spends its time: torch.profiler around a few steps, self CPU
time per operator, as JSON for `pacscluster bench --profile` (the Java side profiles ours with libtorch's profiler).

Input: float32 .npy (n, S, S) in [0, 1]; the network of bench_cae.py.
"""
import _common  # noqa: F401  (sets thread variables first)
import argparse
import json
import time


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--threads", type=int, default=_common.THREADS)
    p.add_argument("--input", required=True)
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--steps", type=int, default=3)
    p.add_argument("--last-conv-channels", type=int, default=1)
    p.add_argument("--top", type=int, default=15)
    a = p.parse_args()
    torch = _common.require("torch", "python3-torch")
    import numpy as np
    from bench_cae import build
    torch.set_num_threads(a.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(0)
    data = np.load(a.input)
    x = torch.from_numpy(np.ascontiguousarray(data[:a.batch], dtype=np.float32)).unsqueeze(1)
    model = build(torch, x.shape[-1], [32, 32, 64, 64, 64], 100, a.last_conv_channels)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        loss = torch.mean((model(x) - x) ** 2)
        loss.backward()
        opt.step()

    step()  # warm-up: first-call allocations and kernel choices
    t0 = time.perf_counter()
    for _ in range(a.steps):
        step()
    plain = time.perf_counter() - t0
    from torch.profiler import profile, ProfilerActivity
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(a.steps):
            step()
    ops = sorted(prof.key_averages(), key=lambda e: e.self_cpu_time_total, reverse=True)
    total = sum(e.self_cpu_time_total for e in ops)
    print(json.dumps({"torch": torch.__version__, "threads": torch.get_num_threads(), "steps": a.steps,
                      "batch": a.batch, "seconds_unprofiled": plain, "self_total_ms": total / 1000,
                      "ops": [{"name": e.key, "calls": e.count, "self_ms": e.self_cpu_time_total / 1000}
                              for e in ops[:a.top]]}))


if __name__ == "__main__":
    main()
