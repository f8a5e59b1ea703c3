import LevelFieldModel

/// Recovery rate against deprivation for one period: points sized by the recovery denominator
/// and marked by adjusted classification, the WLS line and its confidence band, the flat target.
/// With `highlight`, that area is ringed and labelled (the area page's "position on the scatter").
struct ScatterChart {
    let period: PeriodReport
    let measure: DeprivationMeasure
    let targetPercent: Double
    let confidencePercent: Double
    let highlight: AreaCode?
    /// Prefix for element ids, unique within a page.
    let id: String
    let title: String
    let description: String
    /// The y axis title, the reference line's label and the point-size key (another indicator's words).
    var rateAxis = "Recovery rate (%)"
    var referenceLabel: String? = nil
    var sizeLegend = "Point size: number of patients (the recovery denominator)"
    /// The legend's words for worse, as expected and better (default: the recovery pages' below / within / above).
    var verdictWords: [String]? = nil

    static let width = 720.0, height = 490.0
    static let left = 64.0, right = 24.0, top = 20.0, bottom = 140.0

    func render() -> TrustedHTML {
        let n = SVGWriter.number
        let plotBottom = Self.height - Self.bottom
        let xs = period.areas.map(\.deprivation) + period.model.band.map(\.x)
        let ys = period.areas.map(\.rate) + period.model.band.flatMap { [$0.lower, $0.upper] } + [targetPercent]
        let xScale = LinearScale(domain: LinearScale.niceDomain(xs, ticks: 6), range: Self.left...(Self.width - Self.right), flipped: false)
        let yScale = LinearScale(domain: LinearScale.niceDomain(ys, ticks: 6, minimumSpan: 10), range: Self.top...plotBottom, flipped: true)
        let maxDenominator = Double(period.areas.map(\.denominator).max() ?? 1)
        func radius(_ denominator: Int) -> Double { 2.5 + 6.5 * (Double(denominator) / max(maxDenominator, 1)).squareRoot() }

        var svg = SVGWriter()
        svg.openChart(id: id, width: Self.width, height: Self.height, cssClass: "chart", title: title, description: description)
        // Grid and axes.
        svg.open("g", [("class", "axis"), ("font-size", "14"), ("fill", "#1a1a1a")])
        svg.horizontalGrid(yScale, ticks: 6, left: Self.left, right: Self.width - Self.right)
        for tick in xScale.ticks(6) {
            let x = xScale(tick)
            svg.empty("line", [("x1", n(x)), ("x2", n(x)), ("y1", n(plotBottom)), ("y2", n(plotBottom + 5)), ("stroke", "#1a1a1a")])
            svg.text("text", [("x", n(x)), ("y", n(plotBottom + 20)), ("text-anchor", "middle")], ReadableNumber.fixed(tick, 0))
        }
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.width - Self.right)), ("y1", n(plotBottom)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.left)), ("y1", n(Self.top)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n((Self.left + Self.width - Self.right) / 2)), ("y", n(plotBottom + 42)), ("text-anchor", "middle")],
                 ChartStyle.deprivationAxis(measure))
        svg.text("text", [("transform", "translate(16 \(n((Self.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")],
                 rateAxis)
        svg.close("g")
        svg.newline()
        // Band and line.
        let band = period.model.band
        if band.count >= 2 {
            let upper = band.map { "\(n(xScale($0.x))) \(n(yScale($0.upper)))" }
            let lower = band.reversed().map { "\(n(xScale($0.x))) \(n(yScale($0.lower)))" }
            svg.empty("path", [("d", "M" + (upper + lower).joined(separator: "L") + "Z"), ("fill", "#9ecae1"), ("fill-opacity", "0.45"), ("stroke", "none")])
            svg.empty("polyline", [("points", band.map { "\(n(xScale($0.x))),\(n(yScale($0.fit)))" }.joined(separator: " ")),
                                   ("fill", "none"), ("stroke", "#08306b"), ("stroke-width", "2")])
            svg.newline()
        }
        // Target.
        let targetY = yScale(targetPercent)
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.width - Self.right)), ("y1", n(targetY)), ("y2", n(targetY)),
                           ("stroke", "#1a1a1a"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        svg.text("text", [("x", n(Self.width - Self.right - 4)), ("y", n(targetY - 5)), ("text-anchor", "end"), ("font-size", "14"), ("fill", "#1a1a1a")],
                 referenceLabel ?? "\(ReadableNumber.fixed(targetPercent, 0))% target")
        svg.newline()
        // Points: large first so small ones stay visible; ties by code for determinism.
        let ordered = period.areas.sorted { ($0.denominator, $1.code) > ($1.denominator, $0.code) }
        svg.open("g", [("class", "points")])
        for area in ordered {
            ChartStyle.marker(&svg, area.adjustedVerdict, x: xScale(area.deprivation), y: yScale(area.rate), r: radius(area.denominator))
            svg.newline()
        }
        svg.close("g")
        if let highlight, let area = period.area(highlight) {
            let x = xScale(area.deprivation), y = yScale(area.rate)
            // Drawn again on top of the others, opaque, inside a heavy ring.
            ChartStyle.marker(&svg, area.adjustedVerdict, x: x, y: y, r: radius(area.denominator), opacity: "1")
            svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(radius(area.denominator) + 6)), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "3")])
            let label = "\(area.name) (\(area.code.rawValue)): \(ReadableNumber.percent(area.rate))"
            // Beside the point where the label fits (estimated at 8 px a character), else above it, kept inside the plot.
            let labelWidth = Double(label.count) * 8, gap = radius(area.denominator) + 10
            let (labelX, labelY, anchor): (Double, Double, String)
            if x + gap + labelWidth <= Self.width - Self.right {
                (labelX, labelY, anchor) = (x + gap, y - 10, "start")
            } else if x - gap - labelWidth >= Self.left {
                (labelX, labelY, anchor) = (x - gap, y - 10, "end")
            } else {
                let start = max(Self.left + 4, min(x - labelWidth / 2, Self.width - Self.right - labelWidth))
                (labelX, labelY, anchor) = (start, y < Self.top + 40 ? y + gap + 14 : y - gap - 4, "start")
            }
            svg.text("text", [("x", n(labelX)), ("y", n(labelY)), ("text-anchor", anchor), ("font-size", "14"), ("font-weight", "bold"),
                              ("fill", "#000000"), ("stroke", "#ffffff"), ("stroke-width", "3"), ("style", "paint-order: stroke")], label)
            svg.newline()
        }
        legend(&svg, top: plotBottom + 56)
        svg.close("svg")
        return svg.trusted
    }

    private func legend(_ svg: inout SVGWriter, top: Double) {
        let n = SVGWriter.number
        svg.open("g", [("class", "legend"), ("font-size", "14"), ("fill", "#1a1a1a")])
        var x = Self.left
        for (index, status) in [AdjustedVerdict.worse, .asExpected, .better].enumerated() {
            let words = verdictWords?[index] ?? ChartStyle.label(status)
            ChartStyle.marker(&svg, status, x: x + 6, y: top, r: 5)
            svg.text("text", [("x", n(x + 16)), ("y", n(top + 4))], words)
            x += Double(words.count) * 7.6 + 36
        }
        let row2 = top + 26
        svg.empty("rect", [("x", n(Self.left)), ("y", n(row2 - 7)), ("width", n(24)), ("height", n(14)), ("fill", "#9ecae1"), ("fill-opacity", "0.45")])
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.left + 24)), ("y1", n(row2)), ("y2", n(row2)), ("stroke", "#08306b"), ("stroke-width", "2")])
        svg.text("text", [("x", n(Self.left + 30)), ("y", n(row2 + 4))],
                 "Expected rate (WLS line) and its \(ReadableNumber.fixed(confidencePercent, 0))% band")
        svg.empty("line", [("x1", n(Self.left + 350)), ("x2", n(Self.left + 374)), ("y1", n(row2)), ("y2", n(row2)), ("stroke", "#1a1a1a"),
                           ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        svg.text("text", [("x", n(Self.left + 380)), ("y", n(row2 + 4))], referenceLabel ?? "\(ReadableNumber.fixed(targetPercent, 0))% flat target")
        let row3 = row2 + 26
        svg.empty("circle", [("cx", n(Self.left + 5)), ("cy", n(row3)), ("r", n(3)), ("fill", "none"), ("stroke", "#1a1a1a")])
        svg.empty("circle", [("cx", n(Self.left + 18)), ("cy", n(row3)), ("r", n(7)), ("fill", "none"), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n(Self.left + 30)), ("y", n(row3 + 5))], sizeLegend)
        svg.close("g")
    }
}
