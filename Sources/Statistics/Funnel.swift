import Foundation

/// The over-dispersion method of a funnel (`--overdispersion`, SPEC §7).
package enum OverdispersionMethod: String, Equatable, Sendable, CaseIterable {
    /// τ² random-effects limits (§3.5), the default.
    case additive
    /// √φ̂-inflated limits (§3.4).
    case multiplicative
    /// Binomial limits whatever φ̂ is.
    case none
}

/// One unit (area) of a funnel. Proportions are on the 0–1 scale.
package struct FunnelUnit: Equatable, Sendable {
    /// p = numerator/denominator.
    package let proportion: Double
    /// n, the denominator.
    package let denominator: Double
    /// The expected proportion the limits are drawn around (the target, the pooled mean or ê_i).
    package let centre: Double
    /// z = 2√n(asin√p − asin√e) about the centre the over-dispersion was estimated about (the
    /// pooled mean for a flat funnel, ê_i for an adjusted one): the z that enters Q.
    package let z: Double
    /// z after Winsorising (§3.2).
    package let winsorisedZ: Double
    /// (asin√p − asin√centre)/sd with the sd of the limits used: compare with ±1.96, ±3.09.
    package let adjustedZ: Double
    /// The limits at this unit's denominator around `centre`.
    package let limits: FunnelLimits
    /// `limits.status(of: proportion)`.
    package let status: FunnelStatus
}

/// An immutable funnel result (funnel-overdispersion.md §3, SPEC §7).
package struct FunnelAnalysis: Equatable, Sendable {
    /// The method asked for.
    package let method: OverdispersionMethod
    /// Q, Winsorised z, φ̂ = Q/m, φ̂′ = Q/(m − k) and τ² as estimated.
    package let dispersion: Overdispersion
    /// The φ̂ of this funnel, as reported (`funnel.csv` `phi`) and compared with 1 for the switch:
    /// Q/(m − k) for the multiplicative method about a fitted line (SPEC §7), otherwise Q/m.
    package let phi: Double
    /// τ² (radians²) as estimated (`funnel.csv` `tau2`); used by the limits only when
    /// `adjustment` is `.additive`.
    package let tau2: Double
    /// The adjustment the limits use: `.unadjusted` for method `none` or when `phi` ≤ 1.
    package let adjustment: FunnelAdjustment
    /// The pooled proportion Σnumerator/Σdenominator of the units.
    package let pooledProportion: Double
    /// One entry per input unit, in the input order.
    package let units: [FunnelUnit]

    /// `funnel.csv` `limits_used`.
    package var limitsUsed: FunnelLimitsUsed { adjustment.limitsUsed }

    /// The limits this funnel uses around `centre` at any `denominator` (for drawing a flat
    /// funnel's curves on a grid, or an interval around one ê_i).
    package func limits(centre: Double, denominator: Double) -> FunnelLimits {
        FunnelLimits(centre: centre, denominator: denominator, adjustment: adjustment)
    }

    /// The number of units with each status, in `FunnelStatus.allCases` order.
    package var statusCounts: [(status: FunnelStatus, count: Int)] {
        FunnelStatus.allCases.map { status in (status, units.filter { $0.status == status }.count) }
    }
}

