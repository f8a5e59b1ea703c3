import LevelFieldModel
import Render

/// What `levelfield summary` prints for one period: for a person, or as JSON.
enum SummaryText {
    static func text(_ period: PeriodReport, report: Report) -> String {
        let options = report.metadata.options
        let model = period.model
        let agreement = period.agreement
        let indicator = period.indicator
        let x = options.measure == .rank ? "IMD rank" : "IMD score"
        let worse = indicator.direction == .higherIsBetter ? "Below" : "Above"
        var lines: [String] = []
        lines.append("Period \(period.period.label), \(indicator.name): \(agreement.areas) areas" + (report.metadata.isSynthetic ? " (SYNTHETIC demonstration data)" : ""))
        lines.append("Model (WLS, weights = \(indicator.denominator.rawValue)): \(indicator.id) % = \(fixed(model.intercept, 3)) \(model.slope < 0 ? "−" : "+") \(significant(abs(model.slope), 4)) × \(x)")
        lines.append("  slope SE \(significant(model.seSlope, 3)), t = \(fixed(model.tSlope, 2)), \(pValue(model.pSlope))")
        lines.append("  R² = \(fixed(model.rSquared, 3)), F(1, \(model.dfResidual)) = \(fixed(model.fStatistic, 2)), \(pValue(model.fP)), σ̂ = \(significant(model.sigma, 4))")
        let strength = model.strength
        lines.append("  most to least deprived area: \(strength.gradient < 0 ? "−" : "+")\(fixed(abs(strength.gradient), 1)) percentage points "
            + "(95% CI \(fixed(strength.gradientInterval.lower, 1)) to \(fixed(strength.gradientInterval.upper, 1)))"
            + (strength.level == .explainsLittle ? "; deprivation explains little (p ≥ 0.05 or R² < 5%): the benchmark is close to the all-areas rate of \(fixed(strength.pooledRate, 1))%" : ""))
        lines.append("\(worse) the \(referenceWords(period)): \(agreement.worseBoth + agreement.worseFirstOnly) of \(agreement.areas) (\(fixed(agreement.percentWorseFirst, 1))%)")
        lines.append("Worse than the adjusted benchmark (\(number(options.confidencePercent))% interval): \(agreement.worseBoth + agreement.worseSecondOnly) of \(agreement.areas) (\(fixed(agreement.percentWorseSecond, 1))%)")
        lines.append("  worse under both \(agreement.worseBoth), standard only \(agreement.worseFirstOnly), adjusted only \(agreement.worseSecondOnly), neither \(agreement.worseNeither)")
        if let kappa = agreement.kappa, let interval = agreement.kappaInterval {
            lines.append("Agreement: κ = \(fixed(kappa, 3)) (95% CI \(fixed(interval.lower, 3)) to \(fixed(interval.upper, 3)))")
        }
        if let chi2 = agreement.pearsonChi2, let p = agreement.pearsonP {
            lines.append("Pearson χ²(1) = \(fixed(chi2, 3)), \(pValue(p))")
        }
        if let chi2 = agreement.mcnemarChi2, let p = agreement.mcnemarP {
            lines.append("McNemar χ²(1) = \(fixed(chi2, 3)), \(pValue(p))")
        }
        for note in agreement.notes { lines.append("Note: \(note)") }
        lines += funnelLines(period)
        let differing = differingAreas(period)
        lines.append("Verdicts differ for \(differing.count) area\(differing.count == 1 ? "" : "s")" + (differing.isEmpty ? "." : ":"))
        for area in differing {
            lines.append("  \(area.code.rawValue)  \(area.name): \(fixed(area.rate, 1))% — \(standardWords(area, period)); \(adjustedWords(area)) (expected \(fixed(area.expected, 1))%, \(fixed(area.expectedInterval.lower, 1))–\(fixed(area.expectedInterval.upper, 1)))")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ period: PeriodReport, report: Report) -> String {
        let model = period.model
        let agreement = period.agreement
        let options = report.metadata.options
        let differing = differingAreas(period).map { area -> JSONValue in
            .object([
                ("area_code", .string(area.code.rawValue)), ("area_name", .string(area.name)),
                ("rate", .number(area.rate)), ("expected_rate", .number(area.expected)),
                ("expected_lower", .number(area.expectedInterval.lower)), ("expected_upper", .number(area.expectedInterval.upper)),
                ("standard_verdict", .string(area.standardVerdict.rawValue)), ("adjusted_verdict", .string(area.adjustedVerdict.rawValue)),
            ])
        }
        let value: JSONValue = .object([
            ("period", .string(period.period.label)),
            ("indicator", .string(period.indicator.id)),
            ("synthetic", .bool(report.metadata.isSynthetic)),
            ("standard", .number(period.reference)),
            ("standard_source", .string(period.referenceKind.rawValue)),
            ("better_when", .string(period.indicator.direction.rawValue)),
            ("confidence_percent", .number(options.confidencePercent)),
            ("deprivation_measure", .string(options.measure.rawValue)),
            ("model", .object([
                ("areas", .integer(model.areas)), ("intercept", .number(model.intercept)), ("slope", .number(model.slope)),
                ("se_slope", .number(model.seSlope)), ("t_slope", .number(model.tSlope)), ("p_slope", .number(model.pSlope)),
                ("r_squared", .number(model.rSquared)), ("f_statistic", .number(model.fStatistic)), ("f_p", .number(model.fP)),
                ("df_residual", .integer(model.dfResidual)), ("sigma", .number(model.sigma)),
            ])),
            ("agreement", .object([
                ("comparison", .string(agreement.comparison)),
                ("areas", .integer(agreement.areas)),
                ("worse_both", .integer(agreement.worseBoth)), ("worse_first_only", .integer(agreement.worseFirstOnly)),
                ("worse_second_only", .integer(agreement.worseSecondOnly)), ("worse_neither", .integer(agreement.worseNeither)),
                ("percent_worse_first", .number(agreement.percentWorseFirst)),
                ("percent_worse_second", .number(agreement.percentWorseSecond)),
                ("kappa", .optional(agreement.kappa)), ("kappa_se", .optional(agreement.kappaSE)),
                ("kappa_lower_95", .optional(agreement.kappaInterval?.lower)), ("kappa_upper_95", .optional(agreement.kappaInterval?.upper)),
                ("pearson_chi2", .optional(agreement.pearsonChi2)), ("pearson_p", .optional(agreement.pearsonP)),
                ("mcnemar_chi2", .optional(agreement.mcnemarChi2)), ("mcnemar_p", .optional(agreement.mcnemarP)),
                ("notes", .array(agreement.notes.map(JSONValue.string))),
            ])),
            ("overdispersion", .string(options.overdispersion.rawValue)),
            ("funnels", .array(FunnelKind.allCases.compactMap { kind in period.funnel(kind).map { funnelJSON($0, period) } })),
            ("funnel_agreement", .array(period.funnelAgreements.map { agreement in
                .object([
                    ("comparison", .string(agreement.comparison)), ("areas", .integer(agreement.areas)),
                    ("worse_first", .integer(agreement.worseBoth + agreement.worseFirstOnly)),
                    ("worse_second", .integer(agreement.worseBoth + agreement.worseSecondOnly)),
                    ("worse_both", .integer(agreement.worseBoth)),
                    ("kappa", .optional(agreement.kappa)),
                ])
            })),
            ("verdicts_differ", .array(differing)),
        ])
        return value.prettyPrinted()
    }

    /// The funnels' φ̂, τ², limits and verdict counts (SPEC §7), and their agreement with the other verdicts.
    static func funnelLines(_ period: PeriodReport) -> [String] {
        var lines: [String] = []
        for kind in FunnelKind.allCases {
            guard let funnel = period.funnel(kind) else { continue }
            let counts = period.funnelCounts(kind)
            let count = { (verdict: FunnelVerdict) in counts.first { $0.verdict == verdict }?.count ?? 0 }
            let worse = count(.worse95) + count(.worse99_8)
            let name = kind == .flat ? "Flat funnel (around the \(referenceWords(period)))" : "Adjusted funnel (around each expected rate)"
            lines.append("\(name): φ̂ = \(fixed(funnel.phi, 2)), τ² = \(significant(funnel.tau2, 3)), \(funnel.limitsUsed.rawValue) limits, \(funnel.areas) areas")
            lines.append("  worse \(worse) (\(fixed(funnel.areas == 0 ? 0 : 100 * Double(worse) / Double(funnel.areas), 1))%; 99.8%: \(count(.worse99_8)), 95%: \(count(.worse95))), as expected \(count(.asExpected)), better \(count(.better95) + count(.better99_8)) (99.8%: \(count(.better99_8)), 95%: \(count(.better95)))")
        }
        for agreement in period.funnelAgreements {
            let first = agreement.comparison == "standard_vs_funnel" ? "standard" : "adjusted benchmark"
            let kappa = agreement.kappa.map { "κ = \(fixed($0, 3))" } ?? "κ not computable"
            lines.append("Funnel vs \(first): \(agreement.worseBoth + agreement.worseSecondOnly) worse by the funnel, \(agreement.worseBoth + agreement.worseFirstOnly) by the \(first), \(agreement.worseBoth) by both; \(kappa)")
        }
        return lines
    }

    static func funnelJSON(_ funnel: FunnelSummary, _ period: PeriodReport) -> JSONValue {
        .object([
            ("funnel", .string(funnel.kind.rawValue)), ("areas", .integer(funnel.areas)),
            ("phi", .number(funnel.phi)), ("tau2", .number(funnel.tau2)), ("limits_used", .string(funnel.limitsUsed.rawValue)),
        ] + period.funnelCounts(funnel.kind).map { ($0.verdict.rawValue, JSONValue.integer($0.count)) })
    }

    /// Areas whose standard verdict (misses) differs from the adjusted one (worse), by code.
    static func differingAreas(_ period: PeriodReport) -> [AreaResult] {
        period.areas.filter { ($0.standardVerdict == .misses) != ($0.adjustedVerdict == .worse) }
    }

    /// What the standard verdict compared with, in words.
    static func referenceWords(_ period: PeriodReport) -> String {
        let value = period.referenceKind == .standard ? number(period.reference) : fixed(period.reference, 1)
        switch period.referenceKind {
        case .standard: return "\(value)% standard"
        case .england: return "England rate (\(value)%)"
        case .pooled: return "pooled rate of all areas (\(value)%)"
        }
    }

    static func standardWords(_ area: AreaResult, _ period: PeriodReport) -> String {
        area.standardVerdict == .misses ? "misses the \(referenceWords(period))" : "meets the \(referenceWords(period))"
    }

    static func adjustedWords(_ area: AreaResult) -> String {
        switch area.adjustedVerdict {
        case .worse: "worse than its adjusted benchmark"
        case .asExpected: "as expected for its deprivation"
        case .better: "better than its adjusted benchmark"
        }
    }

    // Numbers for people: the site's rounding (POSIX, no locale, never -0).
    static func fixed(_ value: Double, _ decimals: Int) -> String { ReadableNumber.fixed(value, decimals) }

    static func pValue(_ p: Double) -> String { ReadableNumber.pPhrase(p) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    static func significant(_ value: Double, _ digits: Int) -> String {
        guard value != 0, value.isFinite else { return ReadableNumber.fixed(value, 0) }
        var exponent = 0
        var magnitude = abs(value)
        while magnitude >= 10 { magnitude /= 10; exponent += 1 }
        while magnitude < 1 { magnitude *= 10; exponent -= 1 }
        return fixed(value, max(0, digits - 1 - exponent))
    }
}
