import LevelFieldModel

/// SPEC §1.3, NHS Digital's annual wide CSV: one row per organisation and breakdown, outcome
/// columns matched by name ignoring case and underscores (`CountRecovery` in 2017-18,
/// `Count_Recovery` later), rows with `VariableType = Total` at the chosen `OrgType`. The period
/// is the financial year in the file name (`annual-2017-18-total.csv` → `2017-18`), else the
/// period label given; the denominator is `CountAtCaseness` when present, else finished − not at
/// caseness.
final class AnnualWideReader: RowHandler {
    private struct Bucket {
        var rows: [OutcomeRow] = []
        var error: IngestError?
        var skips = SkipCounter()
    }

    private let collector: Collector
    private let header: Header
    private let file: String
    private let period: Period
    private var levels: AreaLevelChoice
    private var buckets: [String: Bucket] = [:]
    private let orgType, orgCode, variableType: Int
    private let orgName: Int?
    private let finished, recovered: Int
    private let atCaseness, notAtCaseness: Int?
    private let referrals, reliableImprovement, reliableDeterioration, reliableRecovery: Int?

    init(header: Header, file: String, options: IngestOptions, collector: Collector) throws(IngestError) {
        self.header = header
        self.file = file
        self.collector = collector
        guard let label = FinancialYear.label(inFileName: file) ?? options.periodLabel else {
            throw IngestError(location: SourceLocation(file: file, line: 0, column: 0), reason: .noPeriod)
        }
        period = Period(label)
        levels = AreaLevelChoice(requested: options.areaLevel)
        orgType = try header.require("orgtype", display: "OrgType")
        orgCode = try header.require("orgcode", display: "OrgCode")
        variableType = try header.require("variabletype", display: "VariableType")
        orgName = header.index("orgname")
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
    }

    private static let total = Array("total".utf8)

    func row(_ record: CSVRecord) throws(IngestError) {
        guard let level = levels.classify(record[orgType]) else { return }
        var bucket = buckets.removeValue(forKey: level) ?? Bucket()
        defer { buckets[level] = bucket }
        guard bucket.error == nil else { return }
        if !FieldValue.matches(record[variableType], normalizedKey: AnnualWideReader.total) {
            bucket.skips.add("VariableType \(FieldValue.text(record, variableType))")
            return
        }
        do {
            bucket.rows.append(try read(record))
        } catch {
            bucket.error = error
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
        return OutcomeRow(observation: observation, problem: assessment.problem)
    }

    func finish() throws(IngestError) {
        let chosen = try levels.chosen(file: file)
        var skips = SkipCounter()
        if let bucket = buckets[chosen] {
            if let error = bucket.error { throw error }
            collector.rows.append(contentsOf: bucket.rows)
            skips = bucket.skips
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
