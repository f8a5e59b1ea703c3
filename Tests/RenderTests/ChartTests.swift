import LevelFieldModel
import Testing
@testable import Render

@Suite("Charts")
struct ChartTests {
    let report = SiteFixture.report()

    private var charts: [String] {
        let period = report.periods[1]
        let code = AreaCode("99X")
        let history = report.periods.compactMap { p in p.area(code).map { (p.period, $0) } }
        return [
            ScatterChart(period: period, measure: .rank, targetPercent: 50, confidencePercent: 95, highlight: code, id: "s",
                         title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup,
            HistoryChart(history: history, targetPercent: 50, confidencePercent: 95, id: "h",
                         title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup,
            AgreementChart(agreement: period.agreement, targetPercent: 50, id: "a",
                           title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup,
        ]
    }

    @Test("every chart is a responsive SVG with a title and a description tied to it")
    func accessibleSVG() {
        for (svg, id) in zip(charts, ["s", "h", "a"]) {
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "))
            #expect(svg.contains("width=\"100%\"") && svg.contains("role=\"img\""))
            #expect(svg.contains("aria-labelledby=\"\(id)-title \(id)-desc\"") && svg.contains("<title id=\"\(id)-title\">") && svg.contains("<desc id=\"\(id)-desc\">"))
            #expect(svg.hasSuffix("</svg>"))
        }
    }

    @Test("text in charts is escaped")
    func escaped() {
        for svg in charts {
            #expect(!svg.contains("<script") && svg.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"))
        }
    }

    @Test("coordinates have exactly two decimals and a point as separator")
    func numberFormat() throws {
        let scatter = charts[0]
        let regex = try Regex(#" (?:cx|cy|x1|x2|y1|y2|r)="([^"]*)""#)
        var count = 0
        for match in scatter.matches(of: regex) {
            let value = String(match.output[1].substring!)
            #expect(value.wholeMatch(of: try Regex(#"-?[0-9]+\.[0-9]{2}"#)) != nil, "\(value)")
            count += 1
        }
        #expect(count > 50)
    }

    @Test("the scatter marks each classification by shape as well as colour")
    func shapes() {
        let scatter = charts[0]
        let period = report.periods[1]
        let circles = period.areas.filter { $0.adjustedVerdict == .asExpected }.count
        // Each `within` area is a circle; the legend adds one, the highlight ring one, the size key
        // two; the highlighted area (99X, within) is drawn once more on top.
        #expect(period.area(AreaCode("99X"))?.adjustedVerdict == .asExpected)
        #expect(scatter.components(separatedBy: "<circle").count - 1 == circles + 1 + 1 + 2 + 1)
        let triangles = period.areas.filter { $0.adjustedVerdict != .asExpected }.count
        // Triangles: one per area below or above, two in the legend, plus the band's path.
        #expect(scatter.components(separatedBy: "<path d=\"M").count - 1 == triangles + 2 + 1)
    }

    @Test("the funnel plot keys every verdict's shape, draws both limit pairs, and on an area page only that area")
    func funnel() throws {
        let period = report.periods[1]
        let funnel = try #require(period.adjustedFunnel)
        let full = FunnelChart(period: period, funnel: funnel, highlight: nil, onlyHighlight: false, id: "f",
                               title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup
        for verdict in FunnelVerdict.allCases {
            #expect(full.contains(FunnelChart.label(verdict, period.indicator)), "legend keys \(verdict.rawValue)")
        }
        #expect(full.contains("95% limits") && full.contains("99.8% limits"))
        // Four limit curves (two dashed), every area's marker plus the five legend markers.
        #expect(full.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(full.components(separatedBy: "stroke-dasharray=\"6 4\"").count - 1 == 2 + 1)
        let markers = full.components(separatedBy: "<circle").count + full.components(separatedBy: "<path d=\"M").count - 2
        #expect(markers == period.areas.count + 5)
        let code = AreaCode("99X")
        let single = FunnelChart(period: period, funnel: funnel, highlight: code, onlyHighlight: true, id: "g",
                                 title: "t", description: "d").render().markup
        // The area's marker, its ring and the five legend markers.
        let singleMarkers = single.components(separatedBy: "<circle").count + single.components(separatedBy: "<path d=\"M").count - 2
        #expect(singleMarkers == 1 + 1 + 5)
        #expect(single.contains("(99X)"))
    }

    @Test("SVG numbers have two decimals, round half away from zero and never print -0.00")
    func svgNumbers() {
        #expect(SVGWriter.number(0) == "0.00")
        #expect(SVGWriter.number(-0.001) == "0.00")
        #expect(SVGWriter.number(12.5) == "12.50")
        #expect(SVGWriter.number(3.14159) == "3.14")
        #expect(SVGWriter.number(-2.006) == "-2.01")
        #expect(SVGWriter.number(720) == "720.00")
        #expect(SVGWriter.number(0.07) == "0.07")
    }

    @Test("nice axis steps are 1, 2 or 5 times a power of ten")
    func niceSteps() {
        #expect(LinearScale.niceStep(0.7) == 1)
        #expect(LinearScale.niceStep(1.3) == 2)
        #expect(LinearScale.niceStep(37) == 50)
        #expect(LinearScale.niceStep(0.031) == 0.05)
        #expect(LinearScale.niceDomain([5, 207], ticks: 6) == 0...250)
    }

    @Test("readable numbers are rounded for people, never -0, p-values as < 0.001 or three significant digits")
    func readableNumbers() {
        #expect(ReadableNumber.percent(52.349) == "52.3%")
        #expect(ReadableNumber.fixed(-0.04, 1) == "0.0")
        #expect(ReadableNumber.fixed(-1.25, 2) == "−1.25")
        #expect(ReadableNumber.pValue(0.0004) == "< 0.001")
        #expect(ReadableNumber.pValue(0.33) == "0.330")
        #expect(ReadableNumber.pValue(0.012345) == "0.0123")
        #expect(ReadableNumber.pValue(nil) == "not available")
        #expect(ReadableNumber.count(1234567) == "1,234,567")
        #expect(ReadableNumber.count(999) == "999")
    }
}
