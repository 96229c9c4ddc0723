#!/usr/bin/python3
"""Writes the scikit-learn reference numbers that exporter/src/quality's jest tests compare with.

Needs Debian's scikit-learn 1.2 (apt-get install -y python3-sklearn), so run it with /usr/bin/python3
from the repository root:

    /usr/bin/python3 exporter/tools/quality_fixtures.py

It writes exporter/src/quality/sklearn-fixtures.json (then formats it with the repository's
Prettier, when npx is on the PATH). Every case holds its inputs and the expected outputs; the data
are drawn from numpy's seeded RandomState, so the file is the same on every run. Undefined values
(ROC AUC with one class) are written as null. Expected calibration error has no sklearn function:
it is computed here with numpy by the definition in exporter/docs/quality.md, as an independent
second implementation.
"""
import json
import math
import os
import shutil
import subprocess
import sys

import numpy as np
import sklearn
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (
    accuracy_score,
    f1_score,
    log_loss,
    mean_absolute_error,
    mean_absolute_percentage_error,
    mean_squared_error,
    precision_score,
    recall_score,
    roc_auc_score,
)

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src", "quality", "sklearn-fixtures.json")


def floats(a):
    return [float(v) for v in a]


def ece(labels, probs, bins=10):
    """Guo et al. (2017): confidence of the predicted class (1 when p > 0.5), equal-width bins."""
    labels = np.asarray(labels, dtype=float)
    probs = np.asarray(probs, dtype=float)
    predicted = (probs > 0.5).astype(float)
    conf = np.where(predicted == 1, probs, 1 - probs)
    # Bin m (0-based) is (m/bins, (m+1)/bins]: ceil(conf * bins) - 1, with 0 in the first.
    which = np.clip(np.array([math.ceil(c * bins) - 1 for c in conf]), 0, bins - 1)
    total = 0.0
    for m in range(bins):
        mask = which == m
        if mask.any():
            total += mask.mean() * abs(np.mean(labels[mask] == predicted[mask]) - np.mean(conf[mask]))
    return total


def classification_case(name, labels, scores):
    labels = np.asarray(labels, dtype=float)
    scores = np.asarray(scores, dtype=float)
    values = (scores > 0.5).astype(float)
    both = len(np.unique(labels)) == 2
    return {
        "name": name,
        "values": floats(values),
        "scores": floats(scores),
        "labels": floats(labels),
        "expected": {
            "accuracy": accuracy_score(labels, values),
            "precision": precision_score(labels, values, zero_division=0),
            "recall": recall_score(labels, values, zero_division=0),
            "f1": f1_score(labels, values, zero_division=0),
            "rocAuc": roc_auc_score(labels, scores) if both else None,
            "logLoss": log_loss(labels, scores, labels=[0, 1]),
            "ece": ece(labels, scores),
        },
    }


def classification_cases():
    rng = np.random.RandomState(20240501)
    cases = []
    for i, n in enumerate([50, 200, 400]):
        scores = np.round(rng.uniform(0, 1, n), 6)
        # Labels from a miscalibrated truth, so ECE is not near zero.
        labels = (rng.uniform(0, 1, n) < scores**1.5).astype(float)
        cases.append(classification_case(f"random {i + 1} (n = {n})", labels, scores))
    scores = np.round(rng.uniform(0, 1, 300), 1)  # ten or eleven distinct scores: many ties
    labels = (rng.uniform(0, 1, 300) < scores).astype(float)
    cases.append(classification_case("ties in scores", labels, scores))
    cases.append(classification_case("all one class (1)", np.ones(20), np.round(rng.uniform(0, 1, 20), 6)))
    cases.append(classification_case("all one class (0)", np.zeros(20), np.round(rng.uniform(0, 1, 20), 6)))
    labels = (rng.uniform(0, 1, 40) < 0.5).astype(float)
    cases.append(classification_case("perfect, probabilities 0 and 1", labels, labels.copy()))
    cases.append(classification_case("perfect ranking, confident", labels, np.where(labels == 1, 0.9, 0.1)))
    cases.append(classification_case("no predicted positives", labels, np.round(rng.uniform(0, 0.5, 40), 6)))
    cases.append(classification_case("constant score 0.5", labels, np.full(40, 0.5)))
    return cases


def regression_case(name, labels, values):
    labels = np.asarray(labels, dtype=float)
    values = np.asarray(values, dtype=float)
    return {
        "name": name,
        "values": floats(values),
        "labels": floats(labels),
        "expected": {
            "mae": mean_absolute_error(labels, values),
            "rmse": math.sqrt(mean_squared_error(labels, values)),
            "mape": mean_absolute_percentage_error(labels, values),
        },
    }


def regression_cases():
    rng = np.random.RandomState(7)
    cases = []
    labels = np.round(rng.normal(30, 10, 200), 4)
    cases.append(regression_case("random (n = 200)", labels, np.round(labels + rng.normal(0, 3, 200), 4)))
    labels = np.round(rng.lognormal(0, 1, 100), 4)
    cases.append(regression_case("skewed labels", labels, np.round(labels * rng.uniform(0.5, 1.5, 100), 4)))
    labels = np.array([0.0, 0.0, 1.0, 2.5, -3.0, 0.0])
    cases.append(regression_case("zero labels (MAPE floors |y| at eps)", labels, [0.0, 0.5, 1.0, 2.0, -2.0, -1e-3]))
    labels = np.round(rng.normal(0, 1, 30), 4)
    cases.append(regression_case("perfect predictions", labels, labels.copy()))
    return cases


