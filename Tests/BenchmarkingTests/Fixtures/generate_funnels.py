#!/usr/bin/env python3
"""Reference funnels (SPEC §7) for LevelField's recovery rate, implemented from
shared/reference/funnel-overdispersion.md with numpy and statsmodels, independently of the
Swift code, on:

- the embedded synthetic dataset (Data/) -> funnels-synthetic.json (additive and multiplicative)
- the real NHS Digital annual files 2017-18 ... 2021-22 at CCG level with the per-period CCG
  deprivation file (../shared/data) -> funnels-annual.json (additive)

Only aggregates and verdicts are written (no input data): per period and funnel m, phi, tau2,
limits_used, the verdict counts, the sums of each limit over the areas, the z and limits of the
first, middle and last area (by area code), and every area's verdict as one character in
area-code order (W worse_99_8, w worse_95, . as_expected, b better_95, B better_99_8).

The input rows are read with the readers of generate_reference.py (same directory), whose
`analyse` step is replaced by the funnel analysis below.

Run from the repository root:  python3 Tests/BenchmarkingTests/Fixtures/generate_funnels.py
Never run by `swift test` or CI; the JSON files it writes are committed.
"""
import json
import math
import os
import sys

import numpy as np
import scipy
import scipy.stats as st
import statsmodels
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import generate_reference as readers  # noqa: E402

TARGET = 0.50
Z95 = float(st.norm.ppf(0.975))
Z998 = float(st.norm.ppf(0.999))
LETTER = {"worse_99_8": "W", "worse_95": "w", "as_expected": ".", "better_95": "b", "better_99_8": "B"}


def limit(angle):
    """Reference §3.7: the angle cut at 0 and π/2, then sin²."""
    if angle <= 0:
        return 0.0
    if angle >= math.pi / 2:
        return 1.0
    return math.sin(angle) ** 2


def dispersion(z, n, design):
    """Reference §3.2–3.5, §4.3: Winsorised Q, phi = Q/m, phi' = Q/(m-k), tau2 with tr(P)."""
    m, k = len(z), design.shape[1]
    low, high = np.quantile(z, [0.1, 0.9], method="linear")
    zw = np.clip(z, low, high)
    q = float(np.sum(zw ** 2))
    w = 4.0 * n
    xtwx = design.T @ (design * w[:, None])
    xtw2x = design.T @ (design * (w ** 2)[:, None])
    trace_p = float(np.sum(w) - np.trace(np.linalg.solve(xtwx, xtw2x)))
    tau2 = 0.0 if q < m - k else max(0.0, (q - (m - k)) / trace_p)
    return q, q / m, q / (m - k), tau2


def funnel(p, n, centres_estimate, centres_limits, design, method, residual_phi):
    z = 2 * np.sqrt(n) * (np.arcsin(np.sqrt(p)) - np.arcsin(np.sqrt(centres_estimate)))
    q, phi, phi_residual, tau2 = dispersion(z, n, design)
    phi_used = phi_residual if (method == "multiplicative" and residual_phi) else phi
    if method == "none" or not phi_used > 1:
        used, sd = "unadjusted", 1 / (2 * np.sqrt(n))
    elif method == "additive":
        used, sd = "additive", np.sqrt(1 / (4 * n) + tau2)
    else:
        used, sd = "multiplicative", np.sqrt(phi_used) / (2 * np.sqrt(n))
    theta = np.arcsin(np.sqrt(centres_limits))
    units = []
    for i in range(len(p)):
        lo95, hi95 = limit(theta[i] - Z95 * sd[i]), limit(theta[i] + Z95 * sd[i])
        lo998, hi998 = limit(theta[i] - Z998 * sd[i]), limit(theta[i] + Z998 * sd[i])
        if p[i] < lo998:
            verdict = "worse_99_8"     # recovery: higher is better, so below = worse
        elif p[i] < lo95:
            verdict = "worse_95"
        elif p[i] > hi998:
            verdict = "better_99_8"
        elif p[i] > hi95:
            verdict = "better_95"
        else:
            verdict = "as_expected"
        z_adjusted = (math.asin(math.sqrt(p[i])) - theta[i]) / sd[i]
        units.append({"z": z_adjusted, "lower_95": 100 * lo95, "upper_95": 100 * hi95,
                      "lower_99_8": 100 * lo998, "upper_99_8": 100 * hi998, "verdict": verdict})
    return {"phi": phi_used, "tau2": tau2, "limits_used": used}, units


def summarise(codes, head, units):
    order = sorted(range(len(codes)), key=lambda i: codes[i].encode())
    out = dict(head)
    out["areas"] = len(codes)
    for verdict in LETTER:
        out[verdict] = sum(1 for u in units if u["verdict"] == verdict)
    for key in ["lower_95", "upper_95", "lower_99_8", "upper_99_8"]:
        out["sum_" + key] = float(math.fsum(u[key] for u in units))
    out["verdicts"] = "".join(LETTER[units[i]["verdict"]] for i in order)
    out["sample"] = {codes[i]: {k: v for k, v in units[i].items() if k != "verdict"}
                     for i in (order[0], order[len(order) // 2], order[-1])}
    return out


def make_analyse(methods):
    def analyse(rows):
        codes = [r["code"] for r in rows]
        n = np.array([r["n"] for r in rows], dtype=float)
        o = np.array([r["recovered"] for r in rows], dtype=float)
        x = np.array([r["x"] for r in rows], dtype=float)
        p = o / n
        rate = 100 * p
        design = sm.add_constant(x)
        expected = sm.WLS(rate, design, weights=n).fit().predict(design) / 100
        result = {}
        for method in methods:
            pooled = float(o.sum() / n.sum())
            ones = np.ones((len(p), 1))
            head, units = funnel(p, n, np.full(len(p), pooled), np.full(len(p), TARGET), ones, method, False)
            result[f"flat_{method}"] = summarise(codes, head, units)
            keep = [i for i in range(len(p)) if 0 < expected[i] < 1]
            head, units = funnel(p[keep], n[keep], expected[keep], expected[keep], design[keep], method, True)
            result[f"adjusted_{method}"] = summarise([codes[i] for i in keep], head, units)
        return result
    return analyse


def write(name, periods, methods):
    document = {
        "generator": "Tests/BenchmarkingTests/Fixtures/generate_funnels.py",
        "reference": "shared/reference/funnel-overdispersion.md (SPEC §7 choices)",
        "versions": {"python": sys.version.split()[0], "numpy": np.__version__, "scipy": scipy.__version__,
                     "statsmodels": statsmodels.__version__},
        "options": {"target_percent": 100 * TARGET, "measure": "rank", "methods": methods},
        "periods": periods,
    }
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as handle:
        json.dump(document, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print(f"wrote {name}: {len(periods)} periods")


if __name__ == "__main__":
    if os.path.exists(os.path.join(readers.ROOT, "Data", "outcomes.csv")):
        readers.analyse = make_analyse(["additive", "multiplicative"])
        write("funnels-synthetic.json", readers.synthetic(), ["additive", "multiplicative"])
    if os.path.isdir(readers.SHARED):
        readers.analyse = make_analyse(["additive"])
        periods = readers.annual()
        write("funnels-annual.json", periods, ["additive"])
        for year, result in periods.items():
            flat, adjusted = result["flat_additive"], result["adjusted_additive"]
            print(year, "flat phi %.2f" % flat["phi"], "adjusted phi %.2f" % adjusted["phi"],
                  "adjusted worse95+ %d worse99.8 %d of %d" % (adjusted["worse_95"] + adjusted["worse_99_8"],
                                                               adjusted["worse_99_8"], adjusted["areas"]))
