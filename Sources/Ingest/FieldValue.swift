#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import LevelFieldModel

/// Reading values straight from a field's bytes: counts without making a String, missing-value
/// tokens, decimals, trimmed text.
enum FieldValue {
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The field without surrounding spaces and tabs.
    @inline(__always)
    static func trimmed(_ field: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = field.count
        while start < end && isSpace(field[start]) { start += 1 }
        while end > start && isSpace(field[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: field[start..<end])
    }

    /// True for the tokens that mean suppressed or missing (SPEC §1.1): empty, `*`, `-`, `..`,
    /// `NULL` (any case). Never read as 0.
    static func isMissing(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        let t = trimmed(field)
        switch t.count {
        case 0: return true
        case 1: return t[0] == 0x2A || t[0] == 0x2D
        case 2: return t[0] == 0x2E && t[1] == 0x2E
        case 4: return t[0] | 0x20 == 0x6E && t[1] | 0x20 == 0x75 && t[2] | 0x20 == 0x6C && t[3] | 0x20 == 0x6C
        default: return false
        }
    }

    /// Field `index` as a count: `nil` when missing; digits, optionally followed by a decimal point
    /// and zeros only (`1090` and `1090.0` are 1090; `12.5`, `-3`, `1,090`, `n/a` are errors).
    static func wholeNumber(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> Int? {
        let field = record[index]
        if isMissing(field) { return nil }
        guard let value = wholeNumber(trimmed(field)) else {
            throw IngestError(location: record.location(index), reason: .notAWholeNumber(column: column, found: record.string(index)))
        }
        return value
    }

    /// Digits (at most 18, so no overflow), optionally followed by `.` and zeros only; else `nil`.
    static func wholeNumber(_ t: UnsafeBufferPointer<UInt8>) -> Int? {
        var value = 0
        var i = 0
        while i < t.count, t[i] >= 0x30 && t[i] <= 0x39, i < 18 {
            value = value &* 10 &+ Int(t[i] &- 0x30)
            i += 1
        }
        guard i > 0 else { return nil }
        if i < t.count && t[i] == 0x2E {
            i += 1
            while i < t.count && t[i] == 0x30 { i += 1 }
        }
        return i == t.count ? value : nil
    }

    /// Field `index` as an IMD rank, `nil` when missing: a whole number from 1 to
    /// `DeprivationValues.maximumRank` (`0`, `-1`, `1.5`, `1e20` are errors).
    static func imdRank(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> Double? {
        let field = record[index]
        if isMissing(field) { return nil }
        guard let value = wholeNumber(trimmed(field)), (1...DeprivationValues.maximumRank).contains(value) else {
            throw IngestError(location: record.location(index), reason: .notARank(column: column, found: record.string(index)))
        }
        return Double(value)
    }

    /// Field `index` as an IMD score, `nil` when missing: a finite decimal number.
    static func imdScore(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> Double? {
        try decimal(record, index, column: column)
    }

    /// Field `index` as a period label: required, and able to name a page (see `Period.fileNameProblem`).
    static func periodLabel(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> String {
        let label = try requiredText(record, index, column: column)
        if Period(label).fileNameProblem != nil {
            throw IngestError(location: record.location(index), reason: .unsafePeriodLabel(label))
        }
        return label
    }

    /// Field `index` as a decimal number, `nil` when missing. Plain decimal or exponent notation only.
    static func decimal(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> Double? {
        let field = record[index]
        if isMissing(field) { return nil }
        let t = trimmed(field)
        let plain = t.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E || $0 == 0x2D || $0 == 0x2B || $0 == 0x65 || $0 == 0x45 }
        guard plain, let value = Double(String(decoding: t, as: UTF8.self)), value.isFinite else {
            throw IngestError(location: record.location(index), reason: .notANumber(column: column, found: record.string(index)))
        }
        return value
    }

    /// Field `index` as text without surrounding spaces.
    static func text(_ record: CSVRecord, _ index: Int) -> String {
        String(decoding: trimmed(record[index]), as: UTF8.self)
    }

    /// Field `index` of a LevelField download as text: the leading `'` that made a cell starting
    /// with `=`, `+`, `-`, `@`, a tab or a carriage return spreadsheet-safe is removed.
    static func downloadText(_ record: CSVRecord, _ index: Int) -> String {
        let value = text(record, index)
        let bytes = Array(value.utf8.prefix(2))
        guard bytes.count == 2, bytes[0] == UInt8(ascii: "'"), [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(bytes[1]) else {
            return value
        }
        return String(value.dropFirst())
    }

    /// Field `index` as required text: an error when empty.
    static func requiredText(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> String {
        let value = text(record, index)
        if value.isEmpty { throw IngestError(location: record.location(index), reason: .emptyValue(column: column)) }
        return value
    }

    /// Field `index` as an outcome area code: required, and able to name a page
    /// (`areas/<code>.html`, SPEC §5): `[A-Za-z0-9]+`, not too long, not a name Windows reserves.
    static func areaCode(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> String {
        let code = try requiredText(record, index, column: column)
        if !AreaCode(code).isSafeFileName {
            throw IngestError(location: record.location(index), reason: .unsafeAreaCode(code))
        }
        return code
    }

    /// Field `index` as a deprivation or lookup area code: required, and at most
    /// `AreaCode.maximumLength` characters (it is repeated in the ledger once per period).
    static func joinCode(_ record: CSVRecord, _ index: Int, column: String) throws(IngestError) -> String {
        let code = try requiredText(record, index, column: column)
        if code.utf8.count > AreaCode.maximumLength {
            throw IngestError(location: record.location(index), reason: .unsafeAreaCode(code))
        }
        return code
    }

    /// A header or category name compared loosely: lower case, without spaces, tabs and underscores
    /// (`Count_Recovery` = `CountRecovery` = `count recovery`).
    static func normalized<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        var out: [UInt8] = []
        for byte in bytes where !isSpace(byte) && byte != 0x5F {
            out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `field` has exactly the bytes of `bytes`.
    @inline(__always)
    static func equal(_ field: UnsafeBufferPointer<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard field.count == bytes.count else { return false }
        if field.isEmpty { return true }
        return bytes.withUnsafeBufferPointer { memcmp($0.baseAddress!, field.baseAddress!, field.count) == 0 }
    }

    /// True when `field`, normalized, equals `key` (already normalized), without allocating.
    static func matches(_ field: UnsafeBufferPointer<UInt8>, normalizedKey key: [UInt8]) -> Bool {
        var k = 0
        for byte in field where !isSpace(byte) && byte != 0x5F {
            guard k < key.count else { return false }
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            if lower != key[k] { return false }
            k += 1
        }
        return k == key.count
    }
}

/// A header row: names as written and their normalized keys, with duplicate detection.
struct Header {
    /// The names as written (trimmed).
    let names: [String]
    /// Normalized keys (see `FieldValue.normalized`).
    let keys: [String]
    /// Where the header is (line 1 unless blank lines precede it).
    let line: Int
    let file: String

    init(_ record: CSVRecord) throws(IngestError) {
        var names: [String] = [], keys: [String] = []
        var seen: [String: Int] = [:]
        for index in 0..<record.count {
            let key = FieldValue.normalized(record[index])
            let name = FieldValue.text(record, index)
            if seen[key] != nil, !key.isEmpty {
                throw IngestError(location: record.location(index), reason: .duplicateHeader(name))
            }
            seen[key] = index
            // The name is shown in messages and once per ledger line: cut it (a field may hold 1 MiB).
            names.append(MessageText.excerpt(name))
            keys.append(key)
        }
        self.names = names
        self.keys = keys
        self.line = record.line
        self.file = record.file
    }

    /// The column whose key is `key` (normalized), if any.
    func index(_ key: String) -> Int? { keys.firstIndex(of: key) }

    /// The first of several alternative keys present.
    func index(anyOf candidates: [String]) -> Int? {
        for key in candidates { if let found = index(key) { return found } }
        return nil
    }

    /// The column `key`, or a missing-column error naming `display`.
    func require(_ key: String, display: String) throws(IngestError) -> Int {
        guard let found = index(key) else {
            throw IngestError(location: SourceLocation(file: file, line: line, column: 1), reason: .missingColumn(display))
        }
        return found
    }

    /// The first column present among `candidates`, or a missing-column error naming `display`.
    func require(anyOf candidates: [String], display: String) throws(IngestError) -> Int {
        guard let found = index(anyOf: candidates) else {
            throw IngestError(location: SourceLocation(file: file, line: line, column: 1), reason: .missingColumn(display))
        }
        return found
    }

    /// The header as one line, for messages.
    var joined: String { names.joined(separator: ",") }
}
