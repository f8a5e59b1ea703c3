import Foundation
import LevelFieldModel
import Testing
import TestSupport
@testable import Render

@Suite("Site")
struct SiteRendererTests {
    @Test("the fixture site matches its golden files, with no missing or extra file")
    func snapshots() throws {
        try SiteTestSupport.assertMatchesSnapshots(SiteTestSupport.renderFixture(), folder: "site")
    }

    @Test("the site has the overview, a page per period and per area, methods, data quality and the stylesheet")
    func pages() throws {
        let paths = try SiteTestSupport.renderFixture().map(\.path)
        let areas = SiteFixture.areas.map { "areas/\($0.0).html" }
        let expected = ["assets/style.css", "data-quality.html", "index.html", "methods.html",
                        "periods/2014-15-q2.html", "periods/2014-15-q3.html"] + areas
        #expect(paths == expected.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test("rendering is a pure function of the report")
    func deterministic() throws {
        #expect(try SiteTestSupport.renderFixture() == SiteTestSupport.renderFixture())
    }

    @Test("a hostile area name is escaped on every page and in every chart, never written raw")
    func hostileNameEscaped() throws {
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"
        for file in try SiteTestSupport.renderFixture() where file.path.hasSuffix(".html") {
            let html = SiteTestSupport.text(file)
            #expect(!html.contains("<script"), "raw <script in \(file.path)")
            #expect(!html.contains("\"Co\""), "raw quotes in \(file.path)")
            // Every overview lists all areas; every area page's table twin lists its period's areas.
            if file.path.hasPrefix("periods/") || file.path.hasPrefix("areas/") || file.path == "index.html" {
                #expect(html.contains(escaped), "escaped name missing from \(file.path)")
            }
        }
        let own = try #require(try SiteTestSupport.renderFixture().first { $0.path == "areas/99X.html" })
        let html = SiteTestSupport.text(own)
        // The chart labels and titles the highlighted area.
        let svg = try #require(html.range(of: "<svg").map { String(html[$0.lowerBound...]) })
        #expect(svg.contains("<title id=\"scatter-title\">\(escaped) among all areas"))
        let rate = try #require(SiteFixture.report().periods[1].area(AreaCode("99X"))).rate
        #expect(svg.contains(">\(escaped) (99X): \(ReadableNumber.percent(rate))</text>"))
        #expect(html.contains("<title>\(escaped) (99X) · LevelField</title>"))
    }

    @Test("an area code that is not [A-Za-z0-9]+ is refused as a file name, at the row's location")
    func unsafeCode() throws {
        let renderer = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory)
        for code in ["../etc", "A B", "x/y", "ÄB1"] {
            let report = SiteFixture.reportWithUnsafeCode(code)
            let location = report.periods[1].areas[0].observation.source
            #expect(throws: SiteError(location: location, reason: .unsafeAreaCode(code))) { try renderer.render(report) }
        }
        let error = SiteError(location: SourceLocation(file: "Data/outcomes.csv", line: 12, column: 1), reason: .unsafeAreaCode("../etc"))
        #expect(error.description == "Data/outcomes.csv:12:1: error: area code \"../etc\" cannot be used as a file name (only letters A–Z, a–z and digits 0–9 are allowed)")
    }

