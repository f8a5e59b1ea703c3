import Foundation

/// The result of a weighted least-squares fit: immutable, as statsmodels separates a model from
/// its results. Every statistic matches R `summary(lm(y ~ x, weights = w))` and statsmodels `WLS`
/// (statsmodels counts zero-weight rows in nobs; here, as in R, they do not count).
package struct WLSFit: Equatable, Sendable {
    /// Observations with weight > 0 (zero-weight rows are dropped, as R `lm(weights=)` does).
    package let n: Int
    /// β, in the order of the design's columns (β₀ first).
    package let coefficients: [Double]
    /// Standard errors of β: σ̂·√diag((XᵀWX)⁻¹).
    package let standardErrors: [Double]
    /// β / SE.
    package let tStatistics: [Double]
    /// Two-sided p-values of the t statistics on `dfResidual` degrees of freedom.
    package let pValues: [Double]
    /// Centred weighted R² = MSS/(MSS + RSS), MSS = Σw(ŷ − ȳ_w)² (R `summary.lm`).
    package let rSquared: Double
    /// 1 − (1 − R²)(n − 1)/dfResidual.
    package let adjustedRSquared: Double
    /// F for all slopes = 0: (MSS/(p − 1)) / (RSS/dfResidual).
    package let fStatistic: Double
    /// P(F(p − 1, dfResidual) > F), computed as an upper tail.
    package let fPValue: Double
    /// n − p.
    package let dfResidual: Int
    /// σ̂ = √(Σw·e² / dfResidual).
    package let sigma: Double
    /// (XᵀWX)⁻¹, from R⁻¹R⁻ᵀ of the QR factor.
    package let unscaledCovariance: [[Double]]

    /// Mean response at a design row x (including the leading 1) with its two-sided interval at
    /// `confidence` (e.g. 0.95): estimate ± t_{(1+c)/2, df} · √(xᵀ(XᵀWX)⁻¹x · σ̂²).
    /// Matches R `predict(fit, newdata, interval = "confidence")` and statsmodels
    /// `get_prediction(x).conf_int()`.
    package func meanResponse(at x: [Double], confidence: Double) -> (estimate: Double, lower: Double, upper: Double) {
        precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
        return meanResponse(at: x, criticalValue: StudentT.quantile((1 + confidence) / 2, df: Double(dfResidual)))
    }

    /// `meanResponse(at:confidence:)` at many rows: the t quantile, the costly part, is computed
    /// once. Each result is identical to the single-row call's.
    package func meanResponses(at rows: [[Double]], confidence: Double) -> [(estimate: Double, lower: Double, upper: Double)] {
        precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
        let critical = StudentT.quantile((1 + confidence) / 2, df: Double(dfResidual))
        return rows.map { meanResponse(at: $0, criticalValue: critical) }
    }

    private func meanResponse(at x: [Double], criticalValue: Double) -> (estimate: Double, lower: Double, upper: Double) {
        precondition(x.count == coefficients.count, "the row needs one value per coefficient")
        var estimate = 0.0
        for j in x.indices { estimate += x[j] * coefficients[j] }
        var quadratic = 0.0
        for i in x.indices {
            var row = 0.0
            for j in x.indices { row += unscaledCovariance[i][j] * x[j] }
            quadratic += x[i] * row
        }
        let halfWidth = criticalValue * (max(quadratic, 0) * sigma * sigma).squareRoot()
        return (estimate, estimate - halfWidth, estimate + halfWidth)
    }
}

