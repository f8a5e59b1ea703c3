/// One file of the published output, relative to `--out`: a page, a stylesheet or a download.
/// Pages and downloads are rendered to memory first, so a failing run writes nothing.
package struct OutputFile: Equatable, Sendable {
    /// Path below the output folder, `/`-separated (`areas/00C.html`, `downloads/model.csv`).
    package var path: String
    /// The file's bytes.
    package var bytes: [UInt8]

    /// Creates an output file.
    package init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// Creates an output file from UTF-8 text.
    package init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
