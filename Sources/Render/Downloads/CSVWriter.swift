/// Writes RFC 4180 CSV as the downloads need it: UTF-8, CRLF after every record (the last too),
/// a header row, and a field quoted only when it contains `,` `"` CR or LF (quotes doubled).
struct CSVWriter {
    /// The text written so far.
    private(set) var text = ""

    /// A writer whose first record is `header`.
    init(header: [String]) {
        append(header)
    }

    /// Appends one record.
    mutating func append(_ fields: [String]) {
        text += fields.map(CSVWriter.field).joined(separator: ",")
        text += "\r\n"
    }

    /// One field, quoted when it must be.
    static func field(_ value: String) -> String {
        // Scan bytes, not Characters: in Swift "\r\n" is a single Character.
        let needsQuotes = value.utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0D || byte == 0x0A
        }
        guard needsQuotes else { return value }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { quoted.unicodeScalars.append("\"") }
            quoted.unicodeScalars.append(scalar)
        }
        quoted += "\""
        return quoted
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
