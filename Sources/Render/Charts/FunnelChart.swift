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

    static let frames: [ChartFrame] = [
        .wide(width: 720, height: 400, left: 64, right: 24, top: 20, bottom: 50),
        .narrow(height: 340, left: 46, right: 12, top: 14, bottom: 50),
    ]

    /// The areas drawn and where: (area, plotted rate, verdict).
    var points: [(area: AreaResult, y: Double, verdict: FunnelVerdict)] {
        func point(_ area: AreaResult) -> (area: AreaResult, y: Double, verdict: FunnelVerdict)? {
            (funnel.kind == .flat ? area.flatFunnel : area.funnel).map { (area, $0.plotted, $0.verdict) }
        }
        // An area page draws one point: found by code, not by a pass over every area.
        if onlyHighlight { return highlight.flatMap(period.area).flatMap(point).map { [$0] } ?? [] }
        return period.areas.compactMap(point)
    }

    func render() -> TrustedHTML {
        let drawn = points
        // Every verdict's marker and every line, keyed (HTML, so it wraps and survives text spacing).
        var legend = ChartLegend()
        for verdict in [FunnelVerdict.worse99_8, .worse95, .asExpected, .better95, .better99_8] {
            legend.add(Self.label(verdict, period.indicator)) { svg in Self.marker(&svg, verdict, x: 16, y: 8, r: 5, opacity: "1") }
        }
        legend.add(funnel.kind == .flat ? "Standard (heavy line)" : "Expected, the average (heavy line)") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#1a1a1a"), ("stroke-width", "2")])
        }
        legend.add("95% limits (dashed)") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#08306b"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        }
        legend.add("99.8% limits (solid)") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#08306b"), ("stroke-width", "1.5")])
        }
        if highlight != nil {
            legend.add("This area (ringed and labelled)") { svg in
                svg.empty("circle", [("cx", "16.00"), ("cy", "8.00"), ("r", "6.50"), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "2.5")])
            }
        }
        return SVGWriter.responsive({ draw($0, drawn) }, frames: Self.frames, legend: legend)
    }

    private func draw(_ frame: ChartFrame, _ drawn: [(area: AreaResult, y: Double, verdict: FunnelVerdict)]) -> SVGWriter {
        let n = SVGWriter.number
        let plotBottom = frame.plotBottom
        let curve = funnel.curve
        let xs = [0.0] + curve.map(\.denominator) + drawn.map { Double($0.area.denominator) }
        let ys = [funnel.centre] + drawn.map(\.y) + curve.flatMap { [$0.band.lower99_8, $0.band.upper99_8] }
        let xScale = LinearScale(domain: LinearScale.niceDomain(xs, ticks: frame.ticks), range: frame.left...frame.plotRight, flipped: false)
        let yScale = LinearScale(domain: LinearScale.niceDomain(ys, ticks: frame.ticks, minimumSpan: 10), range: frame.top...plotBottom, flipped: true)

        var svg = SVGWriter()
        svg.openChart(frame, id: id, title: title, description: description)
        svg.open("g", [("class", "axis"), ("font-size", n(frame.fontSize)), ("fill", "#1a1a1a")])
        svg.horizontalGrid(yScale, ticks: frame.ticks, left: frame.left, right: frame.plotRight)
        for tick in xScale.ticks(frame.ticks) {
            let x = xScale(tick)
            svg.empty("line", [("x1", n(x)), ("x2", n(x)), ("y1", n(plotBottom)), ("y2", n(plotBottom + 5)), ("stroke", "#1a1a1a")])
            svg.text("text", [("x", n(x)), ("y", n(plotBottom + 20)), ("text-anchor", "middle")], ReadableNumber.fixed(tick, 0))
        }
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.plotRight)), ("y1", n(plotBottom)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.left)), ("y1", n(frame.top)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n((frame.left + frame.plotRight) / 2)), ("y", n(plotBottom + 42)), ("text-anchor", "middle")],
                 frame.kind == .wide ? "Patients (the rate’s denominator)" : "Patients")
        let yTitle = funnel.kind == .flat ? "\(period.indicator.name) rate (%)"
            : (frame.kind == .wide ? "Rate adjusted to the average deprivation (%)" : "Adjusted rate (%)")
        svg.text("text", [("transform", "translate(\(n(frame.fontSize + 2)) \(n((frame.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")], yTitle)
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
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.plotRight)), ("y1", n(centreY)), ("y2", n(centreY)),
                           ("stroke", "#1a1a1a"), ("stroke-width", "2")])
        svg.newline()
        let r = frame.kind == .wide ? 5.0 : 3.5
        svg.open("g", [("class", "points")])
        for point in drawn.sorted(by: { $0.area.code < $1.area.code }) where point.area.code != highlight {
            Self.marker(&svg, point.verdict, x: xScale(Double(point.area.denominator)), y: yScale(point.y), r: r)
            svg.newline()
        }
        svg.close("g")
        if let highlight, let point = drawn.first(where: { $0.area.code == highlight }) {
            let x = xScale(Double(point.area.denominator)), y = yScale(point.y)
            Self.marker(&svg, point.verdict, x: x, y: y, r: r + 1, opacity: "1")
            svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r + 8)), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "3")])
            // The narrow drawing labels the area by its code (the caption names it).
            let label = frame.kind == .wide ? "\(point.area.name) (\(point.area.code.rawValue))" : point.area.code.rawValue
            let labelWidth = Double(label.count) * frame.fontSize * 0.68
            let right = x + 20 + labelWidth <= frame.plotRight
            svg.text("text", [("x", n(right ? x + 20 : max(frame.left + 4, x - 20 - labelWidth))), ("y", n(y - 12)), ("font-size", n(frame.fontSize)),
                              ("font-weight", "bold"), ("fill", "#000000"), ("stroke", "#ffffff"), ("stroke-width", "3"),
                              ("style", "paint-order: stroke")], label)
            svg.newline()
        }
        svg.close("svg")
        return svg
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
        svg.marker(shape, x: x, y: y, r: r, fill: filled ? colour : "#ffffff", fillOpacity: filled ? opacity : "1",
                   stroke: colour, strokeWidth: filled ? "1.2" : "2")
    }
}
