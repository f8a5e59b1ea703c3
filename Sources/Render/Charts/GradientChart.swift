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

    static let width = 720.0, height = 380.0
    static let left = 64.0, right = 24.0, top = 20.0, bottom = 116.0
    static let areaColour = "#08306b", englandColour = "#7f2704"

    func render() -> TrustedHTML {
        let n = SVGWriter.number
        let plotBottom = Self.height - Self.bottom
        let series = [area] + (england.map { [$0] } ?? [])
        let ys = series.flatMap { $0.deciles.compactMap(\.wilson95).flatMap { [$0.lower, $0.upper] } }
        let yScale = LinearScale(domain: LinearScale.niceDomain(ys.isEmpty ? [0, 100] : ys, ticks: 5, minimumSpan: 10),
                                 range: Self.top...plotBottom, flipped: true)
        let slot = (Self.width - Self.left - Self.right) / 10
        func centre(_ decile: Int) -> Double { Self.left + slot * (Double(decile) - 0.5) }

        var svg = SVGWriter()
        svg.openChart(id: id, width: Self.width, height: Self.height, cssClass: "chart", title: title, description: description)
        svg.open("g", [("class", "axis"), ("font-size", "14"), ("fill", "#1a1a1a")])
        svg.horizontalGrid(yScale, ticks: 5, left: Self.left, right: Self.width - Self.right)
        for decile in 1...10 {
            svg.text("text", [("x", n(centre(decile))), ("y", n(plotBottom + 20)), ("text-anchor", "middle")], String(decile))
        }
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.width - Self.right)), ("y1", n(plotBottom)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.empty("line", [("x1", n(Self.left)), ("x2", n(Self.left)), ("y1", n(Self.top)), ("y2", n(plotBottom)), ("stroke", "#1a1a1a")])
        svg.text("text", [("x", n((Self.left + Self.width - Self.right) / 2)), ("y", n(plotBottom + 42)), ("text-anchor", "middle")],
                 "Patients’ deprivation decile (1 = most deprived, 10 = least)")
        svg.text("text", [("transform", "translate(16 \(n((Self.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")],
                 "\(area.indicator.name) rate (%)")
        svg.close("g")
        svg.newline()
        for (offset, analysis) in series.enumerated() {
            let colour = offset == 0 ? Self.areaColour : Self.englandColour
            for group in analysis.deciles {
                guard let rate = group.rate, let interval = group.wilson95, let decile = Int(group.group) else { continue }
                let x = centre(decile) + (offset == 0 ? -8 : 8)
                svg.empty("line", [("x1", n(x)), ("x2", n(x)), ("y1", n(yScale(interval.lower))), ("y2", n(yScale(interval.upper))),
                                   ("stroke", colour), ("stroke-width", "2")])
                let y = yScale(rate)
                if offset == 0 {
                    svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", "5"), ("fill", colour)])
                } else {
                    svg.empty("rect", [("x", n(x - 5)), ("y", n(y - 5)), ("width", "10"), ("height", "10"), ("fill", "#ffffff"),
                                       ("stroke", colour), ("stroke-width", "2")])
                }
            }
            svg.newline()
        }
        let legendY = plotBottom + 64
        svg.open("g", [("class", "legend"), ("font-size", "14"), ("fill", "#1a1a1a")])
        svg.empty("circle", [("cx", n(Self.left + 6)), ("cy", n(legendY)), ("r", "5"), ("fill", Self.areaColour)])
        svg.text("text", [("x", n(Self.left + 16)), ("y", n(legendY + 4))], "\(area.areaName), Wilson 95% interval")
        if england != nil {
            svg.empty("rect", [("x", n(Self.left + 1)), ("y", n(legendY + 17)), ("width", "10"), ("height", "10"), ("fill", "#ffffff"),
                               ("stroke", Self.englandColour), ("stroke-width", "2")])
            svg.text("text", [("x", n(Self.left + 16)), ("y", n(legendY + 26))], "England, Wilson 95% interval")
        }
        svg.close("g")
        svg.close("svg")
        return svg.trusted
    }
}
