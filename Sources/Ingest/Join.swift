import LevelFieldModel

/// Joins outcome rows to deprivation and writes the ledger: every row or area not used gets one
/// line with one reason, checked in this order — not a geographic area, the row's own problem
/// (suppressed value, zero denominator, incomplete quarter, …), no deprivation match. Deprivation
/// areas with no outcome row in a period the outcomes cover are ledgered as `noOutcomeMatch`.
enum Join {
    /// Codes that are not areas: NHS England commissioning hubs and `UNKNOWN`.
    static let notGeographic: Set<String> = ["13Q", "13R", "14A", "14E", "UNKNOWN"]

    /// The breakdown rows of geographic organisations and England, in canonical order; the
    /// first file's rows win when two files give the same period and organisation.
    static func breakdowns(_ collector: Collector) -> [BreakdownRow] {
        var firstSource: [String: String] = [:]
        var kept: [BreakdownRow] = []
        for row in collector.breakdowns where !notGeographic.contains(row.observation.areaCode.rawValue.uppercased()) {
            let key = "\(row.observation.period.label)\u{0}\(row.observation.areaCode.rawValue)"
            let file = firstSource[key] ?? row.observation.source.file
            firstSource[key] = file
            if file == row.observation.source.file { kept.append(row) }
        }
        // A breakdown row without an area name takes its total row's name.
        var names: [String: String] = [:]
        for row in collector.rows where !row.observation.areaName.isEmpty {
            names[casemixKey(row.observation)] = row.observation.areaName
        }
        for i in kept.indices where kept[i].observation.areaName.isEmpty {
            if let name = names[casemixKey(kept[i].observation)] { kept[i].observation.areaName = name }
        }
        return kept.sorted(by: BreakdownRow.canonicalOrder)
    }

    private static func casemixKey(_ observation: Observation) -> String {
        "\(observation.period.label)\u{0}\(observation.areaCode.rawValue)"
    }

    /// SPEC §8.3 per period and organisation: 100 × referrals in deciles 1–2 ÷ referrals in deciles
    /// 1–10, only when all ten deciles' referrals are known and their sum is positive.
    static func casemixDeprivation(_ rows: [BreakdownRow]) -> [String: Double] {
        var referrals: [String: [Int: Int?]] = [:]
        for row in rows {
            guard let decile = row.decile else { continue }
            let key = casemixKey(row.observation)
            if referrals[key]?[decile] == nil { referrals[key, default: [:]][decile] = .some(row.observation.referrals) }
        }
        var result: [String: Double] = [:]
        for (key, deciles) in referrals {
            let values = (1...10).map { deciles[$0] ?? nil }
            guard values.allSatisfy({ $0 != nil }) else { continue }
            let counts = values.map { $0! }
            let total = counts.reduce(0, +)
            guard total > 0 else { continue }
            result[key] = 100 * Double(counts[0] + counts[1]) / Double(total)
        }
        return result
    }

