#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Ingest
import LevelFieldModel

/// Parses `bytes` with `limits`, `chunk` bytes at a time; the error, or `nil`.
private func limitError(_ bytes: [UInt8], limits: CSVLimits, chunk: Int) -> IngestError? {
    let parser = CSVParser(file: "t.csv", limits: limits) { _ in }
    do throws(IngestError) {
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            try bytes[start..<end].withUnsafeBufferPointer { (buffer) throws(IngestError) in try parser.feed(buffer) }
            start = end
        }
        try parser.finish()
        return nil
    } catch {
        return error
    }
}

/// Feeds `chunk` again and again (an endless input) until the parser stops; the error and the
/// bytes fed, or `nil` after `cap` bytes.
private func endless(_ chunk: [UInt8], cap: Int) -> (error: IngestError, fed: Int)? {
    let parser = CSVParser(file: "endless") { _ in }
    var fed = 0
    do throws(IngestError) {
        while fed < cap {
            try chunk.withUnsafeBufferPointer { (buffer) throws(IngestError) in try parser.feed(buffer) }
            fed += chunk.count
        }
        return nil
    } catch {
        return (error, fed)
    }
}

@Suite("hostile input: limits, messages, validation (SPEC §10)")
struct HostileInputTests {
    let folder = TempFolder()
    static let header = "period,area_code,area_name,finished_treatment,at_caseness,recovered,imd_rank,imd_score\n"
    static let small = CSVLimits(fieldBytes: 8, lineBytes: 20, columns: 3)

    private func loadError(_ outcomes: [String], _ deprivation: [String] = []) -> IngestError? {
        ingestError { () throws(IngestError) in try Ingest.load(outcomes: outcomes, deprivation: deprivation, options: IngestOptions()) }
    }

    // MARK: limits

    @Test("a field over the limit stops the read at the field's start, quoted or not, with any read size",
          arguments: [1, 3, 65536])
    func fieldLimit(chunk: Int) {
        #expect(limitError(Array("a,b\nx,123456789\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 3), reason: .fieldTooLong(limit: 8)))
        #expect(limitError(Array("a,b\nx,\"12\n3456789\"\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 3), reason: .fieldTooLong(limit: 8)))
        #expect(limitError(Array("a,b\nx,éééé€\n".utf8), limits: Self.small, chunk: chunk)?.reason == .fieldTooLong(limit: 8))
        #expect(limitError(Array("a,b\nx,12345678\n".utf8), limits: Self.small, chunk: chunk) == nil, "exactly the limit is read")
    }

    @Test("a record over the line limit stops the read at the record's start", arguments: [1, 65536])
    func lineLimit(chunk: Int) {
        #expect(limitError(Array("a,b,c\n1,2,3\n12345678,12345678,12345\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 3, column: 1), reason: .lineTooLong(limit: 20)))
        #expect(limitError(Array("a,b,c\n\"1\n2\n3\n4\",\"5\n6\n7\n8\",\"9\n0\n1\n2\"\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 1), reason: .lineTooLong(limit: 20)))
    }

    @Test("the limit crossed first is the one reported, whatever the read size (fuzz finding)", arguments: [1, 2, 5, 65536])
    func firstLimitCrossed(chunk: Int) {
        // The line passes 20 bytes at the third field's fifth byte, before the field passes 8.
        #expect(limitError(Array("a,b,c\n1234567,1234567,123456789\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 1), reason: .lineTooLong(limit: 20)))
        // The field passes 8 bytes first.
        #expect(limitError(Array("a,b,c\n1,123456789012\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 3), reason: .fieldTooLong(limit: 8)))
    }

    @Test("a field that ends the file with a multi-byte character is checked against the limit (fuzz finding)",
          arguments: [1, 65536])
    func limitAtEndOfFile(chunk: Int) {
        #expect(limitError(Array("a,b\nx,1234567€".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 3), reason: .fieldTooLong(limit: 8)))
        #expect(limitError(Array("a,b\nx,12345€".utf8), limits: Self.small, chunk: chunk) == nil, "8 bytes is the limit")
    }

