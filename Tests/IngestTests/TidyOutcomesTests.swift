import Testing
@testable import Ingest
import LevelFieldModel

@Suite("tidy outcomes and deprivation CSVs")
struct TidyOutcomesTests {
    let folder = TempFolder()

    static let header = "period,area_code,area_name,finished_treatment,at_caseness,recovered,referrals,imd_rank,imd_score\n"

    @Test("a tidy file with its own IMD columns loads, sorted by period then area")
    func ownDeprivation() throws {
        let path = folder.write("o.csv", Self.header + """
            2024-25 Q2,B1,Bee,100,90,45,300,5,30.5
            2024-25 Q1,B1,Bee,80,70,35,250,5,30.5
            2024-25 Q1,A1,"Ay, North",50,40,20,*,2,
            """)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.map { "\($0.period) \($0.areaCode)" } == ["2024-25 Q1 A1", "2024-25 Q1 B1", "2024-25 Q2 B1"])
        let a1 = dataset.observations[0]
        #expect(a1.areaName == "Ay, North")
        #expect(a1.referrals == nil)
        #expect(a1.recoveryDenominator == 40 && a1.recovered == 20 && a1.finishedTreatment == 50)
        #expect(a1.imdRank == 2 && a1.imdScore == nil)
        #expect(a1.source == SourceLocation(file: path, line: 4, column: 1))
        #expect(dataset.ledger.isEmpty)
        #expect(dataset.inputs == [InputFile(path: path, format: "tidy outcomes", rowCount: 3,
                                             sha256: dataset.inputs[0].sha256)])
    }

    @Test("header names match ignoring case and surrounding spaces; not_at_caseness gives the denominator")
    func headerMatching() throws {
        let path = folder.write("o.csv", " Period ,AREA_CODE,Area_Name,Finished_Treatment,NOT_AT_CASENESS,Recovered,IMD_RANK\n2023-24,X,Ex,100,10,45,7\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.first?.recoveryDenominator == 90)
    }

    @Test("missing values go to the ledger, never read as 0; a suppressed referral count keeps the row")
    func ledger() throws {
        let path = folder.write("o.csv", Self.header + """
            P1,A,a,*,*,5,10,1,
            P1,B,b,10,-,5,10,1,
            P1,C,c,10,NULL,5,10,1,
            P1,D,d,10,8,..,10,1,
            P1,E,e,10,0,0,10,1,
            P1,F,f,10,8,4,10,,
            P1,13Q,hub,10,8,4,10,1,
            P1,G,g,*,8,4,*,1,
            """)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.map(\.areaCode.rawValue) == ["G"])
        #expect(dataset.observations[0].finishedTreatment == nil && dataset.observations[0].referrals == nil)
        let lines = dataset.ledger.map { "\($0.areaCode!) \($0.line!) \($0.reason.key)" }
        #expect(lines == [
            "13Q 8 not_geographic_area", "A 2 suppressed", "B 3 suppressed", "C 4 suppressed",
            "D 5 suppressed", "E 6 zero_denominator", "F 7 no_deprivation_match",
        ])
        #expect(dataset.ledger[1].reason == .suppressed(column: "at_caseness"))
        #expect(dataset.ledger[4].reason == .suppressed(column: "recovered"))
    }

    @Test("a recovery rate is used only when there is no count")
    func rates() throws {
        let path = folder.write("o.csv", "period,area_code,area_name,finished_treatment,at_caseness,recovered,recovery_rate,imd_rank\nP,A,a,10,8,4,99,1\nP,B,b,10,8,*,40.5,2\nP,C,c,10,8,*,*,3\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.map(\.recoveryRate) == [50, 40.5])
        #expect(dataset.ledger.map(\.reason) == [.noRecoveryFigure])
    }

    @Test("impossible values stop the run with file:line:column (argument: 1-based field)", arguments: [
        ("P,A,a,10,8,n/a,1,1,", 6, IngestError.Reason.notAWholeNumber(column: "recovered", found: "n/a")),
        ("P,A,a,10,8,12.5,1,1,", 6, .notAWholeNumber(column: "recovered", found: "12.5")),
        ("P,A,a,-10,8,1,1,1,", 4, .notAWholeNumber(column: "finished_treatment", found: "-10")),
        ("P,A,a,10,8,9,1,1,", 6, .recoveredExceedsDenominator(recovered: 9, denominator: 8)),
        ("P,A,a,10,8,1,1,x,", 8, .notARank(column: "imd_rank", found: "x")),
        (",A,a,10,8,1,1,1,", 1, .emptyValue(column: "period")),
        ("P,../x,a,10,8,1,1,1,", 2, .unsafeAreaCode("../x")),
    ])
    func impossibleValues(row: String, field: Int, reason: IngestError.Reason) {
        let path = folder.write("o.csv", Self.header + row + "\n")
        // Columns count bytes: the field's first byte.
        let column = 1 + row.split(separator: ",", omittingEmptySubsequences: false)[..<(field - 1)].map { $0.utf8.count + 1 }.reduce(0, +)
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions()) }
        #expect(error == IngestError(location: SourceLocation(file: path, line: 2, column: column), reason: reason))
    }

    @Test("the error message is compiler style and plain English")
    func message() {
        let error = IngestError(location: SourceLocation(file: "Data/outcomes.csv", line: 14, column: 7),
                                reason: .notAWholeNumber(column: "recovered", found: "n/a"))
        #expect(error.description == "Data/outcomes.csv:14:7: error: column 'recovered' expects a whole number ≥ 0, found \"n/a\"")
        #expect(!error.isIOError)
    }

    @Test("a count written 1090.0 is read as 1090")
    func wholeNumberWithZeroFraction() throws {
        let path = folder.write("o.csv", Self.header + "P,A,a,1090.0,1000.00,500,1,1,\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations[0].finishedTreatment == 1090 && dataset.observations[0].recoveryDenominator == 1000)
    }

    @Test("the same area and period twice is an error naming both places, even across files")
    func duplicates() {
        let one = folder.write("one.csv", Self.header + "P,A,a,10,8,4,1,1,\n")
        let two = folder.write("two.csv", Self.header + "Q,A,a,10,8,4,1,1,\nP,A,a,10,8,4,1,1,\n")
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [one, two], deprivation: [], options: IngestOptions()) }
        #expect(error == IngestError(location: SourceLocation(file: two, line: 3, column: 1), reason: .duplicateAreaPeriod(
            area: "A", period: "P", first: SourceLocation(file: one, line: 2, column: 1))))
    }

    @Test("a duplicate or missing required header is an error")
    func headers() {
        let dup = folder.write("d.csv", "period,area_code,Area_Code,area_name\n")
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [dup], deprivation: [], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: dup, line: 1, column: 18), reason: .duplicateHeader("Area_Code")))
        let missing = folder.write("m.csv", "period,area_code,area_name,at_caseness,recovered\n")
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [missing], deprivation: [], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: missing, line: 1, column: 1), reason: .missingColumn("finished_treatment")))
        let unknown = folder.write("u.csv", "foo,bar\n1,2\n")
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [unknown], deprivation: [], options: IngestOptions()) }?.reason
            == .unrecognisedFormat(header: "foo,bar"))
    }

    @Test("an empty file and a header-only file are errors at line 1")
    func emptyFiles() throws {
        for (name, text) in [("empty.csv", ""), ("blank.csv", "\r\n\n")] {
            let path = folder.write(name, text)
            #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions()) }
                == IngestError(location: SourceLocation(file: path, line: 1, column: 1), reason: .emptyFile))
        }
        let headerOnly = folder.write("h.csv", Self.header)
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [headerOnly], deprivation: [], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: headerOnly, line: 1, column: 1), reason: .noDataRows))
        let outcomes = folder.write("o.csv", Self.header + "P,A,a,10,8,4,1,1,\n")
        let deprivationHeader = folder.write("d.csv", "area_code,imd_rank\r\n")
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [outcomes], deprivation: [deprivationHeader], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: deprivationHeader, line: 1, column: 1), reason: .noDataRows))
    }

    @Test("an unreadable file is an I/O error")
    func unreadable() {
        let error = ingestError { () throws(IngestError) in
            try Ingest.load(outcomes: [folder.url.appendingPathComponent("absent.csv").path], deprivation: [], options: IngestOptions())
        }
        #expect(error?.isIOError == true)
        #expect(error?.description.contains("absent.csv: error: cannot read file:") == true)
    }

    @Test("a deprivation file with a period column joins on period and area and ledgers areas without outcome rows")
    func deprivationByPeriod() throws {
        let outcomes = folder.write("o.csv", "period,area_code,area_name,finished_treatment,at_caseness,recovered\n2023-24,A,a,10,8,4\n2023-24,B,b,10,8,4\n2024-25,A,a,10,8,4\n")
        let deprivation = folder.write("d.csv", "period,area_code,imd_rank,imd_score\n2023-24,A,1,30\n2023-24,C,3,10\n2024-25,A,2,\n2024-25,B,3,\n2022-23,Z,1,1\n")
        let dataset = try Ingest.load(outcomes: [outcomes], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.map { "\($0.period) \($0.areaCode) \($0.imdRank!)" } == ["2023-24 A 1.0", "2024-25 A 2.0"])
        #expect(dataset.ledger.map { "\($0.period!) \($0.areaCode!) \($0.sourceFile == deprivation ? "d" : "o"):\($0.line!) \($0.reason.key)" } == [
            "2023-24 B o:3 no_deprivation_match", "2023-24 C d:3 no_outcome_match", "2024-25 B d:5 no_outcome_match",
        ])
        #expect(dataset.inputs.map(\.format) == ["tidy outcomes", "deprivation"])
    }

    @Test("a deprivation file without a period serves every period, and replaces the outcome file's own IMD")
    func deprivationEveryPeriod() throws {
        let outcomes = folder.write("o.csv", Self.header + "P1,A,a,10,8,4,1,99,1\nP2,A,a,10,8,4,1,99,1\n")
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nA,7\n")
        let dataset = try Ingest.load(outcomes: [outcomes], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.map(\.imdRank) == [7, 7])
        #expect(dataset.observations.map(\.imdScore) == [nil, nil])
    }

    @Test("quarters and months fall back to the financial year of a deprivation file with periods")
    func derivedPeriods() {
        #expect(DeprivationTable.fallbacks(Period("2024-03")) == [Period("2023-24 Q4"), Period("2023-24")])
        #expect(DeprivationTable.fallbacks(Period("2024-25 Q1")) == [Period("2024-25")])
        #expect(DeprivationTable.fallbacks(Period("2024-25")) == [])
    }

    @Test("a file of the wrong kind is an error")
    func wrongKind() {
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nA,7\n")
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [deprivation], deprivation: [], options: IngestOptions()) }
        #expect(error?.reason == .wrongKind(format: "deprivation", expected: "outcome data"))
    }

    @Test("output does not depend on input row order")
    func rowOrder() throws {
        let rows = ["P2,B,b,10,8,4,1,1,", "P1,A,a,10,8,4,1,2,", "P1,C,c,*,*,4,1,3,", "P2,A,a,10,8,4,1,,", "P1,B,b,10,8,4,1,4,"]
        let forward = folder.write("f.csv", Self.header + rows.joined(separator: "\n"))
        let backward = folder.write("b.csv", Self.header + rows.reversed().joined(separator: "\n"))
        var a = try Ingest.load(outcomes: [forward], deprivation: [], options: IngestOptions())
        let b = try Ingest.load(outcomes: [backward], deprivation: [], options: IngestOptions())
        #expect(a.observations.map(\.areaCode) == b.observations.map(\.areaCode))
        #expect(a.ledger.map(\.reason) == b.ledger.map(\.reason) && a.ledger.count == 2)
        for i in a.observations.indices { a.observations[i].source = b.observations[i].source }
        #expect(a.observations == b.observations)
    }
}

@Suite("LevelField's own downloads as input")
struct DownloadAsInputTests {
    @Test("benchmarks.csv reads back: recovery_denominator is the denominator, imd_rank the deprivation, extra columns ignored")
    func benchmarksReadBack() throws {
        let folder = TempFolder()
        let path = folder.write("benchmarks.csv", """
        period,area_code,area_name,imd_rank,imd_score,referrals,finished_treatment,recovery_denominator,recovered,recovery_rate,lower_ci_95,target_status\r
        2020-21,A1,"Alpha, North",3,,500,200,190,80,42.10526315789474,35.3,below\r
        2020-21,A2,Beta,1,,,220,200,,47.5,40.6,below\r

        """)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.ledger.isEmpty)
        #expect(dataset.observations.map(\.areaCode.rawValue) == ["A1", "A2"])
        #expect(dataset.observations.map(\.recoveryDenominator) == [190, 200])
        #expect(dataset.observations.map(\.recovered) == [80, nil])
        #expect(dataset.observations.map(\.recoveryRate) == [100.0 * 80 / 190, 47.5])
        #expect(dataset.observations.map(\.imdRank) == [3, 1])
        #expect(dataset.observations.map(\.referrals) == [500, nil])
    }
}