/// Funnel plots for proportions with over-dispersion, on the arcsine-square-root scale
/// (shared/reference/funnel-overdispersion.md with the choices pinned in SPEC §7). With
/// `limitsAround: nil` and method additive, `flat` reproduces FunnelPlotR 0.6.0
/// `funnel_plot(data_type = "PR")` exactly (its z, Winsorised z, φ, τ², limits and outliers).
package enum Funnel {
    /// z = 2√n·(asin√p − asin√e) (§3.1); p in [0, 1], e strictly inside (0, 1), n > 0.
    package static func zScore(proportion p: Double, expected e: Double, denominator n: Double) -> Double {
        2 * n.squareRoot() * (asin(p.squareRoot()) - asin(e.squareRoot()))
    }

    /// The flat funnel: φ̂ and τ² are estimated about the pooled proportion ΣO/Σn of these units
    /// (k = 1, τ² by §3.5) and the limits are drawn around `target` (§4.2), e.g. 0.50 or the
    /// England rate; `target: nil` draws them around the pooled proportion itself (FunnelPlotR).
    /// `numerators` O_i and `denominators` n_i are counts (0 ≤ O_i ≤ n_i, n_i > 0; O_i need not be
    /// whole). Needs m ≥ 2 units and a pooled proportion strictly inside (0, 1).
    package static func flat(numerators: [Double], denominators: [Double], limitsAround target: Double?,
                             method: OverdispersionMethod) throws(StatisticsError) -> FunnelAnalysis {
        let pooled = try pooledProportion(numerators: numerators, denominators: denominators)
        guard pooled > 0 && pooled < 1 else {
            throw .invalidArgument("the pooled proportion is \(pooled); a funnel needs it strictly inside (0, 1)")
        }
        if let target {
            guard target > 0 && target < 1 else { throw .invalidArgument("the target \(target) is not strictly inside (0, 1)") }
        }
        let m = numerators.count
        return try analyse(numerators: numerators, denominators: denominators,
                           estimationCentres: [Double](repeating: pooled, count: m), design: nil,
                           limitCentres: [Double](repeating: target ?? pooled, count: m),
                           pooled: pooled, method: method)
    }

    /// The adjusted funnel: z-scores, φ̂ and τ² about each unit's own `expected` proportion ê_i
    /// (0–1 scale, strictly inside (0, 1); e.g. the WLS fit of §2.5 divided by 100), and the limits
    /// drawn around ê_i. `design` is the fit's m × k design in the same row order ([1, x_i]);
    /// τ² uses the k-parameter formula of §4.3, and the multiplicative method uses φ̂ = Q/(m − k)
    /// in the switch and the limits (SPEC §7). Units whose ê_i is outside (0, 1) must be left out
    /// by the caller (they are not assessable); one here is an error.
    package static func adjusted(numerators: [Double], denominators: [Double], expected: [Double],
                                 design: [[Double]], method: OverdispersionMethod) throws(StatisticsError) -> FunnelAnalysis {
        let pooled = try pooledProportion(numerators: numerators, denominators: denominators)
        guard expected.count == numerators.count else {
            throw .dimensionMismatch("\(numerators.count) units but \(expected.count) expected values")
        }
        for (index, e) in expected.enumerated() where !(e > 0 && e < 1) {
            throw .invalidArgument("expected proportion \(index) is \(e), not strictly inside (0, 1)")
        }
        return try analyse(numerators: numerators, denominators: denominators, estimationCentres: expected,
                           design: design, limitCentres: expected, pooled: pooled, method: method)
    }

    /// Checks the counts and returns ΣO/Σn.
    static func pooledProportion(numerators: [Double], denominators: [Double]) throws(StatisticsError) -> Double {
        guard numerators.count == denominators.count else {
            throw .dimensionMismatch("\(numerators.count) numerators but \(denominators.count) denominators")
        }
        guard !numerators.isEmpty else { throw .tooFewObservations(needed: 2, got: 0) }
        var sumO = 0.0, sumN = 0.0
        for (index, (o, n)) in zip(numerators, denominators).enumerated() {
            guard n > 0 && n.isFinite else { throw .invalidArgument("denominator \(index) is not positive: \(n)") }
            guard o >= 0 && o <= n else { throw .invalidArgument("numerator \(index) is \(o), outside 0…\(n)") }
            sumO += o
            sumN += n
        }
        return sumO / sumN
    }

    static func analyse(numerators: [Double], denominators: [Double], estimationCentres: [Double],
                        design: [[Double]]?, limitCentres: [Double], pooled: Double,
                        method: OverdispersionMethod) throws(StatisticsError) -> FunnelAnalysis {
        let proportions = zip(numerators, denominators).map { min(1, $0 / $1) }
        let z = proportions.indices.map {
            zScore(proportion: proportions[$0], expected: estimationCentres[$0], denominator: denominators[$0])
        }
        let dispersion = try Overdispersion.estimate(zScores: z, denominators: denominators, design: design)
        let phi = method == .multiplicative && design != nil ? dispersion.phiResidual : dispersion.phi
        let adjustment: FunnelAdjustment
        switch method {
        case .none: adjustment = .unadjusted
        case _ where !(phi > 1): adjustment = .unadjusted
        case .additive: adjustment = .additive(tau2: dispersion.tau2)
        case .multiplicative: adjustment = .multiplicative(phi: phi)
        }
        let units = proportions.indices.map { i -> FunnelUnit in
            let limits = FunnelLimits(centre: limitCentres[i], denominator: denominators[i], adjustment: adjustment)
            let sd = adjustment.standardDeviation(denominator: denominators[i])
            let adjustedZ = (asin(proportions[i].squareRoot()) - asin(limitCentres[i].squareRoot())) / sd
            return FunnelUnit(proportion: proportions[i], denominator: denominators[i], centre: limitCentres[i],
                              z: z[i], winsorisedZ: dispersion.winsorisedZ[i], adjustedZ: adjustedZ,
                              limits: limits, status: limits.status(of: proportions[i]))
        }
        return FunnelAnalysis(method: method, dispersion: dispersion, phi: phi, tau2: dispersion.tau2,
                              adjustment: adjustment, pooledProportion: pooled, units: units)
    }
}
