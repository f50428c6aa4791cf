# PyTorch CPU baseline of bench/nn: the same SmallCNN (specs/burst-study.md), 2,000 random 64×56 segments,
# batch 16, Adam lr 1e-3, weighted cross-entropy, dropout 0.3; seconds per epoch (wall and process CPU).
# Usage: /usr/bin/python3 bench/nn/torch_smallcnn.py THREADS [EPOCHS]   (Debian python3-torch 1.13)
import sys
import time

import torch
from torch_model import SmallCNN
from torch import nn

threads = int(sys.argv[1]) if len(sys.argv) > 1 else 1
epochs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(threads)
torch.manual_seed(0)



n, batch = 2000, 16
x = torch.randn(n, 1, 64, 56)
y = torch.randint(0, 3, (n,))
weights = 1.0 / torch.bincount(y, minlength=3).float()
model = SmallCNN(0.3)
optimiser = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss(weight=weights)
best = None
for epoch in range(epochs):
    wall, cpu = time.perf_counter(), time.process_time()
    model.train()
    order = torch.randperm(n)
    for s in range(0, n, batch):
        idx = order[s:s + batch]
        optimiser.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        optimiser.step()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    best = (wall, cpu) if best is None or wall < best[0] else best
model.eval()
with torch.no_grad():
    t = time.perf_counter()
    for s in range(0, n, 64):
        torch.softmax(model(x[s:s + 64]), dim=1)
    infer_ms = (time.perf_counter() - t) * 1000 / n
print(f"torch {torch.__version__} threads {threads}: wall {best[0]:.2f} s/epoch, cpu {best[1]:.2f} s/epoch, eval {infer_ms:.3f} ms/segment")
