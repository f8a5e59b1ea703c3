import Foundation
import LevelFieldModel

/// `feed.xml`: an Atom 1.0 feed (RFC 4287) with one entry per release, newest first, so readers
/// can subscribe to new editions (SPEC §9).
///
/// Entries of earlier releases are carried over **as written** from the previous feed (same id,
/// same text), so a feed reader never sees an old entry change; only this release's entry is
/// written afresh. Ids are stable: with `--site-url` an entry's id is the URL of its archive
/// folder, otherwise a `tag:` URI (RFC 4151) of a fixed authority and the release id. The feed's
/// own id is kept from the previous feed.
package enum AtomFeed {
    /// Where the feed is written, below the output folder.
    package static let path = "feed.xml"
    /// The `tag:` prefix of ids when no site URL is given. `levelfield.invalid` cannot be anyone's
    /// domain (RFC 2606), so these ids never collide with a real authority's.
    static let tagPrefix = "tag:levelfield.invalid,2026:"

    /// What a build keeps of the previous feed.
    package struct Carried: Equatable, Sendable {
        /// The feed's `<id>`, if it had one.
        package var feedID: String?
        /// Each entry's markup (`<entry>…</entry>`) by the release id its `<id>` ends with, in feed order.
        package var entries: [(releaseID: String, markup: String)]

        package static func == (a: Carried, b: Carried) -> Bool {
            a.feedID == b.feedID && a.entries.map(\.releaseID) == b.entries.map(\.releaseID) && a.entries.map(\.markup) == b.entries.map(\.markup)
        }
    }

    /// The feed id and entries of a feed LevelField wrote (text scanning, not a general XML parser:
    /// anything that is not an `<entry>…</entry>` with an `<id>` is ignored).
    package static func carried(from bytes: [UInt8]) -> Carried {
        let text = String(decoding: bytes, as: UTF8.self)
        var entries: [(String, String)] = []
        var rest = text[...]
        let head = text.range(of: "<entry>").map { text[..<$0.lowerBound] } ?? text[...]
        let feedID = element("id", in: head)
        while let start = rest.range(of: "<entry>"), let end = rest[start.upperBound...].range(of: "</entry>") {
            let markup = String(rest[start.lowerBound..<end.upperBound])
            if let id = element("id", in: markup[...]), let release = releaseID(ofEntryID: id) {
                entries.append((release, markup))
            }
            rest = rest[end.upperBound...]
        }
        return Carried(feedID: feedID, entries: entries)
    }

    /// The release id an entry id names: what follows its last `releases/` (a trailing `/` dropped).
    static func releaseID(ofEntryID id: String) -> String? {
        var id = id
        if id.hasSuffix("/") { id.removeLast() }
        guard let range = id.range(of: "releases/", options: .backwards) else { return nil }
        let release = String(id[range.upperBound...])
        return release.isEmpty ? nil : release
    }

    /// The text of the first `<name>…</name>` in `text`, unescaped.
    private static func element(_ name: String, in text: Substring) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text[open.upperBound...].range(of: "</\(name)>") else { return nil }
        return unescape(String(text[open.upperBound..<close.lowerBound]))
    }

    /// The feed for `history`: this release's entry, then the earlier releases' entries (carried
    /// over when the previous feed has them, else written from `releases.csv`'s record).
    /// `siteURL` (`--site-url`) makes links and new ids absolute; without it links are relative
    /// to the feed, which sits at the top of the site.
    package static func file(for history: ReleaseHistory, carried: Carried?, siteURL: String?, title: String) -> OutputFile {
        let base = siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        var entries: [String] = []
        for release in history.releases {
            if release.id != history.current.id, let old = carried?.entries.first(where: { $0.releaseID == release.id }) {
                entries.append(old.markup)
            } else {
                entries.append(entry(release, base: base, siteURL: siteURL))
            }
        }
        let updated = ([timestamp(history.current.publishedOn)] + entries.compactMap { element("updated", in: $0[...]) }).max() ?? ""
        let feedID = carried?.feedID ?? (siteURL != nil ? base + path : tagPrefix + "feed")
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom">
        <id>\(escape(feedID))</id>
        <title>\(escape(title))</title>
        <subtitle>Every release of the report: what each added and revised, with its input files and frozen downloads.</subtitle>
        <updated>\(escape(updated))</updated>
        <author><name>LevelField</name></author>
        <link rel="self" type="application/atom+xml" href="\(escape(base + path))"/>
        <link rel="alternate" type="text/html" href="\(escape(base + "releases.html"))"/>
        <generator>LevelField</generator>

        """
        for entry in entries { xml += entry + "\n" }
        xml += "</feed>\n"
        return OutputFile(path: path, text: xml)
    }

    /// The id of a release's entry.
    static func entryID(_ release: String, siteURL: String?) -> String {
        if let siteURL { return (siteURL.hasSuffix("/") ? siteURL : siteURL + "/") + "releases/\(release)/" }
        return tagPrefix + "releases/\(release)"
    }

    private static func entry(_ release: ReleaseRecord, base: String, siteURL: String?) -> String {
        let inputs = release.inputs.map { "\($0.path) (SHA-256 \($0.sha256))" }.joined(separator: "; ")
        let content = "Release \(release.id), dated \(release.publishedOn), data to \(release.latestPeriod): \(release.summary)."
            + (inputs.isEmpty ? "" : " Inputs: \(inputs).")
            + " Frozen downloads: \(base)\(release.archiveFolder)/."
        return """
        <entry>
        <id>\(escape(entryID(release.id, siteURL: siteURL)))</id>
        <title>\(escape("Release \(release.id): data to \(release.latestPeriod)"))</title>
        <updated>\(escape(timestamp(release.publishedOn)))</updated>
        <link rel="alternate" type="text/html" href="\(escape(base + "releases.html#release-" + release.id))"/>
        <link rel="related" type="application/json" href="\(escape(base + release.archiveFolder + "/manifest.json"))"/>
        <summary>\(escape(release.summary))</summary>
        <content type="text">\(escape(content))</content>
        </entry>
        """
    }

    /// An RFC 3339 time for a YYYY-MM-DD date (midnight UTC: releases are dated, not timed).
    static func timestamp(_ date: String) -> String { date + "T00:00:00Z" }

    /// Escapes text for XML content and attributes, dropping the control characters XML 1.0 forbids.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
