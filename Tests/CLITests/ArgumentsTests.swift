import Testing
import LevelFieldModel
@testable import LevelFieldCLI

@Suite("Argument parser (a pure function)")
struct ArgumentsTests {
    @Test("build with no arguments uses the defaults of SPEC §4")
    func buildDefaults() throws {
        let invocation = try Arguments.parse(["build"])
        #expect(invocation == .build(BuildArguments()))
        guard case .build(let build) = invocation else { return }
        #expect(build.out == "site")
        #expect(build.analysis.targetPercent == 50)
        #expect(build.analysis.confidencePercent == 95)
        #expect(build.analysis.measure == .rank)
        #expect(build.inputs.outcomes.isEmpty)
    }

    @Test("a file option takes every argument up to the next option, so a shell glob works")
    func greedyFiles() throws {
        let invocation = try Arguments.parse(["build", "--outcomes", "a.csv", "b.csv", "--deprivation", "d.csv", "--out", "x"])
        guard case .build(let build) = invocation else { Issue.record("not a build"); return }
        #expect(build.inputs.outcomes == ["a.csv", "b.csv"])
        #expect(build.inputs.deprivation == ["d.csv"])
        #expect(build.out == "x")
    }

    @Test("repeated file options accumulate and --name=value is accepted")
    func repeatedAndInline() throws {
        let invocation = try Arguments.parse(["build", "--outcomes=a.csv", "--outcomes", "b.csv", "--target=60", "--date=2024-02-29"])
        guard case .build(let build) = invocation else { Issue.record("not a build"); return }
        #expect(build.inputs.outcomes == ["a.csv", "b.csv"])
        #expect(build.analysis.targetPercent == 60)
        #expect(build.date == "2024-02-29")
    }

    @Test("--deprivation rank|score chooses the measure, anything else is a file")
    func deprivationMeasureOrFile() throws {
        let invocation = try Arguments.parse(["summary", "--deprivation", "score", "--deprivation", "imd.csv", "./rank"])
        guard case .summary(let summary) = invocation else { Issue.record("not a summary"); return }
        #expect(summary.analysis.measure == .score)
        #expect(summary.inputs.deprivation == ["imd.csv", "./rank"])
    }

    @Test("check takes files as positional arguments with the ingest options")
    func check() throws {
        let invocation = try Arguments.parse(["check", "a.csv", "--area-level", "Provider", "b.csv", "--aggregate", "quarter"])
        guard case .check(let check) = invocation else { Issue.record("not a check"); return }
        #expect(check.inputs.outcomes == ["a.csv", "b.csv"])
        #expect(check.inputs.areaLevel == "Provider")
        #expect(check.inputs.aggregateToQuarter)
    }

    @Test("help and version in every spelling")
    func helpAndVersion() throws {
        #expect(try Arguments.parse(["--help"]) == .help(command: nil))
        #expect(try Arguments.parse(["-h"]) == .help(command: nil))
        #expect(try Arguments.parse(["help", "build"]) == .help(command: "build"))
        #expect(try Arguments.parse(["build", "--help"]) == .help(command: "build"))
        #expect(try Arguments.parse(["--version"]) == .version)
    }

    @Test("summary options: --json, --period, --confidence")
    func summaryOptions() throws {
        let invocation = try Arguments.parse(["summary", "--json", "--period", "2014-15 Q1", "--confidence", "99"])
        guard case .summary(let summary) = invocation else { Issue.record("not a summary"); return }
        #expect(summary.json)
        #expect(summary.analysis.period == "2014-15 Q1")
        #expect(summary.analysis.confidencePercent == 99)
    }

    @Test("--overdispersion chooses the funnels' method; additive by default")
    func overdispersion() throws {
        guard case .build(let plain) = try Arguments.parse(["build"]),
              case .summary(let chosen) = try Arguments.parse(["summary", "--overdispersion", "multiplicative"]) else {
            Issue.record("not parsed as build and summary")
            return
        }
        #expect(plain.analysis.overdispersion == .additive)
        #expect(chosen.analysis.overdispersion == .multiplicative)
    }

