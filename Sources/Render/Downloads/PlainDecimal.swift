/// Numbers as the downloads write them (SPEC §3.2): the shortest decimal that reads back as the
/// same `Double`, always in plain positional notation, POSIX style.
///
/// Swift's `description` already gives the shortest round-trip digits but switches to exponent
/// notation (`1e-05`, `1e+16`) that spreadsheets and some readers mangle, so the digits are
/// re-laid out here: `1e-20` → `0.00000000000000000001`, `1e+21` → `1000000000000000000000`.
/// Whole numbers lose the trailing `.0` (`100.0` → `100`) and `-0` is written `0`. No locale,
/// no thousands separators, so the text is identical on every machine.
package enum PlainDecimal {
    /// The plain-decimal text of `value`, or `nil` when it is NaN or infinite (written as an
    /// empty cell: not available).
    package static func string(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }
        let text = value.description
        // Most values (1e-4 ≤ |x| < 2⁵³) are already positional: only a whole number's `.0` goes.
        let utf8 = text.utf8
        if !utf8.contains(UInt8(ascii: "e")) {
            if utf8.count >= 2, utf8.last == UInt8(ascii: "0"), utf8[utf8.index(utf8.endIndex, offsetBy: -2)] == UInt8(ascii: ".") {
                return String(text.dropLast(2))
            }
            return text
        }
        return laidOut(value)
    }

    /// The general case: the shortest round-trip digits of `value` (finite, non-zero) laid out
    /// without an exponent. `string` uses it for every value whose `description` has one; the
    /// tests check it agrees with `string` on the others.
    static func laidOut(_ value: Double) -> String {
        let text = value.magnitude.description
        // Split `d.ddd` / `ddd` / `d.ddde±xx` into its digits and the position of the decimal point.
        var digits: [UInt8] = []
        var pointPosition: Int?
        var exponent = 0
        var bytes = text.utf8[...]
        while let byte = bytes.first, byte != UInt8(ascii: "e") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else {
                digits.append(byte)
            }
        }
        if bytes.first == UInt8(ascii: "e") {
            bytes = bytes.dropFirst()
            var sign = 1
            if bytes.first == UInt8(ascii: "-") { sign = -1; bytes = bytes.dropFirst() }
            else if bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            var magnitude = 0
            for byte in bytes { magnitude = magnitude * 10 + Int(byte - UInt8(ascii: "0")) }
            exponent = sign * magnitude
        }
        var point = (pointPosition ?? digits.count) + exponent
        // Leading zeros move the point; trailing zeros carry no information once it is placed.
        while digits.first == UInt8(ascii: "0") { digits.removeFirst(); point -= 1 }
        while digits.last == UInt8(ascii: "0") { digits.removeLast() }
        let zero = UInt8(ascii: "0")
        var out: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        if point <= 0 {
            out += [zero, UInt8(ascii: ".")] + Array(repeating: zero, count: -point) + digits
        } else if point >= digits.count {
            out += digits + Array(repeating: zero, count: point - digits.count)
        } else {
            out += digits[..<point] + [UInt8(ascii: ".")] + digits[point...]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
