#!/usr/bin/env python3
"""Reference values for LevelField's benchmarking (SPEC §2), computed independently of the Swift
code with statsmodels and scipy, on:

- the embedded synthetic dataset (Data/outcomes.csv + Data/deprivation.csv) -> reference-synthetic.json
- the real NHS Digital annual files 2017-18 ... 2021-22 at CCG level with the per-period CCG
  deprivation file (../shared/data) -> reference-annual.json (numbers only; the data stay in shared/)

Run from the repository root:  python3 Tests/BenchmarkingTests/Fixtures/generate_reference.py
Never run by `swift test` or CI; the JSON files it writes are committed.
"""
import csv
import json
import math
import os
import re
import sys

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm
from statsmodels.stats.contingency_tables import mcnemar
from statsmodels.stats.inter_rater import cohens_kappa
from statsmodels.stats.proportion import proportion_confint

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SHARED = os.environ.get("LEVELFIELD_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
MISSING = {"", "*", "-", "NULL", "..", "null"}
TARGET = 50.0
CONFIDENCE = 0.95


def number(text):
    text = (text or "").strip()
    return None if text in MISSING else float(text)


def analyse(rows):
    """rows: dicts with code, x, n, recovered, referrals, finished (None = missing). Eligible only."""
    rows = sorted(rows, key=lambda r: r["code"].encode())
    x = np.array([r["x"] for r in rows], dtype=float)
    n = np.array([r["n"] for r in rows], dtype=float)
    rec = np.array([r["recovered"] for r in rows], dtype=float)
    rate = 100.0 * rec / n
    design = sm.add_constant(x)
    fit = sm.WLS(rate, design, weights=n).fit()
    pred = fit.get_prediction(design).summary_frame(alpha=1 - CONFIDENCE)
    q1, q3 = np.percentile(rate, [25, 75], method="linear")
    lo_f, hi_f = q1 - 3 * (q3 - q1), q3 + 3 * (q3 - q1)
    outlier = (rate < lo_f) | (rate > hi_f)
    dummy_p = None
    if outlier.any():
        fit_d = sm.WLS(rate, np.column_stack([design, outlier.astype(float)]), weights=n).fit()
        dummy_p = float(fit_d.pvalues[2])
    areas = {}
    cells = [0, 0, 0, 0]
    for i, r in enumerate(rows):
        w95 = proportion_confint(rec[i], n[i], alpha=0.05, method="wilson")
        w998 = proportion_confint(rec[i], n[i], alpha=0.002, method="wilson")
        lower, upper = float(pred["mean_ci_lower"].iloc[i]), float(pred["mean_ci_upper"].iloc[i])
        target = "below" if rate[i] < TARGET else "meets"
        adjusted = "below" if rate[i] < lower else ("above" if rate[i] > upper else "within")
        cells[(0 if target == "below" else 2) + (0 if adjusted == "below" else 1)] += 1
        areas[r["code"]] = {
            "rate": float(rate[i]), "lower_ci_95": 100 * w95[0], "upper_ci_95": 100 * w95[1],
            "lower_ci_99_8": 100 * w998[0], "upper_ci_99_8": 100 * w998[1],
            "expected_rate": float(pred["mean"].iloc[i]), "expected_lower_95": lower, "expected_upper_95": upper,
            "target_status": target, "adjusted_status": adjusted, "extreme_outlier": bool(outlier[i]),
        }
    table = np.array([[cells[0], cells[1]], [cells[2], cells[3]]])
    agreement = {"areas": len(rows), "below_both": cells[0], "below_target_only": cells[1],
                 "below_adjusted_only": cells[2], "below_neither": cells[3]}
    margins_ok = table.sum(axis=0).min() > 0 and table.sum(axis=1).min() > 0
    k = cohens_kappa(table)
    agreement.update(kappa=float(k.kappa), kappa_se=float(k.std_kappa),
                     kappa_lower_95=float(k.kappa_low), kappa_upper_95=float(k.kappa_upp))
    if margins_ok:
        chi2, p, _, _ = st.chi2_contingency(table, correction=False)
        agreement.update(pearson_chi2=float(chi2), pearson_p=float(p))
    if cells[1] + cells[2] > 0:
        m = mcnemar(table, exact=False, correction=False)
        agreement.update(mcnemar_chi2=float(m.statistic), mcnemar_p=float(m.pvalue))

    def spearman(values, keep):
        pairs = [(x[i], v) for i, v in enumerate(values) if v is not None and keep[i]]
        res = st.spearmanr([a for a, _ in pairs], [b for _, b in pairs])
        return {"rho": float(res.statistic), "p": float(res.pvalue), "n": len(pairs)}

    everyone = [True] * len(rows)
    correlations = {
        "referrals": spearman([r["referrals"] for r in rows], everyone),
        "finished_treatment": spearman([r["finished"] for r in rows], everyone),
        "recovery_rate": spearman(list(rate), everyone),
        "recovery_rate_without_outliers": spearman(list(rate), [not o for o in outlier]),
    }
    model = {
        "areas": int(fit.nobs), "intercept": float(fit.params[0]), "slope": float(fit.params[1]),
        "se_intercept": float(fit.bse[0]), "se_slope": float(fit.bse[1]), "t_slope": float(fit.tvalues[1]),
        "p_slope": float(fit.pvalues[1]), "r_squared": float(fit.rsquared), "f_statistic": float(fit.fvalue),
        "f_p": float(fit.f_pvalue), "df_residual": int(fit.df_resid), "sigma": float(math.sqrt(fit.scale)),
        "outlier_count": int(outlier.sum()), "outlier_dummy_p": dummy_p,
    }
    return {"model": model, "agreement": agreement, "correlations": correlations, "areas": areas}


def synthetic():
    deprivation = {}
    with open(os.path.join(ROOT, "Data", "deprivation.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            deprivation[row["area_code"].strip()] = number(row["imd_rank"])
    periods = {}
    with open(os.path.join(ROOT, "Data", "outcomes.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code = row["area_code"].strip()
            n, rec, x = number(row["at_caseness"]), number(row["recovered"]), deprivation.get(code)
            if n is None or rec is None or x is None or n <= 0:
                continue
            periods.setdefault(row["period"].strip(), []).append({
                "code": code, "x": x, "n": n, "recovered": rec,
                "referrals": number(row["referrals"]), "finished": number(row["finished_treatment"])})
    return {label: analyse(rows) for label, rows in sorted(periods.items())}


def header_key(name):
    return name.strip().lower().replace("_", "")


def annual():
    deprivation = {}
    with open(os.path.join(SHARED, "deprivation", "ccg-deprivation-by-period.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            deprivation[(row["period"], row["area_code"])] = number(row["imd_rank"])
    result = {}
    for year in ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"]:
        rows = []
        with open(os.path.join(SHARED, "nhs-annual", f"annual-{year}-total.csv"), newline="", encoding="utf-8-sig") as handle:
            for raw in csv.DictReader(handle):
                row = {header_key(k): v for k, v in raw.items()}
                if row["orgtype"] != "CCG" or row["variabletype"] != "Total":
                    continue
                code = row["orgcode"].strip()
                finished, not_case = number(row["countfinishedcoursetreatment"]), number(row["countnotatcaseness"])
                n = number(row.get("countatcaseness"))
                if n is None and finished is not None and not_case is not None:
                    n = finished - not_case
                rec, x = number(row["countrecovery"]), deprivation.get((year, code))
                if n is None or rec is None or x is None or n <= 0:
                    continue
                rows.append({"code": code, "x": x, "n": n, "recovered": rec,
                             "referrals": number(row["countreferralsreceived"]), "finished": finished})
        result[year] = analyse(rows)
    return result


def write(name, periods):
    document = {
        "generator": "Tests/BenchmarkingTests/Fixtures/generate_reference.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "options": {"target": TARGET, "confidence": CONFIDENCE, "measure": "rank"},
        "periods": periods,
    }
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"wrote {name}: {len(periods)} periods")


if __name__ == "__main__":
    if os.path.exists(os.path.join(ROOT, "Data", "outcomes.csv")):
        write("reference-synthetic.json", synthetic())
    if os.path.isdir(SHARED):
        write("reference-annual.json", annual())
