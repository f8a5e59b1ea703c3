import Foundation
import Testing
import TestSupport
@testable import LevelFieldCLI

/// Every file below `folder`, by relative path.
func tree(_ folder: URL) throws -> [String: Data] {
    var out: [String: Data] = [:]
    let root = folder.standardizedFileURL.resolvingSymlinksInPath().path
    guard let walker = FileManager.default.enumerator(atPath: root) else { return out }
    while let relative = walker.nextObject() as? String {
        let path = root + "/" + relative
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            out[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return out
}

func text(_ folder: URL, _ path: String) throws -> String {
    try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
}

/// The `<entry>…</entry>` blocks of a feed.
func entries(_ feed: String) -> [String] {
    feed.components(separatedBy: "<entry>").dropFirst().map { "<entry>" + $0.components(separatedBy: "</entry>")[0] + "</entry>" }
}

@Suite("Releases: a sequence of builds (SPEC §9)")
struct ReleaseSequenceTests {
    /// A tidy outcomes file: 12 areas, the given quarters; `revise` adds to `recovered` of (period, area).
    static func outcomes(_ periods: [String], revise: [String: Int] = [:]) -> String {
        var lines = ["period,area_code,area_name,referrals,finished_treatment,at_caseness,recovered,imd_rank"]
        for (p, period) in periods.enumerated() {
            for area in 1...12 {
                let code = String(format: "A%02d", area)
                let denominator = 150 + 37 * area % 90 + 5 * p
                let recovered = denominator * (38 + (area * 7 + p * 3) % 25) / 100 + revise["\(period) \(code)", default: 0]
                lines.append("\(period),\(code),Area \(area),\(denominator * 3),\(denominator + 20),\(denominator),\(recovered),\(area)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let quarters = ["2020-21 Q1", "2020-21 Q2", "2020-21 Q3"]

    /// Builds `site` in `dir` from `outcomes` text; returns the result.
    static func build(_ dir: URL, _ name: String, _ outcomes: String, _ extra: [String]) throws -> (code: Int32, out: String, err: String) {
        let file = dir.appendingPathComponent(name)
        try outcomes.write(to: file, atomically: true, encoding: .utf8)
        return run(["build", "--outcomes", file.path, "--out", "site", "--templates", BuildInputTests.templates] + extra, in: dir)
    }

    @Test("three releases: changes, the frozen archive, the feed; a re-run changes nothing; an older id and bad data change nothing")
    func synthetic() throws {
        let dir = try temporaryDirectory()
        let site = dir.appendingPathComponent("site")

        // Release 1: two quarters. A first release.
        var result = try Self.build(dir, "r1.csv", Self.outcomes(Array(Self.quarters.prefix(2))), ["--date", "2020-10-05"])
        #expect(result.code == 0, "\(result.err)")
        #expect(result.err.contains("release 2020-21-q2: no previous output: a first release"))
        let first = try tree(site)
        #expect(try text(site, "downloads/changes.csv") == "period,indicator,area_code,area_name,change,previous,current\r\n")
        #expect(try text(site, "changes.html").contains("is the first release"))
        #expect(first["releases/2020-21-q2/downloads/benchmarks.csv"] == first["downloads/benchmarks.csv"])
        #expect(first["releases/2020-21-q2/downloads/manifest.json"] == first["downloads/manifest.json"])
        #expect(entries(try text(site, "feed.xml")).count == 1)

        // Release 2: a third quarter.
        result = try Self.build(dir, "r2.csv", Self.outcomes(Self.quarters), ["--date", "2021-01-05"])
        #expect(result.code == 0, "\(result.err)")
        let second = try tree(site)
        #expect(try text(site, "downloads/changes.csv") == "period,indicator,area_code,area_name,change,previous,current\r\n2020-21 Q3,recovery,,,new_period,,12\r\n")
        #expect(try text(site, "index.html").contains("since the last release: 1 new quarter, no figures revised, no verdict changed."))
        for (path, bytes) in first where path.hasPrefix("releases/2020-21-q2/") {
            #expect(second[path] == bytes, "\(path) was rewritten")
        }
        #expect(second["releases/2020-21-q3/downloads/benchmarks.csv"] == second["downloads/benchmarks.csv"])
        let feed1 = entries(try text(dir.appendingPathComponent("site"), "feed.xml"))
        #expect(feed1.count == 2)

        // Release 3: the third quarter revised (three counts), under its own id.
        let revise = ["2020-21 Q3 A02": 30, "2020-21 Q3 A05": -25, "2020-21 Q2 A07": 4]
        result = try Self.build(dir, "r3.csv", Self.outcomes(Self.quarters, revise: revise), ["--date", "2021-02-01", "--release", "2020-21-q3-r"])
        #expect(result.code == 0, "\(result.err)")
        let third = try tree(site)
        let changes = try text(site, "downloads/changes.csv").split(separator: "\r\n").map(String.init)
        let revisions = changes.filter { $0.contains(",revised_") }
        #expect(revisions.count == 3)
        #expect(revisions.contains { $0.hasPrefix("2020-21 Q3,recovery,A02,Area 2,revised_numerator,") })
        #expect(revisions.contains { $0.hasPrefix("2020-21 Q2,recovery,A07,Area 7,revised_numerator,") })
        #expect(!changes.contains { $0.contains("new_period") })
        for (path, bytes) in second where path.hasPrefix("releases/") {
            #expect(third[path] == bytes, "\(path) was rewritten")
        }
        let releases = try text(site, "downloads/releases.csv").split(separator: "\r\n").dropFirst().map { $0.split(separator: ",")[0] }
        #expect(releases == ["2020-21-q3-r", "2020-21-q3", "2020-21-q2"])
        let feed = try text(site, "feed.xml")
        let feed3 = entries(feed)
        #expect(feed3.count == 3)
        #expect(Array(feed3.dropFirst()) == feed1, "earlier entries carried over verbatim")
        #expect(feed3[0].contains("<id>tag:levelfield.invalid,2026:releases/2020-21-q3-r</id>"))
        #expect(feed.contains("<updated>2021-02-01T00:00:00Z</updated>\n<author>"))
        let releasesPage = try text(site, "releases.html")
        #expect(releasesPage.range(of: "release-2020-21-q3-r")!.lowerBound < releasesPage.range(of: "release-2020-21-q2\"")!.lowerBound)

        // Re-running release 3 replaces it with itself: nothing changes.
        result = try Self.build(dir, "r3.csv", Self.outcomes(Self.quarters, revise: revise), ["--date", "2021-02-01", "--release", "2020-21-q3-r"])
        #expect(result.code == 0, "\(result.err)")
        #expect(try tree(site) == third)

        // An older release's id is refused; bad data stops the build; the output stays as it was.
        result = try Self.build(dir, "r4.csv", Self.outcomes(Self.quarters), ["--release", "2020-21-q2"])
        #expect(result.code == 64)
        #expect(result.err.contains("release 2020-21-q2 was published before the latest release (2020-21-q3-r) and its archive is frozen"))
        result = try Self.build(dir, "r5.csv", Self.outcomes(Self.quarters) + "2020-21 Q4,A01,Area 1,10,10,10,11,1\n", [])
        #expect(result.code == 65)
        #expect(try tree(site) == third)

        // A tampered archive file is refused.
        let tampered = site.appendingPathComponent("releases/2020-21-q2/downloads/model.csv")
        try Data("period\r\n".utf8).write(to: tampered)
        result = try Self.build(dir, "r3.csv", Self.outcomes(Self.quarters, revise: revise), ["--release", "2020-21-q3-r"])
        #expect(result.code == 65)
        #expect(result.err.contains("site/releases/2020-21-q2/downloads/model.csv: error: changed since it was published"))
        try third["releases/2020-21-q2/downloads/model.csv"]!.write(to: tampered)
        #expect(try text(site, "releases.html").contains("<a href=\"releases/2020-21-q3-r/downloads/changes.csv\">changes.csv</a>"))

        // --previous none starts a new history.
        let fresh = run(["build", "--outcomes", dir.appendingPathComponent("r3.csv").path, "--out", "fresh", "--previous", "none",
                         "--templates", BuildInputTests.templates], in: dir)
        #expect(fresh.code == 0, "\(fresh.err)")
        #expect(try tree(dir.appendingPathComponent("fresh")).keys.filter { $0.hasPrefix("releases/") }.allSatisfy { $0.hasPrefix("releases/2020-21-q3/") })
    }

    @Test("a previous output of download schema 1 (no release history) is read and archived; an unreadable one is reported, never ignored")
    func olderOutputs() throws {
        let dir = try temporaryDirectory()
        let old = dir.appendingPathComponent("old/downloads")
        try FileManager.default.createDirectory(at: old, withIntermediateDirectories: true)
        let manifest = #"{"tool": "LevelField", "tool_version": "0.9", "generated_on": "2020-10-01", "inputs": [{"path": "x.csv", "sha256": "abc"}]}"#
        try manifest.write(to: old.appendingPathComponent("manifest.json"), atomically: true, encoding: .utf8)
        var schema1 = ["period,area_code,area_name,imd_rank,recovery_denominator,recovered,recovery_rate,target_status,adjusted_status"]
        for area in 1...12 {
            let code = String(format: "A%02d", area)
            schema1.append("2020-21 Q1,\(code),Area \(area),\(area),100,\(area == 3 ? 20 : 50),50,meets,within")
        }
        try (schema1.joined(separator: "\r\n") + "\r\n").write(to: old.appendingPathComponent("benchmarks.csv"), atomically: true, encoding: .utf8)

        var result = try Self.build(dir, "r.csv", Self.outcomes(Array(Self.quarters.prefix(2))), ["--previous", "old"])
        #expect(result.code == 0, "\(result.err)")
        let site = dir.appendingPathComponent("site")
        let changes = try text(site, "downloads/changes.csv")
        #expect(changes.contains("2020-21 Q2,recovery,,,new_period,,12\r\n"))
        #expect(changes.contains("2020-21 Q1,recovery,A03,Area 3,revised_numerator,20,"))
        #expect(changes.contains("2020-21 Q1,recovery,A03,Area 3,revised_denominator,100,"))
        #expect(try text(site, "changes.html").contains("made by LevelField 0.9"))
        #expect(try text(site, "releases/2020-21-q1/downloads/benchmarks.csv") == schema1.joined(separator: "\r\n") + "\r\n")
        #expect(try text(site, "downloads/releases.csv").contains("2020-21-q1,2020-10-01,2020-21 Q1,published before LevelField kept a release history,x.csv,abc\r\n"))

        // A benchmarks.csv this version cannot compare: exit 65 naming the file, nothing written.
        try "period,area,rate\r\n2020-21 Q1,A01,50\r\n".write(to: old.appendingPathComponent("benchmarks.csv"), atomically: true, encoding: .utf8)
        let before = try tree(site)
        result = try Self.build(dir, "r.csv", Self.outcomes(Array(Self.quarters.prefix(2))), ["--previous", "old"])
        #expect(result.code == 65)
        #expect(result.err.contains("old/downloads/benchmarks.csv:1:1: error: not a LevelField benchmarks.csv this version can compare"))
        #expect(try tree(site) == before)
        result = try Self.build(dir, "r.csv", Self.outcomes(Array(Self.quarters.prefix(2))), ["--previous", "nowhere"])
        #expect(result.code == 64)
        #expect(result.err.contains("nowhere is not a LevelField output"))
    }

    @Test("three releases from the real annual files: 2017-18 … 2019-20, then 2020-21, then 2020-21 revised")
    func realAnnual() throws {
        guard let shared = TestPaths.sharedData else {
            print("skipped: ../shared/data not found")
            return
        }
        let dir = try temporaryDirectory()
        let annual = { (year: String) in shared.appendingPathComponent("nhs-annual/annual-\(year)-total.csv").path }
        let deprivation = ["--deprivation", shared.appendingPathComponent("deprivation/ccg-deprivation-by-period.csv").path]
        func build(_ files: [String], _ extra: [String]) -> (code: Int32, out: String, err: String) {
            run(["build", "--outcomes"] + files + deprivation + ["--out", "real", "--templates", BuildInputTests.templates] + extra, in: dir)
        }
        let site = dir.appendingPathComponent("real")
        let years = ["2017-18", "2018-19", "2019-20"].map(annual)
        var result = build(years, ["--date", "2020-09-01"])
        #expect(result.code == 0, "\(result.err)")
        result = build(years + [annual("2020-21")], ["--date", "2021-09-01"])
        #expect(result.code == 0, "\(result.err)")
        #expect(try text(site, "downloads/changes.csv").contains("2020-21,recovery,,,new_period,,"))
        let second = try tree(site)

        // A revised copy of 2020-21: the recovery count of three CCGs changed.
        var lines = try String(contentsOfFile: annual("2020-21"), encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].components(separatedBy: ",")
        let recovery = try #require(header.firstIndex(of: "Count_Recovery"))
        var revised: [String] = []
        for index in lines.indices.dropFirst() where revised.count < 3 {
            var fields = lines[index].components(separatedBy: ",")
            guard fields.count == header.count, fields[0] == "CCG", fields[3] == "Total", let count = Int(fields[recovery]), count > 100 else { continue }
            fields[recovery] = String(count + 10)
            revised.append("\(fields[1]),\(count),\(count + 10)")
            lines[index] = fields.joined(separator: ",")
        }
        let copy = dir.appendingPathComponent("revised")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        let revisedFile = copy.appendingPathComponent("annual-2020-21-total.csv")
        try lines.joined(separator: "\n").write(to: revisedFile, atomically: true, encoding: .utf8)
        result = build(years + [revisedFile.path], ["--date", "2021-10-01", "--release", "2020-21-revised"])
        #expect(result.code == 0, "\(result.err)")
        let changes = try text(site, "downloads/changes.csv")
        let revisions = changes.split(separator: "\r\n").filter { $0.contains(",revised_") }
        #expect(revisions.count == 3)
        for line in revised {
            let parts = line.split(separator: ",")
            #expect(changes.contains("2020-21,recovery,\(parts[0]),"), "\(parts[0])")
            #expect(revisions.contains { $0.hasPrefix("2020-21,recovery,\(parts[0]),") && $0.hasSuffix(",revised_numerator,\(parts[1]),\(parts[2])") })
        }
        let third = try tree(site)
        for (path, bytes) in second where path.hasPrefix("releases/") { #expect(third[path] == bytes, "\(path)") }
        #expect(third.keys.filter { $0.hasSuffix("/downloads/benchmarks.csv") && $0.hasPrefix("releases/") }.sorted()
                == ["releases/2019-20/downloads/benchmarks.csv", "releases/2020-21-revised/downloads/benchmarks.csv", "releases/2020-21/downloads/benchmarks.csv"])
        let feed = try text(site, "feed.xml")
        #expect(entries(feed).count == 3)
        #expect(try text(site, "index.html").contains("since the last release: no new period, 3 figures revised"))
    }
}
