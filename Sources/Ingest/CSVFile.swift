#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LevelFieldModel

/// `read(2)`, named apart from `CSVFile.read`.
private func readBytes(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// What reading one file produced besides its records.
struct CSVFileSummary: Equatable, Sendable {
    /// Records read, header included.
    var records: Int
    /// Lower-case hex SHA-256 of the file's bytes.
    var sha256: String
}

/// Streams a CSV file through `CSVParser` with a fixed read buffer (64 KiB by default), hashing
/// the bytes as they pass: memory does not grow with the file.
enum CSVFile {
    /// The default read size.
    static let defaultBufferSize = 64 * 1024

    /// Reads `path` (named `file` in locations), calling `onRecord` for each record, header first.
    static func read(
        path: String, file: String, bufferSize: Int = defaultBufferSize,
        onRecord: @escaping (CSVRecord) throws(IngestError) -> Void
    ) throws(IngestError) -> CSVFileSummary {
        let wholeFile = SourceLocation(file: file, line: 0, column: 0)
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw IngestError(location: wholeFile, reason: .unreadable(systemError())) }
        defer { close(fd) }
        let size = max(1, bufferSize)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        let parser = CSVParser(file: file, onRecord: onRecord)
        var hash = SHA256()
        while true {
            let got = readBytes(fd, buffer, size)
            if got < 0 {
                if errno == EINTR { continue }
                throw IngestError(location: wholeFile, reason: .unreadable(systemError()))
            }
            if got == 0 { break }
            let chunk = UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: got)
            hash.update(chunk)
            try parser.feed(chunk)
        }
        try parser.finish()
        if parser.recordCount == 0 { throw IngestError(location: wholeFile, reason: .emptyFile) }
        return CSVFileSummary(records: parser.recordCount, sha256: hash.hexDigest())
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}
