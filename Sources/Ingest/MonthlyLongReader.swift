import LevelFieldModel

/// The measures of the monthly long format LevelField uses, by `MEASURE_NAME`.
enum Measure: Int, CaseIterable {
    case referrals, finished, atCaseness, notAtCaseness, recovered
    case reliableImprovement, reliableDeterioration, reliableRecovery

    /// The name as NHS England publishes it.
    var name: String {
        switch self {
        case .referrals: "Count_ReferralsReceived"
        case .finished: "Count_FinishedCourseTreatment"
        case .atCaseness: "Count_AtCaseness"
        case .notAtCaseness: "Count_NotAtCaseness"
        case .recovered: "Count_Recovery"
        case .reliableImprovement: "Count_ReliableImprovement"
        case .reliableDeterioration: "Count_ReliableDeterioration"
        case .reliableRecovery: "Count_ReliableRecovery"
        }
    }

    /// Every measure (a stored array: `allCases` builds a new one each call).
    static let all: [Measure] = allCases.map { $0 }
    static let keys: [[UInt8]] = all.map { Array(FieldValue.normalized($0.name.utf8).utf8) }
}

/// One area in one month: the value of each measure (`nil` = suppressed) and where it was read.
struct MonthCell {
    var year: Int
    var month: Int
    var area: AreaCode
    var name: String
    var first: SourceLocation
    var values: [Int?] = Array(repeating: nil, count: Measure.allCases.count)
    /// Where each measure's row was; `nil` when the month had no row for it.
    var locations: [SourceLocation?] = Array(repeating: nil, count: Measure.allCases.count)

    var label: String { MonthCell.label(year: year, month: month) }

    static func label(year: Int, month: Int) -> String {
        "\(year)-\(month < 10 ? "0" : "")\(month)"
    }

    func field(_ measure: Measure) -> CountField? {
        guard let location = locations[measure.rawValue] else { return nil }
        return CountField(values[measure.rawValue], name: measure.name, location: location)
    }
}

/// Month cells keyed by (month, area), merged across files.
struct MonthTable {
    private struct Key: Hashable {
        var month: Int
        var area: String
    }

    private(set) var cells: [MonthCell] = []
    private var index: [Key: Int] = [:]

    /// Records one measure value (`name` is read only for a new cell: the area's name in its
    /// month's first row); a second value for the same area, month and measure is an error.
    mutating func add(year: Int, month: Int, area: String, name: () -> String, measure: Measure, value: Int?,
                      location: SourceLocation, first: SourceLocation? = nil) throws(IngestError) {
        let key = Key(month: year * 12 + month - 1, area: area)
        let position: Int
        if let found = index[key] {
            position = found
        } else {
            position = cells.count
            index[key] = position
            cells.append(MonthCell(year: year, month: month, area: AreaCode(area), name: name(),
                                   first: first ?? SourceLocation(file: location.file, line: location.line, column: 1)))
        }
        if let earlier = cells[position].locations[measure.rawValue] {
            throw IngestError(location: location, reason: .duplicateAreaPeriod(
                area: area, period: "\(MonthCell.label(year: year, month: month)) (\(measure.name))", first: earlier))
        }
        cells[position].values[measure.rawValue] = value
        cells[position].locations[measure.rawValue] = location
    }

    /// Adds every cell of `other` (one file's chosen level).
    mutating func merge(_ other: MonthTable) throws(IngestError) {
        if cells.isEmpty {
            self = other
            return
        }
        for cell in other.cells {
            for measure in Measure.all {
                guard let location = cell.locations[measure.rawValue] else { continue }
                try add(year: cell.year, month: cell.month, area: cell.area.rawValue, name: { cell.name },
                        measure: measure, value: cell.values[measure.rawValue], location: location, first: cell.first)
            }
        }
    }
}

/// SPEC §1.3, NHS England's monthly long CSV: one row per organisation, month and measure. The
/// period is the month of `REPORTING_PERIOD_START`; the area is `ORG_CODE2` for `GROUP_TYPE`
/// Provider and `ORG_CODE1` otherwise; the value is `MEASURE_VALUE_SUPPRESSED`, else `MEASURE_VALUE`.
///
/// The state touched for every row is `@exclusivity(unchecked)`, as in `CSVParser`: a reader is
/// used by one thread, never hands out `inout` access to it, and the runtime checks cost several
/// per row.
final class MonthlyLongReader: RowHandler {
    private struct Bucket {
        var table = MonthTable()
        var error: IngestError?
        /// Rows skipped for an unused measure, by the measure's number in `measureNames`.
        var skipped: [Int] = []
    }

    private let collector: Collector
    private let header: Header
    private let file: String
    @exclusivity(unchecked) private var levels: AreaLevelChoice
    @exclusivity(unchecked) private var buckets: [Bucket] = []
    private var bucketIndex: [String: Int] = [:]
    private let start, groupType, code1, code2, measureName, value: Int
    private let name1, name2: Int?
    // The last GROUP_TYPE seen and what it was classified as (rows come in runs).
    @exclusivity(unchecked) private var lastGroup: [UInt8] = []
    @exclusivity(unchecked) private var lastBucket: Int??
    /// Rows of `lastGroup` not yet counted in `levels` (counted in batches: a dictionary update per row is slow).
    @exclusivity(unchecked) private var pendingRepeats = 0
    /// Every `MEASURE_NAME` value seen, as written, and the measure each one is (`nil`: unused).
    @exclusivity(unchecked) private var measureNames = ByteTable()
    @exclusivity(unchecked) private var measures: [Measure?] = []

