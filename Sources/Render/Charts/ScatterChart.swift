import LevelFieldModel

/// Recovery rate against deprivation for one period: points sized by the recovery denominator
/// and marked by adjusted classification, the WLS line and its confidence band, the flat target.
/// With `highlight`, that area is ringed and labelled (the area page's "position on the scatter").
///
/// With `sharedPoints`, the points are not drawn inline but come from the period's shared points
/// files (`pointsDocument`, one per frame), so an area page stays small however many areas there
/// are; the axes, line, target and highlighted area are still drawn inline.
struct ScatterChart {
    let period: PeriodReport
    let measure: DeprivationMeasure
    let targetPercent: Double
    let confidencePercent: Double
    /// The area to ring and label, if any.
    let highlight: AreaResult?
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
    /// The href of the period's points files without `-wide.svg` / `-narrow.svg`, or nil to draw points inline.
    var sharedPoints: String? = nil
    /// The period's geometry, one per frame, when already computed (`geometry(of:targetPercent:)`);
    /// area pages share it rather than scan every area again.
    var geometry: [Geometry]? = nil

    static let frames: [ChartFrame] = [
        .wide(width: 720, height: 400, left: 64, right: 24, top: 20, bottom: 50),
        .narrow(height: 340, left: 46, right: 12, top: 14, bottom: 50),
    ]

    /// The path of a period's shared points file for a frame, below the site root.
    static func pointsPath(_ period: Period, _ frame: ChartFrame) -> String {
        "charts/\(period.slug)-scatter-\(frame.kind.rawValue).svg"
    }

