import Foundation

/// The standard normal distribution. Matches scipy `special.ndtr` / `stats.norm.sf` / `special.ndtri`.
package enum Normal {
    static let inverseSqrtTwo = 0.707_106_781_186_547_524_40
    static let logSqrtTwoPi = 0.918_938_533_204_672_741_78

    /// Φ(x), the lower tail probability. Matches scipy `special.ndtr`.
    package static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * inverseSqrtTwo)
    }

    /// 1 − Φ(x), computed directly (not as 1 − cdf). Matches scipy `stats.norm.sf`.
    package static func survival(_ x: Double) -> Double {
        0.5 * erfc(x * inverseSqrtTwo)
    }

    /// The standard normal density φ(x).
    static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x - logSqrtTwoPi)
    }

    /// ln Φ(x), accurate where Φ(x) underflows (x < −37 uses the asymptotic Mills-ratio series).
    static func logCDF(_ x: Double) -> Double {
        if x >= -37 { return log(cdf(x)) }
        // Φ(x) = φ(x)/|x| · (1 − 1/x² + 3/x⁴ − 15/x⁶ + …); ten terms are exact to double here.
        let r = 1 / (x * x)
        var term = 1.0, sum = 1.0
        for k in 1...10 {
            term *= -Double(2 * k - 1) * r
            sum += term
        }
        return -0.5 * x * x - logSqrtTwoPi - log(-x) + log(sum)
    }

    /// Φ⁻¹(p) for 0 ≤ p ≤ 1 (±∞ at 0 and 1). Matches scipy `special.ndtri`.
    ///
    /// Refines a starting value by Halley steps on Φ(x) − ½ = p − ½ (via erf) in the centre and by
    /// Newton steps on ln Φ(x) = ln p in the tails, so the relative accuracy holds down to p = 1e-300.
    package static func quantile(_ p: Double) -> Double {
        precondition(p.isNaN || (0...1).contains(p), "a probability must lie in [0, 1]")
        if p.isNaN { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p > 0.5 { return -lowerHalfQuantile(1 - p) } // 1 − p is exact for p ≥ ½
        return lowerHalfQuantile(p)
    }

    /// Φ⁻¹(p) for 0 < p ≤ ½.
    static func lowerHalfQuantile(_ p: Double) -> Double {
        if p >= 0.25 {
            let target = p - 0.5 // exact
            var x = target * 2.506_628_274_631_000_5 // √(2π)·(p − ½)
            for _ in 0..<50 {
                let f = 0.5 * erf(x * inverseSqrtTwo) - target
                let step = f / (density(x) + 0.5 * x * f)
                x -= step
                if abs(step) <= 1e-17 * abs(x) { break }
            }
            return x
        }
        // Abramowitz & Stegun 26.2.23 as the start (error < 4.5e-4), then Newton on ln Φ, which is
        // concave, so the iteration converges monotonically.
        let logP = log(p)
        let t = (-2 * logP).squareRoot()
        var x = -(t - (2.515_517 + 0.802_853 * t + 0.010_328 * t * t)
            / (1 + 1.432_788 * t + 0.189_269 * t * t + 0.001_308 * t * t * t))
        for _ in 0..<100 {
            let logPhi = logCDF(x)
            let ratio = exp(-0.5 * x * x - logSqrtTwoPi - logPhi) // φ(x)/Φ(x)
            let step = (logPhi - logP) / ratio
            x -= step
            if abs(step) <= 1e-16 * abs(x) { break }
        }
        return x
    }
}
