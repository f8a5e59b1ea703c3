// swift-tools-version: 6.0
import PackageDescription

// The pipeline, one module per stage: Ingest → Statistics → Benchmarking → Render, driven by a
// thin CLI. No package dependencies: the CSV parser, argument parser, template engine, SVG,
// SHA-256 and the statistical distributions are written here.
let package = Package(
    name: "LevelField",
    products: [
        .executable(name: "levelfield", targets: ["levelfield"]),
    ],
    targets: [
        .target(name: "LevelFieldModel"),
        .target(name: "Statistics", exclude: ["README.md"]),
        .target(name: "Ingest", dependencies: ["LevelFieldModel"], exclude: ["README.md"]),
        .target(name: "Benchmarking", dependencies: ["LevelFieldModel", "Statistics"], exclude: ["README.md"]),
        .target(name: "Render", dependencies: ["LevelFieldModel"]),
        // Compares a previous release's published tables with this one's (SPEC §9); pure, no I/O.
        .target(name: "Releases", dependencies: ["LevelFieldModel"]),
        .target(name: "LevelFieldCLI", dependencies: ["LevelFieldModel", "Ingest", "Benchmarking", "Render", "Releases"]),
        .executableTarget(name: "levelfield", dependencies: ["LevelFieldCLI"]),
        // Development tools, not shipped: the seeded synthetic dataset in Data/, and the scale benchmark.
        .executableTarget(name: "levelfield-datagen", dependencies: ["LevelFieldModel"]),
        .executableTarget(name: "levelfield-bench", dependencies: ["LevelFieldModel"]),

        .target(name: "TestSupport", dependencies: ["LevelFieldModel"], path: "Tests/TestSupport"),
        .testTarget(name: "LevelFieldModelTests", dependencies: ["LevelFieldModel", "TestSupport"]),
        .testTarget(name: "StatisticsTests", dependencies: ["Statistics", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "IngestTests", dependencies: ["Ingest", "TestSupport"]),
        .testTarget(name: "BenchmarkingTests", dependencies: ["Benchmarking", "Ingest", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "RenderTests", dependencies: ["Render", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "ReleasesTests", dependencies: ["Releases", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["LevelFieldCLI", "TestSupport"],
                    exclude: ["Fixtures"]),
    ],
    swiftLanguageModes: [.v6]
)

// libFuzzer harnesses (Linux), added only when LEVELFIELD_FUZZ=1: they call libFuzzer's driver,
// which only a `-sanitize=fuzzer` build links in, so an ordinary build could not link them.
// `Fuzz/run` builds them with `-sanitize=fuzzer,address` in .build-fuzz and runs them.
if Context.environment["LEVELFIELD_FUZZ"] == "1" {
    for (name, module) in [("fuzz-csv", "Ingest"), ("fuzz-readers", "Ingest"), ("fuzz-templates", "Render")] {
        package.targets.append(.executableTarget(
            name: name, dependencies: [.target(name: module)], path: "Fuzz/\(name)"))
    }
}
