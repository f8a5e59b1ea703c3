#!/usr/bin/env python3
"""Writes regression.json: NIST StRD certified regressions and statsmodels WLS reference fits.

NIST StRD (Statistical Reference Datasets, linear least squares), certified values to 15 digits:
  Norris  — https://www.itl.nist.gov/div898/strd/lls/data/LINKS/DATA/Norris.dat
  Longley — https://www.itl.nist.gov/div898/strd/lls/data/LINKS/DATA/Longley.dat
The data and certified values below were transcribed from those files (the Norris file as quoted
in a public repository's copy, the Longley data from statsmodels.datasets.longley and its
certified values as statsmodels' own test suite records them in
statsmodels/regression/tests/results/results_regression.py, class Longley).

The weighted cases are seeded random data fitted with statsmodels WLS(...).fit(method="qr").
Zero-weight rows are kept in the case's input but dropped before the statsmodels fit, because the
Swift code follows R lm(weights=): a zero-weight row does not count in n or the residual df
(statsmodels would count it).  Run: python3 generate_regression.py > regression.json
"""
import json
import sys
import numpy as np
import scipy
import statsmodels
import statsmodels.api as sm
import mpmath as mp
from statsmodels.datasets import longley

NORRIS_Y = [0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3, 0.1, 778.1,
            668.8, 339.3, 448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3, 0.6, 557.6, 339.3, 888.0,
            998.5, 778.9, 10.2, 117.6, 228.9, 668.4, 449.2, 0.2]
NORRIS_X = [0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4, 0.6, 775.5,
            666.9, 338.0, 447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3, 0.3, 556.8, 339.1, 887.2,
            999.0, 779.0, 11.1, 118.3, 229.2, 669.1, 448.9, 0.5]
NORRIS_CERTIFIED = {
    "coefficients": [-0.262323073774029, 1.00211681802045],
    "standardErrors": [0.232818234301152, 0.429796848199937e-03],
    "sigma": 0.884796396144373,
    "rSquared": 0.999993745883712,
    "fStatistic": 5436385.54079785,
    "residualSumOfSquares": 26.6173985294224,
    "dfResidual": 34,
}
LONGLEY_CERTIFIED = {
    "coefficients": [-3482258.63459582, 15.0618722713733, -0.358191792925910e-01, -2.02022980381683,
                     -1.03322686717359, -0.511041056535807e-01, 1829.15146461355],
    "standardErrors": [890420.383607373, 84.9149257747669, 0.334910077722432e-01, 0.488399681651699,
                       0.214274163161675, 0.226073200069370, 455.478499142212],
    "sigma": 304.854073561965,
    "rSquared": 0.995479004577296,
    "fStatistic": 330.285339234588,
    "residualSumOfSquares": 836424.055505915,
    "dfResidual": 9,
}


mp.mp.dps = 60


