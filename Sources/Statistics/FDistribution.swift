import Foundation

/// Snedecor's F distribution with (df1, df2) degrees of freedom, from the regularised incomplete
/// beta function. Matches scipy `stats.f.cdf` / `stats.f.sf`.
package enum FDistribution {
    /// P(F ≤ f) = I_{d1 f/(d1 f + d2)}(d1/2, d2/2). Matches scipy `stats.f.cdf`.
    package static func cdf(_ f: Double, df1: Double, df2: Double) -> Double {
        tails(f, df1: df1, df2: df2).lower
    }

    /// P(F > f), computed directly as I_{d2/(d1 f + d2)}(d2/2, d1/2). Matches scipy `stats.f.sf`.
    package static func survival(_ f: Double, df1: Double, df2: Double) -> Double {
        tails(f, df1: df1, df2: df2).upper
    }

    static func tails(_ f: Double, df1: Double, df2: Double) -> (lower: Double, upper: Double) {
        precondition(df1 > 0 && df2 > 0, "F needs positive degrees of freedom")
        if f.isNaN { return (.nan, .nan) }
        if f <= 0 { return (0, 1) }
        // x = s/(s + d2), y = d2/(s + d2) with s = d1·f, each formed without cancellation or overflow.
        let s = df1 * f
        let x: Double, y: Double
        if s > df2 {
            let r = (df2 / df1) / f
            x = 1 / (1 + r); y = r / (1 + r)
        } else {
            let r = s / df2
            x = r / (1 + r); y = 1 / (1 + r)
        }
        return SpecialFunctions.incompleteBeta(a: df1 / 2, b: df2 / 2, x: x, y: y)
    }
}
