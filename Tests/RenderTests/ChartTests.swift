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
            ScatterChart(period: period, measure: .rank, targetPercent: 50, confidencePercent: 95, highlight: period.area(code), id: "s",
                         title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup,
            HistoryChart(history: history, targetPercent: 50, confidencePercent: 95, id: "h",
                         title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup,
            AgreementChart(agreement: period.agreement, targetPercent: 50, id: "a",
                           title: SiteFixture.hostileName, description: SiteFixture.hostileName).render().markup,
        ]
    }

    /// The wide and the narrow drawing of a chart's markup.
    private func drawings(_ markup: String) -> [String] {
        markup.components(separatedBy: "</svg>\n").prefix(2).map { $0 + "</svg>" }
    }

    @Test("every chart is drawn wide and narrow, each a scalable SVG with a title and a description tied to it")
    func accessibleSVG() {
        for (markup, id) in zip(charts, ["s", "h", "a"]) {
            let drawings = drawings(markup)
            for (svg, (ownID, kind)) in zip(drawings, [(id, "wide"), ("\(id)-narrow", "narrow")]) {
                #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(kind == "narrow" ? "320.00" : "")"))
                #expect(svg.contains("width=\"100%\"") && svg.contains("role=\"img\"") && svg.contains("class=\"chart chart-\(kind)\""))
                #expect(svg.contains("aria-labelledby=\"\(ownID)-title \(ownID)-desc\"") && svg.contains("<title id=\"\(ownID)-title\">")
                        && svg.contains("<desc id=\"\(ownID)-desc\">"))
            }
            #expect(drawings.count == 2)
        }
    }

    @Test("chart text is never smaller than 14 units, so the narrow drawing keeps it at 12.6 px or more on a 320 px screen")
    func textSizes() throws {
        let regex = try Regex(#"font-size="([0-9.]+)""#)
        for markup in charts {
            for match in markup.matches(of: regex) {
                let size = try #require(Double(String(match.output[1].substring!)))
                #expect(size >= 14)
            }
            // 288 px of a 320 px screen hold the 320-unit drawing.
            #expect(drawings(markup)[1].contains("viewBox=\"0 0 320.00 "))
            #expect(14.0 * 288 / 320 >= 12)
        }
    }

    @Test("legends are HTML lists that key every shape the chart draws")
    func legends() {
        let (scatter, history) = (charts[0], charts[1])
        for markup in [scatter, history] {
            #expect(markup.contains("<ul class=\"legend\">"))
            for status in [AdjustedVerdict.worse, .asExpected, .better] {
                #expect(markup.contains("<span>\(ChartStyle.label(status)) (\(ChartStyle.colourName(status)) \(ChartStyle.shapeName(status)))"))
            }
            #expect(markup.contains("<span>50% flat target (dashed line)</span>"))
        }
        #expect(history.contains("hollow diamond") && history.contains("Wilson 95% interval"))
        #expect(scatter.contains("<span>This area (ringed and labelled)</span>") && scatter.contains("<span>Point size:"))
    }

    @Test("the history chart labels every period, however many there are")
    func historyLabelsEveryPeriod() {
        let report = SiteFixture.large(areaCount: 20, periodCount: 24)
        let code = report.periods[0].areas[0].code
        let history = report.periods.compactMap { p in p.area(code).map { (period: p.period, result: $0) } }
        let markup = HistoryChart(history: history, targetPercent: 50, confidencePercent: 95, id: "h", title: "t", description: "d").render().markup
        for drawing in drawings(markup) {
            for entry in history { #expect(drawing.contains(">\(entry.period.label)</text>")) }
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
        let scatter = drawings(charts[0])[0]
        let period = report.periods[1]
        let circles = period.areas.filter { $0.adjustedVerdict == .asExpected }.count
        // Each `within` area is a circle; the highlight ring adds one; the highlighted area (99X,
        // within) is drawn once more on top. (The legend is HTML, below the drawing.)
        #expect(period.area(AreaCode("99X"))?.adjustedVerdict == .asExpected)
        #expect(scatter.components(separatedBy: "<circle").count - 1 == circles + 1 + 1)
        let triangles = period.areas.filter { $0.adjustedVerdict != .asExpected }.count
        // Triangles: one per area below or above, plus the band's path.
        #expect(scatter.components(separatedBy: "<path d=\"M").count - 1 == triangles + 1)
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
        // In each drawing: four limit curves (two dashed) and every area's marker; the legend (HTML,
        // after both drawings) keys the five verdicts and the three lines.
        let wide = drawings(full)[0], narrow = drawings(full)[1]
        for drawing in [wide, narrow] {
            #expect(drawing.components(separatedBy: "<polyline").count - 1 == 4)
            #expect(drawing.components(separatedBy: "stroke-dasharray=\"6 4\"").count - 1 == 2)
            let markers = drawing.components(separatedBy: "<circle").count + drawing.components(separatedBy: "<path d=\"M").count - 2
            #expect(markers == period.areas.count)
        }
        let legend = try #require(full.range(of: "<ul class=\"legend\">").map { String(full[$0.lowerBound...]) })
        #expect(legend.components(separatedBy: "<li>").count - 1 == 5 + 3)
        let code = AreaCode("99X")
        let single = FunnelChart(period: period, funnel: funnel, highlight: code, onlyHighlight: true, id: "g",
                                 title: "t", description: "d").render().markup
        // The area's marker and its ring, in each drawing.
        for drawing in drawings(single) {
            let markers = drawing.components(separatedBy: "<circle").count + drawing.components(separatedBy: "<path d=\"M").count - 2
            #expect(markers == 1 + 1)
        }
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
