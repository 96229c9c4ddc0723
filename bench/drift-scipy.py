#!/usr/bin/env python3
"""scipy's side of bench/suites/drift.js: times ks_2samp and wasserstein_distance on the raw float64
files the suite wrote, median of N calls after one warm-up call, and prints the results as JSON.

    python3 bench/drift-scipy.py <dir> <repeats>
"""
import json
import os
import sys
import time

import numpy as np
from scipy import stats


def timed(fn, repeats):
    result = fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return times[len(times) // 2], result


def main():
    directory, repeats = sys.argv[1], int(sys.argv[2])
    load = lambda name: np.fromfile(os.path.join(directory, f"{name}.f64"), dtype="<f8")
    reference, current = load("reference"), load("current")
    out = {"scipy": __import__("scipy").__version__}
    ms, r = timed(lambda: stats.ks_2samp(reference, current), repeats)
    out["ks"] = {"ms": ms, "statistic": float(r.statistic), "p_value": float(r.pvalue)}
    ms, w = timed(lambda: stats.wasserstein_distance(reference, current), repeats)
    out["wasserstein"] = {"ms": ms, "distance": float(w)}
    same = load("same")
    ms, r = timed(lambda: stats.ks_2samp(reference, same), repeats)
    out["same"] = {"ms": ms, "statistic": float(r.statistic), "p_value": float(r.pvalue)}
    a, b = load("exactReference"), load("exactCurrent")
    ms, r = timed(lambda: stats.ks_2samp(a, b), repeats)
    out["exact"] = {"ms": ms, "statistic": float(r.statistic), "p_value": float(r.pvalue)}
    for size in (1_000, 10_000, 100_000):
        window = current[:size]
        ks_ms, _ = timed(lambda: stats.ks_2samp(reference, window), repeats)
        w_ms, _ = timed(lambda: stats.wasserstein_distance(reference, window), repeats)
        out[f"window{size}"] = {"ks": ks_ms, "wasserstein": w_ms}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
