import LevelFieldModel

/// Colours and shapes of the adjusted classification: shape carries the meaning too, so colour
/// is never the only signal. Colours have ≥ 4.5:1 contrast on white.
enum ChartStyle {
    static func colour(_ status: AdjustedVerdict) -> String {
        switch status {
        case .worse: "#b2182b"
        case .asExpected: "#4d4d4d"
        case .better: "#1f5fa0"
        }
    }

    static func colourName(_ status: AdjustedVerdict) -> String {
        switch status {
        case .worse: "red"
        case .asExpected: "grey"
        case .better: "blue"
        }
    }

    static func shapeName(_ status: AdjustedVerdict) -> String {
        switch status {
        case .worse: "downward triangle"
        case .asExpected: "circle"
        case .better: "upward triangle"
        }
    }

    static func label(_ status: AdjustedVerdict) -> String {
        switch status {
        case .worse: "Below adjusted benchmark"
        case .asExpected: "Within adjusted benchmark"
        case .better: "Above adjusted benchmark"
        }
    }

    /// The CSS class suffix of a verdict, in the words the site's styles use (`below`, `within`,
    /// `above`: the recovery pages' words, where worse is below).
    static func cssName(_ status: AdjustedVerdict) -> String {
        switch status {
        case .worse: "below"
        case .asExpected: "within"
        case .better: "above"
        }
    }

    /// The CSS class suffix of a standard verdict (`below` / `meets`, as the recovery pages say).
    static func cssName(_ verdict: StandardVerdict) -> String {
        verdict == .misses ? "below" : "meets"
    }

    /// Draws the classification's marker centred at (x, y) with radius `r`.
    static func marker(_ svg: inout SVGWriter, _ status: AdjustedVerdict, x: Double, y: Double, r: Double, opacity: String = "0.55") {
        let colour = colour(status)
        svg.marker(status, x: x, y: y, r: r, fill: colour, fillOpacity: opacity, stroke: colour, strokeWidth: "1.2")
    }

    /// The x-axis title for a deprivation measure.
    static func deprivationAxis(_ measure: DeprivationMeasure) -> String {
        switch measure {
        case .rank: "IMD rank (1 = most deprived; rank, no unit)"
        case .score: "IMD score (higher = more deprived; score points)"
        case .casemix: "Referrals from the two most deprived tenths (%; higher = more deprived)"
        }
    }

    /// The x-axis title of a narrow chart (the caption and table give the rest).
    static func deprivationAxisShort(_ measure: DeprivationMeasure) -> String {
        switch measure {
        case .rank: "IMD rank (1 = most deprived)"
        case .score: "IMD score (high = deprived)"
        case .casemix: "Most deprived referrals (%)"
        }
    }
}
