import Foundation
import Testing
import LevelFieldModel
@testable import Render

/// Issue 9, item 5: every indicator on the site.
@Suite("Every indicator on the site")
struct IndicatorSiteTests {
    /// The fixture report with three more indicators per period: reliable improvement (a
    /// standard), reliable deterioration (lower is better, against England) and the 6-week wait.
    /// Their numbers are recovery's, relabelled: the pages, not the statistics, are under test.
    static func report() -> Report {
        var report = SiteFixture.report()
        let others: [(String, Double, ReferenceKind)] = [("reliable_improvement", 67, .standard), ("reliable_deterioration", 44.5, .england),
                                                         ("wait_6_weeks", 75, .standard)]
        var analyses: [PeriodReport] = []
        for analysis in report.analyses {
            analyses.append(analysis)
            for (id, reference, kind) in others {
                var copy = analysis
                copy.indicator = Indicator.withID(id)!
                copy.reference = reference
                copy.referenceKind = kind
                analyses.append(copy)
                if kind == .england {
                    report.englandRates.append(EnglandRate(period: analysis.period, indicatorID: id, numerator: 445, denominator: 1000))
                }
            }
        }
        report.analyses = analyses
        return report
    }

    static func render() throws -> [String: String] {
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report())
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, SiteTestSupport.text($0)) })
    }

    @Test("each indicator has its own period pages; recovery keeps periods/<slug>.html")
    func periodPages() throws {
        let pages = try Self.render()
        for slug in ["2014-15-q2", "2014-15-q3"] {
            #expect(pages["periods/\(slug).html"] != nil)
            #expect(pages["periods/\(slug)/recovery.html"] == nil)
            for id in ["reliable_improvement", "reliable_deterioration", "wait_6_weeks"] {
                let page = try #require(pages["periods/\(slug)/\(id).html"], "\(slug)/\(id)")
                #expect(page.contains("href=\"../../assets/style.css\""))
                #expect(page.contains("aria-current=\"page\">\(Indicator.withID(id)!.name)</strong>"))
            }
        }
        let deterioration = try #require(pages["periods/2014-15-q3/reliable_deterioration.html"])
        #expect(deterioration.contains("lower is better"))
        #expect(deterioration.contains("England’s 44.5%"))
        #expect(deterioration.contains("England 44.5%"), "the scatter's reference line is labelled")
        #expect(!deterioration.contains("Below adjusted benchmark"), "a lower-is-better chart says worse / better, not below / above")
        let improvement = try #require(pages["periods/2014-15-q3/reliable_improvement.html"])
        #expect(improvement.contains("the 67% standard"))
        #expect(improvement.contains("← 2014-15 Q2") && improvement.contains("href=\"../../periods/2014-15-q2/reliable_improvement.html\""))
    }

    @Test("every page's links resolve, the new pages included, and the header links to the indicators table")
    func links() throws {
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(Self.report())
        #expect(SiteRendererTests.checkLinks(files) > 100)
        let index = SiteTestSupport.text(try #require(files.first { $0.path == "index.html" }))
        #expect(index.contains("<a href=\"index.html#indicators\">Indicators</a>"))
        #expect(index.contains("<h2 id=\"indicators\">"))
    }

    @Test("an area page has a spine chart: a row per indicator, the marker's shape and verdict in words, a legend, a table twin")
    func spine() throws {
        let page = try #require(try Self.render()["areas/03F.html"])
        let rows = page.components(separatedBy: "<li class=\"spine-row\">").count - 1
        #expect(rows == 4)
        #expect(page.components(separatedBy: "class=\"spine-bar\"").count - 1 == 4)
        // Each bar is an image with its own title and description.
        #expect(page.contains("<title id=\"spine-reliable_deterioration-title\">"))
        #expect(page.contains("<desc id=\"spine-wait_6_weeks-desc\">"))
        // The legend keys every shape the bars draw.
        for words in ["range of all areas", "middle half of areas", "England", "national standard",
                      "this area: worse than expected", "this area: as expected", "this area: better than expected"] {
            #expect(page.contains(words), "legend: \(words)")
        }
        // Verdicts in words beside each bar; lower-is-better judged against England.
        #expect(page.contains("than England’s 44.5%"))
        let table = try #require(page.components(separatedBy: "<table class=\"spine-table\">").last?.components(separatedBy: "</table>").first)
        #expect(table.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 4)
        #expect(table.contains("<td class=\"num\">44.5%</td>"), "England's value in the table")
        // Details for each indicator other than recovery (whose detail is the page's main section).
        for id in ["reliable_improvement", "reliable_deterioration", "wait_6_weeks"] {
            #expect(page.contains("<h2 id=\"\(id)\">"))
        }
    }

    @Test("area pages stay linear: the spine adds four numbers per indicator, not every area's")
    func linear() throws {
        let page = try #require(try Self.render()["areas/03F.html"])
        let spine = try #require(page.components(separatedBy: "<h2 id=\"indicators\">").last?.components(separatedBy: "<h2 id=\"recovery\">").first)
        for other in ["Darlington", "East Riding of Yorkshire", "Leicester City"] { #expect(!spine.contains(other)) }
    }

    @Test("the overview has a table of areas × indicators with every verdict in words")
    func overviewTable() throws {
        let index = try #require(try Self.render()["index.html"])
        let table = try #require(index.components(separatedBy: "<table class=\"areas indicator-table\">").last?.components(separatedBy: "</table>").first)
        #expect(table.components(separatedBy: "<tr><th scope=\"row\">").count - 1 == 10)
        #expect(table.components(separatedBy: "<span class=\"words\">").count - 1 == 40)
        #expect(table.contains("expected</span>"))
        #expect(table.contains("misses, ") || table.contains("meets, "))
        #expect(table.contains("href=\"periods/2014-15-q3/reliable_deterioration.html\""))
    }

    @Test("the methods page lists every indicator and says today's standard is applied to every period")
    func methods() throws {
        let page = try #require(try Self.render()["methods.html"])
        #expect(page.contains("Today’s standard is applied to every period."))
        for indicator in Indicator.all { #expect(page.contains("<th scope=\"row\">\(indicator.name)</th>")) }
    }

    @Test("spine quartiles interpolate linearly, as numpy's default")
    func quartiles() throws {
        let d = try #require(SpineDistribution([4, 1, 3, 2]))
        #expect(d.minimum == 1 && d.lowerQuartile == 1.75 && d.upperQuartile == 3.25 && d.maximum == 4)
        let one = try #require(SpineDistribution([7]))
        #expect(one.lowerQuartile == 7 && one.upperQuartile == 7)
        #expect(SpineDistribution([]) == nil)
    }
}
