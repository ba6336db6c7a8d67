"""PyTorch reference for the rn-step benchmark: the same visual RN / CNN+MLP as kernel-lib's
VisualRelationNet / CnnMlpBaseline, written the straightforward way (explicit n*n pair tensor).

Usage: python torch_rn.py MODEL WARMUP STEPS THREADS   (MODEL: rn75 | rn128 | rn128coarse | cnnmlp75)
Prints one line: RESULT model=... ms_median=... ms_mean=... rss_mb=...
"""
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# (image side, kernel, strides, padding) -- padding chosen so each conv maps s to ceil(s / stride),
# like DL4J's ConvolutionMode.Same used on our side.
GEOMETRY = {
    "rn75": (75, 3, (2, 2, 2, 2), 1),
    "cnnmlp75": (75, 3, (2, 2, 2, 2), 1),
    "rn128": (128, 3, (2, 2, 2, 2), 1),
    "rn128coarse": (128, 5, (3, 3, 2, 2), 2),
}
QUESTION, ANSWERS, CHANNELS, BATCH = 11, 10, 24, 64


class ConvStack(nn.Module):
    def __init__(self, kernel, strides, padding):
        super().__init__()
        layers, cin = [], 3
        for s in strides:
            layers += [nn.Conv2d(cin, CHANNELS, kernel, stride=s, padding=padding),
                       nn.BatchNorm2d(CHANNELS), nn.ReLU()]
            cin = CHANNELS
        self.body = nn.Sequential(*layers)

    def forward(self, x):
        return self.body(x)


class RelationNet(nn.Module):
    def __init__(self, kernel, strides, padding):
        super().__init__()
        self.conv = ConvStack(kernel, strides, padding)
        d = CHANNELS + 2
        self.g = nn.Sequential(nn.Linear(2 * d + QUESTION, 256), nn.ReLU(),
                               nn.Linear(256, 256), nn.ReLU(),
                               nn.Linear(256, 256), nn.ReLU(),
                               nn.Linear(256, 256), nn.ReLU())
        self.f = nn.Sequential(nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(),
                               nn.Dropout(0.5), nn.Linear(256, ANSWERS))

    def forward(self, image, q):
        x = self.conv(image)                                   # [b, c, h, w]
        b, c, h, w = x.shape
        ys, xs = torch.meshgrid(torch.linspace(-1, 1, h), torch.linspace(-1, 1, w), indexing="ij")
        coords = torch.stack([xs, ys], -1).reshape(1, h * w, 2).expand(b, -1, -1)
        objects = torch.cat([x.flatten(2).transpose(1, 2), coords], 2)   # [b, n, d]
        n = h * w
        oi = objects.unsqueeze(2).expand(-1, -1, n, -1)        # o_i on every j
        oj = objects.unsqueeze(1).expand(-1, n, -1, -1)        # o_j on every i
        qq = q.reshape(b, 1, 1, -1).expand(-1, n, n, -1)
        pairs = torch.cat([oi, oj, qq], 3).reshape(b * n * n, -1)
        summed = self.g(pairs).reshape(b, n * n, -1).sum(1)
        return self.f(summed)


class CnnMlp(nn.Module):
    def __init__(self, kernel, strides, padding, side):
        super().__init__()
        self.conv = ConvStack(kernel, strides, padding)
        self.mlp = nn.Sequential(nn.Linear(CHANNELS * side * side + QUESTION, 256), nn.ReLU(),
                                 nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5),
                                 nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, ANSWERS))

    def forward(self, image, q):
        return self.mlp(torch.cat([self.conv(image).flatten(1), q], 1))


def side_after(size, strides):
    for s in strides:
        size = -(-size // s)
    return size


def peak_rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main():
    model, warmup, steps, threads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    size, kernel, strides, padding = GEOMETRY[model]
    net = (CnnMlp(kernel, strides, padding, side_after(size, strides)) if model.startswith("cnnmlp")
           else RelationNet(kernel, strides, padding))
    opt = torch.optim.Adam(net.parameters(), lr=1e-4)
    image = torch.rand(BATCH, 3, size, size)
    q = (torch.rand(BATCH, QUESTION) > 0.5).float()
    y = torch.randint(0, ANSWERS, (BATCH,))
    times = []
    for i in range(warmup + steps):
        t0 = time.perf_counter()
        opt.zero_grad()
        loss = F.cross_entropy(net(image, q), y)
        loss.backward()
        opt.step()
        if i >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    print(f"RESULT model={model} impl=pytorch ms_median={statistics.median(times):.1f} "
          f"ms_mean={statistics.mean(times):.1f} rss_mb={peak_rss_mb():.0f} loss={loss.item():.4f}")


if __name__ == "__main__":
    main()
