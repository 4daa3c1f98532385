#!/usr/bin/env python3
"""A PyTorch reference for `pinnerformer next-item` (docs/next-item.md): the same protocol on the same sequence file.

It trains a SASRec-style next-item model written with the blocks of docs/pinnerformer_torch.py (PreNorm causal
transformer, learned position embedding by distance from the newest action, the PinnerFormer output head and item
tower, learned temperature) on learned item ids (one embedding row per catalogue item, shared by the input side and
the item tower, as `--item-ids exact`), with the library's SASRec objective and negatives:

- a batch samples users; each user's input ends at a uniformly random action that has a successor, holds the last M
  actions before it, and EVERY input position predicts the next item (SasRecSampler);
- sampled softmax over the other users' positives in the batch (the first `in_batch_cap` pairs) plus R items drawn
  uniformly from the catalogue, with logQ correction (in-batch: the frequency with which the sampler emits each item
  as a label, estimated over the training labels; uniform: R / N), every user weighing the same;
- no false negatives: a candidate (in-batch or uniform) whose item is one of the same user's labels in the batch is
  masked, and so are the same user's other pairs;
- AdamW (weight decay 0.01), linear warm-up then linear decay, gradient clipping at 1.0.

Protocol (as NextItemExperiment): test = every user's last item, ranked against the whole catalogue with the user's
history excluded; validation = the second-last item of a seeded 10% of the users with three or more items (early
stopping and checkpoint choice only); training = everything else. Metrics: Recall@10 (= HR@10), NDCG@10, Recall@1.

Usage:

    python docs/next_item_torch.py --sequences ml-100k.txt --seeds 1,2,3 [--epochs 40 --batch 64 --max-length 50]
    python docs/next_item_torch.py --sequences ml-100k.txt --seeds 1,2,3 --item-vectors 'ni-s{seed}/model/items.safetensors'

The second form is the library's default model (`next-item --out ni-sS --seed S`): the frozen co-engagement vectors
the library trained with, read from its bundle, plus learned exact ids; without `--item-vectors` items are known by
their learned ids alone (`next-item --content none`).

Prints one JSON line per seed and a final line with the mean and standard deviation. The library never needs Python;
this file is an independent yardstick (docs/results.md). Only torch is needed.
"""

import argparse
import json
import math
import os
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pinnerformer_torch import Block, FFN_MULTIPLIER, L2_EPSILON, MASKED_LOGIT, MIN_TEMPERATURE  # noqa: E402


def read_sequences(path):
    """([(user, [item, ...])] in file order, N, the original ids in index order); items are mapped to 1..N
    (0 = padding) by ascending id."""
    users = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                users.append((int(parts[0]), [int(x) for x in parts[1:]]))
    ids = sorted({i for _, items in users for i in items})
    index = {item: k + 1 for k, item in enumerate(ids)}
    return [(u, [index[i] for i in items]) for u, items in users], len(ids), ids


def read_item_vectors(path, ids):
    """The item vectors of a library bundle's items.safetensors (`item_ids` int64 [N], `item_vectors` float32
    [N, F]) as a [len(ids) + 1, F] tensor in this script's item order (row 0 = padding; an item the file lacks gets
    zeros, as the library gives it). Plain safetensors: an 8-byte little-endian header length, a JSON header, data."""
    with open(path, "rb") as f:
        raw = f.read()
    n = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + n])
    base = 8 + n

    def tensor(name, dtype):
        entry = header[name]
        start, end = entry["data_offsets"]
        return torch.frombuffer(bytearray(raw[base + start:base + end]), dtype=dtype).reshape(entry["shape"])

    file_ids = tensor("item_ids", torch.int64).tolist()
    vectors = tensor("item_vectors", torch.float32)
    row = {item: k for k, item in enumerate(file_ids)}
    out = torch.zeros(len(ids) + 1, vectors.shape[1])
    for k, item in enumerate(ids):
        if item in row:
            out[k + 1] = vectors[row[item]]
    return out


