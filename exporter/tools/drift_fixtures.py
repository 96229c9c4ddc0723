#!/usr/bin/env python3
"""Reference values for the drift statistics' tests, computed with scipy and numpy.

    python3 exporter/tools/drift_fixtures.py

needs scipy (1.17) and numpy (and the repository's Prettier, which formats the JSON); it writes

    exporter/src/drift/fixtures/scipy.json           statistics, distributions, whole columns
    exporter/src/offline/fixtures/<pair>-reference.csv, <pair>-current.csv, <pair>-expected.json
                                                     CSV pairs for `driftlab stats` and its --json output

Large samples are not stored: each is a generator spec ({"gen": ..., "seed": ..., "n": ...}) that the
jest tests expand with the same integer generator (mulberry32, exporter/src/testing/random.ts) and
only exact float operations (sums of k/2^32, products by constants, floor), so both sides hold
bit-identical data. `generator_check` pins the agreement.

Everything here follows exporter/docs/drift.md independently of the TypeScript code: scipy for the
statistics, numpy for quantiles and shares, and the documented floors, bins and default tests.
"""
import csv
import io
import json
import math
import os
import re
import subprocess
import warnings

import numpy as np
import scipy
from scipy import special, stats
from scipy.spatial import distance

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRIFT_FIXTURES = os.path.join(ROOT, "src", "drift", "fixtures")
OFFLINE_FIXTURES = os.path.join(ROOT, "src", "offline", "fixtures")

FLOOR = 1e-4
SD_FLOOR = 0.001
THRESHOLDS = {"ks": 0.05, "chi_square": 0.05, "wasserstein_norm": 0.1, "jensen_shannon": 0.1, "psi": 0.1}


# ---------------------------------------------------------------------------------------------
# Data: mulberry32, as in exporter/src/testing/random.ts


def mulberry32(seed):
    a = seed & 0xFFFFFFFF

    def imul(x, y):
        return (x * y) & 0xFFFFFFFF

    while True:
        a = (a + 0x6D2B79F5) & 0xFFFFFFFF
        t = imul(a ^ (a >> 15), 1 | a)
        t = ((t + imul(t ^ (t >> 7), 61 | t)) & 0xFFFFFFFF) ^ t
        yield ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296.0


def generate(spec):
    """Expands a spec; the same operations, in the same order, as generate() in testing.ts."""
    if isinstance(spec, list):
        return np.array(spec, dtype=float)
    rng = mulberry32(spec["seed"])
    n, kind = spec["n"], spec["gen"]
    loc, scale = spec.get("loc", 0.0), spec.get("scale", 1.0)
    out = np.empty(n)
    for i in range(n):
        if kind == "normal":  # Irwin-Hall: 12 uniforms, mean 6, variance 1
            s = 0.0
            for _ in range(12):
                s += next(rng)
            out[i] = loc + scale * (s - 6.0)
        elif kind == "uniform":
            out[i] = loc + scale * next(rng)
        elif kind == "integer":  # 0 .. k-1, plus loc
            out[i] = math.floor(next(rng) * spec["k"]) + loc
        elif kind == "decimal":  # normal, cut to one decimal below (many ties)
            s = 0.0
            for _ in range(12):
                s += next(rng)
            out[i] = math.floor((loc + scale * (s - 6.0)) * 10.0) / 10.0
        else:
            raise ValueError(kind)
    return out


def g(kind, seed, n, **kw):
    return {"gen": kind, "seed": seed, "n": n, **kw}


# ---------------------------------------------------------------------------------------------
# Statistics


def ks(a, b):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = stats.ks_2samp(a, b)
    exact = max(len(a), len(b)) <= 10000 and not any("Switching" in str(w.message) for w in caught)
    asymp = stats.ks_2samp(a, b, method="asymp")
    return {
        "statistic": float(r.statistic),
        "p_value": float(r.pvalue),
        "method": "exact" if exact else "asymptotic",
        # method='asymp', forced: what the live exporter uses to keep scrapes cheap.
        "asymp_p_value": float(asymp.pvalue),
    }