    @Test("every internal link resolves to a rendered file or a download, and every #fragment to an id")
    func links() throws {
        let files = try SiteTestSupport.renderFixture()
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, SiteTestSupport.text($0)) })
        let downloads = Set(SiteModel.downloads.map { "downloads/" + $0.file })
        var checked = 0
        for file in files where file.path.hasSuffix(".html") {
            for link in Self.attributeValues(in: byPath[file.path]!, names: ["href", "src"]) {
                #expect(!link.contains("://") && !link.hasPrefix("/") && !link.hasPrefix("//"), "non-relative link \(link) in \(file.path)")
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? file.path : Self.resolve(parts[0], from: file.path)
                #expect(byPath[target] != nil || downloads.contains(target), "\(file.path) links to missing \(link)")
                if parts.count == 2, let page = byPath[target] {
                    #expect(page.contains("id=\"\(parts[1])\""), "\(file.path) links to missing anchor \(link)")
                }
                checked += 1
            }
        }
        #expect(checked > 100)
    }

    @Test("every page links to all downloads, the methods and the data quality page")
    func everyPageLinksToDownloads() throws {
        for file in try SiteTestSupport.renderFixture() where file.path.hasSuffix(".html") {
            let links = Set(Self.attributeValues(in: SiteTestSupport.text(file), names: ["href"]).map { Self.resolve($0, from: file.path) })
            for download in SiteModel.downloads {
                #expect(links.contains("downloads/" + download.file), "\(file.path) lacks \(download.file)")
            }
            #expect(links.contains("methods.html") && links.contains("data-quality.html"), "\(file.path)")
        }
    }

    @Test("a synthetic build says so on every page; a real one does not; the footer credits sources, version and date")
    func bannerAndFooter() throws {
        for (synthetic, files) in [(true, try SiteTestSupport.renderFixture()), (false, try SiteTestSupport.renderFixture(isSynthetic: false))] {
            for file in files where file.path.hasSuffix(".html") {
                let html = SiteTestSupport.text(file)
                #expect(html.contains("<strong>Synthetic data.</strong>") == synthetic, "\(file.path)")
                #expect(html.contains("Contains public sector information licensed under the Open Government Licence v3.0."))
                #expect(html.contains("NHS Digital / NHS England") && html.contains("English Indices of Deprivation"))
                #expect(html.contains("LevelField 0.1.0 · generated on 2026-01-15"))
                #expect(!html.contains("<script") && !html.contains("http://www.w3.org/2000/svg\"") == !html.contains("<svg"))
            }
        }
    }

    @Test("area pages state both verdicts in words")
    func verdictsInWords() throws {
        let files = try SiteTestSupport.renderFixture()
        let report = SiteFixture.report()
        for area in report.periods[1].areas {
            let html = SiteTestSupport.text(try #require(files.first { $0.path == "areas/\(area.code.rawValue).html" }))
            let target = area.targetStatus == .below ? "Below the 50% target" : "Meets the 50% target"
            let adjusted = switch area.adjustedStatus {
            case .below: "Below its adjusted benchmark"
            case .within: "Within its adjusted benchmark"
            case .above: "Above its adjusted benchmark"
            }
            #expect(html.contains("<strong>Flat target:</strong> \(target).") && html.contains("<strong>Adjusted benchmark:</strong> \(adjusted)."))
        }
    }

    @Test("the data-quality page lists every ledger entry and the skipped rows")
    func ledger() throws {
        let html = SiteTestSupport.text(try #require(try SiteTestSupport.renderFixture().first { $0.path == "data-quality.html" }))
        let report = SiteFixture.report()
        for entry in report.ledger {
            #expect(html.contains("<tr><td>\(entry.sourceFile)</td><td class=\"num\">\(entry.line!)</td><td>\(entry.period!.label)</td><td>\(entry.areaCode!.rawValue)</td><td>\(escapeHTML(entry.reason.description))</td></tr>"))
        }
        #expect(html.contains("<tr><td>Data/outcomes.csv</td><td>OrgType England</td><td class=\"num\">2</td></tr>"))
        #expect(html.contains("<tr><th scope=\"row\">not a geographic area (commissioning hub or unknown)</th><td><code>not_geographic_area</code></td><td class=\"num\">2</td></tr>"))
    }

    @Test("a report with no analysable period still renders an index, methods and data quality")
    func emptyReport() throws {
        var report = SiteFixture.report()
        report.periods = []
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report)
        #expect(files.map(\.path) == ["assets/style.css", "data-quality.html", "index.html", "methods.html"])
        #expect(SiteTestSupport.text(files[2]).contains("No period had enough usable areas to analyse."))
    }

    @Test("a templates folder without a required page is refused")
    func missingTemplate() throws {
        let templates = try TemplateSet(files: ["style.css": "", "overview.html": "", "area.html": "", "methods.html": ""], folder: "Templates")
        #expect(throws: SiteError(location: LevelFieldModel.SourceLocation(file: "data-quality.html", line: 1, column: 1), reason: .missingTemplate("data-quality.html"))) {
            try SiteRenderer(templates: templates)
        }
    }

    @Test("the shipped templates all parse")
    func shippedTemplates() throws {
        let set = try TemplateSet(directory: SiteTestSupport.templatesDirectory)
        #expect(Set(set.pages.keys).isSuperset(of: SiteRenderer.requiredPages))
        #expect(Set(set.partials.keys) == ["head", "footer"])
    }

    // MARK: Helpers

    /// Values of the named attributes, in document order.
    static func attributeValues(in html: String, names: [String]) -> [String] {
        var out: [String] = []
        for name in names {
            var rest = html[...]
            while let range = rest.range(of: " \(name)=\"") {
                let after = rest[range.upperBound...]
                guard let end = after.firstIndex(of: "\"") else { break }
                out.append(String(after[..<end]))
                rest = after[end...]
            }
        }
        return out
    }

    /// A relative link resolved against the linking page's folder.
    static func resolve(_ link: String, from page: String) -> String {
        let path = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        if path.isEmpty { return page }
        var parts = page.split(separator: "/").dropLast().map(String.init)
        for component in path.split(separator: "/") {
            if component == ".." { if !parts.isEmpty { parts.removeLast() } } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }
}
