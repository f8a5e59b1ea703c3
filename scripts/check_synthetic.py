#!/usr/bin/env python3
"""Per-quarter analysis of the synthetic dataset in Data/, the way LevelField does it (SPEC §2),
with statsmodels/scipy as the reference. Used to tune levelfield-datagen so that the first
quarter lands near the figures of Delgadillo et al. (2016); never needed by `swift test`.

    python3 scripts/check_synthetic.py [--data Data] [--real-names ../shared/data]

Excluded from the analysis: rows whose recovered or at_caseness is suppressed, zero
denominators, and areas without deprivation (the hubs). Referrals / finished suppressed only
drop the area from that correlation (pairwise).
"""
import argparse
import csv
import os
import sys

import numpy as np
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.inter_rater import cohens_kappa

PAPER = "paper (Q2 2014-15, 211 CCGs): R2 0.153, F 37.76, below 50% 72.5%, below adjusted 43.1%, " \
        "kappa 0.45, rho(IMD,referrals) -0.27, rho(IMD,finished) -0.07, rho(IMD,recovery) 0.39 (0.38 w/o outliers)"


def count(text):
    text = text.strip()
    if text in ("", "*", "-", "NULL", ".."):
        return None
    return int(text)


def read(data):
    with open(os.path.join(data, "deprivation.csv"), newline="", encoding="utf-8") as f:
        deprivation = {r["area_code"]: (float(r["imd_rank"]), float(r["imd_score"])) for r in csv.DictReader(f)}
    with open(os.path.join(data, "outcomes.csv"), newline="", encoding="utf-8") as f:
        outcomes = list(csv.DictReader(f))
    return deprivation, outcomes


def analyse(period, rows, deprivation):
    suppressed_cells = sum(1 for r in rows if r["area_code"] in deprivation
                           for k, v in r.items() if v == "*")
    used, excluded = [], []
    for r in rows:
        den, rec = count(r["at_caseness"]), count(r["recovered"])
        if r["area_code"] not in deprivation:
            excluded.append((r["area_code"], "no deprivation"))
        elif den is None or rec is None:
            excluded.append((r["area_code"], "suppressed"))
        elif den == 0:
            excluded.append((r["area_code"], "zero denominator"))
        else:
            used.append((r, deprivation[r["area_code"]][0], den, rec))
    x = np.array([u[1] for u in used])
    n = np.array([u[2] for u in used], dtype=float)
    rate = np.array([100.0 * u[3] / u[2] for u in used])
    m = len(used)

    X = sm.add_constant(x)
    fit = sm.WLS(rate, X, weights=n).fit()
    ci = fit.get_prediction(X).conf_int(alpha=0.05)
    below_target = rate < 50
    below_adjusted = rate < ci[:, 0]
    table = np.array([[np.sum(below_target & below_adjusted), np.sum(below_target & ~below_adjusted)],
                      [np.sum(~below_target & below_adjusted), np.sum(~below_target & ~below_adjusted)]])
    kappa = cohens_kappa(table)
    chi2 = stats.chi2_contingency(table, correction=False)[0] if table.sum(0).all() and table.sum(1).all() else float("nan")

    q1, q3 = np.percentile(rate, [25, 75])  # linear interpolation = R type 7
    iqr = q3 - q1
    outlier = (rate < q1 - 3 * iqr) | (rate > q3 + 3 * iqr)

    def rho(column):
        pairs = [(u[1], count(u[0][column])) for u in used if count(u[0][column]) is not None]
        r = stats.spearmanr([p[0] for p in pairs], [p[1] for p in pairs])
        return r.statistic, r.pvalue, len(pairs)

    rho_rec = stats.spearmanr(x, rate)
    rho_rec_wo = stats.spearmanr(x[~outlier], rate[~outlier])
    dummy = sm.WLS(rate, np.column_stack([X, outlier.astype(float)]), weights=n).fit() if outlier.any() else None
    ref, fin = rho("referrals"), rho("finished_treatment")
    nums = lambda col: [count(u[0][col]) for u in used if count(u[0][col]) is not None]
    print(f"{period}: n={m} excluded={len(excluded)} {sorted(excluded)} suppressed cells (areas)={suppressed_cells}")
    print(f"  WLS slope={fit.params[1]:.5f} intercept={fit.params[0]:.3f} R2={fit.rsquared:.4f} "
          f"F={fit.fvalue:.2f} p={fit.f_pvalue:.2e}")
    print(f"  below 50%: {100 * below_target.mean():.1f}%  below adjusted: {100 * below_adjusted.mean():.1f}%  "
          f"table={table.tolist()} kappa={kappa.kappa:.3f} chi2={chi2:.2f}")
    print(f"  rho(IMD,referrals)={ref[0]:.3f} (p={ref[1]:.3g}, n={ref[2]})  "
          f"rho(IMD,finished)={fin[0]:.3f} (p={fin[1]:.3g}, n={fin[2]})  "
          f"rho(IMD,recovery)={rho_rec.statistic:.3f} without outliers={rho_rec_wo.statistic:.3f}")
    print(f"  outliers: {int(outlier.sum())} fences=[{q1 - 3 * iqr:.1f}, {q3 + 3 * iqr:.1f}] "
          f"rates={[round(float(v), 1) for v in rate[outlier]]} dummy p={dummy.pvalues[2] if dummy else float('nan'):.3f}")
    print(f"  rates {rate.min():.1f}..{rate.max():.1f} weighted mean {np.average(rate, weights=n):.2f}; "
          f"referrals {min(nums('referrals'))}..{max(nums('referrals'))}; "
          f"finished {min(nums('finished_treatment'))}..{max(nums('finished_treatment'))}")
    return {"r2": fit.rsquared, "below50": 100 * below_target.mean(), "below_adj": 100 * below_adjusted.mean(),
            "kappa": kappa.kappa, "rho_ref": ref[0], "rho_fin": fin[0], "rho_rec": rho_rec.statistic,
            "outliers": int(outlier.sum())}


