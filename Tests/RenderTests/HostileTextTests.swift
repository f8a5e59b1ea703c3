import Foundation
import LevelFieldModel
import Testing
import TestSupport
@testable import Render

@Suite("hostile text in pages and downloads (SPEC §10)")
struct HostileTextTests {
    /// The fixture's areas with the given names in place of the first ones.
    static func report(names: [String]) -> Report {
        var areas = SiteFixture.areas
        for (index, name) in names.enumerated() { areas[index].1 = name }
        return SiteFixture.report(areas: areas, periods: SiteFixture.periods, isSynthetic: true, measure: .rank)
    }

    // MARK: pages

    @Test("control characters become U+FFFD in HTML; tab, line breaks and other text are kept")
    func controlsReplaced() {
        #expect(escapeHTML("a\u{0}b\u{1B}[2J\u{07}\u{7F}\u{85}\u{9F}c") == "a\u{FFFD}b\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}c")
        #expect(escapeHTML("tab\tlf\ncr\r Ynys Môn € \u{A0}") == "tab\tlf\ncr\r Ynys Môn € \u{A0}")
        #expect(escapeHTML("\u{C2}") == "\u{C2}", "Â is not a control character")
    }

    @Test("a NUL or escape in an area name never reaches a page or chart raw")
    func namesWithControls() throws {
        let report = Self.report(names: ["Nul\u{0}name", "Esc\u{1B}[2Jname\u{07}"])
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report)
        var pagesWithName = 0
        for file in files where file.path.hasSuffix(".html") {
            for byte: UInt8 in [0x00, 0x1B, 0x07] {
                #expect(!file.bytes.contains(byte), "control byte \(byte) in \(file.path)")
            }
            if SiteTestSupport.text(file).contains("Nul\u{FFFD}name") { pagesWithName += 1 }
        }
        #expect(pagesWithName >= 2)
    }

    // MARK: downloads

    @Test("text cells a spreadsheet would run as formulas get a leading apostrophe", arguments: [
        ("=HYPERLINK(\"http://x\",\"click\")", "'=HYPERLINK(\"http://x\",\"click\")"),
        ("+1+1", "'+1+1"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"), ("-2+3", "'-2+3"), ("-", "'-"), ("-x", "'-x"),
        ("\tTab", "'\tTab"), ("\r=1", "'\r=1"), ("- 5", "'- 5"), ("-1.", "'-1."), ("-.5", "'-.5"),
    ])
    func formulasDisarmed(value: String, safe: String) {
        #expect(CSVWriter.spreadsheetSafe(value) == safe)
    }

    @Test("numbers and ordinary text are written as they are", arguments: [
        "-12.5", "-3", "0", "42", "0.000123", "Darlington", "", "A=B", "1+1", "'quoted", "NHS Hull CCG",
    ])
    func numbersUntouched(value: String) {
        #expect(CSVWriter.spreadsheetSafe(value) == value)
    }

    @Test("names that are formulas are disarmed in benchmarks.csv; negative statistics are not")
    func downloadsAreSafe() throws {
        let report = Self.report(names: ["=HYPERLINK(\"http://evil\",\"click\")", "+1+1", "@SUM(1+1)*cmd|' /C calc'!A0"])
        let files = Downloads.files(for: report)
        let benchmarks = String(decoding: try #require(files.first { $0.path == "downloads/benchmarks.csv" }).bytes, as: UTF8.self)
        #expect(benchmarks.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\","))
        #expect(benchmarks.contains(",'+1+1,"))
        #expect(benchmarks.contains(",'@SUM(1+1)*cmd|' /C calc'!A0,"))
        for line in benchmarks.split(separator: "\r\n") {
            for cell in line.split(separator: ",") {
                #expect(!"=+@".contains(cell.first ?? " "), "live formula cell \(cell)")
            }
        }
        // The model's slope on IMD rank is a number and may be negative: written plainly.
        let model = String(decoding: try #require(files.first { $0.path == "downloads/model.csv" }).bytes, as: UTF8.self)
        #expect(!model.contains("'"))
    }

    @Test("the codebook says how formula-like text is written")
    func codebookSaysSo() throws {
        let codebook = String(decoding: try #require(Downloads.files(for: SiteFixture.report()).first { $0.path == "downloads/codebook.csv" }).bytes,
                              as: UTF8.self)
        #expect(codebook.contains("leading apostrophe"))
        #expect(codebook.contains("numbers, negative ones included, are never changed"))
    }
}
