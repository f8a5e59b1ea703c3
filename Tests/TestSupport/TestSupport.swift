import Foundation

/// Where the repository and the shared real data live, for tests.
package enum TestPaths {
    /// The package root (the folder holding Package.swift), found from this file's path.
    package static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    /// `../shared/data` beside the repository, or `LEVELFIELD_SHARED_DATA` when set; `nil` when absent
    /// (tests that need real data then skip with a message).
    package static let sharedData: URL? = {
        if let env = ProcessInfo.processInfo.environment["LEVELFIELD_SHARED_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        let candidate = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }()
}

/// Relative difference |a − b| / max(|b|, tiny), for tolerance checks against reference values.
package func relativeError(_ a: Double, _ b: Double) -> Double {
    if a == b { return 0 }
    return abs(a - b) / max(abs(b), Double.leastNormalMagnitude)
}

/// SplitMix64: a small seeded generator so shuffles and random cases are the same on every run.
package struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    /// A generator starting from `seed`.
    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
