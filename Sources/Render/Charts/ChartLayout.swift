import LevelFieldModel

/// The two drawings every chart has, so that it reflows instead of scrolling:
///
/// - `wide` (≥ 48rem and in print): one SVG unit is one CSS pixel at the default text size (its
///   `max-width` is its width in rem), so chart text is as large as body text and grows with zoom;
/// - `narrow` (phones, and desktop zoom of 200% and more): 320 units wide, shown at up to 1.5×,
///   so its 14-unit text is ≥ 12.6 px on a 320 px screen.
///
/// Text in both is never below 14 units, and legends are HTML below the chart (`ChartLegend`),
/// so they wrap and survive WCAG 1.4.12 text-spacing overrides. The stylesheet shows one drawing
/// at a time (`svg.chart-wide` / `svg.chart-narrow`).
struct ChartFrame: Equatable, Sendable {
    enum Kind: String, Sendable { case wide, narrow }

    let kind: Kind
    let width: Double
    let height: Double
    let left: Double, right: Double, top: Double, bottom: Double
    /// Text size in SVG units.
    let fontSize: Double
    /// The largest width in rem it is shown at.
    let maxWidthRem: Double

    var plotRight: Double { width - right }
    var plotBottom: Double { height - bottom }
    /// How many ticks an axis aims for.
    var ticks: Int { kind == .wide ? 6 : 5 }
    /// The id of this drawing, from the chart's id (unique within a page).
    func id(_ base: String) -> String { kind == .wide ? base : "\(base)-narrow" }
    var cssClass: String { "chart chart-\(kind.rawValue)" }

    /// A wide frame: 1 unit = 1 CSS px at most.
    static func wide(width: Double, height: Double, left: Double, right: Double, top: Double, bottom: Double) -> ChartFrame {
        ChartFrame(kind: .wide, width: width, height: height, left: left, right: right, top: top, bottom: bottom,
                   fontSize: 14, maxWidthRem: width / 16)
    }

    /// A narrow frame, 320 units wide, shown up to 1.5 × 320 px.
    static func narrow(height: Double, left: Double, right: Double, top: Double, bottom: Double) -> ChartFrame {
        ChartFrame(kind: .narrow, width: 320, height: height, left: left, right: right, top: top, bottom: bottom,
                   fontSize: 14, maxWidthRem: 30)
    }
}

/// A legend in HTML: one item per shape, line or area the chart draws, each with a small SVG key
/// drawn like the chart draws it (decorative: the words carry the meaning).
struct ChartLegend {
    struct Item {
        /// Draws the key in a 32 × 16 box (centre 16, 8).
        let key: (inout SVGWriter) -> Void
        let label: String
    }

    var items: [Item] = []

    mutating func add(_ label: String, key: @escaping (inout SVGWriter) -> Void) {
        items.append(Item(key: key, label: label))
    }

    func render(into svg: inout SVGWriter) {
        svg.open("ul", [("class", "legend")])
        for item in items {
            svg.open("li")
            svg.open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 32 16"), ("class", "key"), ("aria-hidden", "true")])
            item.key(&svg)
            svg.close("svg")
            svg.text("span", [], item.label)
            svg.close("li")
        }
        svg.close("ul")
    }

    // Keys shared by several charts.

    /// The flat target's dashed line.
    mutating func addTarget(_ targetPercent: Double) {
        add("\(ReadableNumber.fixed(targetPercent, 0))% flat target (dashed line)") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#1a1a1a"),
                               ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        }
    }

    /// A dashed reference line other than the recovery target (another indicator's standard or England rate).
    mutating func addReference(_ label: String) {
        add("\(label) (dashed line)") { svg in
            svg.empty("line", [("x1", "2.00"), ("x2", "30.00"), ("y1", "8.00"), ("y2", "8.00"), ("stroke", "#1a1a1a"),
                               ("stroke-width", "1.5"), ("stroke-dasharray", "6 4")])
        }
    }

    /// The three verdict shapes, each as the chart draws it; `words` replaces the recovery
    /// pages' below / within / above (worse, as expected, better) for another indicator.
    mutating func addVerdicts(words: [String]? = nil) {
        for (index, status) in [AdjustedVerdict.worse, .asExpected, .better].enumerated() {
            add("\(words?[index] ?? ChartStyle.label(status)) (\(ChartStyle.colourName(status)) \(ChartStyle.shapeName(status)))") { svg in
                ChartStyle.marker(&svg, status, x: 16, y: 8, r: 5)
            }
        }
    }
}

extension SVGWriter {
    /// Both drawings of a chart and its legend, as one trusted fragment.
    static func responsive(_ draw: (ChartFrame) -> SVGWriter, frames: [ChartFrame], legend: ChartLegend?) -> TrustedHTML {
        var out = SVGWriter()
        for frame in frames {
            out.append(draw(frame))
            out.newline()
        }
        if let legend { legend.render(into: &out) }
        return out.trusted
    }
}
