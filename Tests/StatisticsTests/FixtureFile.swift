import Foundation

/// A CSV fixture beside this file (Fixtures/NAME): `#` lines are comments, the first other line is
/// the header, fields never contain commas or quotes.
struct FixtureFile {
    let header: [String]
    let rows: [[String]]

    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
        header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The value of `column` in `row`.
    func field(_ row: [String], _ column: String) -> String {
        guard let index = header.firstIndex(of: column) else { fatalError("no column \(column)") }
        return row[index]
    }

    /// The value of `column` in `row` as a Double ("nan", "inf" accepted).
    func number(_ row: [String], _ column: String) -> Double {
        let text = field(row, column)
        guard let value = Double(text) else { fatalError("not a number in \(column): \(text)") }
        return value
    }
}
