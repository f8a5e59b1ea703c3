import Foundation
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

extension Collector {
    /// Appends what one file read into its own collector, as if that file had been read into this one.
    func absorb(_ part: Collector) throws(IngestError) {
        try months.merge(part.months)
        rows.append(contentsOf: part.rows)
        deprivation.append(contentsOf: part.deprivation)
        lookup.append(contentsOf: part.lookup)
        skipped.append(contentsOf: part.skipped)
        inputs.append(contentsOf: part.inputs)
    }
}

/// The shared state of `Ingest.readAll`'s threads: files are claimed in order, and each file's
/// collector is merged into the result as soon as every file before it has been merged. The first
/// error in file order (reading or merging) stops the merging and the claiming of further files.
///
/// `@unchecked Sendable`: every property is read and written under `lock`; a claimed file's
/// collector belongs to the claiming thread until it is handed over through `finished`.
final class ParallelRead: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private let collector: Collector
    private var nextToClaim = 0
    private var nextToMerge = 0
    private var done: [Int: Result<Collector, IngestError>] = [:]
    private(set) var error: IngestError?

    init(count: Int, into collector: Collector) {
        self.count = count
        self.collector = collector
    }

    /// The next file to read, or `nil` when all are claimed or an error has stopped the run.
    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, nextToClaim < count else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    /// Hands over file `index`'s collector (or error) and merges every file that is now next in order.
    func finished(_ index: Int, _ result: Result<Collector, IngestError>) {
        lock.lock()
        defer { lock.unlock() }
        done[index] = result
        while error == nil, let next = done.removeValue(forKey: nextToMerge) {
            do {
                try collector.absorb(next.get())
                nextToMerge += 1
            } catch {
                self.error = error
            }
        }
    }
}
