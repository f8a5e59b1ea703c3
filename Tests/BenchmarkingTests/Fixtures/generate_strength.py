#!/usr/bin/env python3
"""Reference values for the model-strength figures of issue 15, computed independently of the
Swift code with numpy and statsmodels:

- writes strength-fixture.csv, a small tidy outcomes file (seeded) with two periods: 2020-21,
  where recovery rises with the IMD rank (deprivation explains a lot), and 2021-22, where the
  rates are drawn independently of deprivation (it explains nothing);
- writes reference-strength.json: for that fixture, for the embedded synthetic Data/ and for the
  real annual files 2017-18 ... 2021-22 at CCG level (numbers only; the data stay in ../shared),
  each period's R², slope p, 95% slope interval, gradient from the most to the least deprived
  area (beta1 * (x_least - x_most)) with its interval, pooled rate, SD of the rates (ddof = 1)
  and the smallest / median / largest width of the areas' 95% benchmark intervals.

Run from the repository root:  python3 Tests/BenchmarkingTests/Fixtures/generate_strength.py
Never run by `swift test` or CI; the files it writes are committed.
"""
import csv
import json
import os
import sys

import numpy as np
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
SHARED = os.environ.get("LEVELFIELD_SHARED_DATA", os.path.join(ROOT, "..", "shared", "data"))
MISSING = {"", "*", "-", "NULL", "..", "null"}


def number(text):
    text = (text or "").strip()
    return None if text in MISSING else float(text)


def strength(rows):
    """rows: (x = IMD rank, n, recovered), eligible areas only."""
    x = np.array([r[0] for r in rows], dtype=float)
    n = np.array([r[1] for r in rows], dtype=float)
    rate = 100.0 * np.array([r[2] for r in rows], dtype=float) / n
    design = sm.add_constant(x)
    fit = sm.WLS(rate, design, weights=n).fit()
    lo, hi = fit.conf_int(alpha=0.05)[1]
    most, least = x.min(), x.max()  # IMD rank: 1 = most deprived
    span = least - most
    pred = fit.get_prediction(design).summary_frame(alpha=0.05)
    widths = np.array(pred["mean_ci_upper"] - pred["mean_ci_lower"])
    r2, p = float(fit.rsquared), float(fit.pvalues[1])
    return {
        "areas": len(rows), "r_squared": r2, "p_slope": p,
        "slope_lower_95": float(lo), "slope_upper_95": float(hi),
        "most_deprived": float(most), "least_deprived": float(least),
        "gradient": float(fit.params[1] * span),
        "gradient_lower_95": float(min(lo * span, hi * span)), "gradient_upper_95": float(max(lo * span, hi * span)),
        "pooled_rate": float(np.sum(n * rate) / np.sum(n)), "rate_sd": float(np.std(rate, ddof=1)),
        "width_min": float(widths.min()), "width_median": float(np.median(widths)), "width_max": float(widths.max()),
        "level": "explains_little" if p >= 0.05 or r2 < 0.05 else "explains_some",
    }


def write_fixture():
    rng = np.random.default_rng(20261207)
    rows = []
    for period, slope in [("2020-21", 0.12), ("2021-22", 0.0)]:
        for i in range(1, 41):
            rank = i * 5
            n = int(rng.integers(300, 1500))
            rate = 38.0 + slope * rank + rng.normal(0, 2.5)
            recovered = int(round(n * rate / 100))
            finished = n + int(rng.integers(10, 60))
            rows.append([period, f"A{i:02d}", f"Area {i}", finished, n, recovered, rank])
    path = os.path.join(HERE, "strength-fixture.csv")
    with open(path, "w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["period", "area_code", "area_name", "finished_treatment", "at_caseness", "recovered", "imd_rank"])
        out.writerows(rows)
    periods = {}
    for row in rows:
        periods.setdefault(row[0], []).append((row[6], row[4], row[5]))
    return {label: strength(values) for label, values in sorted(periods.items())}


def synthetic():
    deprivation = {}
    with open(os.path.join(ROOT, "Data", "deprivation.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            deprivation[row["area_code"].strip()] = number(row["imd_rank"])
    periods = {}
    with open(os.path.join(ROOT, "Data", "outcomes.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            n, rec, x = number(row["at_caseness"]), number(row["recovered"]), deprivation.get(row["area_code"].strip())
            if n is None or rec is None or x is None or n <= 0:
                continue
            periods.setdefault(row["period"].strip(), []).append((x, n, rec))
    return {label: strength(rows) for label, rows in sorted(periods.items())}


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
                row = {k.strip().lower().replace("_", ""): v for k, v in raw.items()}
                if row["orgtype"] != "CCG" or row["variabletype"] != "Total":
                    continue
                n = number(row.get("countatcaseness"))
                if n is None:
                    finished, not_case = number(row["countfinishedcoursetreatment"]), number(row["countnotatcaseness"])
                    n = None if finished is None or not_case is None else finished - not_case
                rec, x = number(row["countrecovery"]), deprivation.get((year, row["orgcode"].strip()))
                if n is None or rec is None or x is None or n <= 0:
                    continue
                rows.append((x, n, rec))
        result[year] = strength(rows)
    return result


if __name__ == "__main__":
    document = {
        "generator": "Tests/BenchmarkingTests/Fixtures/generate_strength.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "statsmodels": statsmodels.__version__},
        "fixture": write_fixture(),
        "synthetic": synthetic(),
    }
    if os.path.isdir(SHARED):
        document["annual"] = annual()
    with open(os.path.join(HERE, "reference-strength.json"), "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, sort_keys=True)
        handle.write("\n")
    for key in ["fixture", "synthetic", "annual"]:
        for label, values in document.get(key, {}).items():
            print(key, label, values["level"], "R2=%.4f p=%.4g gradient=%.2f" % (values["r_squared"], values["p_slope"], values["gradient"]))
