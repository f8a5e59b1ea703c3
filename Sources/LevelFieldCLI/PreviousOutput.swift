import Foundation
import Ingest
import LevelFieldModel
import Releases
import Render

/// The previous output a build compares with and carries forward (SPEC §9): its list of
/// releases, the frozen archive of each under `releases/<id>/downloads/`, and its feed.
///
/// An output made before LevelField kept releases (no `downloads/releases.csv`, download
/// schema 1) is read as one release: its id is its latest period's slug, its date and inputs
/// come from its manifest, and its `downloads/` become that release's archive.
struct PreviousOutput {
    /// The folder as the user named it (for messages).
    var shown: String
    /// Earlier releases, newest first.
    var history: [ReleaseRecord]
    /// Every archived file, by path below the output folder, to be copied forward unchanged.
    var archive: [OutputFile]
    /// The previous feed's id and entries.
    var feed: AtomFeed.Carried?
    /// The manifest's `schema` (1 when absent) and `tool_version`.
    var schema: Int
    var toolVersion: String

    /// Reads the output in `folder`. Throws a PipelineError naming the file when the folder is not
    /// a LevelField output or a file cannot be read or understood.
    static func read(_ folder: URL, shown: String) throws -> PreviousOutput {
        let manifestURL = folder.appendingPathComponent(Downloads.manifestPath)
        let manifestName = "\(shown)/\(Downloads.manifestPath)"
        guard let data = FileManager.default.contents(atPath: manifestURL.path) else {
            throw PipelineError(message: "\(shown) is not a LevelField output (no \(Downloads.manifestPath)); give --previous DIR of an earlier output, or --previous none to start a new release history", code: ExitCode.usage)
        }
        guard let manifest = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
              manifest["tool"] as? String == "LevelField" else {
            throw PipelineError(message: "\(manifestName):1:1: error: not a LevelField manifest (no \"tool\": \"LevelField\"); give --previous none to start a new release history", code: ExitCode.dataError)
        }
        let schema = (manifest["schema"] as? Int) ?? 1
        let toolVersion = (manifest["tool_version"] as? String) ?? "unknown"
        let inputs = ((manifest["inputs"] as? [[String: Any]]) ?? []).map {
            ReleaseInput(path: ($0["path"] as? String) ?? "", sha256: ($0["sha256"] as? String) ?? "")
        }

        var archive = try files(below: folder.appendingPathComponent("releases"), as: "releases")
        // The archive is frozen: a file that no longer has the SHA-256 the previous manifest gave it was changed after publication.
        var published: [String: String] = [:]
        for output in (manifest["outputs"] as? [[String: Any]]) ?? [] {
            if let path = output["path"] as? String, let sha256 = output["sha256"] as? String { published[path] = sha256 }
        }
        for file in archive {
            if let sha256 = published[file.path], SHA256.hexDigest(of: file.bytes) != sha256 {
                throw PipelineError(message: "\(shown)/\(file.path): error: changed since it was published (its SHA-256 differs from \(manifestName)); an archived release is never rewritten: restore the file, or give --previous none to start a new release history", code: ExitCode.dataError)
            }
        }
        var history: [ReleaseRecord]
        let historyURL = folder.appendingPathComponent(Downloads.releasesPath)
        if FileManager.default.fileExists(atPath: historyURL.path) {
            let table = try CSVTable.read(path: historyURL.path, file: "\(shown)/\(Downloads.releasesPath)")
            history = try ReleaseLog.read(header: table.header, rows: table.rows, lines: table.lines, file: table.file)
        } else {
            // An output from before releases: it is one release, archived from its downloads/.
            let benchmarks = "\(shown)/downloads/benchmarks.csv"
            let table = try CSVTable.read(path: folder.appendingPathComponent("downloads/benchmarks.csv").path, file: benchmarks)
            let figures = try PublishedFigures.read(header: table.header, rows: table.rows, lines: table.lines, file: benchmarks)
            let latest = figures.latestPeriod
            let record = ReleaseRecord(id: latest?.slug ?? "release", publishedOn: (manifest["generated_on"] as? String) ?? "",
                                       latestPeriod: latest?.label ?? "",
                                       summary: "published before LevelField kept a release history", inputs: inputs)
            history = [record]
            archive += try files(below: folder.appendingPathComponent("downloads"), as: record.archiveFolder)
        }
        let feedURL = folder.appendingPathComponent(AtomFeed.path)
        let feed = FileManager.default.contents(atPath: feedURL.path).map { AtomFeed.carried(from: Array($0)) }
        archive.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return PreviousOutput(shown: shown, history: history, archive: archive, feed: feed, schema: schema, toolVersion: toolVersion)
    }

    /// The published figures of release `id`, from its archived `benchmarks.csv`.
    func figures(of id: String) throws -> PublishedFigures {
        let path = "releases/\(id)/downloads/benchmarks.csv"
        guard let file = archive.first(where: { $0.path == path }) else {
            throw PipelineError(message: "\(shown)/\(path): error: release \(id) is listed in \(Downloads.releasesPath) but its archived benchmarks.csv is missing; restore it, or give --previous none to start a new release history", code: ExitCode.dataError)
        }
        let table = try CSVTable.parse(file.bytes, file: "\(shown)/\(path)")
        return try PublishedFigures.read(header: table.header, rows: table.rows, lines: table.lines, file: table.file)
    }

    /// The names of the files in each release's archive folder.
    func archivedFiles(of id: String) -> [String] {
        let prefix = "releases/\(id)/downloads/"
        return archive.filter { $0.path.hasPrefix(prefix) }.map { String($0.path.dropFirst(prefix.count)) }
    }

    /// Every regular file below `folder` (recursively, hidden names skipped), at `prefix/relative path`.
    private static func files(below folder: URL, as prefix: String) throws -> [OutputFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else { return [] }
        var out: [OutputFile] = []
        var stack: [(URL, String)] = [(folder, prefix)]
        while let (url, path) = stack.popLast() {
            let names: [String]
            do { names = try manager.contentsOfDirectory(atPath: url.path).filter { !$0.hasPrefix(".") }.sorted() } catch {
                throw PipelineError(message: "cannot read \(url.path): \(error.localizedDescription)", code: ExitCode.ioError)
            }
            for name in names {
                let child = url.appendingPathComponent(name)
                let attributes = try? manager.attributesOfItem(atPath: child.path)
                let type = attributes?[.type] as? FileAttributeType
                if type == .typeDirectory {
                    stack.append((child, "\(path)/\(name)"))
                } else if type == .typeRegular {
                    guard let data = manager.contents(atPath: child.path) else {
                        throw PipelineError(message: "cannot read \(child.path)", code: ExitCode.ioError)
                    }
                    out.append(OutputFile(path: "\(path)/\(name)", bytes: Array(data)))
                }
            }
        }
        return out
    }
}
