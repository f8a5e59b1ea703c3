/// Writes RFC 4180 CSV as the downloads need it: UTF-8, CRLF after every record (the last too),
/// a header row, and a field quoted only when it contains `,` `"` CR or LF (quotes doubled).
/// Cells are made spreadsheet-safe first (SPEC §10, see `spreadsheetSafe`).
struct CSVWriter {
    /// The UTF-8 bytes written so far.
    private(set) var bytes: [UInt8] = []

    /// The text written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// A writer whose first record is `header`.
    init(header: [String]) {
        append(header)
    }

    /// A writer with no header, for a run of records that another writer's output will precede.
    init() {}

    /// Appends one record.
    mutating func append(_ fields: [String]) {
        for (index, field) in fields.enumerated() { append(field: field, first: index == 0) }
        endRecord()
    }

    /// Appends one field of the current record (with its separating comma unless it is the first).
    mutating func append(field value: String, first: Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        Self.write(value, into: &bytes)
    }

    /// Ends the current record.
    mutating func endRecord() {
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// Makes room for `count` more bytes.
    mutating func reserveCapacity(_ count: Int) {
        bytes.reserveCapacity(bytes.count + count)
    }

    /// Appends another writer's records.
    mutating func append(contentsOf other: CSVWriter) {
        bytes += other.bytes
    }

    /// One field, made spreadsheet-safe and quoted when it must be.
    static func field(_ value: String) -> String {
        var bytes: [UInt8] = []
        write(value, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes one field's bytes: spreadsheet-safe, then quoted (quotes doubled) when it contains
    /// `,` `"` CR or LF. Bytes, not Characters, are scanned: in Swift "\r\n" is one Character.
    private static func write(_ value: String, into bytes: inout [UInt8]) {
        let safe = spreadsheetSafe(value)
        let utf8 = safe.utf8
        let needsQuotes = utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
        }
        guard needsQuotes else {
            bytes += utf8
            return
        }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The cell with a leading `'` when a spreadsheet would run it as a formula: it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return (OWASP's CSV-injection advice) and is not a
    /// number as the downloads write them (plain decimal, `-12.5`), which is left untouched.
    static func spreadsheetSafe(_ value: String) -> String {
        guard let first = value.utf8.first else { return value }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "@"), 0x09, 0x0D: return "'" + value
        case UInt8(ascii: "-"): return isPlainDecimal(value) ? value : "'" + value
        default: return value
        }
    }

    /// True for `-?[0-9]+(\.[0-9]+)?`, the form `PlainDecimal` and integers are written in.
    static func isPlainDecimal(_ value: String) -> Bool {
        var bytes = value.utf8[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= 0x30 && byte <= 0x39 }
        let whole = bytes.prefix(while: isDigit)
        guard !whole.isEmpty else { return false }
        let rest = bytes.dropFirst(whole.count)
        if rest.isEmpty { return true }
        guard rest.first == UInt8(ascii: "."), rest.count > 1 else { return false }
        return rest.dropFirst().allSatisfy(isDigit)
    }
}

/// The text of one CSV cell (SPEC §3.2): empty = not available.
enum CSVCell {
    /// A statistic or measured value: plain decimal, full precision; empty when missing or not finite.
    static func number(_ value: Double?) -> String {
        value.flatMap(PlainDecimal.string) ?? ""
    }

    /// A count; empty when missing.
    static func integer(_ value: Int?) -> String {
        value.map(String.init) ?? ""
    }

    /// `true` or `false`.
    static func boolean(_ value: Bool) -> String {
        value ? "true" : "false"
    }

    /// Text as given; empty when missing.
    static func text(_ value: String?) -> String {
        value ?? ""
    }
}
