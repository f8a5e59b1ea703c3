import Foundation

/// The regularised incomplete gamma and beta functions that every distribution here is built on.
///
/// The power prefactors (xᵃe⁻ˣ/Γ(a), xᵃyᵇ/B(a,b)) are computed from Stirling's formula with the
/// terms written as a·(u − ln(1+u)) ≥ 0, so nothing large cancels for large a, b (df up to 10⁶ and
/// beyond), and they stay in logarithms until the end so tiny tails (1e-300) do not underflow early.
/// Each function returns both the lower and the upper tail; the smaller one is always computed
/// directly and the other as its complement.
enum SpecialFunctions {
    static let halfLogTwoPi = 0.918_938_533_204_672_741_78 // ½ ln 2π

    /// ln Γ(z) − [(z − ½) ln z − z + ½ ln 2π], the Stirling remainder (≈ 1/(12z)).
    static func stirlingRemainder(_ z: Double) -> Double {
        if z >= 10 {
            let r = 1 / z, r2 = r * r
            // The asymptotic series through z⁻¹³; the next term is below 4e-17 at z = 10.
            return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680
                - r2 * (1.0 / 1188 - r2 * (691.0 / 360_360 - r2 / 156))))))
        }
        return lgamma(z) - ((z - 0.5) * log(z) - z + halfLogTwoPi)
    }

    /// u − ln(1 + u) ≥ 0, accurate for small u; `logOnePlusU` is ln(1 + u) computed by the caller
    /// from the original quantities, used when |u| is not small (where 1 + u may have lost digits).
    static func logOnePlusUDeficit(_ u: Double, logOnePlusU: () -> Double) -> Double {
        if abs(u) <= 0.5 {
            // ln(1+u) = 2 atanh(v), v = u/(2+u); u − 2v = u·v, so u − ln(1+u) = u·v − 2(v³/3 + v⁵/5 + …).
            let v = u / (2 + u), v2 = v * v
            var term = v * v2, sum = 0.0, k = 3.0
            while true {
                let next = term / k
                sum += next
                if abs(next) <= 1e-17 * abs(sum) { break }
                term *= v2
                k += 2
            }
            return u * v - 2 * sum
        }
        return u - logOnePlusU()
    }

    // MARK: Incomplete gamma

    /// ln(xᵃ e⁻ˣ / Γ(a)).
    static func logGammaPrefix(a: Double, x: Double) -> Double {
        let u = (x - a) / a
        let deficit = logOnePlusUDeficit(u) { log(x) - log(a) }
        return -a * deficit + 0.5 * log(a / (2 * Double.pi)) - stirlingRemainder(a)
    }

    /// The regularised incomplete gamma functions P(a, x) and Q(a, x) = 1 − P(a, x), for a > 0, x ≥ 0.
    static func incompleteGamma(a: Double, x: Double) -> (lower: Double, upper: Double) {
        precondition(a > 0, "incomplete gamma needs a > 0")
        if x.isNaN || a.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let logPrefix = logGammaPrefix(a: a, x: x)
        if x < a + 1 {
            // P = xᵃe⁻ˣ/Γ(a+1) · Σₙ xⁿ / ((a+1)…(a+n))
            var term = 1.0, sum = 1.0, ap = a
            for _ in 0..<10_000_000 {
                ap += 1
                term *= x / ap
                sum += term
                if term <= sum * 1e-17 { break }
            }
            let lower = exp(logPrefix - log(a) + log(sum))
            return (lower, 1 - lower)
        }
        // Q by the Legendre continued fraction, evaluated with the modified Lentz method.
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 10_000_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) <= 3e-16 { break }
            i += 1
        }
        let upper = exp(logPrefix + log(h))
        return (1 - upper, upper)
    }

    // MARK: Incomplete beta

    /// ln(xᵃ yᵇ / B(a, b)) with y = 1 − x given separately (both accurate).
    static func logBetaPrefix(a: Double, b: Double, x: Double, y: Double) -> Double {
        let n = a + b
        // x/x₀ = 1 + u and y/y₀ = 1 + v with x₀ = a/n, y₀ = b/n; a·u + b·v = 0 exactly.
        let bxMinusAy = b * x - a * y
        let u = bxMinusAy / a, v = -bxMinusAy / b
        let termA = a * logOnePlusUDeficit(u) { log(x) + log1p(b / a) }
        let termB = b * logOnePlusUDeficit(v) { log(y) + log1p(a / b) }
        let stirling = stirlingRemainder(n) - stirlingRemainder(a) - stirlingRemainder(b)
        return -termA - termB + 0.5 * (log(a) + log(b) - log(n)) - halfLogTwoPi + stirling
    }

    /// The regularised incomplete beta function Iₓ(a, b) and its complement 1 − Iₓ(a, b) = I_y(b, a),
    /// for a, b > 0, with y = 1 − x supplied by the caller so that neither tail loses digits.
    static func incompleteBeta(a: Double, b: Double, x: Double, y: Double) -> (lower: Double, upper: Double) {
        precondition(a > 0 && b > 0, "incomplete beta needs a, b > 0")
        if x.isNaN || y.isNaN || a.isNaN || b.isNaN { return (.nan, .nan) }
        if x <= 0 { return (0, 1) }
        if y <= 0 { return (1, 0) }
        if x > (a + 1) / (a + b + 2) {
            let swapped = incompleteBeta(a: b, b: a, x: y, y: x)
            return (swapped.upper, swapped.lower)
        }
        let logPrefix = logBetaPrefix(a: a, b: b, x: x, y: y)
        let lower = exp(logPrefix + log(betaContinuedFraction(a: a, b: b, x: x, y: y)))
        return (lower, 1 - lower)
    }

    /// Iₓ(a, b)·B(a, b)/(xᵃyᵇ) by the continued fraction of DiDonato & Morris (ACM TOMS 708, 1992),
    /// evaluated as a three-term recurrence with rescaling. Unlike the textbook form (Abramowitz &
    /// Stegun 26.5.8) it never forms 1 − (a+b)x/(a+1) from x: λ = a − (a+b)x is taken from whichever
    /// of x and y is accurate, so x near 1 (large df, moderate t) keeps all its digits.
    /// Converges for x ≤ (a + 1)/(a + b + 2).
    ///
    ///   r = α₁/(β₁ + α₂/(β₂ + …)), α₁ = 1, β₁ = a(1 + λ)/(a + 1),
    ///   αₙ₊₁ = (a+n−1)(a+b+n−1)·n(b−n)·x² / (a+2n−1)²,
    ///   βₙ₊₁ = n + n(b−n)x/(a+2n−1) + (a+n)/(a+2n+1)·(1 + λ + n(1 + y)).
    static func betaContinuedFraction(a: Double, b: Double, x: Double, y: Double) -> Double {
        let lambda = a > b ? (a + b) * y - b : a - (a + b) * x
        let onePlusLambda = 1 + lambda
        var previousNumerator = 0.0, previousDenominator = 1.0
        var numerator = 1.0, denominator = a * onePlusLambda / (a + 1)
        var ratio = numerator / denominator
        var n = 1.0
        while n < 10_000_000 {
            let w = n * (b - n) * x
            let alpha = (a + n - 1) * (a + b + n - 1) / ((a + 2 * n - 1) * (a + 2 * n - 1)) * (w * x)
            let beta = n + w / (a + 2 * n - 1) + (a + n) / (a + 2 * n + 1) * (onePlusLambda + n * (1 + y))
            let nextNumerator = alpha * previousNumerator + beta * numerator
            let nextDenominator = alpha * previousDenominator + beta * denominator
            let previousRatio = ratio
            ratio = nextNumerator / nextDenominator
            if abs(ratio - previousRatio) <= 2.3e-16 * ratio { break }
            // Rescale so the recurrence neither overflows nor underflows.
            previousNumerator = numerator / nextDenominator
            previousDenominator = denominator / nextDenominator
            numerator = ratio
            denominator = 1
            n += 1
        }
        return ratio
    }
}
