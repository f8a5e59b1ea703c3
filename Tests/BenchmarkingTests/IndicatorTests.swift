import Foundation
import Testing
import LevelFieldModel
import TestSupport
@testable import Benchmarking

/// Every indicator of SPEC §6 through the analysis: weights, direction, the reference of the
/// standard verdict, and per-indicator exclusions.
@Suite("Indicators")
struct IndicatorTests {
    /// 12 areas with recovery and reliable deterioration (deterioration falls as rank rises).
    static func observations() -> [Observation] {
        BenchmarkTests.observations().enumerated().map { i, observation in
            var observation = observation
            let finished = observation.finishedTreatment!
            observation.reliableDeterioration = Int((Double(finished) * (0.09 - 0.004 * Double(i) + (i % 2 == 0 ? 0.01 : 0))).rounded())
            return observation
        }
    }

    static func run(_ observations: [Observation], england: [Observation] = [], options: ReportOptions = ReportOptions()) throws -> Report {
        let dataset = Dataset(observations: observations, ledger: [], inputs: [], england: england)
        return try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "t", generatedOn: "2000-01-01", isSynthetic: false, options: options))
    }

    static let deterioration = Indicator.withID("reliable_deterioration")!

    @Test("the table holds SPEC §6's six indicators, once each")
    func table() {
        #expect(Indicator.all.map(\.id) == ["recovery", "reliable_recovery", "reliable_improvement", "reliable_deterioration",
                                            "wait_6_weeks", "wait_18_weeks"])
        #expect(Indicator.all.map(\.standard) == [50, 48, 67, nil, 75, 95])
        #expect(Indicator.all.filter { $0.direction == .lowerIsBetter }.map(\.id) == ["reliable_deterioration"])
        #expect(Set(Indicator.all.map(\.id)).count == Indicator.all.count)
    }

    @Test("only the indicators the input provides are analysed, in table order; no ledger line for an absent one")
    func absentIndicators() throws {
        let report = try Self.run(Self.observations())
        #expect(report.analyses.map(\.indicator.id) == ["recovery", "reliable_deterioration"])
        #expect(report.ledger.isEmpty)
        #expect(report.periods.map(\.indicator) == [.recovery])
        #expect(report.analyses(in: Period("2020-21")).count == 2)
    }

    @Test("deterioration: weights are finished treatment, the reference is England's rate, lower is better")
    func deteriorationAgainstEngland() throws {
        var england = Observation(period: Period("2020-21"), areaCode: AreaCode("All"), areaName: "England",
                                  finishedTreatment: 1000, reliableDeterioration: 62,
                                  source: SourceLocation(file: "t.csv", line: 1, column: 1))
        england.recoveryDenominator = 900
        let report = try Self.run(Self.observations(), england: [england])
        let analysis = try #require(report.analysis(period: Period("2020-21"), indicator: Self.deterioration))
        #expect(analysis.referenceKind == .england)
        #expect(analysis.reference == 6.2)
        #expect(report.englandRate(period: Period("2020-21"), indicator: Self.deterioration)?.rate == 6.2)
        for area in analysis.areas {
            #expect(area.denominator == area.observation.finishedTreatment)
            #expect(area.numerator == area.observation.reliableDeterioration)
            #expect(area.standardVerdict == (area.rate > 6.2 ? .misses : .meets))
            let interval = area.expectedInterval
            let expected: AdjustedVerdict = area.rate > interval.upper ? .worse : area.rate < interval.lower ? .better : .asExpected
            #expect(area.adjustedVerdict == expected)
        }
        #expect(analysis.areas.contains { $0.standardVerdict == .misses } && analysis.areas.contains { $0.standardVerdict == .meets })
        let worse = analysis.areas.filter { ($0.standardVerdict == .misses) && ($0.adjustedVerdict == .worse) }.count
        #expect(analysis.agreement.worseBoth == worse)
    }

    @Test("without an England row the reference is the pooled rate of the analysed areas")
    func pooledReference() throws {
        let analysis = try #require(try Self.run(Self.observations()).analysis(period: Period("2020-21"), indicator: Self.deterioration))
        let numerator = analysis.areas.reduce(0) { $0 + $1.numerator! }, denominator = analysis.areas.reduce(0) { $0 + $1.denominator }
        #expect(analysis.referenceKind == .pooled)
        #expect(relativeError(analysis.reference, 100 * Double(numerator) / Double(denominator)) < 1e-14)
    }

    @Test("a tie meets the standard; --target overrides an indicator's standard, including one without")
    func overrides() throws {
        #expect(Verdicts.standard(50, reference: 50, indicator: .recovery) == .meets)
        #expect(Verdicts.standard(6, reference: 6, indicator: Self.deterioration) == .meets)
        #expect(Verdicts.standard(6.01, reference: 6, indicator: Self.deterioration) == .misses)
        let options = ReportOptions(standardOverrides: [StandardOverride(indicatorID: "reliable_deterioration", percent: 5)])
        let analysis = try #require(try Self.run(Self.observations(), options: options).analysis(period: Period("2020-21"), indicator: Self.deterioration))
        #expect(analysis.referenceKind == .standard && analysis.reference == 5)
        #expect(options.targetPercent == 50)
    }

    @Test("a suppressed numerator removes the area from that indicator only, with a ledger line naming it")
    func perIndicatorExclusion() throws {
        var rows = Self.observations()
        rows[3].reliableDeterioration = nil
        let report = try Self.run(rows)
        #expect(report.analysis(period: Period("2020-21"), indicator: .recovery)?.areas.count == 12)
        #expect(report.analysis(period: Period("2020-21"), indicator: Self.deterioration)?.areas.count == 11)
        #expect(report.ledger.map(\.reason) == [.suppressed(column: "reliable_deterioration numerator")])
        #expect(report.ledger.map(\.areaCode) == [AreaCode("A03")])
    }

    @Test("recovery through the indicator table gives the same numbers as its own columns")
    func recoveryUnchanged() throws {
        let with = try #require(try Self.run(Self.observations()).periods.first)
        let without = try #require(try BenchmarkTests.run(BenchmarkTests.observations()).periods.first)
        #expect(with.areas.map(\.rate) == without.areas.map(\.rate))
        #expect(with.model == without.model)
        #expect(with.agreement == without.agreement)
    }
}
