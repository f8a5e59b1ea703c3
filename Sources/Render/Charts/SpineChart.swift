import LevelFieldModel

/// The spread of one indicator's rates over all areas of a period: the bar of a spine chart.
struct SpineDistribution: Equatable, Sendable {
    let minimum: Double
    let lowerQuartile: Double
    let upperQuartile: Double
    let maximum: Double

    /// Quartiles by linear interpolation between order statistics (numpy's default, R type 7:
    /// the same rule as the outlier fences). `nil` for no rates.
    init?(_ rates: [Double]) {
        let sorted = rates.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        func quantile(_ p: Double) -> Double {
            let h = Double(sorted.count - 1) * p
            let i = Int(h.rounded(.down))
            return i + 1 < sorted.count ? sorted[i] + (h - Double(i)) * (sorted[i + 1] - sorted[i]) : sorted[i]
        }
        minimum = first
        lowerQuartile = quantile(0.25)
        upperQuartile = quantile(0.75)
        maximum = last
    }
}

/// One row of a spine chart (PHE Fingertips style): the range of all areas as a light bar, the
/// middle half of areas as a darker bar, England as a solid line, the standard as a dashed line,
/// and the area as a marker whose shape (and label, in the page's text) gives its adjusted
/// verdict. Each row has its own scale, turned so that better is always to the right.
///
/// The row draws no text: its numbers and words are HTML beside it, so they reflow and keep
/// their size on a narrow screen, while the SVG scales down.
struct SpineChart {
    let indicator: Indicator
    let area: AreaResult
    let distribution: SpineDistribution
    let england: Double?
    let standard: Double?
    /// Unique within the page.
    let id: String
    let title: String
    let description: String

    static let width = 480.0, height = 40.0, inset = 12.0

    /// The values the row's scale must hold.
    var domain: ClosedRange<Double> {
        let values = [distribution.minimum, distribution.maximum, area.rate] + [england, standard].compactMap { $0 }
        let low = values.min() ?? 0, high = values.max() ?? 100
        return high - low < 1 ? (low - 0.5)...(high + 0.5) : low...high
    }

    func render() -> TrustedHTML {
        let n = SVGWriter.number
        let scale = LinearScale(domain: domain, range: Self.inset...(Self.width - Self.inset),
                                flipped: indicator.direction == .lowerIsBetter)
        func span(_ a: Double, _ b: Double) -> (x: Double, width: Double) {
            let x1 = scale(a), x2 = scale(b)
            return (min(x1, x2), max(abs(x2 - x1), 1))
        }
        let mid = Self.height / 2
        var svg = SVGWriter()
        svg.openChart(id: id, width: Self.width, height: Self.height, cssClass: "spine-bar", maxWidthRem: Self.width / 16,
                      title: title, description: description)
        let range = span(distribution.minimum, distribution.maximum)
        svg.empty("rect", [("x", n(range.x)), ("y", n(mid - 7)), ("width", n(range.width)), ("height", "14"), ("fill", "#d4d4d4")])
        let middle = span(distribution.lowerQuartile, distribution.upperQuartile)
        svg.empty("rect", [("x", n(middle.x)), ("y", n(mid - 7)), ("width", n(middle.width)), ("height", "14"), ("fill", "#8c8c8c")])
        if let standard {
            let x = scale(standard)
            svg.empty("line", [("x1", n(x)), ("x2", n(x)), ("y1", "2"), ("y2", n(Self.height - 2)), ("stroke", "#1a1a1a"),
                               ("stroke-width", "2"), ("stroke-dasharray", "4 3")])
        }
        if let england {
            let x = scale(england)
            svg.empty("line", [("x1", n(x)), ("x2", n(x)), ("y1", "4"), ("y2", n(Self.height - 4)), ("stroke", "#1a1a1a"), ("stroke-width", "4")])
        }
        ChartStyle.marker(&svg, area.adjustedVerdict, x: scale(area.rate), y: mid, r: 8, opacity: "1")
        svg.close("svg")
        return svg.trusted
    }

    /// A small key symbol for the legend (decorative: the legend's words say what it is).
    static func legendSymbol(_ kind: LegendSymbol) -> TrustedHTML {
        var svg = SVGWriter()
        svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 28 20"), ("width", "28"), ("height", "20"),
                         ("aria-hidden", "true"), ("focusable", "false"), ("class", "key")])
        switch kind {
        case .range: svg.empty("rect", [("x", "1"), ("y", "5"), ("width", "26"), ("height", "10"), ("fill", "#d4d4d4")])
        case .middle: svg.empty("rect", [("x", "1"), ("y", "5"), ("width", "26"), ("height", "10"), ("fill", "#8c8c8c")])
        case .england: svg.empty("line", [("x1", "14"), ("x2", "14"), ("y1", "1"), ("y2", "19"), ("stroke", "#1a1a1a"), ("stroke-width", "4")])
        case .standard: svg.empty("line", [("x1", "14"), ("x2", "14"), ("y1", "1"), ("y2", "19"), ("stroke", "#1a1a1a"),
                                           ("stroke-width", "2"), ("stroke-dasharray", "4 3")])
        case .area(let verdict): ChartStyle.marker(&svg, verdict, x: 14, y: 10, r: 6.5, opacity: "1")
        }
        svg.close("svg")
        return svg.trusted
    }

    /// What a legend symbol stands for.
    enum LegendSymbol {
        case range, middle, england, standard, area(AdjustedVerdict)
    }
}
