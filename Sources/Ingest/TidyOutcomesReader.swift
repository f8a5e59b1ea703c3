import LevelFieldModel

/// SPEC §1.1, the tidy outcomes CSV: one row per area per period, columns by name; with the
/// optional `breakdown`/`group` columns (SPEC §8.1), rows with a breakdown go beside the totals.
final class TidyOutcomesReader: RowHandler {
    private let collector: Collector
    private let header: Header
    private let period, areaCode, areaName: Int
    private let finished: Int
    private let atCaseness, notAtCaseness, recovered, rate: Int?
    private let referrals, reliableImprovement, reliableDeterioration, reliableRecovery: Int?
    private let waited6, waited18: Int?
    private let imdRank, imdScore, parentCode, parentName: Int?
    /// SPEC §8.1: `breakdown` (empty = the total) and its `group`.
    private let breakdown, group: Int?
    private var groupSequences: [BreakdownKind: [String: Int]] = [:]

    init(header: Header, collector: Collector) throws(IngestError) {
        self.header = header
        self.collector = collector
        period = try header.require("period", display: "period")
        areaCode = try header.require("areacode", display: "area_code")
        areaName = try header.require("areaname", display: "area_name")
        finished = try header.require("finishedtreatment", display: "finished_treatment")
        // `recovery_denominator` is the same count under the name LevelField's own benchmarks.csv
        // gives it, so a published download can be read back as input.
        atCaseness = header.index("atcaseness") ?? header.index("recoverydenominator")
        notAtCaseness = header.index("notatcaseness")
        if atCaseness == nil && notAtCaseness == nil {
            _ = try header.require("atcaseness", display: "at_caseness (or not_at_caseness)")
        }
        recovered = header.index("recovered")
        rate = header.index("recoveryrate")
        if recovered == nil && rate == nil {
            _ = try header.require("recovered", display: "recovered (or recovery_rate)")
        }
        referrals = header.index("referrals")
        reliableImprovement = header.index("reliableimprovement")
        reliableDeterioration = header.index("reliabledeterioration")
        reliableRecovery = header.index("reliablerecovery")
        waited6 = header.index("waitedunder6weeks")
        waited18 = header.index("waitedunder18weeks")
        imdRank = header.index("imdrank")
        imdScore = header.index("imdscore")
        parentCode = header.index("parentcode")
        parentName = header.index("parentname")
        breakdown = header.index("breakdown")
        group = breakdown == nil ? header.index("group") : try header.require("group", display: "group")
    }

    /// The row's breakdown kind and group, or `nil` for a total row.
    private func breakdownGroup(_ record: CSVRecord) throws(IngestError) -> (kind: BreakdownKind, group: String, sequence: Int)? {
        guard let breakdown, let group else { return nil }
        let value = FieldValue.text(record, breakdown)
        if value.isEmpty { return nil }
        guard let kind = BreakdownKind(rawValue: value) else {
            throw IngestError(location: record.location(breakdown), reason: .unknownBreakdown(found: value))
        }
        let label = try FieldValue.requiredText(record, group, column: header.names[group])
        if kind == .imdDecile {
            guard let decile = Int(label), (1...10).contains(decile) else {
                throw IngestError(location: record.location(group), reason: .notADecile(found: label))
            }
            return (kind, String(decile), decile)
        }
        var known = groupSequences[kind] ?? [:]
        let sequence = known[label] ?? known.count + 1
        known[label] = sequence
        groupSequences[kind] = known
        return (kind, label, sequence)
    }

    private func count(_ record: CSVRecord, _ column: Int?) throws(IngestError) -> CountField? {
        guard let column else { return nil }
        let name = header.names[column]
        return CountField(try FieldValue.wholeNumber(record, column, column: name), name: name, location: record.location(column))
    }

    private func optionalText(_ record: CSVRecord, _ column: Int?) -> String? {
        guard let column else { return nil }
        let value = FieldValue.text(record, column)
        return value.isEmpty ? nil : value
    }

    func row(_ record: CSVRecord) throws(IngestError) {
        let part = try breakdownGroup(record)
        let periodLabel = try FieldValue.periodLabel(record, period, column: header.names[period])
        let code = try FieldValue.areaCode(record, areaCode, column: header.names[areaCode])
        let finishedField = try count(record, finished)
        let atField = try count(record, atCaseness)
        let notAtField = try count(record, notAtCaseness)
        let recoveredField = try count(record, recovered)
        var rateValue: (value: Double?, name: String, location: SourceLocation)?
        if let rate {
            rateValue = (try FieldValue.decimal(record, rate, column: header.names[rate]), header.names[rate], record.location(rate))
        }
        let source = SourceLocation(file: record.file, line: record.line, column: 1)
        let assessment = try RecoveryFigures.assess(
            finished: finishedField, atCaseness: atField, notAtCaseness: notAtField,
            recovered: recoveredField, rate: rateValue, row: source)
        var observation = Observation(
            period: Period(periodLabel), areaCode: AreaCode(code), areaName: FieldValue.text(record, areaName),
            referrals: try count(record, referrals)?.value, finishedTreatment: finishedField?.value,
            recoveryDenominator: assessment.denominator, recovered: recoveredField?.value,
            recoveryRateGiven: recoveredField?.value == nil ? rateValue?.value : nil,
            reliableImprovement: try count(record, reliableImprovement)?.value,
            reliableDeterioration: try count(record, reliableDeterioration)?.value,
            reliableRecovery: try count(record, reliableRecovery)?.value,
            waitedUnder6Weeks: try count(record, waited6)?.value,
            waitedUnder18Weeks: try count(record, waited18)?.value,
            imdRank: try imdRank.flatMap { (column) throws(IngestError) in try FieldValue.imdRank(record, column, column: header.names[column]) },
            imdScore: try imdScore.flatMap { (column) throws(IngestError) in try FieldValue.imdScore(record, column, column: header.names[column]) },
            parentCode: optionalText(record, parentCode), parentName: optionalText(record, parentName),
            source: source)
        // A rate beside the counts is the publisher's: kept only to compare with the recomputed rate.
        if recoveredField?.value != nil { observation.publishedRecoveryRate = rateValue?.value }
        if let part {
            // A breakdown row sits beside the totals; a suppressed figure is simply missing there.
            var counts = observation
            if assessment.problem != nil { counts.recovered = nil; counts.recoveryRateGiven = nil }
            collector.breakdowns.append(BreakdownRow(kind: part.kind, group: part.group, sequence: part.sequence, observation: counts))
        } else {
            collector.rows.append(OutcomeRow(observation: observation, problem: assessment.problem))
        }
    }

    func finish() throws(IngestError) {}
}
