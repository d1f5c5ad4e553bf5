"""Test vectors for the low-precision formats, computed with ml_dtypes (the reference of
DESIGN.md): plain casts bit for bit, and the MXFP4 / MXFP8 / NVFP4 block quantizers written
step by step as DESIGN.md states them, with ml_dtypes doing every element cast.

Run: pip install ml_dtypes numpy && python3 scripts/numerics_vectors.py > Tests/EmulatorTests/Fixtures/numerics-vectors.json
"""
import json

import ml_dtypes
import numpy as np

rng = np.random.default_rng(20251129)
f32 = np.float32


def bits(a):
    return [int(b) for b in np.asarray(a, dtype=f32).view(np.uint32)]


edge = [0.0, -0.0, 1.0, -1.0, 0.5, 0.25, 0.75, 1.5, 2.5, 3.5, 5.0, 6.0, 6.5, 7.0, 100.0, 240.0, 448.0, 464.0, 465.0,
        480.0, 500.0, 57344.0, 60000.0, 61439.0, 61440.0, 1e5, 1e-3, 1e-5, 1e-8, 2.0 ** -9, 2.0 ** -10, 2.0 ** -16,
        2.0 ** -17, float("inf"), float("-inf")]
random = np.concatenate([
    rng.standard_normal(600) * 10.0 ** rng.uniform(-6, 5, 600),
    rng.uniform(-8, 8, 300),
])
values = np.concatenate([np.array(edge), random]).astype(f32)
casts = {}
for name, dtype in [("e4m3", ml_dtypes.float8_e4m3fn), ("e5m2", ml_dtypes.float8_e5m2), ("e2m1", ml_dtypes.float4_e2m1fn)]:
    casts[name] = {"input": bits(values), "output": bits(values.astype(dtype).astype(f32))}


def cast_sat(x, dtype, maximum):
    return np.clip(x, -maximum, maximum).astype(dtype).astype(f32)


def mx(x, dtype, emax, maximum):
    out = np.empty_like(x)
    for start in range(0, len(x), 32):
        block = x[start:start + 32]
        amax = f32(np.max(np.abs(block)))
        if amax == 0:
            out[start:start + 32] = 0
            continue
        e = int(np.floor(np.log2(amax))) - emax
        e = max(-127, min(127, e))
        scale = f32(2.0 ** e)
        out[start:start + 32] = cast_sat(block / scale, dtype, maximum) * scale
    return out


def nvfp4(x):
    amax_tensor = f32(np.max(np.abs(x)))
    if amax_tensor == 0:
        return np.zeros_like(x)
    S = f32(f32(2688.0) / amax_tensor)
    out = np.empty_like(x)
    for start in range(0, len(x), 16):
        block = x[start:start + 16]
        amax = f32(np.max(np.abs(block)))
        s = f32(np.array([f32(amax / f32(6.0)) * S], dtype=f32).astype(ml_dtypes.float8_e4m3fn).astype(f32)[0])
        if s == 0:
            out[start:start + 16] = 0
            continue
        enc = f32(f32(1.0) / f32(s * f32(f32(1.0) / S)))
        q = cast_sat(f32(block * enc), ml_dtypes.float4_e2m1fn, 6.0)
        out[start:start + 16] = f32(q * s) / S
    return out


tensors = {
    "typical": rng.standard_normal(256).astype(f32),
    "outliers": np.where(rng.uniform(size=256) < 0.02, rng.standard_normal(256) * 40, rng.standard_normal(256)).astype(f32),
    "tiny": (rng.standard_normal(256) * 1e-4).astype(f32),
    "zeros": np.zeros(64, dtype=f32),
}
blocks = {}
for name, t in tensors.items():
    blocks[name] = {
        "input": bits(t),
        "mxfp4": bits(mx(t, ml_dtypes.float4_e2m1fn, 2, 6.0)),
        "mxfp8": bits(mx(t, ml_dtypes.float8_e4m3fn, 8, 448.0)),
        "nvfp4": bits(nvfp4(t)),
    }

print(json.dumps({"source": "ml_dtypes " + ml_dtypes.__version__ + ", numpy " + np.__version__ + " (scripts/numerics_vectors.py)",
                  "casts": casts, "blocks": blocks}, separators=(",", ":")))
