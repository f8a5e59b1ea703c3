import Foundation
import Testing
@testable import Ingest
import LevelFieldModel
import TestSupport

/// The published files in ../shared/data, read where they are (never copied). Every figure pinned
/// here was counted independently with Python's csv module, not taken from this code's output:
/// rows of the default OrgType with VariableType Total; hubs 13Q 13R 14A 14E and UNKNOWN set
/// aside; the rest looked up by code in the deprivation file (same period where it has one);
/// sums of CountRecovery and CountAtCaseness over the joined rows. Monthly: Provider rows and
/// Count_ measures, months grouped into financial-year quarters, a quarter kept only with three
/// months whose finished, not-at-caseness and recovery counts are all unsuppressed.
@Suite("real published data", .enabled(if: TestPaths.sharedData != nil, "../shared/data is absent: real-data tests skipped"))
struct RealDataTests {
    static func path(_ relative: String) -> String {
        TestPaths.sharedData!.appendingPathComponent(relative).path
    }

    static func count(_ dataset: Dataset, _ key: String) -> Int {
        dataset.ledger.filter { $0.reason.key == key }.count
    }

    struct AnnualCase: CustomStringConvertible, Sendable {
        var year: String
        var deprivation: String
        var level: String
        var rows: Int
        var joined: Int
        var notGeographic: [String]
        var noDeprivation: [String]
        var skipped: Int
        var recovered: Int
        var denominator: Int
        var description: String { year }
    }

    static let annual: [AnnualCase] = [
        AnnualCase(year: "2017-18", deprivation: "ccg-deprivation-by-period.csv", level: "CCG", rows: 211, joined: 207,
                   notGeographic: ["13Q", "13R", "14E", "UNKNOWN"], noDeprivation: [], skipped: 221, recovered: 262905, denominator: 516620),
        AnnualCase(year: "2018-19", deprivation: "ccg-deprivation-by-period.csv", level: "CCG", rows: 200, joined: 195,
                   notGeographic: ["13Q", "13R", "14A", "14E", "UNKNOWN"], noDeprivation: [], skipped: 225, recovered: 284305, denominator: 545030),
        AnnualCase(year: "2019-20", deprivation: "ccg-deprivation-by-period.csv", level: "CCG", rows: 194, joined: 191,
                   notGeographic: ["13Q", "14E", "UNKNOWN"], noDeprivation: [], skipped: 231, recovered: 290985, denominator: 568470),
        AnnualCase(year: "2020-21", deprivation: "ccg-deprivation-by-period.csv", level: "CCG", rows: 139, joined: 135,
                   notGeographic: ["13Q", "14E", "UNKNOWN"], noDeprivation: ["14R"], skipped: 216, recovered: 302880, denominator: 588020),
        AnnualCase(year: "2021-22", deprivation: "ccg-deprivation-by-period.csv", level: "CCG", rows: 109, joined: 106,
                   notGeographic: ["13Q", "UNKNOWN"], noDeprivation: ["14R"], skipped: 210, recovered: 313310, denominator: 622850),
        AnnualCase(year: "2022-23", deprivation: "icb-deprivation-imd2025.csv", level: "ICB", rows: 43, joined: 42,
                   notGeographic: ["UNKNOWN"], noDeprivation: [], skipped: 170, recovered: 315525, denominator: 631630),
        AnnualCase(year: "2023-24", deprivation: "icb-deprivation-imd2025.csv", level: "ICB", rows: 43, joined: 42,
                   notGeographic: ["UNKNOWN"], noDeprivation: [], skipped: 164, recovered: 316655, denominator: 630950),
        AnnualCase(year: "2024-25", deprivation: "icb-deprivation-imd2025.csv", level: "ICB", rows: 43, joined: 42,
                   notGeographic: ["UNKNOWN"], noDeprivation: [], skipped: 156, recovered: 320650, denominator: 633340),
    ]

    @Test("each annual file reads at its default level and joins to deprivation", arguments: annual)
    func annualYear(_ expected: AnnualCase) throws {
        let file = Self.path("nhs-annual/annual-\(expected.year)-total.csv")
        let dataset = try Ingest.load(outcomes: [file], deprivation: [Self.path("deprivation/\(expected.deprivation)")],
                                      options: IngestOptions())
        #expect(dataset.observations.count == expected.joined)
        #expect(dataset.observations.allSatisfy { $0.period == Period(expected.year) && $0.imdRank != nil })
        #expect(dataset.observations.count + dataset.ledger.filter { $0.sourceFile == file }.count == expected.rows)
        #expect(dataset.ledger.filter { $0.reason == .notGeographicArea }.map(\.areaCode!.rawValue) == expected.notGeographic)
        #expect(dataset.ledger.filter { $0.reason == .noDeprivationMatch }.map(\.areaCode!.rawValue) == expected.noDeprivation)
        #expect(Self.count(dataset, "no_outcome_match") == 0)
        #expect(dataset.skipped.map(\.count).reduce(0, +) == expected.skipped)
        #expect(dataset.skipped.allSatisfy { $0.what.hasPrefix("OrgType ") && $0.what != "OrgType \(expected.level)" })
        #expect(dataset.observations.compactMap(\.recovered).reduce(0, +) == expected.recovered)
        #expect(dataset.observations.compactMap(\.recoveryDenominator).reduce(0, +) == expected.denominator)
        #expect(dataset.inputs.map(\.format) == ["NHS annual wide", "deprivation"])
    }

