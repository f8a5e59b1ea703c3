import Foundation
import LevelFieldModel

/// Builds SVG markup. Every string it is given is escaped, and every number is written with
/// fixed decimals (POSIX), so its output is deterministic and can be trusted as raw HTML.
struct SVGWriter {
    private var bytes: [UInt8] = []

    /// The markup so far.
    var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// A coordinate with two decimals, rounded half away from zero; never `-0.00`. Integer
    /// arithmetic on the IEEE product, so it is the same on every machine and locale.
    static func number(_ x: Double) -> String {
        var bytes: [UInt8] = []
        appendNumber(x, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `number(x)`'s text without making a String (charts write thousands of them).
    static func appendNumber(_ x: Double, to bytes: inout [UInt8]) {
        guard x.isFinite else {
            bytes.append(contentsOf: "0.00".utf8)
            return
        }
        let hundredths = Int((x * 100).rounded())
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = hundredths.magnitude
        let whole = magnitude / 100, fraction = magnitude % 100
        // The whole part's digits, most significant first.
        var divisor: UInt = 1
        while divisor <= whole / 10 { divisor *= 10 }
        var rest = whole
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
        bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// A verdict's marker centred at (x, y) with radius `r`: a circle (as expected), a downward
    /// triangle (worse) or an upward one (better), with the given paint. Written byte by byte:
    /// charts draw one per area, and the values are our own numbers and colours.
    mutating func marker(_ shape: AdjustedVerdict, x: Double, y: Double, r: Double,
                         fill: String, fillOpacity: String, stroke: String, strokeWidth: String) {
        let h = r * 1.25
        switch shape {
        case .asExpected:
            bytes.append(contentsOf: "<circle cx=\"".utf8); Self.appendNumber(x, to: &bytes)
            bytes.append(contentsOf: "\" cy=\"".utf8); Self.appendNumber(y, to: &bytes)
            bytes.append(contentsOf: "\" r=\"".utf8); Self.appendNumber(r, to: &bytes)
        case .worse, .better:
            // Worse points down: its flat side is on top.
            let flat = shape == .worse ? y - h * 0.7 : y + h * 0.7, tip = shape == .worse ? y + h : y - h
            bytes.append(contentsOf: "<path d=\"M".utf8); Self.appendNumber(x - h, to: &bytes)
            bytes.append(UInt8(ascii: " ")); Self.appendNumber(flat, to: &bytes)
            bytes.append(UInt8(ascii: "H")); Self.appendNumber(x + h, to: &bytes)
            bytes.append(UInt8(ascii: "L")); Self.appendNumber(x, to: &bytes)
            bytes.append(UInt8(ascii: " ")); Self.appendNumber(tip, to: &bytes)
            bytes.append(UInt8(ascii: "Z"))
        }
        bytes.append(UInt8(ascii: "\""))
        append([("fill", fill), ("fill-opacity", fillOpacity), ("stroke", stroke), ("stroke-width", strokeWidth)])
        bytes.append(contentsOf: "/>".utf8)
    }

    /// Opens an element with attributes in the given order.
    mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
        bytes.append(UInt8(ascii: "<")); bytes.append(contentsOf: name.utf8)
        append(attributes)
        bytes.append(UInt8(ascii: ">"))
    }

    /// Closes an element.
    mutating func close(_ name: String) {
        bytes.append(contentsOf: "</".utf8); bytes.append(contentsOf: name.utf8); bytes.append(UInt8(ascii: ">"))
    }

    /// An element with no children.
    mutating func empty(_ name: String, _ attributes: [(String, String)]) {
        bytes.append(UInt8(ascii: "<")); bytes.append(contentsOf: name.utf8)
        append(attributes)
        bytes.append(contentsOf: "/>".utf8)
    }

    /// An element holding escaped text.
    mutating func text(_ name: String, _ attributes: [(String, String)], _ content: String) {
        open(name, attributes)
        appendEscapedHTML(content, to: &bytes)
        close(name)
    }

    /// A line break in the markup, for readable diffs of snapshots.
    mutating func newline() { bytes.append(UInt8(ascii: "\n")) }

    /// Another writer's markup, as is.
    mutating func append(_ other: SVGWriter) { bytes.append(contentsOf: other.bytes) }

    /// Opens one drawing of a chart: its root `<svg>` (scalable up to the frame's largest width,
    /// labelled by its `<title>` and `<desc>`), and writes those two.
    mutating func openChart(_ frame: ChartFrame, id: String, title: String, description: String) {
        openChart(id: frame.id(id), width: frame.width, height: frame.height, cssClass: frame.cssClass,
                  maxWidthRem: frame.maxWidthRem, title: title, description: description)
    }

    /// Opens a chart's root `<svg>` (scalable, labelled by its `<title>` and `<desc>`) and writes those two.
    mutating func openChart(id: String, width: Double, height: Double, cssClass: String, maxWidthRem: Double,
                            title: String, description: String) {
        open("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"),
                     ("width", "100%"), ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"), ("class", cssClass),
                     ("style", "max-width: \(Self.number(maxWidthRem))rem")])
        text("title", [("id", "\(id)-title")], title)
        text("desc", [("id", "\(id)-desc")], description)
        newline()
    }

