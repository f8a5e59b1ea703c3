import LevelFieldModel

/// One CSV record as the parser hands it to its callback: field bytes are views into the read
/// buffer or the parser's reused storage, valid only during the callback (no per-field
/// allocation; decode only the columns you use).
struct CSVRecord {
    fileprivate let bytes: UnsafePointer<UInt8>
    fileprivate let starts: UnsafePointer<Int>
    fileprivate let ends: UnsafePointer<Int>
    /// Each field's line and column; `nil` when the record is one line read in place, where a
    /// field's column follows from its offset (see `location`).
    fileprivate let lines: UnsafePointer<Int>?
    fileprivate let columns: UnsafePointer<Int>?
    /// Number of fields.
    let count: Int
    /// The file as the user named it.
    let file: String
    /// The line the record starts on.
    let line: Int

    /// The bytes of field `index` (quotes removed, `""` unescaped).
    @inline(__always)
    subscript(index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + starts[index], count: ends[index] - starts[index])
    }

    /// Field `index` decoded as a String (the parser has validated UTF-8).
    func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }

    /// Where field `index` starts (its opening quote when quoted).
    func location(_ index: Int) -> SourceLocation {
        if let lines, let columns {
            return SourceLocation(file: file, line: lines[index], column: columns[index])
        }
        // Read in place: `bytes` is the start of the line, and a quoted field's text follows its quote.
        let start = starts[index]
        let quoted = start > 0 && bytes[start - 1] == 0x22
        return SourceLocation(file: file, line: line, column: start + (quoted ? 0 : 1))
    }
}

/// A small growable buffer of trivial values, reused across records (no per-record allocation).
private struct Storage<Element> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    mutating func append(_ value: Element) {
        if count == capacity { grow(to: capacity * 2) }
        (base + count).initialize(to: value)
        count += 1
    }

    mutating func append(contentsOf source: UnsafePointer<Element>, count n: Int) {
        if count + n > capacity { grow(to: Swift.max(capacity * 2, count + n)) }
        (base + count).update(from: source, count: n)
        count += n
    }

    mutating func removeAll() { count = 0 }

    /// Makes room for at least `n` values in all; returns the capacity. (`base` may move.)
    @inline(__always)
    mutating func reserve(_ n: Int) -> Int {
        if n > capacity { grow(to: n) }
        return capacity
    }

    private mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }

    func deallocate() { base.deallocate() }
}

/// The size limits of SPEC §10: input beyond them stops the read early with a located error, so
/// memory stays bounded on any input (an endless line, `/dev/zero`).
struct CSVLimits: Equatable, Sendable {
    /// Bytes in one field (after unquoting): 1 MiB.
    var fieldBytes = 1 << 20
    /// Bytes from the start of a record to its end (one line, or several joined by quoted line
    /// breaks): 16 MiB.
    var lineBytes = 16 << 20
    /// Fields in one record: 1,000.
    var columns = 1000

    /// The limits of SPEC §10.
    static let spec = CSVLimits()
}

/// RFC 4180 over UTF-8 bytes: a byte state machine fed chunk by chunk, so memory does not grow
/// with the file and any chunk size (even 1 byte) gives the same records.
///
/// Accepts a UTF-8 byte-order mark, CR, LF and CRLF line ends, quoted fields holding commas,
/// doubled quotes and line breaks. A completely empty line (nothing between two line breaks) is
/// skipped; a line of spaces or `""` is a record. Rejects, with file:line:column, text after a
/// closing quote, a quote inside an unquoted field, end of file inside quotes, a row with a
/// different field count from the first (header) row, invalid UTF-8, and input beyond `CSVLimits`
/// (checked as the bytes arrive, so an endless line stops at the limit). Columns count bytes
/// from the start of the line (after the BOM on line 1).
///
/// The hot stored properties are `@exclusivity(unchecked)`: the parser is used from one place at
/// a time and never hands out `inout` access to them, and the runtime checks cost a sixth of the
/// parse time.
final class CSVParser {
    private enum State { case recordStart, fieldStart, unquoted, quoted, quoteInQuoted }

