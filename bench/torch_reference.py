"""The benchmark's reference model in PyTorch, for the side-by-side figure.

The same model as bench/train-reference.ts: two LSTM layers of 64 units over
20 steps of 8 features, a softmax head of 4 classes, categorical cross-entropy,
adam (learning rate 0.001), batches of 32, shuffled every epoch, the loss read
back after every batch (as Seqwire's loop reports it). One thread, as Seqwire
trains on one.

Prints one JSON object: samples per second (median over the measured epochs,
after warm-up ones), and what this PyTorch runs on (version, threads, BLAS).

    /usr/bin/python3 bench/torch_reference.py --samples 640 --epochs 3 --warmup 1
"""

import argparse
import ctypes
import json
import re
import statistics
import time

import torch
from torch import nn

STEPS, FEATURES, UNITS, CLASSES, BATCH = 20, 8, 64, 4, 32


class Reference(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(FEATURES, UNITS, num_layers=2, batch_first=True)
        self.head = nn.Linear(UNITS, CLASSES)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1, :])


def loaded_blas():
    """(path, library) of the OpenBLAS this process loaded, else (None, None)."""
    for path in blas_libraries():
        try:
            lib = ctypes.CDLL(path)
            lib.openblas_get_corename
        except (OSError, AttributeError):
            continue
        return path, lib
    return None, None


def blas_libraries():
    libs = set()
    with open("/proc/self/maps") as maps:
        for line in maps:
            path = line.split()[-1]
            if re.search(r"(blas|mkl|lapack)[^/]*\.so", path):
                libs.add(path)
    return sorted(libs)


def blas_in_use():
    """The BLAS libraries this process loaded, and for OpenBLAS the kernel set it picked."""
    info = {"libraries": blas_libraries()}
    _, lib = loaded_blas()
    if lib is not None:
        lib.openblas_get_config.restype = ctypes.c_char_p
        lib.openblas_get_corename.restype = ctypes.c_char_p
        info["openblas"] = lib.openblas_get_config().decode()
        info["openblasCore"] = lib.openblas_get_corename().decode()
        info["openblasThreads"] = lib.openblas_get_num_threads()
    return info


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=640)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--warmup", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(1)
    # torch.set_num_threads does not reach OpenBLAS's own thread pool.
    torch.ones(2, 2) @ torch.ones(2, 2)
    _, blas = loaded_blas()
    if blas is not None:
        blas.openblas_set_num_threads(1)
    torch.manual_seed(5)
    x = torch.randn(args.samples, STEPS, FEATURES)
    labels = torch.randint(0, CLASSES, (args.samples,))
    model = Reference()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    # Cross-entropy over logits is the softmax head and categorical cross-entropy in one.
    loss_fn = nn.CrossEntropyLoss()

    rates = []
    for epoch in range(args.warmup + args.epochs):
        start = time.perf_counter()
        order = torch.randperm(args.samples)
        for first in range(0, args.samples, BATCH):
            batch = order[first:first + BATCH]
            optimizer.zero_grad()
            loss = loss_fn(model(x[batch]), labels[batch])
            loss.backward()
            optimizer.step()
            loss.item()
        if epoch >= args.warmup:
            rates.append(args.samples / (time.perf_counter() - start))

    config = torch.__config__.show()
    blas_info = re.search(r"BLAS_INFO=([^,\s]+)", config)
    capability = re.search(r"CPU capability usage: (\S+)", config)
    print(json.dumps({
        "samplesPerSec": statistics.median(rates),
        "epochRates": rates,
        "samples": args.samples,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
        "cpuCapability": capability.group(1) if capability else None,
        "blasInfo": blas_info.group(1) if blas_info else None,
        "blas": blas_in_use(),
    }))


if __name__ == "__main__":
    main()