class NextItemModel(nn.Module):
    def __init__(self, items, f=64, hidden=128, layers=2, heads=4, max_length=50, d=64, dropout=0.0, eps=1e-5,
                 content=None):
        super().__init__()
        self.item_embedding = nn.Embedding(items + 1, f, padding_idx=0)
        # ids alone: N(0, 1/f) rows; ids added to frozen content vectors: N(0, 0.02) rows, as the library's
        # exact item ids (ModelInitializer)
        nn.init.normal_(self.item_embedding.weight, std=f ** -0.5 if content is None else 0.02)
        with torch.no_grad():
            self.item_embedding.weight[0].zero_()
        self.register_buffer("content", content if content is not None else torch.zeros(0))
        self.input_projection = nn.Linear(f, hidden)
        self.position_embedding = nn.Embedding(max_length, hidden)
        self.blocks = nn.ModuleList(Block(hidden, heads, eps) for _ in range(layers))
        self.output_norm = nn.LayerNorm(hidden, eps=eps)
        self.output_mlp = nn.Sequential(nn.Linear(hidden, FFN_MULTIPLIER * hidden), nn.GELU(),
                                        nn.Linear(FFN_MULTIPLIER * hidden, d))
        self.item_tower = nn.Sequential(nn.Linear(f, hidden), nn.GELU(), nn.Linear(hidden, d))
        self.temperature = nn.Parameter(torch.tensor(math.log(math.expm1(0.05 - MIN_TEMPERATURE))))
        self.dropout = nn.Dropout(dropout)

    def users(self, seq):
        """seq [B, T] left-padded with 0 -> per-position user embeddings [B, T, D]."""
        valid = (seq != 0).float()
        t = seq.shape[1]
        h = self.input_projection(self.dropout(self.item_input(seq)))
        h = h + self.position_embedding(torch.arange(t - 1, -1, -1, device=seq.device))
        for block in self.blocks:
            h = block(h, valid)
        return F.normalize(self.output_mlp(self.output_norm(h)), dim=-1, eps=L2_EPSILON)

    def item_input(self, ids):
        """The learned id row, plus the item's frozen content vector when the model has them."""
        e = self.item_embedding(ids)
        return e if self.content.numel() == 0 else e + self.content[ids]

    def items(self, ids):
        return F.normalize(self.item_tower(self.item_input(ids)), dim=-1, eps=L2_EPSILON)

    def tau(self):
        return MIN_TEMPERATURE + F.softplus(self.temperature)


def split(data, seed, fraction=0.1):
    """(train sequences, validation [(history, target)], test [(history, target)])."""
    g = torch.Generator().manual_seed(seed)
    eligible = [k for k, (_, s) in enumerate(data) if len(s) >= 3]
    count = round(len(data) * fraction)
    chosen = set(eligible[i] for i in torch.randperm(len(eligible), generator=g)[:count].tolist())
    train, validation, test = [], [], []
    for k, (_, s) in enumerate(data):
        cut = len(s) - (2 if k in chosen else 1)
        train.append(s[:cut])
        if k in chosen:
            validation.append((s[:-2], s[-2]))
        if len(s) >= 2:
            test.append((s[:-1], s[-1]))
    return train, validation, test


def sample_batch(train, users, max_length, g):
    """SasRecSampler: input ends at a random action with a successor; every input position predicts the next."""
    seqs, labels = [], []
    for u in users:
        s = train[u]
        e = int(torch.randint(1, len(s), (1,), generator=g))      # input s[from:e], labels s[from+1:e+1]
        lo = max(0, e - max_length)
        seqs.append(s[lo:e])
        labels.append(s[lo + 1:e + 1])
    t = max(len(x) for x in seqs)
    seq = torch.zeros(len(users), t, dtype=torch.long)
    lab = torch.zeros(len(users), t, dtype=torch.long)
    for b, (x, y) in enumerate(zip(seqs, labels)):
        seq[b, t - len(x):] = torch.tensor(x)
        lab[b, t - len(y):] = torch.tensor(y)
    return seq, lab


def loss_of(model, seq, lab, label_log_freq, items, uniform, in_batch_cap, g):
    b, t = seq.shape
    u = model.users(seq)                                            # [B, T, D]
    valid = lab != 0
    rows = valid.nonzero(as_tuple=False)                            # [P, 2]
    owner = rows[:, 0]
    pos_items = lab[valid]                                          # [P]
    users_p = u[valid]                                              # [P, D]
    p = pos_items.shape[0]
    counts = valid.sum(dim=1).float()
    weight = 1.0 / (counts[owner] * (counts > 0).sum())            # every user weighs the same
    tau = model.tau()
    cand = min(p, in_batch_cap)
    pos_vec = model.items(pos_items)
    in_batch = users_p @ pos_vec[:cand].T / tau - (math.log(max(1, cand)) + label_log_freq[pos_items[:cand]])
    neg_items = torch.randint(1, items + 1, (uniform,), generator=g)
    neg = users_p @ model.items(neg_items).T / tau - math.log(uniform / items)
    # the user's own labels in this batch: [B, N+1] membership, then lookups
    own = torch.zeros(b, items + 1, dtype=torch.bool)
    own[owner, pos_items] = True
    col_owner = owner[:cand]
    masked_in = (owner[:, None] == col_owner[None, :]) | own[owner][:, pos_items[:cand]]
    masked_neg = own[owner][:, neg_items]
    diag = torch.arange(min(p, cand))
    masked_in[diag, diag] = False
    in_batch = in_batch.masked_fill(masked_in, MASKED_LOGIT)
    neg = neg.masked_fill(masked_neg, MASKED_LOGIT)
    own_logit = (users_p * pos_vec).sum(-1) / tau - (math.log(max(1, cand)) + label_log_freq[pos_items])
    # pairs beyond the cap are not columns: their positive joins the row's candidates explicitly
    beyond = torch.arange(p) >= cand
    extra = torch.where(beyond, own_logit, torch.full_like(own_logit, MASKED_LOGIT))
    logits = torch.cat([in_batch, neg, extra[:, None]], dim=1)
    per_pair = torch.logsumexp(logits, dim=1) - own_logit
    return (weight * per_pair).sum()


