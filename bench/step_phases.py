#!/usr/bin/env python3
"""The parts of a training step of ../shared/bench/ref_convvae_pytorch.py's loop, timed as StepPhases.java
times vae4j's (batch, forward and loss, backward, Adam; grayscale targets, as reference-vae.sh trains both), three rounds after one to
warm up. Usage: step_phases.py [ROWS]"""
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..', 'shared', 'bench'))
from ref_convvae_pytorch import ConvVAE, loss_function  # noqa: E402
from ref_vae_pytorch import FASHION_DIR, load_fashion  # noqa: E402

torch.set_num_threads(2)
torch.manual_seed(1)
n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
xtr, _ = load_fashion(FASHION_DIR)
x = torch.from_numpy(np.ascontiguousarray(xtr)).view(-1, 1, 28, 28)
model = ConvVAE()
optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
for rnd in range(4):
    perm = torch.randperm(x.shape[0])
    t = [0.0] * 4
    start = time.perf_counter()
    for i in range(0, n // 128 * 128, 128):
        t0 = time.perf_counter()
        xb = x[perm[i:i + 128]]
        t1 = time.perf_counter()
        optimizer.zero_grad()
        logits, mu, logvar = model(xb)
        loss = loss_function(logits, xb, mu, logvar)
        t2 = time.perf_counter()
        loss.backward()
        t3 = time.perf_counter()
        optimizer.step()
        t4 = time.perf_counter()
        for k, d in enumerate((t1 - t0, t2 - t1, t3 - t2, t4 - t3)):
            t[k] += d
    if rnd > 0:
        print('torch %d rows: %.3f s; batches %.3f forward %.3f backward %.3f adam %.3f'
              % (n, time.perf_counter() - start, *t))
