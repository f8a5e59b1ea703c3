import Foundation

/// How the funnel's limits are widened for over-dispersion (shared/reference/funnel-overdispersion.md
/// §3.4–§3.6). Everything is on the arcsine-square-root scale, in radians.
package enum FunnelAdjustment: Equatable, Sendable {
    /// Binomial sampling only: sd = 1/(2√n) (§2.4; FunnelPlotR's unadjusted limits for proportions).
    case unadjusted
    /// Random effects: sd = √(1/(4n) + τ²), `tau2` in radians² (§3.5; FunnelPlotR `tau_func`).
    case additive(tau2: Double)
    /// Quasi-binomial: sd = √φ · 1/(2√n) (§3.4, Spiegelhalter 2005b).
    case multiplicative(phi: Double)

    /// The SD of an area's angle asin(√p) at denominator `denominator` (> 0).
    package func standardDeviation(denominator: Double) -> Double {
        let s2 = 1 / (4 * denominator)
        switch self {
        case .unadjusted: return s2.squareRoot()
        case .additive(let tau2): return (s2 + tau2).squareRoot()
        case .multiplicative(let phi): return (phi * s2).squareRoot()
        }
    }

    /// The `limits_used` word of `funnel.csv`.
    package var limitsUsed: FunnelLimitsUsed {
        switch self {
        case .unadjusted: return .unadjusted
        case .additive: return .additive
        case .multiplicative: return .multiplicative
        }
    }
}

/// Which limits a funnel drew (`funnel.csv` `limits_used`).
package enum FunnelLimitsUsed: String, Equatable, Sendable, CaseIterable {
    /// τ² random-effects limits (φ̂ > 1, additive method).
    case additive
    /// √φ̂-inflated limits (φ̂ > 1, multiplicative method).
    case multiplicative
    /// Binomial limits: method `none`, or φ̂ ≤ 1 (§3.6).
    case unadjusted
}

/// Where a proportion lies against its funnel limits. The cases are declared, and tested, in the
/// order of funnel-overdispersion.md §1 (first match wins); a value exactly on a limit is `within`
/// (strict `<` and `>`, as PHEindicatormethods; FunnelPlotR's limits are inclusive too).
package enum FunnelStatus: String, Equatable, Sendable, CaseIterable {
    /// p < lower 99.8% limit.
    case below99_8 = "below_99_8"
    /// p < lower 95% limit (and not below 99.8%).
    case below95 = "below_95"
    /// p > upper 99.8% limit.
    case above99_8 = "above_99_8"
    /// p > upper 95% limit (and not above 99.8%).
    case above95 = "above_95"
    /// Inside (or on) both pairs of limits.
    case within
}

/// Funnel control limits at one denominator, as proportions on the 0–1 scale (never percent).
/// angle = θ ∓ z·sd with θ = asin(√centre); a limit is 0 when its angle ≤ 0, 1 when ≥ π/2, else
/// sin²(angle) (funnel-overdispersion.md §3.7).
package struct FunnelLimits: Equatable, Sendable {
    /// Lower 95% limit (z = Φ⁻¹(0.975)).
    package let lower95: Double
    /// Upper 95% limit.
    package let upper95: Double
    /// Lower 99.8% limit (z = Φ⁻¹(0.999)).
    package let lower99_8: Double
    /// Upper 99.8% limit.
    package let upper99_8: Double

    /// The exact normal quantile Φ⁻¹(0.975) = 1.959963984540054 used for the 95% limits.
    package static let z95 = Normal.quantile(0.975)
    /// The exact normal quantile Φ⁻¹(0.999) = 3.090232306167813 used for the 99.8% limits.
    package static let z99_8 = Normal.quantile(0.999)

    /// The limits around the expected proportion `centre` (strictly inside (0, 1)) at `denominator`
    /// (> 0) with `adjustment`. `z95`/`z99_8` default to the exact quantiles; FunnelPlotR writes the
    /// rounded 1.959964 and 3.090232 (a difference below 1e-8 in any limit).
    package init(centre: Double, denominator: Double, adjustment: FunnelAdjustment,
                 z95: Double = FunnelLimits.z95, z99_8: Double = FunnelLimits.z99_8) {
        precondition(centre > 0 && centre < 1, "a funnel centre must lie strictly inside (0, 1)")
        precondition(denominator > 0 && denominator.isFinite, "a denominator must be positive")
        let theta = asin(centre.squareRoot())
        let sd = adjustment.standardDeviation(denominator: denominator)
        lower95 = Self.proportion(atAngle: theta - z95 * sd)
        upper95 = Self.proportion(atAngle: theta + z95 * sd)
        lower99_8 = Self.proportion(atAngle: theta - z99_8 * sd)
        upper99_8 = Self.proportion(atAngle: theta + z99_8 * sd)
    }

    /// The status of the proportion `p` against these limits, tested in the order of
    /// `FunnelStatus` (a value on a limit is within).
    package func status(of p: Double) -> FunnelStatus {
        if p < lower99_8 { return .below99_8 }
        if p < lower95 { return .below95 }
        if p > upper99_8 { return .above99_8 }
        if p > upper95 { return .above95 }
        return .within
    }

    /// sin² of an angle cut to [0, π/2], where sin² is monotone.
    static func proportion(atAngle angle: Double) -> Double {
        if angle <= 0 { return 0 }
        if angle >= Double.pi / 2 { return 1 }
        let s = sin(angle)
        return s * s
    }

    /// The limit curves of a funnel around the single `centre` (a flat funnel) at each of
    /// `denominators`, for drawing: one `FunnelLimits` per denominator, in the given order.
    package static func curve(centre: Double, denominators: [Double], adjustment: FunnelAdjustment) -> [FunnelLimits] {
        denominators.map { FunnelLimits(centre: centre, denominator: $0, adjustment: adjustment) }
    }
}
