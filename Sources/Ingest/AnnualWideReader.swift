import LevelFieldModel

/// SPEC §1.3, NHS Digital's annual wide CSV: one row per organisation and breakdown, outcome
/// columns matched by name ignoring case and underscores (`CountRecovery` in 2017-18,
/// `Count_Recovery` later), rows with `VariableType = Total` at the chosen `OrgType`. The period
/// is the financial year in the file name (`annual-2017-18-total.csv` → `2017-18`), else the
/// period label given; the denominator is `CountAtCaseness` when present, else finished − not at
/// caseness.
///
/// The *main* files (SPEC §6) also carry `Waiting Time` rows: those of the first treatment
/// (`VariableA` `First treatment` to 2021-22, `Accessing services` from 2022-23) with `VariableB`
/// `<6 weeks` / `<18 weeks` give, in `Count_FinishedCourseTreatment`, the waiting-time numerators
/// joined onto the same organisation's `Total` row. Every other `VariableType` row is counted as
/// outside the selection. `OrgType England` rows are read into `Collector.england` (the England
/// rate of the period), never as areas. Breakdown rows (SPEC §8.1, `BreakdownClassifier`) of the
/// chosen level and of England go to `Collector.breakdowns`; waits are not broken down.
final class AnnualWideReader: RowHandler {
    private struct Bucket {
        var rows: [OutcomeRow] = []
        /// Waiting-time counts by organisation code: (count under 6 weeks, under 18 weeks).
        var waits: [String: (six: Int?, eighteen: Int?)] = [:]
        /// Breakdown rows (SPEC §8.1), beside the totals.
        var breakdowns: [BreakdownRow] = []
        var error: IngestError?
        var skips = SkipCounter()
    }

    private let collector: Collector
    private let header: Header
    private let file: String
    private let period: Period
    private var levels: AreaLevelChoice
    private var buckets: [String: Bucket] = [:]
    private var classifier: BreakdownClassifier
    private let orgType, orgCode, variableType: Int
    private let orgName, variableA, variableB: Int?
    private let finished, recovered: Int
    private let atCaseness, notAtCaseness: Int?
    private let referrals, reliableImprovement, reliableDeterioration, reliableRecovery: Int?
    /// The publisher's own recovery percentage (`PercentageRecovery`), kept for the quality page only.
    private let publishedRate: Int?

    init(header: Header, file: String, options: IngestOptions, collector: Collector) throws(IngestError) {
        self.header = header
        self.file = file
        self.collector = collector
        guard let label = FinancialYear.label(inFileName: file) ?? options.periodLabel else {
            throw IngestError(location: SourceLocation(file: file, line: header.line, column: 1), reason: .noPeriod)
        }
        period = Period(label)
        levels = AreaLevelChoice(requested: options.areaLevel)
        orgType = try header.require("orgtype", display: "OrgType")
        orgCode = try header.require("orgcode", display: "OrgCode")
        variableType = try header.require("variabletype", display: "VariableType")
        orgName = header.index("orgname")
        variableA = header.index("variablea")
        variableB = header.index("variableb")
        finished = try header.require("countfinishedcoursetreatment", display: "Count_FinishedCourseTreatment")
        recovered = try header.require("countrecovery", display: "Count_Recovery")
        atCaseness = header.index("countatcaseness")
        notAtCaseness = header.index("countnotatcaseness")
        if atCaseness == nil && notAtCaseness == nil {
            _ = try header.require("countatcaseness", display: "Count_AtCaseness (or Count_NotAtCaseness)")
        }
        referrals = header.index("countreferralsreceived")
        reliableImprovement = header.index(anyOf: ["countreliableimprovement", "countimprovement"])
        reliableDeterioration = header.index(anyOf: ["countreliabledeterioration", "countdeterioration"])
        reliableRecovery = header.index("countreliablerecovery")
        publishedRate = header.index("percentagerecovery")
        classifier = BreakdownClassifier(variableType: variableType, variableA: variableA, variableB: variableB)
    }

    private static let total = Array("total".utf8)
    private static let england = Array("england".utf8)
    private static let waitingTime = Array("waitingtime".utf8)
    /// The first treatment's wait: `First treatment` to 2021-22, `Accessing services` from 2022-23.
    private static let firstTreatment = [Array("firsttreatment".utf8), Array("accessingservices".utf8)]
    private static let under6Weeks = Array("<6weeks".utf8)
    private static let under18Weeks = Array("<18weeks".utf8)
    /// The bucket of `OrgType England` rows.
    private static let englandKey = "\u{0}england"

