"""The PyTorch peer of t2i's training step: the same DCGAN-64 architecture and step.

G: z(100) [+ leaky(linear(text 400 -> 128))] -> linear -> 4x4x512, BN, ReLU; three 4x4 stride-2
transposed convolutions with BN and ReLU (256, 128, 64); a last one to 3 channels; tanh.
D: 4x4 stride-2 convolutions 3->64 (bias, LeakyReLU 0.2), 64->128->256->512 (BN, LeakyReLU);
with text, leaky(linear(400 -> 128)) tiled over 4x4, concatenated, 1x1 conv 640->512, BN, LeakyReLU;
linear 8192 -> 1. Layers followed by batch norm have no bias, as in t2i.
One step: D update on real and G(z) (plus real with mismatched text for gan-cls), then G update on
D(G(z)) with the updated D, G run forward once. Adam 2e-4, beta1 0.5. Fixed random tensors.

Usage: torch_train_step.py MODEL BATCH STEPS WARMUP [THREADS]. Intra-op and inter-op threads both
THREADS (default 2). Prints "step_seconds = MEDIAN" and the analytic
FLOPs per step (weight- and input-gradient work counted for every backward pass).
"""
import sys, time, statistics
import torch
import torch.nn as nn
import torch.nn.functional as F

model, batch, steps, warmup = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
threads = int(sys.argv[5]) if len(sys.argv) > 5 else 2
torch.set_num_threads(threads)
torch.set_num_interop_threads(threads)
torch.manual_seed(1)
text_dim = 400 if model == "gan-cls" else 0
nz, ngf, ndf, proj = 100, 64, 64, 128


class G(nn.Module):
    def __init__(self):
        super().__init__()
        width = nz + (proj if text_dim else 0)
        self.text = nn.Linear(text_dim, proj) if text_dim else None
        self.project = nn.Linear(width, 16 * ngf * 8)
        self.bn0 = nn.BatchNorm2d(ngf * 8)
        chans = [ngf * 8, ngf * 4, ngf * 2, ngf]
        self.ups = nn.ModuleList(nn.ConvTranspose2d(a, b, 4, 2, 1, bias=False) for a, b in zip(chans, chans[1:]))
        self.bns = nn.ModuleList(nn.BatchNorm2d(b) for b in chans[1:])
        self.out = nn.ConvTranspose2d(ngf, 3, 4, 2, 1)

    def forward(self, z, t):
        if self.text is not None:
            z = torch.cat([z, F.leaky_relu(self.text(t), 0.2)], 1)
        h = F.relu(self.bn0(self.project(z).view(-1, ngf * 8, 4, 4)))
        for up, bn in zip(self.ups, self.bns):
            h = F.relu(bn(up(h)))
        return torch.tanh(self.out(h))


class D(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(3, ndf, 4, 2, 1)
        chans = [ndf, ndf * 2, ndf * 4, ndf * 8]
        self.convs = nn.ModuleList(nn.Conv2d(a, b, 4, 2, 1, bias=False) for a, b in zip(chans, chans[1:]))
        self.bns = nn.ModuleList(nn.BatchNorm2d(b) for b in chans[1:])
        if text_dim:
            self.text = nn.Linear(text_dim, proj)
            self.joint = nn.Conv2d(ndf * 8 + proj, ndf * 8, 1, bias=False)
            self.jbn = nn.BatchNorm2d(ndf * 8)
        self.logit = nn.Linear(16 * ndf * 8, 1)

    def forward(self, x, t):
        h = F.leaky_relu(self.c1(x), 0.2)
        for c, bn in zip(self.convs, self.bns):
            h = F.leaky_relu(bn(c(h)), 0.2)
        if text_dim:
            tt = F.leaky_relu(self.text(t), 0.2).view(-1, proj, 1, 1).expand(-1, proj, 4, 4)
            h = F.leaky_relu(self.jbn(self.joint(torch.cat([h, tt], 1))), 0.2)
        return self.logit(h.flatten(1)).view(-1)


g, d = G(), D()
og = torch.optim.Adam(g.parameters(), 2e-4, betas=(0.5, 0.999))
od = torch.optim.Adam(d.parameters(), 2e-4, betas=(0.5, 0.999))
bce = nn.BCEWithLogitsLoss()
real = torch.rand(batch, 3, 64, 64) * 2 - 1
z = torch.rand(batch, nz) * 2 - 1
t = torch.randn(batch, max(text_dim, 1))
wrong = torch.randn(batch, max(text_dim, 1))
ones, zeros = torch.ones(batch), torch.zeros(batch)


def step():
    fake = g(z, t)
    od.zero_grad()
    loss_d = bce(d(real, t), ones)
    negatives = [bce(d(fake.detach(), t), zeros)]
    if text_dim:
        negatives.append(bce(d(real, wrong), zeros))
    loss_d = loss_d + sum(negatives) / len(negatives)
    loss_d.backward()
    od.step()
    og.zero_grad()
    loss_g = bce(d(fake, t), ones)
    loss_g.backward()
    og.step()


times = []
for i in range(warmup + steps):
    t0 = time.perf_counter()
    step()
    if i >= warmup:
        times.append(time.perf_counter() - t0)


def flops_per_image():
    """Forward multiply-adds x 2 of the convolution, transposed-convolution and linear layers."""
    fg = 2 * (nz + (proj if text_dim else 0)) * 16 * ngf * 8 + 2 * text_dim * proj
    h, chans = 4, [ngf * 8, ngf * 4, ngf * 2, ngf, 3]
    for a, b in zip(chans, chans[1:]):
        fg += 2 * a * b * 16 * h * h
        h *= 2
    fd = 0
    h, chans = 32, [3, ndf, ndf * 2, ndf * 4, ndf * 8]
    for a, b in zip(chans, chans[1:]):
        fd += 2 * a * b * 16 * h * h
        h //= 2
    fd += 2 * 16 * ndf * 8
    if text_dim:
        fd += 2 * text_dim * proj + 2 * (ndf * 8 + proj) * ndf * 8 * 16
    return fg, fd


fg, fd = flops_per_image()
d_passes = 3 if text_dim else 2   # D's loss: real, fake (, real with wrong text)
# Each pass forward + backward (weight and input gradients: 2x forward): D's passes, then D on the
# fake again for G's loss, G forward once and backward once.
per_image = 3 * fd * (d_passes + 1) + 3 * fg
print(f"model = {model}")
print(f"torch = {torch.__version__} threads = intra {torch.get_num_threads()}, inter {torch.get_num_interop_threads()}")
print(f"parameters = generator {sum(p.numel() for p in g.parameters())}, discriminator {sum(p.numel() for p in d.parameters())}")
print(f"step_times = median {statistics.median(times):.4f} min {min(times):.4f} max {max(times):.4f} (n={len(times)})")
print(f"step_seconds = {statistics.median(times):.4f}")
print(f"gflop_per_step = {per_image * batch / 1e9:.1f}")
