import Foundation
import Testing
import TestSupport
@testable import LevelFieldCLI

/// The six indicators must not change a single recovery number: the schema-2 downloads' recovery
/// rows equal the schema-1 downloads written before the change (Fixtures/recovery-baseline).
@Suite("Recovery keeps every number of the schema-1 build")
struct RecoveryBaselineTests {
    static let fixtures = TestPaths.packageRoot.appendingPathComponent("Tests/CLITests/Fixtures/recovery-baseline")

    /// Schema-1 column → schema-2 column, per file.
    static let renames: [String: [String: String]] = [
        "benchmarks.csv": ["recovery_denominator": "denominator", "recovered": "numerator", "recovery_rate": "rate",
                           "target_status": "standard_verdict", "adjusted_status": "adjusted_verdict"],
        "agreement.csv": ["below_both": "worse_both", "below_target_only": "worse_first_only",
                          "below_adjusted_only": "worse_second_only", "below_neither": "worse_neither",
                          "percent_below_target": "percent_worse_first", "percent_below_adjusted": "percent_worse_second"],
        "model.csv": [:],
        "correlations.csv": [:],
    ]

    /// Schema-1 cell words → schema-2 words, per schema-1 column.
    static let words: [String: [String: String]] = [
        "target_status": ["below": "misses", "meets": "meets"],
        "adjusted_status": ["below": "worse", "within": "as_expected", "above": "better"],
        "variable": ["recovery_rate": "rate"],
    ]

    @Test("benchmarks, model, agreement and correlations: the recovery rows equal the schema-1 build, column by column")
    func recoveryRowsUnchanged() throws {
        let out = try temporaryDirectory()
        let result = run(["build", "--outcomes", Self.fixtures.appendingPathComponent("outcomes.csv").path,
                          "--deprivation", Self.fixtures.appendingPathComponent("deprivation.csv").path,
                          "--out", "site", "--date", "2026-01-01"], in: out)
        #expect(result.code == 0, "\(result.err)")
        for (file, rename) in Self.renames.sorted(by: { $0.key < $1.key }) {
            let old = try Self.table(Self.fixtures.appendingPathComponent(file))
            let new = try Self.table(out.appendingPathComponent("site/downloads/\(file)"))
            #expect(new.header[1] == "indicator", "\(file)")
            let recovery = new.rows.filter { row in
                row[new.column("indicator")] == "recovery"
                    && (file != "agreement.csv" || row[new.column("comparison")] == "standard_vs_adjusted")
            }
            #expect(recovery.count == old.rows.count, "\(file)")
            #expect(!old.rows.isEmpty)
            for (oldRow, newRow) in zip(old.rows, recovery) {
                for (index, name) in old.header.enumerated() {
                    let newName = rename[name] ?? name
                    let expected = Self.words[name]?[oldRow[index]] ?? oldRow[index]
                    #expect(newRow[new.column(newName)] == expected, "\(file) \(name) → \(newName) in \(oldRow.prefix(3))")
                }
            }
        }
        // The other indicators of these inputs are there too, and recovery's standard is 50.
        let benchmarks = try Self.table(out.appendingPathComponent("site/downloads/benchmarks.csv"))
        let indicators = Set(benchmarks.rows.map { $0[benchmarks.column("indicator")] })
        #expect(indicators == ["recovery", "reliable_recovery", "reliable_improvement", "reliable_deterioration"])
        #expect(benchmarks.rows.filter { $0[1] == "recovery" }.allSatisfy { $0[benchmarks.column("standard")] == "50" })
    }

    @Test("a build from the build's own benchmarks.csv gives the same benchmarks.csv")
    func readBack() throws {
        let out = try temporaryDirectory()
        let first = run(["build", "--outcomes", Self.fixtures.appendingPathComponent("outcomes.csv").path,
                         "--deprivation", Self.fixtures.appendingPathComponent("deprivation.csv").path,
                         "--out", "a", "--date", "2026-01-01"], in: out)
        #expect(first.code == 0, "\(first.err)")
        let benchmarks = out.appendingPathComponent("a/downloads/benchmarks.csv")
        let second = run(["build", "--outcomes", benchmarks.path, "--out", "b", "--date", "2026-01-01"], in: out)
        #expect(second.code == 0, "\(second.err)")
        let again = try String(contentsOf: out.appendingPathComponent("b/downloads/benchmarks.csv"), encoding: .utf8)
        #expect(again == (try String(contentsOf: benchmarks, encoding: .utf8)))
    }

    struct Table {
        var header: [String]
        var rows: [[String]]
        func column(_ name: String) -> Int { header.firstIndex(of: name) ?? -1 }
    }

    /// A small RFC 4180 reader (quoted fields, `""`), enough for LevelField's own downloads.
    static func table(_ url: URL) throws -> Table {
        let text = try String(contentsOf: url, encoding: .utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r" || c == "\n" {
                if c == "\r", chars.first == "\n" { chars.removeFirst() }
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return Table(header: records.first ?? [], rows: Array(records.dropFirst()))
    }
}
