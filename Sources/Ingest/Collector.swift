import LevelFieldModel

/// An outcome row as read, before the deprivation join: the observation, or why it cannot be used.
struct OutcomeRow {
    var observation: Observation
    /// Why the row is excluded (missing counts, incomplete quarter, …), with the place to cite.
    var problem: (reason: ExclusionReason, location: SourceLocation)?
}

/// One deprivation value for an area, for one period or (`period == nil`) for every period.
struct DeprivationEntry {
    var period: Period?
    var area: AreaCode
    var name: String?
    var rank: Double?
    var score: Double?
    var location: SourceLocation
}

/// A file's reader: given each data record after the header, then `finish` at the end.
protocol RowHandler: AnyObject {
    func row(_ record: CSVRecord) throws(IngestError)
    func finish() throws(IngestError)
}

/// Counts of rows outside the selection, by what they were (`OrgType England`).
struct SkipCounter {
    private var counts: [String: Int] = [:]

    mutating func add(_ what: String, _ count: Int = 1) { counts[what, default: 0] += count }

    /// The counts for `file`, sorted by what they were (never in dictionary order).
    func rows(file: String) -> [SkippedRows] {
        counts.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { SkippedRows(sourceFile: file, what: $0, count: counts[$0]!) }
    }
}

/// Everything read so far from every file, before the join.
final class Collector {
    var rows: [OutcomeRow] = []
    var months = MonthTable()
    var deprivation: [DeprivationEntry] = []
    /// ONS ↔ ODS pairs from code lookups.
    var lookup: [(ons: String, ods: String, location: SourceLocation)] = []
    var skipped: [SkippedRows] = []
    var inputs: [InputFile] = []
}
