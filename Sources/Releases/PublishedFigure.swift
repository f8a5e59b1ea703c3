import LevelFieldModel

/// One published figure of a release: a row of its `benchmarks.csv`, reduced to what a later
/// release is compared on. Read from the downloads (not from a `Report`), so any earlier output
/// can be compared, whichever version made it.
package struct PublishedFigure: Equatable, Sendable {
    /// The period.
    package var period: Period
    /// The indicator id (`recovery` for a schema 1 file, which has only that indicator).
    package var indicator: String
    /// The area.
    package var areaCode: AreaCode
    /// The area's published name.
    package var areaName: String
    /// The numerator (schema 1: `recovered`); `nil` when the cell is empty.
    package var numerator: Int?
    /// The denominator (schema 1: `recovery_denominator`); `nil` when the cell is empty.
    package var denominator: Int?
    /// `meets` / `misses` (schema 1's `target_status` mapped: below → misses); `nil` when the
    /// file has no such column, empty when the cell is.
    package var standardVerdict: String?
    /// `worse` / `as_expected` / `better` (schema 1's `adjusted_status` mapped: below → worse,
    /// within → as_expected, above → better); `nil` when the file has no such column.
    package var adjustedVerdict: String?
    /// The adjusted funnel verdict; `nil` when the file has no such column (schema 1).
    package var funnelVerdict: String?

    /// Creates a figure.
    package init(period: Period, indicator: String, areaCode: AreaCode, areaName: String, numerator: Int?, denominator: Int?,
                 standardVerdict: String?, adjustedVerdict: String?, funnelVerdict: String?) {
        self.period = period
        self.indicator = indicator
        self.areaCode = areaCode
        self.areaName = areaName
        self.numerator = numerator
        self.denominator = denominator
        self.standardVerdict = standardVerdict
        self.adjustedVerdict = adjustedVerdict
        self.funnelVerdict = funnelVerdict
    }
}

/// The figures of one release's `benchmarks.csv`, and which download schema they were read from.
package struct PublishedFigures: Equatable, Sendable {
    /// The download schema: 2 (an `indicator` column, neutral names) or 1 (recovery only).
    package var schema: Int
    /// Every row, in file order.
    package var figures: [PublishedFigure]

    /// Creates a table of figures.
    package init(schema: Int, figures: [PublishedFigure]) {
        self.schema = schema
        self.figures = figures
    }

    /// The indicator of every schema 1 row.
    package static let schema1Indicator = "recovery"

    /// Reads the rows of a `benchmarks.csv` (header and records as text; `lines[i]` is the line of
    /// `rows[i]`), of schema 2 (SPEC §6.2) or schema 1 (SPEC §3.2, mapped to schema 2's names and
    /// verdict words). Columns are found by name (case and surrounding spaces ignored), so added
    /// or reordered columns do not matter; a file with neither schema's counts is an error.
    package static func read(header: [String], rows: [[String]], lines: [Int], file: String) throws(ReleaseError) -> PublishedFigures {
        let names = header.map { $0.trimmingWhitespace().lowercased() }
        func column(_ name: String) -> Int? { names.firstIndex(of: name) }
        let schema: Int
        let numeratorName: String, denominatorName: String, standardName: String, adjustedName: String
        if column("numerator") != nil || column("denominator") != nil || column("indicator") != nil {
            schema = 2
            (numeratorName, denominatorName, standardName, adjustedName) = ("numerator", "denominator", "standard_verdict", "adjusted_verdict")
        } else {
            schema = 1
            (numeratorName, denominatorName, standardName, adjustedName) = ("recovered", "recovery_denominator", "target_status", "adjusted_status")
        }
        var required = ["period", "area_code", "area_name", numeratorName, denominatorName]
        if schema == 2 { required.insert("indicator", at: 1) }
        let missing = required.filter { column($0) == nil }
        guard missing.isEmpty else {
            throw ReleaseError(location: SourceLocation(file: file, line: 1, column: 1), reason: .unrecognisedBenchmarks(missing: missing))
        }
        let period = column("period")!, areaCode = column("area_code")!, areaName = column("area_name")!
        let numerator = column(numeratorName)!, denominator = column(denominatorName)!
        let indicator = column("indicator")
        let standard = column(standardName), adjusted = column(adjustedName), funnel = column("funnel_verdict")

        var figures: [PublishedFigure] = []
        figures.reserveCapacity(rows.count)
        var seen = Set<Key>()
        for (index, row) in rows.enumerated() {
            let line = index < lines.count ? lines[index] : index + 2
            func count(_ at: Int, _ name: String) throws(ReleaseError) -> Int? {
                let text = row[at].trimmingWhitespace()
                if text.isEmpty { return nil }
                guard let value = Int(text), value >= 0 else {
                    throw ReleaseError(location: SourceLocation(file: file, line: line, column: at + 1), reason: .notAWholeNumber(column: name, found: text))
                }
                return value
            }
            func verdict(_ at: Int?, schema1: [String: String]) -> String? {
                guard let at else { return nil }
                let word = row[at].trimmingWhitespace()
                return schema == 1 ? (schema1[word] ?? word) : word
            }
            let figure = PublishedFigure(
                period: Period(row[period]), indicator: indicator.map { row[$0].trimmingWhitespace() } ?? schema1Indicator,
                areaCode: AreaCode(row[areaCode]), areaName: row[areaName],
                numerator: try count(numerator, numeratorName), denominator: try count(denominator, denominatorName),
                standardVerdict: verdict(standard, schema1: ["below": "misses", "meets": "meets"]),
                adjustedVerdict: verdict(adjusted, schema1: ["below": "worse", "within": "as_expected", "above": "better"]),
                funnelVerdict: verdict(funnel, schema1: [:]))
            guard seen.insert(Key(figure)).inserted else {
                throw ReleaseError(location: SourceLocation(file: file, line: line, column: 1),
                                   reason: .duplicateFigure(period: figure.period.label, indicator: figure.indicator, area: figure.areaCode.rawValue))
            }
            figures.append(figure)
        }
        return PublishedFigures(schema: schema, figures: figures)
    }

    /// The latest period published, if any.
    package var latestPeriod: Period? { figures.map(\.period).max() }

    struct Key: Hashable {
        var period: Period
        var indicator: String
        var area: AreaCode
        init(_ figure: PublishedFigure) {
            period = figure.period
            indicator = figure.indicator
            area = figure.areaCode
        }
    }
}
