/// Values from the data as error messages show them: short, and safe to print on a terminal.
///
/// A value in a message is cut to its first 100 characters (a field may hold up to 1 MiB), and
/// control characters are written as escapes, so a message can neither flood the terminal nor
/// drive it (`ESC[2J` clears the screen, BEL rings; bidirectional overrides reorder what is shown).
package enum MessageText {
    /// How many characters (Unicode scalars) of a value a message shows.
    package static let excerptLength = 100

    /// `value` cut to `limit` characters, with `…` and its length in bytes when cut, and control
    /// characters escaped (see `escapingControls`).
    package static func excerpt(_ value: String, limit: Int = excerptLength) -> String {
        var scalars = value.unicodeScalars.makeIterator()
        var kept = String.UnicodeScalarView()
        var count = 0
        while count < limit, let scalar = scalars.next() {
            kept.append(scalar)
            count += 1
        }
        let shown = escapingControls(String(kept))
        guard scalars.next() != nil else { return shown }
        return shown + "… (\(value.utf8.count) bytes in all)"
    }

    /// `text` with every control character written as an escape: `\t`, `\n`, `\r`, else `\u{1B}`.
    /// Control characters are C0 (U+0000–U+001F), DEL, C1 (U+0080–U+009F) and the bidirectional
    /// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
    package static func escapingControls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            guard isControl(scalar) else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// True for the characters `escapingControls` escapes.
    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A size in words: `1 MiB`, `16 MiB`, else bytes (`64 bytes`).
    package static func byteSize(_ bytes: Int) -> String {
        bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
    }
}