def floored(p):
    return np.maximum(np.asarray(p, dtype=float), FLOOR)


def psi(ref_shares, cur_shares):
    r, c = floored(ref_shares), floored(cur_shares)
    return float(np.sum((c - r) * np.log(c / r)))


def js(ref_shares, cur_shares):
    return float(distance.jensenshannon(floored(ref_shares), floored(cur_shares), base=2))


def chi_drift(ref_counts, cur_counts):
    ref_counts, cur_counts = np.asarray(ref_counts, float), np.asarray(cur_counts, float)
    keep = (ref_counts > 0) | (cur_counts > 0)
    shares = np.maximum(ref_counts[keep] / ref_counts.sum(), FLOOR)
    f_exp = shares / shares.sum() * cur_counts.sum()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r = stats.chisquare(cur_counts[keep], f_exp)
    return {"statistic": float(r.statistic), "p_value": float(r.pvalue), "categories": int(keep.sum())}


def default_method(kind, ref_size, distinct):
    continuous = kind == "numeric" and distinct > 5
    if ref_size <= 1000:
        return "ks" if continuous else "chi_square"
    return "wasserstein_norm" if continuous else "jensen_shannon"


# A distance on a numeric column needs a KS p-value below this as well (exporter/docs/drift.md).
CHANCE_P_VALUE = 0.01


def drifted(method, score, threshold, ks_p_value=None):
    if score is None or math.isnan(score):
        return False
    if method in ("ks", "chi_square"):
        return score < threshold
    return score >= threshold and (ks_p_value is None or ks_p_value < CHANCE_P_VALUE)


def numeric_column(ref, cur, method=None, threshold=None):
    ref = np.asarray(ref, float)
    cur = np.asarray(cur, float)
    dropped = (int(np.sum(~np.isfinite(ref))), int(np.sum(~np.isfinite(cur))))
    ref, cur = np.sort(ref[np.isfinite(ref)]), np.sort(cur[np.isfinite(cur)])
    distinct = len(np.unique(np.concatenate([ref, cur])))
    method = method or default_method("numeric", len(ref), distinct)
    threshold = THRESHOLDS[method] if threshold is None else threshold
    edges = np.quantile(ref, [k / 10 for k in range(1, 10)])
    # pandas.cut-like bins (e_{k-1}, e_k]: a value's bin is the number of edges strictly below it.
    ref_counts = np.bincount(np.searchsorted(edges, ref, side="left"), minlength=10)
    cur_counts = np.bincount(np.searchsorted(edges, cur, side="left"), minlength=10)
    ref_shares, cur_shares = ref_counts / len(ref), cur_counts / len(cur)
    k = ks(ref, cur)
    w = float(stats.wasserstein_distance(ref, cur))
    sd = float(np.std(ref))
    w_norm = w / max(sd, SD_FLOOR)
    chi = chi_drift(ref_counts, cur_counts)
    result = {
        "type": "numeric",
        "ks": {"statistic": k["statistic"], "p_value": k["p_value"]},
        "ks_method": k["method"],
        "wasserstein": w,
        "wasserstein_norm": w_norm,
        "reference_sd": sd,
        "psi": psi(ref_shares, cur_shares),
        "jensen_shannon": js(ref_shares, cur_shares),
        "chi_square": {"statistic": chi["statistic"], "p_value": chi["p_value"]},
        "bins": {"edges": edges.tolist(), "reference": ref_shares.tolist(), "current": cur_shares.tolist()},
        "distinct": distinct,
        "dropped": {"reference": dropped[0], "current": dropped[1]},
    }
    score = {
        "ks": k["p_value"],
        "chi_square": chi["p_value"],
        "wasserstein_norm": w_norm,
        "jensen_shannon": result["jensen_shannon"],
        "psi": result["psi"],
    }[method]
    result["test"] = {"method": method, "threshold": threshold,
                      "drifted": drifted(method, score, threshold, k["p_value"])}
    result["score"] = score
    return result


