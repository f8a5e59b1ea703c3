import LevelFieldModel

extension SiteModel {
    /// `methods.html`: the formulas are in the template; the options come from the report.
    func methods() -> TemplateContext {
        [
            "title": .text("Methods"),
            "target": .text(target),
            "confidence": .text(confidence),
            "measure": .text(measureWords),
            "isRank": .flag(isRank),
            "aggregate": .list(options.aggregate.map { [["aggregate": .text($0)]] } ?? []),
            "areaLevel": .list(options.areaLevel.map { [["areaLevel": .text($0)]] } ?? []),
            "pThreshold": .text(Self.pThresholdText),
            "rSquaredThreshold": .text(Self.rSquaredThresholdText),
            "indicatorRows": .list(Indicator.all.map { indicator in
                ["name": .text(indicator.name), "definition": .text(Self.definition(indicator)),
                 "better": .text(indicator.direction == .higherIsBetter ? "higher" : "lower"),
                 "standard": .text(options.standard(for: indicator).map { ReadableNumber.fixed($0, 0) + "%" }
                    ?? "none: England’s rate of the period (else all areas together)")]
            }),
        ]
    }

    /// `data-quality.html`: every ledger entry, counts by reason, skipped rows and the inputs.
    func dataQuality() -> TemplateContext {
        var reasonCounts: [String: (description: String, count: Int)] = [:]
        for entry in report.ledger {
            let key = entry.reason.key
            let generic = Self.reasonHeading(entry.reason)
            reasonCounts[key, default: (generic, 0)].count += 1
        }
        let dash = "—"
        return [
            "title": .text("Data quality"),
            "ledgerCount": .text(ReadableNumber.count(report.ledger.count)),
            "hasLedger": .flag(!report.ledger.isEmpty),
            "reasons": .list(reasonCounts.keys.sorted().map { key in
                ["key": .text(key), "description": .text(reasonCounts[key]!.description), "count": .text(ReadableNumber.count(reasonCounts[key]!.count))]
            }),
            "ledger": .list(report.ledger.map { entry in
                [
                    "file": .text(entry.sourceFile),
                    "line": .text(entry.line.map(String.init) ?? dash),
                    "period": .text(entry.period?.label ?? dash),
                    "area": .text(entry.areaCode?.rawValue ?? dash),
                    "reason": .text(entry.reason.description),
                ]
            }),
            "hasSkipped": .flag(!report.skipped.isEmpty),
            "skipped": .list(report.skipped.map { ["file": .text($0.sourceFile), "what": .text($0.what), "count": .text(ReadableNumber.count($0.count))] }),
            "skippedTotal": .text(ReadableNumber.count(report.skipped.reduce(0) { $0 + $1.count })),
            "inputs": .list(report.inputs.map {
                ["path": .text($0.path), "format": .text($0.format), "rows": .text(ReadableNumber.count($0.rowCount)), "sha256": .text($0.sha256)]
            }),
            "periodsAnalysed": .list(report.periods.map { ["label": .text($0.period.label), "href": .text(periodHref($0.period, root: "")),
                                                          "areas": .text(ReadableNumber.count($0.areas.count))] }),
        ]
    }

    /// A reason without its details, for counting.
    static func reasonHeading(_ reason: ExclusionReason) -> String {
        switch reason {
        case .suppressed: "a value needed was suppressed or missing"
        case .noRecoveryFigure: "no recovery count or rate"
        case .zeroDenominator: "recovery denominator is 0"
        case .zeroIndicatorDenominator: "an indicator's denominator is 0"
        case .noDeprivationMatch: "no deprivation value for the area and period"
        case .noOutcomeMatch: "in the deprivation data but no outcome row"
        case .notGeographicArea: "not a geographic area (commissioning hub or unknown)"
        case .incompleteQuarter: "quarter missing a month"
        case .suppressedMonth: "quarter with a suppressed month"
        case .periodNotAnalysable: "period not analysable"
        case .funnelNotAssessed: "not assessed by the adjusted funnel"
        case .inequalityNotCalculated: "slope index of inequality not calculated"
        }
    }
}
