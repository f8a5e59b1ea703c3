import LevelFieldModel

/// SPEC §1.2, the deprivation CSV: `area_code` with `imd_rank` and/or `imd_score`, optional
/// `period` (then the join is on period and area), `area_name`. A missing value is allowed (the
/// area then has no deprivation value and its outcome rows are ledgered).
final class DeprivationReader: RowHandler {
    private let collector: Collector
    private let header: Header
    private let areaCode: Int
    private let period, areaName, rank, score, version: Int?

    init(header: Header, collector: Collector) throws(IngestError) {
        self.header = header
        self.collector = collector
        areaCode = try header.require("areacode", display: "area_code")
        period = header.index("period")
        areaName = header.index("areaname")
        rank = header.index("imdrank")
        score = header.index("imdscore")
        version = header.index("imdversion")
        if rank == nil && score == nil { _ = try header.require("imdrank", display: "imd_rank (or imd_score)") }
    }

    func row(_ record: CSVRecord) throws(IngestError) {
        let code = try FieldValue.joinCode(record, areaCode, column: header.names[areaCode])
        var periodValue: Period?
        if let period { periodValue = Period(try FieldValue.periodLabel(record, period, column: header.names[period])) }
        let name = areaName.map { FieldValue.text(record, $0) }
        collector.deprivation.append(DeprivationEntry(
            period: periodValue, area: AreaCode(code), name: name,
            rank: try rank.flatMap { (column) throws(IngestError) in try FieldValue.imdRank(record, column, column: header.names[column]) },
            score: try score.flatMap { (column) throws(IngestError) in try FieldValue.imdScore(record, column, column: header.names[column]) },
            version: version.map { FieldValue.text(record, $0) }.flatMap { $0.isEmpty ? nil : $0 },
            location: SourceLocation(file: record.file, line: record.line, column: 1)))
    }

    func finish() throws(IngestError) {}
}

/// MHCLG's Indices of Deprivation summaries as published (IoD 2015 File 13, CCG summaries, IMD
/// sheet): the code is the first column whose name contains `Code`, the rank `IMD - Rank of
/// average score` (1 = most deprived), the score `IMD - Average score`. No period: one value
/// serves every period. Codes are ONS codes; give a code lookup when the outcomes use ODS codes.
final class DeprivationSummaryReader: RowHandler {
    private let collector: Collector
    private let header: Header
    private let code, rank: Int
    private let name, score: Int?

    init(header: Header, collector: Collector) throws(IngestError) {
        self.header = header
        self.collector = collector
        guard let code = header.keys.firstIndex(where: { $0.contains("code") }) else {
            throw IngestError(location: SourceLocation(file: header.file, line: header.line, column: 1),
                              reason: .missingColumn("… Code"))
        }
        self.code = code
        name = header.keys.firstIndex(where: { $0.contains("name") })
        rank = try header.require("imd-rankofaveragescore", display: "IMD - Rank of average score")
        score = header.index("imd-averagescore")
    }

    func row(_ record: CSVRecord) throws(IngestError) {
        let area = try FieldValue.joinCode(record, code, column: header.names[code])
        collector.deprivation.append(DeprivationEntry(
            period: nil, area: AreaCode(area), name: name.map { FieldValue.text(record, $0) },
            rank: try FieldValue.imdRank(record, rank, column: header.names[rank]),
            score: try score.flatMap { (column) throws(IngestError) in try FieldValue.imdScore(record, column, column: header.names[column]) },
            location: SourceLocation(file: record.file, line: record.line, column: 1)))
    }

    func finish() throws(IngestError) {}
}

/// An ONS code lookup (`CCG15CD` ONS code, `CCG15CDH` ODS code, …): used to translate the
/// deprivation data's codes into the code system of the outcome data.
final class CodeLookupReader: RowHandler {
    private let collector: Collector
    private let header: Header
    private let ons, ods: Int

    init(header: Header, collector: Collector) throws(IngestError) {
        self.header = header
        self.collector = collector
        guard let columns = FileFormat.lookupColumns(header) else {
            throw IngestError(location: SourceLocation(file: header.file, line: header.line, column: 1),
                              reason: .missingColumn("…CD and …CDH"))
        }
        ons = columns.ons
        ods = columns.ods
    }

    func row(_ record: CSVRecord) throws(IngestError) {
        collector.lookup.append((
            ons: try FieldValue.joinCode(record, ons, column: header.names[ons]),
            ods: try FieldValue.joinCode(record, ods, column: header.names[ods]),
            location: SourceLocation(file: record.file, line: record.line, column: 1)))
    }

    func finish() throws(IngestError) {}
}
