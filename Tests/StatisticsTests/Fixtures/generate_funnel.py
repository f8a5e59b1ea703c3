#!/usr/bin/env python3
"""Writes funnel.json: funnel limits with over-dispersion, implemented independently of the Swift
code from shared/reference/funnel-overdispersion.md with the choices SPEC §7 pins:

  z_i = 2 sqrt(n_i) (asin sqrt p_i - asin sqrt e_i)                        (§3.1)
  Winsorise z at numpy quantile(z, [0.1, 0.9]) (linear = R type 7)         (§3.2)
  Q = sum z*^2, phi = Q/m, phi' = Q/(m - k)                                (§3.3)
  tau2 = 0 if Q < m - k else max(0, (Q - (m - k)) / trP),
  trP = sum w - trace((X'WX)^-1 X'W^2X), w = 4n (X = ones for k = 1)     (§3.5, §4.3)
  sd = sqrt(1/(4n) + tau2) | sqrt(phi) / (2 sqrt n) | 1/(2 sqrt n)         (§3.4-3.6)
  limit = 0 / 1 / sin^2(theta -+ z sd) with the angle cut at 0 and pi/2    (§3.7)
  status: first of below_99_8, below_95, above_99_8, above_95, within      (§1)

Centres: "pooled" (estimate and draw around sum O / sum n: FunnelPlotR), "target" (estimate about
the pooled mean, draw around the target: §4.2, SPEC flat funnel), "fitted" (WLS of p on [1, x],
weights n, estimate and draw around e_i, k = 2; the multiplicative method then uses phi' in the
switch and the limits: SPEC §7 adjusted funnel).

The cases cover: phi > 1 additive and multiplicative, method none, phi <= 1 (unadjusted, with
Q < m - 1 so tau2 = 0), k = 2 for additive and multiplicative, a fitted case where Q/m <= 1 < Q/(m-2)
(additive falls back to unadjusted, multiplicative does not), p = 0 and p = 1 units, tied z-scores,
and limits cut at 0 and at 1. Each flat case also evaluates its limit curves on a grid of
denominators. Run: python3 generate_funnel.py > funnel.json
"""
import json
import sys
import numpy as np
import scipy
from scipy.stats import norm

Z95 = norm.ppf(0.975)
Z998 = norm.ppf(0.999)
STATUS = ["below_99_8", "below_95", "above_99_8", "above_95", "within"]

# funnel-overdispersion.md §5: the ten-area worked example.
WORKED_N = [60, 85, 120, 150, 200, 260, 320, 410, 540, 700]
WORKED_O = [24, 50, 51, 90, 94, 150, 150, 120, 250, 430]
WORKED_X = [3, 18, 7, 25, 12, 30, 9, 2, 15, 28]
GRID = [1.0, 3.0, 10.0, 50.0, 200.0, 1000.0, 100000.0]


def wls_expected(O, n, x):
    """WLS of p on [1, x] with weights n (QR of the sqrt(w)-scaled design); returns (design, e)."""
    X = np.column_stack([np.ones(len(x)), np.asarray(x, float)])
    p = np.asarray(O, float) / np.asarray(n, float)
    r = np.sqrt(np.asarray(n, float))
    beta, *_ = np.linalg.lstsq(X * r[:, None], p * r, rcond=None)
    return X, X @ beta


def limit(angle):
    return np.where(angle <= 0, 0.0, np.where(angle >= np.pi / 2, 1.0, np.sin(np.clip(angle, 0, np.pi / 2)) ** 2))


def limits(centre, n, adjustment, value):
    s2 = 1.0 / (4.0 * np.asarray(n, float))
    sd = {"unadjusted": np.sqrt(s2), "additive": np.sqrt(s2 + value), "multiplicative": np.sqrt(value * s2)}[adjustment]
    theta = np.arcsin(np.sqrt(centre))
    return sd, {
        "lower95": limit(theta - Z95 * sd), "upper95": limit(theta + Z95 * sd),
        "lower99_8": limit(theta - Z998 * sd), "upper99_8": limit(theta + Z998 * sd),
    }


