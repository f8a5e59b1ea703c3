import Testing
@testable import Ingest
import LevelFieldModel

@Suite("Every indicator's counts: tidy columns, NHS annual main files, England rows")
struct IndicatorIngestTests {
    let folder = TempFolder()

    static let main2017 = """
        OrgType,OrgCode,OrgName,VariableType,VariableA,VariableB,CountReferralsReceived,CountFinishedCourseTreatment,CountAtCaseness,CountNotAtCaseness,CountImprovement,CountDeterioration,CountRecovery,CountReliableRecovery
        England,All,All,Total,NULL,NULL,1000,500,450,50,330,30,225,210
        England,All,All,Waiting Time,First treatment,<6 weeks,NULL,440,NULL,NULL,NULL,NULL,NULL,NULL
        CCG,00C,NHS DARLINGTON CCG,Total,NULL,NULL,2540,1145,1090,60,760,50,575,540
        CCG,00C,NHS DARLINGTON CCG,Waiting Time,First treatment,<6 weeks,NULL,1000,NULL,NULL,NULL,NULL,NULL,NULL
        CCG,00C,NHS DARLINGTON CCG,Waiting Time,First treatment,<18 weeks,NULL,1140,NULL,NULL,NULL,NULL,NULL,NULL
        CCG,00C,NHS DARLINGTON CCG,Waiting Time,First to Second Treatment,<6 weeks,NULL,900,NULL,NULL,NULL,NULL,NULL,NULL
        CCG,00D,NHS DURHAM,Waiting Time,First treatment,<6 weeks,NULL,*,NULL,NULL,NULL,NULL,NULL,NULL
        CCG,00D,NHS DURHAM,Total,NULL,NULL,900,400,380,20,*,20,190,180
        CCG,00D,NHS DURHAM,Age Group,18-64,NULL,2000,1000,900,100,600,40,400,380
        """

    @Test("a main file: Total counts, first-treatment waits joined by organisation, England kept apart, other rows skipped")
    func annualMain() throws {
        let path = folder.write("annual-2017-18-main.csv", Self.main2017)
        let deprivation = folder.write("d.csv", "area_code,imd_rank\n00C,10\n00D,20\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.map(\.areaCode.rawValue) == ["00C", "00D"])
        let darlington = dataset.observations[0], durham = dataset.observations[1]
        #expect(darlington.reliableImprovement == 760 && darlington.reliableDeterioration == 50 && darlington.reliableRecovery == 540)
        #expect(darlington.waitedUnder6Weeks == 1000 && darlington.waitedUnder18Weeks == 1140)
        // A suppressed wait or improvement is missing, never 0; Durham has no <18 weeks row at all.
        #expect(durham.reliableImprovement == nil && durham.waitedUnder6Weeks == nil && durham.waitedUnder18Weeks == nil)
        #expect(dataset.england.count == 1)
        #expect(dataset.england[0].period == Period("2017-18") && dataset.england[0].reliableDeterioration == 30)
        #expect(dataset.england[0].waitedUnder6Weeks == 440)
        #expect(dataset.ledger.isEmpty)
        #expect(dataset.skipped == [
            SkippedRows(sourceFile: path, what: "OrgType England", count: 2),
            SkippedRows(sourceFile: path, what: "VariableType Waiting Time", count: 1),
        ])
        // The Age Group row is a breakdown (SPEC §8.1), beside the totals.
        #expect(dataset.breakdowns.map(\.kind) == [.ageGroup])
    }

    @Test("from 2022-23 the first treatment's wait is labelled Accessing services")
    func accessingServices() throws {
        let path = folder.write("annual-2023-24-main.csv", """
            OrgType,OrgCode,OrgName,VariableType,VariableA,VariableB,Count_ReferralsReceived,Count_FinishedCourseTreatment,Count_AtCaseness,Count_NotAtCaseness,Count_Recovery
            ICB,QE1,NHS LANCS ICB,Total,NULL,NULL,900,400,380,20,190
            ICB,QE1,NHS LANCS ICB,Waiting Time,Accessing services,<6 weeks,NULL,350,NULL,NULL,NULL
            ICB,QE1,NHS LANCS ICB,Waiting Time,Accessing services,<18 weeks,NULL,395,NULL,NULL,NULL
            """)
        let deprivation = folder.write("d.csv", "area_code,imd_rank\nQE1,8\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.map(\.waitedUnder6Weeks) == [350])
        #expect(dataset.observations.map(\.waitedUnder18Weeks) == [395])
        #expect(dataset.england.isEmpty)
    }

    @Test("the tidy CSV's optional indicator columns; a row without recovery figures stays for the others")
    func tidyColumns() throws {
        let path = folder.write("o.csv", """
            period,area_code,area_name,finished_treatment,at_caseness,recovered,reliable_improvement,waited_under_6_weeks,waited_under_18_weeks,imd_rank
            2020-21,A1,Alpha,200,190,80,130,150,195,1
            2020-21,A2,Beta,220,*,95,140,*,210,2
            """)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.map(\.waitedUnder6Weeks) == [150, nil])
        #expect(dataset.observations.map(\.waitedUnder18Weeks) == [195, 210])
        // Beta's recovery is ledgered once, for its at_caseness cell; it stays for reliable improvement and waits.
        #expect(dataset.ledger.map { "\($0.areaCode!) \($0.reason.description)" } == ["A2 value suppressed or missing: at_caseness"])
        #expect(dataset.observations[1].excludedAtIngest == ["recovery"])
        #expect(dataset.observations[1].recovered == nil)
    }

    @Test("a numerator above its denominator is an error naming the indicator")
    func numeratorAboveDenominator() throws {
        let path = folder.write("o.csv", """
            period,area_code,area_name,finished_treatment,at_caseness,recovered,waited_under_6_weeks,imd_rank
            2020-21,A1,Alpha,200,190,80,201,1
            """)
        let error = ingestError { () throws(IngestError) in try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions()) }
        #expect(error == IngestError(location: SourceLocation(file: path, line: 2, column: 1), reason: .numeratorExceedsDenominator(
            indicator: "wait_6_weeks", numerator: "waited_under_6_weeks", value: 201, denominator: "finished_treatment", denominatorValue: 200)))
    }
}
