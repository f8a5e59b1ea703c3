import Foundation
import Ingest
import LevelFieldModel
import Releases
import Render

/// This build as a release (SPEC §9): what it is compared with, its history, and the files
/// that carry the history forward.
struct ReleaseStep {
    /// The history the site shows.
    var history: ReleaseHistory
    /// The previous feed, to carry its entries over.
    var carriedFeed: AtomFeed.Carried?
    /// Earlier releases' archived files, copied forward unchanged.
    var archive: [OutputFile]

    /// Where this release's downloads are archived.
    var archiveFolder: String { history.current.archiveFolder }

    /// Works out the release: reads the previous output (`--previous`, else `out` when it holds a
    /// LevelField output), compares its newest release of another id with `downloads` (this
    /// build's CSV files), and merges this release into the history.
    static func prepare(_ arguments: BuildArguments, report: Report, downloads: [OutputFile], out: URL, currentDirectory: String,
                        progress: (String) -> Void) throws -> ReleaseStep {
        let previous: PreviousOutput?
        switch arguments.previous {
        case "none":
            previous = nil
        case let folder?:
            previous = try PreviousOutput.read(URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL, shown: folder)
        case nil:
            let marker = out.appendingPathComponent(Downloads.manifestPath).path
            previous = FileManager.default.fileExists(atPath: marker) ? try PreviousOutput.read(out, shown: arguments.out) : nil
        }
        let latest = report.latest?.period
        let id = arguments.release ?? latest?.slug ?? "release"
        let earlier = previous?.history ?? []

        var changes = ReleaseChanges.firstRelease
        if let previous, let baseline = ReleaseLog.baseline(for: id, in: earlier) {
            guard let own = downloads.first(where: { $0.path == "downloads/benchmarks.csv" }) else {
                throw PipelineError(message: "this build wrote no downloads/benchmarks.csv to compare", code: ExitCode.failure)
            }
            let table = try CSVTable.parse(own.bytes, file: "downloads/benchmarks.csv")
            let current = try PublishedFigures.read(header: table.header, rows: table.rows, lines: table.lines, file: table.file)
            changes = ReleaseComparison.compare(previous: try previous.figures(of: baseline.id), current: current, previousRelease: baseline.id)
            if previous.toolVersion != LevelFieldVersion.current {
                changes.notes.append("Release \(baseline.id) was made by LevelField \(previous.toolVersion); this one by \(LevelFieldVersion.current).")
            }
        }
        let areaWord = report.metadata.options.areaLevel?.lowercased() == "provider" ? "services" : "areas"
        let ownFiles = (downloads.map(\.path) + [Downloads.changesPath, Downloads.releasesPath, Downloads.manifestPath])
            .map { String($0.split(separator: "/").last!) }.sorted()
        let record = ReleaseRecord(id: id, publishedOn: report.metadata.generatedOn, latestPeriod: latest?.label ?? "",
                                   summary: ReleaseLog.summary(changes, areaWord: areaWord),
                                   inputs: report.inputs.map { ReleaseInput(path: $0.path, sha256: $0.sha256) },
                                   archivedFiles: ownFiles)
        var releases = try ReleaseLog.merge(record, into: earlier, file: previous.map { "\($0.shown)/\(Downloads.releasesPath)" } ?? Downloads.releasesPath)
        for index in releases.indices.dropFirst() {
            releases[index].archivedFiles = previous?.archivedFiles(of: releases[index].id) ?? []
        }
        let replaced = "releases/\(id)/"
        let archive = (previous?.archive ?? []).filter { !$0.path.hasPrefix(replaced) }
        if let baseline = changes.previousRelease {
            progress("release \(id): compared with release \(baseline): \(record.summary)")
        } else {
            progress("release \(id): \(previous == nil ? "no previous output: a first release" : "a first release (the previous output has no other release)")")
        }
        return ReleaseStep(history: ReleaseHistory(releases: releases, changes: changes), carriedFeed: previous?.feed, archive: archive)
    }

    /// changes.csv, releases.csv, the feed, the earlier archive, and this release's archive copy
    /// of `downloads` plus the release downloads (the manifest's copy is added with the manifest).
    func files(downloads: [OutputFile], options: ReportOptions) -> (release: [OutputFile], other: [OutputFile]) {
        let releaseDownloads = Downloads.releaseFiles(for: history)
        let feed = AtomFeed.file(for: history, carried: carriedFeed, siteURL: options.siteURL,
                                 title: "LevelField: NHS Talking Therapies recovery, every release")
        let copies = (downloads + releaseDownloads).map { file in
            OutputFile(path: archiveFolder + "/" + file.path.split(separator: "/").last!, bytes: file.bytes)
        }
        return (releaseDownloads, [feed] + archive + copies)
    }
}