    @Test("usage errors say what is wrong", arguments: [
        ([], "no command given"),
        (["frobnicate"], "unknown command 'frobnicate'"),
        (["--frob"], "unknown option '--frob'; a command comes first"),
        (["build", "--out"], "option '--out' needs a value"),
        (["build", "--bogus", "1"], "unknown option '--bogus' for build"),
        (["build", "stray.csv"], "unexpected argument 'stray.csv'; give outcome files with --outcomes"),
        (["build", "--target", "abc"], "option '--target' expects a percentage, found 'abc'"),
        (["build", "--target", "150"], "option '--target' expects a percentage from 0 to 100, found '150'"),
        (["build", "--confidence", "100"], "option '--confidence' expects a percentage strictly between 0 and 100, found '100'"),
        (["build", "--aggregate", "month"], "--aggregate takes 'quarter', found 'month'"),
        (["build", "--overdispersion", "random"], "--overdispersion takes additive, multiplicative or none, found 'random'"),
        (["build", "--date", "2023-02-29"], "--date expects a date YYYY-MM-DD, found '2023-02-29'"),
        (["build", "--out", "a", "b"], "unexpected argument 'b'; give outcome files with --outcomes"),
        (["check"], "check needs at least one FILE"),
        (["summary", "--json=yes"], "option '--json' takes no value"),
        (["help", "nope"], "unknown command 'nope'"),
        (["build", "--site-url", "example.org"], "--site-url expects an absolute http:// or https:// URL, found 'example.org'"),
        (["build", "--site-url", "https://"], "--site-url expects an absolute http:// or https:// URL, found 'https://'"),
        (["build", "--site-url", "https://a b/"], "--site-url expects an absolute http:// or https:// URL, found 'https://a b/'"),
    ] as [([String], String)])
    func usageErrors(argv: [String], message: String) {
        #expect(throws: UsageError.self) { try Arguments.parse(argv) }
        do {
            _ = try Arguments.parse(argv)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test("--site-url is kept with one trailing slash")
    func siteURL() throws {
        for (given, kept) in [("https://example.org/levelfield", "https://example.org/levelfield/"), ("http://x.test/", "http://x.test/")] {
            guard case .build(let arguments) = try Arguments.parse(["build", "--site-url", given]) else {
                Issue.record("not a build")
                continue
            }
            #expect(arguments.siteURL == kept)
        }
        guard case .build(let none) = try Arguments.parse(["build"]) else { return }
        #expect(none.siteURL == nil)
    }

    @Test("a negative number is a value, not an option")
    func negativeValue() {
        #expect(throws: UsageError.self) { try Arguments.parse(["build", "--target", "-5"]) }
        do { _ = try Arguments.parse(["build", "--target", "-5"]) } catch {
            #expect(error.message == "option '--target' expects a percentage from 0 to 100, found '-5'")
        }
    }
}

@Suite("Generation date (never the clock)")
struct GenerationDateTests {
    @Test("--date wins over SOURCE_DATE_EPOCH and the data")
    func explicitWins() throws {
        #expect(try GenerationDate.resolve(explicit: "2020-01-02", sourceDateEpoch: "0", periods: [Period("2015-16 Q4")]) == "2020-01-02")
    }

    @Test("SOURCE_DATE_EPOCH is a UTC date")
    func epoch() throws {
        #expect(try GenerationDate.resolve(explicit: nil, sourceDateEpoch: "0", periods: []) == "1970-01-01")
        #expect(try GenerationDate.resolve(explicit: nil, sourceDateEpoch: "951782400", periods: []) == "2000-02-29")
        #expect(try GenerationDate.resolve(explicit: nil, sourceDateEpoch: "1700000000", periods: []) == "2023-11-14")
        #expect(throws: UsageError.self) { try GenerationDate.resolve(explicit: nil, sourceDateEpoch: "soon", periods: []) }
    }

    @Test("otherwise the last day of the latest period", arguments: [
        ("2015-16 Q4", "2016-03-31"), ("2014-15 Q1", "2014-06-30"), ("2014-15 Q2", "2014-09-30"),
        ("2014-15 Q3", "2014-12-31"), ("2021-22", "2022-03-31"), ("2024-02", "2024-02-29"), ("2023-02", "2023-02-28"),
        ("1999-00", "2000-03-31"),
    ])
    func periodEnds(label: String, end: String) throws {
        #expect(try GenerationDate.resolve(explicit: nil, sourceDateEpoch: nil, periods: [Period("2000-01"), Period(label)].filter { $0.label == label }) == end)
    }

    @Test("a label of unknown form asks for --date")
    func unknownForm() {
        #expect(GenerationDate.periodEnd(Period("Q2 2014")) == nil)
        #expect(GenerationDate.periodEnd(Period("2014-16")) == nil)
        #expect(throws: UsageError.self) { try GenerationDate.resolve(explicit: nil, sourceDateEpoch: nil, periods: [Period("autumn")]) }
    }

    @Test("--target takes a bare recovery percentage or ID=PERCENT pairs; --indicator picks summary's indicator")
    func standards() throws {
        guard case .build(let bare) = try Arguments.parse(["build", "--target", "55"]) else { Issue.record("not build"); return }
        #expect(bare.analysis.standardOverrides == [StandardOverride(indicatorID: "recovery", percent: 55)])
        guard case .build(let pairs) = try Arguments.parse(["build", "--target", "reliable_improvement=70,recovery=50"]) else { Issue.record("not build"); return }
        #expect(pairs.analysis.standardOverrides == [StandardOverride(indicatorID: "recovery", percent: 50),
                                                     StandardOverride(indicatorID: "reliable_improvement", percent: 70)])
        #expect(throws: UsageError.self) { try Arguments.parse(["build", "--target", "speed=5"]) }
        #expect(throws: UsageError.self) { try Arguments.parse(["build", "--target", "recovery=50,50"]) }
        guard case .summary(let summary) = try Arguments.parse(["summary", "--indicator", "wait_6_weeks"]) else { Issue.record("not summary"); return }
        #expect(summary.indicator == "wait_6_weeks")
        #expect(throws: UsageError.self) { try Arguments.parse(["summary", "--indicator", "speed"]) }
    }
}

@Suite("Release options")
struct ReleaseArgumentsTests {
    @Test("--previous, --release and --site-url are parsed; a bad release id or URL is a usage error")
    func releaseOptions() throws {
        let invocation = try Arguments.parse(["build", "--previous", "old", "--release", "2024-25-q1", "--site-url", "https://example.org/lf/"])
        guard case .build(let build) = invocation else { Issue.record("not a build"); return }
        #expect(build.previous == "old")
        #expect(build.release == "2024-25-q1")
        #expect(build.siteURL == "https://example.org/lf/")
        #expect(throws: UsageError("--release expects letters, digits, '.', '_' or '-' (starting with a letter or digit, at most 100), found '../x'", command: "build")) {
            try Arguments.parse(["build", "--release", "../x"])
        }
        #expect(throws: UsageError("--site-url expects an absolute http:// or https:// URL, found 'example.org'", command: "build")) {
            try Arguments.parse(["build", "--site-url", "example.org"])
        }
    }
}
