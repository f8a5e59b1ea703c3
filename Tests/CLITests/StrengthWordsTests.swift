import Foundation
import Testing
import TestSupport
@testable import LevelFieldCLI

/// Issue 15: the words for a period where deprivation explains nothing (2021-22 of the strength
/// fixture, rates drawn independently of deprivation) and one where it explains a lot (2020-21).
/// The figures are those of Tests/BenchmarkingTests/Fixtures/reference-strength.json, rounded.
@Suite("Model strength in words")
struct StrengthWordsTests {
    static let fixture = TestPaths.packageRoot.appendingPathComponent("Tests/BenchmarkingTests/Fixtures/strength-fixture.csv").path

    /// Page text with tags removed and runs of white space collapsed.
    static func text(_ url: URL) throws -> String {
        let html = try String(contentsOf: url, encoding: .utf8)
        let stripped = html.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
        return stripped.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression).replacingOccurrences(of: "&lt;", with: "<")
    }

    static func build() throws -> URL {
        let dir = try temporaryDirectory()
        let result = run(["build", "--outcomes", fixture, "--out", "site", "--date", "2022-03-31"], in: dir)
        #expect(result.code == 0, "\(result.err)")
        return dir.appendingPathComponent("site")
    }

    @Test("a weak period says plainly that deprivation explains little, on the period page, the overview and the area page")
    func weak() throws {
        let site = try Self.build()
        let weak = "Deprivation explains little of the variation in recovery rates between areas in 2021-22: the slope is not statistically "
            + "significant at the 5% level (p = 0.654) and R² is under 5% (0.5%). So each area’s adjusted benchmark is close to the rate "
            + "of all areas together, 38.2% (expected rates run only from 37.9% to 38.5%), and the adjusted verdict mostly says whether an "
            + "area differs from that average, not how it compares with equally deprived areas."
        let strength = "In 2021-22, deprivation explains 0.5% of the variation in recovery rates between areas (R², weighted by patients). "
            + "From the most deprived area in the data (IMD rank 5) to the least deprived (IMD rank 200), expected recovery rate falls by "
            + "0.6 percentage points (95% confidence interval −3.0 to +1.9 points; slope p = 0.654)."
        let spread = "Recovery rates differ between areas with a standard deviation of 2.2 percentage points. Each area’s 95% benchmark "
            + "interval is between 1.5 and 2.9 percentage points wide (median 2.0)."
        for page in ["periods/2021-22.html", "index.html"] {
            let text = try Self.text(site.appendingPathComponent(page))
            #expect(text.contains(weak), "\(page)")
            #expect(text.contains(strength), "\(page)")
            #expect(text.contains(spread), "\(page)")
            #expect(text.contains("In this period deprivation explains little, so these benchmarks are close to the rate of all areas together"), "\(page)")
            #expect(!text.contains("residual standard error"), "\(page): σ̂ stays in model.csv and the methods page")
        }
        let area = try Self.text(site.appendingPathComponent("areas/A01.html"))
        #expect(area.contains("How far to trust this benchmark: in 2021-22 deprivation explains little of the variation between areas "
            + "(R² 0.5%, slope p = 0.654), so the adjusted benchmark is close to the rate of all areas together (38.2%). Being above or "
            + "below it says how the area compares with the average of all areas, not with equally deprived areas."))
        #expect(area.contains("(deprivation explains little)"), "the history marks the weak period")
    }

    @Test("summary says it too: the gradient, and for a weak period that deprivation explains little")
    func summary() throws {
        let dir = try temporaryDirectory()
        let weak = run(["summary", "--outcomes", Self.fixture], in: dir)
        #expect(weak.code == 0, "\(weak.err)")
        #expect(weak.out.contains("  most to least deprived area: −0.6 percentage points (95% CI "))
        #expect(weak.out.contains("; deprivation explains little (p ≥ 0.05 or R² < 5%): the benchmark is close to the all-areas rate of 38.2%"))
        let strong = run(["summary", "--outcomes", Self.fixture, "--period", "2020-21"], in: dir)
        #expect(strong.out.contains("  most to least deprived area: +21.9 percentage points (95% CI 19.8 to 24.0)\n"))
        #expect(!strong.out.contains("explains little"))
    }

    @Test("a strong period gives R² and the gradient from the most to the least deprived area, with no warning")
    func strong() throws {
        let site = try Self.build()
        let text = try Self.text(site.appendingPathComponent("periods/2020-21.html"))
        #expect(text.contains("In 2020-21, deprivation explains 92.0% of the variation in recovery rates between areas (R², weighted by "
            + "patients). From the most deprived area in the data (IMD rank 5) to the least deprived (IMD rank 200), expected recovery "
            + "rate rises by 21.9 percentage points (95% confidence interval +19.8 to +24.0 points; slope p < 0.001)."))
        #expect(text.contains("Recovery rates differ between areas with a standard deviation of 7.1 percentage points. Each area’s 95% "
            + "benchmark interval is between 1.2 and 2.5 percentage points wide (median 1.7)."))
        #expect(!text.contains("explains little"))
        let methods = try Self.text(site.appendingPathComponent("methods.html"))
        #expect(methods.contains("When the slope is not statistically significant at the 5% level (p ≥ 0.05) or R² is under 5%, the pages say plainly"))
        #expect(methods.contains("it is kept in model.csv (column sigma)"))
    }
}
