/// An area's identifier as published: an ODS code (`00C`, `QE1`, `RXT`) or an ONS code
/// (`E38000042`). The join key between outcome and deprivation files.
package struct AreaCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code exactly as it appears in the data (trimmed).
    package let rawValue: String

    /// Creates a code from text; surrounding white space is removed.
    package init(_ rawValue: String) {
        self.rawValue = rawValue.trimmingWhitespace()
    }

    /// The longest code that may name a page. ODS codes have 3–5 characters and ONS codes 9;
    /// 32 leaves room for any other scheme while keeping `areas/<code>.html` far below the
    /// 255-byte file-name limit of common file systems.
    package static let maximumLength = 32

    /// Why a code cannot name a page file.
    package enum FileNameProblem: Equatable, Sendable {
        /// Empty, or a character other than `A–Z a–z 0–9`.
        case notLettersAndDigits
        /// Longer than `AreaCode.maximumLength`.
        case tooLong
        /// A device name Windows reserves in any letter case (`CON`, `PRN`, `AUX`, `NUL`,
        /// `COM0`–`COM9`, `LPT0`–`LPT9`): `areas/CON.html` cannot be created there.
        case reservedOnWindows
    }

    /// Why the code cannot name a page (`areas/<code>.html`), or `nil` when it can: it must be
    /// `[A-Za-z0-9]+`, at most `maximumLength` characters and not a reserved Windows device name.
    package var fileNameProblem: FileNameProblem? {
        AreaCode.fileNameProblem(rawValue)
    }

    /// True when the code can name a page (`fileNameProblem` is `nil`).
    package var isSafeFileName: Bool { fileNameProblem == nil }

    /// `fileNameProblem` for any text.
    package static func fileNameProblem(_ name: String) -> FileNameProblem? {
        if name.isEmpty { return .notLettersAndDigits }
        if name.utf8.count > maximumLength { return .tooLong }
        let alphanumeric = name.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        }
        if !alphanumeric { return .notLettersAndDigits }
        if isReservedOnWindows(name) { return .reservedOnWindows }
        return nil
    }

    /// True for `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`, `LPT0`–`LPT9` in any letter case.
    package static func isReservedOnWindows(_ name: String) -> Bool {
        let upper = name.uppercased()
        if ["CON", "PRN", "AUX", "NUL"].contains(upper) { return true }
        let bytes = Array(upper.utf8)
        return bytes.count == 4 && (upper.hasPrefix("COM") || upper.hasPrefix("LPT")) && bytes[3] >= 0x30 && bytes[3] <= 0x39
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
