import Foundation
import Testing
import TestSupport
@testable import Render

@Suite("plain-decimal numbers for downloads")
struct DownloadNumberTests {
    @Test("small magnitudes are written without an exponent", arguments: [
        (1e-20, "0.00000000000000000001"),
        (1e-5, "0.00001"),
        (0.0001, "0.0001"),
        (1.5e-7, "0.00000015"),
        (-1e-7, "-0.0000001"),
        (1.2345e-10, "0.00000000012345"),
        (Double.leastNonzeroMagnitude, "0." + String(repeating: "0", count: 323) + "5"),
    ])
    func smallMagnitudes(value: Double, expected: String) {
        #expect(PlainDecimal.string(value) == expected)
    }

    @Test("large magnitudes are written without an exponent", arguments: [
        (1e21, "1000000000000000000000"),
        (1e16, "10000000000000000"),
        (1e15, "1000000000000000"),
        (1.2345678901234568e20, "123456789012345680000"),
        (-2.5e17, "-250000000000000000"),
        (123456780000000.0, "123456780000000"),
    ])
    func largeMagnitudes(value: Double, expected: String) {
        #expect(PlainDecimal.string(value) == expected)
    }

    @Test("ordinary values keep their shortest round-trip digits", arguments: [
        (2.5, "2.5"),
        (-2.5, "-2.5"),
        (1.0 / 3.0, "0.3333333333333333"),
        (-2.0 / 3.0, "-0.6666666666666666"),
        (0.1 + 0.2, "0.30000000000000004"),
        (52.87356321839081, "52.87356321839081"),
        (12.3456, "12.3456"),
    ])
    func ordinaryValues(value: Double, expected: String) {
        #expect(PlainDecimal.string(value) == expected)
    }

    @Test("whole numbers lose the trailing .0", arguments: [
        (100.0, "100"), (1.0, "1"), (-7.0, "-7"), (50.0, "50"), (32844.0, "32844"),
    ])
    func wholeNumbers(value: Double, expected: String) {
        #expect(PlainDecimal.string(value) == expected)
    }

    @Test("the fast path (positional `description`) agrees with the general layout at every magnitude")
    func fastPathAgrees() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [1e-4, 9.999999999999999e-5, 0.001, 1, 1.5, 100, 9007199254740991, 9007199254740992, 1e15, 1e16]
        for exponent in -8...18 {
            for _ in 0..<200 {
                let mantissa = Double.random(in: 1..<10, using: &generator)
                values.append(mantissa * pow(10, Double(exponent)))
                values.append((mantissa * pow(10, Double(exponent))).rounded())
            }
        }
        for value in values + values.map(-) where value != 0 {
            #expect(PlainDecimal.string(value) == PlainDecimal.laidOut(value), "\(value)")
        }
    }

    @Test("zero and negative zero are both 0")
    func zeros() {
        #expect(PlainDecimal.string(0.0) == "0")
        #expect(PlainDecimal.string(-0.0) == "0")
    }

    @Test("NaN and infinities have no text (an empty cell)")
    func nonFinite() {
        #expect(PlainDecimal.string(.nan) == nil)
        #expect(PlainDecimal.string(.infinity) == nil)
        #expect(PlainDecimal.string(-.infinity) == nil)
        #expect(CSVCell.number(.nan) == "")
        #expect(CSVCell.number(nil) == "")
    }

    @Test("the text reads back as exactly the same Double, in plain digits only")
    func roundTrip() {
        var generator = SeededGenerator(seed: 20_161_101)
        var values: [Double] = [.leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, .ulpOfOne,
                                0.1, 1e-300, 9.999999999999999e22, 4.35, 1e23, 2.0e-16]
        for _ in 0..<5_000 {
            // Random bit patterns cover every exponent, both signs and subnormals.
            let value = Double(bitPattern: generator.next())
            if value.isFinite { values.append(value) }
        }
        for scale in -30...30 { values.append(1.2345678901234567 * pow10(scale)) }
        for value in values {
            guard let text = PlainDecimal.string(value) else {
                Issue.record("no text for \(value)")
                continue
            }
            #expect(Double(text) == value, "\(value) → \(text)")
            #expect(text.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") },
                    "\(text) has characters other than digits, point and minus")
            #expect(!text.hasSuffix(".") && !text.hasPrefix("."), "\(text)")
            // Exactly the significant digits of the shortest round-trip form: none lost, none invented.
            #expect(significantDigits(text) == significantDigits(value.magnitude.description), "\(value) → \(text)")
        }
    }

    @Test("integers and booleans for CSV cells")
    func otherCells() {
        #expect(CSVCell.integer(0) == "0")
        #expect(CSVCell.integer(-12) == "-12")
        #expect(CSVCell.integer(1_234_567) == "1234567")
        #expect(CSVCell.integer(nil) == "")
        #expect(CSVCell.boolean(true) == "true")
        #expect(CSVCell.boolean(false) == "false")
        #expect(CSVCell.text(nil) == "")
    }

    private func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// Significant digits of a decimal or exponent-form number.
    private func significantDigits(_ text: String) -> Int {
        let mantissa = text.split(separator: "e").first.map(String.init) ?? text
        var digits = mantissa.filter(\.isNumber)
        while digits.first == "0" { digits.removeFirst() }
        while digits.last == "0" { digits.removeLast() }
        return digits.count
    }
}
