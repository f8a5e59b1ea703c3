#!/usr/bin/env python3
"""Reference values for every indicator of SPEC §6 (issue 9), computed independently of the Swift
code with statsmodels and scipy, per period x indicator, on:

- the embedded synthetic dataset (Data/outcomes.csv + Data/deprivation.csv) -> reference-indicators-synthetic.json
- when ../shared/data exists, the real NHS annual *main* files: 2017-18 ... 2021-22 at CCG level with
  deprivation/ccg-deprivation-by-period.csv -> reference-indicators-ccg.json, and 2022-23 ... 2024-25
  at ICB level with deprivation/icb-deprivation-imd2025.csv -> reference-indicators-icb.json
  (numbers only; the data stay in shared/). Total rows give the counts, the Waiting Time rows
  (First treatment / Accessing services, <6 weeks / <18 weeks, finished count) the waits, and the
  England rows the reference of reliable deterioration.

Compact on purpose (the fixture must stay small): for each "period|indicator" it stores the model,
the agreement table and kappa, the correlations, the reference value, every area's code and its
three statuses as one character each, and the full numbers of every 12th area.

Run from the repository root:  python3 Tests/BenchmarkingTests/Fixtures/generate_indicators.py
Never run by `swift test` or CI; the JSON it writes is committed.
"""
import csv
import json
import math
import os
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
CONFIDENCE = 0.95
SAMPLE_EVERY = 12

# SPEC §6: id, numerator column, denominator column, standard (None: England, else pooled), higher is better.
INDICATORS = [
    ("recovery", "recovered", "at_caseness", 50.0, True),
    ("reliable_recovery", "reliable_recovery", "at_caseness", 48.0, True),
    ("reliable_improvement", "reliable_improvement", "finished_treatment", 67.0, True),
    ("reliable_deterioration", "reliable_deterioration", "finished_treatment", None, False),
    ("wait_6_weeks", "waited_under_6_weeks", "finished_treatment", 75.0, True),
    ("wait_18_weeks", "waited_under_18_weeks", "finished_treatment", 95.0, True),
]
MINIMUM_AREAS = 3


def number(text):
    text = (text or "").strip()
    return None if text in MISSING else float(text)


