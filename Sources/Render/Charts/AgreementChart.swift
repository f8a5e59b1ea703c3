import LevelFieldModel

/// The 2×2 cross-classification of the two verdicts, with Cohen's κ.
struct AgreementChart {
    let agreement: AgreementSummary
    let targetPercent: Double
    let id: String
    let title: String
    let description: String

    static let frames: [ChartFrame] = [
        .wide(width: 560, height: 330, left: 190, right: 30, top: 70, bottom: 80),
        .narrow(height: 300, left: 104, right: 6, top: 64, bottom: 76),
    ]

    func render() -> TrustedHTML {
        SVGWriter.responsive(draw, frames: Self.frames, legend: nil)
    }

    private func draw(_ frame: ChartFrame) -> SVGWriter {
        let n = SVGWriter.number
        let a = agreement
        let cells: [[Int]] = [[a.worseBoth, a.worseFirstOnly], [a.worseSecondOnly, a.worseNeither]]
        let maximum = Double(max(cells.joined().max() ?? 1, 1))
        let left = frame.left, top = frame.top
        let cellW = (frame.plotRight - left) / 2, cellH = (frame.plotBottom - top) / 2
        let wide = frame.kind == .wide
        var svg = SVGWriter()
        svg.openChart(frame, id: id, title: title, description: description)
        svg.open("g", [("font-size", n(frame.fontSize)), ("fill", "#1a1a1a")])
        svg.text("text", [("x", n(left + cellW)), ("y", n(top - 46)), ("text-anchor", "middle"), ("font-weight", "bold")], "Adjusted benchmark")
        svg.text("text", [("x", n(left + cellW / 2)), ("y", n(top - 14)), ("text-anchor", "middle")], "Below")
        svg.text("text", [("x", n(left + cellW * 1.5)), ("y", n(top - 14)), ("text-anchor", "middle")], "Not below")
        let target = ReadableNumber.fixed(targetPercent, 0)
        svg.text("text", [("x", "6.00"), ("y", n(top - 14)), ("font-weight", "bold")], "\(target)% target")
        svg.text("text", [("x", "6.00"), ("y", n(top + cellH / 2 + 5))], "Below target")
        svg.text("text", [("x", "6.00"), ("y", n(top + cellH * 1.5 + 5))], "Meets target")
        // Rows: flat below / meets; columns: adjusted below / not below (SPEC §2.8).
        for row in 0..<2 {
            for column in 0..<2 {
                let count = cells[row][column]
                let x = left + cellW * Double(column), y = top + cellH * Double(row)
                let shade = 0.12 + 0.5 * Double(count) / maximum
                svg.empty("rect", [("x", n(x)), ("y", n(y)), ("width", n(cellW)), ("height", n(cellH)), ("fill", "#6baed6"),
                                   ("fill-opacity", n(shade)), ("stroke", "#1a1a1a")])
                svg.text("text", [("x", n(x + cellW / 2)), ("y", n(y + cellH / 2)), ("text-anchor", "middle"), ("font-size", wide ? "24" : "20"), ("font-weight", "bold")],
                         String(count))
                // The narrow cells hold the percentage alone.
                let percent = a.areas == 0 ? "" : ReadableNumber.percent(100 * Double(count) / Double(a.areas)) + (wide ? " of areas" : "")
                svg.text("text", [("x", n(x + cellW / 2)), ("y", n(y + cellH / 2 + 22)), ("text-anchor", "middle")], percent)
            }
        }
        let kappa = a.kappa.map { "Cohen’s κ = \(ReadableNumber.fixed($0, 2))" } ?? "Cohen’s κ not available"
        svg.text("text", [("x", n(left + cellW)), ("y", n(frame.plotBottom + 30)), ("text-anchor", "middle"), ("font-weight", "bold")], kappa)
        svg.close("g")
        svg.close("svg")
        return svg
    }
}
