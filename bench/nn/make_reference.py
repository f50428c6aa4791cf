# Writes a PyTorch reference run in the layout of shared/reference/burst/cnn/ (tensors.bin, tensors.json,
# trace.json) for bench/nn/check-reference.ts: the SmallCNN with dropout 0 trained from a seeded init for STEPS Adam
# steps (lr 1e-3) on consecutive batches, weighted cross-entropy, then eval-mode logits/probabilities.
# Usage: /usr/bin/python3 bench/nn/make_reference.py OUT_DIR [--seed S] [--frames T] [--batch B] [--steps K]
#        (Debian python3-torch 1.13; random normal inputs stand in for standardised log-mels)
import argparse
import json
import os
import struct

import torch
from torch_model import SmallCNN
from torch import nn

p = argparse.ArgumentParser()
p.add_argument('out')
p.add_argument('--seed', type=int, default=1)
p.add_argument('--frames', type=int, default=37)
p.add_argument('--batch', type=int, default=8)
p.add_argument('--steps', type=int, default=6)
a = p.parse_args()
torch.set_num_threads(1)
torch.manual_seed(a.seed)



model = SmallCNN(0.0)
n_eval = a.batch
rows = a.steps * a.batch + n_eval
inputs = torch.randn(rows, 1, 64, a.frames)
labels = torch.randint(0, 3, (rows,))
counts = torch.bincount(labels[: a.steps * a.batch], minlength=3).float().clamp(min=1)
weights = 1.0 / counts
init = {k: v.detach().clone() for k, v in model.state_dict().items() if 'num_batches' not in k}
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss(weight=weights)
losses, grad0 = [], {}
model.train()
for s in range(a.steps):
    x, y = inputs[s * a.batch:(s + 1) * a.batch], labels[s * a.batch:(s + 1) * a.batch]
    opt.zero_grad()
    loss = loss_fn(model(x), y)
    loss.backward()
    if s == 0:
        grad0 = {k: v.grad.flatten().tolist() for k, v in model.named_parameters()}
    opt.step()
    losses.append(loss.item())
model.eval()
with torch.no_grad():
    logits = model(inputs[a.steps * a.batch:])
    probs = torch.softmax(logits, dim=1)
final = {k: v.detach().clone() for k, v in model.state_dict().items() if 'num_batches' not in k}

os.makedirs(a.out, exist_ok=True)
index, blob = {}, bytearray()
for name, t in [('inputs', inputs), ('labels', labels.float()), ('class_weights', weights)] + \
        [('init.' + k, v) for k, v in init.items()] + [('final.' + k, v) for k, v in final.items()]:
    index[name] = {'offset': len(blob), 'shape': list(t.shape)}
    blob += struct.pack('<%df' % t.numel(), *t.float().flatten().tolist())
with open(os.path.join(a.out, 'tensors.bin'), 'wb') as f:
    f.write(blob)
meta = {'tensors': index, 'batch': a.batch, 'steps': a.steps, 'segment_s': None,
        'eval_rows': [a.steps * a.batch, rows], 'dropout': 0.0, 'seed': a.seed, 'torch': torch.__version__}
with open(os.path.join(a.out, 'tensors.json'), 'w') as f:
    json.dump(meta, f, indent=1)
with open(os.path.join(a.out, 'trace.json'), 'w') as f:
    json.dump({'loss': losses, 'grad_step0': grad0, 'eval_logits': logits.tolist(), 'eval_probs': probs.tolist()}, f)
print(f'wrote {a.out}: seed {a.seed}, {a.frames} frames, batch {a.batch}, {a.steps} steps')
