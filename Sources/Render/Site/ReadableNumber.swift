import Foundation

/// Numbers rounded for reading on the site: fixed decimals, POSIX (`.` decimal point, no locale),
/// never `-0.0`. Downloads keep full precision; these are for people.
package enum ReadableNumber {
    /// `x` with exactly `decimals` decimals (`52.3`).
    package static func fixed(_ x: Double, _ decimals: Int) -> String {
        guard x.isFinite else { return x.isNaN ? "n/a" : (x > 0 ? "∞" : "−∞") }
        let text = integerFixed(x, decimals) ?? String(format: "%.\(decimals)f", x)
        // A value that rounds to zero prints without a sign.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// `String(format: "%.Nf")` without Foundation's formatter (a quarter of a large build's time
    /// went there): the scaled value rounded with integer arithmetic. The product |x|·10^N is off
    /// by at most 1e-7 below 1e9, so unless its fraction is within 1e-6 of one half the rounding
    /// goes the way printf's exact decimal rounding goes; near a tie it returns nil and the caller
    /// asks printf. Output is byte-identical to printf's (a test compares them).
    static func integerFixed(_ x: Double, _ decimals: Int) -> String? {
        guard (0...6).contains(decimals) else { return nil }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let y = abs(x) * scale
        guard y < 1e9 else { return nil }
        let whole = y.rounded(.down)
        let fraction = y - whole
        guard abs(fraction - 0.5) > 1e-6 else { return nil }
        var digits = String(Int(fraction > 0.5 ? whole + 1 : whole))
        if decimals > 0 {
            if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return x < 0 || (x == 0 && x.sign == .minus) ? "-" + digits : digits
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
