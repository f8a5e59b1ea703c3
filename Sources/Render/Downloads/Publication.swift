import Foundation
import LevelFieldModel

/// One build being written into its staging folder, file by file as it is rendered, so memory
/// does not grow with the site; `commit()` then swaps the folder into place (SPEC §3). Until
/// `commit()` succeeds the output folder is untouched, and `abandon()` (or any failing step)
/// removes the staging folder.
///
/// Each file's path is checked as it arrives (the same rules as `Publisher.validate`), and its
/// size and SHA-256 are kept for the manifest, not its bytes.
package final class Publication {
    /// The target folder, resolved, and how the caller named it (for messages).
    let target: URL, shown: String
    let staging: URL, backup: URL
    let operations: FileOperations
    /// Every file written so far, in write order. Each file is hashed on another core while the
    /// next is rendered; reading this waits for the hashes still being computed.
    package var written: [OutputRecord] {
        hashUnhashed()
        hashing.wait()
        return digests.records(paths: writtenPaths, sizes: writtenSizes)
    }
    private var writtenPaths: [String] = []
    private var writtenSizes: [Int] = []
    private let digests = DigestSlots()
    private let hashing = DispatchGroup()
    /// At most this many groups of files wait to be hashed (a group of four period pages of a
    /// site of 2,000 areas is 17 MB).
    private let hashSlots = DispatchSemaphore(value: 2)
    /// Files written but not yet handed to be hashed.
    private var unhashed: [[UInt8]] = []
    private var paths = PathRegister()
    /// Folders already made in the staging folder.
    private var folders = Set<String>()
    private var finished = false

    /// Prepares a staging folder beside `directory` (same parent, hidden name): creates a missing
    /// parent, deals with leftovers of a crashed run, and refuses a folder that is not an earlier
    /// LevelField output. Throws PublishError.
    package convenience init(to directory: URL) throws {
        try self.init(to: directory, using: .system)
    }

    init(to directory: URL, using operations: FileOperations) throws {
        self.operations = operations
        target = directory.absoluteURL.standardizedFileURL.resolvingSymlinksInPath()
        shown = directory.relativePath
        guard target.pathComponents.count > 1 else { throw PublishError(path: shown, reason: .rootFolder) }
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).levelfield-staging", isDirectory: true)
        backup = parent.appendingPathComponent(".\(name).levelfield-previous", isDirectory: true)
        let manager = FileManager.default

        do {
            try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: parent.path, reason: .cannotCreateFolder(Publisher.message(error)))
        }
        // Leftovers of a crashed run.
        if manager.fileExists(atPath: backup.path) {
            if Publisher.exists(target) {
                try? manager.removeItem(at: backup)
            } else {
                do { try operations.move(backup, target) } catch {
                    throw PublishError(path: backup.path, reason: .cannotReplace(Publisher.message(error)))
                }
            }
        }
        if Publisher.exists(target) {
            guard Publisher.isFolder(target) else { throw PublishError(path: shown, reason: .notAFolder) }
            let contents = (try? manager.contentsOfDirectory(atPath: target.path)) ?? []
            guard contents.isEmpty || manager.fileExists(atPath: target.appendingPathComponent(Publisher.marker).path) else {
                throw PublishError(path: shown, reason: .notLevelFieldOutput)
            }
        }
        if Publisher.exists(staging) {
            do { try manager.removeItem(at: staging) } catch {
                throw PublishError(path: staging.path, reason: .cannotCreateFolder(Publisher.message(error)))
            }
        }
        try Publisher.createFolder(staging, shownAs: staging.path)
    }

    deinit { if !finished { abandon() } }

    /// Writes one file into the staging folder. On any failure the staging folder is removed and
    /// the publication is over (the output folder untouched).
    package func write(_ file: OutputFile) throws {
        precondition(!finished, "write after commit or abandon")
        do {
            try paths.register(file.path)
            let destination = file.path.split(separator: "/").reduce(staging) { $0.appendingPathComponent(String($1)) }
            let folder = destination.deletingLastPathComponent()
            if folders.insert(folder.path).inserted { try Publisher.createFolder(folder, shownAs: file.path) }
            do { try operations.write(destination, file.bytes) } catch {
                throw PublishError(path: file.path, reason: .cannotWrite(Publisher.message(error)))
            }
        } catch {
            abandon()
            throw error
        }
        writtenPaths.append(file.path)
        writtenSizes.append(file.bytes.count)
        unhashed.append(file.bytes)
        if unhashed.count == 4 { hashUnhashed() }
    }

    /// Hashes the files written since the last call, four at a time in SIMD lanes, on another
    /// core. At most `hashSlots` groups wait, so memory stays bounded when hashing lags.
    private func hashUnhashed() {
        guard !unhashed.isEmpty else { return }
        let first = writtenPaths.count - unhashed.count
        let messages = unhashed, digests = digests, slots = hashSlots
        unhashed = []
        slots.wait()
        DispatchQueue.global().async(group: hashing) {
            for (offset, digest) in SHA256.hexDigests(of: messages).enumerated() { digests.set(first + offset, digest) }
            slots.signal()
        }
    }

    /// Replaces the output folder with the staging folder: two renames within one parent
    /// (old → hidden backup, staging → old name), then the backup is removed; if the second
    /// rename fails the backup is renamed back.
    package func commit() throws {
        precondition(!finished, "commit after commit or abandon")
        finished = true
        hashUnhashed()
        hashing.wait()
        let manager = FileManager.default
        let hadOutput = Publisher.exists(target)
        if hadOutput {
            do { try operations.move(target, backup) } catch {
                try? manager.removeItem(at: staging)
                throw PublishError(path: shown, reason: .cannotReplace(Publisher.message(error)))
            }
        }
        do {
            try operations.move(staging, target)
        } catch {
            if hadOutput { try? operations.move(backup, target) }
            try? manager.removeItem(at: staging)
            throw PublishError(path: shown, reason: .cannotReplace(Publisher.message(error)))
        }
        // The new output is in place; a backup that cannot be removed now is removed by the next run.
        if hadOutput { _ = FileOperations.removeTree(backup.path) }
    }

    /// Gives up: removes the staging folder; the output folder stays as it was.
    package func abandon() {
        finished = true
        try? FileManager.default.removeItem(at: staging)
    }
}

