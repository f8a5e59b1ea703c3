import Foundation
import Testing
import TestSupport
@testable import LevelFieldCLI

@Suite("hostile input through the command (SPEC §10)")
struct HostileInputCommandTests {
    static let header = "period,area_code,area_name,finished_treatment,at_caseness,recovered,imd_rank\n"
    static let good = "2020-21,A1,Alpha,200,190,80,1\n2020-21,A2,Beta,220,200,95,2\n2020-21,A3,Gamma,210,205,110,3\n"

    /// Data problems that once passed `check` or stopped `build` with another exit code, each
    /// with the line and column its message must point at.
    static let problems: [(name: String, text: String, at: String)] = [
        ("header-only", header, ":1:1: error: the file has a header row but no data rows"),
        ("empty", "", ":1:1: error: the file is empty"),
        ("case", header + good + "2020-21,a1,Other,10,8,4,4\n", ":5:1: error: area code 'a1' and area code 'A1'"),
        ("long-code", header + good + "2020-21,\(String(repeating: "X", count: 300)),Long,10,8,4,4\n", ":5:9: error: area code \"XXXX"),
        ("reserved", header + good + "2020-21,CON,Console,10,8,4,4\n", ":5:9: error: area code \"CON\" is a device name"),
        ("rank", header + good + "2020-21,A4,Delta,10,8,4,0\n", ":5:25: error: column 'imd_rank' expects an IMD rank"),
        ("at-caseness", header + good + "2020-21,A4,Delta,10,11,4,4\n", ":5:21: error: at caseness (11) exceeds finished treatment (10)"),
        ("period", header + good + "\(String(repeating: "P", count: 65)),A1,Alpha,10,8,4,1\n", ":5:1: error: period \"PPPP"),
        ("field", header + good + "2020-21,A4,\"\(String(repeating: "n", count: (1 << 20) + 1))\",10,8,4,4\n", ":5:12: error: a field longer than 1 MiB"),
    ]

    @Test("check and build stop on the same data problem with the same located message, exit 65",
          arguments: problems.map(\.name))
    func checkMatchesBuild(name: String) throws {
        let problem = try #require(Self.problems.first { $0.name == name })
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("\(name).csv").path
        try problem.text.write(toFile: path, atomically: true, encoding: .utf8)
        let check = run(["check", path], in: dir)
        let build = run(["build", "--outcomes", path, "--out", "out"], in: dir)
        #expect(check.code == 65 && build.code == 65)
        let checkError = check.err.split(separator: "\n").filter { $0.contains("error:") }
        let buildError = build.err.split(separator: "\n").filter { $0.contains("error:") }
        #expect(checkError.count == 1 && checkError == buildError, "\(check.err) | \(build.err)")
        #expect(checkError.first?.hasPrefix(path + problem.at) == true, "\(check.err)")
        #expect(!check.err.contains("USAGE") && !build.err.contains("USAGE"))
        #expect(checkError.first.map { $0.utf8.count < 400 } == true, "a short message")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("out").path))
    }

    @Test("a located template error is printed once, without a doubled prefix, exit 1")
    func templateErrorOnce() throws {
        let dir = try temporaryDirectory()
        let templates = dir.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: TestPaths.packageRoot.appendingPathComponent("Templates"), to: templates)
        try "<p>{{#open}}</p>\n".write(to: templates.appendingPathComponent("area.html"), atomically: true, encoding: .utf8)
        let path = dir.appendingPathComponent("o.csv").path
        try (Self.header + Self.good).write(toFile: path, atomically: true, encoding: .utf8)
        let result = run(["build", "--outcomes", path, "--out", "out", "--templates", templates.path], in: dir)
        #expect(result.code == 1)
        let errors = result.err.split(separator: "\n").filter { $0.contains("error:") }
        #expect(errors == ["Templates/area.html:1:4: error: section 'open' is never closed"], "\(result.err)")
    }

    @Test("check says when build will need --date because the latest period's end is unknown")
    func checkNotesDate() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("o.csv").path
        try (Self.header + Self.good.replacingOccurrences(of: "2020-21", with: "Spring")).write(toFile: path, atomically: true, encoding: .utf8)
        let check = run(["check", path], in: dir)
        #expect(check.code == 0)
        #expect(check.out.contains("Note: build will need --date: cannot tell when period 'Spring' ends; give --date YYYY-MM-DD"))
        #expect(run(["build", "--outcomes", path, "--out", "out"], in: dir).code == 64)
        #expect(run(["build", "--outcomes", path, "--out", "out", "--date", "2021-01-01"], in: dir).code == 0)
        let dated = run(["check", dir.appendingPathComponent("o.csv").path], in: dir, epoch: "1600000000")
        #expect(!dated.out.contains("Note:"))
        try (Self.header + Self.good).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(!run(["check", path], in: dir).out.contains("Note:"))
    }

    @Test("check /dev/zero stops at the field limit instead of reading for ever")
    func devZero() throws {
        let result = run(["check", "/dev/zero"], in: try temporaryDirectory())
        #expect(result.code == 65)
        #expect(result.err == "/dev/zero:1:1: error: a field longer than 1 MiB: LevelField reads fields of at most 1 MiB")
    }

    @Test("control characters from the data are escaped on the terminal")
    func terminalSafe() throws {
        let dir = try temporaryDirectory()
        let path = dir.appendingPathComponent("o.csv").path
        try (Self.header + "2020-21,A1,Alpha,\u{1B}[2J\u{07},190,80,1\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = run(["check", path], in: dir)
        #expect(result.code == 65)
        #expect(result.err.hasSuffix("found \"\\u{1B}[2J\\u{7}\""))
        #expect(!result.err.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}
