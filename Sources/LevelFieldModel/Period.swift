/// A reporting period label: `2014-15 Q2`, `2023-24`, `2024-03`. Periods are ordered by label;
/// these forms sort correctly as text (SPEC §1.1).
package struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The label as published or derived (`2024-25 Q1`).
    package let label: String

    /// Creates a period from its label; surrounding white space is removed.
    package init(_ label: String) {
        self.label = label.trimmingWhitespace()
    }

    /// A file-name form of the label: lower case, runs of anything but `[a-z0-9]` become `-`
    /// (`2014-15 Q2` → `2014-15-q2`).
    package var slug: String {
        var out = ""
        var pendingDash = false
        for byte in label.lowercased().utf8 {
            let isAlnum = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
            if isAlnum {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(Character(UnicodeScalar(byte)))
            } else {
                pendingDash = true
            }
        }
        return out.isEmpty ? "period" : out
    }

    /// The longest label accepted. Real labels have 7–10 characters (`2024-03`, `2014-15 Q2`);
    /// a label names a page (`periods/<slug>.html`) and is repeated in the ledger once per
    /// unmatched area, so an unbounded one would make file names fail and the output balloon.
    package static let maximumLength = 64

    /// Why the label cannot name a page: longer than `maximumLength` characters, or a slug that
    /// is a device name Windows reserves (`con`, `nul`, `com1`, …); `nil` when it can.
    package var fileNameProblem: AreaCode.FileNameProblem? {
        if label.unicodeScalars.count > Period.maximumLength { return .tooLong }
        if AreaCode.isReservedOnWindows(slug) { return .reservedOnWindows }
        return nil
    }

    package var description: String { label }

    package static func < (lhs: Period, rhs: Period) -> Bool {
        lhs.label.utf8.lexicographicallyPrecedes(rhs.label.utf8)
    }

    /// The financial-year quarter containing a calendar month: April–June of 2024 is `2024-25 Q1`,
    /// January–March of 2025 is `2024-25 Q4`.
    package static func financialQuarter(year: Int, month: Int) -> Period {
        precondition((1...12).contains(month), "month out of range")
        let startYear = month >= 4 ? year : year - 1
        let quarter = (month + 8) % 12 / 3 + 1
        let endYY = (startYear + 1) % 100
        let yy = endYY < 10 ? "0\(endYY)" : "\(endYY)"
        return Period("\(startYear)-\(yy) Q\(quarter)")
    }
}