    /// Horizontal grid lines from `left` to `right` with their labels (whole numbers) at the scale's ticks.
    mutating func horizontalGrid(_ scale: LinearScale, ticks: Int, left: Double, right: Double) {
        for tick in scale.ticks(ticks) {
            let y = scale(tick)
            empty("line", [("x1", Self.number(left)), ("x2", Self.number(right)), ("y1", Self.number(y)), ("y2", Self.number(y)), ("stroke", "#d9d9d9")])
            text("text", [("x", Self.number(left - 6)), ("y", Self.number(y + 5)), ("text-anchor", "end")], ReadableNumber.fixed(tick, 0))
        }
    }

    /// Vertical grid lines from `top` to `bottom` with their labels (whole numbers) below, at the scale's ticks.
    mutating func verticalGrid(_ scale: LinearScale, ticks: Int, top: Double, bottom: Double) {
        for tick in scale.ticks(ticks) {
            let x = scale(tick)
            empty("line", [("x1", Self.number(x)), ("x2", Self.number(x)), ("y1", Self.number(top)), ("y2", Self.number(bottom)), ("stroke", "#d9d9d9")])
            text("text", [("x", Self.number(x)), ("y", Self.number(bottom + 18)), ("text-anchor", "middle")], ReadableNumber.fixed(tick, 0))
        }
    }

    private mutating func append(_ attributes: [(String, String)]) {
        for (name, value) in attributes {
            bytes.append(UInt8(ascii: " ")); bytes.append(contentsOf: name.utf8); bytes.append(contentsOf: "=\"".utf8)
            appendEscapedHTML(value, to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// The finished markup, as a trusted value.
    var trusted: TrustedHTML { TrustedHTML(generatedBytes: bytes) }
}

/// A linear map from data to pixels, with "nice" tick values.
struct LinearScale {
    let domain: ClosedRange<Double>
    let range: ClosedRange<Double>
    /// True when larger values map to smaller pixels (a y axis).
    let flipped: Bool

    func callAsFunction(_ x: Double) -> Double {
        let span = domain.upperBound - domain.lowerBound
        let t = span == 0 ? 0.5 : (x - domain.lowerBound) / span
        let size = range.upperBound - range.lowerBound
        return flipped ? range.upperBound - t * size : range.lowerBound + t * size
    }

    /// Round tick values spanning the domain, about `count` of them.
    func ticks(_ count: Int) -> [Double] {
        let step = Self.niceStep((domain.upperBound - domain.lowerBound) / Double(max(count, 1)))
        var value = (domain.lowerBound / step).rounded(.up) * step
        var out: [Double] = []
        while value <= domain.upperBound + step * 1e-9 {
            out.append(abs(value) < step * 1e-9 ? 0 : value)
            value += step
        }
        return out
    }

    /// A step of 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, floor(log10(raw)))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// A domain widened to round step boundaries that include every value.
    static func niceDomain(_ values: [Double], ticks: Int, minimumSpan: Double = 1) -> ClosedRange<Double> {
        var low = values.min() ?? 0, high = values.max() ?? 1
        if high - low < minimumSpan { let mid = (low + high) / 2; low = mid - minimumSpan / 2; high = mid + minimumSpan / 2 }
        let step = niceStep((high - low) / Double(ticks))
        return (low / step).rounded(.down) * step ... (high / step).rounded(.up) * step
    }
}
