import LevelFieldModel

/// Turns month cells into outcome rows: one per area and month, or (`--aggregate quarter`) one
/// per area and financial-year quarter with the three months summed.
enum MonthlyRows {
    /// Month by month. The denominator is `Count_AtCaseness` when the month has that measure, else
    /// finished − not at caseness.
    static func months(_ table: MonthTable) throws(IngestError) -> [OutcomeRow] {
        var rows: [OutcomeRow] = []
        rows.reserveCapacity(table.cells.count)
        for cell in table.cells {
            let assessment = try assess(cell)
            let observation = Observation(
                period: Period(cell.label), areaCode: cell.area, areaName: cell.name,
                referrals: cell.values[Measure.referrals.rawValue], finishedTreatment: cell.values[Measure.finished.rawValue],
                recoveryDenominator: assessment.denominator, recovered: cell.values[Measure.recovered.rawValue],
                reliableImprovement: cell.values[Measure.reliableImprovement.rawValue],
                reliableDeterioration: cell.values[Measure.reliableDeterioration.rawValue],
                reliableRecovery: cell.values[Measure.reliableRecovery.rawValue],
                source: cell.first)
            rows.append(OutcomeRow(observation: observation, problem: assessment.problem))
        }
        return rows
    }

    /// The checks of one month; a measure the month has no row for counts as missing.
    private static func assess(_ cell: MonthCell) throws(IngestError) -> RecoveryAssessment {
        let absent = { (measure: Measure) in CountField(nil, name: measure.name, location: cell.first) }
        return try RecoveryFigures.assess(
            finished: cell.field(.finished) ?? absent(.finished),
            atCaseness: cell.field(.atCaseness),
            notAtCaseness: cell.field(.notAtCaseness) ?? (cell.field(.atCaseness) == nil ? absent(.notAtCaseness) : nil),
            recovered: cell.field(.recovered) ?? absent(.recovered), rate: nil, row: cell.first)
    }

    /// Quarters of the financial year (April–June = Q1). A quarter lacking a month for an area is
    /// `incompleteQuarter`; one where a month has a needed value suppressed (recovered and the
    /// denominator's parts) is `suppressedMonth`. Other counts are summed when all three months
    /// have them, else missing. Each month is still checked for impossible values.
    static func quarters(_ table: MonthTable) throws(IngestError) -> [OutcomeRow] {
        struct Key: Hashable {
            var area: String
            var quarter: Period
        }
        var groups: [Key: [MonthCell]] = [:]
        var order: [Key] = []
        for cell in table.cells {
            _ = try assess(cell)
            let key = Key(area: cell.area.rawValue, quarter: Period.financialQuarter(year: cell.year, month: cell.month))
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(cell)
        }
        var rows: [OutcomeRow] = []
        for key in order {
            let cells = groups[key]!.sorted { ($0.year, $0.month) < ($1.year, $1.month) }
            rows.append(quarter(key.quarter, cells))
        }
        return rows
    }

    private static func quarter(_ period: Period, _ cells: [MonthCell]) -> OutcomeRow {
        let first = cells[0], last = cells[cells.count - 1]
        // The quarter's months: the month of the first cell moved back to the quarter's start.
        let startOffset = (first.month + 8) % 3
        var wanted: [(year: Int, month: Int)] = []
        var year = first.year, month = first.month - startOffset
        if month < 1 { month += 12; year -= 1 }
        for _ in 0..<3 {
            wanted.append((year, month))
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        var observation = Observation(period: period, areaCode: first.area, areaName: last.name, source: first.first)
        let missing = wanted.filter { w in !cells.contains { $0.year == w.year && $0.month == w.month } }
        if !missing.isEmpty {
            let labels = missing.map { MonthCell.label(year: $0.year, month: $0.month) }
            return OutcomeRow(observation: observation, problem: (.incompleteQuarter(missingMonths: labels), first.first))
        }
        func sum(_ measure: Measure) -> Int? {
            var total = 0
            for cell in cells {
                guard let value = cell.values[measure.rawValue] else { return nil }
                total += value
            }
            return total
        }
        observation.referrals = sum(.referrals)
        observation.finishedTreatment = sum(.finished)
        observation.reliableImprovement = sum(.reliableImprovement)
        observation.reliableDeterioration = sum(.reliableDeterioration)
        observation.reliableRecovery = sum(.reliableRecovery)
        // A month with recovery figures suppressed removes the quarter from recovery only: the
        // other sums stay (each missing when a month lacks it).
        let useAtCaseness = cells.allSatisfy { $0.locations[Measure.atCaseness.rawValue] != nil }
        let needed: [Measure] = useAtCaseness ? [.atCaseness, .recovered] : [.finished, .notAtCaseness, .recovered]
        for cell in cells {
            for measure in needed where cell.values[measure.rawValue] == nil {
                return OutcomeRow(observation: observation, problem: (
                    .suppressedMonth(month: cell.label, column: measure.name),
                    cell.locations[measure.rawValue] ?? cell.first))
            }
        }
        observation.recovered = sum(.recovered)
        let denominator = useAtCaseness ? sum(.atCaseness)! : sum(.finished)! - sum(.notAtCaseness)!
        observation.recoveryDenominator = denominator
        if denominator == 0 {
            return OutcomeRow(observation: observation, problem: (.zeroDenominator, first.first))
        }
        return OutcomeRow(observation: observation, problem: nil)
    }
}
