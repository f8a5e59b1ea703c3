import Foundation
import Testing
import Ingest
import LevelFieldModel
import TestSupport
@testable import Benchmarking

/// The recovery funnels of whole datasets (SPEC §7) against Fixtures/generate_funnels.py, an
/// independent numpy/statsmodels implementation of shared/reference/funnel-overdispersion.md.
@Suite("Funnels agree with the independent reference")
struct FunnelReferenceTests {
    static let tolerance = 1e-9
    static let letters: [FunnelVerdict: Character] = [.worse99_8: "W", .worse95: "w", .asExpected: ".", .better95: "b", .better99_8: "B"]

    static func synthetic() throws -> Dataset {
        let root = TestPaths.packageRoot.appendingPathComponent("Data")
        return try Ingest.load(outcomes: [root.appendingPathComponent("outcomes.csv").path],
                               deprivation: [root.appendingPathComponent("deprivation.csv").path], options: IngestOptions())
    }

    @Test("the embedded synthetic dataset, every period, additive and multiplicative", arguments: [OverdispersionChoice.additive, .multiplicative])
    func synthetic(method: OverdispersionChoice) throws {
        try compare(try Self.synthetic(), reference: "funnels-synthetic.json", method: method, expectedPeriods: 8)
    }

    @Test("the real NHS Digital annual files 2017-18 … 2021-22 at CCG level")
    func realAnnual() throws {
        guard let shared = TestPaths.sharedData else {
            print("skipped: ../shared/data not found")
            return
        }
        let files = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"].map {
            shared.appendingPathComponent("nhs-annual/annual-\($0)-total.csv").path
        }
        let dataset = try Ingest.load(outcomes: files, deprivation: [shared.appendingPathComponent("deprivation/ccg-deprivation-by-period.csv").path],
                                      options: IngestOptions())
        let report = try compare(dataset, reference: "funnels-annual.json", method: .additive, expectedPeriods: 5)
        // What the README states (recovery): the funnel calls far fewer areas worse than the paper's method.
        for period in report.periods {
            let funnelWorse = period.funnelVerdicts(.adjusted).filter(\.isWorse).count
            #expect(Double(funnelWorse) < 0.5 * Double(period.agreement.worseBoth + period.agreement.worseSecondOnly), "\(period.period.label)")
            let phi = try #require(period.adjustedFunnel?.phi)
            #expect(phi > 5, "\(period.period.label): the real data are over-dispersed")
        }
    }

    @discardableResult
    func compare(_ dataset: Dataset, reference name: String, method: OverdispersionChoice, expectedPeriods: Int) throws -> Report {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let periods = try #require(json["periods"] as? [String: [String: Any]])
        var options = ReportOptions()
        options.overdispersion = method
        let report = try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "test", generatedOn: "2000-01-01", isSynthetic: false, options: options))
        #expect(report.periods.count == expectedPeriods)
        for period in report.periods {
            let label = period.period.label
            let byPeriod = try #require(periods[label])
            for kind in FunnelKind.allCases {
                let context = "\(label) \(kind.rawValue) \(method.rawValue)"
                let expected = try #require(byPeriod["\(kind.rawValue)_\(method.rawValue)"] as? [String: Any])
                let funnel = try #require(period.funnel(kind), "\(context)")
                let assessed = period.areas.filter { (kind == .flat ? $0.flatFunnel : $0.funnel) != nil }
                let results = assessed.map { (kind == .flat ? $0.flatFunnel : $0.funnel)! }
                #expect(funnel.areas == expected["areas"] as? Int, "\(context) areas")
                #expect(funnel.limitsUsed.rawValue == expected["limits_used"] as? String, "\(context) limits_used")
                check(context, "phi", funnel.phi, expected["phi"])
                check(context, "tau2", funnel.tau2, expected["tau2"])
                for (verdict, count) in period.funnelCounts(kind) {
                    #expect(count == expected[verdict.rawValue] as? Int, "\(context) \(verdict.rawValue)")
                }
                let letters = String(results.map { Self.letters[$0.verdict]! })
                #expect(letters == expected["verdicts"] as? String, "\(context) verdicts in area-code order")
                let sums: [(String, (AreaFunnel) -> Double)] = [
                    ("lower_95", { $0.limits.lower95 }), ("upper_95", { $0.limits.upper95 }),
                    ("lower_99_8", { $0.limits.lower99_8 }), ("upper_99_8", { $0.limits.upper99_8 }),
                ]
                for (key, value) in sums {
                    check(context, "sum_\(key)", results.map(value).reduce(0, +), expected["sum_\(key)"])
                }
                let sample = try #require(expected["sample"] as? [String: [String: Any]])
                #expect(sample.count == 3)
                for (code, values) in sample {
                    let area = try #require(assessed.first { $0.code.rawValue == code }, "\(context) \(code)")
                    let result = try #require(kind == .flat ? area.flatFunnel : area.funnel)
                    check("\(context) \(code)", "z", result.z, values["z"])
                    for (key, value) in sums { check("\(context) \(code)", key, value(result), values[key]) }
                }
            }
        }
        return report
    }

    func check(_ context: String, _ name: String, _ actual: Double, _ reference: Any?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        guard let expected = (reference as? NSNumber)?.doubleValue else {
            Issue.record("\(context) \(name): no reference value", sourceLocation: sourceLocation)
            return
        }
        #expect(relativeError(actual, expected) <= Self.tolerance || (actual == 0 && abs(expected) < 1e-12),
                "\(context) \(name): \(actual) vs reference \(expected)", sourceLocation: sourceLocation)
    }
}

