import Foundation
import LevelFieldModel
import Testing
@testable import Render

/// The release pages, downloads and feed (SPEC §9), from a hand-made history.
@Suite("Releases: pages, downloads and feed")
struct ReleasePagesTests {
    static let history: ReleaseHistory = {
        let changes = ReleaseChanges(previousRelease: "2014-15-q2", changes: [
            ReleaseChange(period: Period("2014-15 Q3"), indicator: "recovery", areaCode: nil, areaName: "", kind: .newPeriod, previous: "", current: "10"),
            ReleaseChange(period: Period("2014-15 Q2"), indicator: "recovery", areaCode: AreaCode("00C"), areaName: "Darlington",
                          kind: .revisedNumerator, previous: "140", current: "145"),
            ReleaseChange(period: Period("2014-15 Q2"), indicator: "recovery", areaCode: AreaCode("00C"), areaName: "Darlington",
                          kind: .adjustedVerdictChanged, previous: "worse", current: "as_expected"),
        ], notes: ["Release 2014-15-q2 was published in download schema 1."])
        let inputs = [ReleaseInput(path: "Data/outcomes.csv", sha256: String(repeating: "ab", count: 32))]
        return ReleaseHistory(releases: [
            ReleaseRecord(id: "2014-15-q3", publishedOn: "2015-01-05", latestPeriod: "2014-15 Q3",
                          summary: "1 new quarter, 1 figure revised, 1 area changed verdict", inputs: inputs,
                          archivedFiles: ["benchmarks.csv", "manifest.json"]),
            ReleaseRecord(id: "2014-15-q2", publishedOn: "2014-10-05", latestPeriod: "2014-15 Q2", summary: "first release & <b>",
                          inputs: [], archivedFiles: ["benchmarks.csv"]),
        ], changes: changes)
    }()

