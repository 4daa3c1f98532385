#!/usr/bin/env python3
"""An independent PyTorch reference of the PinnerFormer model defined in pinnerformer-core.

The Java graphs (org.pinnerformer.model.PinnerFormerGraphs, docs/model.md) are the definition; this file
re-writes them as a plain torch.nn.Module so that a project checkpoint can be loaded BY TENSOR NAME (strictly:
every tensor used, every shape checked, see docs/checkpoint.md) and the user tower, the newest-only user tower, the
item tower and the sampled-softmax loss can be compared with the Java interpreter, and so that the same-machine
speed of plain PyTorch can be measured (docs/bench_torch.py). The library never needs Python.

Usage (see docs/model.md, "Cross-checking with PyTorch"):

    python docs/pinnerformer_torch.py check DIR [--double] [--tolerance 1e-5]

DIR holds checkpoint.safetensors, inputs.safetensors and outputs.safetensors as written by the hand-run Java main
org.pinnerformer.core.model.TorchCrossCheckExport. Only torch is needed; safetensors files are parsed here (an
8-byte little-endian header length, a JSON header, then little-endian row-major data).
"""

import argparse
import json
import math
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

MIN_TEMPERATURE = 0.01      # tau = 0.01 + softplus(temperature)
MASKED_LOGIT = -1e9         # in-batch candidates removed by the candidate mask
L2_EPSILON = 1e-12          # F.normalize's default, as PinnerFormerGraphs.L2_EPSILON
FFN_MULTIPLIER = 4

_DTYPES = {"F32": torch.float32, "I32": torch.int32, "F64": torch.float64, "I64": torch.int64}


# ---------------------------------------------------------------------------------------------------------------
# safetensors, by hand