/// Funnel rules on small hand-made datasets.
@Suite("Funnel rules")
struct FunnelRuleTests {
    static func area(_ index: Int, rate: Double, n: Int, expected: Double) -> AreaResult {
        let observation = BenchmarkTests.observations(count: 12)[index]
        return AreaResult(observation: observation, deprivation: Double(index + 1), rate: rate, denominator: n,
                          numerator: Int((rate * Double(n) / 100).rounded()),
                          wilson95: Interval(lower: 0, upper: 100), wilson998: Interval(lower: 0, upper: 100),
                          expected: expected, expectedInterval: Interval(lower: expected - 1, upper: expected + 1),
                          standardVerdict: rate < 50 ? .misses : .meets, adjustedVerdict: .asExpected, isExtremeOutlier: false)
    }

    @Test("an area whose expected rate is outside 0–100 is not assessed by the adjusted funnel, and is ledgered")
    func notAssessed() throws {
        var areas = (0..<8).map { Self.area($0, rate: 40 + 2 * Double($0), n: 200 + 10 * $0, expected: 41 + 2 * Double($0)) }
        areas.append(Self.area(8, rate: 99.5, n: 200, expected: 100.4))
        let outcome = Funnels.compute(areas, indicator: .recovery, period: Period("2020-21"), reference: 50, method: .additive)
        #expect(outcome.areaAdjusted[8] == nil)
        #expect(outcome.areaAdjusted[..<8].allSatisfy { $0 != nil })
        #expect(outcome.areaFlat.allSatisfy { $0 != nil })
        #expect(outcome.adjusted?.areas == 8)
        #expect(outcome.flat?.areas == 9)
        #expect(outcome.ledger.count == 1)
        #expect(outcome.ledger.first?.reason == .funnelNotAssessed(indicator: "recovery", expected: "100.40"))
        #expect(outcome.ledger.first?.reason.key == "funnel_not_assessed")
    }

    @Test("verdicts follow the indicator's direction")
    func direction() {
        #expect(Funnels.verdict(.below99_8, direction: .higherIsBetter) == .worse99_8)
        #expect(Funnels.verdict(.below95, direction: .lowerIsBetter) == .better95)
        #expect(Funnels.verdict(.above99_8, direction: .lowerIsBetter) == .worse99_8)
        #expect(Funnels.verdict(.above95, direction: .higherIsBetter) == .better95)
        #expect(Funnels.verdict(.within, direction: .lowerIsBetter) == .asExpected)
    }

    @Test("every period × indicator gets both funnels and the three comparisons; none keeps binomial limits")
    func everyIndicator() throws {
        let report = try BenchmarkTests.run(BenchmarkTests.observations(count: 12))
        for analysis in report.analyses {
            #expect(analysis.flatFunnel != nil && analysis.adjustedFunnel != nil)
            #expect(analysis.allAgreements.map(\.comparison) == ["standard_vs_adjusted", "standard_vs_funnel", "adjusted_vs_funnel"])
            #expect(analysis.flatFunnel?.curve.count == Funnels.curvePoints)
        }
        var none = ReportOptions()
        none.overdispersion = .none
        let plain = try BenchmarkTests.run(BenchmarkTests.observations(count: 12), options: none)
        #expect(plain.analyses.allSatisfy { $0.flatFunnel?.limitsUsed == .unadjusted && $0.adjustedFunnel?.limitsUsed == .unadjusted })
    }
}
