import Dispatch
import Foundation
import LevelFieldModel

/// What the command line can ask of ingest.
package struct IngestOptions: Equatable, Sendable {
    /// `--area-level`: the `OrgType` / `GROUP_TYPE` of native NHS files (default: the first of
    /// CCG, SubICB, ICB, Provider the file has).
    package var areaLevel: String?
    /// `--period-label`: the period of an annual file whose name has no financial year.
    package var periodLabel: String?
    /// `--aggregate quarter`: sum monthly files into financial-year quarters.
    package var aggregateToQuarter: Bool
    /// `--deprivation casemix` (SPEC §8.3): areas need no deprivation file; the covariate comes
    /// from their patients' decile rows, so rows without an IMD match are kept.
    package var casemix = false

    /// Creates options; the defaults read every file as it is.
    package init(areaLevel: String? = nil, periodLabel: String? = nil, aggregateToQuarter: Bool = false) {
        self.areaLevel = areaLevel
        self.periodLabel = periodLabel
        self.aggregateToQuarter = aggregateToQuarter
    }
}

/// Reading the inputs into one `Dataset` with its ledger (see README.md in this folder).
package enum Ingest {
    /// Reads outcome files (any supported format, detected from the header; several files may be
    /// combined, e.g. five annual files) and optional deprivation files (a deprivation CSV, possibly a
    /// File 13 + a code lookup), joins them and returns the dataset with its ledger.
    /// With `checksums` false (nothing will be published, as for `summary`) no SHA-256 is computed
    /// and each input's `sha256` is empty.
    package static func load(outcomes: [String], deprivation: [String], options: IngestOptions,
                             checksums: Bool = true) throws(IngestError) -> Dataset {
        try load(outcomes: outcomes, deprivation: deprivation, options: options, bufferSize: CSVFile.defaultBufferSize, checksums: checksums)
    }

    /// `load` with an explicit read-buffer size (tests use 1 byte to prove chunking changes nothing).
    package static func load(outcomes: [String], deprivation: [String], options: IngestOptions,
                             bufferSize: Int, checksums: Bool = true) throws(IngestError) -> Dataset {
        if outcomes.isEmpty { throw IngestError(location: nil, reason: .noOutcomeFile) }
        let collector = Collector()
        try readAll(outcomes.map { ($0, true) } + deprivation.map { ($0, false) }, options: options,
                    bufferSize: bufferSize, hashing: checksums, into: collector)
        if !collector.lookup.isEmpty && collector.deprivation.isEmpty {
            throw IngestError(location: collector.lookup[0].location, reason: .lookupWithoutDeprivation)
        }
        return try Join.dataset(collector, options: options)
    }

    /// What `levelfield check FILE…` uses: detect each file's format (outcomes or deprivation) and load them together.
    /// Nothing is published, so no checksums are computed: each input's `sha256` is empty (hashing
    /// is about 40% of the CPU time of a load).
    package static func check(files: [String], options: IngestOptions) throws(IngestError) -> Dataset {
        let collector = Collector()
        try readAll(files.map { ($0, nil) }, options: options, bufferSize: CSVFile.defaultBufferSize, hashing: false, into: collector)
        return try Join.dataset(collector, options: options)
    }

    /// Reads files into `collector` as if one after the other. With several cores the work is
    /// shared out: each file is parsed (without hashing) into its own collector, files are hashed
    /// four at a time in SIMD lanes as separate jobs, and the parts are merged in the given order,
    /// so the result and the error thrown (the first in file order) are those of a sequential read.
    /// `threads` defaults to the number of cores (at most 8).
    /// With `hashing` false no file is hashed and every input's `sha256` is left empty.
    static func readAll(_ files: [(path: String, expectingOutcomes: Bool?)], options: IngestOptions, bufferSize: Int,
                        threads: Int? = nil, hashing: Bool = true, into collector: Collector) throws(IngestError) {
        let threads = max(1, threads ?? min(ProcessInfo.processInfo.activeProcessorCount, 8))
        if threads <= 1 || files.isEmpty {
            for file in files {
                try read(path: file.path, expectingOutcomes: file.expectingOutcomes, options: options,
                         bufferSize: bufferSize, hashing: hashing, into: collector)
            }
            return
        }
        // Regular files are hashed four at a time by hash jobs; anything else (a pipe can be read
        // only once) is hashed by its parse job as it is read.
        var jobs: [ParallelRead.Job] = []
        var group: [Int] = []
        if !hashing { jobs = files.indices.map { .parse($0) } }
        for index in files.indices where hashing {
            if CSVFile.isRegularFile(files[index].path) {
                group.append(index)
            } else {
                jobs.append(.parseAndHash(index))
            }
            if group.count == 4 || (index == files.count - 1 && !group.isEmpty) {
                jobs.append(.hash(group))
                jobs.append(contentsOf: group.map { .parse($0) })
                group = []
            }
        }
        let work = ParallelRead(jobs: jobs, files: files.count, into: collector)
        let hashingAny = hashing
        // Even one file has two jobs (hash and parse) to run side by side.
        DispatchQueue.concurrentPerform(iterations: min(threads, jobs.count)) { _ in
            while let job = work.claim() {
                switch job {
                case .hash(let group):
                    let digests = CSVFile.sha256(paths: group.map { files[$0].path }, bufferSize: max(bufferSize, 64 * 1024))
                    work.hashed(group, digests)
                case .parse(let index), .parseAndHash(let index):
                    let hashing = if case .parseAndHash = job { true } else { false }
                    let part = Collector()
                    do throws(IngestError) {
                        let bytes = try read(path: files[index].path, expectingOutcomes: files[index].expectingOutcomes,
                                             options: options, bufferSize: bufferSize, hashing: hashing, into: part)
                        if hashing || !hashingAny {
                            work.hashed([index], [.success(FileDigest(sha256: part.inputs[0].sha256, bytes: bytes))])
                        }
                        work.parsed(index, .success((part, bytes)))
                    } catch {
                        work.parsed(index, .failure(error))
                    }
                }
            }
        }
        assert(work.error != nil || work.mergedAll, "every file merged unless an error stopped the run")
        if let error = work.error { throw error }
    }

    /// Reads one file into `collector`, choosing the reader from its header.
    /// The bytes read are returned; with `hashing` false the input's `sha256` is left empty for the caller to fill.
    @discardableResult
    static func read(path: String, expectingOutcomes: Bool?, options: IngestOptions, bufferSize: Int,
                     hashing: Bool = true, into collector: Collector) throws(IngestError) -> Int {
        let dispatcher = RecordDispatcher(file: path, expectingOutcomes: expectingOutcomes, options: options, collector: collector)
        let summary = try CSVFile.read(path: path, file: path, bufferSize: bufferSize, hashing: hashing, onRecord: dispatcher.record)
        try dispatcher.finish(records: summary.records, sha256: summary.sha256 ?? "")
        return summary.bytes
    }

    /// Reads a file already in memory into `collector`, as `read(path:…)` reads one from disk
    /// (the fuzz harnesses use it; `limits` may be smaller than SPEC's to reach them quickly).
    static func read(bytes: UnsafeBufferPointer<UInt8>, file: String, expectingOutcomes: Bool?, options: IngestOptions,
                     limits: CSVLimits = .spec, into collector: Collector) throws(IngestError) {
        let dispatcher = RecordDispatcher(file: file, expectingOutcomes: expectingOutcomes, options: options, collector: collector)
        let parser = CSVParser(file: file, limits: limits, onRecord: dispatcher.record)
        try parser.feed(bytes)
        try parser.finish()
        if parser.recordCount == 0 { throw IngestError(location: SourceLocation(file: file, line: 1, column: 1), reason: .emptyFile) }
        try dispatcher.finish(records: parser.recordCount, sha256: "")
    }

    /// Hands a file's records to the reader its header chooses.
    private final class RecordDispatcher {
        let file: String
        let expectingOutcomes: Bool?
        let options: IngestOptions
        let collector: Collector
        var handler: RowHandler?
        var format: FileFormat?

        init(file: String, expectingOutcomes: Bool?, options: IngestOptions, collector: Collector) {
            self.file = file
            self.expectingOutcomes = expectingOutcomes
            self.options = options
            self.collector = collector
            collector.areaLevel = nil  // set by this file's reader, if it has levels
        }

        func record(_ record: CSVRecord) throws(IngestError) {
            if let handler {
                try handler.row(record)
                return
            }
            let header = try Header(record)
            guard let detected = FileFormat.detect(header) else {
                throw IngestError(location: record.location(0), reason: .unrecognisedFormat(header: header.joined))
            }
            if let expectingOutcomes, detected.isOutcomes != expectingOutcomes {
                throw IngestError(location: record.location(0), reason: .wrongKind(
                    format: detected.rawValue, expected: expectingOutcomes ? "outcome data" : "deprivation data or a code lookup"))
            }
            format = detected
            handler = try Ingest.makeHandler(detected, header: header, file: file, options: options, collector: collector)
        }

        /// Ends the file (`records` read, header included): a header alone is an error at line 1.
        func finish(records: Int, sha256: String) throws(IngestError) {
            if records == 1 {
                throw IngestError(location: SourceLocation(file: file, line: 1, column: 1), reason: .noDataRows)
            }
            try handler?.finish()
            var input = InputFile(path: file, format: format?.rawValue ?? "empty", rowCount: records - 1, sha256: sha256)
            input.areaLevel = collector.areaLevel
            collector.inputs.append(input)
        }
    }

    fileprivate static func makeHandler(_ format: FileFormat, header: Header, file: String, options: IngestOptions,
                                    collector: Collector) throws(IngestError) -> RowHandler {
        switch format {
        case .tidyOutcomes: try TidyOutcomesReader(header: header, collector: collector)
        case .annualWide: try AnnualWideReader(header: header, file: file, options: options, collector: collector)
        case .benchmarks: try BenchmarksReader(header: header, file: file, collector: collector)
        case .monthlyLong: try MonthlyLongReader(header: header, file: file, options: options, collector: collector)
        case .deprivation: try DeprivationReader(header: header, collector: collector)
        case .deprivationSummary: try DeprivationSummaryReader(header: header, collector: collector)
        case .codeLookup: try CodeLookupReader(header: header, collector: collector)
        }
    }
}
