import Foundation

/// The χ² distribution with `df` > 0 degrees of freedom (df need not be whole), from the
/// regularised incomplete gamma function. Matches scipy `stats.chi2.cdf` / `stats.chi2.sf`.
package enum ChiSquared {
    /// P(X ≤ x) = P(df/2, x/2). Matches scipy `stats.chi2.cdf`.
    package static func cdf(_ x: Double, df: Double) -> Double {
        precondition(df > 0, "χ² needs df > 0")
        return SpecialFunctions.incompleteGamma(a: df / 2, x: x / 2).lower
    }

    /// P(X > x) = Q(df/2, x/2), computed directly. Matches scipy `stats.chi2.sf`.
    package static func survival(_ x: Double, df: Double) -> Double {
        precondition(df > 0, "χ² needs df > 0")
        return SpecialFunctions.incompleteGamma(a: df / 2, x: x / 2).upper
    }
}
