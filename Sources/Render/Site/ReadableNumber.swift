import Foundation

/// Numbers rounded for reading on the site: fixed decimals, POSIX (`.` decimal point, no locale),
/// never `-0.0`. Downloads keep full precision; these are for people.
package enum ReadableNumber {
    /// `x` with exactly `decimals` decimals (`52.3`).
    package static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        let text = String(format: "%.\(decimals)f", x)
        // A value that rounds to zero prints without a sign.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// A percentage with one decimal and a percent sign (`52.3%`).
    package static func percent(_ x: Double) -> String { fixed(x, 1) + "%" }

    /// A whole number with thousands separators (`12,345`).
    package static func count(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return n < 0 ? "−" + out : out
    }

    /// A p-value: `< 0.001`, else three significant digits (`0.0420`, `0.330`).
    package static func pValue(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "not available" }
        if p < 0.001 { return "< 0.001" }
        if p >= 0.9995 { return "1.00" }
        return String(format: "%#.3g", p)
    }

    /// A p-value in prose: `p < 0.001`, `p = 0.0420`, `p not available`.
    package static func pPhrase(_ p: Double?) -> String {
        guard let p, p.isFinite else { return "p not available" }
        let value = pValue(p)
        return value.hasPrefix("<") ? "p \(value)" : "p = \(value)"
    }

    /// A statistic with `decimals` decimals, or "not available".
    package static func optional(_ x: Double?, _ decimals: Int) -> String {
        guard let x else { return "not available" }
        return fixed(x, decimals)
    }

    /// A deprivation value: ranks as whole numbers, scores with one decimal.
    package static func deprivation(_ x: Double, isRank: Bool) -> String {
        isRank && x == x.rounded() ? fixed(x, 0) : fixed(x, isRank ? 1 : 1)
    }
}
