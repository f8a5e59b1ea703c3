import Testing
@testable import Ingest
import LevelFieldModel

@Suite("Breakdown rows (SPEC §8.1)")
struct BreakdownIngestTests {
    let folder = TempFolder()

    static let main = """
        OrgType,OrgCode,OrgName,VariableType,VariableA,VariableB,Count_ReferralsReceived,Count_FinishedCourseTreatment,Count_AtCaseness,Count_NotAtCaseness,Count_Improvement,Count_Deterioration,Count_Recovery,Count_ReliableRecovery
        England,All,All,Total,NULL,NULL,1000,500,450,50,300,20,225,200
        England,All,All,Indices of Deprivation Decile,10 Most deprived,NULL,300,150,140,10,80,8,50,45
        England,All,All,Indices of Deprivation Decile,01 Least deprived,NULL,200,100,90,10,70,2,60,55
        CCG,00C,NHS DARLINGTON CCG,Total,NULL,NULL,2540,1145,1090,60,700,40,575,540
        CCG,00C,NHS DARLINGTON CCG,Indices of Deprivation Decile,01 Least deprived,NULL,185,80,80,*,60,*,50,45
        CCG,00C,NHS DARLINGTON CCG,Indices of Deprivation Decile,02 Less deprived,NULL,235,75,65,10,50,5,35,35
        CCG,00C,NHS DARLINGTON CCG,Indices of Deprivation Decile,10 Most deprived,NULL,570,145,140,*,85,15,50,50
        CCG,00C,NHS DARLINGTON CCG,Indices of Deprivation Decile,Not stated/Not known/Invalid,NULL,30,10,10,*,*,*,*,*
        CCG,00C,NHS DARLINGTON CCG,Waiting Time,First treatment,<6 weeks,NULL,900,NULL,NULL,NULL,NULL,NULL,NULL
        CCG,00C,NHS DARLINGTON CCG,Age Group,18 to 35,NULL,900,400,380,20,250,10,200,190
        CCG,00C,NHS DARLINGTON CCG,Age Group,36 to 64,NULL,1500,700,670,30,420,25,350,330
        CCG,00C,NHS DARLINGTON CCG,Gender,Female,NULL,1600,700,680,20,450,20,380,360
        CCG,00C,NHS DARLINGTON CCG,Ethnic Group,White,All,2300,1000,950,50,600,35,500,470
        CCG,00C,NHS DARLINGTON CCG,Ethnic Group,White,British,2200,950,900,50,570,30,480,450
        CCG,00C,NHS DARLINGTON CCG,Ethnic Group,Asian or Asian British,All,100,50,45,5,30,*,25,20
        CCG,13Q,NATIONAL COMMISSIONING HUB 1,Indices of Deprivation Decile,01 Least deprived,NULL,5,5,5,0,5,0,5,5
        Provider,RX3,TEES ESK,Indices of Deprivation Decile,01 Least deprived,NULL,5,5,5,0,5,0,5,5
        """

