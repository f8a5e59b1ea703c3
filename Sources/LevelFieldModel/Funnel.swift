/// The over-dispersion method of the funnels (`--overdispersion`, SPEC §7).
package enum OverdispersionChoice: String, Equatable, Sendable, CaseIterable {
    /// Additive random-effects limits, τ² (the default).
    case additive
    /// Limits widened by √φ̂.
    case multiplicative
    /// Binomial limits whatever φ̂ is.
    case none
}

/// Which of a period's two funnels (SPEC §7; `funnel.csv` `funnel`).
package enum FunnelKind: String, Equatable, Sendable, CaseIterable {
    /// Limits around the standard (or England / pooled rate), φ̂ and τ² about the pooled rate.
    case flat
    /// Limits around each area's deprivation-adjusted expectation ê_i.
    case adjusted
}

/// Which limits a funnel drew (`funnel.csv` `limits_used`).
package enum FunnelLimitsKind: String, Equatable, Sendable {
    /// τ²-widened limits.
    case additive
    /// √φ̂-widened limits.
    case multiplicative
    /// Binomial limits (method none, or φ̂ ≤ 1).
    case unadjusted
}

/// A funnel verdict, direction-aware (SPEC §7): `worse` is below the limits for an indicator
/// where higher is better and above them where lower is better.
package enum FunnelVerdict: String, Equatable, Sendable, CaseIterable {
    /// Outside the 99.8% limit on the worse side.
    case worse99_8 = "worse_99_8"
    /// Outside the 95% (but not the 99.8%) limit on the worse side.
    case worse95 = "worse_95"
    /// Within the 95% limits (a value on a limit is within).
    case asExpected = "as_expected"
    /// Outside the 95% (but not the 99.8%) limit on the better side.
    case better95 = "better_95"
    /// Outside the 99.8% limit on the better side.
    case better99_8 = "better_99_8"

    /// True for `worse_95` and `worse_99_8` (the funnel's "worse" in SPEC §7.2).
    package var isWorse: Bool { self == .worse95 || self == .worse99_8 }
}

/// Funnel limits at one denominator, percent.
package struct FunnelBand: Equatable, Sendable {
    /// Lower 95% limit.
    package var lower95: Double
    /// Upper 95% limit.
    package var upper95: Double
    /// Lower 99.8% limit.
    package var lower99_8: Double
    /// Upper 99.8% limit.
    package var upper99_8: Double

    /// Creates a band.
    package init(lower95: Double, upper95: Double, lower99_8: Double, upper99_8: Double) {
        self.lower95 = lower95
        self.upper95 = upper95
        self.lower99_8 = lower99_8
        self.upper99_8 = upper99_8
    }
}

/// One area's place in one funnel.
package struct AreaFunnel: Equatable, Sendable {
    /// The centre the area's limits are drawn around, percent (the standard, or ê_i).
    package var centre: Double
    /// (asin√p − asin√centre)/sd, sd of the limits used: compare with ±1.96 and ±3.09.
    package var z: Double
    /// The area's limits, percent.
    package var limits: FunnelBand
    /// The verdict.
    package var verdict: FunnelVerdict
    /// Where the area is drawn on the funnel plot, percent: the rate itself on the flat funnel;
    /// on the adjusted funnel the rate moved, on the arcsine scale, by the distance from ê_i to
    /// the plot's centre, so that every area is drawn against one set of curves.
    package var plotted: Double

    /// Creates an area's funnel result.
    package init(centre: Double, z: Double, limits: FunnelBand, verdict: FunnelVerdict, plotted: Double) {
        self.centre = centre
        self.z = z
        self.limits = limits
        self.verdict = verdict
        self.plotted = plotted
    }
}

/// A point of a funnel's limit curves, for the plot.
package struct FunnelCurvePoint: Equatable, Sendable {
    /// The denominator.
    package var denominator: Double
    /// The limits at that denominator around the plot's centre, percent.
    package var band: FunnelBand

    /// Creates a curve point.
    package init(denominator: Double, band: FunnelBand) {
        self.denominator = denominator
        self.band = band
    }
}

/// One funnel of one period and indicator (`funnel.csv` row).
package struct FunnelSummary: Equatable, Sendable {
    /// Flat or adjusted.
    package var kind: FunnelKind
    /// Areas assessed (m): those in Q, φ̂ and τ².
    package var areas: Int
    /// φ̂ as reported (Q/m; Q/(m − 2) for the multiplicative adjusted funnel).
    package var phi: Double
    /// τ² as estimated, radians² on the arcsine-square-root scale.
    package var tau2: Double
    /// The limits drawn.
    package var limitsUsed: FunnelLimitsKind
    /// The plot's centre line, percent: the standard for the flat funnel, the pooled rate of the
    /// assessed areas for the adjusted one.
    package var centre: Double
    /// The limit curves around `centre`, in increasing denominator.
    package var curve: [FunnelCurvePoint]

    /// Creates a funnel summary.
    package init(kind: FunnelKind, areas: Int, phi: Double, tau2: Double, limitsUsed: FunnelLimitsKind,
                 centre: Double, curve: [FunnelCurvePoint]) {
        self.kind = kind
        self.areas = areas
        self.phi = phi
        self.tau2 = tau2
        self.limitsUsed = limitsUsed
        self.centre = centre
        self.curve = curve
    }
}

extension PeriodReport {
    /// The areas' verdicts in one funnel (areas not assessed left out).
    package func funnelVerdicts(_ kind: FunnelKind) -> [FunnelVerdict] {
        areas.compactMap { kind == .flat ? $0.flatFunnel?.verdict : $0.funnel?.verdict }
    }

    /// The number of areas with each verdict in one funnel, in `FunnelVerdict.allCases` order.
    package func funnelCounts(_ kind: FunnelKind) -> [(verdict: FunnelVerdict, count: Int)] {
        let verdicts = funnelVerdicts(kind)
        return FunnelVerdict.allCases.map { verdict in (verdict, verdicts.filter { $0 == verdict }.count) }
    }

    /// The funnel of this kind, if computed.
    package func funnel(_ kind: FunnelKind) -> FunnelSummary? {
        kind == .flat ? flatFunnel : adjustedFunnel
    }

    /// The agreement of one comparison (`standard_vs_adjusted`, `standard_vs_funnel`, `adjusted_vs_funnel`).
    package func agreement(_ comparison: String) -> AgreementSummary? {
        allAgreements.first { $0.comparison == comparison }
    }

    /// Every comparison of SPEC §7.2 that was made, `standard_vs_adjusted` first.
    package var allAgreements: [AgreementSummary] { [agreement] + funnelAgreements }
}
