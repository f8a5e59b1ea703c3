import LevelFieldModel

/// Colours and shapes of the adjusted classification: shape carries the meaning too, so colour
/// is never the only signal. Colours have ≥ 4.5:1 contrast on white.
enum ChartStyle {
    static func colour(_ status: AdjustedStatus) -> String {
        switch status {
        case .below: "#b2182b"
        case .within: "#4d4d4d"
        case .above: "#1f5fa0"
        }
    }

    static func shapeName(_ status: AdjustedStatus) -> String {
        switch status {
        case .below: "downward triangle"
        case .within: "circle"
        case .above: "upward triangle"
        }
    }

    static func label(_ status: AdjustedStatus) -> String {
        switch status {
        case .below: "Below adjusted benchmark"
        case .within: "Within adjusted benchmark"
        case .above: "Above adjusted benchmark"
        }
    }

    /// Draws the classification's marker centred at (x, y) with radius `r`.
    static func marker(_ svg: inout SVGWriter, _ status: AdjustedStatus, x: Double, y: Double, r: Double, opacity: String = "0.55") {
        let colour = colour(status)
        let paint: [(String, String)] = [("fill", colour), ("fill-opacity", opacity), ("stroke", colour), ("stroke-width", "1.2")]
        let n = SVGWriter.number
        switch status {
        case .within:
            svg.empty("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r))] + paint)
        case .below:
            let h = r * 1.25
            svg.empty("path", [("d", "M\(n(x - h)) \(n(y - h * 0.7))H\(n(x + h))L\(n(x)) \(n(y + h))Z")] + paint)
        case .above:
            let h = r * 1.25
            svg.empty("path", [("d", "M\(n(x - h)) \(n(y + h * 0.7))H\(n(x + h))L\(n(x)) \(n(y - h))Z")] + paint)
        }
    }

    /// The x-axis title for a deprivation measure.
    static func deprivationAxis(_ measure: DeprivationMeasure) -> String {
        switch measure {
        case .rank: "IMD rank (1 = most deprived; rank, no unit)"
        case .score: "IMD score (higher = more deprived; score points)"
        }
    }
}
