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
    /// The `imd_version` column (`IMD2015`, `IMD2019`, …), when the file has one.
    var version: String? = nil
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
    /// England's own rows (the England rate of a period), never areas.
    var england: [Observation] = []
    /// England's month cells from monthly files, turned into rows like the areas' months.
    var englandMonths = MonthTable()
    /// The area level a native NHS file was read at (set by its reader), for the file's `InputFile`.
    var areaLevel: String?
    /// Breakdown rows of the chosen level's organisations and of England (`ENGLAND`).
    var breakdowns: [BreakdownRow] = []
}

extension Collector {
    /// Appends what one file read into its own collector, as if that file had been read into this one.
    func absorb(_ part: Collector) throws(IngestError) {
        try months.merge(part.months)
        try englandMonths.merge(part.englandMonths)
        rows.append(contentsOf: part.rows)
        deprivation.append(contentsOf: part.deprivation)
        lookup.append(contentsOf: part.lookup)
        skipped.append(contentsOf: part.skipped)
        england.append(contentsOf: part.england)
        breakdowns.append(contentsOf: part.breakdowns)
        inputs.append(contentsOf: part.inputs)
    }
}

/// The shared state of `Ingest.readAll`'s threads: jobs are claimed in order, and each file's
/// collector is merged into the result as soon as it is parsed and hashed and every file before it
/// has been merged. The first error in file order (reading, hashing or merging) stops the merging
/// and the claiming of further jobs.
///
/// `@unchecked Sendable`: every property is read and written under `lock`; a parse job's collector
/// belongs to the claiming thread until it is handed over through `parsed`.
final class ParallelRead: @unchecked Sendable {
    /// A unit of work: hash a group of files together, parse one file, or parse and hash one
    /// file that cannot be read twice.
    enum Job: Sendable {
        case hash([Int])
        case parse(Int)
        case parseAndHash(Int)
    }

    private let lock = NSLock()
    private let jobs: [Job]
    private let collector: Collector
    private var nextJob = 0
    private var nextToMerge = 0
    private var parts: [Result<(collector: Collector, bytes: Int), IngestError>?]
    private var digests: [Result<FileDigest, IngestError>?]
    private(set) var error: IngestError?

    init(jobs: [Job], files: Int, into collector: Collector) {
        self.jobs = jobs
        self.collector = collector
        parts = Array(repeating: nil, count: files)
        digests = Array(repeating: nil, count: files)
    }

    /// The next job, or `nil` when all are claimed or an error has stopped the run.
    func claim() -> Job? {
        lock.lock()
        defer { lock.unlock() }
        guard error == nil, nextJob < jobs.count else { return nil }
        nextJob += 1
        return jobs[nextJob - 1]
    }

    /// Hands over a parsed file (its collector and length) or its error.
    func parsed(_ index: Int, _ result: Result<(collector: Collector, bytes: Int), IngestError>) {
        lock.lock()
        defer { lock.unlock() }
        parts[index] = result
        mergeReady()
    }

    /// Hands over the digests of a group of files.
    func hashed(_ group: [Int], _ results: [Result<FileDigest, IngestError>]) {
        lock.lock()
        defer { lock.unlock() }
        for (index, result) in zip(group, results) { digests[index] = result }
        mergeReady()
    }

    /// True when every file has been merged.
    var mergedAll: Bool {
        lock.lock()
        defer { lock.unlock() }
        return nextToMerge == parts.count
    }

    private func mergeReady() {
        // A file that failed to parse is merged (its error taken) without waiting for its digest.
        while error == nil, nextToMerge < parts.count, let part = parts[nextToMerge] {
            do throws(IngestError) {
                let (file, bytes) = try part.get()
                guard let digest = digests[nextToMerge] else { return }
                let hash = try digest.get()
                if hash.bytes != bytes {
                    let path = file.inputs[0].path
                    throw IngestError(location: SourceLocation(file: path, line: 0, column: 0),
                                      reason: .unreadable("the file changed while it was being read"))
                }
                // A parse job reads one file into its own collector, without hashing it.
                file.inputs[0].sha256 = hash.sha256
                try collector.absorb(file)
                parts[nextToMerge] = nil
                digests[nextToMerge] = nil
                nextToMerge += 1
            } catch {
                self.error = error
            }
        }
    }
}
