#!/usr/bin/python3
"""Compares our models with scikit-learn's on the same data after the same preprocessing.

Needs Debian's scikit-learn (apt-get install -y python3-sklearn), so run it with /usr/bin/python3:

    node serving/tools/export-dataset.js credit /tmp/driftlab-compare
    /usr/bin/python3 serving/tools/compare-with-sklearn.py /tmp/driftlab-compare credit [more worlds...]

    /usr/bin/python3 serving/tools/compare-with-sklearn.py --tiny   # reference numbers for the jest tests

For classification it fits LogisticRegression() with sklearn's defaults (L2, C=1, lbfgs, tol=1e-4,
max_iter=100) and compares holdout accuracy and predicted classes; it also solves the same objective
to the optimum with sklearn's Newton solver (solver='newton-cholesky', tol=1e-10) to compare
coefficients: lbfgs stops early (gradient about 1e-1), so its coefficients differ in the third
decimal while ours and newton-cholesky's agree to about 1e-8. For regression, LinearRegression().
It prints Markdown table rows, one per world; (1) marks a ConvergenceWarning from lbfgs.
"""
import json
import sys
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.metrics import accuracy_score, mean_absolute_error, r2_score, roc_auc_score


def load(directory, world, part):
    data = np.loadtxt(f"{directory}/{world}-{part}.csv", delimiter=",", skiprows=1, ndmin=2)
    return data[:, :-1], data[:, -1]


def compare(directory, world):
    with open(f"{directory}/{world}-ours.json") as f:
        ours = json.load(f)
    x_train, y_train = load(directory, world, "train")
    x_hold, y_hold = load(directory, world, "holdout")
    w = np.array(ours["coefficients"])
    b = ours["intercept"]
    z = x_hold @ w + b
    if ours["task"] == "classification":
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            default = LogisticRegression().fit(x_train, y_train)
        warned = any(issubclass(c.category, ConvergenceWarning) for c in caught)
        # The same objective solved to the optimum by sklearn's own Newton solver.
        exact = LogisticRegression(solver="newton-cholesky", tol=1e-10, max_iter=1000).fit(x_train, y_train)
        ours_pred = (z > 0).astype(float)
        ours_acc = accuracy_score(y_hold, ours_pred)
        check(world, "accuracy", ours["holdout"]["accuracy"], ours_acc)
        sk_pred = default.predict(x_hold)
        sk_acc = accuracy_score(y_hold, sk_pred)
        print(
            f"| {world} | {len(y_train)} / {len(y_hold)} | {x_train.shape[1]} "
            f"| {ours_acc:.4f} | {sk_acc:.4f}{' (1)' if warned else ''} | {100 * (ours_acc - sk_acc):+.2f} "
            f"| {np.mean(ours_pred == sk_pred):.4f} "
            f"| {roc_auc_score(y_hold, z):.4f} / {roc_auc_score(y_hold, default.decision_function(x_hold)):.4f} "
            f"| {coef_diff(default.coef_[0], default.intercept_[0], w, b):.0e} "
            f"| {coef_diff(exact.coef_[0], exact.intercept_[0], w, b):.0e} "
            f"| {ours['baseline']['accuracy']:.4f} |"
        )
    else:
        sk = LinearRegression().fit(x_train, y_train)
        ours_mae = mean_absolute_error(y_hold, z)
        check(world, "MAE", ours["holdout"]["mae"], ours_mae)
        sk_mae = mean_absolute_error(y_hold, sk.predict(x_hold))
        print(
            f"| {world} | {len(y_train)} / {len(y_hold)} | {x_train.shape[1]} "
            f"| {ours_mae:.4f} | {sk_mae:.4f} | {ours_mae - sk_mae:+.0e} "
            f"| {r2_score(y_hold, z):.4f} / {r2_score(y_hold, sk.predict(x_hold)):.4f} "
            f"| {coef_diff(sk.coef_, sk.intercept_, w, b):.0e} | {ours['baseline']['mae']:.4f} |"
        )


def coef_diff(coef, intercept, w, b):
    return max(np.max(np.abs(coef - w)), abs(intercept - b))


def check(world, metric, reported, recomputed):
    """Our TypeScript metric must equal the one recomputed here from our exported coefficients."""
    if abs(reported - recomputed) > 1e-9:
        print(f"{world}: our reported {metric} {reported} differs from the recomputed {recomputed}", file=sys.stderr)


def tiny():
    """The fixed tiny datasets of serving/src/models/{logistic,linear}.test.ts, defined by formula."""
    n = 24
    i = np.arange(n)
    x = np.column_stack([((i * 7) % 11) / 5 - 1, ((i * 5) % 13) / 6 - 1, (i % 3 == 0).astype(float)])
    y = (((i * 3) % 7) < 3).astype(float)
    np.set_printoptions(precision=10, floatmode="fixed")
    for c in (1.0, 0.1):
        m = LogisticRegression(C=c, tol=1e-12, max_iter=100000).fit(x, y)
        print(f"logistic C={c}: coef {m.coef_[0].tolist()} intercept {m.intercept_[0]!r}")
    t = 2 + 0.5 * x[:, 0] - 1.5 * x[:, 1] + 0.75 * x[:, 2] + (((i * 13) % 17) / 17 - 0.5)
    m = LinearRegression().fit(x, t)
    print(f"linear: coef {m.coef_.tolist()} intercept {m.intercept_!r}")


def main(argv):
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}", file=sys.stderr)
    if argv == ["--tiny"]:
        tiny()
        return
    if len(argv) < 2:
        sys.exit(__doc__)
    directory, worlds = argv[0], argv[1:]
    header_done = set()
    for world in worlds:
        with open(f"{directory}/{world}-ours.json") as f:
            task = json.load(f)["task"]
        if task not in header_done:
            header_done.add(task)
            if task == "classification":
                print(
                    "\n| world | train / holdout | design columns | accuracy ours | accuracy sklearn "
                    "| ours − sklearn (pp) | same class | ROC AUC ours / sklearn "
                    "| max coef diff vs lbfgs | vs newton-cholesky | majority baseline |"
                )
                print("|---|---|---|---|---|---|---|---|---|---|---|")
            else:
                print(
                    "\n| world | train / holdout | design columns | MAE ours | MAE sklearn "
                    "| ours − sklearn | R² ours / sklearn | max coef diff | mean baseline MAE |"
                )
                print("|---|---|---|---|---|---|---|---|---|")
        compare(directory, world)


if __name__ == "__main__":
    main(sys.argv[1:])
