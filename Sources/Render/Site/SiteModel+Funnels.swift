import LevelFieldModel

/// The funnels on the site (SPEC §7.1, §7.2): plots with table twins on period pages, the
/// credible verdict first on area pages, the comparisons in sentences, the values on the methods page.
extension SiteModel {
    // MARK: Words

    /// The credible verdict in plain words, for the indicator's direction (recovery: lower = worse).
    static func funnelWords(_ verdict: FunnelVerdict, _ indicator: Indicator, adjusted: Bool) -> String {
        let others = adjusted ? "areas with similar deprivation" : "an area exactly at the standard"
        let (worse, better) = indicator.direction == .higherIsBetter ? ("lower", "higher") : ("higher", "lower")
        switch verdict {
        case .asExpected: return "not distinguishable from \(others)"
        case .worse95: return "\(worse) than \(others) would plausibly show (outside the 95% limit; worse)"
        case .worse99_8: return "clearly \(worse) than \(others) would plausibly show (outside the 99.8% limit; worse)"
        case .better95: return "\(better) than \(others) would plausibly show (outside the 95% limit; better)"
        case .better99_8: return "clearly \(better) than \(others) would plausibly show (outside the 99.8% limit; better)"
        }
    }

    static func limitsWords(_ kind: FunnelLimitsKind) -> String {
        switch kind {
        case .additive: "widened for the real spread between services (additive, τ²)"
        case .multiplicative: "widened for the real spread between services (multiplicative, √φ̂)"
        case .unadjusted: "binomial: chance alone (no over-dispersion allowance)"
        }
    }

    /// τ on the arcsine scale in words: near a rate of 50% it is about the spread of true rates.
    static func tauWords(_ tau2: Double) -> String {
        let tau = tau2.squareRoot()
        return "τ = \(ReadableNumber.fixed(tau, 4)) radians (about \(ReadableNumber.fixed(100 * tau, 1)) percentage points between services’ true rates near 50%)"
    }

    static func worseCount(_ period: PeriodReport, _ kind: FunnelKind) -> Int {
        period.funnelVerdicts(kind).filter(\.isWorse).count
    }

    // MARK: Period pages

    /// The funnels section of a period page (merged into `overview`).
    func funnelOverview(_ period: PeriodReport, root: String) -> TemplateContext {
        let label = period.period.label
        let funnels = FunnelKind.allCases.compactMap { kind in period.funnel(kind).map { (kind, $0) } }
        return [
            "hasFunnels": .flag(!funnels.isEmpty),
            "funnels": .list(funnels.map { kind, funnel in funnelBlock(period, funnel, root: root) }),
            "comparisonSentences": .list(comparisonSentences(period).map { ["sentence": .text($0)] }),
            "funnelPeriodLabel": .text(label),
        ]
    }

    /// One sentence per comparison of SPEC §7.2: how many each system calls worse, and κ.
    func comparisonSentences(_ period: PeriodReport) -> [String] {
        period.allAgreements.map { a in
            let (first, second): (String, String)
            switch a.comparison {
            case "standard_vs_funnel": (first, second) = ("the \(referenceName(period))", "the adjusted funnel")
            case "adjusted_vs_funnel": (first, second) = ("the paper’s adjusted benchmark", "the adjusted funnel")
            default: (first, second) = ("the \(referenceName(period))", "the paper’s adjusted benchmark")
            }
            let kappa = a.kappa.map { "κ = \(ReadableNumber.fixed($0, 2)), \(Self.kappaWords($0))" } ?? "κ cannot be computed"
            return "Of \(ReadableNumber.count(a.areas)) areas, \(first) calls \(ReadableNumber.count(a.worseBoth + a.worseFirstOnly)) worse and "
                + "\(second) \(ReadableNumber.count(a.worseBoth + a.worseSecondOnly)); both call \(ReadableNumber.count(a.worseBoth)) worse "
                + "and they agree on \(ReadableNumber.count(a.worseBoth + a.worseNeither)) of the \(ReadableNumber.count(a.areas)) (\(kappa))."
        }
    }

    func referenceName(_ period: PeriodReport) -> String {
        switch period.referenceKind {
        case .standard: "\(ReadableNumber.fixed(period.reference, 0))% standard"
        case .england: "England rate"
        case .pooled: "rate of all areas"
        }
    }

