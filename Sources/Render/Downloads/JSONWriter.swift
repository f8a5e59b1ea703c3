/// A JSON value whose objects keep their keys in the order given, so the manifest is written
/// the same way every time (Foundation's `JSONSerialization` promises no key order).
package enum JSONValue: Sendable {
    /// A string.
    case string(String)
    /// A number, written in plain decimal; `null` when not finite (JSON has no NaN).
    case number(Double)
    /// A whole number.
    case integer(Int)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null
    /// An array.
    case array([JSONValue])
    /// An object, keys in this order.
    case object([(key: String, value: JSONValue)])

    /// `value` as a string, or `null` when nil.
    package static func optional(_ value: String?) -> JSONValue {
        value.map(JSONValue.string) ?? .null
    }

    /// `value` as a number, or `null` when nil.
    package static func optional(_ value: Double?) -> JSONValue {
        value.map(JSONValue.number) ?? .null
    }

    /// Pretty-printed text: two-space indent, `"key": value`, one member per line, a final newline.
    package func prettyPrinted() -> String {
        var out = ""
        write(to: &out, indent: "")
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: String) {
        switch self {
        case .string(let text):
            out += JSONValue.quoted(text)
        case .number(let value):
            out += PlainDecimal.string(value) ?? "null"
        case .integer(let value):
            out += String(value)
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            let inner = indent + "  "
            out += "[\n"
            for (index, element) in elements.enumerated() {
                out += inner
                element.write(to: &out, indent: inner)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent + "  "
            out += "{\n"
            for (index, member) in members.enumerated() {
                out += inner + JSONValue.quoted(member.key) + ": "
                member.value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    /// `text` as a JSON string literal (RFC 8259): `"` and `\` escaped, control characters as
    /// `\n`-style or `\u00XX` escapes, U+2028/U+2029 escaped so the text is also valid
    /// JavaScript; everything else is written as UTF-8.
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + hex4(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
        return out
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<4).reversed().map { digits[Int((value >> UInt32(4 * $0)) & 0xF)] })
    }
}
