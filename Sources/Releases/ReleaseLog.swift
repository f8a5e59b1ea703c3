import LevelFieldModel

/// The list of releases a build carries forward (`releases.csv`, newest first), and the rules
/// that keep it honest: ids name folders, a re-run replaces the latest release, and an older
/// release is never rewritten. Pure: the CLI reads and writes the files.
package enum ReleaseLog {
    /// The columns of `releases.csv`, in order: one row per release × input file (a release with
    /// no input has one row with the input cells empty), newest release first.
    package static let columns = ["release", "published_on", "latest_period", "summary", "input_file", "input_sha256"]

    /// True when `id` can name a folder: letters, digits, `.`, `_`, `-`, starting with a letter
    /// or digit, at most 100 characters.
    package static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, id.utf8.count <= 100, isAlphanumeric(first) else { return false }
        return id.utf8.allSatisfy { isAlphanumeric($0) || $0 == 0x2E || $0 == 0x5F || $0 == 0x2D }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }

    /// The earlier releases from the rows of a `releases.csv` (header and records as text).
    package static func read(header: [String], rows: [[String]], lines: [Int], file: String) throws(ReleaseError) -> [ReleaseRecord] {
        let names = header.map { $0.trimmingWhitespace().lowercased() }
        let missing = columns.filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw ReleaseError(location: SourceLocation(file: file, line: 1, column: 1), reason: .unrecognisedHistory(missing: missing))
        }
        let at = columns.map { names.firstIndex(of: $0)! }
        var records: [ReleaseRecord] = []
        for (index, row) in rows.enumerated() {
            let id = row[at[0]].trimmingWhitespace()
            guard isValidID(id) else {
                throw ReleaseError(location: SourceLocation(file: file, line: index < lines.count ? lines[index] : index + 2, column: at[0] + 1),
                                   reason: .invalidReleaseID(id))
            }
            if records.last?.id != id {
                records.append(ReleaseRecord(id: id, publishedOn: row[at[1]], latestPeriod: row[at[2]], summary: row[at[3]], inputs: []))
            }
            if !row[at[4]].isEmpty || !row[at[5]].isEmpty {
                records[records.count - 1].inputs.append(ReleaseInput(path: row[at[4]], sha256: row[at[5]]))
            }
        }
        return records
    }

    /// The releases after this build, newest first: `current` first, then `earlier` — without
    /// the latest earlier release when it has `current`'s id (a re-run replaces it). Throws when
    /// `current`'s id is that of an older release, whose archive is frozen.
    package static func merge(_ current: ReleaseRecord, into earlier: [ReleaseRecord], file: String) throws(ReleaseError) -> [ReleaseRecord] {
        var rest = earlier
        if rest.first?.id == current.id { rest.removeFirst() }
        if rest.contains(where: { $0.id == current.id }) {
            throw ReleaseError(location: SourceLocation(file: file, line: 1, column: 1),
                               reason: .frozenRelease(id: current.id, latest: earlier.first?.id ?? ""))
        }
        return [current] + rest
    }

    /// The release a build with id `currentID` is compared with: the newest earlier release of
    /// another id (so a re-run compares with the same release the replaced one did).
    package static func baseline(for currentID: String, in earlier: [ReleaseRecord]) -> ReleaseRecord? {
        earlier.first { $0.id != currentID }
    }

    /// One line saying what a release changed, as the overview, `releases.html` and the feed show
    /// it: "first release", or "1 new quarter, 37 figures revised, 5 areas changed verdict".
    /// `areaWord` is the plural noun for the units (`areas`, `services`).
    package static func summary(_ changes: ReleaseChanges, areaWord: String = "areas") -> String {
        guard changes.previousRelease != nil else { return "first release" }
        let periods = changes.newPeriods
        let word = periods.first.map(periodWord) ?? "period"
        let verdicts = changes.areasWithVerdictChange.count
        return [
            count(periods.count, word, word + "s", zero: "no new period", adjective: "new"),
            count(changes.revisedFigures, "figure", "figures", zero: "no figures", suffix: " revised"),
            verdicts == 0 ? "no verdict changed" : "\(verdicts) \(verdicts == 1 ? singular(areaWord) : areaWord) changed verdict",
        ].joined(separator: ", ")
    }

    private static func count(_ n: Int, _ one: String, _ many: String, zero: String, adjective: String? = nil, suffix: String = "") -> String {
        if n == 0 { return zero + suffix }
        let noun = n == 1 ? one : many
        return "\(n) " + (adjective.map { $0 + " " } ?? "") + noun + suffix
    }

    private static func singular(_ plural: String) -> String { plural.hasSuffix("s") ? String(plural.dropLast()) : plural }

    /// What a period label counts: `2014-15 Q2` a quarter, `2023-24` a year, `2024-03` a month,
    /// anything else a period. (`2011-12` reads as the financial year, not December 2011.)
    package static func periodWord(_ period: Period) -> String {
        let label = period.label
        func pair(_ text: Substring) -> (Int, Int)? {
            let bytes = Array(text.utf8)
            guard bytes.count == 7, bytes[4] == 0x2D,
                  bytes.enumerated().allSatisfy({ $0.offset == 4 || ($0.element >= 0x30 && $0.element <= 0x39) }) else { return nil }
            return (Int(String(text.prefix(4)))!, Int(String(text.suffix(2)))!)
        }
        if label.utf8.count == 10, let (start, end) = pair(label.prefix(7)), (start + 1) % 100 == end,
           label.dropFirst(7) == " Q1" || label.dropFirst(7) == " Q2" || label.dropFirst(7) == " Q3" || label.dropFirst(7) == " Q4" {
            return "quarter"
        }
        if let (start, end) = pair(label[...]) {
            if (start + 1) % 100 == end { return "year" }
            if (1...12).contains(end) { return "month" }
        }
        return "period"
    }
}
