import LevelFieldModel

/// A funnel plot (SPEC §7.1): rate against denominator, the centre line and the 95% and 99.8%
/// limit curves, points shaped by funnel verdict. With `onlyHighlight` only the highlighted
/// area's point is drawn (area pages stay light; the period page has every point).
struct FunnelChart {
    let period: PeriodReport
    let funnel: FunnelSummary
    let highlight: AreaCode?
    let onlyHighlight: Bool
    /// Prefix for element ids, unique within a page.
    let id: String
    let title: String
    let description: String

    static let width = 720.0, height = 500.0
    static let left = 64.0, right = 24.0, top = 20.0, bottom = 150.0

    /// The areas drawn and where: (area, plotted rate, verdict).
    var points: [(area: AreaResult, y: Double, verdict: FunnelVerdict)] {
        period.areas.compactMap { area in
            let result = funnel.kind == .flat ? area.flatFunnel : area.funnel
            guard let result, !onlyHighlight || area.code == highlight else { return nil }
            return (area, result.plotted, result.verdict)
        }
    }

    func render() -> TrustedHTML {
        let n = SVGWriter.number
        let plotBottom = Self.height - Self.bottom
        let drawn = points
        let curve = funnel.curve
        let xs = [0.0] + curve.map(\.denominator) + drawn.map { Double($0.area.denominator) }
        let ys = [funnel.centre] + drawn.map(\.y) + curve.flatMap { [$0.band.lower99_8, $0.band.upper99_8] }
        let xScale = LinearScale(domain: LinearScale.niceDomain(xs, ticks: 6), range: Self.left...(Self.width - Self.right), flipped: false)
        let yScale = LinearScale(domain: LinearScale.niceDomain(ys, ticks: 6, minimumSpan: 10), range: Self.top...plotBottom, flipped: true)

        var svg = SVGWriter()
        svg.openChart(id: id, width: Self.width, height: Self.height, cssClass: "chart", title: title, description: description)
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
                 "Patients (the rate’s denominator)")
        svg.text("text", [("transform", "translate(16 \(n((Self.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")],
                 funnel.kind == .flat ? "\(period.indicator.name) rate (%)" : "Rate adjusted to the average deprivation (%)")
        svg.close("g")
        svg.newline()
        // Limits: 99.8% solid, 95% dashed; the centre line heavy.
        func line(_ values: [(Double, Double)], dash: String?, width: String) {
            var attributes = [("points", values.map { "\(n(xScale($0.0))),\(n(yScale($0.1)))" }.joined(separator: " ")),
                              ("fill", "none"), ("stroke", "#08306b"), ("stroke-width", width)]
            if let dash { attributes.append(("stroke-dasharray", dash)) }
            svg.empty("polyline", attributes)
            svg.newline()
        }
        if curve.count >= 2 {
            line(curve.map { ($0.denominator, $0.band.lower99_8) }, dash: nil, width: "1.5")
            line(curve.map { ($0.denominator, $0.band.upper99_8) }, dash: nil, width: "1.5")
            line(curve.map { ($0.denominator, $0.band.lower95) }, dash: "6 4", width: "1.5")
            line(curve.map { ($0.denominator, $0.band.upper95) }, dash: "6 4", width: "1.5")
        }
        let centreY = yScale(funnel.centre)
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.width - Self.right)), ("y1", n(centreY)), ("y2", n(centreY)),
                           ("stroke", "#1a1a1a"), ("stroke-width", "2")])
        svg.newline()
        svg.open("g", [("class", "points")])
        for point in drawn.sorted(by: { $0.area.code < $1.area.code }) where point.area.code != highlight {
            Self.marker(&svg, point.verdict, x: xScale(Double(point.area.denominator)), y: yScale(point.y), r: 5)
            svg.newline()
        }
        svg.close("g")
        if let highlight, let point = drawn.first(where: { $0.area.code == highlight }) {
            let x = xScale(Double(point.area.denominator)), y = yScale(point.y)
            Self.marker(&svg, point.verdict, x: x, y: y, r: 6, opacity: "1")
            svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(13)), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "3")])
            let label = "\(point.area.name) (\(point.area.code.rawValue))"
            let labelWidth = Double(label.count) * 8
            let right = x + 20 + labelWidth <= Self.width - Self.right
            svg.text("text", [("x", n(right ? x + 20 : max(Self.left + 4, x - 20 - labelWidth))), ("y", n(y - 12)), ("font-size", "14"),
                              ("font-weight", "bold"), ("fill", "#000000"), ("stroke", "#ffffff"), ("stroke-width", "3"),
                              ("style", "paint-order: stroke")], label)
            svg.newline()
        }
        legend(&svg, top: plotBottom + 62)
        svg.close("svg")
        return svg.trusted
    }

    /// Every verdict's marker and every line, keyed.
    private func legend(_ svg: inout SVGWriter, top: Double) {
        let n = SVGWriter.number
        svg.open("g", [("class", "legend"), ("font-size", "14"), ("fill", "#1a1a1a")])
        let rows: [[FunnelVerdict]] = [[.worse99_8, .worse95, .asExpected], [.better95, .better99_8]]
        for (row, verdicts) in rows.enumerated() {
            var x = Self.left
            let y = top + Double(row) * 24
            for verdict in verdicts {
                Self.marker(&svg, verdict, x: x + 6, y: y, r: 5, opacity: "1")
                let text = Self.label(verdict, period.indicator)
                svg.text("text", [("x", n(x + 16)), ("y", n(y + 5))], text)
                x += Double(text.count) * 7.4 + 34
            }
        }
        let row3 = top + 48
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.left + 24)), ("y1", n(row3)), ("y2", n(row3)), ("stroke", "#1a1a1a"), ("stroke-width", "2")])
        svg.text("text", [("x", n(Self.left + 30)), ("y", n(row3 + 5))], funnel.kind == .flat ? "Standard" : "Expected (average)")
        svg.empty("line", [("x1", n(Self.left + 190)), ("x2", n(Self.left + 214)), ("y1", n(row3)), ("y2", n(row3)), ("stroke", "#08306b"),
                           ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        svg.text("text", [("x", n(Self.left + 220)), ("y", n(row3 + 5))], "95% limits")
        svg.empty("line", [("x1", n(Self.left + 330)), ("x2", n(Self.left + 354)), ("y1", n(row3)), ("y2", n(row3)), ("stroke", "#08306b"), ("stroke-width", "1.5")])
        svg.text("text", [("x", n(Self.left + 360)), ("y", n(row3 + 5))], "99.8% limits")
        svg.close("g")
    }

    /// The legend's and tables' words for a verdict, for the indicator's direction.
    static func label(_ verdict: FunnelVerdict, _ indicator: Indicator) -> String {
        let (worse, better) = indicator.direction == .higherIsBetter ? ("Below", "Above") : ("Above", "Below")
        switch verdict {
        case .worse99_8: return "\(worse) 99.8% limit (worse)"
        case .worse95: return "\(worse) 95% limit (worse)"
        case .asExpected: return "Within limits"
        case .better95: return "\(better) 95% limit (better)"
        case .better99_8: return "\(better) 99.8% limit (better)"
        }
    }

    /// Worse: downward triangles, better: upward; beyond 99.8% filled, beyond 95% only outlined
    /// (white fill); within: a grey circle. Colour is never the only signal.
    static func marker(_ svg: inout SVGWriter, _ verdict: FunnelVerdict, x: Double, y: Double, r: Double, opacity: String = "0.7") {
        let shape: AdjustedVerdict
        switch verdict {
        case .worse99_8, .worse95: shape = .worse
        case .asExpected: shape = .asExpected
        case .better95, .better99_8: shape = .better
        }
        let colour = ChartStyle.colour(shape)
        let filled = verdict != .worse95 && verdict != .better95
        let paint: [(String, String)] = [("fill", filled ? colour : "#ffffff"), ("fill-opacity", filled ? opacity : "1"),
                                         ("stroke", colour), ("stroke-width", filled ? "1.2" : "2")]
        let n = SVGWriter.number
        let h = r * 1.25
        switch shape {
        case .asExpected:
            svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r))] + paint)
        case .worse:
            svg.empty("path", [("d", "M\(n(x - h)) \(n(y - h * 0.7))H\(n(x + h))L\(n(x)) \(n(y + h))Z")] + paint)
        case .better:
            svg.empty("path", [("d", "M\(n(x - h)) \(n(y + h * 0.7))H\(n(x + h))L\(n(x)) \(n(y - h))Z")] + paint)
        }
    }
}
