import Foundation

/// Cohen's κ with its large-sample standard error and confidence interval.
package struct KappaResult: Equatable, Sendable {
    /// κ = (p_o − p_e)/(1 − p_e).
    package let kappa: Double
    /// The asymptotic standard error (Fleiss, Cohen & Everitt 1969), not the one under H₀.
    package let standardError: Double
    /// κ − z·SE.
    package let lower: Double
    /// κ + z·SE.
    package let upper: Double
}

/// A χ² test statistic with its degrees of freedom and upper-tail p-value.
package struct ChiSquareTest: Equatable, Sendable {
    /// The statistic.
    package let statistic: Double
    /// Degrees of freedom.
    package let df: Int
    /// P(χ²_df > statistic), computed as an upper tail.
    package let pValue: Double
}

/// Cohen's κ for two raters.
package enum CohenKappa {
    /// Unweighted κ of a square table of counts (rows = rater 1, columns = rater 2) with the
    /// asymptotic SE and the interval κ ± z·SE, z = Φ⁻¹((1 + confidence)/2). Matches statsmodels
    /// `cohens_kappa(table)`: `kappa`, `std_kappa`, `kappa_low`, `kappa_upp` (at alpha = 1 − confidence).
    /// Not computable for a non-square, negative or empty table, or when chance agreement is 1
    /// (both raters used one and the same category). A variance at the rounding level of its terms
    /// (perfect agreement, a constant rater: exactly 0 in exact arithmetic) is taken as 0.
    package static func compute(_ table: [[Int]], confidence: Double) -> Result<KappaResult, NotComputable> {
        precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
        let k = table.count
        guard k >= 1, table.allSatisfy({ $0.count == k }) else {
            return .failure(NotComputable("Cohen's κ needs a square table"))
        }
        if let failure = checkCounts(table) { return .failure(failure) }
        let total = Double(table.joined().reduce(0, +))
        guard total > 0 else { return .failure(NotComputable("the table is empty")) }
        let p = table.map { $0.map { Double($0) / total } }
        let rows = table.map { Double($0.reduce(0, +)) / total }
        let columns = (0..<k).map { j in Double(table.reduce(0) { $0 + $1[j] }) / total }
        var observed = 0.0, expected = 0.0
        for i in 0..<k {
            observed += Double(table[i][i])
            expected += rows[i] * columns[i]
        }
        observed /= total
        guard expected < 1 else {
            return .failure(NotComputable("chance agreement is 1: both raters used a single, identical category"))
        }
        let kappa = (observed - expected) / (1 - expected)
        // Fleiss, Cohen & Everitt (1969): (A + B − C) / ((1 − p_e)² n).
        var a = 0.0, b = 0.0
        for i in 0..<k {
            let diagonal = 1 - (rows[i] + columns[i]) * (1 - kappa)
            a += p[i][i] * diagonal * diagonal
            for j in 0..<k where j != i {
                let s = columns[i] + rows[j]
                b += p[i][j] * s * s
            }
        }
        b *= (1 - kappa) * (1 - kappa)
        let c = (kappa - expected * (1 - kappa)) * (kappa - expected * (1 - kappa))
        // A + B − C is exactly 0 for perfect agreement or a constant rater; below the rounding
        // level of its terms it is taken as 0 rather than left as noise (or a negative variance).
        let numerator = a + b - c
        let variance = numerator <= 16 * Double.ulpOfOne * (a + b + c)
            ? 0 : numerator / ((1 - expected) * (1 - expected)) / total
        let standardError = variance.squareRoot()
        let z = Normal.quantile((1 + confidence) / 2)
        return .success(KappaResult(kappa: kappa, standardError: standardError,
                                    lower: kappa - z * standardError, upper: kappa + z * standardError))
    }
}

/// Pearson's χ² test of independence.
package enum PearsonChiSquare {
    /// Σ (O − E)²/E with E = row·column/n on (r − 1)(c − 1) df, no continuity correction. Matches
    /// scipy `stats.chi2_contingency(table, correction=False)`. Not computable for a ragged or
    /// negative table, fewer than 2 rows or columns, or a row or column that sums to zero.
    package static func test(_ table: [[Int]]) -> Result<ChiSquareTest, NotComputable> {
        let r = table.count
        guard r >= 2, let c = table.first?.count, c >= 2, table.allSatisfy({ $0.count == c }) else {
            return .failure(NotComputable("Pearson's χ² needs a rectangular table with at least 2 rows and 2 columns"))
        }
        if let failure = checkCounts(table) { return .failure(failure) }
        let rows = table.map { Double($0.reduce(0, +)) }
        let columns = (0..<c).map { j in Double(table.reduce(0) { $0 + $1[j] }) }
        if let i = rows.firstIndex(of: 0) {
            return .failure(NotComputable("row \(i + 1) of the table sums to zero, so an expected count is zero"))
        }
        if let j = columns.firstIndex(of: 0) {
            return .failure(NotComputable("column \(j + 1) of the table sums to zero, so an expected count is zero"))
        }
        let total = rows.reduce(0, +)
        var statistic = 0.0
        for i in 0..<r {
            for j in 0..<c {
                let expected = rows[i] * columns[j] / total
                let difference = Double(table[i][j]) - expected
                statistic += difference * difference / expected
            }
        }
        let df = (r - 1) * (c - 1)
        return .success(ChiSquareTest(statistic: statistic, df: df,
                                      pValue: ChiSquared.survival(statistic, df: Double(df))))
    }
}

/// McNemar's test for paired binary outcomes.
package enum McNemar {
    /// (b − c)²/(b + c) on 1 df, no continuity correction, for the 2×2 table [[a, b], [c, d]].
    /// Matches statsmodels `mcnemar(table, exact=False, correction=False)`. Not computable when the
    /// table is not 2×2, has a negative count, or b + c = 0 (no discordant pairs).
    package static func test(_ table: [[Int]]) -> Result<ChiSquareTest, NotComputable> {
        guard table.count == 2, table.allSatisfy({ $0.count == 2 }) else {
            return .failure(NotComputable("McNemar's test needs a 2×2 table"))
        }
        if let failure = checkCounts(table) { return .failure(failure) }
        let b = Double(table[0][1]), c = Double(table[1][0])
        guard b + c > 0 else { return .failure(NotComputable("there are no discordant pairs (b + c = 0)")) }
        let statistic = (b - c) * (b - c) / (b + c)
        return .success(ChiSquareTest(statistic: statistic, df: 1, pValue: ChiSquared.survival(statistic, df: 1)))
    }
}

/// A failure when any count is negative.
func checkCounts(_ table: [[Int]]) -> NotComputable? {
    table.joined().contains { $0 < 0 } ? NotComputable("the table has a negative count") : nil
}
