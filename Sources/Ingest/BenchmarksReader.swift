import LevelFieldModel

/// LevelField's own `benchmarks.csv` (schema 2, SPEC §6.2) read back as input: one row per
/// area, period and indicator. Each row sets its indicator's numerator and denominator counts
/// (as the indicator table names them) on the area's observation for that period, so a build
/// from a published download re-analyses every indicator it holds. A recovery row with only a
/// rate keeps the rate; an indicator id LevelField does not know is counted as skipped.
final class BenchmarksReader: RowHandler {
    private struct Key: Hashable {
        var period: String
        var area: String
    }

    private let collector: Collector
    private let header: Header
    private let file: String
    private let period, indicator, areaCode, areaName, numerator, denominator: Int
    private let rate, referrals, finished, imdRank, imdScore: Int?
    private var observations: [Key: Observation] = [:]
    private var order: [Key] = []
    private var skips = SkipCounter()

    init(header: Header, file: String, collector: Collector) throws(IngestError) {
        self.header = header
        self.file = file
        self.collector = collector
        period = try header.require("period", display: "period")
        indicator = try header.require("indicator", display: "indicator")
        areaCode = try header.require("areacode", display: "area_code")
        areaName = try header.require("areaname", display: "area_name")
        numerator = try header.require("numerator", display: "numerator")
        denominator = try header.require("denominator", display: "denominator")
        rate = header.index("rate")
        referrals = header.index("referrals")
        finished = header.index("finishedtreatment")
        imdRank = header.index("imdrank")
        imdScore = header.index("imdscore")
    }

    private func whole(_ record: CSVRecord, _ column: Int?) throws(IngestError) -> Int? {
        guard let column else { return nil }
        return try FieldValue.wholeNumber(record, column, column: header.names[column])
    }

    private func decimal(_ record: CSVRecord, _ column: Int?) throws(IngestError) -> Double? {
        guard let column else { return nil }
        return try FieldValue.decimal(record, column, column: header.names[column])
    }

    func row(_ record: CSVRecord) throws(IngestError) {
        let id = FieldValue.text(record, indicator)
        guard let indicator = Indicator.withID(id) else {
            skips.add("indicator \(id)")
            return
        }
        let label = try FieldValue.periodLabel(record, period, column: header.names[period])
        let code = try FieldValue.areaCode(record, areaCode, column: header.names[areaCode])
        let key = Key(period: label, area: code)
        var observation = observations[key] ?? Observation(
            period: Period(label), areaCode: AreaCode(code), areaName: FieldValue.downloadText(record, areaName),
            source: SourceLocation(file: record.file, line: record.line, column: 1))
        if observations[key] == nil { order.append(key) }
        observation.referrals = try whole(record, referrals) ?? observation.referrals
        observation.finishedTreatment = try whole(record, finished) ?? observation.finishedTreatment
        observation.imdRank = try imdRank.flatMap { (column) throws(IngestError) in
            try FieldValue.imdRank(record, column, column: header.names[column])
        } ?? observation.imdRank
        observation.imdScore = try imdScore.flatMap { (column) throws(IngestError) in
            try FieldValue.imdScore(record, column, column: header.names[column])
        } ?? observation.imdScore
        let numeratorValue = try whole(record, numerator)
        observation.setCount(indicator.numerator, numeratorValue)
        observation.setCount(indicator.denominator, try whole(record, denominator))
        if numeratorValue == nil, indicator.numerator == Indicator.recovery.numerator {
            observation.recoveryRateGiven = try decimal(record, rate)
            if let rate, let value = observation.recoveryRateGiven, !(0...100).contains(value) {
                throw IngestError(location: record.location(rate), reason: .rateOutOfRange(column: header.names[rate], found: record.string(rate)))
            }
        }
        observations[key] = observation
    }

    func finish() throws(IngestError) {
        for key in order {
            var observation = observations[key]!
            if observation.count(Indicator.recovery.denominator) == nil || observation.rate(.recovery) == nil {
                // No usable recovery row: the area was not in recovery's analysis when published.
                observation.excludedAtIngest.insert(Indicator.recovery.id)
            }
            collector.rows.append(OutcomeRow(observation: observation, problem: nil))
        }
        collector.skipped.append(contentsOf: skips.rows(file: file))
    }
}
