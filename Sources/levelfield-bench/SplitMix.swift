/// SplitMix64: a tiny, fast, seedable generator. The bench files only need to be the same from
/// run to run (so that they can be cached and compared), and this uses integer operations only.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one (seed, stream) pair, independent of the others.
    init(seed: UInt64, stream: UInt64) {
        state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform integer in 0..<bound (a multiply-shift; the tiny bias does not matter here).
    mutating func below(_ bound: Int) -> Int {
        Int(((next() >> 32) &* UInt64(bound)) >> 32)
    }

    /// Uniform on [0, 1).
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
