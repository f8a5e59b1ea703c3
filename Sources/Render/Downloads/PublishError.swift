/// Why the output could not be published. The existing output folder is unchanged whenever one
/// of these is thrown (SPEC §3, §5: exit 74).
package struct PublishError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path concerned: an output file's path below the folder, or a folder on disk.
    package var path: String
    /// What went wrong.
    package var reason: Reason

    /// Creates a publish error.
    package init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// What went wrong while publishing.
    package enum Reason: Equatable, Sendable {
        /// An output file's path starts with `/`.
        case absolutePath
        /// An output file's path has a `..` component.
        case parentReference
        /// An output file's path is empty or has an empty component (`a//b`, a trailing `/`).
        case emptyComponent
        /// An output file's path has a `.` component.
        case currentDirectoryComponent
        /// An output file's path contains a NUL character, which no file system accepts.
        case nulCharacter
        /// Two output files have the same path.
        case duplicatePath
        /// An output file's path is also needed as a folder for another file (`other`).
        case fileIsAlsoFolder(other: String)
        /// The output folder would be the file system's root.
        case rootFolder
        /// Something that is not a folder already exists at the output path.
        case notAFolder
        /// The output folder exists, is not empty and has no `downloads/manifest.json`: it does
        /// not look like an earlier LevelField output, so it is not replaced.
        case notLevelFieldOutput
        /// A folder could not be created (the system's message).
        case cannotCreateFolder(String)
        /// A file could not be written (the system's message).
        case cannotWrite(String)
        /// The old output could not be swapped for the new one (the system's message).
        case cannotReplace(String)
    }

    package var description: String {
        let text: String
        switch reason {
        case .absolutePath: text = "output path must be relative, not absolute"
        case .parentReference: text = "output path must not contain '..'"
        case .emptyComponent: text = "output path must not be empty or contain an empty component"
        case .currentDirectoryComponent: text = "output path must not contain '.'"
        case .nulCharacter: text = "output path must not contain a NUL character"
        case .duplicatePath: text = "two output files have this path"
        case .fileIsAlsoFolder(let other): text = "output file is also needed as a folder for '\(other)'"
        case .rootFolder: text = "refusing to replace the root folder"
        case .notAFolder: text = "exists and is not a folder"
        case .notLevelFieldOutput: text = "folder is not empty and is not an earlier LevelField output (no downloads/manifest.json); refusing to replace it — choose an empty or new folder"
        case .cannotCreateFolder(let message): text = "cannot create folder: \(message)"
        case .cannotWrite(let message): text = "cannot write: \(message)"
        case .cannotReplace(let message): text = "cannot replace the output folder: \(message)"
        }
        return "\(path): \(text)"
    }
}
