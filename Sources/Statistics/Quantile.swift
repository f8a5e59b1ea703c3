import Foundation

/// Sample quantiles.
package enum Quantile {
    /// The quantile by linear interpolation between order statistics, h = (n − 1)p (R `quantile`
    /// type 7, numpy `quantile` default "linear"). Input need not be sorted; it must be non-empty
    /// and finite, and 0 ≤ p ≤ 1.
    package static func type7(_ values: [Double], probability: Double) -> Double {
        precondition(!values.isEmpty, "a quantile needs at least one value")
        precondition(values.allSatisfy(\.isFinite), "quantile values must be finite")
        precondition((0...1).contains(probability), "the probability must lie in [0, 1]")
        return type7(sorted: values.sorted(), probability: probability)
    }

    static func type7(sorted: [Double], probability: Double) -> Double {
        let h = Double(sorted.count - 1) * probability
        let lower = Int(h.rounded(.down))
        let fraction = h - Double(lower)
        if lower + 1 >= sorted.count || fraction == 0 { return sorted[lower] }
        return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
    }
}

/// Tukey's fences: [Q1 − k·IQR, Q3 + k·IQR] with type-7 quartiles (k = 3 marks extreme outliers).
package struct TukeyFences: Equatable, Sendable {
    /// The first quartile (type 7).
    package let q1: Double
    /// The third quartile (type 7).
    package let q3: Double
    /// Q1 − k·(Q3 − Q1).
    package let lower: Double
    /// Q3 + k·(Q3 − Q1).
    package let upper: Double

    /// The fences of `values` (non-empty, finite) at multiple `k` of the interquartile range.
    /// Matches numpy `quantile([.25, .75])` ∓ k·IQR.
    package static func of(_ values: [Double], k: Double) -> TukeyFences {
        precondition(!values.isEmpty, "fences need at least one value")
        precondition(values.allSatisfy(\.isFinite), "fence values must be finite")
        let sorted = values.sorted()
        let q1 = Quantile.type7(sorted: sorted, probability: 0.25)
        let q3 = Quantile.type7(sorted: sorted, probability: 0.75)
        let iqr = q3 - q1
        return TukeyFences(q1: q1, q3: q3, lower: q1 - k * iqr, upper: q3 + k * iqr)
    }
}
