import LevelFieldModel
import Statistics

/// SPEC §2.4–2.6: the WLS benchmark model of one period and indicator, the extreme outliers and
/// the outlier-dummy sensitivity model, and the fitted band for charts.
enum BenchmarkModel {
    /// Points of the fitted line and band drawn on the scatter chart.
    static let bandPoints = 61

    /// The published model: WLS of rate on x with weights n, without the outlier dummy.
    static func fit(_ eligible: [Eligibility.Eligible]) -> Result<WLSFit, NotComputable> {
        do {
            return .success(try WeightedLeastSquares.fit(design: eligible.map { [1, $0.x] }, response: eligible.map(\.rate),
                                                         weights: eligible.map { Double($0.n) }))
        } catch {
            return .failure(NotComputable("the regression cannot be fitted (\(error))"))
        }
    }

    /// The model's summary, with its band over [minX, maxX] and its strength (issue 15).
    static func summary(_ fit: WLSFit, minX: Double, maxX: Double, confidence: Double, strength: ModelStrength) -> RegressionSummary {
        RegressionSummary(
            areas: fit.n, intercept: fit.coefficients[0], slope: fit.coefficients[1],
            seIntercept: fit.standardErrors[0], seSlope: fit.standardErrors[1],
            tSlope: fit.tStatistics[1], pSlope: fit.pValues[1],
            rSquared: fit.rSquared, adjustedRSquared: fit.adjustedRSquared,
            fStatistic: fit.fStatistic, fP: fit.fPValue, dfResidual: fit.dfResidual, sigma: fit.sigma,
            band: band(fit, from: minX, to: maxX, confidence: confidence), strength: strength)
    }

    /// §2.4 extreme outliers: outside Tukey's far fences (k = 3, R type 7 quartiles), and the
    /// p of an outlier dummy added to the WLS model.
    static func outliers(xs: [Double], rates: [Double], weights: [Double]) -> (isOutlier: [Bool], summary: OutlierSummary) {
        let fences = TukeyFences.of(rates, k: 3)
        let isOutlier = rates.map { $0 < fences.lower || $0 > fences.upper }
        let count = isOutlier.filter { $0 }.count
        let interval = Interval(lower: fences.lower, upper: fences.upper)
        guard count > 0 else {
            return (isOutlier, OutlierSummary(count: 0, fences: interval, dummyP: nil, note: "no extreme outliers, so no dummy to test"))
        }
        let design = zip(xs, isOutlier).map { [1, $0.0, $0.1 ? 1 : 0] }
        do {
            let withDummy = try WeightedLeastSquares.fit(design: design, response: rates, weights: weights)
            return (isOutlier, OutlierSummary(count: count, fences: interval, dummyP: withDummy.pValues[2], note: nil))
        } catch {
            return (isOutlier, OutlierSummary(count: count, fences: interval, dummyP: nil,
                                              note: "the model with the outlier dummy cannot be fitted (\(error))"))
        }
    }

    /// The fitted line and its confidence band, evenly spaced over [from, to].
    static func band(_ fit: WLSFit, from: Double, to: Double, confidence: Double) -> [BandPoint] {
        let xs = (0..<bandPoints).map { step in
            step == bandPoints - 1 ? to : from + (to - from) * Double(step) / Double(bandPoints - 1)
        }
        return zip(xs, fit.meanResponses(at: xs.map { [1, $0] }, confidence: confidence)).map { x, mean in
            BandPoint(x: x, fit: mean.estimate, lower: mean.lower, upper: mean.upper)
        }
    }
}