def distance(figures):
    """How far a quarter is from the paper's figures (each term scaled by a tolerable miss)."""
    target = {"r2": (0.153, 0.02), "below50": (72.5, 3), "below_adj": (43.1, 3), "kappa": (0.45, 0.05),
              "rho_ref": (-0.27, 0.04), "rho_fin": (-0.07, 0.04), "rho_rec": (0.39, 0.04)}
    d = sum(((figures[k] - t) / tol) ** 2 for k, (t, tol) in target.items())
    return d + (0 if 1 <= figures["outliers"] <= 2 else 10)


def check_consistency(outcomes):
    problems = 0
    for r in outcomes:
        v = {k: count(r[k]) for k in ("referrals", "finished_treatment", "at_caseness", "recovered",
                                      "reliable_improvement", "reliable_deterioration", "reliable_recovery")}
        for k, value in v.items():
            if value is not None and value % 5:
                problems += 1; print("not rounded to 5:", r)
        chain = [("at_caseness", "finished_treatment"), ("recovered", "at_caseness"),
                 ("reliable_recovery", "recovered"), ("reliable_improvement", "finished_treatment")]
        for a, b in chain:
            if v[a] is not None and v[b] is not None and v[a] > v[b]:
                problems += 1; print(f"{a} > {b}:", r)
    print(f"consistency: {len(outcomes)} rows, {problems} problems")


def check_real_names(outcomes, shared):
    real = set()
    for root, _, files in os.walk(os.path.join(shared, "deprivation")):
        for name in files:
            with open(os.path.join(root, name), newline="", encoding="utf-8") as f:
                for r in csv.reader(f):
                    real.update(cell.strip().upper() for cell in r)
    for name in sorted(os.listdir(os.path.join(shared, "nhs-annual"))):
        with open(os.path.join(shared, "nhs-annual", name), newline="", encoding="utf-8") as f:
            for r in csv.reader(f):
                real.update(cell.strip().upper() for cell in r[:3])
    ours = {r["area_name"] for r in outcomes}
    clashes = sorted(n for n in ours if n.upper() in real)
    words = {w for n in real for w in n.replace(",", " ").split()}
    places = sorted({w for n in ours for w in n.replace(",", " ").split()} - {"NHS", "CCG", "AND", "&", "St"}
                    & {w.title() for w in words})
    print(f"real-name check: {len(ours)} names, exact clashes {clashes}, words also in real names: {places}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="Data")
    parser.add_argument("--real-names", metavar="SHARED_DATA")
    parser.add_argument("--periods", type=int, default=0, help="only the first N periods")
    args = parser.parse_args()
    deprivation, outcomes = read(args.data)
    periods = sorted({r["period"] for r in outcomes})
    if args.periods:
        periods = periods[:args.periods]
    print(PAPER)
    for i, period in enumerate(periods):
        figures = analyse(period, [r for r in outcomes if r["period"] == period], deprivation)
        if i == 0:
            print(f"  distance from the paper (sum of squared scaled misses): {distance(figures):.2f}")
    check_consistency(outcomes)
    if args.real_names:
        check_real_names(outcomes, args.real_names)


if __name__ == "__main__":
    sys.exit(main())
