#!/usr/bin/env python3
"""Writes inequality.json (SII/RII reference cases) and phe-sii-proportions.csv (PHE's published
test data for proportions), implemented independently of the Swift code from
shared/reference/inequality-sii.md:

  groups ordered most -> least deprived; a_k = n_k / sum n; b_k = cumsum(a) - a_k / 2      (§2)
  WLS of p_k on X = [1, b_k] with weights a_k, solved as a matrix system                 (§3)
  SII = m * beta1, RII = (beta0 + beta1) / beta0 (inverted for m < 0)                     (§3)
  Wilson 95% limits L, U; se_k = (logit U - logit L) / (2 z95); sigma_k = se_k p_k (1 - p_k)
  V = H diag(sigma^2) H', H = (X'AX)^-1 X'A                                               (§5.1)
  SII limits m * (beta1 -+ z sqrt V11); RII by Fieller (np.roots of the quadratic in u = 1 - RII),
  None when beta0^2 - z^2 V00 <= 0                                                        (§5.1)

Cases: the worked example of §6 (SII 20.600 (18.794, 22.406), RII 1.5070 (1.4522, 1.5644)),
seeded random gradients (positive, negative, flat), quintiles (K = 5), multipliers 1 and -100,
a 99.8% interval, and small counts whose RII interval is unbounded.

The PHE file: PHEindicatormethods 2.1.0 tests/testthat/testdata_SII.xlsx (commit 093fd288), as
copied to shared/reference/fixtures/phe-sii-testdata.csv; the proportion records that use
transform = FALSE (value type 2: records 91-150 default, x100, x-100; 286-305 intercept) are
extracted unchanged. Run from this folder:
  python3 generate_inequality.py > inequality.json
  (writes phe-sii-proportions.csv too when ../../../../shared/reference/fixtures exists)
"""
import csv
import json
import os
import sys
import numpy as np
import scipy
from scipy.stats import norm

Z95 = norm.ppf(0.975)


def wilson(x, n, z):
    centre = 2 * x + z * z
    half = z * np.sqrt(z * z + 4 * x * (1 - x / n))
    return (centre - half) / (2 * (n + z * z)), (centre + half) / (2 * (n + z * z))


def logit(p):
    return np.log(p / (1 - p))


def sii(name, x, n, multiplier=100.0, confidence=0.95):
    x = np.asarray(x, float)
    n = np.asarray(n, float)
    p = x / n
    a = n / n.sum()
    b = np.cumsum(a) - a / 2
    X = np.column_stack([np.ones(len(a)), b])
    A = np.diag(a)
    XtAX = X.T @ A @ X
    beta0, beta1 = np.linalg.solve(XtAX, X.T @ A @ p)
    L, U = wilson(x, n, Z95)
    se = (logit(U) - logit(L)) / (2 * Z95)
    sigma = se * p * (1 - p)
    H = np.linalg.solve(XtAX, X.T @ A)
    V = H @ np.diag(sigma ** 2) @ H.T
    z = norm.ppf(0.5 + confidence / 2)
    lo, hi = sorted([multiplier * (beta1 - z * np.sqrt(V[1, 1])), multiplier * (beta1 + z * np.sqrt(V[1, 1]))])
    rii = (beta0 + beta1) / beta0
    qa = beta0 ** 2 - z * z * V[0, 0]
    rii_ci = None
    if qa > 0:
        roots = np.roots([qa, 2 * (beta0 * beta1 - z * z * V[0, 1]), beta1 ** 2 - z * z * V[1, 1]])
        rii_ci = sorted(1 - np.real(roots))
    if multiplier < 0:
        rii = 1 / rii
        rii_ci = None if rii_ci is None or rii_ci[0] <= 0 <= rii_ci[1] else [1 / rii_ci[1], 1 / rii_ci[0]]
    return {
        "name": name, "numerators": x.tolist(), "denominators": n.tolist(),
        "multiplier": multiplier, "confidence": confidence,
        "intercept": beta0, "slope": beta1,
        "varianceIntercept": V[0, 0], "varianceSlope": V[1, 1], "covariance": V[0, 1],
        "sii": multiplier * beta1, "siiLower": lo, "siiUpper": hi,
        "rii": rii, "riiLower": None if rii_ci is None else rii_ci[0], "riiUpper": None if rii_ci is None else rii_ci[1],
    }