    @Test("2017-18: Darlington CCG as published, the at-caseness count as denominator")
    func darlington() throws {
        let dataset = try Ingest.load(outcomes: [Self.path("nhs-annual/annual-2017-18-total.csv")],
                                      deprivation: [Self.path("deprivation/ccg-deprivation-by-period.csv")], options: IngestOptions())
        let darlington = try #require(dataset.observations.first { $0.areaCode == AreaCode("00C") })
        #expect(darlington.areaName == "NHS DARLINGTON CCG")
        #expect(darlington.referrals == 2540 && darlington.finishedTreatment == 1145)
        #expect(darlington.recoveryDenominator == 1090 && darlington.recovered == 575)
        #expect(darlington.reliableImprovement == 820 && darlington.reliableDeterioration == 50 && darlington.reliableRecovery == 555)
        #expect(darlington.imdRank == 71 && darlington.imdScore == 24.542)
    }

    @Test("the five CCG years load together against the deprivation-by-period file")
    func fiveCCGYears() throws {
        let years = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"]
        let dataset = try Ingest.load(outcomes: years.map { Self.path("nhs-annual/annual-\($0)-total.csv") },
                                      deprivation: [Self.path("deprivation/ccg-deprivation-by-period.csv")], options: IngestOptions())
        #expect(dataset.periods == years.map(Period.init))
        #expect(dataset.observations.count == 207 + 195 + 191 + 135 + 106)
        #expect(Self.count(dataset, "not_geographic_area") == 4 + 5 + 3 + 3 + 2)
        #expect(Self.count(dataset, "no_deprivation_match") == 2)
        #expect(Self.count(dataset, "no_outcome_match") == 0)
        #expect(dataset.inputs.count == 6)
    }

    @Test("IoD 2015 File 13 with the ONS→ODS lookup joins 2017-18 CCGs")
    func file13WithLookup() throws {
        let dataset = try Ingest.load(
            outcomes: [Self.path("nhs-annual/annual-2017-18-total.csv")],
            deprivation: [Self.path("deprivation/imd2015-ccg-summaries-file13-imd.csv"), Self.path("deprivation/ccg15-ons-to-ods-codes.csv")],
            options: IngestOptions())
        #expect(dataset.inputs.map(\.format) == ["NHS annual wide", "MHCLG IoD summary", "code lookup"])
        #expect(dataset.inputs.map(\.rowCount) == [432, 209, 209])
        #expect(dataset.observations.count == 206)
        #expect(Self.count(dataset, "no_deprivation_match") == 1)
        #expect(Self.count(dataset, "not_geographic_area") == 4)
        #expect(Self.count(dataset, "no_outcome_match") == 3)
        #expect(dataset.observations.first { $0.areaCode == AreaCode("00C") }?.imdRank == 80)
    }

    @Test("the 63 monthly files read at Provider level and sum to 21 quarters")
    func monthlyQuarters() throws {
        let folder = TestPaths.sharedData!.appendingPathComponent("nhs-monthly")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        #expect(files.count == 63)
        let dataset = try Ingest.load(outcomes: files, deprivation: [Self.path("deprivation/provider-icb-deprivation.csv")],
                                      options: IngestOptions(areaLevel: "Provider", aggregateToQuarter: true))
        #expect(dataset.periods.count == 21)
        #expect(dataset.periods.first == Period("2020-21 Q4") && dataset.periods.last == Period("2025-26 Q4"))
        // Quarters whose recovery figures have a suppressed month stay for the other indicators.
        #expect(dataset.observations.filter { !$0.excludedAtIngest.contains("recovery") }.count == 1385)
        #expect(dataset.england.count == 21)
        #expect(Self.count(dataset, "suppressed_month") == 1027)
        #expect(Self.count(dataset, "incomplete_quarter") == 85)
        #expect(Self.count(dataset, "no_deprivation_match") == 631)
        #expect(Self.count(dataset, "no_outcome_match") == 1184)
        #expect(dataset.observations.compactMap(\.recoveryDenominator).reduce(0, +) == 2_059_845)
        #expect(dataset.observations.compactMap(\.recovered).reduce(0, +) == 1_033_415)
        #expect(dataset.skipped.map(\.count).reduce(0, +) == 18989)
        #expect(dataset.inputs.dropLast().allSatisfy { $0.format == "NHS monthly long" })
    }