    init(header: Header, file: String, options: IngestOptions, collector: Collector) throws(IngestError) {
        self.header = header
        self.file = file
        self.collector = collector
        levels = AreaLevelChoice(requested: options.areaLevel)
        start = try header.require("reportingperiodstart", display: "REPORTING_PERIOD_START")
        groupType = try header.require("grouptype", display: "GROUP_TYPE")
        code1 = try header.require("orgcode1", display: "ORG_CODE1")
        code2 = try header.require("orgcode2", display: "ORG_CODE2")
        name1 = header.index("orgname1")
        name2 = header.index("orgname2")
        measureName = try header.require("measurename", display: "MEASURE_NAME")
        value = try header.require(anyOf: ["measurevaluesuppressed", "measurevalue"], display: "MEASURE_VALUE_SUPPRESSED")
    }

    private static let provider = Array("provider".utf8)
    private static let england = Array("england".utf8)
    /// The bucket of `GROUP_TYPE England` rows.
    private static let englandKey = "\u{0}england"

    func row(_ record: CSVRecord) throws(IngestError) {
        let group = record[groupType]
        let index: Int?
        if let cached = lastBucket, FieldValue.equal(group, lastGroup) {
            index = cached
            pendingRepeats += 1
        } else {
            levels.repeatLast(pendingRepeats)
            pendingRepeats = 0
            var level = levels.classify(group)
            // England's rows give the England rate of a period (never an area).
            if level == nil, FieldValue.matches(group, normalizedKey: MonthlyLongReader.england) { level = MonthlyLongReader.englandKey }
            index = level.map { (level) -> Int in
                if let found = bucketIndex[level] { return found }
                buckets.append(Bucket())
                bucketIndex[level] = buckets.count - 1
                return buckets.count - 1
            }
            lastGroup = Array(group)
            lastBucket = .some(index)
        }
        guard let index, buckets[index].error == nil else { return }
        let (number, isNew) = measureNames.number(of: record[measureName])
        if isNew {
            let field = record[measureName]
            measures.append(Measure.all.first { FieldValue.matches(field, normalizedKey: Measure.keys[$0.rawValue]) })
        }
        guard let measure = measures[number] else {
            if buckets[index].skipped.count <= number {
                buckets[index].skipped.append(contentsOf: repeatElement(0, count: number + 1 - buckets[index].skipped.count))
            }
            buckets[index].skipped[number] += 1
            return
        }
        do {
            let (year, month) = try MonthlyLongReader.month(record, start, column: header.names[start])
            let isProvider = FieldValue.matches(group, normalizedKey: MonthlyLongReader.provider)
            let codeColumn = isProvider ? code2 : code1
            let area = try FieldValue.areaCode(record, codeColumn, column: header.names[codeColumn])
            let nameColumn = isProvider ? name2 : name1
            let count = try FieldValue.wholeNumber(record, value, column: header.names[value])
            try buckets[index].table.add(year: year, month: month, area: area, name: {
                let name = nameColumn.map { FieldValue.text(record, $0) } ?? ""
                return name.isEmpty ? area : name
            }, measure: measure, value: count, location: record.location(value))
        } catch {
            buckets[index].error = error
        }
    }

    func finish() throws(IngestError) {
        levels.repeatLast(pendingRepeats)
        pendingRepeats = 0
        let chosen = try levels.chosen(file: file)
        collector.areaLevel = levels.displayName(chosen)
        var skips = SkipCounter()
        if let found = bucketIndex[chosen] {
            let bucket = buckets[found]
            if let error = bucket.error { throw error }
            try collector.months.merge(bucket.table)
            for (number, count) in bucket.skipped.enumerated() where count > 0 {
                let name = String(decoding: measureNames.key(number), as: UTF8.self).trimmingWhitespace()
                skips.add("measure \(name)", count)
            }
        }
        if let found = bucketIndex[MonthlyLongReader.englandKey] {
            if let error = buckets[found].error { throw error }
            try collector.englandMonths.merge(buckets[found].table)
        }
        for other in levels.others(than: chosen) { skips.add("\(header.names[groupType]) \(other.name)", other.count) }
        collector.skipped.append(contentsOf: skips.rows(file: file))
    }

    /// The year and month of a date `YYYY-MM-DD` (time after it ignored) or `DD/MM/YYYY`.
    static func month(_ record: CSVRecord, _ column: Int, column name: String) throws(IngestError) -> (Int, Int) {
        let t = FieldValue.trimmed(record[column])
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= t.count else { return nil }
            var value = 0
            for i in range {
                guard t[i] >= 0x30 && t[i] <= 0x39 else { return nil }
                value = value * 10 + Int(t[i] - 0x30)
            }
            return value
        }
        var result: (Int, Int)?
        if t.count >= 10, t[4] == 0x2D, t[7] == 0x2D, let y = number(0..<4), let m = number(5..<7), number(8..<10) != nil {
            result = (y, m)
        } else if t.count >= 10, t[2] == 0x2F, t[5] == 0x2F, let m = number(3..<5), let y = number(6..<10), number(0..<2) != nil {
            result = (y, m)
        }
        guard let result, (1...12).contains(result.1) else {
            throw IngestError(location: record.location(column), reason: .notADate(column: name, found: record.string(column)))
        }
        return result
    }
}