def analyse(rows, standard, higher, england=None):
    """rows: dicts with code, x, n, k (numerator), referrals, finished. Eligible only."""
    rows = sorted(rows, key=lambda r: r["code"].encode())
    x = np.array([r["x"] for r in rows], dtype=float)
    n = np.array([r["n"] for r in rows], dtype=float)
    k = np.array([r["k"] for r in rows], dtype=float)
    rate = 100.0 * k / n
    design = sm.add_constant(x)
    fit = sm.WLS(rate, design, weights=n).fit()
    pred = fit.get_prediction(design).summary_frame(alpha=1 - CONFIDENCE)
    q1, q3 = np.percentile(rate, [25, 75], method="linear")
    outlier = (rate < q1 - 3 * (q3 - q1)) | (rate > q3 + 3 * (q3 - q1))
    dummy_p = None
    if outlier.any():
        dummy_p = float(sm.WLS(rate, np.column_stack([design, outlier.astype(float)]), weights=n).fit().pvalues[2])
    if standard is not None:
        reference = standard
    elif england is not None:
        reference = england
    else:
        reference = 100.0 * k.sum() / n.sum()
    cells = [0, 0, 0, 0]
    standard_chars, adjusted_chars, outlier_chars, sample = [], [], [], {}
    for i, r in enumerate(rows):
        lower, upper = float(pred["mean_ci_lower"].iloc[i]), float(pred["mean_ci_upper"].iloc[i])
        misses = rate[i] < reference if higher else rate[i] > reference
        if rate[i] < lower:
            adjusted = "w" if higher else "b"
        elif rate[i] > upper:
            adjusted = "b" if higher else "w"
        else:
            adjusted = "a"
        cells[(0 if misses else 2) + (0 if adjusted == "w" else 1)] += 1
        standard_chars.append("x" if misses else "m")
        adjusted_chars.append(adjusted)
        outlier_chars.append("1" if outlier[i] else "0")
        if i % SAMPLE_EVERY == 0:
            w95 = proportion_confint(k[i], n[i], alpha=0.05, method="wilson")
            w998 = proportion_confint(k[i], n[i], alpha=0.002, method="wilson")
            sample[r["code"]] = [float(rate[i]), 100 * w95[0], 100 * w95[1], 100 * w998[0], 100 * w998[1],
                                 float(pred["mean"].iloc[i]), lower, upper]
    table = np.array([[cells[0], cells[1]], [cells[2], cells[3]]])
    kappa = [None] * 4
    if table.sum(axis=0).min() > 0 and table.sum(axis=1).min() > 0:
        kr = cohens_kappa(table)
        kappa = [float(kr.kappa), float(kr.std_kappa), float(kr.kappa_low), float(kr.kappa_upp)]
        chi2, p, _, _ = st.chi2_contingency(table, correction=False)
        pearson = [float(chi2), float(p)]
    else:
        pearson = [None, None]
    mc = [None, None]
    if cells[1] + cells[2] > 0:
        m = mcnemar(table, exact=False, correction=False)
        mc = [float(m.statistic), float(m.pvalue)]

    def spearman(values, keep):
        pairs = [(x[i], v) for i, v in enumerate(values) if v is not None and keep[i]]
        res = st.spearmanr([a for a, _ in pairs], [b for _, b in pairs])
        return [float(res.statistic), float(res.pvalue), len(pairs)]

    everyone = [True] * len(rows)
    return {
        "reference": float(reference),
        "model": [int(fit.nobs), float(fit.params[0]), float(fit.params[1]), float(fit.bse[0]), float(fit.bse[1]),
                  float(fit.tvalues[1]), float(fit.pvalues[1]), float(fit.rsquared), float(fit.fvalue), float(fit.f_pvalue),
                  int(fit.df_resid), float(math.sqrt(fit.scale)), int(outlier.sum()), dummy_p],
        "agreement": [len(rows)] + cells + kappa + pearson + mc,
        # referrals, finished_treatment, rate, rate without extreme outliers
        "correlations": [spearman([r["referrals"] for r in rows], everyone), spearman([r["finished"] for r in rows], everyone),
                         spearman(list(rate), everyone), spearman(list(rate), [not o for o in outlier])],
        "codes": " ".join(r["code"] for r in rows),
        "standard": "".join(standard_chars),
        "adjusted": "".join(adjusted_chars),
        "outlier": "".join(outlier_chars),
        "sample": sample,
    }


def analyse_all(records, england=None):
    """records: period -> list of dicts with code, x, referrals, finished and every count column (None = missing)."""
    result = {}
    for period in sorted(records):
        for indicator, num, den, standard, higher in INDICATORS:
            rows = []
            for r in records[period]:
                n, k = r.get(den), r.get(num)
                if n is None or n <= 0 or k is None or r["x"] is None:
                    continue
                rows.append({"code": r["code"], "x": r["x"], "n": n, "k": k, "referrals": r["referrals"], "finished": r["finished_treatment"]})
            if len(rows) < MINIMUM_AREAS or len({r["x"] for r in rows}) < 2:
                continue
            result[f"{period}|{indicator}"] = analyse(rows, standard, higher, (england or {}).get((period, indicator)))
    return result


