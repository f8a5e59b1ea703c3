import Foundation
import Testing
import TestSupport
@testable import Render

/// Shared helpers of the site tests: the real `Templates/` folder and the rendered fixture.
enum SiteTestSupport {
    static let templatesDirectory = TestPaths.packageRoot.appendingPathComponent("Templates")
    static let snapshotsDirectory = TestPaths.packageRoot.appendingPathComponent("Tests/RenderTests/Snapshots")

    static func renderFixture(isSynthetic: Bool = true) throws -> [OutputFile] {
        try SiteRenderer(templatesDirectory: templatesDirectory).render(SiteFixture.report(isSynthetic: isSynthetic))
    }

    static func text(_ file: OutputFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

    /// Compares files with golden copies under `Snapshots/<folder>/`. A missing snapshot is
    /// written and fails; with `LEVELFIELD_RECORD_SNAPSHOTS=1` a differing one is rewritten and fails.
    static func assertMatchesSnapshots(_ files: [OutputFile], folder: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let root = snapshotsDirectory.appendingPathComponent(folder)
        let record = ProcessInfo.processInfo.environment["LEVELFIELD_RECORD_SNAPSHOTS"] == "1"
        let fileManager = FileManager.default
        for file in files {
            let url = root.appendingPathComponent(file.path)
            guard let golden = fileManager.contents(atPath: url.path) else {
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.bytes).write(to: url)
                Issue.record("snapshot \(folder)/\(file.path) was missing; recorded it — check it and run again", sourceLocation: sourceLocation)
                continue
            }
            if Array(golden) != file.bytes {
                if record { try Data(file.bytes).write(to: url) }
                Issue.record("\(folder)/\(file.path) differs from its snapshot\(record ? " (re-recorded)" : "; set LEVELFIELD_RECORD_SNAPSHOTS=1 to re-record")",
                             sourceLocation: sourceLocation)
            }
        }
        // Snapshot files that the renderer no longer makes.
        let rendered = Set(files.map(\.path))
        if let enumerator = fileManager.enumerator(atPath: root.path) {
            for case let path as String in enumerator {
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue,
                   !rendered.contains(path) {
                    Issue.record("snapshot \(folder)/\(path) has no rendered file", sourceLocation: sourceLocation)
                }
            }
        }
    }
}
