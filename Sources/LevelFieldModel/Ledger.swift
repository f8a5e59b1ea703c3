/// Why an input row or area could not be used. Every exclusion has one (SPEC §1, §2.1).
package enum ExclusionReason: Hashable, Sendable {
    /// A value needed for the analysis was suppressed or missing (`*`, empty, `-`, `NULL`, `..`).
    case suppressed(column: String)
    /// Neither a recovery count nor a recovery rate.
    case noRecoveryFigure
    /// The recovery denominator is 0, so there is no rate.
    case zeroDenominator
    /// The area has no deprivation value for this period in the deprivation data.
    case noDeprivationMatch
    /// The deprivation data lists the area but the outcome data has no row for it in this period.
    case noOutcomeMatch
    /// A code that is not a geographic area: commissioning hubs (`13Q` `13R` `14A` `14E`), `UNKNOWN`.
    case notGeographicArea
    /// A quarter summed from months lacks one of them (months listed `YYYY-MM`).
    case incompleteQuarter(missingMonths: [String])
    /// A quarter summed from months has a month whose value was suppressed.
    case suppressedMonth(month: String, column: String)
    /// One indicator's denominator is 0 for this area (the area stays in the other indicators).
    case zeroIndicatorDenominator(indicator: String)
    /// The period has too few usable areas (or no spread in deprivation) to fit the model.
    case periodNotAnalysable(detail: String)
    /// The area's expected rate ê is outside (0, 100), so the adjusted funnel cannot assess it
    /// (SPEC §7); it stays in every other verdict.
    case funnelNotAssessed(indicator: String, expected: String)
    /// An organisation's deciles do not allow the slope and relative index of inequality (SPEC §8.2).
    case inequalityNotCalculated(indicator: String, detail: String)

    /// A stable key for grouping and for the CSV (`suppressed`, `no_deprivation_match`, …).
    package var key: String {
        switch self {
        case .suppressed: "suppressed"
        case .noRecoveryFigure: "no_recovery_figure"
        case .zeroDenominator, .zeroIndicatorDenominator: "zero_denominator"
        case .noDeprivationMatch: "no_deprivation_match"
        case .noOutcomeMatch: "no_outcome_match"
        case .notGeographicArea: "not_geographic_area"
        case .incompleteQuarter: "incomplete_quarter"
        case .suppressedMonth: "suppressed_month"
        case .periodNotAnalysable: "period_not_analysable"
        case .funnelNotAssessed: "funnel_not_assessed"
        case .inequalityNotCalculated: "inequality_not_calculated"
        }
    }

    /// Plain-English reason, as written to `exclusions.csv` and the data-quality page.
    package var description: String {
        switch self {
        case .suppressed(let column): "value suppressed or missing: \(column)"
        case .noRecoveryFigure: "no recovery count or rate"
        case .zeroDenominator: "recovery denominator is 0"
        case .zeroIndicatorDenominator(let indicator): "\(indicator) denominator is 0"
        case .noDeprivationMatch: "no deprivation value for this area and period"
        case .noOutcomeMatch: "in the deprivation data but no outcome row for this period"
        case .notGeographicArea: "not a geographic area (commissioning hub or unknown)"
        case .incompleteQuarter(let months): "incomplete quarter: missing month \(months.joined(separator: ", "))"
        case .suppressedMonth(let month, let column): "quarter has a suppressed month: \(column) in \(month)"
        case .periodNotAnalysable(let detail): "period not analysable: \(detail)"
        case .funnelNotAssessed(let indicator, let expected):
            "\(indicator): not assessed by the adjusted funnel: expected rate \(expected)% is outside 0–100"
        case .inequalityNotCalculated(let indicator, let detail): "\(indicator) SII/RII not calculated: \(detail)"
        }
    }
}

/// One line of the data-quality ledger: an input row or area that the analysis does not use.
package struct LedgerEntry: Hashable, Sendable {
    /// The input file, as the user named it.
    package var sourceFile: String
    /// 1-based line in that file, when the exclusion is about one row.
    package var line: Int?
    /// The period, when known.
    package var period: Period?
    /// The area, when known.
    package var areaCode: AreaCode?
    /// Why it was excluded.
    package var reason: ExclusionReason

    /// Creates a ledger line.
    package init(sourceFile: String, line: Int?, period: Period?, areaCode: AreaCode?, reason: ExclusionReason) {
        self.sourceFile = sourceFile
        self.line = line
        self.period = period
        self.areaCode = areaCode
        self.reason = reason
    }

    /// The ledger's canonical order: period, area code, source file, line, reason key. Output
    /// never depends on input row order.
    package static func canonicalOrder(_ a: LedgerEntry, _ b: LedgerEntry) -> Bool {
        let pa = a.period?.label ?? "", pb = b.period?.label ?? ""
        if pa != pb { return pa.utf8.lexicographicallyPrecedes(pb.utf8) }
        let ca = a.areaCode?.rawValue ?? "", cb = b.areaCode?.rawValue ?? ""
        if ca != cb { return ca.utf8.lexicographicallyPrecedes(cb.utf8) }
        if a.sourceFile != b.sourceFile { return a.sourceFile.utf8.lexicographicallyPrecedes(b.sourceFile.utf8) }
        if (a.line ?? 0) != (b.line ?? 0) { return (a.line ?? 0) < (b.line ?? 0) }
        return a.reason.description.utf8.lexicographicallyPrecedes(b.reason.description.utf8)
    }
}