def synthetic():
    deprivation = {}
    with open(os.path.join(ROOT, "Data", "deprivation.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            deprivation[row["area_code"].strip()] = number(row["imd_rank"])
    records = {}
    with open(os.path.join(ROOT, "Data", "outcomes.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            code = row["area_code"].strip()
            record = {"code": code, "x": deprivation.get(code), "referrals": number(row["referrals"])}
            for _, num, den, _, _ in INDICATORS:
                record[num] = number(row.get(num))
                record[den] = number(row.get(den))
            records.setdefault(row["period"].strip(), []).append(record)
    return analyse_all(records)


def header_key(name):
    return name.strip().lower().replace("_", "")


# Main-file count columns (normalised headers) of each tidy count name.
MAIN_COLUMNS = {"referrals": "countreferralsreceived", "finished_treatment": "countfinishedcoursetreatment",
                "recovered": "countrecovery", "reliable_recovery": "countreliablerecovery",
                "reliable_improvement": "countimprovement", "reliable_deterioration": "countdeterioration"}
WAIT_COLUMNS = {"<6 weeks": "waited_under_6_weeks", "<18 weeks": "waited_under_18_weeks"}


def main_files(years, level, deprivation_of):
    records, england = {}, {}
    for year in years:
        counts, waits = {}, {}
        with open(os.path.join(SHARED, "nhs-annual-main", f"annual-{year}-main.csv"), newline="", encoding="utf-8-sig") as handle:
            for raw in csv.DictReader(handle):
                row = {header_key(k): v for k, v in raw.items()}
                org, kind = row["orgtype"].strip(), row["variabletype"].strip()
                if org not in (level, "England"):
                    continue
                code = "England" if org == "England" else row["orgcode"].strip()
                if kind == "Total":
                    record = {name: number(row.get(column)) for name, column in MAIN_COLUMNS.items()}
                    n = number(row.get("countatcaseness"))
                    if n is None and record["finished_treatment"] is not None and number(row.get("countnotatcaseness")) is not None:
                        n = record["finished_treatment"] - number(row.get("countnotatcaseness"))
                    record["at_caseness"] = n
                    counts[code] = record
                elif kind == "Waiting Time" and row["variablea"].strip().lower() in ("first treatment", "accessing services") \
                        and row["variableb"].strip() in WAIT_COLUMNS:
                    waits.setdefault(code, {})[WAIT_COLUMNS[row["variableb"].strip()]] = number(row.get("countfinishedcoursetreatment"))
        for code, record in sorted(counts.items()):
            record.update({"waited_under_6_weeks": None, "waited_under_18_weeks": None})
            record.update(waits.get(code, {}))
            if code == "England":
                for indicator, num, den, _, _ in INDICATORS:
                    if record.get(num) is not None and record.get(den):
                        england[(year, indicator)] = 100.0 * record[num] / record[den]
                continue
            record.update({"code": code, "x": deprivation_of(year, code)})
            records.setdefault(year, []).append(record)
    return analyse_all(records, england)


def ccg():
    deprivation = {}
    with open(os.path.join(SHARED, "deprivation", "ccg-deprivation-by-period.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            deprivation[(row["period"], row["area_code"])] = number(row["imd_rank"])
    return main_files(["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"], "CCG", lambda y, c: deprivation.get((y, c)))


def icb():
    deprivation = {}
    with open(os.path.join(SHARED, "deprivation", "icb-deprivation-imd2025.csv"), newline="", encoding="utf-8-sig") as handle:
        for row in csv.DictReader(handle):
            deprivation[row["area_code"]] = number(row["imd_rank"])
    return main_files(["2022-23", "2023-24", "2024-25"], "ICB", lambda y, c: deprivation.get(c))


def write(name, analyses):
    document = {
        "generator": "Tests/BenchmarkingTests/Fixtures/generate_indicators.py",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "options": {"confidence": CONFIDENCE, "measure": "rank", "sample_every": SAMPLE_EVERY},
        "model": "areas intercept slope se_intercept se_slope t_slope p_slope r_squared f_statistic f_p df_residual sigma outlier_count outlier_dummy_p",
        "agreement": "areas worse_both worse_first_only worse_second_only worse_neither kappa kappa_se kappa_lower_95 kappa_upper_95 pearson_chi2 pearson_p mcnemar_chi2 mcnemar_p",
        "sample": "rate lower_ci_95 upper_ci_95 lower_ci_99_8 upper_ci_99_8 expected_rate expected_lower_95 expected_upper_95",
        "analyses": analyses,
    }
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as handle:
        json.dump(document, handle, separators=(",", ":"), sort_keys=True)
        handle.write("\n")
    print(f"wrote {name}: {len(analyses)} analyses, {os.path.getsize(os.path.join(HERE, name))} bytes")


if __name__ == "__main__":
    write("reference-indicators-synthetic.json", synthetic())
    if os.path.isdir(SHARED):
        write("reference-indicators-ccg.json", ccg())
        write("reference-indicators-icb.json", icb())
