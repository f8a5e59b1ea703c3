#!/usr/bin/env python3
"""Independent reference for LevelField's equity analysis (SPEC §8.2) on the real NHS annual
main files: ../shared/data/nhs-annual-main/annual-YYYY-YY-main.csv -> equity-real.csv.

For every year, at the area level (CCG to 2021-22, ICB from 2022-23) and at Provider level:
England (ENGLAND) and every 20th organisation in code order (plus Darlington, 00C, where it
exists), for the four indicators the decile rows carry. Each row: the ten decile rates
(decile 1 = most deprived, empty when suppressed) and the SII/RII with the known-variance 95%
interval of shared/reference/inequality-sii.md §5.1 (Fieller RII), or the reason there is none.
Only numbers derived from the published files are written; the data stay in shared/.

Written from the reference document, not from LevelField's Swift code:
  a_k = n_k/sum n, b_k = a_1 + ... + a_{k-1} + a_k/2, WLS of p_k on (1, b_k) with weights a_k;
  SII = 100 b1, RII = (b0 + b1)/b0; se_k = (logit U_k - logit L_k)/(2 z) from Wilson 95% limits,
  sigma_k = se_k p_k (1 - p_k), V = H diag(sigma^2) H'.
Run: python3 generate_equity_real.py [path/to/shared/data]
"""
import csv, math, os, sys
from statistics import NormalDist

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "../../../../shared/data")
YEARS = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22", "2022-23", "2023-24", "2024-25"]
Z = NormalDist().inv_cdf(0.975)
# indicator -> (numerator column, denominator column), names normalised (lower case, no underscores)
INDICATORS = [
    ("recovery", "countrecovery", "countatcaseness"),
    ("reliable_recovery", "countreliablerecovery", "countatcaseness"),
    ("reliable_improvement", "countimprovement", "countfinishedcoursetreatment"),
    ("reliable_deterioration", "countdeterioration", "countfinishedcoursetreatment"),
]


def norm(s):
    return s.replace("_", "").replace(" ", "").lower()


def count(v):
    v = v.strip()
    if v in ("*", "NULL", "", "-", ".."):
        return None
    return int(v)


def wilson(x, n):
    p = x / n
    centre = (2 * x + Z * Z) / (2 * (n + Z * Z))
    half = Z * math.sqrt(Z * Z + 4 * x * (1 - p)) / (2 * (n + Z * Z))
    return centre - half, centre + half


def sii(xs, ns):
    x = np.array(xs, float); n = np.array(ns, float)
    p = x / n
    a = n / n.sum()
    b = np.cumsum(a) - a / 2
    X = np.column_stack([np.ones(10), b])
    A = np.diag(a)
    H = np.linalg.solve(X.T @ A @ X, X.T @ A)
    b0, b1 = H @ p
    lims = [wilson(xi, ni) for xi, ni in zip(xs, ns)]
    logit = lambda q: math.log(q / (1 - q))
    se = np.array([(logit(u) - logit(l)) / (2 * Z) for l, u in lims])
    sigma = se * p * (1 - p)
    V = H @ np.diag(sigma ** 2) @ H.T
    sd1 = math.sqrt(V[1, 1])
    # Fieller for RII = 1 - u, u = -b1/b0: (b0^2 - z^2 V00) u^2 + 2(b0 b1 - z^2 V01) u + (b1^2 - z^2 V11) = 0
    qa = b0 * b0 - Z * Z * V[0, 0]
    qb = 2 * (b0 * b1 - Z * Z * V[0, 1])
    qc = b1 * b1 - Z * Z * V[1, 1]
    rii_lo = rii_hi = None
    if qa > 0:
        disc = qb * qb - 4 * qa * qc
        if disc >= 0:
            r = sorted(1 - u for u in ((-qb - math.sqrt(disc)) / (2 * qa), (-qb + math.sqrt(disc)) / (2 * qa)))
            rii_lo, rii_hi = r
    return 100 * b1, 100 * (b1 - Z * sd1), 100 * (b1 + Z * sd1), (b0 + b1) / b0, rii_lo, rii_hi


def fmt(v):
    return "" if v is None else repr(float(v))


def main():
    out = []
    for year in YEARS:
        path = os.path.join(DATA, "nhs-annual-main", f"annual-{year}-main.csv")
        with open(path, newline="", encoding="utf-8-sig") as f:
            reader = csv.reader(f)
            header = [norm(h) for h in next(reader)]
            col = {h: i for i, h in enumerate(header)}
            orgs = {}  # (level, code) -> {decile: row}
            for row in reader:
                if norm(row[col["variabletype"]]) != "indicesofdeprivationdecile":
                    continue
                level = row[col["orgtype"]]
                if level == "England":
                    level, code = "England", "ENGLAND"
                else:
                    code = row[col["orgcode"]]
                label = row[col["variablea"]]
                if not label[:2].isdigit():
                    continue
                orgs.setdefault((level, code), {})[11 - int(label[:2])] = row
        area_level = "CCG" if year < "2022-23" else "ICB"
        for level in (area_level, "Provider"):
            codes = sorted(c for (l, c) in orgs if l == level and c not in ("13Q", "13R", "14A", "14E", "UNKNOWN"))
            sample = ["ENGLAND"] + codes[::20] + (["00C"] if "00C" in codes and "00C" not in codes[::20] else [])
            for code in sample:
                rows = orgs[("England", "ENGLAND") if code == "ENGLAND" else (level, code)]
                for ind, num, den in INDICATORS:
                    xs = [count(rows[d][col[num]]) if d in rows else None for d in range(1, 11)]
                    ns = [count(rows[d][col[den]]) if d in rows else None for d in range(1, 11)]
                    if all(x is None for x in xs):
                        continue
                    rates = [None if x is None or n is None or n == 0 else 100 * x / n for x, n in zip(xs, ns)]
                    reason, stats = "", [None] * 6
                    missing = [d for d in range(1, 11) if xs[d - 1] is None or ns[d - 1] is None]
                    if missing:
                        reason = f"decile {missing[0]} is suppressed or missing"
                    else:
                        zero = [d for d in range(1, 11) if ns[d - 1] <= 0 or xs[d - 1] <= 0 or xs[d - 1] >= ns[d - 1]]
                        if zero:
                            reason = f"decile {zero[0]}"
                        else:
                            stats = sii(xs, ns)
                    out.append([year, level, code, ind] + [fmt(r) for r in rates] + [fmt(s) for s in stats] + [reason])
    with open(os.path.join(HERE, "equity-real.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["period", "level", "area_code", "indicator"] + [f"rate_{d}" for d in range(1, 11)]
                   + ["sii", "sii_lower_95", "sii_upper_95", "rii", "rii_lower_95", "rii_upper_95", "reason"])
        w.writerows(out)


if __name__ == "__main__":
    main()