    func row(_ record: CSVRecord) throws(IngestError) {
        var key = levels.classify(record[orgType])
        if key == nil, FieldValue.matches(record[orgType], normalizedKey: AnnualWideReader.england) { key = AnnualWideReader.englandKey }
        guard let level = key else { return }
        var bucket = buckets.removeValue(forKey: level) ?? Bucket()
        defer { buckets[level] = bucket }
        guard bucket.error == nil else { return }
        do {
            if FieldValue.matches(record[variableType], normalizedKey: AnnualWideReader.total) {
                bucket.rows.append(try read(record))
            } else if !(try readWait(record, into: &bucket)) {
                switch classifier.classify(record) {
                case .group(let kind, let group, let sequence):
                    bucket.breakdowns.append(BreakdownRow(kind: kind, group: group, sequence: sequence,
                                                          observation: try counts(record)))
                case .notAnalysed(let what):
                    bucket.skips.add("VariableType \(what)")
                case .other:
                    bucket.skips.add("VariableType \(FieldValue.text(record, variableType))")
                }
            }
        } catch {
            bucket.error = error
        }
    }

    /// Reads a first-treatment `<6 weeks` / `<18 weeks` row; false when the row is not one.
    private func readWait(_ record: CSVRecord, into bucket: inout Bucket) throws(IngestError) -> Bool {
        guard let variableA, let variableB,
              FieldValue.matches(record[variableType], normalizedKey: AnnualWideReader.waitingTime),
              AnnualWideReader.firstTreatment.contains(where: { FieldValue.matches(record[variableA], normalizedKey: $0) }) else { return false }
        let six = FieldValue.matches(record[variableB], normalizedKey: AnnualWideReader.under6Weeks)
        guard six || FieldValue.matches(record[variableB], normalizedKey: AnnualWideReader.under18Weeks) else { return false }
        let code = try FieldValue.areaCode(record, orgCode, column: header.names[orgCode])
        let value = try count(record, finished)?.value
        var waits = bucket.waits[code] ?? (nil, nil)
        if six { waits.six = value } else { waits.eighteen = value }
        bucket.waits[code] = waits
        return true
    }

    /// The rows of a bucket with their waiting-time counts joined on by organisation code. A
    /// publisher's repeat of an organisation's row under another name with identical figures
    /// (2023-24 Provider `TAF90`) is dropped and counted in `skips`; differing figures stay, for
    /// the duplicate check to report.
    private static func joined(_ bucket: Bucket, skips: inout SkipCounter) -> [OutcomeRow] {
        var firstByCode: [String: Observation] = [:]
        var kept: [OutcomeRow] = []
        for row in bucket.rows {
            let code = row.observation.areaCode.rawValue
            if let first = firstByCode[code], sameFigures(first, row.observation) {
                skips.add("repeated rows of an organisation with identical figures")
                continue
            }
            if firstByCode[code] == nil { firstByCode[code] = row.observation }
            kept.append(row)
        }
        return kept.map { row in
            var row = row
            if let waits = bucket.waits[row.observation.areaCode.rawValue] {
                row.observation.waitedUnder6Weeks = waits.six
                row.observation.waitedUnder18Weeks = waits.eighteen
            }
            return row
        }
    }

    private func count(_ record: CSVRecord, _ column: Int?) throws(IngestError) -> CountField? {
        guard let column else { return nil }
        let name = header.names[column]
        return CountField(try FieldValue.wholeNumber(record, column, column: name), name: name, location: record.location(column))
    }

    private func read(_ record: CSVRecord) throws(IngestError) -> OutcomeRow {
        let code = try FieldValue.areaCode(record, orgCode, column: header.names[orgCode])
        let finishedField = try count(record, finished)
        let recoveredField = try count(record, recovered)
        let source = SourceLocation(file: record.file, line: record.line, column: 1)
        let assessment = try RecoveryFigures.assess(
            finished: finishedField, atCaseness: try count(record, atCaseness),
            notAtCaseness: try count(record, notAtCaseness), recovered: recoveredField, rate: nil, row: source)
        let name = orgName.map { FieldValue.text(record, $0) } ?? code
        let observation = Observation(
            period: period, areaCode: AreaCode(code), areaName: name.isEmpty ? code : name,
            referrals: try count(record, referrals)?.value, finishedTreatment: finishedField?.value,
            recoveryDenominator: assessment.denominator, recovered: recoveredField?.value,
            reliableImprovement: try count(record, reliableImprovement)?.value,
            reliableDeterioration: try count(record, reliableDeterioration)?.value,
            reliableRecovery: try count(record, reliableRecovery)?.value,
            source: source)
        var published = observation
        if let publishedRate {
            published.publishedRecoveryRate = try FieldValue.decimal(record, publishedRate, column: header.names[publishedRate])
        }
        return OutcomeRow(observation: published, problem: assessment.problem)
    }

