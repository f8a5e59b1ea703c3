import LevelFieldModel
import Statistics

/// SPEC §2.3: Spearman ρ of deprivation with referrals, finished treatment and the indicator's
/// rate (pairwise complete), and with the rate without extreme outliers.
enum Correlations {
    static func compute(_ eligible: [Eligibility.Eligible], isOutlier: [Bool]) -> [CorrelationResult] {
        func correlate(_ variable: CorrelatedVariable, excludingOutliers: Bool,
                       _ value: (Eligibility.Eligible) -> Double?) -> CorrelationResult {
            var xs: [Double] = [], ys: [Double] = []
            for (index, area) in eligible.enumerated() {
                if excludingOutliers && isOutlier[index] { continue }
                guard let y = value(area) else { continue }
                xs.append(area.x)
                ys.append(y)
            }
            switch Spearman.test(xs, ys) {
            case .success(let test):
                return CorrelationResult(variable: variable, rho: test.rho, p: test.pValue, n: test.n, excludesOutliers: excludingOutliers, note: nil)
            case .failure(let problem):
                return CorrelationResult(variable: variable, rho: nil, p: nil, n: xs.count, excludesOutliers: excludingOutliers, note: problem.reason)
            }
        }
        return [
            correlate(.referrals, excludingOutliers: false) { $0.observation.referrals.map(Double.init) },
            correlate(.finishedTreatment, excludingOutliers: false) { $0.observation.finishedTreatment.map(Double.init) },
            correlate(.rate, excludingOutliers: false) { $0.rate },
            correlate(.rate, excludingOutliers: true) { $0.rate },
        ]
    }
}
