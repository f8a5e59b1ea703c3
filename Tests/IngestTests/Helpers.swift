import Foundation
@testable import Ingest
import LevelFieldModel

/// A parsed record for comparisons: its fields as text, and the line and column each starts at.
struct ParsedRecord: Equatable {
    var fields: [String]
    var locations: [String]
}

/// Parses `bytes` through `CSVParser`, feeding `chunk` bytes at a time.
func parse(_ bytes: [UInt8], chunk: Int = 65536, file: String = "t.csv") throws(IngestError) -> [ParsedRecord] {
    var records: [ParsedRecord] = []
    let parser = CSVParser(file: file) { record in
        records.append(ParsedRecord(
            fields: (0..<record.count).map { record.string($0) },
            locations: (0..<record.count).map { "\(record.location($0).line):\(record.location($0).column)" }))
    }
    var start = 0
    while start < bytes.count {
        let end = min(start + chunk, bytes.count)
        try bytes[start..<end].withUnsafeBufferPointer { (buffer) throws(IngestError) in try parser.feed(buffer) }
        start = end
    }
    try parser.finish()
    return records
}

/// Parses text (UTF-8).
func parse(_ text: String, chunk: Int = 65536) throws(IngestError) -> [ParsedRecord] {
    try parse(Array(text.utf8), chunk: chunk)
}

/// The error parsing `bytes` throws, or `nil`.
func parseError(_ bytes: [UInt8], chunk: Int = 65536) -> IngestError? {
    do {
        _ = try parse(bytes, chunk: chunk)
        return nil
    } catch {
        return error
    }
}

/// A fresh folder of small CSV files written from string literals.
final class TempFolder {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("levelfield-ingest-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` and returns its path.
    func write(_ name: String, _ text: String) -> String {
        write(name, bytes: Array(text.utf8))
    }

    /// Writes raw bytes to `name` and returns its path.
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        return path
    }
}

/// The error `body` throws, or `nil`.
func ingestError(_ body: () throws(IngestError) -> Dataset) -> IngestError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}
