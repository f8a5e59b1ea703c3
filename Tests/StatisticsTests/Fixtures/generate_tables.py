#!/usr/bin/env python3
"""Writes tables.json: reference values for ranks, Spearman, quantiles and Tukey fences, the Wilson
interval, Cohen's kappa, Pearson chi-square and McNemar.

References: scipy.stats.rankdata / spearmanr / chi2_contingency(correction=False);
numpy.quantile (method="linear", = R type 7); statsmodels proportion_confint(method="wilson")
(the same Wilson score formula, without continuity correction, as PHEindicatormethods
phe_proportion); statsmodels cohens_kappa (kappa, std_kappa, kappa_low, kappa_upp) and
mcnemar(exact=False, correction=False).
Degenerate inputs record what the reference does ("nan" or the exception) and are expected to be
"not computable" in Swift.  Run: python3 generate_tables.py > tables.json
"""
import json
import sys
import warnings
import numpy as np
import scipy
import statsmodels
from scipy import stats
from statsmodels.stats.inter_rater import cohens_kappa
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.proportion import proportion_confint

warnings.simplefilter("ignore")
rng = np.random.default_rng(2016)


def num(v):
    v = float(v)
    return v if np.isfinite(v) else str(v)


def reference_outcome(compute):
    try:
        return compute()
    except Exception as error:  # the reference refuses: record why
        return {"refused": type(error).__name__ + ": " + str(error)}


# Ranks and Spearman
spearman_inputs = [
    ("no ties", rng.normal(size=12).tolist(), rng.normal(size=12).tolist()),
    ("ties in both", [1, 2, 2, 3, 3, 3, 4, 5, 5, 6], [2, 1, 4, 4, 3, 6, 6, 6, 5, 9]),
    ("negative association with ties", [5, 4, 4, 3, 2, 1, 1, 0], [0, 1, 1, 2, 2, 3, 5, 5]),
    ("perfect monotone", [1, 2, 3, 4, 5, 6], [1, 4, 9, 16, 25, 36]),
    ("perfect reversed", [1, 2, 3, 4], [8, 6, 4, 2]),
    ("three pairs", [1.0, 2.0, 3.5], [3.0, 1.0, 2.0]),
    ("IAPT-like 140 areas", np.round(rng.uniform(5, 45, 140), 1).tolist(),
     np.round(0.5 + rng.normal(0, 0.05, 140), 3).tolist()),
    ("almost uncorrelated", [1, 2, 3, 4, 5, 6, 7, 8], [4, 8, 1, 5, 3, 7, 2, 6]),
]
spearman = []
for name, x, y in spearman_inputs:
    res = stats.spearmanr(x, y)
    spearman.append({"name": name, "x": x, "y": y, "rho": num(res.statistic), "p": num(res.pvalue),
                     "ranksX": stats.rankdata(x).tolist(), "ranksY": stats.rankdata(y).tolist()})
spearman_degenerate = []
for name, x, y in [("constant x", [2, 2, 2, 2], [1, 2, 3, 4]), ("constant y", [1, 2, 3, 4], [7, 7, 7, 7]),
                   ("two pairs", [1, 2], [2, 1]), ("one pair", [1], [1]), ("empty", [], [])]:
    ref = reference_outcome(lambda: [num(v) for v in stats.spearmanr(x, y)])
    spearman_degenerate.append({"name": name, "x": x, "y": y, "reference": ref})

# Quantiles and fences
quantile_inputs = [
    ("ten values", [3.1, 0.4, 7.7, 2.2, 9.0, 5.5, 1.1, 6.6, 4.4, 8.8]),
    ("ties", [1, 1, 1, 2, 2, 5, 5, 5, 5, 9]),
    ("one value", [4.2]),
    ("two values", [10.0, -2.0]),
    ("recovery rates", np.round(rng.beta(50, 50, 37), 4).tolist()),
]
probabilities = [0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1.0]
quantiles = []
for name, values in quantile_inputs:
    q = np.quantile(values, probabilities, method="linear")
    q1, q3 = np.quantile(values, [0.25, 0.75], method="linear")
    quantiles.append({"name": name, "values": values, "probabilities": probabilities, "quantiles": q.tolist(),
                      "fences": [{"k": k, "q1": float(q1), "q3": float(q3), "lower": float(q1 - k * (q3 - q1)),
                                  "upper": float(q3 + k * (q3 - q1))} for k in (1.5, 3.0)]})

# Wilson
wilson = []
for x, n in [(0, 1), (1, 1), (0, 25), (25, 25), (1, 10), (9, 10), (50, 100), (1234, 2500), (47, 211),
             (3, 1_000_000), (999_999, 1_000_000), (17, 18)]:
    for confidence in (0.95, 0.998):
        lo, hi = proportion_confint(x, n, alpha=1 - confidence, method="wilson")
        wilson.append({"successes": x, "trials": n, "confidence": confidence, "lower": float(lo), "upper": float(hi)})