def random_deciles(seed, k, base, gradient, size):
    rng = np.random.default_rng(seed)
    n = rng.integers(size // 2, size * 2, size=k)
    p = base + gradient * (np.arange(k) + 0.5) / k + rng.normal(0, 0.01, size=k)
    x = np.clip(rng.binomial(n, np.clip(p, 0.01, 0.99)), 1, n - 1)
    return x.tolist(), n.tolist()


def extract_phe():
    source = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../../shared/reference/fixtures/phe-sii-testdata.csv")
    if not os.path.exists(source):
        return
    with open(source, newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if 91 <= int(r["RecordNo"]) <= 150 or 286 <= int(r["RecordNo"]) <= 305]
    columns = ["RecordNo", "Area", "Quantile", "Population", "Count", "sii", "rii",
               "sii_lowercl_1", "sii_uppercl_1", "rii_lowercl_1", "rii_uppercl_1", "Intercept"]
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), "phe-sii-proportions.csv")
    with open(target, "w", newline="") as out:
        out.write("# PHEindicatormethods 2.1.0 (UKHSA, GPL-3) tests/testthat/testdata_SII.xlsx, commit\n")
        out.write("# 093fd288d8f8949dbcfbed70049dbbf385b6141d, via shared/reference/fixtures/phe-sii-testdata.csv:\n")
        out.write("# the proportion records with transform = FALSE (91-110 multiplier 1, 111-130 x100, 131-150\n")
        out.write("# x-100, 286-305 intercept, multiplier 1), values unchanged. sii/rii/Intercept are exact;\n")
        out.write("# the *_cl_1 95% limits are PHE's simulation (100,000 draws), so they carry Monte Carlo error.\n")
        out.write(",".join(columns) + "\n")
        for r in rows:
            out.write(",".join(r[c] for c in columns) + "\n")


def main():
    worked_x = [1480, 1590, 1700, 1770, 1800, 1850, 1890, 1900, 1880, 1850]
    worked_n = [3700, 3650, 3640, 3600, 3520, 3480, 3420, 3350, 3260, 3150]
    cases = [sii("worked example (inequality-sii.md §6)", worked_x, worked_n)]
    cases.append(sii("worked example, 99.8% interval", worked_x, worked_n, confidence=0.998))
    cases.append(sii("worked example, multiplier 1", worked_x, worked_n, multiplier=1.0))
    cases.append(sii("worked example, multiplier -100", worked_x, worked_n, multiplier=-100.0))
    for seed, base, gradient, size in [(1, 0.35, 0.25, 300), (2, 0.55, -0.15, 120), (3, 0.5, 0.0, 2000), (4, 0.1, 0.05, 60)]:
        x, n = random_deciles(seed, 10, base, gradient, size)
        cases.append(sii(f"random deciles (seed {seed}, gradient {gradient}, n ~ {size})", x, n))
    x, n = random_deciles(5, 5, 0.4, 0.2, 500)
    cases.append(sii("random quintiles (seed 5)", x, n))
    cases.append(sii("random quintiles (seed 5), multiplier -100", x, n, multiplier=-100.0))
    # Small counts whose fitted value at the most deprived end is negative (a bounded Fieller set
    # about a negative RII), and smaller ones where beta0^2 <= z^2 V00: RII interval unbounded.
    cases.append(sii("small counts, negative intercept", [1, 1, 2, 2, 3, 4, 5, 6, 7, 8], [40, 35, 30, 30, 28, 25, 25, 22, 20, 20]))
    cases.append(sii("small counts, RII interval unbounded", [1, 1, 1, 2, 2, 2, 3, 3, 3, 4], [30] * 10))
    unbounded = [c for c in cases if c["riiLower"] is None]
    assert len(unbounded) == 1, "the unbounded case must be unbounded and the others bounded"
    out = {"generator": "generate_inequality.py", "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
           "cases": cases}
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")
    extract_phe()


if __name__ == "__main__":
    main()
