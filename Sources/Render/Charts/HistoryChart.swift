import LevelFieldModel

/// One area's recovery rate across periods with its Wilson 95% interval, beside its expected
/// rate and interval, against the flat target.
struct HistoryChart {
    /// The area's result per period, in period order.
    let history: [(period: Period, result: AreaResult)]
    let targetPercent: Double
    let confidencePercent: Double
    let id: String
    let title: String
    let description: String

    static let width = 720.0, height = 380.0
    static let left = 64.0, right = 24.0, top = 20.0, bottom = 116.0

    func render() -> TrustedHTML {
        let n = SVGWriter.number
        let plotBottom = Self.height - Self.bottom
        let ys = history.flatMap { [$0.result.wilson95.lower, $0.result.wilson95.upper, $0.result.expectedInterval.lower, $0.result.expectedInterval.upper] } + [targetPercent]
        let yScale = LinearScale(domain: LinearScale.niceDomain(ys, ticks: 5, minimumSpan: 10), range: Self.top...plotBottom, flipped: true)
        let slot = (Self.width - Self.left - Self.right) / Double(max(history.count, 1))
        func centre(_ index: Int) -> Double { Self.left + slot * (Double(index) + 0.5) }

        var svg = SVGWriter()
        svg.openChart(id: id, width: Self.width, height: Self.height, cssClass: "chart", title: title, description: description)
        svg.open("g", [("class", "axis"), ("font-size", "14"), ("fill", "#1a1a1a")])
        svg.horizontalGrid(yScale, ticks: 5, left: Self.left, right: Self.width - Self.right)
        // With many periods only every k-th is labelled, so labels never overlap (the table has them all).
        let every = max(1, Int((90 / slot).rounded(.up)))
        for (index, entry) in history.enumerated() where index % every == 0 {
            svg.text("text", [("x", n(centre(index))), ("y", n(plotBottom + 20)), ("text-anchor", "middle")], entry.period.label)
        }
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.width - Self.right)), ("y1", n(plotBottom)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.left)), ("y1", n(Self.top)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n((Self.left + Self.width - Self.right) / 2)), ("y", n(plotBottom + 42)), ("text-anchor", "middle")], "Period")
        svg.text("text", [("transform", "translate(16 \(n((Self.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")], "Recovery rate (%)")
        svg.close("g")
        svg.newline()
        let targetY = yScale(targetPercent)
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.width - Self.right)), ("y1", n(targetY)), ("y2", n(targetY)),
                           ("stroke", "#1a1a1a"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        for (index, entry) in history.enumerated() {
            let result = entry.result
            let observed = centre(index) - 10, expected = centre(index) + 10
            // Expected rate: hollow diamond with its interval.
            svg.empty("line", [("x1", n(expected)), ("x2", n(expected)), ("y1", n(yScale(result.expectedInterval.lower))),
                               ("y2", n(yScale(result.expectedInterval.upper))), ("stroke", "#08306b"), ("stroke-width", "2"), ("stroke-dasharray", "3 2")])
            let ey = yScale(result.expected)
            svg.empty("path", [("d", "M\(n(expected)) \(n(ey - 6))L\(n(expected + 6)) \(n(ey))L\(n(expected)) \(n(ey + 6))L\(n(expected - 6)) \(n(ey))Z"),
                               ("fill", "#ffffff"), ("stroke", "#08306b"), ("stroke-width", "2")])
            // Observed rate: the classification's marker with its Wilson interval.
            svg.empty("line", [("x1", n(observed)), ("x2", n(observed)), ("y1", n(yScale(result.wilson95.lower))),
                               ("y2", n(yScale(result.wilson95.upper))), ("stroke", ChartStyle.colour(result.adjustedVerdict)), ("stroke-width", "2")])
            ChartStyle.marker(&svg, result.adjustedVerdict, x: observed, y: yScale(result.rate), r: 5)
            svg.newline()
        }
        let legendY = plotBottom + 60
        svg.open("g", [("class", "legend"), ("font-size", "14"), ("fill", "#1a1a1a")])
        ChartStyle.marker(&svg, .asExpected, x: Self.left + 6, y: legendY, r: 5)
        svg.text("text", [("x", n(Self.left + 16)), ("y", n(legendY + 4))], "Recovery rate, Wilson 95% interval (shape: adjusted verdict)")
        let ex = Self.left + 6, ey = legendY + 22
        svg.empty("path", [("d", "M\(n(ex)) \(n(ey - 6))L\(n(ex + 6)) \(n(ey))L\(n(ex)) \(n(ey + 6))L\(n(ex - 6)) \(n(ey))Z"),
                           ("fill", "#ffffff"), ("stroke", "#08306b"), ("stroke-width", "2")])
        svg.text("text", [("x", n(ex + 10)), ("y", n(ey + 4))], "Expected rate for its deprivation, \(ReadableNumber.fixed(confidencePercent, 0))% interval (dotted)")
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.left + 24)), ("y1", n(legendY + 44)), ("y2", n(legendY + 44)), ("stroke", "#1a1a1a"),
                           ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        svg.text("text", [("x", n(Self.left + 30)), ("y", n(legendY + 48))], "\(ReadableNumber.fixed(targetPercent, 0))% flat target")
        svg.close("g")
        svg.close("svg")
        return svg.trusted
    }
}