    @Test("more fields than the column limit stop the read at the first field too many", arguments: [1, 65536])
    func columnLimit(chunk: Int) {
        #expect(limitError(Array("a,b,c,d\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 1, column: 7), reason: .tooManyColumns(limit: 3)))
        #expect(limitError(Array("a,b,c\n1,2,3,4,5\n".utf8), limits: Self.small, chunk: chunk)
            == IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 7), reason: .tooManyColumns(limit: 3)))
    }

    @Test("the SPEC limits are 1 MiB a field, 16 MiB a line, 1,000 columns")
    func specLimits() {
        #expect(CSVLimits.spec == CSVLimits(fieldBytes: 1_048_576, lineBytes: 16_777_216, columns: 1000))
        let atLimit = Array(repeating: "x", count: 1000).joined(separator: ",") + "\n"
        #expect(limitError(Array(atLimit.utf8), limits: .spec, chunk: 65536) == nil)
        #expect(limitError(Array((atLimit.dropLast() + ",x\n").utf8), limits: .spec, chunk: 65536)?.reason == .tooManyColumns(limit: 1000))
    }

    @Test("an endless line stops at the field limit, having read barely more than 1 MiB")
    func endlessField() throws {
        let stop = try #require(endless(Array(repeating: 0, count: 4096), cap: 64 << 20))
        #expect(stop.error == IngestError(location: SourceLocation(file: "endless", line: 1, column: 1), reason: .fieldTooLong(limit: 1 << 20)))
        #expect(stop.fed <= (1 << 20) + 4096)
    }

    @Test("an endless line of short fields stops at the column limit; of big fields, at the line limit")
    func endlessRecords() throws {
        let commas = try #require(endless(Array(repeating: UInt8(ascii: ","), count: 4096), cap: 64 << 20))
        #expect(commas.error == IngestError(location: SourceLocation(file: "endless", line: 1, column: 1001), reason: .tooManyColumns(limit: 1000)))
        // Fields of 1 MiB less one byte, each followed by a comma: the 17th crosses 16 MiB.
        var big = [UInt8](repeating: UInt8(ascii: "7"), count: (1 << 20) - 1)
        big.append(UInt8(ascii: ","))
        let lines = try #require(endless(big, cap: 64 << 20))
        #expect(lines.error == IngestError(location: SourceLocation(file: "endless", line: 1, column: 1), reason: .lineTooLong(limit: 16 << 20)))
        #expect(lines.fed <= (17 << 20))
    }

    @Test("reading /dev/zero stops at the field limit with file:line:column")
    func devZero() {
        let error = ingestError { () throws(IngestError) in try Ingest.check(files: ["/dev/zero"], options: IngestOptions()) }
        #expect(error == IngestError(location: SourceLocation(file: "/dev/zero", line: 1, column: 1), reason: .fieldTooLong(limit: 1 << 20)))
        #expect(error?.isIOError == false)
    }

    @Test("a named pipe that no program opens for writing is unreadable after the wait, not blocking for ever")
    func pipeWithoutWriter() throws {
        let path = folder.url.appendingPathComponent("pipe").path
        try #require(mkfifo(path, 0o600) == 0)
        var error: IngestError?
        do throws(IngestError) {
            _ = try CSVFile.read(path: path, file: "pipe", pipeWait: 0.2) { _ in }
        } catch let caught {
            error = caught
        }
        #expect(error == IngestError(location: SourceLocation(file: "pipe", line: 0, column: 0),
                                     reason: .unreadable("no program opened this pipe for writing within 0.2 s")))
        #expect(error?.isIOError == true)
        #expect(CSVFile.defaultPipeWait == 10)
    }

    // MARK: messages

    @Test("a message shows at most 100 characters of a value, with control characters escaped")
    func messageExcerpt() {
        let long = String(repeating: "x", count: 300)
        let error = IngestError(location: SourceLocation(file: "o.csv", line: 2, column: 3),
                                reason: .notAWholeNumber(column: "recovered", found: long))
        #expect(error.description == "o.csv:2:3: error: column 'recovered' expects a whole number ≥ 0, found \""
            + String(repeating: "x", count: 100) + "… (300 bytes in all)\"")
        let hostile = IngestError(location: SourceLocation(file: "o\u{1B}.csv", line: 2, column: 3),
                                  reason: .unsafeAreaCode("\u{1B}[2J\u{07}A\u{202E}B\r\n"))
        #expect(hostile.description == "o\\u{1B}.csv:2:3: error: area code \"\\u{1B}[2J\\u{7}A\\u{202E}B\\r\\n\" must be letters and digits only")
        #expect(!hostile.description.unicodeScalars.contains(where: MessageText.isControl))
    }

    @Test("a 1 MiB value in a file gives a message of about 100 characters of it")
    func shortMessageForHugeValue() throws {
        let path = folder.write("o.csv", Self.header + "P,A,a,10,8,4," + String(repeating: "9x", count: 400_000) + ",\n")
        let error = try #require(loadError([path]))
        #expect(error.location == SourceLocation(file: path, line: 2, column: 14))
        #expect(error.description.utf8.count < 400)
    }

    @Test("a header name is cut for display, so the ledger cannot repeat a huge one")
    func longHeaderName() throws {
        let name = "recovered" + String(repeating: "_", count: 5000)
        let path = folder.write("o.csv", "period,area_code,area_name,finished_treatment,at_caseness,\(name),imd_rank\nP,A,a,10,8,*,1\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        guard case .suppressed(let column) = dataset.ledger.first?.reason else {
            Issue.record("expected a suppressed recovered count")
            return
        }
        #expect(column.utf8.count < 200)
    }

    // MARK: empty files

    @Test("an empty or header-only file of any format is an error at line 1", arguments: [
        "", "\n", "period,area_code,area_name,finished_treatment,at_caseness,recovered\n",
        "OrgType,OrgCode,VariableType,Count_FinishedCourseTreatment,Count_AtCaseness,Count_Recovery\r\n",
        "REPORTING_PERIOD_START,GROUP_TYPE,ORG_CODE1,ORG_CODE2,MEASURE_NAME,MEASURE_VALUE\n",
    ])
    func emptyOutcomes(text: String) {
        let path = folder.write("annual-2020-21.csv", text)
        let error = loadError([path])
        #expect(error?.location == SourceLocation(file: path, line: 1, column: 1))
        #expect(error?.reason == (text.contains("_") ? .noDataRows : .emptyFile))
    }

    // MARK: deprivation values

    @Test("imd_rank must be a whole number from 1 to 33,755, in every format that has one", arguments: [
        "-1", "0", "1.5", "1e20", "33756", "2.5e1", "x",
    ])
    func badRank(rank: String) {
        let tidy = folder.write("t.csv", Self.header + "P,A,a,10,8,4,\(rank),\n")
        #expect(loadError([tidy]) == IngestError(location: SourceLocation(file: tidy, line: 2, column: 14),
                                                 reason: .notARank(column: "imd_rank", found: rank)))
        let outcomes = folder.write("o.csv", Self.header + "P,A,a,10,8,4,,\n")
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nA,\(rank)\n")
        #expect(loadError([outcomes], [deprivation]) == IngestError(location: SourceLocation(file: deprivation, line: 2, column: 3),
                                                                    reason: .notARank(column: "imd_rank", found: rank)))
        let file13 = folder.write("f13.csv", "CCG Code,IMD - Rank of average score\nA,\(rank)\n")
        #expect(loadError([outcomes], [file13])?.reason == .notARank(column: "IMD - Rank of average score", found: rank))
    }

    @Test("whole-number ranks from 1 to 33,755 are read, 12.0 as 12")
    func goodRanks() throws {
        let path = folder.write("t.csv", Self.header + "P,A,a,10,8,4,1,\nP,B,b,10,8,4,33755,\nP,C,c,10,8,4,12.0,\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.map(\.imdRank) == [1, 33755, 12])
    }

    @Test("imd_score must be a finite number", arguments: ["inf", "1e400", "-1e999", "nan", "1,5"])
    func badScore(score: String) {
        let path = folder.write("t.csv", Self.header + "P,A,a,10,8,4,,\"\(score)\"\n")
        #expect(loadError([path]) == IngestError(location: SourceLocation(file: path, line: 2, column: 15),
                                                 reason: .notANumber(column: "imd_score", found: score)))
    }

    @Test("at_caseness larger than finished_treatment is an error at at_caseness, in every outcome format")
    func atCasenessAboveFinished() {
        let tidy = folder.write("t.csv", Self.header + "P,A,a,10,11,4,1,\n")
        #expect(loadError([tidy]) == IngestError(location: SourceLocation(file: tidy, line: 2, column: 10),
                                                 reason: .atCasenessExceedsFinished(atCaseness: 11, finished: 10)))
        let annual = folder.write("annual-2020-21.csv", "OrgType,OrgCode,VariableType,Count_FinishedCourseTreatment,Count_AtCaseness,Count_Recovery\nCCG,A,Total,10,11,4\n")
        #expect(loadError([annual]) == IngestError(location: SourceLocation(file: annual, line: 2, column: 16),
                                                   reason: .atCasenessExceedsFinished(atCaseness: 11, finished: 10)))
        let monthly = folder.write("m.csv", "REPORTING_PERIOD_START,GROUP_TYPE,ORG_CODE1,ORG_CODE2,MEASURE_NAME,MEASURE_VALUE\n"
            + "2024-04-01,Provider,x,RX3,Count_FinishedCourseTreatment,10\n2024-04-01,Provider,x,RX3,Count_AtCaseness,11\n"
            + "2024-04-01,Provider,x,RX3,Count_Recovery,4\n")
        #expect(loadError([monthly]) == IngestError(location: SourceLocation(file: monthly, line: 3, column: 44),
                                                    reason: .atCasenessExceedsFinished(atCaseness: 11, finished: 10)))
    }

    @Test("a benchmarks.csv read back is validated like any input and loses the spreadsheet apostrophe")
    func benchmarksReadBack() throws {
        let header = "period,indicator,area_code,area_name,imd_rank,numerator,denominator,rate\n"
        let good = folder.write("b.csv", header + "2020-21,recovery,A1,'=SUM(1),3,40,80,50\n2020-21,recovery,A2,'-x,4,40,80,50\n")
        let dataset = try Ingest.load(outcomes: [good], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.map(\.areaName) == ["=SUM(1)", "-x"])
        let rank = folder.write("r.csv", header + "2020-21,recovery,A1,a,0,40,80,50\n")
        #expect(loadError([rank]) == IngestError(location: SourceLocation(file: rank, line: 2, column: 23),
                                                 reason: .notARank(column: "imd_rank", found: "0")))
        let rate = folder.write("t.csv", header + "2020-21,recovery,A1,a,1,,,150\n")
        #expect(loadError([rate]) == IngestError(location: SourceLocation(file: rate, line: 2, column: 27),
                                                 reason: .rateOutOfRange(column: "rate", found: "150")))
        let period = folder.write("p.csv", header + "con,recovery,A1,a,1,40,80,50\n")
        #expect(loadError([period])?.reason == .unsafePeriodLabel("con"))
    }

    // MARK: file names

    @Test("area codes that differ only in case are refused at the row that introduces the second, even across files")
    func caseCollision() {
        let one = folder.write("one.csv", Self.header + "P,A04,a,10,8,4,1,\n")
        let two = folder.write("two.csv", Self.header + "Q,A04,a,10,8,4,1,\nQ,a04,b,10,8,4,2,\n")
        #expect(loadError([one, two]) == IngestError(location: SourceLocation(file: two, line: 3, column: 1), reason: .fileNameCollision(
            kind: "area code", value: "a04", earlier: "A04", first: SourceLocation(file: one, line: 2, column: 1))))
    }

    @Test("an area code longer than 32 characters is refused at the field", arguments: [
        "A23456789012345678901234567890123", String(repeating: "Z", count: 300),
    ])
    func longCode(code: String) {
        let path = folder.write("t.csv", Self.header + "P,\(code),a,10,8,4,1,\n")
        #expect(loadError([path]) == IngestError(location: SourceLocation(file: path, line: 2, column: 3), reason: .unsafeAreaCode(code)))
        #expect(AreaCode(String(code.prefix(32))).isSafeFileName)
    }

    @Test("a deprivation or lookup code longer than 32 characters is refused at the field")
    func longJoinCode() {
        let code = String(repeating: "E", count: 33)
        let outcomes = folder.write("o.csv", Self.header + "P,A,a,10,8,4,,\n")
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nA,1\n\(code),2\n")
        #expect(loadError([outcomes], [deprivation]) == IngestError(location: SourceLocation(file: deprivation, line: 3, column: 1),
                                                                    reason: .unsafeAreaCode(code)))
        let file13 = folder.write("f13.csv", "CCG Code,IMD - Rank of average score\nE1,1\n")
        let lookup = folder.write("l.csv", "CCG15CD,CCG15CDH\nE1,\(code)\n")
        #expect(loadError([outcomes], [file13, lookup]) == IngestError(location: SourceLocation(file: lookup, line: 2, column: 4),
                                                                       reason: .unsafeAreaCode(code)))
    }

    @Test("names Windows reserves are refused as area codes in any case", arguments: [
        "CON", "con", "Prn", "AUX", "nul", "COM1", "com9", "COM0", "LPT1", "lpt9",
    ])
    func reservedCodes(code: String) {
        let path = folder.write("t.csv", Self.header + "P,\(code),a,10,8,4,1,\n")
        #expect(loadError([path]) == IngestError(location: SourceLocation(file: path, line: 2, column: 3), reason: .unsafeAreaCode(code)))
        #expect(AreaCode(code).fileNameProblem == .reservedOnWindows)
    }

    @Test("codes that only look like reserved names are accepted", arguments: ["CONS", "COM10", "LPT", "NUL1", "AUX2X", "00C", "E38000042"])
    func notReserved(code: String) {
        #expect(AreaCode(code).isSafeFileName)
    }

    @Test("period labels that share a page name, are too long or are reserved are refused at the row")
    func periodLabels() {
        let same = folder.write("s.csv", Self.header + "2020-21,A,a,10,8,4,1,\n2020 21,A,a,10,8,4,1,\n")
        #expect(loadError([same]) == IngestError(location: SourceLocation(file: same, line: 3, column: 1), reason: .fileNameCollision(
            kind: "period", value: "2020 21", earlier: "2020-21", first: SourceLocation(file: same, line: 2, column: 1))))
        let long = String(repeating: "9", count: 65)
        let tooLong = folder.write("l.csv", Self.header + "\(long),A,a,10,8,4,1,\n")
        #expect(loadError([tooLong]) == IngestError(location: SourceLocation(file: tooLong, line: 2, column: 1), reason: .unsafePeriodLabel(long)))
        let reserved = folder.write("r.csv", Self.header + "Com1,A,a,10,8,4,1,\n")
        #expect(loadError([reserved]) == IngestError(location: SourceLocation(file: reserved, line: 2, column: 1), reason: .unsafePeriodLabel("Com1")))
        let deprivation = folder.write("d.csv", "period,area_code,imd_rank\n\(long),A,1\n")
        let fine = folder.write("f.csv", Self.header + "P,A,a,10,8,4,,\n")
        #expect(loadError([fine], [deprivation])?.reason == .unsafePeriodLabel(long))
        let annual = folder.write("annual.csv", "OrgType,OrgCode,VariableType,Count_FinishedCourseTreatment,Count_AtCaseness,Count_Recovery\nCCG,A,Total,10,8,4\n")
        let labelled = ingestError { () throws(IngestError) in
            try Ingest.load(outcomes: [annual], deprivation: [], options: IngestOptions(periodLabel: long))
        }
        #expect(labelled == IngestError(location: SourceLocation(file: annual, line: 2, column: 1), reason: .unsafePeriodLabel(long)))
    }

    @Test("the messages for file-name problems say what is wrong")
    func fileNameMessages() {
        let at = SourceLocation(file: "o.csv", line: 3, column: 1)
        #expect(IngestError(location: at, reason: .unsafeAreaCode("CON")).description
            == "o.csv:3:1: error: area code \"CON\" is a device name Windows reserves (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9) and cannot name a page file")
        #expect(IngestError(location: at, reason: .unsafeAreaCode(String(repeating: "A", count: 40))).description.hasSuffix("is longer than 32 characters"))
        #expect(IngestError(location: at, reason: .unsafeAreaCode("../" + String(repeating: "A", count: 40))).description.hasSuffix("is longer than 32 characters"))
        #expect(IngestError(location: at, reason: .fileNameCollision(kind: "area code", value: "a04", earlier: "A04",
                                                                     first: SourceLocation(file: "o.csv", line: 2, column: 1))).description
            == "o.csv:3:1: error: area code 'a04' and area code 'A04' (first at o.csv:2:1) would name the same page file on a file system that ignores letter case; they must differ in more than case")
        #expect(IngestError(location: at, reason: .notARank(column: "imd_rank", found: "0")).description
            == "o.csv:3:1: error: column 'imd_rank' expects an IMD rank, a whole number from 1 to 33755 (1 = most deprived), found \"0\"")
    }
}
