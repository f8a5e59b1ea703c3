import LevelFieldModel

/// A small CSV file read whole: its header and every record as text. For LevelField's own
/// downloads read back (the previous release's tables), not for inputs, which stream.
package struct CSVTable: Equatable, Sendable {
    /// The file as named in locations.
    package let file: String
    /// The header's fields, as written.
    package let header: [String]
    /// Every record after the header, each as long as the header (the parser rejects ragged rows).
    package let rows: [[String]]
    /// The line each record of `rows` starts on.
    package let lines: [Int]

    /// Parses `bytes` (named `file` in errors) with the same parser as the inputs: RFC 4180,
    /// BOM, CR/LF/CRLF, invalid UTF-8 and bad quoting rejected with their location.
    package static func parse(_ bytes: [UInt8], file: String) throws(IngestError) -> CSVTable {
        let records = Records()
        let parser = CSVParser(file: file, onRecord: records.add)
        try bytes.withUnsafeBufferPointer { buffer throws(IngestError) in try parser.feed(buffer) }
        try parser.finish()
        guard let header = records.header else { throw IngestError(location: SourceLocation(file: file, line: 0, column: 0), reason: .emptyFile) }
        return CSVTable(file: file, header: header, rows: records.rows, lines: records.lines)
    }

    /// Reads and parses the file at `path` (named `file` in errors).
    package static func read(path: String, file: String) throws(IngestError) -> CSVTable {
        let records = Records()
        _ = try CSVFile.read(path: path, file: file, hashing: false, onRecord: records.add)
        return CSVTable(file: file, header: records.header ?? [], rows: records.rows, lines: records.lines)
    }
}

/// Gathers parsed records into a table: the first is the header, the rest rows with their lines.
private final class Records {
    private(set) var header: [String]?
    private(set) var rows: [[String]] = []
    private(set) var lines: [Int] = []

    func add(_ record: CSVRecord) {
        let fields = (0..<record.count).map { record.string($0) }
        if header == nil {
            header = fields
        } else {
            rows.append(fields)
            lines.append(record.line)
        }
    }
}
