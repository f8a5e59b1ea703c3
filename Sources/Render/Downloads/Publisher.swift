import Foundation

/// Puts a rendered build on disk (SPEC §3: built in a staging folder and moved into place only
/// when everything succeeded). `publish` takes the files at once; `Publication` takes them one
/// at a time as they are rendered.
///
/// The output folder is **replaced as a whole**: files of an earlier build that this build does
/// not produce disappear, and so would anything else kept there. `--out` must therefore be a
/// folder dedicated to LevelField. As a guard, a folder that exists, is not empty and has no
/// `downloads/manifest.json` (so is not an earlier LevelField output) is refused, never replaced.
/// One publish per folder at a time: concurrent runs into the same folder share the staging name.
package enum Publisher {
    /// The file that marks a folder as an earlier LevelField output.
    package static let marker = Downloads.manifestPath

    /// Writes `files` into a fresh staging folder beside `directory` (same parent, hidden name),
    /// then replaces `directory` with it only when every write succeeded; on any failure the
    /// staging folder is removed and `directory` is left exactly as it was. Refuses paths that are
    /// absolute or contain `..` or empty components. Throws PublishError (with the path and reason).
    ///
    /// The swap is two renames within one parent folder (old → hidden backup, staging → old name),
    /// then the backup is removed; if the second rename fails the backup is renamed back. A
    /// missing parent folder is created. Leftovers of a run that crashed are dealt with first:
    /// a staging folder is removed; a backup is restored when the output is missing (the crash
    /// came between the renames), else removed.
    package static func publish(_ files: [OutputFile], to directory: URL) throws {
        try publish(files, to: directory, using: .system)
    }

    /// `publish` with the file operations supplied, so tests can make any step fail.
    static func publish(_ files: [OutputFile], to directory: URL, using operations: FileOperations) throws {
        try validate(files.map(\.path))
        let publication = try Publication(to: directory, using: operations)
        for file in files { try publication.write(file) }
        try publication.commit()
    }

    /// Checks every output path before anything touches the disk.
    static func validate(_ paths: [String]) throws {
        var seen = Set<String>()
        var folders: [String: String] = [:]  // folder prefix → a file that needs it
        for path in paths {
            let components = try Self.components(of: path)
            guard seen.insert(path).inserted else { throw PublishError(path: path, reason: .duplicatePath) }
            for end in 1..<components.count {
                let folder = components[..<end].joined(separator: "/")
                if folders[folder] == nil { folders[folder] = path }
            }
        }
        // Report in input order, so the message does not depend on hashing.
        for path in paths {
            if let other = folders[path] { throw PublishError(path: path, reason: .fileIsAlsoFolder(other: other)) }
        }
    }

    /// The path's `/`-separated components, once it is known to be a safe relative path.
    static func components(of path: String) throws -> [Substring] {
        if path.utf8.contains(0) { throw PublishError(path: path, reason: .nulCharacter) }
        if path.hasPrefix("/") { throw PublishError(path: path, reason: .absolutePath) }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains("..") { throw PublishError(path: path, reason: .parentReference) }
        if components.contains(where: \.isEmpty) { throw PublishError(path: path, reason: .emptyComponent) }
        if components.contains(".") { throw PublishError(path: path, reason: .currentDirectoryComponent) }
        return components
    }

    static func createFolder(_ url: URL, shownAs shown: String) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw PublishError(path: shown, reason: .cannotCreateFolder(message(error)))
        }
    }

    /// True when something (even a dangling symbolic link) is at `url`.
    static func exists(_ url: URL) -> Bool {
        (try? FileManager.default.attributesOfItem(atPath: url.path)) != nil
    }

    static func isFolder(_ url: URL) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func message(_ error: any Error) -> String {
        if let error = error as? PublishError { return error.description }
        return (error as NSError).localizedDescription
    }
}

/// The file-system steps `Publisher` takes that tests need to be able to fail.
struct FileOperations: Sendable {
    /// Writes bytes to a new file.
    var write: @Sendable (URL, [UInt8]) throws -> Void
    /// Renames within one folder.
    var move: @Sendable (URL, URL) throws -> Void

    /// The real file system. Files are written with plain POSIX calls and left to the operating
    /// system to flush, as static-site tools do (Foundation's `Data.write` syncs every file, and a
    /// build waited on the disk hundreds of times). The staging swap guards against a build that
    /// fails, not against power loss: after a crash of the machine, build again.
    static let system = FileOperations(
        write: { url, bytes in try writeFile(url, bytes) },
        move: { from, to in try FileManager.default.moveItem(at: from, to: to) })

    /// Creates (or truncates) the file at `url` and writes `bytes` to it.
    static func writeFile(_ url: URL, _ bytes: [UInt8]) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SystemCallError(call: "open", code: errno) }
        var failure: SystemCallError?
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = SystemCallError(call: "write", code: errno)
                    return
                }
                offset += count
            }
        }
        if close(descriptor) != 0, failure == nil { failure = SystemCallError(call: "close", code: errno) }
        if let failure { throw failure }
    }

    /// Removes the file or folder at `path` and everything below it (symbolic links are removed,
    /// not followed); true when nothing is left. POSIX calls: several times faster than
    /// `FileManager.removeItem` on a site of thousands of pages, and it is the last step of a build.
    static func removeTree(_ path: String) -> Bool {
        var status = stat()
        guard lstat(path, &status) == 0 else { return errno == ENOENT }
        guard status.st_mode & S_IFMT == S_IFDIR else { return unlink(path) == 0 }
        guard let folder = opendir(path) else { return false }
        // Names first, removals after: a folder is not changed while it is being read.
        var children: [(name: String, isFolder: Bool?)] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            let type = entry.pointee.d_type
            children.append((name, type == UInt8(DT_UNKNOWN) ? nil : type == UInt8(DT_DIR)))
        }
        closedir(folder)
        var removed = true
        for child in children {
            let childPath = path + "/" + child.name
            removed = (child.isFolder == false ? unlink(childPath) == 0 : removeTree(childPath)) && removed
        }
        return rmdir(path) == 0 && removed
    }
}

/// A failed system call, described as the C library describes its error number.
struct SystemCallError: Error, LocalizedError, CustomStringConvertible {
    let call: String
    let code: Int32

    var description: String { "\(call): \(String(cString: strerror(code)))" }
    var errorDescription: String? { description }
}
