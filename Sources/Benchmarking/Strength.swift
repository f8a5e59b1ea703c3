import LevelFieldModel
import Statistics

/// Issue 15: how much deprivation explains in a fitted benchmark model, and the spread of rates
/// and benchmarks in percentage points. Numbers only; Render words them.
enum Strength {
    /// The strength of `fit` (slope = coefficient 1) over the areas it was fitted on.
    /// - Parameters:
    ///   - xs: each area's deprivation value; `rates` its rate (percent); `weights` its denominator.
    ///   - expectedIntervals: each area's benchmark interval, for their widths.
    ///   - measure: which way deprivation runs.
    static func of(_ fit: WLSFit, xs: [Double], rates: [Double], weights: [Double], expectedIntervals: [Interval],
                   measure: DeprivationMeasure) -> ModelStrength {
        let slope = fit.coefficients[1]
        let t = StudentT.quantile(1 - (1 - ModelStrength.confidence) / 2, df: Double(fit.dfResidual))
        let halfWidth = t * fit.standardErrors[1]
        let slopeInterval = Interval(lower: slope - halfWidth, upper: slope + halfWidth)
        let minX = xs.min() ?? 0, maxX = xs.max() ?? 0
        let (most, least) = measure.higherIsMoreDeprived ? (maxX, minX) : (minX, maxX)
        let span = least - most
        let ends = [slopeInterval.lower * span, slopeInterval.upper * span]
        let totalWeight = weights.reduce(0, +)
        let pooled = zip(weights, rates).reduce(0) { $0 + $1.0 * $1.1 } / totalWeight
        return ModelStrength(
            level: ModelStrength.level(rSquared: fit.rSquared, pSlope: fit.pValues[1]),
            rSquared: fit.rSquared, pSlope: fit.pValues[1], slopeInterval: slopeInterval,
            mostDeprived: most, leastDeprived: least,
            gradient: slope * span, gradientInterval: Interval(lower: ends.min()!, upper: ends.max()!),
            pooledRate: pooled, rateSD: standardDeviation(rates),
            benchmarkWidth: spread(expectedIntervals.map { $0.upper - $0.lower }))
    }

    /// Sample standard deviation (n − 1), as numpy `std(ddof=1)`; 0 for fewer than two values.
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return 0 }
        let mean = values.reduce(0, +) / Double(values.count)
        let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (squares / Double(values.count - 1)).squareRoot()
    }

    /// Smallest, median and largest (numpy `median`).
    static func spread(_ values: [Double]) -> ModelStrength.Spread {
        let sorted = values.sorted()
        guard let first = sorted.first, let last = sorted.last else { return .init(minimum: 0, median: 0, maximum: 0) }
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return .init(minimum: first, median: median, maximum: last)
    }
}
