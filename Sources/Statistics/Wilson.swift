import Foundation

/// The Wilson score interval for a proportion.
package enum Wilson {
    /// The Wilson score interval (no continuity correction) for `successes` out of `trials` at
    /// `confidence` (e.g. 0.95, 0.998), as proportions in [0, 1]:
    /// (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)), z = Φ⁻¹((1 + confidence)/2).
    /// Matches PHEindicatormethods `phe_proportion` (Fingertips) and statsmodels
    /// `proportion_confint(method="wilson")`. The lower limit is exactly 0 when x = 0 and the upper
    /// exactly 1 when x = n.
    package static func interval(successes: Int, trials: Int, confidence: Double) -> (lower: Double, upper: Double) {
        precondition(trials > 0, "a proportion needs at least one trial")
        precondition((0...trials).contains(successes), "successes must lie in 0…trials")
        precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
        let z = Normal.quantile((1 + confidence) / 2)
        return score(x: Double(successes), n: Double(trials), z: z, atZero: successes == 0, atOne: successes == trials)
    }

    /// The same interval for an observed proportion `proportion` (0…1) of `trials`, with the
    /// normal quantile `z` given: for rates published without their count (x = p̂·n).
    package static func interval(proportion: Double, trials: Int, z: Double) -> (lower: Double, upper: Double) {
        precondition(trials > 0, "a proportion needs at least one trial")
        precondition(proportion >= 0 && proportion <= 1, "a proportion lies in 0…1")
        precondition(z > 0 && z.isFinite, "z must be positive")
        let n = Double(trials)
        return score(x: proportion * n, n: n, z: z, atZero: proportion == 0, atOne: proportion == 1)
    }

    /// (2x + z² ∓ z√(z² + 4x(1 − x/n))) / (2(n + z²)), clamped to [0, 1].
    static func score(x: Double, n: Double, z: Double, atZero: Bool, atOne: Bool) -> (lower: Double, upper: Double) {
        let z2 = z * z
        let root = z * (z2 + 4 * x * (1 - x / n)).squareRoot()
        let denominator = 2 * (n + z2)
        let lower = atZero ? 0 : (2 * x + z2 - root) / denominator
        let upper = atOne ? 1 : (2 * x + z2 + root) / denominator
        return (max(0, lower), min(1, upper))
    }
}
