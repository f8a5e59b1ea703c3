import Foundation
import LevelFieldModel
import Testing
@testable import Render

/// A scratch folder per test, removed afterwards.
private final class Scratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("levelfield-publish-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        let url = self.url(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// Every file and folder below `path`: relative path → contents (`<folder>` for folders).
    func tree(_ path: String) -> [String: String] {
        let base = url(path)
        var result: [String: String] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return result }
        while let relative = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: base.appendingPathComponent(relative).path, isDirectory: &isDirectory)
            result[relative] = isDirectory.boolValue
                ? "<folder>"
                : (try? String(contentsOf: base.appendingPathComponent(relative), encoding: .utf8)) ?? "<unreadable>"
        }
        return result
    }

    /// The names directly in the scratch root.
    func rootEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root.path).sorted()
    }

    /// An earlier LevelField output at `path`, with an extra file the new build does not make.
    func earlierOutput(at path: String) throws {
        try write("\(path)/index.html", "old index")
        try write("\(path)/old-only.html", "only in the old build")
        try write("\(path)/downloads/manifest.json", "{}")
    }
}

private struct InjectedFailure: Error {}

private let newBuild = [
    OutputFile(path: "index.html", text: "new index"),
    OutputFile(path: "areas/00C.html", text: "Darlington"),
    OutputFile(path: "downloads/benchmarks.csv", text: "period\r\n"),
    OutputFile(path: "downloads/manifest.json", text: "{\"tool\": \"LevelField\"}\n"),
]

private let newTree = [
    "index.html": "new index",
    "areas": "<folder>",
    "areas/00C.html": "Darlington",
    "downloads": "<folder>",
    "downloads/benchmarks.csv": "period\r\n",
    "downloads/manifest.json": "{\"tool\": \"LevelField\"}\n",
]

@Suite("publishing the output folder")
struct PublishTests {
    @Test("a new folder is created, with a missing parent, and nothing else is left beside it")
    func newFolder() throws {
        let scratch = try Scratch()
        try Publisher.publish(newBuild, to: scratch.url("deep/er/site"))
        #expect(scratch.tree("deep/er/site") == newTree)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url("deep/er").path) == ["site"])
    }

    @Test("an earlier output is replaced entirely: files the new build lacks are gone")
    func replacesFully() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        try Publisher.publish(newBuild, to: scratch.url("site"))
        #expect(scratch.tree("site") == newTree)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("publishing the same files twice gives the same folder")
    func idempotent() throws {
        let scratch = try Scratch()
        try Publisher.publish(newBuild, to: scratch.url("site"))
        try Publisher.publish(newBuild, to: scratch.url("site"))
        #expect(scratch.tree("site") == newTree)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("an empty existing folder is replaced")
    func emptyFolder() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(at: scratch.url("site"), withIntermediateDirectories: false)
        try Publisher.publish(newBuild, to: scratch.url("site"))
        #expect(scratch.tree("site") == newTree)
    }