/// Weighted least squares by Householder QR of the √w-scaled design (never the normal equations).
/// Weights are precision weights with the semantics of R `lm(weights=)`: zero weights drop the row
/// (it does not count in n or the degrees of freedom); negative, NaN or infinite weights are errors.
/// Certified against NIST StRD Norris and Longley; matches statsmodels `WLS` on weighted data.
package enum WeightedLeastSquares {
    /// Fits y = Xβ by weighted least squares. `design` rows include the constant 1 as the first
    /// column, and there is at least one more column. Throws rather than returning NaNs.
    package static func fit(design: [[Double]], response: [Double], weights: [Double]) throws(StatisticsError) -> WLSFit {
        guard design.count == response.count else {
            throw .dimensionMismatch("design has \(design.count) rows but response has \(response.count) values")
        }
        guard weights.count == response.count else {
            throw .dimensionMismatch("weights has \(weights.count) values but response has \(response.count)")
        }
        guard let p = design.first?.count else { throw .tooFewObservations(needed: 3, got: 0) }
        for (index, row) in design.enumerated() where row.count != p {
            throw .dimensionMismatch("design row \(index) has \(row.count) columns, row 0 has \(p)")
        }
        guard p >= 2 else { throw .invalidArgument("the design needs the constant and at least one predictor") }
        for (index, w) in weights.enumerated() where !(w >= 0) || w.isInfinite {
            throw .invalidWeight(index: index, value: w)
        }
        let used = weights.indices.filter { weights[$0] > 0 }
        guard !used.isEmpty else { throw .allWeightsZero }
        for i in used {
            guard response[i].isFinite else { throw .invalidArgument("response \(i) is not finite") }
            guard design[i][0] == 1 else { throw .invalidArgument("design row \(i) does not start with the constant 1") }
            for value in design[i] where !value.isFinite {
                throw .invalidArgument("design row \(i) has a value that is not finite")
            }
        }
        let n = used.count
        guard n > p else { throw .tooFewObservations(needed: p + 1, got: n) }

        // √w-scaled design (column-major, so each Householder step walks contiguous memory) and response.
        var a = [[Double]](repeating: [Double](repeating: 0, count: n), count: p)
        var b = [Double](repeating: 0, count: n)
        for (row, i) in used.enumerated() {
            let root = weights[i].squareRoot()
            for j in 0..<p { a[j][row] = root * design[i][j] }
            b[row] = root * response[i]
        }
        let columnNorms = a.map { norm($0[...]) }
        let r = try householderQR(&a, &b, columnNorms: columnNorms)

        // β from R β = Qᵀb (first p entries); RSS is the squared norm of the rest of Qᵀb.
        var beta = [Double](repeating: 0, count: p)
        for k in stride(from: p - 1, through: 0, by: -1) {
            var s = b[k]
            for j in (k + 1)..<p { s -= r[k][j] * beta[j] }
            beta[k] = s / r[k][k]
        }
        var rss = 0.0
        for k in p..<n { rss += b[k] * b[k] }

        // (XᵀWX)⁻¹ = R⁻¹ R⁻ᵀ.
        var rInverse = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for column in 0..<p {
            rInverse[column][column] = 1 / r[column][column]
            for row in stride(from: column - 1, through: 0, by: -1) {
                var s = 0.0
                for k in (row + 1)...column { s += r[row][k] * rInverse[k][column] }
                rInverse[row][column] = -s / r[row][row]
            }
        }
        var covariance = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for i in 0..<p {
            for j in i..<p {
                var s = 0.0
                for k in j..<p { s += rInverse[i][k] * rInverse[j][k] }
                covariance[i][j] = s
                covariance[j][i] = s
            }
        }

        // MSS from the fitted values about the weighted mean, as R summary.lm does.
        var weightSum = 0.0, weightedResponse = 0.0
        for i in used { weightSum += weights[i]; weightedResponse += weights[i] * response[i] }
        let responseMean = weightedResponse / weightSum
        var fitted = [Double](repeating: 0, count: n)
        var fittedSum = 0.0
        for (row, i) in used.enumerated() {
            var value = 0.0
            for j in 0..<p { value += design[i][j] * beta[j] }
            fitted[row] = value
            fittedSum += weights[i] * value
        }
        let fittedMean = fittedSum / weightSum
        var mss = 0.0, tss = 0.0
        for (row, i) in used.enumerated() {
            mss += weights[i] * (fitted[row] - fittedMean) * (fitted[row] - fittedMean)
            tss += weights[i] * (response[i] - responseMean) * (response[i] - responseMean)
        }
        guard tss > 0 else { throw .invalidArgument("the response is constant over the weighted rows") }
        guard rss > 0 else { throw .invalidArgument("the fit is perfect: the residual sum of squares is zero") }

        let dfResidual = n - p
        let df = Double(dfResidual)
        let sigma = (rss / df).squareRoot()
        let standardErrors = (0..<p).map { sigma * covariance[$0][$0].squareRoot() }
        let tStatistics = (0..<p).map { beta[$0] / standardErrors[$0] }
        let pValues = tStatistics.map { StudentT.twoSidedP($0, df: df) }
        let rSquared = mss / (mss + rss)
        let fStatistic = (mss / Double(p - 1)) / (rss / df)
        return WLSFit(
            n: n, coefficients: beta, standardErrors: standardErrors, tStatistics: tStatistics,
            pValues: pValues, rSquared: rSquared,
            adjustedRSquared: 1 - (1 - rSquared) * Double(n - 1) / df,
            fStatistic: fStatistic,
            fPValue: FDistribution.survival(fStatistic, df1: Double(p - 1), df2: df),
            dfResidual: dfResidual, sigma: sigma, unscaledCovariance: covariance)
    }

    /// F = R²/(1 − R²) · (n − k − 1)/k for a fit with k slopes on n observations (k = 1:
    /// F = R²/(1 − R²)·(n − 2)), the relation the paper's reported F and R² satisfy.
    package static func fStatistic(rSquared: Double, observations: Int, slopes: Int = 1) -> Double {
        precondition(slopes >= 1 && observations > slopes + 1, "needs n > k + 1")
        return rSquared / (1 - rSquared) * Double(observations - slopes - 1) / Double(slopes)
    }

    // MARK: Internals

    /// Euclidean norm, scaled so that neither overflow nor underflow occurs.
    static func norm(_ v: ArraySlice<Double>) -> Double {
        var scale = 0.0
        for x in v { scale = max(scale, abs(x)) }
        if scale == 0 { return 0 }
        var s = 0.0
        for x in v { let y = x / scale; s += y * y }
        return scale * s.squareRoot()
    }

    /// Householder QR in place: reduces the p columns of `a` (column-major, n rows) to R and applies
    /// the same reflections to `b` (which becomes Qᵀb). Returns R (p×p, upper triangular). A column
    /// whose remaining part is below 1e-10 of its original norm makes the design rank-deficient
    /// (R's `lm` uses 1e-7 on the same ratio).
    static func householderQR(_ a: inout [[Double]], _ b: inout [Double],
                              columnNorms: [Double]) throws(StatisticsError) -> [[Double]] {
        let p = a.count, n = b.count
        var r = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for k in 0..<p {
            let alphaNorm = norm(a[k][k...])
            guard columnNorms[k] > 0, alphaNorm > 1e-10 * columnNorms[k] else { throw .rankDeficient }
            let x0 = a[k][k]
            let alpha = x0 > 0 ? -alphaNorm : alphaNorm
            // v = x − αe₁; H = I − 2vvᵀ/(vᵀv), with vᵀv = 2α(α − x₀) (no cancellation: α and x₀
            // have opposite signs).
            a[k][k] = x0 - alpha
            let vNormSquaredHalf = alpha * (alpha - x0)
            for j in (k + 1)..<p {
                var dot = 0.0
                for i in k..<n { dot += a[k][i] * a[j][i] }
                let factor = dot / vNormSquaredHalf
                for i in k..<n { a[j][i] -= factor * a[k][i] }
            }
            var dot = 0.0
            for i in k..<n { dot += a[k][i] * b[i] }
            let factor = dot / vNormSquaredHalf
            for i in k..<n { b[i] -= factor * a[k][i] }
            r[k][k] = alpha
            for j in (k + 1)..<p { r[k][j] = a[j][k] }
        }
        return r
    }
}
