import Foundation
import Testing
import TestSupport
@testable import LevelFieldCLI

/// A console that records what the command printed.
final class Recorder: @unchecked Sendable {
    private let lock = NSLock()
    private var outLines: [String] = []
    private var errLines: [String] = []
    var out: String { lock.withLock { outLines.joined(separator: "\n") } }
    var err: String { lock.withLock { errLines.joined(separator: "\n") } }
    var console: Console {
        Console(out: { line in self.lock.withLock { self.outLines.append(line) } },
                err: { line in self.lock.withLock { self.errLines.append(line) } })
    }
}

/// Runs the command in `directory` as the project's executable would (input paths are given
/// absolute: ingest opens them as the process names them; `--out` resolves against `directory`).
func run(_ argv: [String], in directory: URL, epoch: String? = nil) -> (code: Int32, out: String, err: String) {
    let recorder = Recorder()
    let environment = Environment(currentDirectory: directory.path,
                                  executablePath: TestPaths.packageRoot.appendingPathComponent(".build/debug/levelfield").path,
                                  sourceDateEpoch: epoch)
    let code = LevelFieldCommand.run(argv, console: recorder.console, environment: environment)
    return (code, recorder.out, recorder.err)
}

func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("levelfield-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite("The levelfield command, end to end")
struct CommandTests {
    static let tidy = """
    period,area_code,area_name,referrals,finished_treatment,at_caseness,recovered,imd_rank
    2020-21,A1,Alpha,500,200,190,80,1
    2020-21,A2,Beta,*,220,200,95,2
    2020-21,A3,Gamma,450,210,205,110,3
    2020-21,A4,Delta,400,230,220,120,4
    2020-21,A5,"Epsilon, East",380,190,180,101,5
    2020-21,13Q,Commissioning Hub,30,20,19,9,
    """

    @Test("--version and --help print and exit 0")
    func versionAndHelp() throws {
        let dir = try temporaryDirectory()
        let version = run(["--version"], in: dir)
        #expect(version.code == 0)
        #expect(version.out == "levelfield \(LevelFieldVersion.current)")
        let help = run(["--help"], in: dir)
        #expect(help.code == 0)
        #expect(help.out.contains("levelfield build"))
        #expect(help.out.contains("EXIT CODES"))
    }

    @Test("a usage error prints the message and the usage and exits 64")
    func usageError() throws {
        let result = run(["build", "--target", "x"], in: try temporaryDirectory())
        #expect(result.code == 64)
        #expect(result.err.hasPrefix("levelfield: error: option '--target' expects a percentage, found 'x'"))
        #expect(result.err.contains("USAGE: levelfield build"))
        #expect(result.out.isEmpty)
    }

    @Test("check prints rows, areas, periods and the ledger by reason")
    func check() throws {
        let dir = try temporaryDirectory()
        try Self.tidy.write(to: dir.appendingPathComponent("o.csv"), atomically: true, encoding: .utf8)
        let result = run(["check", dir.appendingPathComponent("o.csv").path], in: dir)
        #expect(result.code == 0, "\(result.err)")
        #expect(result.out.contains("o.csv"))
        #expect(result.out.contains("Observations: 5 usable area-period rows, 5 areas, 1 period"))
        #expect(result.out.contains("Ledger: 1 row not used"))
        #expect(result.out.contains("not_geographic_area"))
    }

    @Test("impossible data stops with one located message, exit 65, and the old output untouched")
    func badDataLeavesOutputAlone() throws {
        let dir = try temporaryDirectory()
        let bad = Self.tidy.replacingOccurrences(of: "2020-21,A4,Delta,400,230,220,120,4", with: "2020-21,A4,Delta,400,230,220,221,4")
        try bad.write(to: dir.appendingPathComponent("bad.csv"), atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try "old".write(to: out.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        let result = run(["build", "--outcomes", dir.appendingPathComponent("bad.csv").path, "--out", "out"], in: dir)
        #expect(result.code == 65)
        #expect(result.err.contains("bad.csv:5:"))
        #expect(result.err.contains("error:"))
        #expect(try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["index.html"])
    }

    @Test("a missing file is an I/O error, exit 74")
    func missingFile() throws {
        let result = run(["check", "nope.csv"], in: try temporaryDirectory())
        #expect(result.code == 74)
        #expect(result.err.contains("nope.csv"))
    }

    @Test("summary --json prints the period's model and agreement")
    func summaryJSON() throws {
        let dir = try temporaryDirectory()
        try Self.tidy.write(to: dir.appendingPathComponent("o.csv"), atomically: true, encoding: .utf8)
        let result = run(["summary", "--outcomes", dir.appendingPathComponent("o.csv").path, "--json"], in: dir)
        #expect(result.code == 0, "\(result.err)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect(json["period"] as? String == "2020-21")
        let model = try #require(json["model"] as? [String: Any])
        #expect(model["areas"] as? Int == 5)
        #expect(json["synthetic"] as? Bool == false)
        // The funnels beside the existing numbers: φ̂, τ², the limits used and every verdict count.
        #expect(json["overdispersion"] as? String == "additive")
        let funnels = try #require(json["funnels"] as? [[String: Any]])
        #expect(funnels.map { $0["funnel"] as? String } == ["flat", "adjusted"])
        for funnel in funnels {
            #expect(funnel["phi"] is Double && funnel["tau2"] is Double && funnel["limits_used"] is String)
            let counts = ["worse_99_8", "worse_95", "as_expected", "better_95", "better_99_8"].compactMap { funnel[$0] as? Int }
            #expect(counts.count == 5 && counts.reduce(0, +) == funnel["areas"] as? Int)
        }
        let comparisons = try #require(json["funnel_agreement"] as? [[String: Any]])
        #expect(comparisons.map { $0["comparison"] as? String } == ["standard_vs_funnel", "adjusted_vs_funnel"])
        let text = run(["summary", "--outcomes", dir.appendingPathComponent("o.csv").path, "--overdispersion", "none"], in: dir)
        #expect(text.code == 0, "\(text.err)")
        #expect(text.out.contains("Flat funnel (around the 50% standard): φ̂ = ") && text.out.contains("Adjusted funnel (around each expected rate): φ̂ = "))
        #expect(text.out.contains("unadjusted limits"))
        #expect(text.out.contains("Funnel vs standard: ") && text.out.contains("Funnel vs adjusted benchmark: "))
    }

    @Test("summary --indicator summarises that indicator, in text and JSON; one the input lacks is exit 65")
    func summaryIndicator() throws {
        let dir = try temporaryDirectory()
        let tidy = """
            period,area_code,area_name,finished_treatment,at_caseness,recovered,waited_under_6_weeks,imd_rank
            2020-21,A1,Alpha,200,190,80,140,1
            2020-21,A2,Beta,220,200,95,170,2
            2020-21,A3,Gamma,210,205,110,190,3
            2020-21,A4,Delta,230,220,120,215,4
            """
        try tidy.write(to: dir.appendingPathComponent("o.csv"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("o.csv").path
        let json = run(["summary", "--outcomes", path, "--indicator", "wait_6_weeks", "--json"], in: dir)
        #expect(json.code == 0, "\(json.err)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        #expect(object["indicator"] as? String == "wait_6_weeks")
        #expect(object["standard"] as? Double == 75)
        let text = run(["summary", "--outcomes", path, "--indicator", "wait_6_weeks"], in: dir)
        #expect(text.out.hasPrefix("Period 2020-21, Started treatment within 6 weeks: 4 areas"))
        #expect(text.out.contains("Below the 75% standard: 1 of 4"))
        let recovery = run(["summary", "--outcomes", path], in: dir)
        #expect(recovery.out.hasPrefix("Period 2020-21, Recovery: 4 areas"))
        let absent = run(["summary", "--outcomes", path, "--indicator", "reliable_improvement"], in: dir)
        #expect(absent.code == 65)
    }

    @Test("build writes the site and downloads; two builds are byte-identical")
    func buildTwice() throws {
        let dir = try temporaryDirectory()
        try Self.tidy.write(to: dir.appendingPathComponent("o.csv"), atomically: true, encoding: .utf8)
        let first = run(["build", "--outcomes", dir.appendingPathComponent("o.csv").path, "--out", "a", "--templates", TestPaths.packageRoot.appendingPathComponent("Templates").path], in: dir)
        #expect(first.code == 0, "\(first.err)")
        let second = run(["build", "--outcomes", dir.appendingPathComponent("o.csv").path, "--out", "b", "--templates", TestPaths.packageRoot.appendingPathComponent("Templates").path], in: dir)
        #expect(second.code == 0, "\(second.err)")
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.appendingPathComponent("a").path).sorted()
        #expect(files == (try FileManager.default.subpathsOfDirectory(atPath: dir.appendingPathComponent("b").path)).sorted())
        for file in files where file.contains(".") {
            let a = try Data(contentsOf: dir.appendingPathComponent("a/\(file)"))
            let b = try Data(contentsOf: dir.appendingPathComponent("b/\(file)"))
            #expect(a == b, "\(file) differs")
        }
        #expect(files.contains("index.html"))
        #expect(files.contains("areas/A5.html"))
        #expect(files.contains("downloads/benchmarks.csv"))
        #expect(files.contains("downloads/manifest.json"))
        // The generated-on date comes from the data (end of 2020-21), never the clock.
        let index = try String(contentsOf: dir.appendingPathComponent("a/index.html"), encoding: .utf8)
        #expect(index.contains("2021-03-31"))
    }
}

@Suite("Builds from real and reordered inputs")
struct BuildInputTests {
    static let templates = TestPaths.packageRoot.appendingPathComponent("Templates").path

    @Test("the same input rows in another order give identical downloads (but for provenance: line numbers and hashes)")
    func rowOrder() throws {
        let dir = try temporaryDirectory()
        let lines = CommandTests.tidy.split(separator: "\n").map(String.init)
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("forward.csv"), atomically: true, encoding: .utf8)
        try ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n")
            .write(to: dir.appendingPathComponent("backward.csv"), atomically: true, encoding: .utf8)
        for name in ["forward", "backward"] {
            let result = run(["build", "--outcomes", dir.appendingPathComponent("\(name).csv").path, "--out", name, "--templates", Self.templates], in: dir)
            #expect(result.code == 0, "\(result.err)")
        }
        for file in ["benchmarks.csv", "model.csv", "agreement.csv", "correlations.csv", "codebook.csv"] {
            let forward = try String(contentsOf: dir.appendingPathComponent("forward/downloads/\(file)"), encoding: .utf8)
            let backward = try String(contentsOf: dir.appendingPathComponent("backward/downloads/\(file)"), encoding: .utf8)
            #expect(forward == backward, "\(file)")
        }
        // The ledger names each row's own line, so only that column (and the file name) differ.
        func ledgerWithoutProvenance(_ name: String) throws -> [String] {
            try String(contentsOf: dir.appendingPathComponent("\(name)/downloads/exclusions.csv"), encoding: .utf8)
                .split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).joined(separator: ",") }
        }
        #expect(try ledgerWithoutProvenance("forward") == ledgerWithoutProvenance("backward"))
    }

    @Test("build succeeds on the real annual files 2017-18 … 2021-22 and lists hubs and unmatched areas")
    func realAnnual() throws {
        guard let shared = TestPaths.sharedData else {
            print("skipped: ../shared/data not found")
            return
        }
        let dir = try temporaryDirectory()
        let files = ["2017-18", "2018-19", "2019-20", "2020-21", "2021-22"].map { shared.appendingPathComponent("nhs-annual/annual-\($0)-total.csv").path }
        let result = run(["build", "--outcomes"] + files + ["--deprivation", shared.appendingPathComponent("deprivation/ccg-deprivation-by-period.csv").path,
                          "--out", "real", "--templates", Self.templates], in: dir)
        #expect(result.code == 0, "\(result.err)")
        let model = try String(contentsOf: dir.appendingPathComponent("real/downloads/model.csv"), encoding: .utf8)
        let recoveryRows = model.split(separator: "\r\n").filter { $0.hasPrefix("period,") || $0.contains(",recovery,") }
        #expect(recoveryRows.map { $0.split(separator: ",").first.map(String.init) ?? "" }
                == ["period", "2017-18", "2018-19", "2019-20", "2020-21", "2021-22"])
        let exclusions = try String(contentsOf: dir.appendingPathComponent("real/downloads/exclusions.csv"), encoding: .utf8)
        for code in ["13Q", "13R", "14E", "UNKNOWN"] {
            #expect(exclusions.contains(",2017-18,\(code),not a geographic area"), "\(code) in 2017-18")
        }
        #expect(exclusions.contains(",2020-21,14R,no deprivation value for this area and period"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("real/areas/00C.html").path))
        let index = try String(contentsOf: dir.appendingPathComponent("real/index.html"), encoding: .utf8)
        #expect(!index.contains("Synthetic data"))
    }
}
