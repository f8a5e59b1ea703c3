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
    /// Bytes read.
    var bytes: Int
    /// Lower-case hex SHA-256 of the file's bytes; `nil` when the caller hashes them apart.
    var sha256: String?
}

/// A file's SHA-256 and length, from `CSVFile.sha256(paths:bufferSize:)`.
struct FileDigest: Equatable, Sendable {
    var sha256: String
    var bytes: Int
}

/// Streams a CSV file through `CSVParser` with a fixed read buffer (64 KiB by default), hashing
/// the bytes as they pass: memory does not grow with the file.
enum CSVFile {
    /// The default read size.
    static let defaultBufferSize = 64 * 1024

    /// How long to wait for a program to open a named pipe (FIFO) for writing, in seconds.
    static let defaultPipeWait = 10.0

    /// Reads `path` (named `file` in locations), calling `onRecord` for each record, header first,
    /// and hashing the bytes unless `hashing` is false. A named pipe that no program opens for
    /// writing within `pipeWait` seconds is unreadable (exit 74) instead of blocking for ever.
    static func read(
        path: String, file: String, bufferSize: Int = defaultBufferSize, hashing: Bool = true,
        pipeWait: Double = defaultPipeWait, onRecord: @escaping (CSVRecord) throws(IngestError) -> Void
    ) throws(IngestError) -> CSVFileSummary {
        let wholeFile = SourceLocation(file: file, line: 0, column: 0)
        let fd = try openForReading(path, file: file, pipeWait: pipeWait)
        defer { close(fd) }
        let size = max(1, bufferSize)
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        defer { buffer.deallocate() }
        let parser = CSVParser(file: file, onRecord: onRecord)
        var hash = SHA256()
        var total = 0
        while true {
            let got = readBytes(fd, buffer, size)
            if got < 0 {
                if errno == EINTR { continue }
                throw IngestError(location: wholeFile, reason: .unreadable(systemError()))
            }
            if got == 0 { break }
            let chunk = UnsafeBufferPointer(start: buffer.assumingMemoryBound(to: UInt8.self), count: got)
            if hashing { hash.update(chunk) }
            total += got
            try parser.feed(chunk)
        }
        try parser.finish()
        if parser.recordCount == 0 { throw IngestError(location: SourceLocation(file: file, line: 1, column: 1), reason: .emptyFile) }
        return CSVFileSummary(records: parser.recordCount, bytes: total, sha256: hashing ? hash.hexDigest() : nil)
    }

    /// The SHA-256 of each file (named by its path in errors), reading them side by side so that
    /// `SHA256.update(_:_:)` can hash four at a time in SIMD lanes (about twice one-by-one speed).
    static func sha256(paths: [String], bufferSize: Int = 256 * 1024) -> [Result<FileDigest, IngestError>] {
        func failure(_ path: String) -> Result<FileDigest, IngestError> {
            .failure(IngestError(location: SourceLocation(file: path, line: 0, column: 0), reason: .unreadable(systemError())))
        }
        let size = max(1, bufferSize)
        let buffers = UnsafeMutableRawPointer.allocate(byteCount: size * max(1, paths.count), alignment: 16)
        defer { buffers.deallocate() }
        var results = [Result<FileDigest, IngestError>?](repeating: nil, count: paths.count)
        var descriptors = [Int32](repeating: -1, count: paths.count)
        defer { for fd in descriptors where fd >= 0 { close(fd) } }
        var hashes = [SHA256](repeating: SHA256(), count: paths.count)
        var totals = [Int](repeating: 0, count: paths.count)
        var active: [Int] = []
        for (index, path) in paths.enumerated() {
            descriptors[index] = open(path, O_RDONLY)
            if descriptors[index] < 0 { results[index] = failure(path) } else { active.append(index) }
        }
        while !active.isEmpty {
            var chunks: [UnsafeRawBufferPointer] = []
            var reading: [Int] = []
            var still: [Int] = []
            for index in active {
                let buffer = buffers + index * size
                // Fill the buffer (a short read is not the end), so that the lanes stay block-aligned.
                var got = 0
                var failed = false
                while got < size {
                    let n = readBytes(descriptors[index], buffer + got, size - got)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failed = true
                        break
                    }
                    if n == 0 { break }
                    got += n
                }
                if failed {
                    results[index] = failure(paths[index])
                    continue
                }
                chunks.append(UnsafeRawBufferPointer(start: buffer, count: got))
                reading.append(index)
                totals[index] += got
                if got == size { still.append(index) }
            }
            var group = reading.map { hashes[$0] }
            SHA256.update(&group, chunks)
            for (position, index) in reading.enumerated() {
                hashes[index] = group[position]
                if still.contains(index) { continue }
                results[index] = .success(FileDigest(sha256: hashes[index].hexDigest(), bytes: totals[index]))
            }
            active = still
        }
        return results.map { $0! }
    }

    /// True when `path` names a regular file (symbolic links followed): one that can be read
    /// twice, by a parse job and a hash job. A pipe such as `/dev/stdin` or `<(zcat …)` cannot.
    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }

    /// Opens `path` for reading without blocking on a FIFO that has no writer: the open does not
    /// wait, then `poll` waits at most `pipeWait` seconds for data or a writer's end (Linux reports
    /// neither while no writer has opened the pipe), and the descriptor is made blocking again.
    private static func openForReading(_ path: String, file: String, pipeWait: Double) throws(IngestError) -> Int32 {
        let wholeFile = SourceLocation(file: file, line: 0, column: 0)
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        if fd < 0 { throw IngestError(location: wholeFile, reason: .unreadable(systemError())) }
        var status = stat()
        if fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFIFO {
            var waiting = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat {
                ready = poll(&waiting, 1, Int32(max(0, pipeWait) * 1000))
            } while ready < 0 && errno == EINTR
            if ready <= 0 {
                let detail = ready == 0
                    ? "no program opened this pipe for writing within \(pipeWait.formatted) s"
                    : systemError()
                close(fd)
                throw IngestError(location: wholeFile, reason: .unreadable(detail))
            }
        }
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        return fd
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

private extension Double {
    /// `10` for 10.0, else the shortest decimal (`0.2`).
    var formatted: String { self == rounded() ? String(Int(self)) : String(self) }
}
