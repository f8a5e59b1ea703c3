import Foundation
import Testing
@testable import Render

@Suite("Readable numbers")
struct ReadableNumberTests {
    @Test("the integer rounding of fixed() gives printf's bytes: seeded values, ties, tiny and huge, negative zero")
    func integerFixedMatchesPrintf() {
        var state: UInt64 = 2_024_1207
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 2.675, 1.005, 0.125, -0.04, -0.05, 99.95, 99.95000000000001,
                                49.999999, 1e-9, 123_456_789.5, 2e9, 1e20]
        for _ in 0..<20_000 {
            values.append((uniform() - 0.3) * 120)
            values.append((uniform() * 1000).rounded() / 20)   // many exact and near ties
            values.append((uniform() - 0.3) * 250_000)          // counts and large rates
        }
        var mismatches: [String] = []
        for x in values {
            for decimals in 0...4 {
                let printf = String(format: "%.\(decimals)f", x)
                if let ours = ReadableNumber.integerFixed(x, decimals), ours != printf { mismatches.append("\(x) \(decimals): \(ours) vs \(printf)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // Exact ties are left to printf; clear cases are not.
        #expect(ReadableNumber.integerFixed(0.125, 2) == nil && ReadableNumber.integerFixed(52.25, 1) == nil)
        #expect(ReadableNumber.integerFixed(52.349, 1) == "52.3" && ReadableNumber.integerFixed(-0.04, 1) == "-0.0"
                && ReadableNumber.integerFixed(0.07, 3) == "0.070")
        #expect(ReadableNumber.fixed(-0.04, 1) == "0.0")
        #expect(ReadableNumber.fixed(-1.25, 2) == "−1.25")
        #expect(ReadableNumber.percent(52.349) == "52.3%")
    }
}
