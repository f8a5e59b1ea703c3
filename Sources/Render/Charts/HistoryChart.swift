import LevelFieldModel

/// One area's recovery rate across periods with its Wilson 95% interval, beside its expected
/// rate and interval, against the flat target. Periods run down the chart, one row each, so
/// every period is labelled and the chart grows in height, not width, with more periods (and
/// reads the same on a phone).
struct HistoryChart {
    /// The area's result per period, in period order.
    let history: [(period: Period, result: AreaResult)]
    let targetPercent: Double
    let confidencePercent: Double
    let id: String
    let title: String
    let description: String

    static let rowHeight = 32.0

    /// The two frames: the left margin fits the longest period label (with room for wider letter spacing).
    var frames: [ChartFrame] {
        let longest = Double(history.map(\.period.label.count).max() ?? 4)
        let rows = Double(max(history.count, 1)) * Self.rowHeight
        let left = 18 + longest * 14 * 0.68
        return [
            .wide(width: 720, height: 20 + rows + 50, left: left, right: 24, top: 20, bottom: 50),
            .narrow(height: 20 + rows + 50, left: left, right: 12, top: 20, bottom: 50),
        ]
    }

    func render() -> TrustedHTML {
        var legend = ChartLegend()
        legend.addVerdicts()
        legend.add("Recovery rate, shaped by its verdict, with its Wilson 95% interval (solid line)") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#4d4d4d"), ("stroke-width", "2")])
            ChartStyle.marker(&svg, .asExpected, x: 16, y: 8, r: 5)
        }
        legend.add("Expected rate for its deprivation (hollow diamond), dotted line = its \(ReadableNumber.fixed(confidencePercent, 0))% interval") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#08306b"), ("stroke-width", "2"), ("stroke-dasharray", "3 2")])
            Self.diamond(&svg, x: 16, y: 8)
        }
        legend.addTarget(targetPercent)
        return SVGWriter.responsive(draw, frames: frames, legend: legend)
    }

    static func diamond(_ svg: inout SVGWriter, x: Double, y: Double) {
        let n = SVGWriter.number
        svg.empty("path", [("d", "M\(n(x)) \(n(y - 6))L\(n(x + 6)) \(n(y))L\(n(x)) \(n(y + 6))L\(n(x - 6)) \(n(y))Z"),
                           ("fill", "#ffffff"), ("stroke", "#08306b"), ("stroke-width", "2")])
    }

    private func draw(_ frame: ChartFrame) -> SVGWriter {
        let n = SVGWriter.number
        let plotBottom = frame.plotBottom
        let values = history.flatMap { [$0.result.wilson95.lower, $0.result.wilson95.upper, $0.result.expectedInterval.lower, $0.result.expectedInterval.upper] } + [targetPercent]
        let xScale = LinearScale(domain: LinearScale.niceDomain(values, ticks: frame.ticks, minimumSpan: 10), range: frame.left...frame.plotRight, flipped: false)
        func rowTop(_ index: Int) -> Double { frame.top + Self.rowHeight * Double(index) }

        var svg = SVGWriter()
        svg.openChart(frame, id: id, title: title, description: description)
        svg.open("g", [("class", "axis"), ("font-size", n(frame.fontSize)), ("fill", "#1a1a1a")])
        svg.verticalGrid(xScale, ticks: frame.ticks, top: frame.top, bottom: plotBottom)
        for (index, entry) in history.enumerated() {
            svg.text("text", [("x", n(frame.left - 8)), ("y", n(rowTop(index) + Self.rowHeight / 2 + 5)), ("text-anchor", "end")], entry.period.label)
        }
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.plotRight)), ("y1", n(plotBottom)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.left)), ("y1", n(frame.top)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n((frame.left + frame.plotRight) / 2)), ("y", n(plotBottom + 40)), ("text-anchor", "middle")], "Recovery rate (%)")
        svg.close("g")
        svg.newline()
        let targetX = xScale(targetPercent)
        svg.empty("line", [("x1", n(targetX)), ("x2", n(targetX)), ("y1", n(frame.top)), ("y2", n(plotBottom)),
                           ("stroke", "#1a1a1a"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        for (index, entry) in history.enumerated() {
            let result = entry.result
            let observed = rowTop(index) + Self.rowHeight / 2 - 6, expected = rowTop(index) + Self.rowHeight / 2 + 7
            // Expected rate: hollow diamond with its interval, dotted.
            svg.empty("line", [("x1", n(xScale(result.expectedInterval.lower))), ("x2", n(xScale(result.expectedInterval.upper))),
                               ("y1", n(expected)), ("y2", n(expected)), ("stroke", "#08306b"), ("stroke-width", "2"), ("stroke-dasharray", "3 2")])
            Self.diamond(&svg, x: xScale(result.expected), y: expected)
            // Observed rate: the classification's marker with its Wilson interval.
            svg.empty("line", [("x1", n(xScale(result.wilson95.lower))), ("x2", n(xScale(result.wilson95.upper))),
                               ("y1", n(observed)), ("y2", n(observed)), ("stroke", ChartStyle.colour(result.adjustedVerdict)), ("stroke-width", "2")])
            ChartStyle.marker(&svg, result.adjustedVerdict, x: xScale(result.rate), y: observed, r: 5)
            svg.newline()
        }
        svg.close("svg")
        return svg
    }
}