def isotonic_case(name, x, y, weights=None):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    iso = IsotonicRegression(out_of_bounds="clip", increasing=True)
    iso.fit(x, y, sample_weight=weights)
    lo, hi = float(np.min(x)), float(np.max(x))
    grid = np.concatenate([np.linspace(lo - 0.1, hi + 0.1, 57), x[:20]])
    return {
        "name": name,
        "x": floats(x),
        "y": floats(y),
        "weights": None if weights is None else floats(weights),
        "query": floats(grid),
        "expected": {
            "thresholdsX": floats(iso.X_thresholds_),
            "thresholdsY": floats(iso.y_thresholds_),
            "predictions": floats(iso.predict(grid)),
        },
    }


def isotonic_cases():
    rng = np.random.RandomState(11)
    cases = []
    x = np.round(rng.uniform(0, 1, 200), 6)
    cases.append(isotonic_case("binary labels, miscalibrated scores", x, (rng.uniform(0, 1, 200) < x**2).astype(float)))
    x = np.round(rng.uniform(0, 1, 150), 2)  # ties in x
    cases.append(isotonic_case("ties in scores", x, (rng.uniform(0, 1, 150) < x).astype(float)))
    x = rng.uniform(-2, 2, 80)
    cases.append(isotonic_case("continuous target", x, np.round(np.sin(x) + rng.normal(0, 0.4, 80), 6)))
    x = np.round(rng.uniform(0, 1, 60), 3)
    weights = np.round(rng.uniform(0, 3, 60), 3)
    weights[:5] = 0
    cases.append(isotonic_case("weighted, some weights 0", x, (rng.uniform(0, 1, 60) < x).astype(float), weights))
    cases.append(isotonic_case("decreasing target: one block", [0.1, 0.2, 0.3, 0.4], [1.0, 0.7, 0.4, 0.0]))
    cases.append(isotonic_case("already increasing", [0.1, 0.2, 0.3, 0.4], [0.0, 0.2, 0.5, 1.0]))
    cases.append(isotonic_case("one distinct score", [0.3, 0.3, 0.3], [1.0, 0.0, 1.0]))
    return cases


def cbpe_cases():
    """NannyML-style estimate with sklearn's isotonic calibrator fit on a reference."""
    rng = np.random.RandomState(3)
    cases = []
    for name, shift in [("reference-like analysis", 0.0), ("covariate shift towards uncertain scores", 0.35)]:
        ref_scores = np.round(rng.beta(0.7, 0.7, 500), 6)
        ref_labels = (rng.uniform(0, 1, 500) < 0.2 + 0.6 * ref_scores).astype(float)  # overconfident model
        scores = np.round(np.clip(rng.beta(0.7, 0.7, 300) * (1 - shift) + shift / 2, 0, 1), 6)
        values = (scores > 0.5).astype(float)
        iso = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(ref_scores, ref_labels)
        p = iso.predict(scores)
        tp = np.sum(np.where(values == 1, p, 0))
        fp = np.sum(np.where(values == 1, 1 - p, 0))
        fn = np.sum(np.where(values == 0, p, 0))
        raw = np.where(values == 1, scores, 1 - scores)
        cases.append(
            {
                "name": name,
                "referenceScores": floats(ref_scores),
                "referenceLabels": floats(ref_labels),
                "values": floats(values),
                "scores": floats(scores),
                "expected": {
                    "accuracy": float(np.mean(np.where(values == 1, p, 1 - p))),
                    "precision": float(tp / (tp + fp)),
                    "recall": float(tp / (tp + fn)),
                    "f1": float(2 * tp / (2 * tp + fp + fn)),
                    "uncalibratedAccuracy": float(np.mean(raw)),
                },
            }
        )
    return cases


def label_delay_cases():
    rng = np.random.RandomState(5)
    prediction_times = np.cumsum(rng.exponential(1000, 300)).round()
    delays = rng.lognormal(math.log(60_000), 0.8, 300).round()
    return [
        {
            "name": "log-normal delays",
            "predictionTimesMs": floats(prediction_times),
            "labelTimesMs": floats(prediction_times + delays),
            "expected": {
                "meanSeconds": float(np.mean(delays / 1000)),
                "p95Seconds": float(np.percentile(delays / 1000, 95)),
            },
        }
    ]


def main():
    fixtures = {
        "generator": "exporter/tools/quality_fixtures.py",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "classification": classification_cases(),
        "regression": regression_cases(),
        "isotonic": isotonic_cases(),
        "cbpe": cbpe_cases(),
        "labelDelay": label_delay_cases(),
    }
    with open(OUT, "w") as f:
        json.dump(fixtures, f, allow_nan=False)
        f.write("\n")
    if shutil.which("npx"):
        subprocess.run(["npx", "prettier", "--write", "--log-level", "warn", OUT], check=True)
    else:
        print("npx not found: run `npx prettier --write` on the fixture before committing", file=sys.stderr)
    print(f"wrote {os.path.relpath(OUT)}")


if __name__ == "__main__":
    main()