def read_safetensors(path):
    """Returns ({name: tensor}, metadata dict) of a safetensors file (F32/I32/F64/I64 only)."""
    with open(path, "rb") as f:
        data = f.read()
    if len(data) < 8:
        raise ValueError(f"{path} is {len(data)} bytes long, too short for a safetensors header")
    (n,) = struct.unpack("<Q", data[:8])
    if n > len(data) - 8:
        raise ValueError(f"{path} declares a {n}-byte header but has {len(data)} bytes")
    header = json.loads(data[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", {}) or {}
    body = memoryview(data)[8 + n:]
    tensors = {}
    for name, info in header.items():
        dtype = _DTYPES.get(info["dtype"])
        if dtype is None:
            raise ValueError(f"{path}: tensor '{name}' has dtype {info['dtype']}, only {sorted(_DTYPES)} are read")
        start, end = info["data_offsets"]
        shape = list(info["shape"])
        count = math.prod(shape)
        if end - start != count * torch.empty((), dtype=dtype).element_size():
            raise ValueError(f"{path}: tensor '{name}' of shape {shape} has {end - start} bytes")
        if count == 0:
            t = torch.empty(shape, dtype=dtype)
        else:
            t = torch.frombuffer(bytearray(body[start:end]), dtype=dtype).reshape(shape)
        if sys.byteorder != "little":
            t = t.byteswap()  # pragma: no cover - the file is little-endian
        tensors[name] = t
    return tensors, metadata


def small_preset(item_id_hash_buckets=0):
    """ModelSpec.smallPreset() as a spec dict: F=64, H=128, L=2, 4 heads, M=64, D=64, action/surface embeddings
    16/8, the paper's 12 absolute and 32 log-spaced relative periods, duration, time and position features."""
    relative = [math.exp(math.log(28 * 86400.0) * i / 31) for i in range(32)]
    return {
        "item_vector_size": 64, "action_embedding_size": 16, "surface_embedding_size": 8, "hidden_size": 128,
        "layers": 2, "heads": 4, "max_sequence_length": 64, "output_size": 64,
        "item_id_hash_buckets": item_id_hash_buckets, "time_features": True, "duration_feature": True,
        "position_embedding": True,
        "absolute_periods_seconds": [900, 1800, 2700, 3600, 7200, 14400, 28800, 57600, 86400, 7 * 86400,
                                     28 * 86400, 365 * 86400],
        "relative_periods_seconds": relative, "layer_norm_epsilon": 1e-5,
    }


def spec_from_metadata(metadata):
    """The model spec (dict with the SpecJson field names) stored in a project checkpoint's __metadata__."""
    if "pinnerformer.spec" not in metadata:
        raise ValueError("the file has no 'pinnerformer.spec' metadata: it is not a PinnerFormer checkpoint")
    return json.loads(metadata["pinnerformer.spec"])


def vocabulary_size(metadata, key):
    v = json.loads(metadata[key])
    if isinstance(v, dict):  # tolerate {"tokens": [...]} as well as a plain list
        v = v.get("tokens", v.get("names", []))
    return len(v)


# ---------------------------------------------------------------------------------------------------------------
# the model


class CausalSelfAttention(nn.Module):
    """nn.MultiheadAttention's parameter layout (in_proj_weight [3H, H], in_proj_bias [3H], out_proj), causal and
    key-masked. A query with no allowed key (left padding) outputs exactly 0, out_proj's bias included, as the
    Java kernel does; PyTorch's own MultiheadAttention would give NaN there."""

    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.in_proj_weight = nn.Parameter(torch.empty(3 * hidden, hidden))
        self.in_proj_bias = nn.Parameter(torch.empty(3 * hidden))
        self.out_proj = nn.Linear(hidden, hidden)
        nn.init.xavier_uniform_(self.in_proj_weight)   # as nn.MultiheadAttention and ModelInitializer
        nn.init.zeros_(self.in_proj_bias)
        nn.init.zeros_(self.out_proj.bias)

    def forward(self, x, valid, newest_only=False):
        b, t, h = x.shape
        dh = h // self.heads
        q, k, v = F.linear(x, self.in_proj_weight, self.in_proj_bias).split(h, dim=-1)
        if newest_only:
            q = q[:, -1:]
        tq = q.shape[1]
        q = q.reshape(b, tq, self.heads, dh).transpose(1, 2)          # [B, heads, Tq, dh]
        k = k.reshape(b, t, self.heads, dh).transpose(1, 2)
        v = v.reshape(b, t, self.heads, dh).transpose(1, 2)
        query_pos = torch.arange(t - tq, t, device=x.device)
        causal = torch.arange(t, device=x.device)[None, :] <= query_pos[:, None]      # [Tq, T]
        allowed = causal[None] & (valid[:, None, :] != 0)                               # [B, Tq, T]
        any_key = allowed.any(dim=-1)                                                   # [B, Tq]
        # rows without a key attend everywhere (finite, gradient-safe) and are zeroed below
        allowed = allowed | ~any_key[..., None]
        ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed[:, None])     # [B, heads, Tq, dh]
        y = self.out_proj(ctx.transpose(1, 2).reshape(b, tq, h))
        y = torch.where(any_key[..., None], y, torch.zeros((), dtype=y.dtype, device=y.device))
        return y[:, 0] if newest_only else y


class Block(nn.Module):
    """PreNorm transformer block: x + attn(LN1 x), then x + ffn(LN2 x)."""

    def __init__(self, hidden, heads, eps):
        super().__init__()
        self.norm1 = nn.LayerNorm(hidden, eps=eps)
        self.attention = CausalSelfAttention(hidden, heads)
        self.norm2 = nn.LayerNorm(hidden, eps=eps)
        self.ffn = nn.Sequential(nn.Linear(hidden, FFN_MULTIPLIER * hidden), nn.GELU(),
                                 nn.Linear(FFN_MULTIPLIER * hidden, hidden))

    def forward(self, x, valid, newest_only=False):
        a = self.attention(self.norm1(x), valid, newest_only)
        x = (x[:, -1] if newest_only else x) + a
        return x + self.ffn(self.norm2(x))


class PinnerFormer(nn.Module):
    """The PinnerFormer user tower, item tower and loss; parameter names are the checkpoint's tensor names."""

    def __init__(self, spec, action_types, surfaces):
        super().__init__()
        self.spec = dict(spec)
        s = self.spec
        f, hid, d = s["item_vector_size"], s["hidden_size"], s["output_size"]
        eps = s["layer_norm_epsilon"]
        self.angles = len(s["absolute_periods_seconds"]) + 2 * len(s["relative_periods_seconds"])
        d_in = f + s["action_embedding_size"] + s["surface_embedding_size"]
        d_in += 1 if s["duration_feature"] else 0
        d_in += 2 * self.angles + 3 if s["time_features"] else 0
        self.input_size = d_in
        if s["action_embedding_size"] > 0:
            self.action_embedding = nn.Embedding(action_types + 1, s["action_embedding_size"])
        if s["surface_embedding_size"] > 0:
            self.surface_embedding = nn.Embedding(surfaces + 1, s["surface_embedding_size"])
        if s["item_id_hash_buckets"] > 0:
            self.item_id_embedding = nn.Embedding(s["item_id_hash_buckets"], f)
        if s["time_features"]:
            self.time_phase = nn.Parameter(torch.zeros(2 * self.angles))
        self.input_projection = nn.Linear(d_in, hid)
        if s["position_embedding"]:
            self.position_embedding = nn.Embedding(s["max_sequence_length"], hid)
        self.blocks = nn.ModuleList(Block(hid, s["heads"], eps) for _ in range(s["layers"]))
        self.output_norm = nn.LayerNorm(hid, eps=eps)
        self.output_mlp = nn.Sequential(nn.Linear(hid, FFN_MULTIPLIER * hid), nn.GELU(),
                                        nn.Linear(FFN_MULTIPLIER * hid, d))
        self.item_tower = nn.Sequential(nn.Linear(f, hid), nn.GELU(), nn.Linear(hid, d))
        # tau starts at 0.05 (ModelInitializer.INITIAL_TAU); loading a checkpoint overwrites every parameter
        self.temperature = nn.Parameter(torch.tensor(math.log(math.expm1(0.05 - MIN_TEMPERATURE))))

    # --- loading ------------------------------------------------------------------------------------------------

    @classmethod
    def from_checkpoint(cls, path):
        """Builds the model from a project checkpoint's metadata and loads every tensor by name, strictly."""
        tensors, metadata = read_safetensors(path)
        model = cls(spec_from_metadata(metadata), vocabulary_size(metadata, "pinnerformer.action_types"),
                    vocabulary_size(metadata, "pinnerformer.surfaces"))
        model.load_named(tensors)
        return model

    def load_named(self, tensors):
        """Copies every checkpoint tensor into the parameter of the same name: a missing, extra or
        wrongly shaped tensor is an error naming it."""
        own = dict(self.named_parameters())
        missing = sorted(set(own) - set(tensors))
        extra = sorted(set(tensors) - set(own))
        if missing or extra:
            raise ValueError(f"checkpoint does not match the model: missing {missing}, unexpected {extra}")
        with torch.no_grad():
            for name, p in own.items():
                t = tensors[name]
                if tuple(t.shape) != tuple(p.shape):
                    raise ValueError(f"tensor '{name}' has shape {list(t.shape)}, the model needs {list(p.shape)}")
                if t.dtype != torch.float32:
                    raise ValueError(f"tensor '{name}' is {t.dtype}, checkpoints hold float32")
                p.copy_(t)

    # --- towers -------------------------------------------------------------------------------------------------

    def content(self, vectors, buckets=None):
        """Item vector plus, when on, its item-id embedding."""
        if self.spec["item_id_hash_buckets"] > 0:
            return vectors + self.item_id_embedding(buckets.long())
        return vectors

    def features(self, x):
        """The per-action input [B, T, D_in] from the named sequence inputs (GraphNames)."""
        s = self.spec
        parts = [self.content(x["seq_item_vectors"], x.get("seq_item_buckets"))]
        if s["action_embedding_size"] > 0:
            parts.append(self.action_embedding(x["seq_action_types"].long()))
        if s["surface_embedding_size"] > 0:
            parts.append(self.surface_embedding(x["seq_surfaces"].long()))
        if s["duration_feature"]:
            parts.append(x["seq_duration_log1p"][..., None])
        if s["time_features"]:
            angles = x["seq_time_angles"]
            parts.append(torch.cos(angles + self.time_phase[0::2]))
            parts.append(torch.sin(angles + self.time_phase[1::2]))
            parts.append(x["seq_time_log1p"])
        return torch.cat(parts, dim=-1)

    def encode(self, x, newest_only=False):
        """Input projection, positions and blocks: [B, T, H], or [B, H] with newest_only (the last block's
        attention queries, residual and feed-forward layer then run on the newest position only)."""
        h = self.input_projection(self.features(x))
        valid = x["seq_valid_mask"]
        t = h.shape[1]
        if self.spec["position_embedding"]:
            positions = x.get("seq_positions")
            if positions is None:
                positions = torch.arange(t - 1, -1, -1, device=h.device)
            h = h + self.position_embedding(positions.long())
        last = len(self.blocks) - 1
        for i, block in enumerate(self.blocks):
            h = block(h, valid, newest_only and i == last)
        return h

    def head(self, h):
        """Per position: L2(Linear(GELU(Linear(LayerNorm(h)))))."""
        return F.normalize(self.output_mlp(self.output_norm(h)), dim=-1, eps=L2_EPSILON)

    def user_embeddings(self, x):
        """user_embeddings [B, T, D]."""
        return self.head(self.encode(x))

    def user_embedding(self, x):
        """user_embedding [B, D] of the newest-only tower."""
        return self.head(self.encode(x, newest_only=True))

    def item_embeddings(self, vectors, buckets=None):
        """item_embeddings [N, D]."""
        return F.normalize(self.item_tower(self.content(vectors, buckets)), dim=-1, eps=L2_EPSILON)

    def tau(self):
        return MIN_TEMPERATURE + F.softplus(self.temperature)

    def loss(self, x):
        """(loss [], logits [P, 1+P+R]) of the sampled softmax with logQ correction (TrainingBatch layout):
        column 0 is the pair's own positive; the per-sequence masks [B, P] and [B, R] are expanded by pair_user."""
        h = self.encode(x)
        b, t, hid = h.shape
        users = self.head(h.reshape(b * t, hid)[x["pair_position"].long()])
        pos = self.item_embeddings(x["positive_vectors"], x.get("positive_buckets"))
        neg = self.item_embeddings(x["negative_vectors"], x.get("negative_buckets"))
        tau = self.tau()
        in_batch = users @ pos.T / tau - x["positive_log_q"]
        uniform = users @ neg.T / tau - x["negative_log_q"]
        owner = x["pair_user"].long()
        own = torch.diagonal(in_batch)
        in_batch = in_batch.masked_fill(x["positive_candidates"][owner] == 0, MASKED_LOGIT)
        uniform = uniform.masked_fill(x["negative_candidates"][owner] == 0, MASKED_LOGIT)
        logits = torch.cat([own[:, None], in_batch, uniform], dim=1)
        per_pair = torch.logsumexp(logits, dim=1) - own
        return (x["pair_weight"] * per_pair).sum(), logits


# ---------------------------------------------------------------------------------------------------------------
# the cross-check


SEQUENCE_INPUTS = ["seq_item_vectors", "seq_item_buckets", "seq_action_types", "seq_surfaces", "seq_duration_log1p",
                   "seq_time_angles", "seq_time_log1p", "seq_valid_mask", "seq_positions"]
LOSS_INPUTS = ["pair_position", "pair_user", "pair_weight", "positive_vectors", "positive_buckets",
               "positive_log_q", "positive_candidates", "negative_vectors", "negative_buckets", "negative_log_q",
               "negative_candidates"]
ITEM_INPUTS = ["item_vectors", "item_buckets"]


def required_inputs(spec):
    """The names each graph declares for the spec (switched-off features are not declared)."""
    off = set()
    if spec["item_id_hash_buckets"] == 0:
        off |= {"seq_item_buckets", "positive_buckets", "negative_buckets", "item_buckets"}
    if spec["action_embedding_size"] == 0:
        off.add("seq_action_types")
    if spec["surface_embedding_size"] == 0:
        off.add("seq_surfaces")
    if not spec["duration_feature"]:
        off.add("seq_duration_log1p")
    if not spec["time_features"]:
        off |= {"seq_time_angles", "seq_time_log1p"}
    if not spec["position_embedding"]:
        off.add("seq_positions")
    return [n for n in SEQUENCE_INPUTS + LOSS_INPUTS + ITEM_INPUTS if n not in off]


def check(directory, double, tolerance):
    model = PinnerFormer.from_checkpoint(f"{directory}/checkpoint.safetensors")
    inputs, _ = read_safetensors(f"{directory}/inputs.safetensors")
    expected, _ = read_safetensors(f"{directory}/outputs.safetensors")
    needed = required_inputs(model.spec)
    missing = [n for n in needed if n not in inputs]
    extra = sorted(set(inputs) - set(needed))
    if missing or extra:
        raise ValueError(f"inputs do not match the spec: missing {missing}, unexpected {extra}")
    if double:
        model = model.double()
        inputs = {k: v.double() if v.is_floating_point() else v for k, v in inputs.items()}
    model.eval()
    with torch.no_grad():
        loss, logits = model.loss(inputs)
        got = {
            "user_embeddings": model.user_embeddings(inputs),
            "user_embedding": model.user_embedding(inputs),
            "item_embeddings": model.item_embeddings(inputs["item_vectors"], inputs.get("item_buckets")),
            "loss": loss,
            "logits": logits,
        }
    valid = inputs["seq_valid_mask"] != 0
    worst = 0.0
    print(f"PyTorch {torch.__version__}, {'float64' if double else 'float32'}; Java interpreter outputs from "
          f"{directory}")
    for name, value in got.items():
        java = expected[name].to(value.dtype)
        if tuple(java.shape) != tuple(value.shape):
            raise ValueError(f"output '{name}': Java shape {list(java.shape)}, PyTorch {list(value.shape)}")
        diff = (value - java).abs()
        line = f"  {name:16s} {str(list(value.shape)):14s} max |diff| {diff.max().item():.3e}"
        if name == "user_embeddings":
            line += f"  (real positions {diff[valid].max().item():.3e}, padded {diff[~valid].max().item():.3e})"
        if name == "loss":
            line += f"  (Java {java.item():.7f}, PyTorch {value.item():.7f})"
        print(line)
        worst = max(worst, diff.max().item())
    ok = worst < tolerance
    print(f"{'OK' if ok else 'FAIL'}: largest difference {worst:.3e} (tolerance {tolerance:g})")
    return ok


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="compare with the Java interpreter's outputs (TorchCrossCheckExport)")
    c.add_argument("directory")
    c.add_argument("--double", action="store_true", help="run PyTorch in float64 (the Java side stays float32)")
    c.add_argument("--tolerance", type=float, default=1e-5)
    a = p.parse_args(argv)
    torch.set_num_threads(1)
    return 0 if check(a.directory, a.double, a.tolerance) else 1


if __name__ == "__main__":
    sys.exit(main())