    static func render() throws -> [String: String] {
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(SiteFixture.report(), releases: history)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, SiteTestSupport.text($0)) })
    }

    @Test("the overview, changes page, releases page and the area's own page say what changed")
    func pages() throws {
        let pages = try Self.render()
        #expect(pages["index.html"]!.contains("Release 2014-15-q3: since the last release: 1 new quarter, 1 figure revised, 1 area changed verdict. <a href=\"changes.html\">What changed</a>"))
        #expect(!pages["periods/2014-15-q2.html"]!.contains("release-line"))
        let changes = pages["changes.html"]!
        #expect(changes.contains("compared with release 2014-15-q2 of 2014-10-05"))
        #expect(changes.contains("<h2 id=\"changed-revisions\">Revised figures (1)</h2>"))
        #expect(changes.contains("<tr><td>2014-15 Q2</td><td>Recovery</td><td><a href=\"areas/00C.html\">Darlington</a> (00C)</td><td>verdict against the adjusted benchmark changed</td><td class=\"num\">worse</td><td class=\"num\">as expected</td></tr>"))
        #expect(changes.contains("Release 2014-15-q2 was published in download schema 1."))
        let releases = pages["releases.html"]!
        let newer = try #require(releases.range(of: "id=\"release-2014-15-q3\""))
        let older = try #require(releases.range(of: "id=\"release-2014-15-q2\""))
        #expect(newer.lowerBound < older.lowerBound)
        #expect(releases.contains("<a href=\"releases/2014-15-q2/downloads/benchmarks.csv\">benchmarks.csv</a>"))
        #expect(releases.contains("first release &amp; &lt;b&gt;"))
        #expect(releases.contains("<td class=\"hash\">\(String(repeating: "ab", count: 32))</td>"))
        #expect(pages["areas/00C.html"]!.contains("<li>numerator revised in 2014-15 Q2 (Recovery): 140 → 145</li>"))
        #expect(pages["areas/00C.html"]!.contains("<li>verdict against the adjusted benchmark changed in 2014-15 Q2 (Recovery): worse → as expected</li>"))
        #expect(!pages["areas/00D.html"]!.contains("release-notes"))
        for (path, html) in pages where path.hasSuffix(".html") {
            #expect(html.contains("<link rel=\"alternate\" type=\"application/atom+xml\""), "\(path)")
        }
        #expect(SiteRendererTests.checkLinks(try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory)
            .render(SiteFixture.report(), releases: Self.history)) > 100)
    }

    @Test("changes.csv and releases.csv, and both in the codebook")
    func downloads() throws {
        let files = Downloads.releaseFiles(for: Self.history)
        #expect(files.map(\.path) == ["downloads/changes.csv", "downloads/releases.csv"])
        #expect(SiteTestSupport.text(files[0]) == """
            period,indicator,area_code,area_name,change,previous,current\r
            2014-15 Q3,recovery,,,new_period,,10\r
            2014-15 Q2,recovery,00C,Darlington,revised_numerator,140,145\r
            2014-15 Q2,recovery,00C,Darlington,adjusted_verdict_changed,worse,as_expected\r

            """)
        #expect(SiteTestSupport.text(files[1]) == """
            release,published_on,latest_period,summary,input_file,input_sha256\r
            2014-15-q3,2015-01-05,2014-15 Q3,"1 new quarter, 1 figure revised, 1 area changed verdict",Data/outcomes.csv,\(String(repeating: "ab", count: 32))\r
            2014-15-q2,2014-10-05,2014-15 Q2,first release & <b>,,\r

            """)
        let codebook = SiteTestSupport.text(Downloads.files(for: SiteFixture.report()).first { $0.path == "downloads/codebook.csv" }!)
        for column in ["period", "indicator", "area_code", "area_name", "change", "previous", "current"] {
            #expect(codebook.contains("downloads/changes.csv,\(column),"))
        }
        for column in ["release", "published_on", "latest_period", "summary", "input_file", "input_sha256"] {
            #expect(codebook.contains("downloads/releases.csv,\(column),"))
        }
    }

    @Test("the feed has one entry per release, ids from a tag: URI or the site URL, and carries old entries over verbatim")
    func feed() throws {
        let first = AtomFeed.file(for: Self.history, carried: nil, siteURL: nil, title: "T & co")
        let text = SiteTestSupport.text(first)
        #expect(first.path == "feed.xml")
        #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<id>tag:levelfield.invalid,2026:feed</id>\n<title>T &amp; co</title>"))
        #expect(text.contains("<updated>2015-01-05T00:00:00Z</updated>\n<author><name>LevelField</name></author>"))
        #expect(text.components(separatedBy: "<entry>").count - 1 == 2)
        #expect(text.contains("<id>tag:levelfield.invalid,2026:releases/2014-15-q3</id>"))
        #expect(text.contains("<summary>first release &amp; &lt;b&gt;</summary>"))

        // A later build with a site URL: the old entries and the feed id stay as they were.
        let carried = AtomFeed.carried(from: first.bytes)
        #expect(carried.feedID == "tag:levelfield.invalid,2026:feed")
        #expect(carried.entries.map(\.releaseID) == ["2014-15-q3", "2014-15-q2"])
        var later = Self.history
        later.releases.insert(ReleaseRecord(id: "2014-15-q4", publishedOn: "2015-04-05", latestPeriod: "2014-15 Q4",
                                            summary: "1 new quarter", inputs: []), at: 0)
        let next = SiteTestSupport.text(AtomFeed.file(for: later, carried: carried, siteURL: "https://example.org/lf", title: "T & co"))
        #expect(next.contains("<id>https://example.org/lf/releases/2014-15-q4/</id>"))
        #expect(next.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/lf/feed.xml\"/>"))
        #expect(next.contains("<id>tag:levelfield.invalid,2026:feed</id>"))
        for entry in carried.entries { #expect(next.contains(entry.markup)) }
        #expect(next.contains("<updated>2015-04-05T00:00:00Z</updated>\n<author>"))
        #expect(AtomFeed.releaseID(ofEntryID: "https://example.org/lf/releases/r1/") == "r1")
        #expect(AtomFeed.escape("a\u{1}b<") == "ab&lt;")
    }
}