def funnel(name, O, n, centre, method, target=None, x=None):
    O = np.asarray(O, float)
    n = np.asarray(n, float)
    m = len(O)
    p = O / n
    pooled = O.sum() / n.sum()
    design = None
    if centre == "fitted":
        design, e = wls_expected(O, n, x)
        draw = e
    else:
        e = np.full(m, pooled)
        draw = np.full(m, target if centre == "target" else pooled)
    X = design if design is not None else np.ones((m, 1))
    k = X.shape[1]
    z = 2 * np.sqrt(n) * (np.arcsin(np.sqrt(p)) - np.arcsin(np.sqrt(e)))
    lz, uz = np.quantile(z, [0.1, 0.9])
    zw = np.clip(z, lz, uz)
    Q = float(np.sum(zw ** 2))
    w = 4 * n
    trP = w.sum() - np.trace(np.linalg.inv(X.T @ (w[:, None] * X)) @ (X.T @ ((w ** 2)[:, None] * X)))
    tau2 = 0.0 if Q < m - k else max(0.0, (Q - (m - k)) / trP)
    phi, phi_res = Q / m, Q / (m - k)
    phi_used = phi_res if (method == "multiplicative" and centre == "fitted") else phi
    if method == "none" or not phi_used > 1:
        adjustment, value = "unadjusted", 0.0
    elif method == "additive":
        adjustment, value = "additive", tau2
    else:
        adjustment, value = "multiplicative", phi_used
    sd, lim = limits(draw, n, adjustment, value)
    adjusted_z = (np.arcsin(np.sqrt(p)) - np.arcsin(np.sqrt(draw))) / sd
    status = []
    for i in range(m):
        if p[i] < lim["lower99_8"][i]: status.append(STATUS[0])
        elif p[i] < lim["lower95"][i]: status.append(STATUS[1])
        elif p[i] > lim["upper99_8"][i]: status.append(STATUS[2])
        elif p[i] > lim["upper95"][i]: status.append(STATUS[3])
        else: status.append(STATUS[4])
    case = {
        "name": name, "method": method, "centre": centre, "target": target,
        "numerators": O.tolist(), "denominators": n.tolist(),
        "expected": e.tolist() if centre == "fitted" else None,
        "design": X.tolist() if centre == "fitted" else None,
        "pooled": pooled, "q": Q, "phi": phi, "phiResidual": phi_res, "phiUsed": phi_used,
        "traceP": float(trP), "tau2": tau2, "lowerCut": float(lz), "upperCut": float(uz),
        "limitsUsed": adjustment, "z": z.tolist(), "winsorisedZ": zw.tolist(), "adjustedZ": adjusted_z.tolist(),
        "limits": {key: v.tolist() for key, v in lim.items()}, "status": status, "curve": None,
    }
    if centre != "fitted":
        _, curve = limits(draw[0], np.asarray(GRID), adjustment, value)
        case["curve"] = {"denominators": GRID, **{key: v.tolist() for key, v in curve.items()}}
    return case


def no_overdispersion_inputs():
    """30 binomial(n, 0.5) areas, n from 80 to 600 (numpy default_rng seed 7): no over-dispersion."""
    rng = np.random.default_rng(7)
    n = rng.integers(80, 601, size=30)
    return rng.binomial(n, 0.5).tolist(), n.tolist()


def boundary_fitted_inputs():
    """Binomial areas about a line, seed chosen (deterministically) so that Q/m <= 1 < Q/(m - 2)."""
    for seed in range(1000):
        rng = np.random.default_rng(seed)
        m = 14
        x = rng.uniform(0, 30, size=m).round(1)
        n = rng.integers(100, 800, size=m)
        O = rng.binomial(n, 0.35 + 0.008 * x)
        case = funnel("probe", O, n, "fitted", "multiplicative", x=x.tolist())
        if case["phi"] <= 1 < case["phiResidual"]:
            return seed, O.tolist(), n.tolist(), x.tolist()
    raise SystemExit("no seed found")


def small_overdispersed_inputs():
    """40 areas, small n (3..60), beta-binomial about 0.1, with p = 0 and p = 1 units and two
    identical areas (tied z-scores)."""
    rng = np.random.default_rng(11)
    n = rng.integers(3, 61, size=38)
    p = rng.beta(2, 18, size=38)
    O = rng.binomial(n, p)
    O = np.concatenate([O, [3, 3]]); n = np.concatenate([n, [3, 3]])  # p = 1 twice (ties)
    O[0] = 0  # p = 0
    return O.tolist(), n.tolist()


def main():
    cases = []
    for method in ["additive", "multiplicative", "none"]:
        cases.append(funnel(f"worked example, pooled centre, {method}", WORKED_O, WORKED_N, "pooled", method))
        cases.append(funnel(f"worked example, flat target 0.5, {method}", WORKED_O, WORKED_N, "target", method, target=0.5))
        cases.append(funnel(f"worked example, fitted on deprivation (k = 2), {method}", WORKED_O, WORKED_N, "fitted", method, x=WORKED_X))
    O, n = no_overdispersion_inputs()
    for method in ["additive", "multiplicative"]:
        cases.append(funnel(f"30 binomial areas (phi <= 1), pooled, {method}", O, n, "pooled", method))
        cases.append(funnel(f"30 binomial areas (phi <= 1), target 0.52, {method}", O, n, "target", method, target=0.52))
    seed, O, n, x = boundary_fitted_inputs()
    for method in ["additive", "multiplicative"]:
        cases.append(funnel(f"14 areas about a line (seed {seed}), Q/m <= 1 < Q/(m-2), fitted, {method}", O, n, "fitted", method, x=x))
    O, n = small_overdispersed_inputs()
    for method in ["additive", "multiplicative", "none"]:
        cases.append(funnel(f"40 small areas with p = 0 and 1, target 0.05 (lower limits cut at 0), {method}", O, n, "target", method, target=0.05))
        cases.append(funnel(f"40 small areas with p = 0 and 1, target 0.97 (upper limits cut at 1), {method}", O, n, "target", method, target=0.97))
    out = {
        "generator": "generate_funnel.py",
        "versions": {"numpy": np.__version__, "scipy": scipy.__version__},
        "z95": Z95, "z99_8": Z998,
        "cases": cases,
    }
    json.dump(out, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
