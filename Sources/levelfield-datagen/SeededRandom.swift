/// xoshiro256** seeded through SplitMix64, with sampling built only from integer operations and
/// the IEEE basic operations (+ − × ÷, sqrt), which are correctly rounded everywhere. No libm
/// call is involved, so the same seed gives the same bytes on every platform.
struct SeededRandom {
    private var state: (UInt64, UInt64, UInt64, UInt64)

    /// Seeds the four state words from SplitMix64 (as the xoshiro authors recommend).
    init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// The next 64 random bits (xoshiro256**).
    mutating func nextBits() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    /// Uniform on [0, 1) with 53 random bits.
    mutating func uniform() -> Double {
        Double(nextBits() >> 11) * 0x1.0p-53
    }

    /// Uniform integer in 0..<bound (rejection sampling, no modulo bias).
    mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        let limit = UInt64.max - UInt64.max % b
        while true {
            let x = nextBits()
            if x < limit { return Int(x % b) }
        }
    }

    /// Approximately standard normal: the Irwin–Hall sum of 12 uniforms minus 6 (mean 0,
    /// variance 1, tails cut at ±6). Additions only, so it is exactly reproducible.
    mutating func normal() -> Double {
        var sum = 0.0
        for _ in 0..<12 { sum += uniform() }
        return sum - 6
    }

    /// Binomial(n, p) as n Bernoulli trials: exact, and fast enough for counts of a few thousand.
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        var successes = 0
        for _ in 0..<max(n, 0) where uniform() < p { successes += 1 }
        return successes
    }

    /// The elements in a uniformly random order (Fisher–Yates).
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var out = items
        var i = out.count - 1
        while i > 0 {
            let j = integer(below: i + 1)
            out.swapAt(i, j)
            i -= 1
        }
        return out
    }

    private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }
}

/// Functions the model needs, written with basic operations only (see `SeededRandom`).
enum PortableMath {
    /// e^x by range reduction x = k·ln2 + r, |r| ≤ ln2/2, and a 24-term Taylor series for e^r.
    /// Accurate to a few ulp for |x| < 700; identical on every IEEE platform.
    static func exp(_ x: Double) -> Double {
        precondition(x.isFinite && abs(x) < 700)
        let ln2 = 0.693_147_180_559_945_3
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0
        var sum = 1.0
        for n in 1...24 {
            term = term * r / Double(n)
            sum += term
        }
        return sum * Double(sign: .plus, exponent: Int(k), significand: 1)
    }

    /// The logistic function 1 / (1 + e^−x).
    static func logistic(_ x: Double) -> Double {
        1 / (1 + exp(-x))
    }
}