/// What the manifest lists of an output file: its path, size and SHA-256 (the bytes themselves
/// are not kept once written).
package struct OutputRecord: Equatable, Sendable {
    /// Path below the output folder.
    package var path: String
    /// Size in bytes.
    package var byteCount: Int
    /// SHA-256 of the bytes, lower-case hex.
    package var sha256: String

    /// The record of a rendered file.
    package init(_ file: OutputFile) {
        self.init(path: file.path, byteCount: file.bytes.count, sha256: SHA256.hexDigest(of: file.bytes))
    }

    /// A record from its parts.
    package init(path: String, byteCount: Int, sha256: String) {
        self.path = path
        self.byteCount = byteCount
        self.sha256 = sha256
    }
}

/// The digests of a publication's files by write position, filled in from other threads.
private final class DigestSlots: @unchecked Sendable {
    private var slots: [Int: String] = [:]
    private let lock = NSLock()

    func set(_ index: Int, _ digest: String) {
        lock.lock(); slots[index] = digest; lock.unlock()
    }

    /// The records of the files, once every digest is in.
    func records(paths: [String], sizes: [Int]) -> [OutputRecord] {
        lock.lock(); defer { lock.unlock() }
        return paths.indices.map { OutputRecord(path: paths[$0], byteCount: sizes[$0], sha256: slots[$0]!) }
    }
}

/// The output paths seen so far, checked one at a time with the rules of `Publisher.validate`.
struct PathRegister {
    private var files = Set<String>()
    /// Folder prefix → the first file that needs it.
    private var folders: [String: String] = [:]

    mutating func register(_ path: String) throws {
        let components = try Publisher.components(of: path)
        guard !files.contains(path) else { throw PublishError(path: path, reason: .duplicatePath) }
        if let other = folders[path] { throw PublishError(path: path, reason: .fileIsAlsoFolder(other: other)) }
        for end in 1..<components.count {
            let folder = components[..<end].joined(separator: "/")
            if files.contains(folder) { throw PublishError(path: folder, reason: .fileIsAlsoFolder(other: path)) }
            if folders[folder] == nil { folders[folder] = path }
        }
        files.insert(path)
    }
}