    @Test("a write the system refuses (a name too long) leaves the old output exactly as it was")
    func realWriteFailure() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let tooLong = String(repeating: "a", count: 300) + ".html"
        #expect {
            try Publisher.publish(newBuild + [OutputFile(path: "areas/\(tooLong)", text: "x")], to: scratch.url("site"))
        } throws: { error in
            guard let error = error as? PublishError, case .cannotWrite = error.reason else { return false }
            return error.path == "areas/\(tooLong)"
        }
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a write failing midway leaves the old output untouched and no staging folder")
    func injectedWriteFailure() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let failing = FileOperations(
            write: { url, bytes in
                if url.lastPathComponent == "benchmarks.csv" { throw InjectedFailure() }
                try FileOperations.system.write(url, bytes)
            },
            move: FileOperations.system.move)
        #expect {
            try Publisher.publish(newBuild, to: scratch.url("site"), using: failing)
        } throws: { error in
            guard let error = error as? PublishError, case .cannotWrite = error.reason else { return false }
            return error.path == "downloads/benchmarks.csv"
        }
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a failing swap puts the old output back")
    func injectedSwapFailure() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let failing = FileOperations(
            write: FileOperations.system.write,
            move: { from, to in
                if from.lastPathComponent.hasSuffix("levelfield-staging") { throw InjectedFailure() }
                try FileOperations.system.move(from, to)
            })
        #expect {
            try Publisher.publish(newBuild, to: scratch.url("site"), using: failing)
        } throws: { error in
            guard let error = error as? PublishError, case .cannotReplace = error.reason else { return false }
            return true
        }
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a file path that is also a folder path is refused before anything is written")
    func fileFolderCollision() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let colliding = newBuild + [OutputFile(path: "areas", text: "a file where a folder must be")]
        #expect(throws: PublishError(path: "areas", reason: .fileIsAlsoFolder(other: "areas/00C.html"))) {
            try Publisher.publish(colliding, to: scratch.url("site"))
        }
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("unsafe or malformed output paths are refused, naming the path", arguments: [
        ("/etc/passwd", PublishError.Reason.absolutePath),
        ("../escape.html", .parentReference),
        ("areas/../../escape.html", .parentReference),
        ("areas//00C.html", .emptyComponent),
        ("areas/", .emptyComponent),
        ("", .emptyComponent),
        ("./index.html", .currentDirectoryComponent),
        ("bad\u{0}name", .nulCharacter),
        ("index.html", .duplicatePath),
    ])
    func invalidPaths(path: String, reason: PublishError.Reason) throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        #expect(throws: PublishError(path: path, reason: reason)) {
            try Publisher.publish(newBuild + [OutputFile(path: path, text: "x")], to: scratch.url("site"))
        }
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a file where the output folder should be is refused and kept")
    func targetIsFile() throws {
        let scratch = try Scratch()
        try scratch.write("site", "my notes")
        #expect(throws: PublishError(path: scratch.url("site").path, reason: .notAFolder)) {
            try Publisher.publish(newBuild, to: scratch.url("site"))
        }
        #expect(try String(contentsOf: scratch.url("site"), encoding: .utf8) == "my notes")
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("errors name the output folder as the caller named it")
    func relativeFolderName() throws {
        let scratch = try Scratch()
        try scratch.write("out", "a file")
        let relative = URL(fileURLWithPath: "out", relativeTo: scratch.root)
        #expect(throws: PublishError(path: "out", reason: .notAFolder)) {
            try Publisher.publish(newBuild, to: relative)
        }
    }

    @Test("a non-empty folder that is not an earlier LevelField output is refused and kept")
    func foreignFolder() throws {
        let scratch = try Scratch()
        try scratch.write("home/thesis.tex", "years of work")
        #expect(throws: PublishError(path: scratch.url("home").path, reason: .notLevelFieldOutput)) {
            try Publisher.publish(newBuild, to: scratch.url("home"))
        }
        #expect(scratch.tree("home") == ["thesis.tex": "years of work"])
    }

    @Test("the file system root is refused")
    func root() {
        #expect(throws: PublishError(path: "/", reason: .rootFolder)) {
            try Publisher.publish(newBuild, to: URL(fileURLWithPath: "/"))
        }
    }

    @Test("a staging folder left by a crashed run is cleared first")
    func leftoverStaging() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        try scratch.write(".site.levelfield-staging/half-written.html", "partial")
        try Publisher.publish(newBuild, to: scratch.url("site"))
        #expect(scratch.tree("site") == newTree)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a backup left between the two renames is restored, so a failing run keeps the last good output")
    func leftoverBackupRestored() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: ".site.levelfield-previous")
        let lastGood = scratch.tree(".site.levelfield-previous")
        let failing = FileOperations(write: { _, _ in throw InjectedFailure() }, move: FileOperations.system.move)
        #expect(throws: PublishError.self) {
            try Publisher.publish(newBuild, to: scratch.url("site"), using: failing)
        }
        #expect(scratch.tree("site") == lastGood)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a stale backup beside a complete output is removed")
    func staleBackup() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        try scratch.earlierOutput(at: ".site.levelfield-previous")
        try Publisher.publish(newBuild, to: scratch.url("site"))
        #expect(scratch.tree("site") == newTree)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("an output folder reached through a symbolic link is replaced where the link points")
    func symlinkedFolder() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "real/site")
        try FileManager.default.createSymbolicLink(at: scratch.url("site"), withDestinationURL: scratch.url("real/site"))
        try Publisher.publish(newBuild, to: scratch.url("site"))
        #expect(scratch.tree("real/site") == newTree)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: scratch.url("site").path)
        #expect(link == scratch.url("real/site").path)
    }

    @Test("the error message names the path and the reason")
    func message() {
        #expect(PublishError(path: "areas", reason: .fileIsAlsoFolder(other: "areas/00C.html")).description
            == "areas: output file is also needed as a folder for 'areas/00C.html'")
        #expect(PublishError(path: "site", reason: .notAFolder).description == "site: exists and is not a folder")
    }

    @Test("a streamed publication writes each file as it comes and swaps only at commit")
    func streamed() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let publication = try Publication(to: scratch.url("site"))
        for file in newBuild { try publication.write(file) }
        #expect(scratch.tree("site") == before, "the output is untouched until commit")
        #expect(scratch.tree(".site.levelfield-staging") == newTree)
        #expect(publication.written.map(\.path) == newBuild.map(\.path))
        #expect(publication.written[0] == OutputRecord(newBuild[0]))
        #expect(publication.written[0].sha256 == SHA256.hexDigest(of: Array("new index".utf8)) && publication.written[0].byteCount == 9)
        try publication.commit()
        #expect(scratch.tree("site") == newTree)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a publication hashes files on other cores, four at a time: every record is the file's own")
    func manyFilesHashed() throws {
        let scratch = try Scratch()
        let files = (0..<23).map { index in
            OutputFile(path: "pages/\(index).html", bytes: (0..<(index * 997 % 5000)).map { UInt8(truncatingIfNeeded: $0 &+ index) })
        }
        let publication = try Publication(to: scratch.url("site"))
        for file in files { try publication.write(file) }
        #expect(publication.written == files.map(OutputRecord.init))
        try publication.commit()
        #expect(publication.written == files.map(OutputRecord.init))
    }

    @Test("removeTree removes a folder with everything below it, and a link but not what it points to")
    func removeTree() throws {
        let scratch = try Scratch()
        let manager = FileManager.default
        try manager.createDirectory(at: scratch.url("keep"), withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: scratch.url("keep/file.txt"))
        try manager.createDirectory(at: scratch.url("tree/a/b"), withIntermediateDirectories: true)
        try Data("1".utf8).write(to: scratch.url("tree/one.txt"))
        try Data("2".utf8).write(to: scratch.url("tree/a/b/two.txt"))
        try manager.createSymbolicLink(at: scratch.url("tree/a/link"), withDestinationURL: scratch.url("keep"))
        #expect(FileOperations.removeTree(scratch.url("tree").path))
        #expect(!manager.fileExists(atPath: scratch.url("tree").path))
        #expect(manager.fileExists(atPath: scratch.url("keep/file.txt").path))
        #expect(FileOperations.removeTree(scratch.url("missing").path), "nothing there is nothing left")
    }

    @Test("an abandoned publication, or one dropped without commit, leaves the old output and no staging folder")
    func abandoned() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let publication = try Publication(to: scratch.url("site"))
        try publication.write(newBuild[0])
        publication.abandon()
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
        do {
            let dropped = try Publication(to: scratch.url("site"))
            try dropped.write(newBuild[1])
        }
        #expect(scratch.tree("site") == before)
        #expect(try scratch.rootEntries() == ["site"])
    }

    @Test("a streamed path that repeats, or clashes with a folder, is refused when it arrives and ends the publication")
    func streamedPathChecks() throws {
        let scratch = try Scratch()
        try scratch.earlierOutput(at: "site")
        let before = scratch.tree("site")
        let cases: [([String], PublishError)] = [
            (["index.html", "index.html"], PublishError(path: "index.html", reason: .duplicatePath)),
            (["areas/00C.html", "areas"], PublishError(path: "areas", reason: .fileIsAlsoFolder(other: "areas/00C.html"))),
            (["areas", "areas/00C.html"], PublishError(path: "areas", reason: .fileIsAlsoFolder(other: "areas/00C.html"))),
            (["../escape.html"], PublishError(path: "../escape.html", reason: .parentReference)),
        ]
        for (paths, expected) in cases {
            let publication = try Publication(to: scratch.url("site"))
            #expect(throws: expected) {
                for path in paths { try publication.write(OutputFile(path: path, text: "x")) }
            }
            #expect(scratch.tree("site") == before)
            #expect(try scratch.rootEntries() == ["site"])
        }
    }
}