    @Test("deciles mapped 1 = most deprived, groups beside the totals, not-stated and sub-groups counted, England as ENGLAND")
    func mainFileBreakdowns() throws {
        let path = folder.write("annual-2019-20-main.csv", Self.main)
        let deprivation = folder.write("d.csv", "area_code,imd_rank\n00C,8\n")
        let dataset = try Ingest.load(outcomes: [path], deprivation: [deprivation], options: IngestOptions())
        #expect(dataset.observations.map(\.areaCode.rawValue) == ["00C"])
        #expect(dataset.observations[0].recovered == 575 && dataset.observations[0].waitedUnder6Weeks == 900)
        #expect(dataset.breakdowns.map { "\($0.observation.areaCode) \($0.kind.rawValue) \($0.group)" } == [
            "ENGLAND imd_decile 1", "ENGLAND imd_decile 10",
            "00C imd_decile 1", "00C imd_decile 9", "00C imd_decile 10",
            "00C age_group 18 to 35", "00C age_group 36 to 64", "00C gender Female",
            "00C ethnic_group White", "00C ethnic_group Asian or Asian British",
        ])
        let least = try #require(dataset.breakdowns.first { $0.observation.areaCode == AreaCode("00C") && $0.decile == 10 })
        #expect(least.observation.recovered == 50 && least.observation.recoveryDenominator == 80)
        #expect(least.observation.reliableDeterioration == nil && least.observation.reliableImprovement == 60)
        #expect(least.observation.waitedUnder6Weeks == nil)
        #expect(least.observation.source.line == 6)
        #expect(dataset.breakdowns[0].observation.areaName == "England" && dataset.breakdowns[0].observation.recovered == 50)
        #expect(dataset.skipped.map(\.what) == [
            "OrgType England", "OrgType Provider",
            "VariableType Ethnic Group sub-groups", "VariableType Indices of Deprivation Decile Not stated/Not known/Invalid",
        ])
        #expect(dataset.skipped.map(\.count) == [3, 1, 1, 1])
        #expect(!dataset.ledger.contains { $0.reason.description.contains("decile") })
    }

    @Test("a publisher's repeat of an organisation under another name with identical figures is dropped and counted; different figures are still an error")
    func identicalRepeats() throws {
        let header = "OrgType,OrgCode,OrgName,VariableType,VariableA,VariableB,Count_FinishedCourseTreatment,Count_AtCaseness,Count_Recovery\n"
        let path = folder.write("annual-2023-24-main.csv", header + """
            Provider,TAF90,KINGSTON DRUG & ALCOHOL SERVICE,Total,NULL,NULL,1780,1660,810
            Provider,TAF90,KINGSTON SMS,Total,NULL,NULL,1780,1660,810
            Provider,TAF90,KINGSTON DRUG & ALCOHOL SERVICE,Indices of Deprivation Decile,01 Least deprived,NULL,245,225,140
            Provider,TAF90,KINGSTON SMS,Indices of Deprivation Decile,01 Least deprived,NULL,245,225,140
            """)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(areaLevel: "Provider"))
        #expect(dataset.ledger.map(\.line) == [2])
        #expect(dataset.breakdowns.count == 1 && dataset.breakdowns[0].observation.areaName == "KINGSTON DRUG & ALCOHOL SERVICE")
        #expect(dataset.skipped.contains(SkippedRows(sourceFile: path, what: "repeated rows of an organisation with identical figures", count: 2)))
        let differing = folder.write("annual-2022-23-main.csv", header + """
            Provider,TAF90,A,Total,NULL,NULL,1780,1660,810
            Provider,TAF90,B,Total,NULL,NULL,1780,1660,815
            """)
        #expect(ingestError { () throws(IngestError) in
            try Ingest.load(outcomes: [differing], deprivation: [], options: IngestOptions(areaLevel: "Provider"))
        }?.reason == .duplicateAreaPeriod(area: "TAF90", period: "2022-23", first: SourceLocation(file: differing, line: 2, column: 1)))
    }

    @Test("casemix_deprivation = 100 × referrals in deciles 1–2 ÷ deciles 1–10; missing with a suppressed decile; casemix needs no deprivation file")
    func casemix() throws {
        var text = "period,area_code,area_name,referrals,finished_treatment,at_caseness,recovered,breakdown,group\n"
        text += "2019-20,A1,Alpha,1000,100,90,45,,\n2019-20,B2,Beta,500,100,90,45,,\n"
        for decile in 1...10 {
            text += "2019-20,A1,Alpha,\(decile <= 2 ? 150 : 50),10,9,4,imd_decile,\(decile)\n"
            text += "2019-20,B2,Beta,\(decile == 7 ? "*" : "50"),10,9,4,imd_decile,\(decile)\n"
        }
        let path = folder.write("casemix.csv", text)
        var options = IngestOptions()
        options.casemix = true
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: options)
        #expect(dataset.observations.map(\.areaCode.rawValue) == ["A1", "B2"])
        #expect(dataset.observations[0].casemixDeprivation == 100.0 * 300 / 700)
        #expect(dataset.observations[1].casemixDeprivation == nil)
        #expect(dataset.observations[0].deprivation(.casemix) == dataset.observations[0].casemixDeprivation)
        // Without casemix the rows still need an IMD match.
        let plain = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(plain.observations.isEmpty && plain.ledger.map(\.reason.key) == ["no_deprivation_match", "no_deprivation_match"])
    }

    @Test("tidy breakdown and group columns; a decile outside 1–10 or an unknown breakdown is an error at its cell")
    func tidyBreakdowns() throws {
        let header = "period,area_code,area_name,imd_rank,finished_treatment,at_caseness,recovered,breakdown,group\n"
        let path = folder.write("tidy.csv", header + """
            2019-20,A1,Alpha,10,100,90,45,,
            2019-20,A1,Alpha,,20,18,5,imd_decile,1
            2019-20,A1,Alpha,,20,18,12,imd_decile,10
            2019-20,A1,Alpha,,50,45,20,gender,Male
            """)
        let dataset = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions())
        #expect(dataset.observations.count == 1 && dataset.observations[0].recovered == 45)
        #expect(dataset.breakdowns.map { "\($0.kind.rawValue) \($0.group) \($0.observation.recovered!)" } == [
            "imd_decile 1 5", "imd_decile 10 12", "gender Male 20",
        ])
        let bad = folder.write("bad.csv", header + "2019-20,A1,Alpha,,20,18,5,imd_decile,11\n")
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [bad], deprivation: [], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: bad, line: 2, column: 38), reason: .notADecile(found: "11")))
        let unknown = folder.write("unknown.csv", header + "2019-20,A1,Alpha,,20,18,5,region,North\n")
        #expect(ingestError { () throws(IngestError) in try Ingest.load(outcomes: [unknown], deprivation: [], options: IngestOptions()) }
            == IngestError(location: SourceLocation(file: unknown, line: 2, column: 27), reason: .unknownBreakdown(found: "region")))
    }
}
