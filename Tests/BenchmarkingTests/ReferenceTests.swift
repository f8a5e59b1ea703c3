import Foundation
import Testing
import Ingest
import LevelFieldModel
import TestSupport
@testable import Benchmarking

/// The analysis of whole datasets against statsmodels/scipy, computed independently by
/// Fixtures/generate_reference.py (versions recorded in each JSON file).
@Suite("Benchmarks agree with statsmodels and scipy")
struct ReferenceTests {
    static let tolerance = 1e-9

    @Test("the embedded synthetic dataset, every period")
    func synthetic() throws {
        let root = TestPaths.packageRoot.appendingPathComponent("Data")
        let dataset = try Ingest.load(outcomes: [root.appendingPathComponent("outcomes.csv").path],
                                      deprivation: [root.appendingPathComponent("deprivation.csv").path], options: IngestOptions())
        try compare(dataset, reference: "reference-synthetic.json", expectedPeriods: 8)
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
        try compare(dataset, reference: "reference-annual.json", expectedPeriods: 5)
    }

    func compare(_ dataset: Dataset, reference name: String, expectedPeriods: Int) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        let periods = try #require(json["periods"] as? [String: [String: Any]])
        let report = try Benchmark.run(dataset, metadata: ReportMetadata(toolVersion: "test", generatedOn: "2000-01-01", isSynthetic: false, options: ReportOptions()))
        #expect(report.periods.count == expectedPeriods)
        #expect(report.periods.map(\.period.label) == periods.keys.sorted())
        for period in report.periods {
            let expected = try #require(periods[period.period.label])
            let label = period.period.label
            let model = try #require(expected["model"] as? [String: Any])
            check(label, "areas", Double(period.model.areas), model["areas"])
            check(label, "intercept", period.model.intercept, model["intercept"])
            check(label, "slope", period.model.slope, model["slope"])
            check(label, "se_intercept", period.model.seIntercept, model["se_intercept"])
            check(label, "se_slope", period.model.seSlope, model["se_slope"])
            check(label, "t_slope", period.model.tSlope, model["t_slope"])
            check(label, "p_slope", period.model.pSlope, model["p_slope"])
            check(label, "r_squared", period.model.rSquared, model["r_squared"])
            check(label, "f_statistic", period.model.fStatistic, model["f_statistic"])
            check(label, "f_p", period.model.fP, model["f_p"])
            check(label, "df_residual", Double(period.model.dfResidual), model["df_residual"])
            check(label, "sigma", period.model.sigma, model["sigma"])
            check(label, "outlier_count", Double(period.outliers.count), model["outlier_count"])
            check(label, "outlier_dummy_p", period.outliers.dummyP, model["outlier_dummy_p"])

            let agreement = try #require(expected["agreement"] as? [String: Any])
            let a = period.agreement
            check(label, "areas", Double(a.areas), agreement["areas"])
            check(label, "below_both", Double(a.worseBoth), agreement["below_both"])
            check(label, "below_target_only", Double(a.worseFirstOnly), agreement["below_target_only"])
            check(label, "below_adjusted_only", Double(a.worseSecondOnly), agreement["below_adjusted_only"])
            check(label, "below_neither", Double(a.worseNeither), agreement["below_neither"])
            check(label, "kappa", a.kappa, agreement["kappa"])
            check(label, "kappa_se", a.kappaSE, agreement["kappa_se"])
            check(label, "kappa_lower_95", a.kappaInterval?.lower, agreement["kappa_lower_95"])
            check(label, "kappa_upper_95", a.kappaInterval?.upper, agreement["kappa_upper_95"])
            check(label, "pearson_chi2", a.pearsonChi2, agreement["pearson_chi2"])
            check(label, "pearson_p", a.pearsonP, agreement["pearson_p"])
            check(label, "mcnemar_chi2", a.mcnemarChi2, agreement["mcnemar_chi2"])
            check(label, "mcnemar_p", a.mcnemarP, agreement["mcnemar_p"])

            let correlations = try #require(expected["correlations"] as? [String: [String: Any]])
            for result in period.correlations {
                // The reference files name the recovery rate as schema 1 did.
                let key = (result.variable == .rate ? "recovery_rate" : result.variable.rawValue) + (result.excludesOutliers ? "_without_outliers" : "")
                let reference = try #require(correlations[key], "\(label) \(key)")
                check(label, "\(key) rho", result.rho, reference["rho"])
                check(label, "\(key) p", result.p, reference["p"])
                check(label, "\(key) n", Double(result.n), reference["n"])
            }

            let areas = try #require(expected["areas"] as? [String: [String: Any]])
            #expect(period.areas.map(\.code.rawValue).sorted() == areas.keys.sorted(), "\(label): the same areas")
            for area in period.areas {
                let reference = try #require(areas[area.code.rawValue])
                let where_ = "\(label) \(area.code)"
                check(where_, "rate", area.rate, reference["rate"])
                check(where_, "lower_ci_95", area.wilson95.lower, reference["lower_ci_95"])
                check(where_, "upper_ci_95", area.wilson95.upper, reference["upper_ci_95"])
                check(where_, "lower_ci_99_8", area.wilson998.lower, reference["lower_ci_99_8"])
                check(where_, "upper_ci_99_8", area.wilson998.upper, reference["upper_ci_99_8"])
                check(where_, "expected_rate", area.expected, reference["expected_rate"])
                check(where_, "expected_lower_95", area.expectedInterval.lower, reference["expected_lower_95"])
                check(where_, "expected_upper_95", area.expectedInterval.upper, reference["expected_upper_95"])
                // The reference files use the paper's words (recovery: misses = below, worse = below).
                let standardWords: [String: StandardVerdict] = ["below": .misses, "meets": .meets]
                let adjustedWords: [String: AdjustedVerdict] = ["below": .worse, "within": .asExpected, "above": .better]
                #expect(area.standardVerdict == standardWords[reference["target_status"] as? String ?? ""], "\(where_) target_status")
                #expect(area.adjustedVerdict == adjustedWords[reference["adjusted_status"] as? String ?? ""], "\(where_) adjusted_status")
                #expect(area.isExtremeOutlier == reference["extreme_outlier"] as? Bool, "\(where_) extreme_outlier")
            }
        }
    }

    /// Relative agreement within `tolerance`; a missing reference value (JSON null or absent) must be missing here too.
    func check(_ context: String, _ name: String, _ actual: Double?, _ reference: Any?, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let expected = (reference as? NSNumber)?.doubleValue
        switch (actual, expected) {
        case (nil, nil): return
        case (let actual?, let expected?):
            // An absolute floor of 1e-12 only for exact zeros: statsmodels' Wilson bound for 0 recovered is
            // rounding residue (6.9e-16) where the exact value, and ours, is 0.
            #expect(relativeError(actual, expected) <= Self.tolerance || (actual == 0 && abs(expected) < 1e-12),
                    "\(context) \(name): \(actual) vs reference \(expected)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(context) \(name): \(String(describing: actual)) vs reference \(String(describing: expected))", sourceLocation: sourceLocation)
        }
    }
}