    @Test("monthly files month by month: one row per provider and month")
    func monthlyMonths() throws {
        let folder = TestPaths.sharedData!.appendingPathComponent("nhs-monthly")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
            .map { folder.appendingPathComponent($0).path }
        let dataset = try Ingest.load(outcomes: files, deprivation: [Self.path("deprivation/provider-icb-deprivation.csv")],
                                      options: IngestOptions())
        #expect(dataset.periods.count == 63)
        // Rows whose recovery figures are suppressed stay for the indicators they do have.
        #expect(dataset.observations.filter { !$0.excludedAtIngest.contains("recovery") }.count == 4677)
        // 2550 months lack a needed count; DAX02 in 2022-09 (finished 5, not at caseness 5,
        // recovered *) is ledgered for its zero denominator, which is checked first.
        #expect(Self.count(dataset, "suppressed") == 2549)
        #expect(dataset.ledger.filter { $0.reason == .zeroDenominator }.map { "\($0.period!) \($0.areaCode!)" } == ["2022-09 DAX02"])
        #expect(Self.count(dataset, "no_deprivation_match") == 2047)
    }

    @Test("check detects every shared file's format")
    func checkDetects() throws {
        let files = ["nhs-annual/annual-2017-18-total.csv", "deprivation/ccg-deprivation-by-period.csv",
                     "nhs-monthly/monthly-2024-03.csv", "deprivation/icb-deprivation-imd2025.csv",
                     "deprivation/provider-icb-deprivation.csv"].map(Self.path)
        let dataset = try Ingest.check(files: Array(files[0...1]), options: IngestOptions())
        #expect(dataset.observations.count == 207)
        for file in files {
            let one = try Ingest.check(files: [file], options: IngestOptions())
            #expect(one.inputs.count == 1)
        }
    }
}

/// Issue 15: what the quality page needs from the readers — the publisher's own percentage, the
/// IMD release of the deprivation file and the area level a file was read at. Figures read by hand
/// from annual-2021-22-total.csv and ccg-deprivation-by-period.csv.
@Suite("provenance for the quality page", .enabled(if: TestPaths.sharedData != nil, "../shared/data is absent: real-data tests skipped"))
struct QualityProvenanceTests {
    @Test("annual files keep Percentage_Recovery beside the counts; the deprivation file's imd_version and the chosen OrgType are kept")
    func annual() throws {
        let dataset = try Ingest.load(outcomes: [RealDataTests.path("nhs-annual/annual-2021-22-total.csv")],
                                      deprivation: [RealDataTests.path("deprivation/ccg-deprivation-by-period.csv")], options: IngestOptions())
        let ipswich = try #require(dataset.observations.first { $0.areaCode == AreaCode("06L") })
        #expect(ipswich.recovered == 2065 && ipswich.recoveryDenominator == 3875)
        #expect(ipswich.publishedRecoveryRate == 52)
        #expect(ipswich.recoveryRate == 100 * 2065.0 / 3875, "the analysis still uses the recomputed rate")
        #expect(ipswich.imdVersion == "IMD2019")
        #expect(dataset.inputs.first?.areaLevel == "CCG")
        #expect(dataset.inputs.last?.areaLevel == nil, "a deprivation file has no area level")
    }
}

@Suite("published rates in tidy files")
struct TidyPublishedRateTests {
    @Test("a recovery_rate beside the counts is kept as the published rate, never used; alone it is the rate")
    func tidy() throws {
        let csv = "period,area_code,area_name,finished_treatment,at_caseness,recovered,recovery_rate,imd_rank\n"
            + "2020-21,A1,Alpha,110,100,47,48,1\n2020-21,A2,Beta,110,100,,51,2\n"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("levelfield-published-\(UUID().uuidString).csv")
        try csv.write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let dataset = try Ingest.load(outcomes: [url.path], deprivation: [], options: IngestOptions())
        let alpha = try #require(dataset.observations.first { $0.areaCode == AreaCode("A1") })
        let beta = try #require(dataset.observations.first { $0.areaCode == AreaCode("A2") })
        #expect(alpha.publishedRecoveryRate == 48 && alpha.recoveryRate == 47)
        #expect(beta.publishedRecoveryRate == nil && beta.recoveryRate == 51)
    }
}
