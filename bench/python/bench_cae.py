"""Reference timing of the paper's convolutional autoencoder in PyTorch: one training step and encoding.

The network is built exactly as pacscluster's CAE (SPEC "Embed"):
  encoder: for f in filters (32, 32, 64, 64, 64): 3x3 conv (same padding) + ReLU + 2x2 max-pool;
           flatten; dense -> latent (100) = the embedding
  decoder: dense latent -> flatten size + ReLU, reshape; five blocks of bilinear 2x upsampling
           (align_corners=False) + 3x3 conv, with output channels mirrored (64, 64, 32, 32) + ReLU, the fifth conv
           to 1 channel + sigmoid (as pacscluster's CaeNetwork)
  train step: forward, MSE(reconstruction, input), backward, Adam(lr=0.001) step, on one batch of 50
  encode: the encoder alone, no gradients, batches of 50
Where libtorch 2.7.1's oneDNN gets input gradients of convs with < 16 output channels wrong (a run-time check decides),
pacscluster pads the last conv to 16 output channels and keeps channel 0; pass --last-conv-channels 16 to time that
variant here too.

Input: float32 .npy (n, S, S) in [0, 1]. Threads: torch.set_num_threads(--threads), interop 1.
"""
import _common  # noqa: F401  (sets thread variables first)
import argparse


def build(torch, size, filters, latent, last_conv_channels):
    nn = torch.nn
    F = torch.nn.functional
    side = size // (2 ** len(filters))
    if side < 1 or side * 2 ** len(filters) != size:
        raise SystemExit(f"input size {size} is not divisible by 2^{len(filters)}")
    flat = filters[-1] * side * side

    class CAE(nn.Module):
        def __init__(self):
            super().__init__()
            convs, cin = [], 1
            for f in filters:
                convs.append(nn.Conv2d(cin, f, 3, padding=1))
                cin = f
            self.enc = nn.ModuleList(convs)
            self.to_latent = nn.Linear(flat, latent)
            self.from_latent = nn.Linear(latent, flat)
            dec, cin = [], filters[-1]
            for i in range(len(filters)):
                last = i == len(filters) - 1
                out = last_conv_channels if last else filters[len(filters) - 2 - i]
                dec.append(nn.Conv2d(cin, out, 3, padding=1))
                cin = out
            self.dec = nn.ModuleList(dec)

        def encode(self, x):
            for c in self.enc:
                x = F.max_pool2d(F.relu(c(x)), 2)
            return self.to_latent(torch.flatten(x, 1))

        def forward(self, x):
            z = self.encode(x)
            h = F.relu(self.from_latent(z)).view(-1, filters[-1], side, side)
            for i, c in enumerate(self.dec):
                h = c(F.interpolate(h, scale_factor=2, mode="bilinear", align_corners=False))
                h = torch.sigmoid(h[:, 0:1]) if i == len(self.dec) - 1 else F.relu(h)
            return h

    return CAE()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    _common.add_common_args(p)
    p.add_argument("--input", required=True)
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--steps", type=int, default=4, help="training steps per timed run (train)")
    p.add_argument("--filters", default="32,32,64,64,64")
    p.add_argument("--latent", type=int, default=100)
    p.add_argument("--last-conv-channels", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    a = p.parse_args()
    if a.workload not in ("train", "encode"):
        p.error("workload must be train or encode")
    torch = _common.require("torch", "python3-torch")
    import numpy as np
    torch.set_num_threads(a.threads)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    torch.manual_seed(a.seed)
    data = np.load(a.input)
    n, size = data.shape[0], data.shape[1]
    x_all = torch.from_numpy(np.ascontiguousarray(data, dtype=np.float32)).unsqueeze(1)
    filters = [int(f) for f in a.filters.split(",")]
    model = build(torch, size, filters, a.latent, a.last_conv_channels)
    batches = [x_all[i:i + a.batch] for i in range(0, n, a.batch)]
    info = {"size": size, "batch": a.batch, "filters": filters, "latent": a.latent,
            "last_conv_channels": a.last_conv_channels, "torch": torch.__version__,
            "torch_threads": torch.get_num_threads()}

    if a.workload == "train":
        opt = torch.optim.Adam(model.parameters(), lr=1e-3)
        model.train()
        cursor = [0]
        losses = []

        def once():
            for _ in range(a.steps):
                xb = batches[cursor[0] % len(batches)]
                cursor[0] += 1
                opt.zero_grad(set_to_none=True)
                loss = torch.mean((model(xb) - xb) ** 2)
                loss.backward()
                opt.step()
            losses.append(float(loss))
        items = a.steps * a.batch
        info["steps_per_run"] = a.steps
    else:
        model.eval()

        def once():
            with torch.no_grad():
                for xb in batches:
                    model.encode(xb)
        items = n
        losses = None

    times = _common.measure(once, a.warmup, a.repeats)
    if losses:
        info["last_loss"] = losses[-1]
    _common.report("cae-" + a.workload, items, times, **info)


if __name__ == "__main__":
    main()