def mp_wls(design, response, weights, points):
    """The same fit in 60-digit arithmetic (normal equations are harmless at this precision)."""
    rows = [i for i in range(len(weights)) if weights[i] > 0]
    X = mp.matrix([[mp.mpf(v) for v in design[i]] for i in rows])
    y = mp.matrix([mp.mpf(response[i]) for i in rows])
    W = mp.diag([mp.mpf(weights[i]) for i in rows])
    n, p = X.rows, X.cols
    C = (X.T * W * X) ** -1
    beta = C * (X.T * W * y)
    fitted = X * beta
    wsum = sum(W[i, i] for i in range(n))
    ybar = sum(W[i, i] * y[i] for i in range(n)) / wsum
    rss = sum(W[i, i] * (y[i] - fitted[i]) ** 2 for i in range(n))
    tss = sum(W[i, i] * (y[i] - ybar) ** 2 for i in range(n))
    df = n - p
    scale = rss / df
    se = [mp.sqrt(scale * C[j, j]) for j in range(p)]
    t = [beta[j] / se[j] for j in range(p)]
    half = mp.mpf(1) / 2
    pvals = [mp.betainc(mp.mpf(df) / 2, half, 0, mp.mpf(df) / (df + tj * tj), regularized=True) for tj in t]
    r2 = 1 - rss / tss
    f = ((tss - rss) / (p - 1)) / scale
    d1, d2 = mp.mpf(p - 1), mp.mpf(df)
    fp = mp.betainc(d2 / 2, d1 / 2, 0, d2 / (d2 + d1 * f), regularized=True)

    def tcdf(q):
        tail = mp.betainc(mp.mpf(df) / 2, half, 0, mp.mpf(df) / (df + q * q), regularized=True) / 2
        return tail if q < 0 else 1 - tail
    preds = []
    for x, confidence in points:
        xv = mp.matrix([mp.mpf(v) for v in x])
        est = (xv.T * beta)[0]
        var = (xv.T * C * xv)[0] * scale
        q = mp.findroot(lambda z: tcdf(z) - (1 + mp.mpf(confidence)) / 2, 2)
        preds.append((est, est - q * mp.sqrt(var), est + q * mp.sqrt(var)))
    return {"coefficients": list(beta), "standardErrors": se, "tStatistics": t, "pValues": pvals,
            "rSquared": r2, "adjustedRSquared": 1 - (1 - r2) * (n - 1) / df, "fStatistic": f, "fPValue": fp,
            "sigma": mp.sqrt(scale), "unscaledCovariance": [[C[i, j] for j in range(p)] for i in range(p)],
            "predictions": preds}


def statsmodels_case(name, design, response, weights, points, confidence=0.95):
    design = np.asarray(design, float); response = np.asarray(response, float)
    weights = np.asarray(weights, float)
    keep = weights > 0
    res = sm.WLS(response[keep], design[keep], weights=weights[keep]).fit(method="qr")
    predictions = []
    for x in points:
        pred = res.get_prediction(np.asarray([x], float))
        lo, hi = pred.conf_int(alpha=1 - confidence)[0]
        predictions.append({"x": list(map(float, x)), "confidence": confidence,
                            "estimate": float(pred.predicted_mean[0]), "lower": float(lo), "upper": float(hi)})
    # Cross-check statsmodels against the 60-digit fit; where it is off by more than 1e-10
    # (ill-conditioned designs: its covariance comes from a pseudo-inverse) the 60-digit values
    # become the expectation and `source` says so.
    exact = mp_wls(design.tolist(), response.tolist(), weights.tolist(), [(x, confidence) for x in points])
    pairs = [(res.params, exact["coefficients"]), (res.bse, exact["standardErrors"]),
             (res.tvalues, exact["tStatistics"]), (res.pvalues, exact["pValues"]),
             ([res.rsquared, res.rsquared_adj, res.fvalue, res.f_pvalue, np.sqrt(res.scale)],
              [exact[k] for k in ("rSquared", "adjustedRSquared", "fStatistic", "fPValue", "sigma")]),
             (res.normalized_cov_params.ravel(), [v for row in exact["unscaledCovariance"] for v in row]),
             ([v for pr in predictions for v in (pr["estimate"], pr["lower"], pr["upper"])],
              [v for pr in exact["predictions"] for v in pr])]
    worst = max(float(abs((mp.mpf(float(a)) - b) / b)) for got, want in pairs for a, b in zip(got, want))
    source = "statsmodels WLS (agrees with 60-digit mpmath to %.1e)" % worst
    expected = {
        "n": int(keep.sum()),
        "coefficients": res.params.tolist(), "standardErrors": res.bse.tolist(),
        "tStatistics": res.tvalues.tolist(), "pValues": res.pvalues.tolist(),
        "rSquared": float(res.rsquared), "adjustedRSquared": float(res.rsquared_adj),
        "fStatistic": float(res.fvalue), "fPValue": float(res.f_pvalue),
        "dfResidual": int(round(res.df_resid)), "sigma": float(np.sqrt(res.scale)),
        "unscaledCovariance": res.normalized_cov_params.tolist(),
        "meanResponse": predictions,
    }
    if worst > 1e-10:
        source = "60-digit mpmath (statsmodels WLS off by up to %.1e here)" % worst
        for key in ("coefficients", "standardErrors", "tStatistics", "pValues"):
            expected[key] = [float(v) for v in exact[key]]
        for key in ("rSquared", "adjustedRSquared", "fStatistic", "fPValue", "sigma"):
            expected[key] = float(exact[key])
        expected["unscaledCovariance"] = [[float(v) for v in row] for row in exact["unscaledCovariance"]]
        for pr, (est, lo, hi) in zip(predictions, exact["predictions"]):
            pr["estimate"], pr["lower"], pr["upper"] = float(est), float(lo), float(hi)
    return {
        "name": name, "source": source,
        "design": design.tolist(), "response": response.tolist(), "weights": weights.tolist(),
        "expected": expected,
    }