    /// True when two rows have the same counts (names and places aside).
    private static func sameFigures(_ a: Observation, _ b: Observation) -> Bool {
        var b = b
        b.areaName = a.areaName
        b.source = a.source
        return a == b
    }

    /// Breakdown rows without a publisher's identical repeats (same organisation, kind, group and counts).
    private static func distinct(_ rows: [BreakdownRow], skips: inout SkipCounter) -> [BreakdownRow] {
        var first: [String: Observation] = [:]
        var kept: [BreakdownRow] = []
        for row in rows {
            let key = "\(row.observation.areaCode.rawValue)\u{0}\(row.kind.rawValue)\u{0}\(row.group)"
            if let seen = first[key], sameFigures(seen, row.observation) {
                skips.add("repeated rows of an organisation with identical figures")
                continue
            }
            if first[key] == nil { first[key] = row.observation }
            kept.append(row)
        }
        return kept
    }

    /// A breakdown row's counts, as read: suppressed counts are `nil`, the recovery denominator is
    /// `CountAtCaseness`, else finished − not at caseness.
    private func counts(_ record: CSVRecord) throws(IngestError) -> Observation {
        let code = try FieldValue.areaCode(record, orgCode, column: header.names[orgCode])
        let finishedCount = try count(record, finished)?.value
        var denominator = try count(record, atCaseness)?.value
        if atCaseness == nil, let finishedCount, let notAt = try count(record, notAtCaseness)?.value {
            denominator = finishedCount - notAt
        }
        let name = orgName.map { FieldValue.text(record, $0) } ?? code
        return Observation(
            period: period, areaCode: AreaCode(code), areaName: name.isEmpty ? code : name,
            referrals: try count(record, referrals)?.value, finishedTreatment: finishedCount,
            recoveryDenominator: denominator, recovered: try count(record, recovered)?.value,
            reliableImprovement: try count(record, reliableImprovement)?.value,
            reliableDeterioration: try count(record, reliableDeterioration)?.value,
            reliableRecovery: try count(record, reliableRecovery)?.value,
            source: SourceLocation(file: record.file, line: record.line, column: 1))
    }

    func finish() throws(IngestError) {
        let chosen = try levels.chosen(file: file)
        collector.areaLevel = levels.displayName(chosen)
        var skips = SkipCounter()
        if let bucket = buckets[chosen] {
            if let error = bucket.error { throw error }
            skips = bucket.skips
            collector.rows.append(contentsOf: AnnualWideReader.joined(bucket, skips: &skips))
            collector.breakdowns.append(contentsOf: AnnualWideReader.distinct(bucket.breakdowns, skips: &skips))
        }
        if let bucket = buckets[AnnualWideReader.englandKey] {
            if let error = bucket.error { throw error }
            var ignored = SkipCounter()
            collector.england.append(contentsOf: AnnualWideReader.joined(bucket, skips: &ignored).map(\.observation))
            collector.breakdowns.append(contentsOf: bucket.breakdowns.map { row in
                var row = row
                row.observation.areaCode = BreakdownRow.englandCode
                row.observation.areaName = "England"
                return row
            })
        }
        for other in levels.others(than: chosen) { skips.add("\(header.names[orgType]) \(other.name)", other.count) }
        collector.skipped.append(contentsOf: skips.rows(file: file))
    }
}

/// Financial years written `2017-18`.
enum FinancialYear {
    /// The first `YYYY-YY` in the last path component whose second year follows the first
    /// (`annual-2017-18-total.csv` → `2017-18`), or `nil`.
    static func label(inFileName path: String) -> String? {
        let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
        func digit(_ i: Int) -> Int? { name[i] >= 0x30 && name[i] <= 0x39 ? Int(name[i] - 0x30) : nil }
        guard name.count >= 7 else { return nil }
        for start in 0...(name.count - 7) where name[start + 4] == 0x2D {
            guard let a = digit(start), let b = digit(start + 1), let c = digit(start + 2), let d = digit(start + 3),
                  let e = digit(start + 5), let f = digit(start + 6) else { continue }
            if start > 0, digit(start - 1) != nil { continue }
            if start + 7 < name.count, digit(start + 7) != nil { continue }
            let year = a * 1000 + b * 100 + c * 10 + d
            if (year + 1) % 100 == e * 10 + f {
                return String(decoding: name[start..<(start + 7)], as: UTF8.self)
            }
        }
        return nil
    }
}
