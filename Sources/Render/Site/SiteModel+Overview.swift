import LevelFieldModel

extension SiteModel {
    /// The overview of one period: `index.html` (latest) or `periods/<slug>.html`.
    func overview(_ period: PeriodReport, isIndex: Bool) -> TemplateContext {
        let root = isIndex ? "" : "../"
        let a = period.agreement
        let m = period.model
        let label = period.period.label
        let index = report.periods.firstIndex { $0.period == period.period } ?? 0
        let patients = period.areas.reduce(0) { $0 + $1.denominator }
        let pooled = patients == 0 ? 0 : period.areas.reduce(0.0) { $0 + $1.rate * Double($1.denominator) } / Double(patients)
        let belowTarget = a.worseBoth + a.worseFirstOnly, belowAdjusted = a.worseBoth + a.worseSecondOnly
        let above = period.areas.filter { $0.adjustedVerdict == .better }.count
        let kappaText = a.kappa.map { ReadableNumber.fixed($0, 2) } ?? "not available"
        let kappaCI = a.kappaInterval.map { "\(ReadableNumber.fixed($0.lower, 2)) to \(ReadableNumber.fixed($0.upper, 2))" } ?? "not available"
        // Areas with a page but no result in this period, so that every area page is one click away.
        let analysed = Set(period.areas.map(\.code))
        let otherAreas = areaCodes.filter { !analysed.contains($0) }
        let slopeUnit = isRank ? "percentage points per rank place (higher rank = less deprived)" : "percentage points per IMD score point"

        func neighbour(_ offset: Int) -> TemplateValue {
            let i = index + offset
            guard report.periods.indices.contains(i) else { return .list([]) }
            let p = report.periods[i].period
            return .list([["label": .text(p.label), "href": .text(periodHref(p, root: root))]])
        }
        let agreementDescription = "Two-by-two table of \(a.areas) areas in \(label). Below the \(target) target and below the adjusted benchmark: \(a.worseBoth). "
            + "Below the target only: \(a.worseFirstOnly). Below the adjusted benchmark only: \(a.worseSecondOnly). Below neither: \(a.worseNeither). "
            + "Cohen’s kappa \(kappaText)."
        var agreementSummary = "The flat target calls \(ReadableNumber.percent(a.percentWorseFirst)) of areas underperforming; "
            + "the adjusted benchmark calls \(ReadableNumber.percent(a.percentWorseSecond))"
        if let kappa = a.kappa { agreementSummary += " (κ = \(ReadableNumber.fixed(kappa, 2)), \(Self.kappaWords(kappa)))." } else { agreementSummary += "." }

        return strengthContext(period).merging([
            "title": .text(isIndex ? "Recovery rates, latest period (\(label))" : "Recovery rates, \(label)"),
            "heading": .text("NHS Talking Therapies recovery rates, \(label)"),
            "hasPeriod": .flag(true),
            "isIndex": .flag(isIndex),
            "periodLabel": .text(label),
            "previous": neighbour(-1),
            "next": neighbour(1),
            "areaCount": .text(ReadableNumber.count(period.areas.count)),
            "patients": .text(ReadableNumber.count(patients)),
            "pooledRate": .text(ReadableNumber.percent(pooled)),
            "target": .text(target),
            "confidence": .text(confidence),
            "belowTarget": .text(ReadableNumber.count(belowTarget)),
            "belowTargetPercent": .text(ReadableNumber.percent(a.percentWorseFirst)),
            "meetsTarget": .text(ReadableNumber.count(a.areas - belowTarget)),
            "belowAdjusted": .text(ReadableNumber.count(belowAdjusted)),
            "belowAdjustedPercent": .text(ReadableNumber.percent(a.percentWorseSecond)),
            "withinAdjusted": .text(ReadableNumber.count(a.areas - belowAdjusted - above)),
            "aboveAdjusted": .text(ReadableNumber.count(above)),
            "kappa": .text(kappaText),
            "kappaCI": .text(kappaCI),
            "kappaWords": .text(a.kappa.map(Self.kappaWords) ?? "agreement could not be measured"),
            "pearson": .text(a.pearsonChi2.map { "Pearson χ² = \(ReadableNumber.fixed($0, 2)) (1 df), \(ReadableNumber.pPhrase(a.pearsonP))" }
                ?? "Pearson χ² not available"),
            "mcnemar": .text(a.mcnemarChi2.map { "McNemar χ² = \(ReadableNumber.fixed($0, 2)) (1 df), \(ReadableNumber.pPhrase(a.mcnemarP))" }
                ?? "McNemar χ² not available (no area is judged differently by the two verdicts)"),
            "agreementNotes": .list(a.notes.map { ["note": .text($0)] }),
            "belowBoth": .text(String(a.worseBoth)),
            "belowTargetOnly": .text(String(a.worseFirstOnly)),
            "belowAdjustedOnly": .text(String(a.worseSecondOnly)),
            "belowNeither": .text(String(a.worseNeither)),
            "agreementChart": .trusted(AgreementChart(agreement: a, targetPercent: options.targetPercent, id: "agreement",
                                                      title: "Agreement of the two verdicts, \(label)", description: agreementDescription).render()),
            "agreementSummary": .text(agreementSummary),
            "measure": .text(measureWords),
            "equation": .text("expected rate = \(ReadableNumber.fixed(m.intercept, 2)) \(m.slope < 0 ? "−" : "+") \(ReadableNumber.fixed(abs(m.slope), 4)) × \(measureWords)"),
            "slope": .text(ReadableNumber.fixed(m.slope, 4)),
            "seSlope": .text(ReadableNumber.fixed(m.seSlope, 4)),
            "slopeUnit": .text(slopeUnit),
            "pSlope": .text(ReadableNumber.pPhrase(m.pSlope)),
            "rSquared": .text(ReadableNumber.percent(100 * m.rSquared)),
            "fStatistic": .text(ReadableNumber.fixed(m.fStatistic, 2)),
            "dfResidual": .text(String(m.dfResidual)),
            "fP": .text(ReadableNumber.pPhrase(m.fP)),
            "outlierCount": .text(String(period.outliers.count)),
            "fences": .text(interval(period.outliers.fences)),
            "dummyP": .list(period.outliers.dummyP.map { [["text": .text("The outlier dummy’s \(ReadableNumber.pPhrase($0)).")]] } ?? []),
            "outlierNote": .list(period.outliers.note.map { [["note": .text($0)]] } ?? []),
            "correlations": .list(period.correlations.map(correlationRow)),
            "scatter": .trusted(ScatterChart(period: period, measure: options.measure, targetPercent: options.targetPercent,
                                             confidencePercent: options.confidencePercent, highlight: nil, id: "scatter",
                                             title: "Recovery rate against deprivation, \(label)", description: scatterDescription(period)).render()),
            "scatterSummary": .text(scatterSummary(period)),
            "areas": .list(period.areas.map { areaRow($0, root: root) }),
            "hasOtherAreas": .flag(!otherAreas.isEmpty),
            "otherAreas": .list(otherAreas.map { code in
                ["href": .text(areaHref(code, root: root)), "code": .text(code.rawValue),
                 "name": .text(histories[code]?.last?.result.name ?? code.rawValue)]
            }),
        ])
    }

    /// The index when no period could be analysed: it says so and still links to the ledger.
    func emptyOverview() -> TemplateContext {
        ["title": .text("No period analysed"), "heading": .text("NHS Talking Therapies recovery rates"), "hasPeriod": .flag(false)]
    }

    func correlationRow(_ c: CorrelationResult) -> TemplateContext {
        let variable: String = switch c.variable {
        case .referrals: "New referrals"
        case .finishedTreatment: "Finished a course of treatment"
        case .rate: c.excludesOutliers ? "Recovery rate, without extreme outliers" : "Recovery rate"
        }
        return [
            "variable": .text(variable),
            "rho": .text(ReadableNumber.optional(c.rho, 2)),
            "p": .text(ReadableNumber.pValue(c.p)),
            "n": .text(ReadableNumber.count(c.n)),
            "note": .text(c.note ?? ""),
        ]
    }
}
