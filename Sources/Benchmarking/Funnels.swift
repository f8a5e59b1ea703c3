import Foundation
import LevelFieldModel
import Statistics

/// SPEC §7: a period's flat and adjusted funnels (shared/reference/funnel-overdispersion.md via
/// `Statistics.Funnel`), the per-area funnel verdicts and the two funnel comparisons of §7.2.
enum Funnels {
    /// Points of each funnel's limit curves on the plot.
    static let curvePoints = 48

    /// The funnels' results for one period's analysis, ready to be set on the `PeriodReport`.
    struct Outcome {
        var flat: FunnelSummary?
        var adjusted: FunnelSummary?
        /// Per area (same order as the input areas): the adjusted and the flat funnel.
        var areaAdjusted: [AreaFunnel?]
        var areaFlat: [AreaFunnel?]
        /// Areas the adjusted funnel could not assess.
        var ledger: [LedgerEntry]
    }

    /// Both funnels for `areas` (one period and indicator), the flat one around `reference`
    /// (percent). `x` is each area's deprivation value, in the same order.
    static func compute(_ areas: [AreaResult], indicator: Indicator, period: Period, reference: Double,
                        method: OverdispersionChoice) -> Outcome {
        let method = statisticsMethod(method)
        let numerators = areas.map { area in area.numerator.map(Double.init) ?? area.rate * Double(area.denominator) / 100 }
        let denominators = areas.map { Double($0.denominator) }
        let grid = curveGrid(denominators)
        var outcome = Outcome(flat: nil, adjusted: nil, areaAdjusted: Array(repeating: nil, count: areas.count),
                              areaFlat: Array(repeating: nil, count: areas.count), ledger: [])

        // Flat: φ̂, τ² about the pooled rate, limits around the reference (SPEC §7, ref. §4.2).
        if let flat = try? Funnel.flat(numerators: numerators, denominators: denominators,
                                       limitsAround: reference / 100, method: method) {
            outcome.flat = summary(.flat, flat, centre: reference / 100, grid: grid)
            for (index, unit) in flat.units.enumerated() {
                outcome.areaFlat[index] = areaFunnel(unit, indicator: indicator, plotted: unit.proportion)
            }
        }

        // Adjusted: about each area's ê_i/100; areas with ê_i outside (0, 1) are not assessed.
        var assessed: [Int] = []
        for (index, area) in areas.enumerated() {
            let expected = area.expected / 100
            if expected > 0 && expected < 1 {
                assessed.append(index)
            } else {
                outcome.ledger.append(LedgerEntry(
                    sourceFile: area.observation.source.file, line: area.observation.source.line, period: period,
                    areaCode: area.code,
                    reason: .funnelNotAssessed(indicator: indicator.id, expected: String(format: "%.2f", area.expected))))
            }
        }
        if let adjusted = try? Funnel.adjusted(numerators: assessed.map { numerators[$0] },
                                               denominators: assessed.map { denominators[$0] },
                                               expected: assessed.map { areas[$0].expected / 100 },
                                               design: assessed.map { [1, areas[$0].deprivation] }, method: method) {
            // Drawn around the pooled rate of the assessed areas: each area is moved on the
            // arcsine scale by its distance from ê_i, which keeps its position against the limits.
            let centre = adjusted.pooledProportion
            outcome.adjusted = summary(.adjusted, adjusted, centre: centre, grid: grid)
            for (position, unit) in adjusted.units.enumerated() {
                let angle = asin(centre.squareRoot()) + asin(unit.proportion.squareRoot()) - asin(unit.centre.squareRoot())
                let clamped = min(Double.pi / 2, max(0, angle))
                outcome.areaAdjusted[assessed[position]] = areaFunnel(unit, indicator: indicator, plotted: sin(clamped) * sin(clamped))
            }
        }
        return outcome
    }

    /// `standard_vs_funnel` and `adjusted_vs_funnel` over the areas the adjusted funnel assessed.
    static func agreements(_ areas: [AreaResult]) -> [AgreementSummary] {
        let assessed = areas.compactMap { area in area.funnel.map { (area, $0.verdict.isWorse) } }
        return [
            Agreement.summary("standard_vs_funnel", assessed.map { ($0.0.standardVerdict == .misses, $0.1) }),
            Agreement.summary("adjusted_vs_funnel", assessed.map { ($0.0.adjustedVerdict == .worse, $0.1) }),
        ]
    }

    static func statisticsMethod(_ choice: OverdispersionChoice) -> OverdispersionMethod {
        switch choice {
        case .additive: .additive
        case .multiplicative: .multiplicative
        case .none: .none
        }
    }

    /// `curvePoints` denominators spaced geometrically from the smallest to the largest.
    static func curveGrid(_ denominators: [Double]) -> [Double] {
        guard let low = denominators.min(), let high = denominators.max() else { return [] }
        guard high > low else { return [low] }
        let ratio = log(high / low)
        return (0..<curvePoints).map { step in
            step == curvePoints - 1 ? high : low * exp(ratio * Double(step) / Double(curvePoints - 1))
        }
    }

    static func summary(_ kind: FunnelKind, _ analysis: FunnelAnalysis, centre: Double, grid: [Double]) -> FunnelSummary {
        let limitsUsed: FunnelLimitsKind
        switch analysis.limitsUsed {
        case .additive: limitsUsed = .additive
        case .multiplicative: limitsUsed = .multiplicative
        case .unadjusted: limitsUsed = .unadjusted
        }
        let curve = grid.map { n in
            FunnelCurvePoint(denominator: n, band: band(analysis.limits(centre: centre, denominator: n)))
        }
        return FunnelSummary(kind: kind, areas: analysis.units.count, phi: analysis.phi, tau2: analysis.tau2,
                             limitsUsed: limitsUsed, centre: 100 * centre, curve: curve)
    }

    static func band(_ limits: FunnelLimits) -> FunnelBand {
        FunnelBand(lower95: 100 * limits.lower95, upper95: 100 * limits.upper95,
                   lower99_8: 100 * limits.lower99_8, upper99_8: 100 * limits.upper99_8)
    }

    static func areaFunnel(_ unit: FunnelUnit, indicator: Indicator, plotted: Double) -> AreaFunnel {
        AreaFunnel(centre: 100 * unit.centre, z: unit.adjustedZ, limits: band(unit.limits),
                   verdict: verdict(unit.status, direction: indicator.direction), plotted: 100 * plotted)
    }

    /// The direction-aware verdict of a funnel status.
    static func verdict(_ status: FunnelStatus, direction: Direction) -> FunnelVerdict {
        let higherIsBetter = direction == .higherIsBetter
        switch status {
        case .below99_8: return higherIsBetter ? .worse99_8 : .better99_8
        case .below95: return higherIsBetter ? .worse95 : .better95
        case .above99_8: return higherIsBetter ? .better99_8 : .worse99_8
        case .above95: return higherIsBetter ? .better95 : .worse95
        case .within: return .asExpected
        }
    }
}
