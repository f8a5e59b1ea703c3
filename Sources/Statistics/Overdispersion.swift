import Foundation

/// Over-dispersion of m arcsine z-scores about their expected values: Winsorising at the 10th and
/// 90th percentiles, Q, φ̂ = Q/m, φ̂′ = Q/(m − k) and the moment estimator τ²
/// (shared/reference/funnel-overdispersion.md §3.2, §3.3, §3.5, §4.3). With the constant design
/// (k = 1) this is FunnelPlotR 0.6.0 `winsorisation`, `phi_func` and `tau_func` exactly.
package struct Overdispersion: Equatable, Sendable {
    /// m, the number of units.
    package let units: Int
    /// k, the number of parameters fitted to the same data to give the expected values
    /// (1 for the pooled mean, 2 for a regression on one covariate).
    package let parameters: Int
    /// The 10th percentile of the z-scores (type 7): z below it is pulled up to it.
    package let lowerCut: Double
    /// The 90th percentile of the z-scores (type 7): z above it is pulled down to it.
    package let upperCut: Double
    /// The Winsorised z-scores z*, in the input order.
    package let winsorisedZ: [Double]
    /// Q = Σ z*².
    package let q: Double
    /// φ̂ = Q/m (FunnelPlotR `phi_func`): reported, and the φ̂ > 1 switch, except for the
    /// multiplicative method about a fitted line (see `phiResidual`).
    package let phi: Double
    /// φ̂′ = Q/(m − k) (§3.3 extension): the multiplicative φ̂ of the adjusted funnel (SPEC §7).
    package let phiResidual: Double
    /// tr(P) = Σw − trace((XᵀWX)⁻¹XᵀW²X), w = 4n; Σw − Σw²/Σw for the constant design.
    package let traceP: Double
    /// τ² (radians²) = 0 if Q < m − k, else max(0, (Q − (m − k))/tr(P)). Reported even when the
    /// limits do not use it (φ̂ ≤ 1), as FunnelPlotR returns it.
    package let tau2: Double

    /// The fraction Winsorised at each end (FunnelPlotR `trim_by = 0.1`).
    package static let winsorFraction = 0.1

    /// Estimates the over-dispersion of `zScores` (z_i = 2√n_i(asin√p_i − asin√e_i), finite) of
    /// units with `denominators` n_i > 0. `design` is the m × k matrix of the fit that produced the
    /// expected values, rows in the same order (e.g. [1, x_i]); `nil` means the constant design
    /// (k = 1: the pooled mean or a flat centre). Needs m > k and a full-rank design.
    package static func estimate(zScores: [Double], denominators: [Double], design: [[Double]]? = nil) throws(StatisticsError) -> Overdispersion {
        let m = zScores.count
        guard denominators.count == m else {
            throw .dimensionMismatch("\(m) z-scores but \(denominators.count) denominators")
        }
        let rows = design ?? [[Double]](repeating: [1], count: m)
        guard rows.count == m else { throw .dimensionMismatch("\(m) z-scores but \(rows.count) design rows") }
        let k = rows.first?.count ?? 1
        guard k >= 1 else { throw .invalidArgument("the design has no columns") }
        for (index, row) in rows.enumerated() {
            guard row.count == k else { throw .dimensionMismatch("design row \(index) has \(row.count) columns, row 0 has \(k)") }
            guard row.allSatisfy(\.isFinite) else { throw .invalidArgument("design row \(index) has a value that is not finite") }
        }
        guard m > k else { throw .tooFewObservations(needed: k + 1, got: m) }
        for (index, z) in zScores.enumerated() where !z.isFinite {
            throw .invalidArgument("z-score \(index) is not finite")
        }
        for (index, n) in denominators.enumerated() where !(n > 0) || !n.isFinite {
            throw .invalidArgument("denominator \(index) is not positive: \(n)")
        }

        let sorted = zScores.sorted()
        let lowerCut = Quantile.type7(sorted: sorted, probability: winsorFraction)
        let upperCut = Quantile.type7(sorted: sorted, probability: 1 - winsorFraction)
        let winsorised = zScores.map { min(max($0, lowerCut), upperCut) }
        let q = winsorised.reduce(0) { $0 + $1 * $1 }

        let weights = denominators.map { 4 * $0 }
        let traceP = try Self.traceP(design: rows, weights: weights)
        let residualDF = Double(m - k)
        let tau2 = q < residualDF || !(traceP > 0) ? 0 : max(0, (q - residualDF) / traceP)
        return Overdispersion(units: m, parameters: k, lowerCut: lowerCut, upperCut: upperCut,
                              winsorisedZ: winsorised, q: q, phi: q / Double(m), phiResidual: q / residualDF,
                              traceP: traceP, tau2: tau2)
    }

    /// Σw − Σ_i w_i² x_iᵀ(XᵀWX)⁻¹x_i, with (XᵀWX)⁻¹ from the Householder QR of √W·X:
    /// x_iᵀ(XᵀWX)⁻¹x_i = ‖R⁻ᵀx_i‖².
    static func traceP(design: [[Double]], weights: [Double]) throws(StatisticsError) -> Double {
        let m = weights.count, k = design[0].count
        var a = [[Double]](repeating: [Double](repeating: 0, count: m), count: k)
        for i in 0..<m {
            let root = weights[i].squareRoot()
            for j in 0..<k { a[j][i] = root * design[i][j] }
        }
        var unused = [Double](repeating: 0, count: m)
        let r = try WeightedLeastSquares.householderQR(&a, &unused, columnNorms: a.map { WeightedLeastSquares.norm($0[...]) })
        var total = 0.0, correction = 0.0
        var u = [Double](repeating: 0, count: k)
        for i in 0..<m {
            // Forward substitution Rᵀu = x_i.
            for j in 0..<k {
                var s = design[i][j]
                for l in 0..<j { s -= r[l][j] * u[l] }
                u[j] = s / r[j][j]
            }
            let leverage = u.reduce(0) { $0 + $1 * $1 }
            total += weights[i]
            correction += weights[i] * weights[i] * leverage
        }
        return total - correction
    }
}
