#!/usr/bin/env python3
"""Same-machine speed baseline of plain PyTorch (eager) for `pinnerformer-bench train` and `pinnerformer-bench infer`.

Model: the reference size ModelSpec.smallPreset() (F=64, H=128, L=2, 4 heads, M=64, D=64, action/surface embeddings
16/8, 76 time angles, D_in=244) as docs/pinnerformer_torch.py defines it. Inputs are random arrays of the shapes a
TrainingBatch has at `pinnerformer-bench train`'s defaults: B=64 sequences of T=64 (random left padding), P pairs (default 430:
8 dense all-action anchors per sequence give ~6.7 pairs per sequence in practice), R=1024 uniform negatives, the
in-batch candidate mask removing other pairs of the same sequence. A few batches are made up front and cycled, so
the figures are model time only (the Java bench's figure also includes sampling and batch assembly in Java).

Training: AdamW (lr 1e-3, weight decay 0.01), global gradient-norm clipping at 1.0, loss = weighted sampled
softmax with logQ correction. Inference: the newest-only user tower at batch 256 (T=64) under torch.inference_mode.

    /work/torchvenv/bin/python docs/bench_torch.py [--threads 1 2] [--steps 30] [--warmup 5]
"""

import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pinnerformer_torch as pt  # noqa: E402

ACTION_TYPES = 3
SURFACES = 3


def sequence_inputs(spec, b, t, g, min_length):
    """Random named sequence inputs (GraphNames) for a batch of b left-padded sequences of length t."""
    f = spec["item_vector_size"]
    a = len(spec["absolute_periods_seconds"]) + 2 * len(spec["relative_periods_seconds"])
    lengths = torch.randint(min_length, t + 1, (b,), generator=g)
    valid = (torch.arange(t)[None, :] >= (t - lengths)[:, None]).float()
    x = {
        "seq_item_vectors": torch.randn(b, t, f, generator=g) * valid[..., None],
        "seq_action_types": (torch.randint(1, ACTION_TYPES + 1, (b, t), generator=g) * valid).int(),
        "seq_surfaces": (torch.randint(1, SURFACES + 1, (b, t), generator=g) * valid).int(),
        "seq_duration_log1p": torch.log1p(torch.rand(b, t, generator=g) * 60) * valid,
        "seq_time_angles": torch.rand(b, t, a, generator=g) * 6.283185307179586 * valid[..., None],
        "seq_time_log1p": torch.log1p(torch.rand(b, t, 3, generator=g) * 1e6) * valid[..., None],
        "seq_valid_mask": valid,
        "seq_positions": torch.arange(t - 1, -1, -1, dtype=torch.int32),
    }
    if spec["item_id_hash_buckets"] > 0:
        x["seq_item_buckets"] = torch.randint(0, spec["item_id_hash_buckets"], (b, t), generator=g, dtype=torch.int32)
    return x, valid


def training_inputs(spec, b, t, p, r, g):
    """Random named inputs of the loss graph: p pairs spread over the b sequences' real positions, r negatives."""
    x, valid = sequence_inputs(spec, b, t, g, min_length=16)
    f = spec["item_vector_size"]
    pair_user = torch.sort(torch.randint(0, b, (p,), generator=g)).values
    lengths = valid.sum(1).long()
    offset = (torch.rand(p, generator=g) * lengths[pair_user]).long()
    pair_position = pair_user * t + (t - 1 - offset)
    pairs_of_user = torch.bincount(pair_user, minlength=b).float()
    # per-sequence candidate masks (TrainingBatch): another sequence's pairs are candidates, its own are not
    own = torch.arange(b)[:, None] == pair_user[None, :]
    x.update({
        "pair_position": pair_position.int(),
        "pair_user": pair_user.int(),
        "pair_weight": 1.0 / (pairs_of_user[pair_user] * (pairs_of_user > 0).sum()),
        "positive_vectors": torch.randn(p, f, generator=g),
        "positive_log_q": torch.log(torch.rand(p, generator=g) * 1e-3 + 1e-5),
        "positive_candidates": (~own).float(),
        "negative_vectors": torch.randn(r, f, generator=g),
        "negative_log_q": torch.full((r,), -9.9),
        "negative_candidates": torch.ones(b, r),
    })
    if spec["item_id_hash_buckets"] > 0:
        n = spec["item_id_hash_buckets"]
        x["positive_buckets"] = torch.randint(0, n, (p,), generator=g, dtype=torch.int32)
        x["negative_buckets"] = torch.randint(0, n, (r,), generator=g, dtype=torch.int32)
    return x


def bench_train(spec, threads, args):
    torch.set_num_threads(threads)
    torch.manual_seed(args.seed)
    g = torch.Generator().manual_seed(args.seed)
    model = pt.PinnerFormer(spec, ACTION_TYPES, SURFACES)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    batches = [training_inputs(spec, args.batch_size, spec["max_sequence_length"], args.pairs, args.negatives, g)
               for _ in range(4)]

    def step(x):
        opt.zero_grad(set_to_none=True)
        loss, _ = model.loss(x)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss

    for i in range(args.warmup):
        step(batches[i % len(batches)])
    start = time.perf_counter()
    for i in range(args.steps):
        loss = step(batches[i % len(batches)])
    seconds = time.perf_counter() - start
    print(f"train  threads={threads}: {args.steps * args.batch_size / seconds:8.1f} sequences/s  "
          f"({seconds / args.steps * 1000:.1f} ms/step, B={args.batch_size}, T={spec['max_sequence_length']}, "
          f"P={args.pairs}, R={args.negatives}, last loss {loss.item():.3f})", flush=True)


def bench_infer(spec, threads, args):
    torch.set_num_threads(threads)
    g = torch.Generator().manual_seed(args.seed + 1)
    model = pt.PinnerFormer(spec, ACTION_TYPES, SURFACES).eval()
    x, _ = sequence_inputs(spec, args.infer_batch, spec["max_sequence_length"], g, min_length=1)
    with torch.inference_mode():
        for _ in range(2):
            model.user_embedding(x)
        start = time.perf_counter()
        for _ in range(args.infer_rounds):
            model.user_embedding(x)
        seconds = time.perf_counter() - start
    print(f"infer  threads={threads}: {args.infer_rounds * args.infer_batch / seconds:8.1f} users/s      "
          f"(newest-only tower, batch {args.infer_batch}, T={spec['max_sequence_length']}, "
          f"{seconds / args.infer_rounds * 1000:.1f} ms/batch)", flush=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--pairs", type=int, default=430)
    p.add_argument("--negatives", type=int, default=1024)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--infer-batch", type=int, default=256)
    p.add_argument("--infer-rounds", type=int, default=10)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--only", choices=["train", "infer"], default=None)
    args = p.parse_args()
    torch.set_num_interop_threads(1)
    spec = pt.small_preset()
    print(f"PyTorch {torch.__version__} eager, CPU, small preset; {os.cpu_count()} CPUs visible")
    for threads in args.threads:
        if args.only in (None, "train"):
            bench_train(spec, threads, args)
        if args.only in (None, "infer"):
            bench_infer(spec, threads, args)


if __name__ == "__main__":
    main()