    func render() -> TrustedHTML {
        var legend = ChartLegend()
        legend.addVerdicts(words: verdictWords)
        legend.add("Expected rate (the weighted regression line) and its \(ReadableNumber.fixed(confidencePercent, 0))% band") { svg in
            svg.empty("rect", [("x", "2.00"), ("y", "2.00"), ("width", "28.00"), ("height", "12.00"), ("fill", "#9ecae1"), ("fill-opacity", "0.45")])
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#08306b"), ("stroke-width", "2")])
        }
        if let referenceLabel {
            legend.addReference(referenceLabel)
        } else {
            legend.addTarget(targetPercent)
        }
        legend.add(sizeLegend) { svg in
            svg.empty("circle", [("cx", "7.00"), ("cy", "8.00"), ("r", "3.00"), ("fill", "none"), ("stroke", "#1a1a1a")])
            svg.empty("circle", [("cx", "21.00"), ("cy", "8.00"), ("r", "7.00"), ("fill", "none"), ("stroke", "#1a1a1a")])
        }
        if highlight != nil {
            legend.add("This area (ringed and labelled)") { svg in
                svg.empty("circle", [("cx", "16.00"), ("cy", "8.00"), ("r", "6.50"), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "2.5")])
            }
        }
        let geometry = geometry ?? Self.geometry(of: period, targetPercent: targetPercent)
        return SVGWriter.responsive({ frame in draw(frame, geometry[Self.frames.firstIndex(of: frame)!]) }, frames: Self.frames, legend: legend)
    }

    /// The scales and point sizes of a frame: the same for the inline chart and the shared points file.
    /// The geometry of each frame (in `frames` order) for a period.
    static func geometry(of period: PeriodReport, targetPercent: Double) -> [Geometry] {
        frames.map { Geometry(period, $0, targetPercent: targetPercent) }
    }

    struct Geometry {
        let x: LinearScale, y: LinearScale
        let maxDenominator: Double
        let radiusScale: Double

        init(_ period: PeriodReport, _ frame: ChartFrame, targetPercent: Double) {
            let xs = period.areas.map(\.deprivation) + period.model.band.map(\.x)
            let ys = period.areas.map(\.rate) + period.model.band.flatMap { [$0.lower, $0.upper] } + [targetPercent]
            x = LinearScale(domain: LinearScale.niceDomain(xs, ticks: frame.ticks), range: frame.left...frame.plotRight, flipped: false)
            y = LinearScale(domain: LinearScale.niceDomain(ys, ticks: frame.ticks, minimumSpan: 10), range: frame.top...frame.plotBottom, flipped: true)
            maxDenominator = Double(period.areas.map(\.denominator).max() ?? 1)
            radiusScale = frame.kind == .wide ? 1 : 0.6
        }

        func radius(_ denominator: Int) -> Double {
            radiusScale * (2.5 + 6.5 * (Double(denominator) / max(maxDenominator, 1)).squareRoot())
        }
    }

    /// A standalone SVG of the period's points alone, drawn in `frame`'s coordinates.
    static func pointsDocument(period: PeriodReport, frame: ChartFrame, targetPercent: Double) -> OutputFile {
        let n = SVGWriter.number
        var svg = SVGWriter()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(n(frame.width)) \(n(frame.height))"),
                         ("width", n(frame.width)), ("height", n(frame.height))])
        svg.newline()
        drawPoints(&svg, period, Geometry(period, frame, targetPercent: targetPercent))
        svg.close("svg")
        svg.newline()
        return OutputFile(path: pointsPath(period.period, frame), text: svg.markup)
    }

    /// Points: large first so small ones stay visible; ties by code for determinism.
    private static func drawPoints(_ svg: inout SVGWriter, _ period: PeriodReport, _ geometry: Geometry) {
        let areas = period.areas
        // Keys first: comparing through `areas[i]` would copy a whole AreaResult per comparison.
        let keys = areas.map { (denominator: $0.denominator, code: $0.code) }
        let ordered = keys.indices.sorted { (keys[$0].denominator, keys[$1].code) > (keys[$1].denominator, keys[$0].code) }
        svg.open("g", [("class", "points")])
        for area in ordered.lazy.map({ areas[$0] }) {
            ChartStyle.marker(&svg, area.adjustedVerdict, x: geometry.x(area.deprivation), y: geometry.y(area.rate), r: geometry.radius(area.denominator))
            svg.newline()
        }
        svg.close("g")
    }

    private func draw(_ frame: ChartFrame, _ geometry: Geometry) -> SVGWriter {
        let n = SVGWriter.number
        let xScale = geometry.x, yScale = geometry.y
        let plotBottom = frame.plotBottom
        var svg = SVGWriter()
        svg.openChart(frame, id: id, title: title, description: description)
        // Grid and axes.
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
                 frame.kind == .wide ? ChartStyle.deprivationAxis(measure) : ChartStyle.deprivationAxisShort(measure))
        svg.text("text", [("transform", "translate(\(n(frame.fontSize + 2)) \(n((frame.top + plotBottom) / 2))) rotate(-90)"), ("text-anchor", "middle")],
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
        svg.empty("line", [("x1", n(frame.left)), ("x2", n(frame.plotRight)), ("y1", n(targetY)), ("y2", n(targetY)),
                           ("stroke", "#1a1a1a"), ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        if let sharedPoints {
            svg.empty("image", [("href", "\(sharedPoints)-\(frame.kind.rawValue).svg"), ("x", "0"), ("y", "0"),
                                ("width", n(frame.width)), ("height", n(frame.height))])
            svg.newline()
        } else {
            Self.drawPoints(&svg, period, geometry)
        }
        // The target's label goes over the points, with a white halo.
        svg.text("text", [("x", n(frame.plotRight - 4)), ("y", n(targetY - 5)), ("text-anchor", "end"), ("font-size", n(frame.fontSize)), ("fill", "#1a1a1a"),
                          ("stroke", "#ffffff"), ("stroke-width", "3"), ("style", "paint-order: stroke")],
                 referenceLabel ?? "\(ReadableNumber.fixed(targetPercent, 0))% target")
        svg.newline()
        if let area = highlight {
            let x = xScale(area.deprivation), y = yScale(area.rate), r = geometry.radius(area.denominator)
            // Drawn again on top of the others, opaque, inside a heavy ring.
            ChartStyle.marker(&svg, area.adjustedVerdict, x: x, y: y, r: r, opacity: "1")
            svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r + 6)), ("fill", "none"), ("stroke", "#000000"), ("stroke-width", "3")])
            // The narrow drawing labels the area by its code (the caption names it).
            let label = frame.kind == .wide ? "\(area.name) (\(area.code.rawValue)): \(ReadableNumber.percent(area.rate))"
                : "\(area.code.rawValue): \(ReadableNumber.percent(area.rate))"
            // Beside the point where the label fits (estimated at 9.5 units a character, room for
            // wider letter spacing), else above or below it, kept inside the plot.
            let labelWidth = Double(label.count) * frame.fontSize * 0.68, gap = r + 10
            let (labelX, labelY, anchor): (Double, Double, String)
            if x + gap + labelWidth <= frame.plotRight {
                (labelX, labelY, anchor) = (x + gap, y - 10, "start")
            } else if x - gap - labelWidth >= frame.left {
                (labelX, labelY, anchor) = (x - gap, y - 10, "end")
            } else {
                let start = max(frame.left + 4, min(x - labelWidth / 2, frame.plotRight - labelWidth))
                (labelX, labelY, anchor) = (start, y < frame.top + 40 ? y + gap + 14 : y - gap - 4, "start")
            }
            svg.text("text", [("x", n(labelX)), ("y", n(labelY)), ("text-anchor", anchor), ("font-size", n(frame.fontSize)), ("font-weight", "bold"),
                              ("fill", "#000000"), ("stroke", "#ffffff"), ("stroke-width", "3"), ("style", "paint-order: stroke")], label)
            svg.newline()
        }
        svg.close("svg")
        return svg
    }
}