    static func dataset(_ collector: Collector, options: IngestOptions) throws(IngestError) -> Dataset {
        var rows = collector.rows
        if !collector.months.cells.isEmpty {
            rows += options.aggregateToQuarter
                ? try MonthlyRows.quarters(collector.months) : try MonthlyRows.months(collector.months)
        }
        try checkFileNames(rows)
        try checkDuplicates(rows)
        let table: DeprivationTable? = collector.deprivation.isEmpty ? nil : try DeprivationTable(
            entries: collector.deprivation, lookup: collector.lookup, outcomeCodes: Set(rows.map(\.observation.areaCode)))

        var observations: [Observation] = []
        var ledger: [LedgerEntry] = []
        let casemix = casemixDeprivation(collector.breakdowns)
        func exclude(_ row: OutcomeRow, _ reason: ExclusionReason, at location: SourceLocation) {
            ledger.append(LedgerEntry(sourceFile: location.file, line: location.line, period: row.observation.period,
                                      areaCode: row.observation.areaCode, reason: reason))
        }
        for row in rows {
            var observation = row.observation
            if notGeographic.contains(observation.areaCode.rawValue.uppercased()) {
                exclude(row, .notGeographicArea, at: observation.source)
                continue
            }
            if let problem = row.problem {
                // The recovery figures cannot be used; the row stays for the other indicators.
                exclude(row, problem.reason, at: problem.location)
                observation.excludedAtIngest.insert(Indicator.recovery.id)
                observation.recovered = nil
                observation.recoveryRateGiven = nil
                let others = Indicator.all.filter { $0.id != Indicator.recovery.id && observation.count($0.numerator) != nil }
                if others.isEmpty { continue }
            }
            try checkIndicatorCounts(observation)
            if let table {
                let entry = table.entry(period: observation.period, area: observation.areaCode)
                observation.imdRank = entry?.rank
                observation.imdScore = entry?.score
                observation.imdVersion = entry?.version
            }
            observation.casemixDeprivation = casemix[casemixKey(observation)]
            if options.casemix { observations.append(observation); continue }
            if observation.imdRank == nil && observation.imdScore == nil {
                // A row already ledgered for its recovery figures needs no second line.
                if row.problem == nil { exclude(row, .noDeprivationMatch, at: observation.source) }
                continue
            }
            observations.append(observation)
        }

        if let table {
            var areasByPeriod: [Period: Set<AreaCode>] = [:]
            for row in rows { areasByPeriod[row.observation.period, default: []].insert(row.observation.areaCode) }
            for period in areasByPeriod.keys.sorted() {
                let areas = areasByPeriod[period]!
                for entry in table.entries(for: period) where !areas.contains(entry.area) {
                    ledger.append(LedgerEntry(sourceFile: entry.location.file, line: entry.location.line, period: period,
                                              areaCode: entry.area, reason: .noOutcomeMatch))
                }
            }
        }

        observations.sort { ($0.period, $0.areaCode) < ($1.period, $1.areaCode) }
        ledger.sort(by: LedgerEntry.canonicalOrder)
        // England's rows: one per period (the first file's, in file order).
        var englandRows = collector.england
        if !collector.englandMonths.cells.isEmpty {
            englandRows += (options.aggregateToQuarter
                ? try MonthlyRows.quarters(collector.englandMonths) : try MonthlyRows.months(collector.englandMonths)).map(\.observation)
        }
        var england: [Observation] = []
        for row in englandRows where !england.contains(where: { $0.period == row.period }) { england.append(row) }
        england.sort { $0.period < $1.period }
        return Dataset(observations: observations, ledger: ledger, inputs: collector.inputs, skipped: collector.skipped, england: england,
                       breakdowns: breakdowns(collector))
    }

    /// Every indicator's numerator must not exceed its denominator (recovery is checked with its
    /// exact cell by `RecoveryFigures`).
    static func checkIndicatorCounts(_ observation: Observation) throws(IngestError) {
        for indicator in Indicator.all {
            guard let numerator = observation.count(indicator.numerator), let denominator = observation.count(indicator.denominator),
                  numerator > denominator else { continue }
            throw IngestError(location: observation.source, reason: .numeratorExceedsDenominator(
                indicator: indicator.id, numerator: indicator.numerator.rawValue, value: numerator,
                denominator: indicator.denominator.rawValue, denominatorValue: denominator))
        }
    }

    /// The same (period, area) twice is an error at its second appearance in reading order.
    private static func checkDuplicates(_ rows: [OutcomeRow]) throws(IngestError) {
        let order = rows.indices.sorted {
            let a = rows[$0].observation, b = rows[$1].observation
            if a.period != b.period { return a.period < b.period }
            if a.areaCode != b.areaCode { return a.areaCode < b.areaCode }
            return $0 < $1
        }
        for (previous, next) in zip(order, order.dropFirst()) {
            let a = rows[previous].observation, b = rows[next].observation
            if a.period == b.period && a.areaCode == b.areaCode {
                throw IngestError(location: b.source, reason: .duplicateAreaPeriod(
                    area: b.areaCode.rawValue, period: b.period.label, first: a.source))
            }
        }
    }
}

