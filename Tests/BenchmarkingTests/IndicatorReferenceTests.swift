import Foundation
import Testing
import Ingest
import LevelFieldModel
import TestSupport
@testable import Benchmarking

/// Every indicator of SPEC §6, per period × indicator, against statsmodels/scipy, computed
/// independently by Fixtures/generate_indicators.py (compact JSON: see its docstring).
@Suite("Every indicator agrees with statsmodels and scipy")
struct IndicatorReferenceTests {
    static let tolerance = 1e-9

    @Test("the embedded synthetic dataset: six indicators × eight quarters")
    func synthetic() throws {
        let root = TestPaths.packageRoot.appendingPathComponent("Data")
        let dataset = try Ingest.load(outcomes: [root.appendingPathComponent("outcomes.csv").path],
                                      deprivation: [root.appendingPathComponent("deprivation.csv").path], options: IngestOptions())
        let count = try compare(dataset, reference: "reference-indicators-synthetic.json")
        #expect(count == 48)
    }

    @Test("the real NHS annual main files 2017-18 … 2021-22 at CCG level, every indicator")
    func realCCG() throws {
        try real(years: ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"], deprivation: "ccg-deprivation-by-period.csv",
                 reference: "reference-indicators-ccg.json", analyses: 30)
    }

    @Test("the real NHS annual main files 2022-23 … 2024-25 at ICB level, every indicator")
    func realICB() throws {
        try real(years: ["2022-23", "2023-24", "2024-25"], deprivation: "icb-deprivation-imd2025.csv",
                 reference: "reference-indicators-icb.json", analyses: 18)
    }

    func real(years: [String], deprivation: String, reference: String, analyses: Int) throws {
        guard let shared = TestPaths.sharedData else {
            print("skipped: ../shared/data not found")
            return
        }
        let files = years.map { shared.appendingPathComponent("nhs-annual-main/annual-\($0)-main.csv").path }
        let dataset = try Ingest.load(outcomes: files, deprivation: [shared.appendingPathComponent("deprivation/\(deprivation)").path],
                                      options: IngestOptions())
        #expect(try compare(dataset, reference: reference) == analyses)
    }

    /// Compares every analysis of the report with the reference; returns how many were compared.
    func compare(_ dataset: Dataset, reference name: String) throws -> Int {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let analyses = try #require(json["analyses"] as? [String: [String: Any]])
        let report = try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "test", generatedOn: "2000-01-01", isSynthetic: false, options: ReportOptions()))
        #expect(report.analyses.map { "\($0.period.label)|\($0.indicator.id)" }.sorted() == analyses.keys.sorted(), "the same analyses")
        for analysis in report.analyses {
            let key = "\(analysis.period.label)|\(analysis.indicator.id)"
            let expected = try #require(analyses[key], "\(key)")
            check(key, "reference", analysis.reference, expected["reference"])

            let model = try #require(expected["model"] as? [Any])
            let m = analysis.model
            let ours: [Double?] = [Double(m.areas), m.intercept, m.slope, m.seIntercept, m.seSlope, m.tSlope, m.pSlope, m.rSquared,
                                   m.fStatistic, m.fP, Double(m.dfResidual), m.sigma, Double(analysis.outliers.count), analysis.outliers.dummyP]
            for (index, value) in ours.enumerated() { check(key, "model[\(index)]", value, model[index]) }

            let agreement = try #require(expected["agreement"] as? [Any])
            let a = analysis.agreement
            let ourAgreement: [Double?] = [Double(a.areas), Double(a.worseBoth), Double(a.worseFirstOnly), Double(a.worseSecondOnly),
                                           Double(a.worseNeither), a.kappa, a.kappaSE, a.kappaInterval?.lower, a.kappaInterval?.upper,
                                           a.pearsonChi2, a.pearsonP, a.mcnemarChi2, a.mcnemarP]
            for (index, value) in ourAgreement.enumerated() { check(key, "agreement[\(index)]", value, agreement[index]) }

            let correlations = try #require(expected["correlations"] as? [[Any]])
            let order: [(CorrelatedVariable, Bool)] = [(.referrals, false), (.finishedTreatment, false), (.rate, false), (.rate, true)]
            for (index, (variable, excludes)) in order.enumerated() {
                let result = try #require(analysis.correlations.first { $0.variable == variable && $0.excludesOutliers == excludes }, "\(key) correlation \(index)")
                check(key, "correlation[\(index)] rho", result.rho, correlations[index][0])
                check(key, "correlation[\(index)] p", result.p, correlations[index][1])
                check(key, "correlation[\(index)] n", Double(result.n), correlations[index][2])
            }

            // Every area's statuses, one character each, in area-code order.
            #expect(analysis.areas.map(\.code.rawValue).joined(separator: " ") == expected["codes"] as? String, "\(key): the same areas")
            let standard = String(analysis.areas.map { $0.standardVerdict == .misses ? "x" : "m" })
            let adjusted = String(analysis.areas.map { area -> Character in
                switch area.adjustedVerdict { case .worse: "w"; case .asExpected: "a"; case .better: "b" }
            })
            let outlier = String(analysis.areas.map { $0.isExtremeOutlier ? "1" : "0" })
            #expect(standard == expected["standard"] as? String, "\(key): standard verdicts")
            #expect(adjusted == expected["adjusted"] as? String, "\(key): adjusted verdicts")
            #expect(outlier == expected["outlier"] as? String, "\(key): extreme outliers")

            // Full numbers of a sample of areas.
            let sample = try #require(expected["sample"] as? [String: [Any]])
            #expect(!sample.isEmpty)
            for (code, values) in sample {
                let area = try #require(analysis.area(AreaCode(code)), "\(key) \(code)")
                let ourValues = [area.rate, area.wilson95.lower, area.wilson95.upper, area.wilson998.lower, area.wilson998.upper,
                                 area.expected, area.expectedInterval.lower, area.expectedInterval.upper]
                for (index, value) in ourValues.enumerated() { check("\(key) \(code)", "sample[\(index)]", value, values[index]) }
            }
        }
        return report.analyses.count
    }

    /// Relative agreement within `tolerance`; a missing reference value (JSON null) must be missing here too.
    func check(_ context: String, _ name: String, _ actual: Double?, _ reference: Any?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = (reference as? NSNumber)?.doubleValue
        switch (actual, expected) {
        case (nil, nil): return
        case (let actual?, let expected?):
            #expect(relativeError(actual, expected) <= Self.tolerance || (actual == 0 && abs(expected) < 1e-12),
                    "\(context) \(name): \(actual) vs reference \(expected)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(context) \(name): \(String(describing: actual)) vs reference \(String(describing: expected))", sourceLocation: sourceLocation)
        }
    }
}
