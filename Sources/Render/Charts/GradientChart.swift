import LevelFieldModel

/// An indicator's rate by the patients' own deprivation decile (1 = most deprived … 10), for one
/// organisation beside England: each decile's rate with its Wilson 95% interval, the area as
/// filled circles, England as hollow squares. A suppressed decile is left out (its table row
/// says so).
struct GradientChart {
    let area: EquityAnalysis
    let england: EquityAnalysis?
    let id: String
    let title: String
    let description: String

    static let areaColour = "#08306b", englandColour = "#7f2704"

    static let frames: [ChartFrame] = [
        .wide(width: 720, height: 310, left: 64, right: 24, top: 20, bottom: 50),
        .narrow(height: 300, left: 46, right: 12, top: 14, bottom: 50),
    ]

    func render() -> TrustedHTML {
        // Every shape keyed in HTML (wraps, survives text-spacing overrides).
        var legend = ChartLegend()
        legend.add("\(area.areaName): rate (filled circle) and its Wilson 95% interval (line)") { svg in
            svg.empty("line", [("x1", "16.00"), ("x2", "16.00"), ("y1", "1.00"), ("y2", "15.00"), ("stroke", Self.areaColour), ("stroke-width", "2")])
            svg.empty("circle", [("cx", "16.00"), ("cy", "8.00"), ("r", "5"), ("fill", Self.areaColour)])
        }
        if england != nil {
            legend.add("England: rate (hollow square) and its Wilson 95% interval (line)") { svg in
                svg.empty("line", [("x1", "16.00"), ("x2", "16.00"), ("y1", "1.00"), ("y2", "15.00"), ("stroke", Self.englandColour), ("stroke-width", "2")])
                svg.empty("rect", [("x", "11.00"), ("y", "3.00"), ("width", "10"), ("height", "10"), ("fill", "#ffffff"),
                                   ("stroke", Self.englandColour), ("stroke-width", "2")])
            }
        }
        return SVGWriter.responsive(draw, frames: Self.frames, legend: legend)
    }

    private func draw(_ frame: ChartFrame) -> SVGWriter {
        let n = SVGWriter.number
        let plotBottom = frame.plotBottom
        let series = [area] + (england.map { [$0] } ?? [])
        let ys = series.flatMap { $0.deciles.compactMap(\.wilson95).flatMap { [$0.lower, $0.upper] } }
        let yScale = LinearScale(domain: LinearScale.niceDomain(ys.isEmpty ? [0, 100] : ys, ticks: 5, minimumSpan: 10),
                                 range: frame.top...plotBottom, flipped: true)
        let slot = (frame.plotRight - frame.left) / 10
        func centre(_ decile: Int) -> Double { frame.left + slot * (Double(decile) - 0.5) }
        let offset = frame.kind == .wide ? 8.0 : 5.0, r = frame.kind == .wide ? 5.0 : 4.0

        var svg = SVGWriter()
        svg.openChart(frame, id: id, title: title, description: description)
        svg.open("g", [("class", "axis"), ("font-size", n(frame.fontSize)), ("fill", "#1a1a1a")])
        svg.horizontalGrid(yScale, ticks: 5, left: frame.left, right: frame.plotRight)
        for decile in 1...10 {
            svg.text("text", [("x", n(centre(decile))), ("y", n(plotBottom + 20)), ("text-anchor", "middle")], String(decile))
        }
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.plotRight)), ("y1", n(plotBottom)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.left)), ("y1", n(frame.top)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n((frame.left + frame.plotRight) / 2)), ("y", n(plotBottom + 42)), ("text-anchor", "middle")],
                 frame.kind == .wide ? "Patients’ deprivation decile (1 = most deprived, 10 = least)" : "Deprivation decile (1 = most)")
        svg.text("text", [("transform", "translate(\(n(frame.fontSize + 2)) \(n((frame.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")],
                 frame.kind == .wide ? "\(area.indicator.name) rate (%)" : "Rate (%)")
        svg.close("g")
        svg.newline()
        for (index, analysis) in series.enumerated() {
            let colour = index == 0 ? Self.areaColour : Self.englandColour
            for group in analysis.deciles {
                guard let rate = group.rate, let interval = group.wilson95, let decile = Int(group.group) else { continue }
                let x = centre(decile) + (index == 0 ? -offset : offset)
                svg.empty("line", [("x1", n(x)), ("x2", n(x)), ("y1", n(yScale(interval.lower))), ("y2", n(yScale(interval.upper))),
                                   ("stroke", colour), ("stroke-width", "2")])
                let y = yScale(rate)
                if index == 0 {
                    svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r)), ("fill", colour)])
                } else {
                    svg.empty("rect", [("x", n(x - r)), ("y", n(y - r)), ("width", n(2 * r)), ("height", n(2 * r)), ("fill", "#ffffff"),
                                       ("stroke", colour), ("stroke-width", "2")])
                }
            }
            svg.newline()
        }
        svg.close("svg")
        return svg
    }
}
