import Testing
import LevelFieldModel
@testable import Render

@Suite("Equity downloads (SPEC §8.2)")
struct EquityDownloadTests {
    static func report() -> Report {
        let period = Period("2019-20")
        let deciles: [GroupRate] = (1...10).map { (k: Int) -> GroupRate in
            let suppressed = k == 3
            let numerator: Int? = suppressed ? nil : 10 + k
            let rate: Double? = numerator.map { 100 * Double($0) / 40 }
            let interval: Interval? = suppressed ? nil : Interval(lower: 20, upper: 40.5)
            return GroupRate(kind: .imdDecile, group: String(k), sequence: k, numerator: numerator, denominator: 40,
                             rate: rate, wilson95: interval)
        }
        let age = GroupRate(kind: .ageGroup, group: "18 to 35", sequence: 1, numerator: 7, denominator: 20, rate: 35,
                            wilson95: Interval(lower: 18.1, upper: 56.7))
        let england = EquityAnalysis(period: period, indicator: .recovery, areaCode: BreakdownRow.englandCode, areaName: "England",
                                     deciles: deciles, groups: [], inequality: InequalitySummary(
                                        decilesUsed: 10, sii: 20.6, siiInterval: Interval(lower: 18.794, upper: 22.406), rii: 1.507,
                                        riiInterval: nil), notCalculated: nil)
        let area = EquityAnalysis(period: period, indicator: .recovery, areaCode: AreaCode("00C"), areaName: "Darlington",
                                  deciles: Array(deciles.prefix(2)), groups: [age], inequality: nil,
                                  notCalculated: "decile 3 is suppressed or missing")
        let metadata = ReportMetadata(toolVersion: "t", generatedOn: "2000-01-01", isSynthetic: false, options: ReportOptions())
        return Report(metadata: metadata, analyses: [], ledger: [], skipped: [], inputs: [], equity: [england, area])
    }

    static func text(_ path: String, _ files: [OutputFile]) throws -> [String] {
        let file = try #require(files.first { $0.path == path })
        return String(decoding: file.bytes, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    @Test("gradient, inequality and breakdowns rows with SPEC §8.2's columns; suppressed cells empty; codebook covers them")
    func files() throws {
        let files = Downloads.files(for: Self.report())
        let gradient = try Self.text("downloads/gradient.csv", files)
        #expect(gradient[0] == "period,indicator,area_code,area_name,decile,numerator,denominator,rate,lower_ci_95,upper_ci_95")
        #expect(gradient.count == 1 + 10 + 2)
        #expect(gradient[1] == "2019-20,recovery,ENGLAND,England,1,11,40,27.5,20,40.5")
        #expect(gradient[3] == "2019-20,recovery,ENGLAND,England,3,,40,,,")
        let inequality = try Self.text("downloads/inequality.csv", files)
        #expect(inequality == [
            "period,indicator,area_code,area_name,deciles_used,sii,sii_lower_95,sii_upper_95,rii,rii_lower_95,rii_upper_95",
            "2019-20,recovery,ENGLAND,England,10,20.6,18.794,22.406,1.507,,",
        ])
        let breakdowns = try Self.text("downloads/breakdowns.csv", files)
        #expect(breakdowns == [
            "period,indicator,area_code,breakdown,group,numerator,denominator,rate,lower_ci_95,upper_ci_95",
            "2019-20,recovery,00C,age_group,18 to 35,7,20,35,18.1,56.7",
        ])
        let codebook = try Self.text("downloads/codebook.csv", files)
        for column in ["decile", "deciles_used", "sii", "rii_upper_95", "breakdown", "group"] {
            #expect(codebook.contains { $0.contains(",\(column),") }, "codebook lacks \(column)")
        }
    }

    @Test("a report without breakdowns has none of the three files")
    func absent() {
        var report = Self.report()
        report.equity = []
        #expect(!Downloads.files(for: report).contains { $0.path.hasSuffix("gradient.csv") })
    }
}
