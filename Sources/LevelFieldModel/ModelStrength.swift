/// How much deprivation explains in one benchmark model, in units a reader can picture, and how
/// far rates and benchmarks spread in percentage points (issue 15). Computed by Benchmarking for
/// every model; Render words it. The weighted-scale σ̂ stays in `RegressionSummary` (model.csv).
package struct ModelStrength: Equatable, Sendable {
    /// A slope with p at or above this is "not statistically significant at 5%".
    package static let pThreshold = 0.05
    /// An R² below this (5%) is "deprivation explains little".
    package static let rSquaredThreshold = 0.05
    /// Level of the slope's and the gradient's confidence intervals.
    package static let confidence = 0.95

    /// The plain classification the pages lead with.
    package enum Level: String, Equatable, Sendable {
        /// p ≥ 5% or R² < 5%: the adjusted benchmark is close to the all-areas rate.
        case explainsLittle = "explains_little"
        /// p < 5% and R² ≥ 5%: the benchmark tilts with deprivation.
        case explainsSome = "explains_some"
    }

    /// The classification.
    package var level: Level
    /// R² of the model (0–1), the share of the weighted variation in rates that deprivation accounts for.
    package var rSquared: Double
    /// Two-sided p of the slope.
    package var pSlope: Double
    /// The slope's 95% confidence interval, percentage points per unit of deprivation.
    package var slopeInterval: Interval
    /// The deprivation values of the most and the least deprived area in the model (for a rank,
    /// the smallest and the largest; for a score, the largest and the smallest).
    package var mostDeprived: Double
    /// See `mostDeprived`.
    package var leastDeprived: Double
    /// The gradient: expected rate of the least deprived area − expected rate of the most deprived
    /// area in the data, β₁ × (x_least − x_most), in percentage points. Positive: less deprived areas
    /// are expected to do better.
    package var gradient: Double
    /// The gradient's 95% confidence interval (the slope's interval × (x_least − x_most)).
    package var gradientInterval: Interval
    /// Weighted mean of the rates, Σ nᵢrᵢ / Σ nᵢ: the all-areas rate the benchmark falls back to.
    package var pooledRate: Double
    /// Standard deviation of the areas' rates (unweighted, n − 1 denominator), percentage points.
    package var rateSD: Double
    /// Width (upper − lower) of the areas' benchmark intervals, percentage points: smallest, median, largest.
    package var benchmarkWidth: Spread

    /// Smallest, median and largest of a set of values.
    package struct Spread: Equatable, Sendable {
        /// Smallest value.
        package var minimum: Double
        /// Median (mean of the two middle values for an even count).
        package var median: Double
        /// Largest value.
        package var maximum: Double

        /// Creates a spread.
        package init(minimum: Double, median: Double, maximum: Double) {
            self.minimum = minimum
            self.median = median
            self.maximum = maximum
        }
    }

    /// Creates a model-strength value.
    package init(level: Level, rSquared: Double, pSlope: Double, slopeInterval: Interval, mostDeprived: Double,
                 leastDeprived: Double, gradient: Double, gradientInterval: Interval, pooledRate: Double, rateSD: Double,
                 benchmarkWidth: Spread) {
        self.level = level
        self.rSquared = rSquared
        self.pSlope = pSlope
        self.slopeInterval = slopeInterval
        self.mostDeprived = mostDeprived
        self.leastDeprived = leastDeprived
        self.gradient = gradient
        self.gradientInterval = gradientInterval
        self.pooledRate = pooledRate
        self.rateSD = rateSD
        self.benchmarkWidth = benchmarkWidth
    }

    /// The classification rule: little when the slope is not significant at 5% or R² is under 5%.
    package static func level(rSquared: Double, pSlope: Double) -> Level {
        pSlope >= pThreshold || rSquared < rSquaredThreshold || !pSlope.isFinite || !rSquared.isFinite ? .explainsLittle : .explainsSome
    }

    /// True when the slope is not statistically significant at 5%.
    package var slopeNotSignificant: Bool { !(pSlope < Self.pThreshold) }
    /// True when R² is under 5%.
    package var rSquaredSmall: Bool { !(rSquared >= Self.rSquaredThreshold) }
}

extension DeprivationMeasure {
    /// True when a larger value means more deprived (a score, case-mix deprivation); false for a rank (1 = most deprived).
    package var higherIsMoreDeprived: Bool {
        switch self {
        case .rank: false
        case .score, .casemix: true
        }
    }
}