def category_order(ref_counts, cur_counts):
    keys = set(ref_counts) | set(cur_counts)
    # Most frequent in the reference, then in the current sample, then by code point (ASCII here).
    return sorted(keys, key=lambda c: (-ref_counts.get(c, 0), -cur_counts.get(c, 0), c))


def categorical_column(ref, cur, method=None, threshold=None):
    ref_counts, cur_counts = {}, {}
    for v in ref:
        ref_counts[v] = ref_counts.get(v, 0) + 1
    for v in cur:
        cur_counts[v] = cur_counts.get(v, 0) + 1
    cats = category_order(ref_counts, cur_counts)
    rc = np.array([ref_counts.get(c, 0) for c in cats], float)
    cc = np.array([cur_counts.get(c, 0) for c in cats], float)
    method = method or default_method("categorical", len(ref), len(cats))
    threshold = THRESHOLDS[method] if threshold is None else threshold
    ref_shares, cur_shares = rc / rc.sum(), cc / cc.sum()
    chi = chi_drift(rc, cc)
    result = {
        "type": "categorical",
        "chi_square": {"statistic": chi["statistic"], "p_value": chi["p_value"]},
        "psi": psi(ref_shares, cur_shares),
        "jensen_shannon": js(ref_shares, cur_shares),
        "bins": {"categories": cats, "reference": ref_shares.tolist(), "current": cur_shares.tolist()},
    }
    score = {"chi_square": chi["p_value"], "jensen_shannon": result["jensen_shannon"], "psi": result["psi"]}[method]
    result["test"] = {"method": method, "threshold": threshold, "drifted": drifted(method, score, threshold)}
    result["score"] = score
    return result


# ---------------------------------------------------------------------------------------------
# scipy.json


def ks_cases():
    cases = [
        ("hand: 5 vs 6 with an overlap", [1, 2, 3, 4, 5], [3, 4, 5, 6, 7, 8]),
        ("hand: fully separated 3 vs 3", [1, 2, 3], [4, 5, 6]),
        ("ties across samples", [1, 1, 2, 2, 2, 3], [2, 2, 3, 3, 4]),
        ("identical samples", g("integer", 1, 20, k=7), g("integer", 1, 20, k=7)),
        ("separated 30 vs 40", list(range(1, 31)), list(range(31, 71))),
        ("single values, tied", [5.0] * 10, [5.0] * 12),
        ("single values, apart", [5.0] * 10, [6.0] * 12),
        ("50 vs 70, shifted (exact, inside method)", g("normal", 2, 50), g("normal", 3, 70, loc=0.3)),
        ("50 vs 50 (exact, square method)", g("normal", 4, 50), g("normal", 5, 50, loc=0.5)),
        ("3000 vs 4000 (exact)", g("normal", 6, 3000), g("normal", 7, 4000, loc=0.05)),
        ("3000 vs 4000 integers, many ties (exact)", g("integer", 8, 3000, k=12), g("integer", 9, 4000, k=13)),
        ("3000 vs 4000, far apart (exact, tiny p)", g("normal", 10, 3000), g("normal", 11, 4000, loc=0.4)),
        ("7000 vs 10000 (exact, largest sizes)", g("normal", 12, 7000), g("normal", 13, 10000, loc=0.03)),
        ("10000 vs 10000 (exact, square method)", g("normal", 14, 10000), g("normal", 15, 10000, loc=0.02)),
        ("12000 vs 15000 (asymptotic)", g("normal", 16, 12000), g("normal", 17, 15000, loc=0.03)),
        ("12000 vs 15000, same distribution (asymptotic)", g("normal", 18, 12000), g("normal", 19, 15000)),
        ("12000 vs 15000 decimals, ties (asymptotic)", g("decimal", 20, 12000), g("decimal", 21, 15000, loc=0.02)),
        ("20000 vs 60 (asymptotic, small n)", g("normal", 22, 20000), g("normal", 23, 60, loc=0.2)),
        ("15000 vs 300 (asymptotic)", g("normal", 24, 15000), g("normal", 25, 300, loc=0.1)),
        ("100000 vs 100000 (asymptotic)", g("normal", 26, 100000), g("normal", 27, 100000, loc=0.01)),
    ]
    out = []
    for name, a, b in cases:
        out.append({"name": name, "reference": a, "current": b, **ks(generate(a), generate(b))})
    return out


