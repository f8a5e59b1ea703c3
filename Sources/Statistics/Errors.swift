/// A statistic that is undefined for the given data (a zero margin, a constant variable, too few
/// observations), with the reason in words. Returned instead of a NaN.
package struct NotComputable: Error, Equatable, Sendable {
    /// Why the statistic cannot be computed, e.g. "a row of the table sums to zero".
    package let reason: String
    /// Creates the value with its reason.
    package init(_ reason: String) { self.reason = reason }
}

/// Invalid input to a fit: thrown rather than producing a NaN result.
package enum StatisticsError: Error, Equatable, Sendable {
    /// Lengths of the inputs disagree (the text says which).
    case dimensionMismatch(String)
    /// Fewer usable observations (positive weight) than the model needs.
    case tooFewObservations(needed: Int, got: Int)
    /// The (weighted) design matrix does not have full column rank.
    case rankDeficient
    /// A weight that is negative, NaN or infinite, with its 0-based row index.
    case invalidWeight(index: Int, value: Double)
    /// Every weight is zero, so no observation counts.
    case allWeightsZero
    /// Any other unusable input (the text says what).
    case invalidArgument(String)
}
