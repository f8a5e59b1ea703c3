import Testing
import LevelFieldModel
@testable import Render

@Suite("Equity on the site (SPEC §8.4)")
struct EquitySiteTests {
    /// The site fixture with Darlington's and England's recovery by decile (the reference
    /// document's worked example for England, SII 20.6), and Darlington by gender.
    static func report() -> Report {
        var report = SiteFixture.report()
        let period = SiteFixture.periods[1]
        func deciles(_ rates: [(Int?, Int)]) -> [GroupRate] {
            rates.enumerated().map { index, pair in
                let rate = pair.0.map { 100 * Double($0) / Double(pair.1) }
                return GroupRate(kind: .imdDecile, group: String(index + 1), sequence: index + 1, numerator: pair.0, denominator: pair.1,
                                 rate: rate, wilson95: rate.map { Interval(lower: $0 - 3, upper: $0 + 3) })
            }
        }
        let england = EquityAnalysis(
            period: period, indicator: .recovery, areaCode: BreakdownRow.englandCode, areaName: "England",
            deciles: deciles(zip([1480, 1590, 1700, 1770, 1800, 1850, 1890, 1900, 1880, 1850],
                                 [3700, 3650, 3640, 3600, 3520, 3480, 3420, 3350, 3260, 3150]).map { ($0.0, $0.1) }),
            groups: [], inequality: InequalitySummary(decilesUsed: 10, sii: 20.6, siiInterval: Interval(lower: 18.794, upper: 22.406),
                                                      rii: 1.507, riiInterval: Interval(lower: 1.4522, upper: 1.5644)), notCalculated: nil)
        let darlington = EquityAnalysis(
            period: period, indicator: .recovery, areaCode: AreaCode("00C"), areaName: "Darlington",
            deciles: deciles([(50, 140), (40, 110), (55, 120), (nil, 20), (25, 50), (65, 120), (35, 65), (55, 95), (35, 25 + 40), (50, 80)]),
            groups: [GroupRate(kind: .gender, group: "Female", sequence: 1, numerator: 10, denominator: 20, rate: 50,
                               wilson95: Interval(lower: 29.9, upper: 70.1))],
            inequality: InequalitySummary(decilesUsed: 10, sii: 28.6, siiInterval: Interval(lower: 18.0, upper: 39.2), rii: 1.85,
                                          riiInterval: Interval(lower: 1.46, upper: 2.40)), notCalculated: nil)
        report.equity = [england, darlington]
        return report
    }

    @Test("area page: the gradient chart with its table twin beside England, the SII in words, groups with small numbers marked")
    func areaPage() throws {
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(Self.report())
        let page = SiteTestSupport.text(try #require(files.first { $0.path == "areas/00C.html" }))
        #expect(page.contains("In Darlington, patients from the most deprived tenth recover 28.6 points less often than the least deprived (slope index of inequality, 95% interval 18.0 to 39.2 points)"))
        #expect(page.contains("In England, patients from the most deprived tenth recover 20.6 points less often"))
        // A wide and a narrow drawing, and an HTML legend keying both series' shapes.
        #expect(page.contains(#"id="gradient-recovery-title""#) && page.contains(#"id="gradient-recovery-narrow-title""#))
        #expect(page.contains("<span>England: rate (hollow square) and its Wilson 95% interval (line)</span>"))
        #expect(page.contains("<span>Darlington: rate (filled circle) and its Wilson 95% interval (line)</span>"))
        #expect(page.contains("<th scope=\"row\">1 (most deprived)</th><td class=\"num\">140</td><td class=\"num\">35.7%</td>"))
        #expect(page.contains("<th scope=\"row\">4</th><td class=\"num\">20</td><td class=\"num\">suppressed</td>"))
        #expect(page.contains("<th scope=\"row\">Female</th><td class=\"num\">20</td><td class=\"num\">50.0% (small number: fewer than 30 patients)</td>"))
        // Another area's page carries only its own numbers.
        let other = SiteTestSupport.text(try #require(files.first { $0.path == "areas/00D.html" }))
        #expect(!other.contains("gradient-recovery"))
        let periodPage = SiteTestSupport.text(try #require(files.first { $0.path == "periods/\(SiteFixture.periods[1].slug).html" }))
        #expect(periodPage.contains(#"<td class="num">1</td><th scope="row"><a href="../areas/00C.html">Darlington</a> (00C)</th><td class="num">28.6</td><td>18.0 to 39.2</td>"#))
        let methods = SiteTestSupport.text(try #require(files.first { $0.path == "methods.html" }))
        #expect(methods.contains("patient-level") && methods.contains("area-level"))
    }

    @Test("the sentence for an organisation without an SII gives the reason")
    func notCalculated() {
        let analysis = EquityAnalysis(period: Period("2019-20"), indicator: .recovery, areaCode: AreaCode("X"), areaName: "X", deciles: [],
                                      groups: [], inequality: nil, notCalculated: "decile 3 is suppressed or missing")
        #expect(SiteModel.inequalitySentence(analysis) == "In X the slope index of inequality cannot be calculated: decile 3 is suppressed or missing.")
    }
}
