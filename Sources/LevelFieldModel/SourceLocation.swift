/// A place in an input file, 1-based, as compilers print it: `Data/outcomes.csv:14:7`.
/// Columns count bytes from the start of the line (the first byte of the field).
package struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    package var file: String
    /// 1-based line number (physical line; a quoted line break starts a new line).
    package var line: Int
    /// 1-based column (byte offset within the line + 1).
    package var column: Int

    /// Creates a location.
    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    package var description: String { "\(file):\(line):\(column)" }
}
