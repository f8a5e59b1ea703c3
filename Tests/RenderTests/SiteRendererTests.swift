import Foundation
import LevelFieldModel
import Testing
import TestSupport
@testable import Render

@Suite("Site")
struct SiteRendererTests {
    @Test("an analysis finds each area by code whether its list is sorted (binary search) or not")
    func areaLookup() throws {
        var analysis = try #require(SiteFixture.large(areaCount: 57, periodCount: 2).analyses.first)
        let codes = analysis.areas.map(\.code)
        #expect(codes == codes.sorted())
        for code in codes { #expect(analysis.area(code)?.code == code) }
        #expect(analysis.area(AreaCode("not-an-area")) == nil)
        analysis.areas.reverse()
        for code in codes { #expect(analysis.area(code)?.code == code) }
        #expect(analysis.area(AreaCode("not-an-area")) == nil)
    }

    @Test("the fixture site matches its golden files, with no missing or extra file")
    func snapshots() throws {
        try SiteTestSupport.assertMatchesSnapshots(SiteTestSupport.renderFixture(), folder: "site")
    }

    @Test("the site has the overview, a page per period and per area, methods, data quality and the stylesheet")
    func pages() throws {
        let paths = try SiteTestSupport.renderFixture().map(\.path)
        let areas = SiteFixture.areas.map { "areas/\($0.0).html" }
        let charts = ["2014-15-q2", "2014-15-q3"].flatMap { ["charts/\($0)-scatter-wide.svg", "charts/\($0)-scatter-narrow.svg"] }
        let expected = ["assets/style.css", "changes.html", "data-quality.html", "index.html", "methods.html", "quality.html",
                        "periods/2014-15-q2.html", "periods/2014-15-q3.html", "releases.html"] + charts + areas
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
            // Every overview lists all areas, and the area's own page names it.
            if file.path.hasPrefix("periods/") || file.path == "areas/99X.html" || file.path == "index.html" {
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

    @Test("two periods with one slug, or codes differing only in case, are refused rather than overwritten")
    func pathCollisions() throws {
        let renderer = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory)
        var report = SiteFixture.report()
        report.analyses[1].period = Period("2014-15/Q2")
        #expect(throws: SiteError(location: report.periods[1].areas[0].observation.source,
                                  reason: .pathCollision("period 2014-15 Q2 → periods/2014-15-q2.html", "period 2014-15/Q2 → periods/2014-15-q2.html"))) {
            try renderer.render(report)
        }
        report = SiteFixture.report()
        report.analyses[1].areas[1].observation.areaCode = AreaCode("00c")
        #expect(throws: SiteError(location: report.periods[1].areas[1].observation.source,
                                  reason: .pathCollision("area 00C → areas/00c.html", "area 00c → areas/00c.html"))) {
            try renderer.render(report)
        }
    }

    @Test("every internal link resolves to a rendered file or a download, and every #fragment to an id")
    func links() throws {
        #expect(Self.checkLinks(try SiteTestSupport.renderFixture()) > 100)
    }

    @Test("a site the size of the real data (211 areas, 8 quarters) renders every page with working links")
    func scale() throws {
        let report = SiteFixture.large()
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report)
        #expect(files.count == 1 + 1 + 8 + 211 + 3 + 2 + 8 * 2)
        // Area pages all share one shape, so a few of them stand for the rest (scanning 20 MB is slow in debug builds).
        let sample: Set<String> = ["areas/A000.html", "areas/A105.html", "areas/A210.html"]
        #expect(Self.checkLinks(files, from: { !$0.hasPrefix("areas/") || sample.contains($0) }) > 11 * 211)
        // History labels are thinned so they cannot overlap; the table twin still lists every period.
        let area = SiteTestSupport.text(try #require(files.first { $0.path == "areas/A000.html" }))
        #expect(area.components(separatedBy: "<tr><th scope=\"row\"><a href=\"../periods/").count - 1 == 8)
    }

    /// Checks every href/src of every page; returns how many links were checked. Problems are
    /// collected and reported together (one expectation per link would dominate the run time).
    static func checkLinks(_ files: [OutputFile], from pages: ((String) -> Bool)? = nil,
                           sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let byPath = Dictionary(uniqueKeysWithValues: files.map { ($0.path, SiteTestSupport.text($0)) })
        let downloads = Set(SiteModel.downloads.map { "downloads/" + $0.file })
        var ids: [String: Set<String>] = [:]
        var problems: [String] = []
        var checked = 0
        for file in files where file.path.hasSuffix(".html") && (pages?(file.path) ?? true) {
            for link in attributeValues(in: byPath[file.path]!, names: ["href", "src"]) {
                if link.contains("://") || link.hasPrefix("/") { problems.append("non-relative link \(link) in \(file.path)") }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target = parts[0].isEmpty ? file.path : resolve(parts[0], from: file.path)
                // The feed and the release archive are written by the build (the CLI), not the renderer.
                let release = target == "feed.xml" || target.hasPrefix("releases/")
                if byPath[target] == nil && !downloads.contains(target) && !release { problems.append("\(file.path) links to missing \(link)") }
                if parts.count == 2, let page = byPath[target] {
                    if ids[target] == nil { ids[target] = Set(attributeValues(in: page, names: ["id"])) }
                    if !ids[target]!.contains(parts[1]) { problems.append("\(file.path) links to missing anchor \(link)") }
                }
                checked += 1
            }
        }
        #expect(problems.isEmpty, "\(problems.prefix(10).joined(separator: "\n"))", sourceLocation: sourceLocation)
        return checked
    }

    @Test("an area page does not grow with the number of areas: the others' points come from a shared file per period")
    func areaPagesStayLight() throws {
        let renderer = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory)
        func sizes(_ areaCount: Int) throws -> (area: Int, period: Int) {
            let files = try renderer.render(SiteFixture.large(areaCount: areaCount, periodCount: 2))
            let area = try #require(files.first { $0.path == "areas/A000.html" })
            let period = try #require(files.first { $0.path.hasPrefix("periods/") })
            #expect(SiteTestSupport.text(area).contains("<image href=\"../charts/"))
            #expect(!SiteTestSupport.text(area).contains("<details"), "nothing on an area page is hidden from print")
            return (area.bytes.count, period.bytes.count)
        }
        let small = try sizes(50), large = try sizes(400)
        // Names and numbers differ in length a little; the page must not carry 350 more areas.
        #expect(abs(large.area - small.area) < 500, "\(small.area) → \(large.area) bytes")
        #expect(large.period > 4 * small.period, "the period page holds every area")
    }

    @Test("pages made in parallel batches are written in order, and the first failure in order is the one reported")
    func batches() throws {
        struct Failure: Error, Equatable { let item: Int }
        var written: [String] = []
        try SiteRenderer.inBatches(Array(0..<150), batchSize: 16, make: { OutputFile(path: "\($0)", text: "") }, write: { written.append($0.path) })
        #expect(written == (0..<150).map(String.init))
        written = []
        #expect(throws: Failure(item: 70)) {
            try SiteRenderer.inBatches(Array(0..<150), batchSize: 16, make: { item in
                if item == 70 || item == 75 || item == 140 { throw Failure(item: item) }
                return OutputFile(path: "\(item)", text: "")
            }, write: { written.append($0.path) })
        }
        #expect(written == (0..<70).map(String.init))
    }

    @Test("every overview page links to every area page")
    func overviewsLinkToEveryArea() throws {
        let files = try SiteTestSupport.renderFixture()
        let areaPages = Set(files.map(\.path).filter { $0.hasPrefix("areas/") })
        for file in files where file.path == "index.html" || file.path.hasPrefix("periods/") {
            let links = Set(Self.attributeValues(in: SiteTestSupport.text(file), names: ["href"]).map { Self.resolve($0, from: file.path) })
            #expect(areaPages.isSubset(of: links), "\(file.path) misses \(areaPages.subtracting(links).sorted())")
        }
    }

    @Test("with --deprivation score the charts and tables use the IMD score")
    func scoreMeasure() throws {
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(SiteFixture.report(measure: .score))
        let index = SiteTestSupport.text(try #require(files.first { $0.path == "index.html" }))
        #expect(index.contains("IMD score (higher = more deprived; score points)"))
        #expect(index.contains("<th scope=\"col\" class=\"num\">IMD score</th>"))
        #expect(!index.contains("IMD rank"))
        // Darlington's score, 26.4, is its x.
        #expect(index.contains("<td>00C</td><td class=\"num\">26.4</td>"))
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

    @Test("a service-level (Provider) build says on every page that deprivation is a proxy; an area build does not")
    func serviceLevelProxyNote() throws {
        var report = SiteFixture.report()
        report.metadata.options.areaLevel = "Provider"
        let renderer = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory)
        for (serviceLevel, files) in [(true, try renderer.render(report)), (false, try SiteTestSupport.renderFixture())] {
            for file in files where file.path.hasSuffix(".html") {
                #expect(SiteTestSupport.text(file).contains("<strong>Services, not areas.</strong>") == serviceLevel, "\(file.path)")
            }
        }
    }

    @Test("area pages state both verdicts in words")
    func verdictsInWords() throws {
        let files = try SiteTestSupport.renderFixture()
        let report = SiteFixture.report()
        for area in report.periods[1].areas {
            let html = SiteTestSupport.text(try #require(files.first { $0.path == "areas/\(area.code.rawValue).html" }))
            let target = area.standardVerdict == .misses ? "Below the 50% target" : "Meets the 50% target"
            let adjusted = switch area.adjustedVerdict {
            case .worse: "Below its adjusted benchmark"
            case .asExpected: "Within its adjusted benchmark"
            case .better: "Above its adjusted benchmark"
            }
            #expect(html.contains("<strong>Flat target:</strong> \(target).") && html.contains("<strong>Adjusted benchmark:</strong> \(adjusted)."))
        }
    }

    @Test("area pages lead with the credible (funnel) verdict in plain words, and draw only their own point in the funnel")
    func credibleVerdictFirst() throws {
        let files = try SiteTestSupport.renderFixture()
        let report = SiteFixture.report()
        for area in report.periods[1].areas {
            let html = SiteTestSupport.text(try #require(files.first { $0.path == "areas/\(area.code.rawValue).html" }))
            let verdict = try #require(area.funnel?.verdict)
            let words = SiteModel.funnelWords(verdict, .recovery, adjusted: true)
            let lede = try #require(html.range(of: "<p class=\"lede credible\"><strong>\(words.capitalisedFirst).</strong>"))
            let latest = try #require(html.range(of: ">Latest result: <a"))
            #expect(lede.lowerBound < latest.lowerBound, "the credible verdict comes first")
            #expect(html.contains("aria-labelledby=\"funnel-area-title funnel-area-desc\""))
        }
        #expect(SiteModel.funnelWords(.asExpected, .recovery, adjusted: true) == "not distinguishable from areas with similar deprivation")
    }

    @Test("every period page has the flat and the adjusted funnel with table twins, and one sentence per comparison")
    func funnelsOnPeriodPages() throws {
        let files = try SiteTestSupport.renderFixture()
        let report = SiteFixture.report()
        for period in report.periods {
            let html = SiteTestSupport.text(try #require(files.first { $0.path == "periods/\(period.period.slug).html" }))
            for kind in FunnelKind.allCases {
                #expect(html.contains("aria-labelledby=\"funnel-\(kind.rawValue)-title funnel-\(kind.rawValue)-desc\""))
            }
            #expect(html.components(separatedBy: "each area’s limits and verdict</caption>").count - 1 == 2)
            for agreement in period.allAgreements {
                #expect(html.contains("\(agreement.worseBoth + agreement.worseFirstOnly) worse and"), "\(agreement.comparison)")
            }
            #expect(html.components(separatedBy: "<li>Of ").count - 1 == 3)
        }
        let methods = SiteTestSupport.text(try #require(files.first { $0.path == "methods.html" }))
        #expect(methods.contains("id=\"funnels\"") && methods.contains("<code>--overdispersion additive</code>"))
        #expect(methods.contains("φ̂ = 4.00 about the regression line"))
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
        report.analyses = []
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report)
        #expect(files.map(\.path) == ["assets/style.css", "changes.html", "data-quality.html", "index.html", "methods.html", "quality.html", "releases.html"])
        #expect(SiteTestSupport.text(files[3]).contains("No period had enough usable areas to analyse."))
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

    /// Values of the named attributes, in document order. Scans the UTF-8 bytes once for `="`
    /// (Foundation's string search is slow on Linux for 200+ pages of 100 kB).
    static func attributeValues(in html: String, names: [String]) -> [String] {
        let patterns = names.map { Array(" \($0)".utf8) }
        var html = html
        return html.withUTF8 { bytes in
            var out: [String] = []
            var i = 1
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "\""), bytes[i - 1] == UInt8(ascii: "=") {
                    let nameEnd = i - 1
                    if patterns.contains(where: { p in nameEnd >= p.count && bytes[(nameEnd - p.count)..<nameEnd].elementsEqual(p) }) {
                        var end = i + 1
                        while end < bytes.count && bytes[end] != UInt8(ascii: "\"") { end += 1 }
                        out.append(String(decoding: bytes[(i + 1)..<end], as: UTF8.self))
                        i = end
                    }
                }
                i += 1
            }
            return out
        }
    }

    /// A relative link resolved against the linking page's folder (`../x.html` from `areas/a.html` is `x.html`).
    static func resolve(_ link: String, from page: String) -> String {
        var path = Substring(link.prefix { $0 != "#" })
        if path.isEmpty { return page }
        var folder = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
        while path.hasPrefix("../") {
            path = path.dropFirst(3)
            folder = folder.lastIndex(of: "/").map { String(folder[..<$0]) } ?? ""
        }
        while path.hasPrefix("./") { path = path.dropFirst(2) }
        return folder.isEmpty ? String(path) : folder + "/" + path
    }
}