def kstwo_grid():
    out = []
    for n in [1, 2, 3, 5, 10, 20, 50, 100, 140, 141, 500, 1000, 6667, 50000, 100000, 100001, 500000, 2000000]:
        xs = set()
        # Fewer points for the largest n: each smirnov sum there runs thousands of terms.
        cs = [0.01, 0.05, 0.1, 0.15, 0.3, 0.5, 0.754, 0.76, 1, 1.5, 2, 2.19, 2.21, 3, 4, 4.1, 5, 10, 17, 19, 50, 200, 400]
        if n > 100001:
            cs = [0.01, 0.3, 1, 2.19, 2.21, 19, 400]
        for c in cs:
            x = math.sqrt(c / n)
            if 0 < x < 1:
                xs.add(x)
        for x in [0.4 / n, 0.7 / n, 0.99 / n, 1.0 / n, 1.5 / n, 0.5, 0.6, 0.9, 0.99, 1 - 1.0 / n, 1 - 0.5 / n, 1.0]:
            if 0 < x <= 1:
                xs.add(x)
        for x in sorted(xs):
            out.append({"n": n, "x": x, "sf": float(stats.kstwo.sf(x, n))})
    return out


def smirnov_grid():
    out = []
    for n in [2, 5, 10, 50, 100, 1000, 10000, 100000]:
        for x in [0.001, 0.01, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.95]:
            out.append({"n": n, "x": x, "sf": float(special.smirnov(n, x))})
    return out


def gamma_grid():
    out = []
    for a in [0.5, 1, 1.5, 2, 4.5, 10, 50, 100, 500, 2500]:
        for f in [0.01, 0.1, 0.5, 0.9, 1, 1.1, 1.5, 2, 3, 5, 10]:
            x = a * f
            out.append({"a": a, "x": x, "q": float(special.gammaincc(a, x)), "p": float(special.gammainc(a, x))})
        out.append({"a": a, "x": a + 1, "q": float(special.gammaincc(a, a + 1)), "p": float(special.gammainc(a, a + 1))})
    return out


def chi2_grid():
    out = []
    for df in [1, 2, 3, 5, 9, 10, 20, 50, 100, 1000]:
        for x in [0.001, 0.1, 0.5, 1, 2, 5, 9, 16.9, 20, 50, 100, 300, 1000, 3000]:
            out.append({"df": df, "x": x, "sf": float(stats.chi2.sf(x, df))})
    return out


def chisquare_cases():
    cases = [
        ("hand: 3 vs uniform", [3, 0], [1.5, 1.5]),
        ("dice", [16, 18, 16, 14, 12, 12], [16, 16, 16, 16, 16, 8]),
        ("large counts", [1021, 980, 1090, 909], [1000.5, 999.5, 1000, 1000]),
        ("many categories", [int(5 + (i * 37) % 23) for i in range(60)], None),
    ]
    out = []
    for name, obs, exp in cases:
        obs = np.array(obs, float)
        exp = np.full(len(obs), obs.mean()) if exp is None else np.array(exp, float)
        r = stats.chisquare(obs, exp)
        out.append({"name": name, "observed": obs.tolist(), "expected": exp.tolist(),
                    "statistic": float(r.statistic), "p_value": float(r.pvalue)})
    return out


