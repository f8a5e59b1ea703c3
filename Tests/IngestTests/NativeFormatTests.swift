import Testing
@testable import Ingest
import LevelFieldModel

@Suite("NHS annual wide and monthly long files")
struct NativeFormatTests {
    let folder = TempFolder()

    // MARK: annual

    static let annual2017 = """
        OrgType,OrgCode,OrgName,VariableType,VariableA,VariableB,CountReferralsReceived,CountFinishedCourseTreatment,CountAtCaseness,CountNotAtCaseness,CountRecovery,PercentageRecovery,Extra
        England,All,All,Total,NULL,NULL,1000,500,450,50,225,50,x
        CCG,00C,NHS DARLINGTON CCG,Total,NULL,NULL,2540,1145,1090,60,575,53,x
        CCG,00C,NHS DARLINGTON CCG,Age Group,18-64,NULL,2000,1000,900,100,400,44,x
        CCG,13Q,NATIONAL COMMISSIONING HUB 1,Total,NULL,NULL,10,*,*,*,*,*,x
        CCG,00D,NHS DURHAM,Total,NULL,NULL,100,*,*,*,*,*,x
        Provider,RX3,TEES ESK,Total,NULL,NULL,5000,2000,1900,100,950,50,x
        """

    @Test("the annual file: CCG by default, Total rows, period from the file name, others counted as skipped")
    func annualDefaults() throws {
        let path = folder.write("annual-2017-18-total.csv", Self.annual2017)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.isEmpty)
        #expect(dataset.ledger.map { "\($0.period!) \($0.areaCode!) \($0.line!) \($0.reason.key)" } == [
            "2017-18 00C 3 no_deprivation_match", "2017-18 00D 6 suppressed", "2017-18 13Q 5 not_geographic_area",
        ])
        #expect(dataset.ledger[1].reason == .suppressed(column: "CountAtCaseness"))
        #expect(dataset.skipped == [
            SkippedRows(sourceFile: path, what: "OrgType England", count: 1),
            SkippedRows(sourceFile: path, what: "OrgType Provider", count: 1),
        ])
        #expect(dataset.breakdowns.map { "\($0.observation.areaCode) \($0.kind.rawValue) \($0.group)" } == ["00C age_group 18-64"])
        #expect(dataset.inputs.first?.rowCount == 6)
    }

    @Test("annual columns are matched by name ignoring case and underscores, denominator from not-at-caseness when needed")
    func annualLaterHeader() throws {
        let path = folder.write("iapt_2020-21.csv", """
            Count_Recovery,OrgCode,ORGTYPE,Variable_Type,Count_FinishedCourseTreatment,Count_NotAtCaseness,OrgName
            40,QE1,ICB,Total,100,10,NHS Lancs
            """)
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nQE1,8\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.count == 1)
        #expect(dataset.observations[0].period == Period("2020-21"))
        #expect(dataset.observations[0].recoveryDenominator == 90 && dataset.observations[0].recovered == 40)
    }

    @Test("an annual file without a year in its name needs a period label")
    func annualPeriodLabel() throws {
        let path = folder.write("annual.csv", Self.annual2017)
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: path, line: 1, column: 1), reason: .noPeriod))
        let labelled = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(periodLabel: "2015-16"))
        #expect(labelled.ledger.allSatisfy { $0.period == Period("2015-16") })
        #expect(FinancialYear.label(inFileName: "/data/2016-17/annual-2017-18.csv") == "2017-18")
        #expect(FinancialYear.label(inFileName: "x-2017-19.csv") == nil)
        #expect(FinancialYear.label(inFileName: "x-12017-18.csv") == nil)
    }

    @Test("the area level can be chosen; one the file lacks is an error")
    func annualAreaLevel() throws {
        let path = folder.write("annual-2017-18.csv", Self.annual2017)
        let providers = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(areaLevel: "provider"))
        #expect(providers.ledger.map(\.areaCode!.rawValue) == ["RX3"])
        #expect(providers.skipped.map(\.what) == ["OrgType CCG", "OrgType England"])
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(areaLevel: "Sub ICB")) }
        #expect(error?.reason == .areaLevelAbsent(requested: "Sub ICB", available: ["England", "CCG", "Provider"]))
    }

    @Test("a bad value at a level that is not chosen does not stop the run; at the chosen level it does")
    func annualDeferredErrors() throws {
        let path = folder.write("annual-2017-18.csv", Self.annual2017.replacingOccurrences(of: "2000,1900", with: "n/a,1900"))
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.ledger.count == 3)
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(areaLevel: "Provider")) }
        #expect(error?.reason == .notAWholeNumber(column: "CountFinishedCourseTreatment", found: "n/a"))
        #expect(error?.location?.line == 7)
    }

    // MARK: monthly

    static let monthlyHeader = "REPORTING_PERIOD_START,REPORTING_PERIOD_END,GROUP_TYPE,ORG_CODE1,ORG_NAME1,ORG_CODE2,ORG_NAME2,MEASURE_ID,MEASURE_NAME,MEASURE_VALUE_SUPPRESSED\n"

    /// Rows for one provider and month: finished, not at caseness, recovered, referrals.
    static func month(_ start: String, _ code: String, finished: String, notAt: String, recovered: String, referrals: String = "50") -> String {
        [("M076", "Count_FinishedCourseTreatment", finished), ("M179", "Count_NotAtCaseness", notAt),
         ("M191", "Count_Recovery", recovered), ("M001", "Count_ReferralsReceived", referrals), ("M192", "Percentage_Recovery", "50")]
            .map { "\(start),x,Provider,all,all,\(code),\"Provider \(code)\",\($0.0),\($0.1),\($0.2)\n" }.joined()
    }

    @Test("monthly rows: the area is ORG_CODE2 for providers, the period the start month, unused measures skipped")
    func monthlyMonths() throws {
        let path = folder.write("m.csv", Self.monthlyHeader
            + "2024-03-01,2024-03-31,England,all,all,all,all,M076,Count_FinishedCourseTreatment,5000\n"
            + Self.month("2024-03-01", "RX3", finished: "100", notAt: "10", recovered: "45"))
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nRX3,4\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.count == 1)
        let rx3 = dataset.observations[0]
        #expect(rx3.period == Period("2024-03") && rx3.areaCode == AreaCode("RX3") && rx3.areaName == "Provider RX3")
        #expect(rx3.recoveryDenominator == 90 && rx3.recovered == 45 && rx3.referrals == 50 && rx3.finishedTreatment == 100)
        #expect(dataset.skipped == [SkippedRows(sourceFile: path, what: "GROUP_TYPE England", count: 1),
                                    SkippedRows(sourceFile: path, what: "measure Percentage_Recovery", count: 1)])
    }

    @Test("other group types use ORG_CODE1; MEASURE_VALUE is read when MEASURE_VALUE_SUPPRESSED is absent; DD/MM/YYYY dates")
    func monthlyOrgCode1() throws {
        let header = Self.monthlyHeader.replacingOccurrences(of: "MEASURE_VALUE_SUPPRESSED", with: "MEASURE_VALUE")
        let rows = ["M076,Count_FinishedCourseTreatment,100", "M179,Count_NotAtCaseness,10", "M191,Count_Recovery,45"]
            .map { "01/04/2024,30/04/2024,SubICB,00C,Darlington,all,all,\($0)\n" }.joined()
        let path = folder.write("m.csv", header + rows)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [folder.write("d.csv", "area_code,imd_rank\n00C,4\n")], options: IngestOptions())
        #expect(dataset.observations.map { "\($0.period) \($0.areaCode) \($0.recoveryDenominator!)" } == ["2024-04 00C 90"])
    }

    @Test("three months sum to a financial-year quarter, across files")
    func quarterSums() throws {
        let april = folder.write("monthly-2024-04.csv", Self.monthlyHeader + Self.month("2024-04-01", "RX3", finished: "100", notAt: "10", recovered: "45"))
        let may = folder.write("monthly-2024-05.csv", Self.monthlyHeader + Self.month("2024-05-01", "RX3", finished: "110", notAt: "10", recovered: "50", referrals: "*"))
        let june = folder.write("monthly-2024-06.csv", Self.monthlyHeader + Self.month("2024-06-01", "RX3", finished: "120", notAt: "20", recovered: "55"))
        let deprivation = folder.write("d.csv", "period,area_code,imd_rank\n2024-25,RX3,4\n")
        let dataset = try Ingest.load(outcomes: [june, april, may], deprivation: [deprivation], options: IngestOptions(aggregateToQuarter: true))
        #expect(dataset.observations.count == 1)
        let q1 = dataset.observations[0]
        #expect(q1.period == Period("2024-25 Q1"))
        #expect(q1.finishedTreatment == 330 && q1.recoveryDenominator == 290 && q1.recovered == 150)
        #expect(q1.referrals == nil, "a suppressed month makes an optional sum missing, not smaller")
        #expect(q1.imdRank == 4, "a quarter finds the deprivation of its financial year")
        #expect(q1.source == SourceLocation(file: april, line: 2, column: 1))
    }

    @Test("a quarter with a missing month or a suppressed month is ledgered with that reason")
    func quarterExclusions() throws {
        let path = folder.write("m.csv", Self.monthlyHeader
            + Self.month("2025-01-01", "AAA", finished: "100", notAt: "10", recovered: "45")
            + Self.month("2025-03-01", "AAA", finished: "100", notAt: "10", recovered: "45")
            + Self.month("2025-01-01", "BBB", finished: "100", notAt: "10", recovered: "45")
            + Self.month("2025-02-01", "BBB", finished: "100", notAt: "*", recovered: "45")
            + Self.month("2025-03-01", "BBB", finished: "100", notAt: "10", recovered: "*")
            + Self.month("2025-02-01", "AAA", finished: "100", notAt: "10", recovered: "45"))
        let dataset = try Ingest.load(outcomes: [path], deprivation: [folder.write("d.csv", "area_code,imd_rank\nAAA,1\nBBB,2\nCCC,3\n")],
                                      options: IngestOptions(aggregateToQuarter: true))
        #expect(dataset.observations.map(\.areaCode.rawValue) == ["AAA"])
        #expect(dataset.ledger == [
            LedgerEntry(sourceFile: path, line: 18, period: Period("2024-25 Q4"), areaCode: AreaCode("BBB"),
                        reason: .suppressedMonth(month: "2025-02", column: "Count_NotAtCaseness")),
            LedgerEntry(sourceFile: dataset.inputs[1].path, line: 4, period: Period("2024-25 Q4"), areaCode: AreaCode("CCC"),
                        reason: .noOutcomeMatch),
        ])
        let partial = folder.write("p.csv", Self.monthlyHeader + Self.month("2025-02-01", "AAA", finished: "100", notAt: "10", recovered: "45"))
        let incomplete = try Ingest.load(outcomes: [partial], deprivation: [], options: IngestOptions(aggregateToQuarter: true))
        #expect(incomplete.ledger.map(\.reason) == [.incompleteQuarter(missingMonths: ["2025-01", "2025-03"])])
    }

    @Test("the same measure twice for an area and month is an error")
    func monthlyDuplicate() {
        let row = Self.month("2024-03-01", "RX3", finished: "100", notAt: "10", recovered: "45")
        let path = folder.write("m.csv", Self.monthlyHeader + row + row)
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions()) }
        let valueColumn = row.split(separator: "\n")[0].utf8.count - "100".utf8.count + 1
        #expect(error == IngestError(location: SourceLocation(file: path, line: 7, column: valueColumn), reason: .duplicateAreaPeriod(
            area: "RX3", period: "2024-03 (Count_FinishedCourseTreatment)", first: SourceLocation(file: path, line: 2, column: valueColumn))))
    }

    @Test("with several files the error reported is the first in file order, and files are merged in the order given")
    func errorsInFileOrder() throws {
        let row = Self.month("2024-03-01", "RX3", finished: "100", notAt: "10", recovered: "45")
        let good = folder.write("good.csv", Self.monthlyHeader + row)
        let again = folder.write("again.csv", Self.monthlyHeader + row)
        let badDate = folder.write("bad-date.csv", Self.monthlyHeader + Self.month("March 2024", "RX4", finished: "1", notAt: "0", recovered: "1"))
        let ragged = folder.write("ragged.csv", Self.monthlyHeader + "2024-03-01,x\n")
        func error(_ files: [String]) -> IngestError? {
            ingestError { () throws(IngestError) in try Ingest.load(outcomes: files, deprivation: [], options: IngestOptions()) }
        }
        let raggedError = IngestError(location: SourceLocation(file: ragged, line: 2, column: 13), reason: .raggedRow(expected: 10, found: 2))
        let dateError = IngestError(location: SourceLocation(file: badDate, line: 2, column: 1),
                                    reason: .notADate(column: "REPORTING_PERIOD_START", found: "March 2024"))
        #expect(error([good, ragged, badDate]) == raggedError)
        #expect(error([good, badDate, ragged]) == dateError)
        #expect(error([ragged, good, good, good, badDate]) == raggedError)
        // The second file repeats the first's values: a merge error, which comes before a later file's read error.
        let duplicate = error([good, again, ragged, badDate])
        #expect(duplicate?.location?.file == again)
        #expect(duplicate?.reason == .duplicateAreaPeriod(
            area: "RX3", period: "2024-03 (Count_ReferralsReceived)", first: SourceLocation(file: good, line: 5, column: 79)))
        let april = folder.write("april.csv", Self.monthlyHeader + Self.month("2024-04-01", "RX3", finished: "100", notAt: "10", recovered: "45"))
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nRX3,4\n")
        let dataset = try Ingest.load(outcomes: [april, good], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.inputs.map(\.path) == [april, good, deprivation])
        #expect(dataset.observations.map(\.source.file).sorted() == [april, good].sorted())
    }

    @Test("a bad date is an error at its column")
    func monthlyBadDate() {
        let path = folder.write("m.csv", Self.monthlyHeader + Self.month("March 2024", "RX3", finished: "1", notAt: "0", recovered: "1"))
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions()) }
        #expect(error == IngestError(location: SourceLocation(file: path, line: 2, column: 1),
                                     reason: .notADate(column: "REPORTING_PERIOD_START", found: "March 2024")))
    }

    // MARK: check

    @Test("check detects outcome, deprivation and lookup files by header, in any order")
    func checkMixed() throws {
        let summary = folder.write("file13.csv", "Clinical Commissioning Group Code (2015),Clinical Commissioning Group Name (2015),IMD - Average score,IMD - Rank of average score\nE38000042,NHS Darlington CCG,24.5,80\nE38000999,Gone,10,200\n")
        let lookup = folder.write("lookup.csv", "CCG15CD,CCG15CDH,CCG15NM\nE38000042,00C,NHS Darlington CCG\n")
        let annual = folder.write("annual-2017-18.csv", Self.annual2017)
        let dataset = try Ingest.check(files: [summary, lookup, annual], options: IngestOptions())
        #expect(dataset.inputs.map(\.format) == ["MHCLG IoD summary", "code lookup", "NHS annual wide"])
        #expect(dataset.observations.map { "\($0.areaCode) \($0.imdRank!) \($0.imdScore!)" } == ["00C 80.0 24.5"])
        #expect(dataset.ledger.filter { $0.reason == .noOutcomeMatch }.map(\.areaCode!.rawValue) == ["E38000999"])
    }

    @Test("a lookup without a deprivation file is an error")
    func lookupAlone() {
        let lookup = folder.write("lookup.csv", "CCG15CD,CCG15CDH\nE38000042,00C\n")
        let annual = folder.write("annual-2017-18.csv", Self.annual2017)
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [annual], deprivation: [lookup], options: IngestOptions()) }
        #expect(error?.reason == .lookupWithoutDeprivation)
    }
}
