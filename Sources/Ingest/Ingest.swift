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
    package static func load(outcomes: [String], deprivation: [String], options: IngestOptions) throws(IngestError) -> Dataset {
        try load(outcomes: outcomes, deprivation: deprivation, options: options, bufferSize: CSVFile.defaultBufferSize)
    }

    /// `load` with an explicit read-buffer size (tests use 1 byte to prove chunking changes nothing).
    package static func load(outcomes: [String], deprivation: [String], options: IngestOptions,
                             bufferSize: Int) throws(IngestError) -> Dataset {
        if outcomes.isEmpty { throw IngestError(location: nil, reason: .noOutcomeFile) }
        let collector = Collector()
        for path in outcomes {
            try read(path: path, expectingOutcomes: true, options: options, bufferSize: bufferSize, into: collector)
        }
        for path in deprivation {
            try read(path: path, expectingOutcomes: false, options: options, bufferSize: bufferSize, into: collector)
        }
        if !collector.lookup.isEmpty && collector.deprivation.isEmpty {
            throw IngestError(location: collector.lookup[0].location, reason: .lookupWithoutDeprivation)
        }
        return try Join.dataset(collector, options: options)
    }

    /// What `levelfield check FILE…` uses: detect each file's format (outcomes or deprivation) and load them together.
    package static func check(files: [String], options: IngestOptions) throws(IngestError) -> Dataset {
        let collector = Collector()
        for path in files {
            try read(path: path, expectingOutcomes: nil, options: options, bufferSize: CSVFile.defaultBufferSize, into: collector)
        }
        return try Join.dataset(collector, options: options)
    }

    /// Reads one file into `collector`, choosing the reader from its header.
    static func read(path: String, expectingOutcomes: Bool?, options: IngestOptions, bufferSize: Int,
                     into collector: Collector) throws(IngestError) {
        var handler: RowHandler?
        var format: FileFormat?
        let summary = try CSVFile.read(path: path, file: path, bufferSize: bufferSize) { (record) throws(IngestError) in
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
            handler = try makeHandler(detected, header: header, file: path, options: options, collector: collector)
        }
        try handler?.finish()
        collector.inputs.append(InputFile(path: path, format: format?.rawValue ?? "empty",
                                          rowCount: summary.records - 1, sha256: summary.sha256))
    }

    private static func makeHandler(_ format: FileFormat, header: Header, file: String, options: IngestOptions,
                                    collector: Collector) throws(IngestError) -> RowHandler {
        switch format {
        case .tidyOutcomes: try TidyOutcomesReader(header: header, collector: collector)
        case .annualWide: try AnnualWideReader(header: header, file: file, options: options, collector: collector)
        case .monthlyLong: try MonthlyLongReader(header: header, file: file, options: options, collector: collector)
        case .deprivation: try DeprivationReader(header: header, collector: collector)
        case .deprivationSummary: try DeprivationSummaryReader(header: header, collector: collector)
        case .codeLookup: try CodeLookupReader(header: header, collector: collector)
        }
    }
}
