import LevelFieldModel

/// The bodies of the libFuzzer harnesses for ingest (`Fuzz/`, README "Fuzzing"): each takes any
/// bytes and must return, never crash, hang or grow without bound. They are ordinary functions,
/// so the unit tests replay the committed seed corpus and every past finding through them.
/// Data errors (`IngestError`) are expected results; a broken invariant is a `precondition` failure,
/// which libFuzzer reports as a crash.
package enum IngestFuzz {
    /// Small limits, so that short inputs reach the limit checks too.
    static let smallLimits = CSVLimits(fieldBytes: 48, lineBytes: 160, columns: 12)

    /// The CSV parser: the input parsed whole and in chunks of 1 to 7 bytes (the first byte
    /// chooses) must give the same records or the same error, with SPEC and with small limits.
    package static func csv(_ data: UnsafeBufferPointer<UInt8>) {
        guard let first = data.first else { return }
        let chunk = Int(first % 7) + 1
        for limits in [CSVLimits.spec, smallLimits] {
            let whole = parse(data, chunk: max(1, data.count), limits: limits)
            let pieces = parse(data, chunk: chunk, limits: limits)
            precondition(whole == pieces, "the records depend on the read size")
        }
    }

    /// What parsing gave: each record's fields and their locations, and the error if any.
    private struct Outcome: Equatable {
        var records: [[[UInt8]]] = []
        var locations: [[SourceLocation]] = []
        var error: IngestError?
    }

    private static func parse(_ data: UnsafeBufferPointer<UInt8>, chunk: Int, limits: CSVLimits) -> Outcome {
        var outcome = Outcome()
        let parser = CSVParser(file: "fuzz.csv", limits: limits) { record in
            precondition(record.count >= 1 && record.count <= limits.columns, "a record within the column limit")
            outcome.records.append((0..<record.count).map { Array(record[$0]) })
            outcome.locations.append((0..<record.count).map { record.location($0) })
        }
        do throws(IngestError) {
            var start = 0
            while start < data.count {
                let end = min(start + chunk, data.count)
                try parser.feed(UnsafeBufferPointer(rebasing: data[start..<end]))
                start = end
            }
            try parser.finish()
        } catch {
            outcome.error = error
        }
        for record in outcome.records {
            for field in record { precondition(field.count <= limits.fieldBytes, "a field within the limit") }
        }
        return outcome
    }

    /// The input formats a reader harness run can take; the first input byte chooses one.
    enum Mode: CaseIterable {
        // New formats go at the end, so that the seeds' first bytes keep choosing the same reader.
        case tidy, deprivation, deprivationSummary, codeLookup, annual, monthly, monthlyQuarters, detected, benchmarks

        /// The header the fuzzed rows follow (`nil`: the input brings its own).
        var header: String? {
            switch self {
            case .tidy: "period,area_code,area_name,finished_treatment,at_caseness,not_at_caseness,recovered,recovery_rate,referrals,reliable_improvement,imd_rank,imd_score,parent_code\n"
            case .deprivation: "period,area_code,area_name,imd_rank,imd_score\n"
            case .deprivationSummary: "CCG Code,CCG Name,IMD - Rank of average score,IMD - Average score\n"
            case .codeLookup: "CCG15CD,CCG15CDH,CCG15NM\n"
            case .annual: "OrgType,OrgCode,OrgName,VariableType,VariableA,VariableB,Count_ReferralsReceived,Count_FinishedCourseTreatment,Count_AtCaseness,Count_NotAtCaseness,Count_Recovery\n"
            case .monthly, .monthlyQuarters: "REPORTING_PERIOD_START,GROUP_TYPE,ORG_CODE1,ORG_NAME1,ORG_CODE2,ORG_NAME2,MEASURE_NAME,MEASURE_VALUE_SUPPRESSED\n"
            case .detected: nil
            case .benchmarks: "period,indicator,area_code,area_name,imd_rank,imd_score,referrals,finished_treatment,denominator,numerator,rate\n"
            }
        }
    }

    /// A small valid outcome file, read beside fuzzed deprivation data so that the join runs.
    static let outcomes = "period,area_code,area_name,finished_treatment,at_caseness,recovered\n2020-21,A1,a,10,8,4\n2020-21,00C,b,20,18,9\n2021-22,A1,a,12,10,5\n"
    /// A small valid File 13, read beside a fuzzed code lookup.
    static let summary = "CCG Code,IMD - Rank of average score\nE38000042,3\nE38000001,1\n"

    /// Every reader and the join: the first byte chooses the format (`Mode`, byte modulo the number
    /// of modes), the rest are the
    /// rows after that format's header (or, for `detected`, a whole file). The result is a
    /// dataset or an `IngestError`; either way its invariants are checked.
    package static func readers(_ data: UnsafeBufferPointer<UInt8>) {
        guard let first = data.first else { return }
        let mode = Mode.allCases[Int(first) % Mode.allCases.count]
        let rest = UnsafeBufferPointer(rebasing: data[1...])
        let options = IngestOptions(aggregateToQuarter: mode == .monthlyQuarters)
        let collector = Collector()
        let result: Result<Dataset, IngestError>
        do throws(IngestError) {
            let fuzzed = (mode.header.map { Array($0.utf8) } ?? []) + Array(rest)
            let isOutcome: Bool? = switch mode {
            case .deprivation, .deprivationSummary, .codeLookup: false
            case .detected: nil
            default: true
            }
            if isOutcome == false {
                try read(outcomes, file: "outcomes.csv", expectingOutcomes: true, options: options, into: collector)
                if mode == .codeLookup { try read(summary, file: "file13.csv", expectingOutcomes: false, options: options, into: collector) }
            }
            try fuzzed.withUnsafeBufferPointer { (bytes) throws(IngestError) in
                try Ingest.read(bytes: bytes, file: "annual-2020-21.csv", expectingOutcomes: isOutcome, options: options,
                                limits: smallLimits, into: collector)
            }
            result = .success(try Join.dataset(collector, options: options))
        } catch {
            result = .failure(error)
        }
        switch result {
        case .success(let dataset):
            for observation in dataset.observations {
                precondition(observation.areaCode.isSafeFileName && observation.period.fileNameProblem == nil, "names a page")
                for indicator in Indicator.all {
                    if let numerator = observation.count(indicator.numerator), let denominator = observation.count(indicator.denominator) {
                        precondition(numerator <= denominator, "a numerator within its denominator")
                    }
                }
                if let rate = observation.recoveryRateGiven { precondition((0...100).contains(rate), "a rate from 0 to 100") }
                if let rank = observation.imdRank { precondition(rank >= 1 && rank <= Double(DeprivationValues.maximumRank)) }
                if let score = observation.imdScore { precondition(score.isFinite) }
            }
        case .failure(let error):
            precondition(error.location.map { $0.line >= 1 && $0.column >= 1 } ?? false, "a data error is located")
            precondition(error.description.utf8.count < 2_000, "a message is short")
        }
    }

    private static func read(_ text: String, file: String, expectingOutcomes: Bool, options: IngestOptions,
                             into collector: Collector) throws(IngestError) {
        try Array(text.utf8).withUnsafeBufferPointer { (bytes) throws(IngestError) in
            try Ingest.read(bytes: bytes, file: file, expectingOutcomes: expectingOutcomes, options: options, into: collector)
        }
    }
}
