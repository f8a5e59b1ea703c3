import Foundation
import Testing
import LevelFieldModel
@testable import Benchmarking

/// SPEC §8.2 on hand-made breakdown rows.
@Suite("Equity: gradient, SII/RII and breakdowns")
struct EquityTests {
    /// The worked example of shared/reference/inequality-sii.md §6 (recovered x, at caseness n,
    /// decile 1 = most deprived), whose §6.1–6.2 numbers come from its oracle/sii.py.
    static let recovered = [1480, 1590, 1700, 1770, 1800, 1850, 1890, 1900, 1880, 1850]
    static let atCaseness = [3700, 3650, 3640, 3600, 3520, 3480, 3420, 3350, 3260, 3150]

    static func decileRows(area: String, recovered: [Int?], atCaseness: [Int?], period: String = "2019-20") -> [BreakdownRow] {
        (0..<10).map { k in
            BreakdownRow(kind: .imdDecile, group: String(k + 1), sequence: k + 1, observation: Observation(
                period: Period(period), areaCode: AreaCode(area), areaName: "Area \(area)",
                referrals: 1000 + k, finishedTreatment: atCaseness[k].map { $0 + 100 }, recoveryDenominator: atCaseness[k],
                recovered: recovered[k], source: SourceLocation(file: "m.csv", line: 10 + k, column: 1)))
        }
    }

    @Test("the reference document's worked example: SII 20.600 (18.794–22.406), RII 1.5070 (1.4522–1.5644)")
    func workedExample() throws {
        let rows = Self.decileRows(area: "A1", recovered: Self.recovered, atCaseness: Self.atCaseness)
        let (analyses, ledger) = Equity.analyse(rows, periods: [Period("2019-20")])
        #expect(ledger.isEmpty)
        // Recovery only: the reliable-recovery, improvement, deterioration and wait numerators are absent.
        #expect(analyses.map(\.indicator.id) == ["recovery"])
        let inequality = try #require(analyses[0].inequality)
        #expect(abs(inequality.sii - 20.600) < 0.0005)
        #expect(abs(inequality.siiInterval.lower - 18.794) < 0.0005 && abs(inequality.siiInterval.upper - 22.406) < 0.0005)
        #expect(abs(inequality.rii - 1.5070) < 0.00005)
        let rii = try #require(inequality.riiInterval)
        #expect(abs(rii.lower - 1.4522) < 0.00005 && abs(rii.upper - 1.5644) < 0.00005)
        #expect(inequality.decilesUsed == 10)
        let first = analyses[0].deciles[0]
        #expect(first.group == "1" && first.rate == 40)
        // Wilson limits of the document's table, decile 1: .384326–.415881.
        #expect(abs(try #require(first.wilson95).lower - 38.4326) < 0.0001 && abs(first.wilson95!.upper - 41.5881) < 0.0001)
    }

    @Test("a suppressed decile or a decile with no events: no SII, one ledger line naming the decile; gradient keeps the others")
    func notCalculated() throws {
        var recovered: [Int?] = Self.recovered
        recovered[9] = nil
        var zero = Self.recovered
        zero[2] = 0
        let rows = Self.decileRows(area: "A1", recovered: recovered, atCaseness: Self.atCaseness)
            + Self.decileRows(area: "A2", recovered: zero, atCaseness: Self.atCaseness)
        let (analyses, ledger) = Equity.analyse(rows, periods: [Period("2019-20")])
        #expect(analyses.map(\.areaCode.rawValue) == ["A1", "A2"])
        #expect(analyses.allSatisfy { $0.inequality == nil })
        #expect(analyses[0].deciles.count == 10 && analyses[0].deciles[9].rate == nil && analyses[0].deciles[8].rate != nil)
        #expect(ledger.map(\.reason) == [
            .inequalityNotCalculated(indicator: "recovery", detail: "decile 10 is suppressed or missing"),
            .inequalityNotCalculated(indicator: "recovery", detail: "decile 3 has a numerator of 0"),
        ])
        #expect(ledger.map { $0.line } == [10, 10])
    }

    @Test("Benchmark.run carries the equity analyses and their ledger lines; other periods are left out")
    func throughRun() throws {
        let observations = BenchmarkTests.observations(period: "2019-20")
        var recovered: [Int?] = Self.recovered
        recovered[0] = nil
        let rows = Self.decileRows(area: "ENGLAND", recovered: Self.recovered, atCaseness: Self.atCaseness)
            + Self.decileRows(area: "A01", recovered: recovered, atCaseness: Self.atCaseness)
            + Self.decileRows(area: "A01", recovered: Self.recovered, atCaseness: Self.atCaseness, period: "2020-21")
        let dataset = Dataset(observations: observations, ledger: [], inputs: [], breakdowns: rows)
        let report = try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "t", generatedOn: "2000-01-01", isSynthetic: false,
                                                                          options: ReportOptions()))
        #expect(report.equity.map(\.areaCode.rawValue) == ["ENGLAND", "A01"])
        #expect(report.equity(period: Period("2019-20"), indicator: .recovery, area: BreakdownRow.englandCode)?.inequality != nil)
        #expect(report.ledger.filter { $0.reason.key == "inequality_not_calculated" }.map(\.areaCode) == [AreaCode("A01")])
    }

    @Test("--deprivation casemix: casemix_deprivation is x; an area without it is excluded with the reason")
    func casemixCovariate() throws {
        var observations = BenchmarkTests.observations(period: "2019-20")
        for index in observations.indices { observations[index].casemixDeprivation = index == 4 ? nil : 40 - 2 * Double(index) }
        let dataset = Dataset(observations: observations, ledger: [], inputs: [])
        let report = try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "t", generatedOn: "2000-01-01", isSynthetic: false,
                                                                          options: ReportOptions(measure: .casemix)))
        let recovery = try #require(report.analysis(period: Period("2019-20"), indicator: .recovery))
        #expect(recovery.areas.count == observations.count - 1)
        #expect(recovery.areas.first { $0.code == AreaCode("A00") }?.deprivation == 40)
        #expect(recovery.model.slope < 0)
        #expect(report.ledger.contains {
            $0.areaCode == AreaCode("A04") && $0.reason == .suppressed(column: "casemix_deprivation (a deprivation decile's referrals)")
        })
    }
}