    func funnelBlock(_ period: PeriodReport, _ funnel: FunnelSummary, root: String, highlight: AreaCode? = nil) -> TemplateContext {
        let label = period.period.label
        let isFlat = funnel.kind == .flat
        let counts = period.funnelCounts(funnel.kind)
        let count = { (verdict: FunnelVerdict) in counts.first { $0.verdict == verdict }?.count ?? 0 }
        let worse = count(.worse95) + count(.worse99_8), better = count(.better95) + count(.better99_8)
        let name = isFlat ? "Flat funnel: around the \(referenceName(period))" : "Adjusted funnel: around each area’s expected rate"
        let description = "Funnel plot of \(funnel.areas) areas in \(label): horizontal axis patients (the rate’s denominator), vertical axis "
            + (isFlat ? "the \(period.indicator.name.lowercased()) rate in percent" : "the rate moved to the average deprivation in percent (each area keeps its distance from its own expected rate)")
            + ". A heavy line marks the \(isFlat ? referenceName(period) : "expected rate") at \(ReadableNumber.percent(funnel.centre)); dashed curves the 95% limits, solid curves the 99.8% limits, narrowing as patients grow. "
            + "Areas outside the limits on the worse side are red downward triangles (outlined beyond 95%, filled beyond 99.8%), on the better side blue upward triangles, within the limits grey circles."
        let summary = "φ̂ = \(ReadableNumber.fixed(funnel.phi, 2)): areas differ about \(ReadableNumber.fixed(funnel.phi, 0)) times as much as chance alone would make them. "
            + "Limits \(Self.limitsWords(funnel.limitsUsed)). \(ReadableNumber.count(worse)) of \(ReadableNumber.count(funnel.areas)) areas are outside the limits on the worse side "
            + "(\(ReadableNumber.count(count(.worse99_8))) beyond 99.8%), \(ReadableNumber.count(better)) on the better side, \(ReadableNumber.count(count(.asExpected))) within."
        let chart = FunnelChart(period: period, funnel: funnel, highlight: highlight, onlyHighlight: false, id: "funnel-\(funnel.kind.rawValue)",
                                title: "\(name), \(label)", description: description)
        return [
            "funnelName": .text(name),
            "funnelKind": .text(funnel.kind.rawValue),
            "funnelChart": .trusted(chart.render()),
            "funnelSummary": .text(summary),
            "isAdjustedFunnel": .flag(!isFlat),
            "funnelRows": .list(period.areas.compactMap { area in
                guard let result = isFlat ? area.flatFunnel : area.funnel else { return nil }
                return [
                    "href": .text(areaHref(area.code, root: root)),
                    "name": .text(area.name),
                    "code": .text(area.code.rawValue),
                    "denominator": .text(ReadableNumber.count(area.denominator)),
                    "rate": .text(ReadableNumber.percent(area.rate)),
                    "centre": .text(ReadableNumber.percent(result.centre)),
                    "limits95": .text(Self.limitsText(result.limits.lower95, result.limits.upper95)),
                    "limits998": .text(Self.limitsText(result.limits.lower99_8, result.limits.upper99_8)),
                    "verdict": .text(FunnelChart.label(result.verdict, period.indicator)),
                ]
            }),
        ]
    }

    static func limitsText(_ lower: Double, _ upper: Double) -> String {
        "\(ReadableNumber.percent(lower)) to \(ReadableNumber.percent(upper))"
    }

    // MARK: Area pages

