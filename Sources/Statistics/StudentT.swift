import Foundation

/// Student's t distribution with `df` > 0 degrees of freedom (df need not be whole), from the
/// regularised incomplete beta function. Matches scipy `special.stdtr` / `stats.t.sf` /
/// `special.stdtrit`.
package enum StudentT {
    /// P(T ≤ t). Matches scipy `special.stdtr`.
    package static func cdf(_ t: Double, df: Double) -> Double {
        let (tail, rest) = tails(t, df: df)
        return t < 0 ? tail : rest
    }

    /// P(T > t), computed directly (not as 1 − cdf). Matches scipy `stats.t.sf`.
    package static func survival(_ t: Double, df: Double) -> Double {
        let (tail, rest) = tails(t, df: df)
        return t < 0 ? rest : tail
    }

    /// P(|T| ≥ |t|), the two-sided p-value of a t statistic. Matches `2 * scipy.stats.t.sf(abs(t), df)`.
    package static func twoSidedP(_ t: Double, df: Double) -> Double {
        precondition(df > 0, "t needs df > 0")
        if t.isNaN { return .nan }
        if t == 0 { return 1 }
        if df.isInfinite { return 2 * Normal.cdf(-abs(t)) }
        if let tail = farTail(t, df: df) { return 2 * tail }
        let (x, y) = betaArguments(t, df: df)
        return SpecialFunctions.incompleteBeta(a: df / 2, b: 0.5, x: x, y: y).lower
    }

    /// The quantile t with P(T ≤ t) = p, for 0 ≤ p ≤ 1 (±∞ at the ends). Matches scipy `special.stdtrit`.
    ///
    /// Solved by safeguarded Newton steps: on P(T ≤ t) directly in the centre, and on ln P(T ≤ t)
    /// against ln|t| in the tails, where that relation is nearly linear.
    package static func quantile(_ p: Double, df: Double) -> Double {
        precondition(df > 0, "t needs df > 0")
        precondition(p.isNaN || (0...1).contains(p), "a probability must lie in [0, 1]")
        if p.isNaN { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        if p > 0.5 { return -lowerHalfQuantile(1 - p, df: df) } // 1 − p is exact for p ≥ ½
        return lowerHalfQuantile(p, df: df)
    }

    // MARK: Internals

    /// (P(T ≤ −|t|), P(T > −|t|)): the tail beyond |t| and the rest, each accurate.
    static func tails(_ t: Double, df: Double) -> (tail: Double, rest: Double) {
        precondition(df > 0, "t needs df > 0")
        if t.isNaN { return (.nan, .nan) }
        if t == 0 { return (0.5, 0.5) }
        if df.isInfinite { return (Normal.cdf(-abs(t)), Normal.survival(-abs(t))) }
        if let tail = farTail(t, df: df) { return (tail, 1) }
        let (x, y) = betaArguments(t, df: df)
        let beta = SpecialFunctions.incompleteBeta(a: df / 2, b: 0.5, x: x, y: y)
        return (0.5 * beta.lower, 0.5 + 0.5 * beta.upper)
    }

    /// P(T ≤ −|t|) from the tail asymptote c·df^((df−1)/2)·|t|^(−df) when df/t² < 1e-100 (its
    /// relative error is then below 1e-100, and x = df/(df + t²) would be subnormal); nil otherwise.
    static func farTail(_ t: Double, df: Double) -> Double? {
        let a = abs(t)
        guard a.isFinite, (df / a) / a < 1e-100 else { return nil }
        return exp(logNormaliser(df: df) + 0.5 * (df - 1) * log(df) - df * log(a))
    }

    /// x = df/(df + t²) and y = t²/(df + t²), each formed without cancellation or overflow.
    static func betaArguments(_ t: Double, df: Double) -> (x: Double, y: Double) {
        let a = abs(t)
        if a * a > df {
            let r = (df / a) / a
            return (r / (1 + r), 1 / (1 + r))
        }
        let r = (a / df) * a
        return (1 / (1 + r), r / (1 + r))
    }

    /// ln f(t), the log density.
    static func logDensity(_ t: Double, df: Double) -> Double {
        let (x, _) = betaArguments(t, df: df)
        // (1 + t²/df)^(−(df+1)/2) = x^((df+1)/2)
        return logNormaliser(df: df) + 0.5 * (df + 1) * log(x)
    }

    /// ln[Γ((df+1)/2) / (Γ(df/2)·√(df·π))], the log density at 0. With z = df/2 and Stirling's
    /// formula this is −z·(u − ln(1+u)) − ½ ln 2π + s(z + ½) − s(z), u = 1/(2z): no large terms cancel,
    /// unlike the difference of two lgamma values (which loses everything at df = 1e15).
    static func logNormaliser(df: Double) -> Double {
        let z = df / 2, u = 1 / df
        return -z * SpecialFunctions.logOnePlusUDeficit(u) { log1p(u) } - SpecialFunctions.halfLogTwoPi
            + SpecialFunctions.stirlingRemainder(z + 0.5) - SpecialFunctions.stirlingRemainder(z)
    }

    /// The quantile for 0 < p < ½ (a negative t).
    static func lowerHalfQuantile(_ p: Double, df: Double) -> Double {
        if df.isInfinite { return Normal.quantile(p) }
        if df == 1 { return -1 / tan(Double.pi * p) } // Cauchy, exact form
        let z = Normal.quantile(p)
        // Cornish–Fisher start for large df.
        let z2 = z * z
        let guess = z + z * (z2 + 1) / (4 * df) + z * (5 * z2 * z2 + 16 * z2 + 3) / (96 * df * df)
        if p >= 0.25 {
            // Centre: solve ½ − P(T ≤ t) = ½ − p for t ≤ 0; ½ − P(T ≤ t) = ½·I_y(½, df/2) is accurate.
            let target = 0.5 - p // exact
            let g: (Double) -> (value: Double, slope: Double) = { t in
                let (x, y) = betaArguments(t, df: df)
                let beta = SpecialFunctions.incompleteBeta(a: df / 2, b: 0.5, x: x, y: y)
                return (0.5 * beta.upper - target, -exp(logDensity(t, df: df)))
            }
            var lo = min(guess, -1e-3) * 2
            while g(lo).value < 0 { lo *= 2 }
            return safeguardedNewton(lo: lo, hi: 0, start: max(lo, min(guess, 0)), function: g)
        }
        // Tails: s = ln(−t); solve ln P(T ≤ −eˢ) = ln p, a decreasing, nearly linear function of s.
        let logP = log(p)
        let logNormaliser = logNormaliser(df: df)
        // Tail asymptote P(T ≤ t) ≈ c·df^((df−1)/2)·|t|^(−df).
        let tailGuess = (logNormaliser + 0.5 * (df - 1) * log(df) - logP) / df
        // So far out that df/t² < 1e-100, the asymptote is exact to double precision (and beyond
        // the largest double the quantile is −∞ as far as Double can tell).
        if 2 * tailGuess - log(df) > 230 {
            return tailGuess > log(Double.greatestFiniteMagnitude) ? -.infinity : -exp(tailGuess)
        }
        let start = max(log(max(-guess, 1e-300)), tailGuess)
        let h: (Double) -> (value: Double, slope: Double) = { s in
            let t = -exp(s)
            let (tail, _) = tails(t, df: df)
            let logTail = log(tail)
            // d ln F/ds = f(t)/F(t) · dt/ds = f(t)/F(t) · t
            let slope = exp(logDensity(t, df: df) - logTail) * t
            return (logTail - logP, slope)
        }
        var lo = start, hi = start
        while h(lo).value < 0 { lo -= 1 } // value > 0 at lo (|t| smaller, tail heavier)
        while h(hi).value > 0 { hi += 1 }
        return -exp(safeguardedNewton(lo: lo, hi: hi, start: start, function: h))
    }

    /// Root of a decreasing function on [lo, hi] with value(lo) ≥ 0 ≥ value(hi): Newton steps that
    /// fall back to bisection when they leave the bracket.
    static func safeguardedNewton(lo: Double, hi: Double, start: Double,
                                  function: (Double) -> (value: Double, slope: Double)) -> Double {
        var lo = lo, hi = hi, x = start
        for _ in 0..<300 {
            let (value, slope) = function(x)
            if value == 0 { return x }
            if value > 0 { lo = x } else { hi = x }
            var next = x - value / slope
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            let step = abs(next - x)
            x = next
            if step <= 2e-16 * abs(x) || hi - lo <= 2e-16 * max(abs(lo), abs(hi)) { break }
        }
        return x
    }
}