# Cohen's kappa
kappa_tables = [
    ("paper table", [[91, 62], [0, 58]]),
    ("balanced 2x2", [[20, 5], [10, 15]]),
    ("zero cell", [[12, 0], [4, 9]]),
    ("3x3", [[22, 3, 1], [4, 17, 6], [2, 5, 30]]),
    ("4x4 with zeros", [[10, 0, 2, 0], [1, 8, 0, 3], [0, 2, 14, 1], [0, 0, 1, 6]]),
    ("worse than chance", [[2, 18], [17, 3]]),
    ("perfect agreement", [[7, 0], [0, 13]]),
    ("one rater constant", [[5, 6], [0, 0]]),
]
kappa = []
for name, table in kappa_tables:
    r = cohens_kappa(np.array(table))
    # statsmodels' own interval is at 95% (alpha = 0.025 each side); the 99% one is built the same
    # way from its std_kappa: kappa -/+ norm.isf(0.005) * std_kappa.
    for confidence in (0.95, 0.99):
        if confidence == 0.95:
            low, upp = r.kappa_low, r.kappa_upp
        else:
            delta = stats.norm.isf((1 - confidence) / 2) * r.std_kappa
            low, upp = r.kappa - delta, r.kappa + delta
        kappa.append({"name": name, "table": table, "confidence": confidence, "kappa": num(r.kappa),
                      "std_kappa": num(r.std_kappa), "kappa_low": num(low), "kappa_upp": num(upp)})
kappa_degenerate = []
for name, table in [("single category used by both", [[9, 0], [0, 0]]), ("empty", [[0, 0], [0, 0]]),
                    ("1x1", [[4]])]:
    ref = reference_outcome(lambda: num(cohens_kappa(np.array(table)).kappa))
    kappa_degenerate.append({"name": name, "table": table, "reference": ref})

# Pearson chi-square
chi_tables = [
    ("paper table", [[91, 62], [0, 58]]),
    ("2x2", [[20, 5], [10, 15]]),
    ("2x3 with a zero cell", [[10, 0, 7], [3, 8, 12]]),
    ("3x3", [[22, 3, 1], [4, 17, 6], [2, 5, 30]]),
    ("4x2", [[5, 9], [12, 3], [7, 7], [1, 15]]),
    ("large counts", [[123456, 654321], [222222, 333333]]),
    ("independent", [[10, 20], [30, 60]]),
]
pearson = []
for name, table in chi_tables:
    stat, p, dof, _ = stats.chi2_contingency(np.array(table), correction=False)
    pearson.append({"name": name, "table": table, "statistic": num(stat), "p": num(p), "df": int(dof)})
pearson_degenerate = []
for name, table in [("zero row", [[0, 0], [3, 4]]), ("zero column", [[0, 5], [0, 4]]),
                    ("zero row in 3x3", [[1, 2, 3], [0, 0, 0], [4, 5, 6]]), ("one row", [[3, 4]]),
                    ("one column", [[3], [4]])]:
    ref = reference_outcome(lambda: [num(v) for v in stats.chi2_contingency(np.array(table), correction=False)[:3]])
    pearson_degenerate.append({"name": name, "table": table, "reference": ref})

# McNemar
mcnemar_tables = [
    ("paper table", [[91, 62], [0, 58]]),
    ("balanced discordance", [[30, 12], [12, 40]]),
    ("small", [[1, 3], [1, 0]]),
    ("one-sided", [[10, 0], [7, 10]]),
    ("large", [[5000, 1234], [987, 4000]]),
]
mcnemar_cases = []
for name, table in mcnemar_tables:
    r = mcnemar(np.array(table), exact=False, correction=False)
    mcnemar_cases.append({"name": name, "table": table, "statistic": num(r.statistic), "p": num(r.pvalue)})
mcnemar_degenerate = []
for name, table in [("no discordant pairs", [[10, 0], [0, 5]])]:
    ref = reference_outcome(lambda: [num(v) for v in (lambda r: (r.statistic, r.pvalue))(
        mcnemar(np.array(table), exact=False, correction=False))])
    mcnemar_degenerate.append({"name": name, "table": table, "reference": ref})

json.dump({
    "generator": "generate_tables.py",
    "versions": {"numpy": np.__version__, "scipy": scipy.__version__, "statsmodels": statsmodels.__version__},
    "spearman": spearman, "spearmanDegenerate": spearman_degenerate,
    "quantiles": quantiles, "wilson": wilson,
    "kappa": kappa, "kappaDegenerate": kappa_degenerate,
    "pearson": pearson, "pearsonDegenerate": pearson_degenerate,
    "mcnemar": mcnemar_cases, "mcnemarDegenerate": mcnemar_degenerate,
}, sys.stdout, indent=1)
sys.stdout.write("\n")