rng = np.random.default_rng(20161101)
cases = []

# One predictor, IAPT-like: recovery rate on a deprivation score, precision weights = referrals.
m = 120
x = rng.uniform(5, 45, m)
w = rng.integers(200, 5000, m).astype(float)
y = 0.55 - 0.004 * x + rng.normal(0, 1, m) * 0.9 / np.sqrt(w)
X = np.column_stack([np.ones(m), x])
cases.append(statsmodels_case("one predictor, 120 areas, weights 200-5000", X, y, w,
                              [[1, 5.0], [1, 21.3], [1, 45.0]]))

# Same with an outlier dummy as a second predictor.
d = np.zeros(m); d[[3, 77]] = 1; y2 = y.copy(); y2[[3, 77]] -= 0.15
X2 = np.column_stack([np.ones(m), x, d])
cases.append(statsmodels_case("one predictor and an outlier dummy", X2, y2, w, [[1, 30.0, 0.0], [1, 30.0, 1.0]]))

# Three predictors, log-normal weights.
m = 50
Z = rng.normal(size=(m, 3)) * [1.0, 10.0, 0.1] + [0.0, 50.0, 1.0]
w = np.exp(rng.normal(0, 1, m))
y = 2 + Z @ [0.5, -0.03, 4.0] + rng.normal(0, 1, m) / np.sqrt(w)
X = np.column_stack([np.ones(m), Z])
cases.append(statsmodels_case("three predictors, log-normal weights", X, y, w, [[1, 0.2, 45.0, 1.1]], 0.99))

# Zero weights: four rows that must not count.
m = 25
x = rng.uniform(0, 10, m)
w = rng.uniform(0.5, 3, m); w[[0, 7, 8, 20]] = 0.0
y = 1 + 0.3 * x + rng.normal(0, 0.5, m); y[[0, 7, 8, 20]] += 100.0  # would wreck the fit if counted
X = np.column_stack([np.ones(m), x])
cases.append(statsmodels_case("zero-weight rows are dropped as in R", X, y, w, [[1, 2.0], [1, 9.5]]))

# Longley with weights 1..16: ill-conditioned and weighted.
data = longley.load_pandas()
L = np.column_stack([np.ones(16), data.exog.to_numpy(float)])
cases.append(statsmodels_case("Longley with weights 1..16", L, data.endog.to_numpy(float),
                              np.arange(1, 17, dtype=float), [L[0].tolist(), L[15].tolist()]))

out = {
    "generator": "generate_regression.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
    "nist": [
        {"name": "Norris", "source": "NIST StRD Norris.dat (certified values, 15 digits)",
         "design": [[1.0, v] for v in NORRIS_X], "response": NORRIS_Y, "certified": NORRIS_CERTIFIED},
        {"name": "Longley", "source": "NIST StRD Longley.dat (certified values, 15 digits)",
         "design": L.tolist(), "response": data.endog.to_numpy(float).tolist(), "certified": LONGLEY_CERTIFIED},
    ],
    "weighted": cases,
}
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
