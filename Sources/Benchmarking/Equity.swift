import LevelFieldModel
import Statistics

/// SPEC §8.2: per period, indicator and organisation (the areas' organisations and England,
/// `ENGLAND`), each decile's rate with its Wilson 95% interval, the slope and relative index of
/// inequality (`InequalityIndex`, PHE point estimates, known-variance interval, SII in
/// percentage points), and the other breakdowns' rates. An indicator that an organisation's
/// decile rows do not carry at all (the waits) is simply absent; one they carry but whose ten
/// deciles do not all have 0 < numerator < denominator gets no SII/RII and a ledger line.
enum Equity {
    /// The analyses of `rows` (in `BreakdownRow.canonicalOrder`) for `periods`, and the ledger lines.
    static func analyse(_ rows: [BreakdownRow], periods: [Period]) -> (analyses: [EquityAnalysis], ledger: [LedgerEntry]) {
        let wanted = Set(periods)
        var byOrganisation: [(key: String, rows: [BreakdownRow])] = []
        for row in rows where wanted.contains(row.observation.period) {
            let key = "\(row.observation.period.label)\u{0}\(row.observation.areaCode.rawValue)"
            if byOrganisation.last?.key == key { byOrganisation[byOrganisation.count - 1].rows.append(row) }
            else { byOrganisation.append((key, [row])) }
        }
        var analyses: [EquityAnalysis] = []
        var ledger: [LedgerEntry] = []
        for (_, group) in byOrganisation {
            for indicator in Indicator.all {
                guard let (analysis, line) = analyse(group, indicator: indicator) else { continue }
                analyses.append(analysis)
                if let line { ledger.append(line) }
            }
        }
        // Period, then indicator order, then England first and codes in order (rows already are).
        let indexed = analyses.enumerated().sorted { a, b in
            if a.element.period != b.element.period { return a.element.period < b.element.period }
            if a.element.indicator.order != b.element.indicator.order { return a.element.indicator.order < b.element.indicator.order }
            return a.offset < b.offset
        }
        return (indexed.map(\.element), ledger)
    }

    /// One organisation's analysis of one indicator, or `nil` when its breakdown rows do not carry it.
    static func analyse(_ rows: [BreakdownRow], indicator: Indicator) -> (EquityAnalysis, LedgerEntry?)? {
        guard rows.contains(where: { $0.observation.count(indicator.numerator) != nil }) else { return nil }
        let first = rows[0].observation
        let rates = rows.map { rate($0, indicator: indicator) }
        let deciles = rates.filter { $0.kind == .imdDecile }.sorted { $0.sequence < $1.sequence }
        let groups = rates.filter { $0.kind != .imdDecile }
        var summary: InequalitySummary?
        var reason: String?
        if deciles.isEmpty {
            reason = nil
        } else if let missing = (1...10).first(where: { decile in !deciles.contains { $0.sequence == decile && $0.numerator != nil && $0.denominator != nil } }) {
            reason = "decile \(missing) is suppressed or missing"
        } else {
            let numerators = deciles.map { Double($0.numerator!) }, denominators = deciles.map { Double($0.denominator!) }
            switch InequalityIndex.compute(numerators: numerators, denominators: denominators, multiplier: 100, confidence: 0.95) {
            case .success(let index):
                summary = InequalitySummary(
                    decilesUsed: index.groups, sii: index.sii, siiInterval: Interval(lower: index.siiLower, upper: index.siiUpper),
                    rii: index.rii ?? .nan,
                    riiInterval: index.riiLower.flatMap { lower in index.riiUpper.map { Interval(lower: lower, upper: $0) } })
            case .failure(let problem):
                reason = decileReason(problem)
            }
        }
        if let value = summary, !value.rii.isFinite { summary = nil; reason = "the fitted most-deprived rate is not positive" }
        let analysis = EquityAnalysis(period: first.period, indicator: indicator, areaCode: first.areaCode, areaName: first.areaName,
                                      deciles: deciles, groups: groups, inequality: summary, notCalculated: reason)
        let anchor = (rows.first { $0.kind == .imdDecile } ?? rows[0]).observation.source
        let line = reason.map {
            LedgerEntry(sourceFile: anchor.file, line: anchor.line, period: first.period, areaCode: first.areaCode,
                        reason: .inequalityNotCalculated(indicator: indicator.id, detail: $0))
        }
        return (analysis, line)
    }

    /// The reason in words, naming deciles (1 = most deprived) rather than groups.
    static func decileReason(_ problem: InequalityUnavailable) -> String {
        switch problem {
        case .noEvents(let group): "decile \(group) has a numerator of 0"
        case .allEvents(let group): "decile \(group) has a numerator equal to its denominator"
        case .nonPositiveDenominator(let group): "decile \(group) has a denominator of 0"
        default: problem.reason
        }
    }

    /// A group's counts, rate and Wilson 95% interval for one indicator.
    static func rate(_ row: BreakdownRow, indicator: Indicator) -> GroupRate {
        let numerator = row.observation.count(indicator.numerator), denominator = row.observation.count(indicator.denominator)
        var rate: Double?, interval: Interval?
        if let numerator, let denominator, denominator > 0, numerator <= denominator {
            rate = 100 * Double(numerator) / Double(denominator)
            let limits = Wilson.interval(successes: numerator, trials: denominator, confidence: 0.95)
            interval = Interval(lower: 100 * limits.lower, upper: 100 * limits.upper)
        }
        return GroupRate(kind: row.kind, group: row.group, sequence: row.sequence, numerator: numerator, denominator: denominator,
                         rate: rate, wilson95: interval)
    }
}