def chi_drift_cases():
    cases = [
        ("same shares", [50, 30, 20], [100, 60, 40]),
        ("shifted shares", [50, 30, 20], [40, 30, 30]),
        ("category unseen in the reference", [50, 30, 20, 0], [48, 30, 20, 2]),
        ("category gone from the current sample", [50, 30, 20, 10], [55, 25, 20, 0]),
        ("bins empty in both are left out", [50, 0, 0, 50], [40, 0, 0, 60]),
        ("a reference share below the floor", [99995, 5], [900, 100]),
    ]
    return [{"name": n, "reference": r, "current": c, **chi_drift(r, c)} for n, r, c in cases]


def divergence_cases():
    cases = [
        ("hand: halves vs quarters", [0.5, 0.5], [0.25, 0.75]),
        ("equal", [0.2, 0.3, 0.5], [0.2, 0.3, 0.5]),
        ("an empty bin on each side", [0.0, 0.4, 0.6], [0.3, 0.7, 0.0]),
        ("unseen category", [0.6, 0.4, 0.0], [0.5, 0.3, 0.2]),
        ("ten deciles, one drained", [0.1] * 10, [0.0, 0.12, 0.12, 0.12, 0.1, 0.1, 0.1, 0.1, 0.12, 0.12]),
        ("a share below the floor", [0.99995, 0.00005], [0.9, 0.1]),
    ]
    return [{"name": n, "reference": r, "current": c, "psi": psi(r, c), "jensen_shannon": js(r, c)}
            for n, r, c in cases]


def numeric_column_cases():
    cases = [
        ("small reference: KS", g("normal", 30, 300), g("normal", 31, 400, loc=0.2), {}),
        ("integer ties: KS", g("integer", 32, 500, k=10), g("integer", 33, 600, k=10, loc=1), {}),
        ("three values, a fourth unseen: chi-square", g("integer", 34, 200, k=3), g("integer", 35, 250, k=4), {}),
        ("single-value reference (sd 0)", [5.0] * 100, [5.0] * 90 + [6.0] * 30, {}),
        ("zero-inflated: tied edges, empty bins", [0.0] * 80 + [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.5, 9.0, 12.0, 20.0] * 2,
         [0.0] * 50 + [1.0, 2.0, 3.5, 4.0, 5.0, 6.0, 7.0, 9.5, 15.0, 30.0] * 5, {}),
        ("large reference: normed Wasserstein", g("normal", 36, 2000), g("normal", 37, 1500, scale=1.3), {}),
        ("large reference, few values: Jensen-Shannon", g("integer", 38, 3000, k=4), g("integer", 39, 2000, k=4), {}),
        ("normed Wasserstein over its threshold by chance: KS p above 0.01", g("normal", 44, 3000),
         g("normal", 45, 2000), {"method": "wasserstein_norm", "threshold": 0.01}),
        ("override: PSI at 0.2", g("normal", 40, 800), g("normal", 41, 900, loc=0.5), {"method": "psi", "threshold": 0.2}),
        ("override: chi-square on deciles", g("normal", 42, 5000), g("normal", 43, 5000, loc=0.05), {"method": "chi_square"}),
        ("non-finite values dropped", [1.0, 2.0, float("nan"), 3.0, 4.0, 5.0, 6.0, 7.0, float("inf")],
         [2.0, 3.0, float("-inf"), 4.0, 5.0, 6.0, 7.0, 8.0, 9.0], {}),
    ]
    out = []
    for name, r, c, opts in cases:
        ref, cur = generate(r), generate(c)
        expected = numeric_column(ref, cur, opts.get("method"), opts.get("threshold"))
        out.append({"name": name, "reference": encode(r), "current": encode(c), "options": opts, "expected": expected})
    return out