    let file: String
    let limits: CSVLimits
    @exclusivity(unchecked) private var state = State.recordStart
    @exclusivity(unchecked) private var bytes = Storage<UInt8>(capacity: 4096)
    @exclusivity(unchecked) private var starts = Storage<Int>(capacity: 64)
    @exclusivity(unchecked) private var ends = Storage<Int>(capacity: 64)
    @exclusivity(unchecked) private var lines = Storage<Int>(capacity: 64)
    @exclusivity(unchecked) private var columns = Storage<Int>(capacity: 64)
    /// Absolute offset of the next byte to process.
    @exclusivity(unchecked) private var offset = 0
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var lineStart = 0
    /// Absolute offset of the last CR seen (a following LF belongs to the same line break).
    @exclusivity(unchecked) private var lastCR = -2
    /// Absolute offset of the first byte of the record the byte machine is reading.
    @exclusivity(unchecked) private var recordStart = 0
    @exclusivity(unchecked) private var expectedFields: Int?
    /// Records emitted (header included).
    @exclusivity(unchecked) private(set) var recordCount = 0
    private var bomMatched = 0
    private var bomDone = false
    // UTF-8 sequence in progress: continuation bytes still needed and the range of the next one.
    @exclusivity(unchecked) private var utf8Need = 0
    private var utf8Lower: UInt8 = 0x80
    private var utf8Upper: UInt8 = 0xBF
    private var utf8Start = SourceLocation(file: "", line: 0, column: 0)
    private let classes: UnsafeMutablePointer<UInt8>
    private let onRecord: (CSVRecord) throws(IngestError) -> Void

    private static let specialUnquoted: UInt8 = 1
    private static let specialQuoted: UInt8 = 2
    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// A parser for `file` (used in locations) calling `onRecord` for each record, header first.
    init(file: String, limits: CSVLimits = .spec, onRecord: @escaping (CSVRecord) throws(IngestError) -> Void) {
        self.file = file
        self.limits = limits
        self.onRecord = onRecord
        classes = .allocate(capacity: 256)
        for byte in 0..<256 {
            var c: UInt8 = 0
            if byte == 0x2C { c |= CSVParser.specialUnquoted }
            if byte == 0x22 || byte == 0x0D || byte == 0x0A || byte >= 0x80 {
                c |= CSVParser.specialUnquoted | CSVParser.specialQuoted
            }
            classes[byte] = c
        }
    }

    deinit {
        classes.deallocate()
        bytes.deallocate()
        starts.deallocate()
        ends.deallocate()
        lines.deallocate()
        columns.deallocate()
    }

    /// Feeds the next chunk of the file.
    func feed(_ chunk: UnsafeBufferPointer<UInt8>) throws(IngestError) {
        guard let start = chunk.baseAddress, chunk.count > 0 else { return }
        var skip = 0
        if !bomDone {
            while skip < chunk.count && bomMatched < 3 {
                if chunk[skip] == CSVParser.bom[bomMatched] {
                    bomMatched += 1
                    skip += 1
                } else {
                    try replayBOMPrefix()
                    break
                }
            }
            if bomMatched == 3 {
                bomDone = true
                offset = 3
                lineStart = 3
            }
        }
        if skip < chunk.count { try process(start + skip, count: chunk.count - skip) }
    }

    /// Ends the input: closes the last record, or reports an unterminated quote or UTF-8 sequence.
    func finish() throws(IngestError) {
        if !bomDone { try replayBOMPrefix() }
        if utf8Need > 0 { throw IngestError(location: utf8Start, reason: .invalidUTF8) }
        switch state {
        case .recordStart: break
        case .quoted:
            throw IngestError(location: currentFieldLocation, reason: .unterminatedQuote)
        case .fieldStart:
            // The file ends after a comma: the last field is empty and starts at the end.
            try beginField(at: offset)
            try endRecord(terminatorOffset: offset)
        case .unquoted, .quoteInQuoted:
            // The last bytes (a multi-byte character) may have been added after the last check.
            try checkLimits(at: offset)
            try endRecord(terminatorOffset: offset)
        }
    }

    /// The BOM's first bytes turned out to be data: run them through the machine.
    private func replayBOMPrefix() throws(IngestError) {
        bomDone = true
        let matched = bomMatched
        bomMatched = 3
        if matched > 0 {
            try CSVParser.bom.withUnsafeBufferPointer { (prefix) throws(IngestError) in
                try process(prefix.baseAddress!, count: matched)
            }
        }
    }

    private var currentFieldLocation: SourceLocation {
        SourceLocation(file: file, line: lines.base[lines.count - 1], column: columns.base[columns.count - 1])
    }

