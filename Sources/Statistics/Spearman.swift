import Foundation

/// Ranks with ties.
package enum Ranks {
    /// 1-based ranks in the input order; tied values share the mean of the ranks they span.
    /// Matches scipy `stats.rankdata(method="average")` and R `rank(ties.method = "average")`.
    package static func average(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end + 2) / 2 // mean of the 1-based positions start+1 … end+1
            for k in start...end { ranks[order[k]] = rank }
            start = end + 1
        }
        return ranks
    }
}

/// A correlation coefficient with its two-sided p-value.
package struct CorrelationTest: Equatable, Sendable {
    /// The coefficient, in [−1, 1].
    package let rho: Double
    /// Two-sided p-value.
    package let pValue: Double
    /// Number of pairs.
    package let n: Int
}

/// Spearman's rank correlation.
package enum Spearman {
    /// ρ = Pearson correlation of the average ranks; p from t = ρ√((n−2)/((1+ρ)(1−ρ))) on n − 2 df,
    /// two-sided. Matches scipy `stats.spearmanr` (default, two-sided). Not computable when the
    /// lengths differ, a value is not finite, n < 3, or either variable is constant.
    package static func test(_ x: [Double], _ y: [Double]) -> Result<CorrelationTest, NotComputable> {
        guard x.count == y.count else {
            return .failure(NotComputable("the two variables have different lengths (\(x.count) and \(y.count))"))
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            return .failure(NotComputable("a value is missing or not finite"))
        }
        let n = x.count
        guard n >= 3 else { return .failure(NotComputable("Spearman's ρ needs at least 3 pairs, got \(n)")) }
        let rx = Ranks.average(x), ry = Ranks.average(y)
        let mean = Double(n + 1) / 2 // the mean of any set of average ranks
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for i in 0..<n {
            let dx = rx[i] - mean, dy = ry[i] - mean
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy
        }
        guard sxx > 0 else { return .failure(NotComputable("the first variable is constant")) }
        guard syy > 0 else { return .failure(NotComputable("the second variable is constant")) }
        let rho = min(1, max(-1, sxy / (sxx * syy).squareRoot()))
        let df = Double(n - 2)
        let pValue: Double
        if abs(rho) == 1 {
            pValue = 0 // t is infinite
        } else {
            let t = rho * (df / ((1 + rho) * (1 - rho))).squareRoot()
            pValue = StudentT.twoSidedP(t, df: df)
        }
        return .success(CorrelationTest(rho: rho, pValue: pValue, n: n))
    }
}
