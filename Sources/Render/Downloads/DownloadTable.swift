import LevelFieldModel

/// One column of a CSV download: its header, what the codebook says about it, and how a row
/// fills it. Header, cells and codebook come from the same list, so they cannot drift apart.
struct DownloadColumn<Row: Sendable>: Sendable {
    /// Header name (`recovery_rate`).
    let name: String
    /// Plain-English meaning, for the codebook.
    let description: String
    /// Unit or kind of value, for the codebook (`percent (0–100)`, `count`).
    let unit: String
    /// The cell's text for a row (see `CSVCell`).
    let value: @Sendable (Row) -> String

    init(_ name: String, _ description: String, unit: String, _ value: @escaping @Sendable (Row) -> String) {
        self.name = name
        self.description = description
        self.unit = unit
        self.value = value
    }
}

/// A CSV download: its path, what it holds, and its columns in order.
struct DownloadTable<Row: Sendable>: Sendable {
    /// Path below the output folder (`downloads/model.csv`).
    let path: String
    /// What one row is and how the file is ordered, for the codebook.
    let summary: String
    /// The columns, in file order.
    let columns: [DownloadColumn<Row>]

    /// The header names.
    var header: [String] { columns.map(\.name) }

    /// The file with a header row and one record per row, in the order given.
    func file(_ rows: [Row]) -> OutputFile {
        file(count: rows.count) { rows[$0] }
    }

    /// The file with a header row and the records of rows 0..<count, each made by `row` when
    /// it is written (so a large table's rows are never all held at once). Large tables are
    /// laid out in chunks on every core, then joined in row order: the bytes are a serial run's.
    func file(count: Int, row: @Sendable (Int) -> Row) -> OutputFile {
        var writer = CSVWriter(header: header)
        let chunkSize = 2_048
        let starts = Array(stride(from: 0, to: count, by: chunkSize))
        var chunks = count > chunkSize
            ? starts.concurrentMap { records($0..<Swift.min($0 + chunkSize, count), row) }
            : starts.map { records($0..<Swift.min($0 + chunkSize, count), row) }
        // Each chunk is freed once copied, so the table is not held twice.
        writer.reserveCapacity(chunks.reduce(0) { $0 + $1.bytes.count })
        for index in chunks.indices {
            writer.append(contentsOf: chunks[index])
            chunks[index] = CSVWriter()
        }
        return OutputFile(path: path, bytes: writer.bytes)
    }

    /// The records of the rows in `range`, without a header.
    private func records(_ range: Range<Int>, _ row: (Int) -> Row) -> CSVWriter {
        var writer = CSVWriter()
        for index in range {
            let row = row(index)
            for (position, column) in columns.enumerated() { writer.append(field: column.value(row), first: position == 0) }
            writer.endRecord()
        }
        return writer
    }

    /// The codebook's records for this file: one describing the file (empty column), then one per column.
    var codebookRecords: [[String]] {
        [[path, "", summary, ""]] + columns.map { [path, $0.name, $0.description, $0.unit] }
    }
}

