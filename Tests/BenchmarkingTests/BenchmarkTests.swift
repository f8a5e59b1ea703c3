import Foundation
import Testing
import LevelFieldModel
import TestSupport
@testable import Benchmarking

/// Behaviour of the per-period analysis on small hand-made datasets.
@Suite("Benchmarking rules")
struct BenchmarkTests {
    /// 12 areas with a clear gradient: rate rises with rank.
    static func observations(period: String = "2020-21", count: Int = 12) -> [Observation] {
        (0..<count).map { i in
            let n = 100 + 37 * i
            let rate = 0.38 + 0.012 * Double(i) + (i % 3 == 0 ? 0.03 : -0.015)
            return Observation(
                period: Period(period), areaCode: AreaCode(String(format: "A%02d", i)), areaName: "Area \(i)",
                referrals: 300 + 11 * i, finishedTreatment: n + 20, recoveryDenominator: n,
                recovered: Int((rate * Double(n)).rounded()), imdRank: Double(i + 1), imdScore: 40 - 2.5 * Double(i),
                source: LevelFieldModel.SourceLocation(file: "t.csv", line: i + 2, column: 1))
        }
    }

    static func run(_ observations: [Observation], ledger: [LedgerEntry] = [], options: ReportOptions = ReportOptions()) throws -> Report {
        let dataset = Dataset(observations: observations, ledger: ledger, inputs: [])
        return try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "t", generatedOn: "2000-01-01", isSynthetic: false, options: options))
    }

    @Test("the paper's cross-classification gives its published κ and χ²")
    func papersTable() throws {
        func area(_ target: StandardVerdict, _ adjusted: AdjustedVerdict) -> AreaResult {
            AreaResult(observation: Self.observations()[0], deprivation: 1, rate: 40, denominator: 100, numerator: 40,
                       wilson95: Interval(lower: 0, upper: 1), wilson998: Interval(lower: 0, upper: 1),
                       expected: 45, expectedInterval: Interval(lower: 44, upper: 46),
                       standardVerdict: target, adjustedVerdict: adjusted, isExtremeOutlier: false)
        }
        let areas = Array(repeating: area(.misses, .worse), count: 91) + Array(repeating: area(.misses, .asExpected), count: 40)
            + Array(repeating: area(.misses, .better), count: 22) + Array(repeating: area(.meets, .better), count: 58)
        let agreement = Agreement.standardVsAdjusted(areas)
        #expect([agreement.worseBoth, agreement.worseFirstOnly, agreement.worseSecondOnly, agreement.worseNeither] as [Int] == [91, 62, 0, 58])
        #expect(abs(try #require(agreement.kappa) - 0.4466) <= 0.0001)
        #expect(abs(try #require(agreement.pearsonChi2) - 60.657) <= 0.001)
        #expect(abs(agreement.percentWorseFirst - 72.5) < 0.05)
        #expect(abs(agreement.percentWorseSecond - 43.1) < 0.05)
    }

    @Test("the same rows in another order give the same report")
    func orderInvariance() throws {
        let rows = Self.observations()
        var shuffled = rows
        var generator = SeededGenerator(seed: 7)
        shuffled.shuffle(using: &generator)
        #expect(try Self.run(rows) == Self.run(shuffled))
    }

    @Test("an area without deprivation, denominator or recovery goes to the ledger with its reason")
    func eligibility() throws {
        var rows = Self.observations()
        rows[0].imdRank = nil
        rows[1].recoveryDenominator = 0
        rows[2].recovered = nil
        rows[3].recoveryDenominator = nil
        let report = try Self.run(rows)
        let period = try #require(report.periods.first)
        #expect(period.areas.count == 8)
        #expect(report.ledger.map(\.reason) == [.noDeprivationMatch, .zeroIndicatorDenominator(indicator: "recovery"), .suppressed(column: "recovery numerator"), .suppressed(column: "recovery denominator")])
        #expect(report.ledger.map { $0.areaCode?.rawValue } == ["A00", "A01", "A02", "A03"])
        #expect(report.ledger.allSatisfy { $0.period == Period("2020-21") && $0.sourceFile == "t.csv" })
    }

    @Test("a period with too few areas is not analysed, and its areas are ledgered")
    func tooFewAreas() throws {
        let rows = Self.observations() + Self.observations(period: "2021-22", count: 2)
        let report = try Self.run(rows)
        #expect(report.periods.map(\.period.label) == ["2020-21"])
        #expect(report.ledger.count == 2)
        #expect(report.ledger.allSatisfy { $0.reason == .periodNotAnalysable(detail: "recovery: 2 usable areas, at least 3 needed") })
    }

    @Test("every area with one deprivation value cannot be fitted, and says so")
    func constantDeprivation() throws {
        let rows = Self.observations().map { observation -> Observation in
            var copy = observation
            copy.imdRank = 5
            return copy
        }
        let report = try Self.run(rows)
        #expect(report.periods.isEmpty)
        #expect(report.ledger.count == 12)
        #expect(report.ledger.first?.reason == .periodNotAnalysable(detail: "recovery: every area has the same deprivation value"))
    }

    @Test("--period analyses one period; an unknown one is an error listing those available")
    func periodOption() throws {
        let rows = Self.observations() + Self.observations(period: "2021-22")
        let one = try Self.run(rows, options: ReportOptions(period: Period("2021-22")))
        #expect(one.periods.map(\.period.label) == ["2021-22"])
        #expect(throws: BenchmarkError.unknownPeriod(Period("1999-00"), available: [Period("2020-21"), Period("2021-22")])) {
            try Self.run(rows, options: ReportOptions(period: Period("1999-00")))
        }
    }

    @Test("classifications follow SPEC §2.7 at the chosen target and confidence")
    func classifications() throws {
        for options in [ReportOptions(), ReportOptions(standardOverrides: [StandardOverride(indicatorID: "recovery", percent: 45)], confidencePercent: 80)] {
            let period = try #require(try Self.run(Self.observations(), options: options).periods.first)
            for area in period.areas {
                #expect(area.standardVerdict == (area.rate < options.targetPercent ? .misses : .meets))
                let expected: AdjustedVerdict = area.rate < area.expectedInterval.lower ? .worse : area.rate > area.expectedInterval.upper ? .better : .asExpected
                #expect(area.adjustedVerdict == expected)
                #expect(area.expectedInterval.lower < area.expected && area.expected < area.expectedInterval.upper)
                #expect(area.wilson998.lower < area.wilson95.lower && area.wilson95.upper < area.wilson998.upper)
            }
        }
        let wide = try #require(try Self.run(Self.observations(), options: ReportOptions(confidencePercent: 99)).periods.first)
        let narrow = try #require(try Self.run(Self.observations(), options: ReportOptions(confidencePercent: 80)).periods.first)
        for (w, n) in zip(wide.areas, narrow.areas) {
            #expect(w.expected == n.expected)
            #expect(w.expectedInterval.upper - w.expectedInterval.lower > n.expectedInterval.upper - n.expectedInterval.lower)
        }
    }

    @Test("--deprivation score uses the score as x: the slope changes sign with the scale")
    func scoreMeasure() throws {
        let rank = try #require(try Self.run(Self.observations()).periods.first)
        let score = try #require(try Self.run(Self.observations(), options: ReportOptions(measure: .score)).periods.first)
        #expect(rank.model.slope > 0)
        #expect(score.model.slope < 0)
        // score = 42.5 − 2.5·rank exactly, so the fits are the same line: R² and the expected rates agree.
        #expect(relativeError(rank.model.rSquared, score.model.rSquared) < 1e-12)
        for (a, b) in zip(rank.areas, score.areas) { #expect(relativeError(a.expected, b.expected) < 1e-12) }
    }

    @Test("a suppressed referral count leaves the area in the analysis but out of that correlation")
    func pairwise() throws {
        var rows = Self.observations()
        rows[4].referrals = nil
        let period = try #require(try Self.run(rows).periods.first)
        #expect(period.areas.count == 12)
        #expect(period.correlations.map(\.n) == [11, 12, 12, 12 - period.outliers.count])
        #expect(period.correlations.map(\.variable) == [.referrals, .finishedTreatment, .rate, .rate])
        #expect(period.correlations.map(\.excludesOutliers) == [false, false, false, true])
    }

    @Test("the band spans the observed deprivation range and contains the line")
    func band() throws {
        let period = try #require(try Self.run(Self.observations()).periods.first)
        let band = period.model.band
        #expect(band.count == Benchmark.bandPoints)
        #expect(band.first?.x == 1)
        #expect(band.last?.x == 12)
        for point in band {
            #expect(point.lower < point.fit && point.fit < point.upper)
            #expect(relativeError(point.fit, period.model.intercept + period.model.slope * point.x) < 1e-12)
        }
    }
}