    private func location(at absolute: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: absolute - lineStart + 1)
    }

    @inline(__always)
    private func beginField(at absolute: Int) throws(IngestError) {
        if starts.count >= limits.columns {
            throw IngestError(location: location(at: absolute), reason: .tooManyColumns(limit: limits.columns))
        }
        starts.append(bytes.count)
        lines.append(line)
        columns.append(absolute - lineStart + 1)
    }

    @inline(__always)
    private func endField() { ends.append(bytes.count) }

    /// How many more bytes a run may take at `absolute` before it crosses a limit (by one byte):
    /// runs stop there, so the limit crossed first is the one reported whatever the read size.
    @inline(__always)
    private func room(at absolute: Int) -> Int {
        let field = limits.fieldBytes - (bytes.count - starts.base[starts.count - 1])
        let line = limits.lineBytes - (absolute - recordStart)
        return max(0, min(field, line) + 1)
    }

    /// Stops a field or record that has grown past its limit (`absolute`: the offset reached).
    @inline(__always)
    private func checkLimits(at absolute: Int) throws(IngestError) {
        if bytes.count - starts.base[starts.count - 1] > limits.fieldBytes {
            throw IngestError(location: currentFieldLocation, reason: .fieldTooLong(limit: limits.fieldBytes))
        }
        if absolute - recordStart > limits.lineBytes {
            throw IngestError(location: SourceLocation(file: file, line: lines.base[0], column: columns.base[0]),
                              reason: .lineTooLong(limit: limits.lineBytes))
        }
    }

    /// A line break at `absolute` (CR or LF; an LF right after a CR is the same break).
    @inline(__always)
    private func lineBreak(_ byte: UInt8, at absolute: Int) {
        if byte == 0x0D {
            lastCR = absolute
            line += 1
        } else if lastCR != absolute - 1 {
            line += 1
        }
        lineStart = absolute + 1
    }

    private func endRecord(terminatorOffset: Int) throws(IngestError) {
        endField()
        let found = ends.count
        if let expected = expectedFields {
            if found != expected {
                let where_ = found > expected
                    ? SourceLocation(file: file, line: lines.base[expected], column: columns.base[expected])
                    : location(at: terminatorOffset)
                throw IngestError(location: where_, reason: .raggedRow(expected: expected, found: found))
            }
        } else {
            expectedFields = found
        }
        recordCount += 1
        try onRecord(CSVRecord(bytes: bytes.base, starts: starts.base, ends: ends.base, lines: lines.base,
                               columns: columns.base, count: found, file: file, line: lines.base[0]))
        bytes.removeAll()
        starts.removeAll()
        ends.removeAll()
        lines.removeAll()
        columns.removeAll()
    }

    /// Starts a multi-byte UTF-8 sequence with lead byte `byte`, or throws if it cannot lead one.
    @inline(__always)
    private func startUTF8(_ byte: UInt8, at absolute: Int) throws(IngestError) {
        utf8Start = location(at: absolute)
        utf8Lower = 0x80
        utf8Upper = 0xBF
        switch byte {
        case 0xC2...0xDF: utf8Need = 1
        case 0xE0: utf8Need = 2; utf8Lower = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: utf8Need = 2
        case 0xED: utf8Need = 2; utf8Upper = 0x9F
        case 0xF0: utf8Need = 3; utf8Lower = 0x90
        case 0xF1...0xF3: utf8Need = 3
        case 0xF4: utf8Need = 3; utf8Upper = 0x8F
        default: throw IngestError(location: utf8Start, reason: .invalidUTF8)
        }
        bytes.append(byte)
    }

    /// The fast path for the common record: one line, wholly in this chunk, ASCII, each field
    /// unquoted or quoted without `""` or line breaks, with the header's field count. Such a
    /// record is handed over in place (fields point into the chunk, nothing is copied or decoded)
    /// and the offset after its line break is returned. Anything else returns `nil` having changed
    /// nothing, and the byte machine reads the record (and reports its errors) as before.
    @inline(__always)
    private func inPlaceRecord(_ p: UnsafePointer<UInt8>, from first: Int, to n: Int, base: Int) throws(IngestError) -> Int? {
        let classes = self.classes
        // Field offsets go straight into the (empty) start and end storage, which the byte
        // machine then finds empty again: the fast path never sets their counts.
        // At most `limits.columns` fields: a record with more goes to the byte machine, which reports it.
        let capacity = min(starts.reserve(expectedFields.map { $0 + 1 } ?? 64), ends.reserve(expectedFields.map { $0 + 1 } ?? 64),
                           limits.columns)
        let startOffsets = starts.base, endOffsets = ends.base
        var found = 0
        var j = first
        var breakLength = 1
        while true {
            guard j < n, found < capacity else { return nil }
            let start: Int, end: Int
            if p[j] == 0x22 {
                start = j + 1
                j = start
                while j < n && classes[Int(p[j])] & CSVParser.specialQuoted == 0 { j += 1 }
                guard j + 1 < n, p[j] == 0x22, p[j + 1] != 0x22 else { return nil }
                end = j
                j += 1
            } else {
                start = j
                while j < n && classes[Int(p[j])] & CSVParser.specialUnquoted == 0 { j += 1 }
                guard j < n else { return nil }
                end = j
            }
            // Within a 64 KiB chunk the SPEC limits cannot be reached; smaller ones (tests) can.
            guard end - start <= limits.fieldBytes, j - first <= limits.lineBytes else { return nil }
            startOffsets[found] = start - first
            endOffsets[found] = end - first
            found += 1
            let byte = p[j]
            if byte == 0x2C {
                j += 1
                continue
            }
            if byte == 0x0A { break }
            guard byte == 0x0D, j + 1 < n, p[j + 1] == 0x0A else { return nil }
            breakLength = 2
            break
        }
        if let expectedFields {
            guard found == expectedFields else { return nil }
        } else {
            expectedFields = found
        }
        recordCount += 1
        try onRecord(CSVRecord(bytes: p + first, starts: startOffsets, ends: endOffsets, lines: nil, columns: nil,
                               count: found, file: file, line: line))
        line += 1
        if breakLength == 2 { lastCR = base + j }
        lineStart = base + j + breakLength
        return j + breakLength
    }

    private func process(_ p: UnsafePointer<UInt8>, count n: Int) throws(IngestError) {
        let base = offset
        var i = 0
        let classes = self.classes
        while i < n {
            if utf8Need > 0 {
                let byte = p[i]
                guard byte >= utf8Lower && byte <= utf8Upper else {
                    throw IngestError(location: utf8Start, reason: .invalidUTF8)
                }
                bytes.append(byte)
                utf8Need -= 1
                utf8Lower = 0x80
                utf8Upper = 0xBF
                i += 1
                continue
            }
            switch state {
            case .recordStart:
                let byte = p[i]
                if byte == 0x0D || byte == 0x0A {
                    // An empty line: skipped.
                    lineBreak(byte, at: base + i)
                    i += 1
                } else if let next = try inPlaceRecord(p, from: i, to: n, base: base) {
                    i = next
                } else {
                    recordStart = base + i
                    state = .fieldStart
                }
            case .fieldStart:
                try beginField(at: base + i)
                if p[i] == 0x22 {
                    state = .quoted
                    i += 1
                } else {
                    state = .unquoted
                }
            case .unquoted:
                let runStart = i
                let stop = min(n, i + room(at: base + i))
                while i < stop && classes[Int(p[i])] & CSVParser.specialUnquoted == 0 { i += 1 }
                if i > runStart { bytes.append(contentsOf: p + runStart, count: i - runStart) }
                try checkLimits(at: base + i)
                if i == n { break }
                let byte = p[i]
                switch byte {
                case 0x2C:
                    endField()
                    state = .fieldStart
                case 0x22:
                    throw IngestError(location: location(at: base + i), reason: .bareQuote)
                case 0x0D, 0x0A:
                    try endRecord(terminatorOffset: base + i)
                    lineBreak(byte, at: base + i)
                    state = .recordStart
                default:
                    try startUTF8(byte, at: base + i)
                }
                i += 1
            case .quoted:
                let runStart = i
                let stop = min(n, i + room(at: base + i))
                while i < stop && classes[Int(p[i])] & CSVParser.specialQuoted == 0 { i += 1 }
                if i > runStart { bytes.append(contentsOf: p + runStart, count: i - runStart) }
                try checkLimits(at: base + i)
                if i == n { break }
                let byte = p[i]
                switch byte {
                case 0x22:
                    state = .quoteInQuoted
                case 0x0D, 0x0A:
                    bytes.append(byte)
                    lineBreak(byte, at: base + i)
                default:
                    try startUTF8(byte, at: base + i)
                }
                i += 1
            case .quoteInQuoted:
                let byte = p[i]
                switch byte {
                case 0x22:
                    bytes.append(byte)
                    state = .quoted
                case 0x2C:
                    endField()
                    state = .fieldStart
                case 0x0D, 0x0A:
                    try endRecord(terminatorOffset: base + i)
                    lineBreak(byte, at: base + i)
                    state = .recordStart
                default:
                    throw IngestError(location: location(at: base + i), reason: .textAfterClosingQuote)
                }
                i += 1
            }
        }
        offset = base + n
    }
}