@torch.no_grad()
def evaluate(model, cases, items, max_length, k=10, batch=256):
    model.eval()
    item_vec = model.items(torch.arange(items + 1))                 # row 0 = padding, never a candidate
    hits = ndcg = firsts = 0.0
    for at in range(0, len(cases), batch):
        chunk = cases[at:at + batch]
        t = min(max_length, max(len(h) for h, _ in chunk))
        seq = torch.zeros(len(chunk), t, dtype=torch.long)
        for b, (h, _) in enumerate(chunk):
            x = h[-t:]
            seq[b, t - len(x):] = torch.tensor(x)
        scores = model.users(seq)[:, -1] @ item_vec.T               # [B, N+1]
        scores[:, 0] = -float("inf")
        for b, (h, target) in enumerate(chunk):
            row = scores[b]
            target_score = row[target].item()
            row[torch.tensor(sorted(set(h)), dtype=torch.long)] = -float("inf")   # history excluded ...
            row[target] = target_score                                        # ... but the target itself
            # rank = 1 + items scoring higher, ties broken by the lower item index (ExactTopK's order)
            better = (row > target_score).sum().item() + (row[:target] == target_score).sum().item()
            rank = better + 1
            firsts += rank == 1
            if rank <= k:
                hits += 1
                ndcg += 1 / math.log2(rank + 1)
    model.train()
    n = max(1, len(cases))
    return {"recall@10": hits / n, "ndcg@10": ndcg / n, "recall@1": firsts / n, "users": len(cases)}


def run(args, seed):
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    data, items, ids = read_sequences(args.sequences)
    content = None
    if args.item_vectors:
        content = read_item_vectors(args.item_vectors.replace("{seed}", str(seed)), ids)
    train, validation, test = split(data, seed)
    trainable = [k for k, s in enumerate(train) if len(s) >= 2]
    counts = torch.ones(items + 1)
    for s in train:
        for i in s[1:]:
            counts[i] += 1
    label_log_freq = torch.log(counts / counts.sum())
    model = NextItemModel(items, f=content.shape[1] if content is not None else 64, max_length=args.max_length,
                          dropout=args.dropout, content=content)
    steps_per_epoch = math.ceil(len(trainable) / args.batch)
    steps = args.epochs * steps_per_epoch
    warmup = min(steps // 10, 100)
    decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and "embedding" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and "embedding" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}],
                            lr=args.lr)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / max(1, warmup),
                                                                 max(0.0, (steps - s) / max(1, steps - warmup))))
    best, best_state, best_step, since = -1.0, None, 0, 0
    started = time.time()
    step = 0
    for epoch in range(args.epochs):
        order = torch.randperm(len(trainable), generator=g).tolist()
        for at in range(0, len(order), args.batch):
            users = [trainable[i] for i in order[at:at + args.batch]]
            seq, lab = sample_batch(train, users, args.max_length, g)
            loss = loss_of(model, seq, lab, label_log_freq, items, args.uniform, args.in_batch_cap, g)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
        score = evaluate(model, validation, items, args.max_length)["ndcg@10"]
        if score > best:
            best, best_step, since = score, step, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            since += 1
            if args.patience and since >= args.patience:
                break
    seconds = time.time() - started
    model.load_state_dict(best_state)
    result = evaluate(model, test, items, args.max_length)
    result.update({"seed": seed, "steps": step, "best_step": best_step, "best_validation_ndcg": best,
                   "train_seconds": seconds})
    return result


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sequences", required=True)
    p.add_argument("--seeds", default="1,2,3")
    p.add_argument("--epochs", type=int, default=40)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--max-length", type=int, default=50)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--dropout", type=float, default=0.0)
    p.add_argument("--uniform", type=int, default=1024)
    p.add_argument("--in-batch-cap", type=int, default=4096)
    p.add_argument("--patience", type=int, default=10)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    p.add_argument("--item-vectors", default=None,
                   help="items.safetensors of a library bundle (next-item --out DIR writes DIR/model/items.safetensors;"
                        " '{seed}' is replaced by the seed): frozen content vectors added to the learned ids, as the"
                        " library's --content co-engagement --item-ids exact (default: ids alone)")
    args = p.parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    results = []
    for seed in [int(s) for s in args.seeds.split(",")]:
        r = run(args, seed)
        results.append(r)
        print(json.dumps(r), flush=True)
    summary = {}
    for key in ("recall@10", "ndcg@10", "recall@1"):
        values = [r[key] for r in results]
        summary[key] = statistics.mean(values)
        summary[key + "_sd"] = statistics.stdev(values) if len(values) > 1 else 0.0
    summary["seeds"] = len(results)
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