/// Deprivation values by (period, area) and for every period, in the outcome data's code system.
///
/// How a period finds its deprivation values: the entries with exactly that period; when the
/// deprivation data have no entry at all for it, those of the quarter containing a month
/// (`2024-03` → `2023-24 Q4`), then of its financial year (`2024-03`, `2023-24 Q4` → `2023-24`);
/// and for an area none of these has, an entry without a period (a file with no `period` column
/// serves every period).
struct DeprivationTable {
    private var byPeriod: [Period: [AreaCode: DeprivationEntry]] = [:]
    private var anyPeriod: [AreaCode: DeprivationEntry] = [:]

    /// Builds the table; with a code lookup, codes are translated into the code system most of
    /// `outcomeCodes` use (ONS → ODS or ODS → ONS). A repeated (period, area) is an error.
    init(entries: [DeprivationEntry], lookup: [(ons: String, ods: String, location: SourceLocation)],
         outcomeCodes: Set<AreaCode>) throws(IngestError) {
        var translate: [String: String] = [:]
        if !lookup.isEmpty {
            let odsCount = lookup.filter { outcomeCodes.contains(AreaCode($0.ods)) }.count
            let onsCount = lookup.filter { outcomeCodes.contains(AreaCode($0.ons)) }.count
            for pair in lookup {
                if odsCount > onsCount { translate[pair.ons] = pair.ods }
                if onsCount > odsCount { translate[pair.ods] = pair.ons }
            }
        }
        for var entry in entries {
            if let code = translate[entry.area.rawValue] { entry.area = AreaCode(code) }
            let earlier: DeprivationEntry?
            if let period = entry.period {
                earlier = byPeriod[period, default: [:]].updateValue(entry, forKey: entry.area)
            } else {
                earlier = anyPeriod.updateValue(entry, forKey: entry.area)
            }
            if let earlier {
                throw IngestError(location: entry.location, reason: .duplicateAreaPeriod(
                    area: entry.area.rawValue, period: entry.period?.label ?? "(every period)", first: earlier.location))
            }
        }
    }

    /// The deprivation period serving `period`, if any has entries.
    private func resolved(_ period: Period) -> Period? {
        for candidate in [period] + DeprivationTable.fallbacks(period) where byPeriod[candidate] != nil {
            return candidate
        }
        return nil
    }

    /// The quarter and financial year containing a month label, or the year of a quarter label.
    static func fallbacks(_ period: Period) -> [Period] {
        let bytes = Array(period.label.utf8)
        let isDigit = { (i: Int) in bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        if bytes.count == 7, bytes[4] == 0x2D, [0, 1, 2, 3, 5, 6].allSatisfy(isDigit),
           let year = Int(period.label.prefix(4)), let month = Int(period.label.suffix(2)), (1...12).contains(month) {
            let quarter = Period.financialQuarter(year: year, month: month)
            return [quarter, Period(String(quarter.label.prefix(7)))]
        }
        if bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x20, bytes[8] == 0x51 {
            return [Period(String(period.label.prefix(7)))]
        }
        return []
    }

    /// The entry for an area in a period, if any.
    func entry(period: Period, area: AreaCode) -> DeprivationEntry? {
        if let resolved = resolved(period), let entry = byPeriod[resolved]?[area] { return entry }
        return anyPeriod[area]
    }

    /// Every entry serving `period`, in area order.
    func entries(for period: Period) -> [DeprivationEntry] {
        var merged = anyPeriod
        if let resolved = resolved(period) {
            for (area, entry) in byPeriod[resolved]! { merged[area] = entry }
        }
        return merged.keys.sorted().map { merged[$0]! }
    }
}