def clean(obj):
    """NaN and infinities as null: JSON has neither (and `driftlab stats --json` writes null too)."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, dict):
        return {k: clean(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [clean(v) for v in obj]
    return obj


def encode(spec):
    """JSON has no NaN or Infinity: non-finite list entries travel as strings."""
    if isinstance(spec, dict):
        return spec
    return [v if math.isfinite(v) else ("NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")) for v in spec]


def categorical_column_cases():
    def cats(seed, n, weights):
        rng = mulberry32(seed)
        names = list(weights)
        cum = np.cumsum([weights[k] for k in names])
        return [names[int(np.searchsorted(cum, next(rng) * cum[-1], side="right"))] for _ in range(n)]

    cases = [
        ("small reference: chi-square", cats(50, 400, {"a": 5, "b": 3, "c": 2}), cats(51, 500, {"a": 4, "b": 3, "c": 3}), {}),
        ("unseen category in current", cats(52, 300, {"north": 4, "south": 4, "east": 2}),
         cats(53, 300, {"north": 4, "south": 4, "east": 2, "west": 1}), {}),
        ("category gone from current", cats(54, 300, {"x": 3, "y": 3, "z": 1}), cats(55, 300, {"x": 3, "y": 3}), {}),
        ("large reference: Jensen-Shannon", cats(56, 2000, {"p": 6, "q": 3, "r": 1}), cats(57, 1000, {"p": 5, "q": 3, "r": 2}), {}),
        ("one category only", ["same"] * 50, ["same"] * 40, {}),
        ("override: PSI", cats(58, 500, {"u": 1, "v": 1}), cats(59, 500, {"u": 2, "v": 1}), {"method": "psi"}),
    ]
    out = []
    for name, r, c, opts in cases:
        expected = categorical_column(r, c, opts.get("method"), opts.get("threshold"))
        out.append({"name": name, "reference": r, "current": c, "options": opts, "expected": expected})
    return out


# ---------------------------------------------------------------------------------------------
# CSV pairs for `driftlab stats`

NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$", re.IGNORECASE)


def csv_rows(columns, n, newline):
    header = list(columns)
    rows = [[columns[h][i] for h in header] for i in range(n)]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator=newline, quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def fmt(v):
    return repr(float(v)) if not float(v).is_integer() else str(int(v))


def expected_stats(ref_cols, cur_cols):
    """The `driftlab stats --json` output, from the parsed CSV cells (what csv.reader gives back)."""
    shared = [c for c in ref_cols if c in cur_cols]
    out = {}
    for name in shared:
        r = [v for v in ref_cols[name] if v.strip() != ""]
        c = [v for v in cur_cols[name] if v.strip() != ""]
        if all(NUMBER.match(v.strip()) for v in r + c):
            col = numeric_column([float(v) for v in r], [float(v) for v in c])
            shaped = {"type": "numeric", "ks": col["ks"], "wasserstein": col["wasserstein"],
                      "wasserstein_norm": col["wasserstein_norm"], "psi": col["psi"],
                      "jensen_shannon": col["jensen_shannon"]}
            if col["test"]["method"] == "chi_square":
                shaped["chi_square"] = col["chi_square"]
            shaped["bins"] = col["bins"]
            shaped["test"] = col["test"]
        else:
            col = categorical_column(r, c)
            shaped = {k: col[k] for k in ("type", "chi_square", "psi", "jensen_shannon", "bins", "test")}
        out[name] = shaped
    return {"columns": out}


def write_pair(name, ref_cols, cur_cols, n_ref, n_cur, ref_newline, cur_newline):
    os.makedirs(OFFLINE_FIXTURES, exist_ok=True)
    texts = {"reference": csv_rows(ref_cols, n_ref, ref_newline), "current": csv_rows(cur_cols, n_cur, cur_newline)}
    parsed = {}
    for part, text in texts.items():
        with open(os.path.join(OFFLINE_FIXTURES, f"{name}-{part}.csv"), "w", newline="") as f:
            f.write(text)
        rows = list(csv.reader(io.StringIO(text, newline="")))
        parsed[part] = {h: [row[i] for row in rows[1:]] for i, h in enumerate(rows[0])}
    with open(os.path.join(OFFLINE_FIXTURES, f"{name}-expected.json"), "w") as f:
        json.dump(clean(expected_stats(parsed["reference"], parsed["current"])), f, indent=1, allow_nan=False)
        f.write("\n")


def columns_for(seed, n, drift):
    rng = mulberry32(seed)
    age = [fmt(math.floor(18 + next(rng) * (50 + 10 * drift))) for _ in range(n)]
    income = generate(g("normal", seed + 1, n, loc=50000 + 4000 * drift, scale=12000))
    income = [fmt(math.floor(v * 100) / 100) for v in income]
    score = generate(g("uniform", seed + 2, n, loc=0.1 * drift))
    score = [("" if i % 37 == 5 else ("NaN" if i % 53 == 7 else fmt(v))) for i, v in enumerate(score)]
    flag = [fmt(math.floor(next(rng) * (2 if drift == 0 else 2.2)) % 2) for _ in range(n)]
    regions = ["north", "south", "east", "west, coastal", 'the "islands"'] + (["central"] if drift else [])
    region = [regions[math.floor(next(rng) * len(regions))] for _ in range(n)]
    tier = [("" if i % 41 == 3 else ["gold", "silver", "bronze"][math.floor(next(rng) ** (1 + drift) * 3)])
            for i in range(n)]
    constant = ["7"] * n
    return {"age": age, "income": income, "score": score, "flag": flag, "region": region, "tier": tier,
            "constant": constant}


def csv_pairs():
    # Small reference (KS and chi-square by default); LF reference, CRLF current.
    ref = columns_for(100, 400, 0)
    cur = columns_for(200, 500, 1)
    ref["only_in_reference"] = ["1"] * 400
    cur["only_in_current"] = ["x"] * 500
    write_pair("small", ref, cur, 400, 500, "\n", "\r\n")
    # Large reference (normed Wasserstein and Jensen-Shannon by default).
    write_pair("large", columns_for(300, 1500, 0), columns_for(400, 1000, 1), 1500, 1000, "\r\n", "\n")


def main():
    os.makedirs(DRIFT_FIXTURES, exist_ok=True)
    check = g("normal", 99, 1000)
    data = generate(check)
    fixture = {
        "generated_by": "exporter/tools/drift_fixtures.py",
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "generator_check": {"spec": check, "first": data[:5].tolist(), "sum": float(np.sum(data)),
                            "integers": generate(g("integer", 7, 8, k=10)).tolist()},
        "ks": ks_cases(),
        "kstwo": kstwo_grid(),
        "smirnov": smirnov_grid(),
        "wasserstein": [],
        "gamma": gamma_grid(),
        "chi2": chi2_grid(),
        "chisquare": chisquare_cases(),
        "chi_square_drift": chi_drift_cases(),
        "divergence": divergence_cases(),
        "numeric_columns": numeric_column_cases(),
        "categorical_columns": categorical_column_cases(),
    }
    for case in fixture["ks"]:
        a, b = generate(case["reference"]), generate(case["current"])
        sd = float(np.std(a))
        w = float(stats.wasserstein_distance(a, b))
        fixture["wasserstein"].append({"name": case["name"], "reference": case["reference"], "current": case["current"],
                                       "distance": w, "reference_sd": sd, "normed": w / max(sd, SD_FLOOR)})
    with open(os.path.join(DRIFT_FIXTURES, "scipy.json"), "w") as f:
        json.dump(clean(fixture), f, indent=None, separators=(",", ":"), allow_nan=False)
        f.write("\n")
    csv_pairs()
    prettier_json()


def prettier_json():
    """The repository's Prettier checks JSON too: format what was written, as the committed files are."""
    repo = os.path.dirname(ROOT)
    prettier = os.path.join(repo, "node_modules", ".bin", "prettier")
    outputs = [os.path.join(DRIFT_FIXTURES, "scipy.json")] + [
        os.path.join(OFFLINE_FIXTURES, f) for f in sorted(os.listdir(OFFLINE_FIXTURES)) if f.endswith(".json")
    ]
    if os.path.exists(prettier):
        subprocess.run([prettier, "--log-level", "warn", "--write", *outputs], cwd=repo, check=True)
    else:
        print("npm ci first, then: npx prettier --write " + " ".join(os.path.relpath(o, repo) for o in outputs))


if __name__ == "__main__":
    main()
