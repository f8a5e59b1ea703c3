import LevelFieldModel

/// The release downloads of SPEC §9: `changes.csv` (what changed since the previous release) and
/// `releases.csv` (every release so far, which later builds read back and carry forward).
extension Downloads {
    /// Where the list of releases is written.
    package static let releasesPath = "downloads/releases.csv"
    /// Where the changes are written.
    package static let changesPath = "downloads/changes.csv"

    /// `changes.csv` and `releases.csv` for a build's release history.
    package static func releaseFiles(for history: ReleaseHistory) -> [OutputFile] {
        let tables = ReleaseTables()
        let releaseRows = history.releases.flatMap { release in
            release.inputs.isEmpty ? [(release, ReleaseInput?.none)] : release.inputs.map { (release, Optional($0)) }
        }
        return [tables.changes.file(history.changes.changes), tables.releases.file(releaseRows)]
    }
}

/// The definitions of the two release downloads.
struct ReleaseTables {
    let changes: DownloadTable<ReleaseChange>
    let releases: DownloadTable<(ReleaseRecord, ReleaseInput?)>

    /// Their codebook records, in file order.
    var codebookRecords: [[String]] { changes.codebookRecords + releases.codebookRecords }

    init() {
        let kinds = ReleaseChange.Kind.allCases.map(\.rawValue).joined(separator: " / ")
        changes = DownloadTable(
            path: Downloads.changesPath,
            summary: "What changed since the previous release (releases.csv lists them), one row per change, sorted by period (changes of no one period first), indicator, area_code and change. Only a header row for a first release. Counts are compared as published in each release's benchmarks.csv; a release of an older download schema is read under this schema's names.",
            columns: [
                .init("period", "The period the change concerns. Empty for a change of a whole indicator or an area's name.", unit: DownloadTables.periodLabel) { CSVCell.text($0.period?.label) },
                .init("indicator", "The indicator (as in benchmarks.csv). Empty for an area's name.", unit: DownloadTables.text) { $0.indicator },
                .init("area_code", "The area. Empty for a change of a whole period or indicator.", unit: "code") { CSVCell.text($0.areaCode?.rawValue) },
                .init("area_name", "The area's name in this release (in the previous one when it disappeared).", unit: DownloadTables.text) { $0.areaName },
                .init("change", "What changed: new_period (a period not published before; previous/current = number of areas), removed_period, new_indicator / removed_indicator (previous/current = number of periods), area_appeared / area_disappeared (an area with figures in one release only, in a period both publish; for a new period, an area no earlier period had, or an area of the previous latest period missing from the new one; previous/current = its denominator), area_renamed (previous/current = the names), revised_numerator / revised_denominator (a published count of an existing period × indicator × area that changed), standard_verdict_changed, adjusted_verdict_changed, funnel_verdict_changed (previous/current = the verdict words of benchmarks.csv).", unit: kinds) { $0.kind.rawValue },
                .init("previous", "The value in the previous release; empty when it had none.", unit: "count, verdict or name (see change)") { $0.previous },
                .init("current", "The value in this release; empty when it has none.", unit: "count, verdict or name (see change)") { $0.current },
            ])
        releases = DownloadTable(
            path: Downloads.releasesPath,
            summary: "Every release published to this site so far, newest first (this one first): one row per release and input file. Each release's downloads are kept unchanged under releases/<release>/downloads/. The next build reads this file to carry the list forward.",
            columns: [
                .init("release", "The release id (--release; by default the slug of the latest period, as in the periods/ page names). It names the release's archive folder.", unit: DownloadTables.text) { $0.0.id },
                .init("published_on", "The date the release is dated (its generated_on).", unit: "date (YYYY-MM-DD)") { $0.0.publishedOn },
                .init("latest_period", "The latest period the release published.", unit: DownloadTables.periodLabel) { $0.0.latestPeriod },
                .init("summary", "What the release changed, in one line (as on the overview and in the feed).", unit: DownloadTables.text) { $0.0.summary },
                .init("input_file", "One input file of the release, as named on its command line; empty when none is recorded.", unit: "path") { $0.1?.path ?? "" },
                .init("input_sha256", "SHA-256 of that input file's bytes, lower-case hex.", unit: "hex") { $0.1?.sha256 ?? "" },
            ])
    }
}
