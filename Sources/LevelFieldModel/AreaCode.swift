/// An area's identifier as published: an ODS code (`00C`, `QE1`, `RXT`) or an ONS code
/// (`E38000042`). The join key between outcome and deprivation files.
package struct AreaCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code exactly as it appears in the data (trimmed).
    package let rawValue: String

    /// Creates a code from text; surrounding white space is removed.
    package init(_ rawValue: String) {
        self.rawValue = rawValue.trimmingWhitespace()
    }

    /// True when the code is `[A-Za-z0-9]+`, so it can name a page (`areas/<code>.html`).
    package var isSafeFileName: Bool {
        !rawValue.isEmpty && rawValue.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
    }

    package var description: String { rawValue }

    package static func < (lhs: AreaCode, rhs: AreaCode) -> Bool {
        lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs, CR and LF (Foundation-free).
    package func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