    /// The area page's funnel part (merged into `areaPage`): the credible verdict first, in words,
    /// and the adjusted funnel's curves with only this area's point (the period page has every point).
    func funnelArea(_ code: AreaCode) -> TemplateContext {
        guard let (period, area) = (histories[code]?.last).flatMap({ entry in
            report.periods.first { $0.period == entry.period }.map { ($0, entry.result) }
        }) else { return ["hasCredible": .flag(false), "credibleVerdict": .text(""), "credibleSentence": .text(""), "hasAreaFunnel": .flag(false), "areaFunnel": .list([])] }
        let label = period.period.label
        guard let funnel = period.adjustedFunnel, let result = area.funnel else {
            let reason = period.adjustedFunnel == nil ? "the adjusted funnel could not be computed for \(label)"
                : "its expected rate is outside 0–100%, so the adjusted funnel cannot assess it (see the data-quality page)"
            return ["hasCredible": .flag(true), "credibleVerdict": .text("Not assessed by the funnel"),
                    "credibleSentence": .text("\(area.name) has no funnel verdict: \(reason)."), "hasAreaFunnel": .flag(false), "areaFunnel": .list([])]
        }
        let words = Self.funnelWords(result.verdict, period.indicator, adjusted: true)
        let sentence = "In \(label), \(area.name)’s \(period.indicator.name.lowercased()) rate of \(ReadableNumber.percent(area.rate)) is \(words): "
            + "areas as deprived are expected to reach \(ReadableNumber.percent(result.centre)), and once chance and the usual spread between services are allowed for, "
            + "an area of \(ReadableNumber.count(area.denominator)) patients would plausibly show \(Self.limitsText(result.limits.lower95, result.limits.upper95)) (95%) "
            + "or \(Self.limitsText(result.limits.lower99_8, result.limits.upper99_8)) (99.8%)."
        let flatSentence = area.flatFunnel.map { flat in
            " Against the \(referenceName(period)) (flat funnel) it is \(Self.funnelWords(flat.verdict, period.indicator, adjusted: false))."
        } ?? ""
        let description = "Funnel plot of \(label): the adjusted funnel’s 95% (dashed) and 99.8% (solid) limit curves around the expected rate, "
            + "with only \(area.name)’s point drawn, ringed and labelled, at \(ReadableNumber.count(area.denominator)) patients; its shape shows its verdict: \(FunnelChart.label(result.verdict, period.indicator))."
        let chart = FunnelChart(period: period, funnel: funnel, highlight: code, onlyHighlight: true, id: "funnel-area",
                                title: "\(area.name) in the adjusted funnel, \(label)", description: description)
        return [
            "hasCredible": .flag(true),
            "credibleVerdict": .text(words.capitalisedFirst),
            "credibleSentence": .text(sentence + flatSentence),
            "hasAreaFunnel": .flag(true),
            "areaFunnel": .list([[
                "chart": .trusted(chart.render()),
                "periodHref": .text(periodHref(period.period)),
                "periodLabel": .text(label),
                "denominator": .text(ReadableNumber.count(area.denominator)),
                "rate": .text(ReadableNumber.percent(area.rate)),
                "plotted": .text(ReadableNumber.percent(result.plotted)),
                "centre": .text(ReadableNumber.percent(result.centre)),
                "limits95": .text(Self.limitsText(result.limits.lower95, result.limits.upper95)),
                "limits998": .text(Self.limitsText(result.limits.lower99_8, result.limits.upper99_8)),
                "z": .text(ReadableNumber.fixed(result.z, 2)),
                "verdict": .text(FunnelChart.label(result.verdict, period.indicator)),
            ]]),
        ]
    }

    // MARK: Methods

    /// The methods page's funnel values, one row per period (merged into `methods`).
    func funnelMethods() -> TemplateContext {
        let rows: [TemplateContext] = report.periods.compactMap { period in
            guard let flat = period.flatFunnel, let adjusted = period.adjustedFunnel else { return nil }
            let a = period.agreement
            return [
                "label": .text(period.period.label),
                "areas": .text(ReadableNumber.count(adjusted.areas)),
                "phiFlat": .text(ReadableNumber.fixed(flat.phi, 2)),
                "phiAdjusted": .text(ReadableNumber.fixed(adjusted.phi, 2)),
                "tau": .text(ReadableNumber.fixed(adjusted.tau2.squareRoot(), 4)),
                "limitsUsed": .text(adjusted.limitsUsed.rawValue),
                "worseBenchmark": .text(ReadableNumber.count(a.worseBoth + a.worseSecondOnly)),
                "worseFunnel": .text(ReadableNumber.count(Self.worseCount(period, .adjusted))),
            ]
        }
        var context: TemplateContext = [
            "overdispersion": .text(options.overdispersion.rawValue),
            "funnelRows": .list(rows),
            "hasFunnelRows": .flag(!rows.isEmpty),
            "funnelLatest": .list([]),
        ]
        if let latest = report.latest, let adjusted = latest.adjustedFunnel {
            let a = latest.agreement
            context["funnelLatest"] = .list([[
                "label": .text(latest.period.label),
                "phi": .text(ReadableNumber.fixed(adjusted.phi, 2)),
                "tauWords": .text(Self.tauWords(adjusted.tau2)),
                "worseBenchmark": .text(ReadableNumber.count(a.worseBoth + a.worseSecondOnly)),
                "worseFunnel": .text(ReadableNumber.count(Self.worseCount(latest, .adjusted))),
                "areas": .text(ReadableNumber.count(a.areas)),
            ]])
        }
        return context
    }
}
