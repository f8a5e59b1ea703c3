import LevelFieldModel

/// A template that cannot be parsed or rendered, located at the offending tag:
/// `Templates/area.html:12:5: error: unknown variable 'rate'`.
package struct TemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why.
    package enum Reason: Equatable, Sendable {
        /// `{{` without a matching `}}`.
        case unclosedTag
        /// `{{}}` or a sigil with no name.
        case emptyTag
        /// A name with characters other than `[A-Za-z0-9_-]`.
        case invalidName(String)
        /// `{{{…}}}` or `{{&…}}`: raw output is only for trusted values, chosen by type, not by syntax.
        case rawTagNotSupported
        /// `{{/name}}` with no open section.
        case unexpectedClose(String)
        /// `{{/found}}` closing the section `expected`.
        case mismatchedClose(expected: String, found: String)
        /// A section still open at the end of the file.
        case unclosedSection(String)
        /// `{{> name}}` for a template the folder does not have.
        case unknownPartial(String)
        /// Partials that include each other without end.
        case partialTooDeep(String)
        /// A name that no enclosing context defines.
        case unknownVariable(String)
        /// `{{name}}` where `name` is a condition, list or context.
        case notPrintable(String)
        /// `{{#name}}` where `name` is text.
        case notASection(String)
        /// The templates folder could not be read.
        case unreadable(String)
    }

    /// The file, line and column (bytes, 1-based) of the tag.
    package var location: SourceLocation
    /// Why.
    package var reason: Reason

    /// Creates a template error.
    package init(location: SourceLocation, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    package var description: String {
        let text: String
        switch reason {
        case .unclosedTag: text = "'{{' is not closed by '}}'"
        case .emptyTag: text = "empty tag"
        case .invalidName(let name): text = "invalid name '\(name)' (use letters, digits, '_' and '-')"
        case .rawTagNotSupported: text = "raw tags '{{{' and '{{&' are not supported; raw output is only for trusted values"
        case .unexpectedClose(let name): text = "'{{/\(name)}}' closes no open section"
        case .mismatchedClose(let expected, let found): text = "'{{/\(found)}}' does not close the open section '\(expected)'"
        case .unclosedSection(let name): text = "section '\(name)' is never closed"
        case .unknownPartial(let name): text = "unknown partial '\(name)'"
        case .partialTooDeep(let name): text = "partial '\(name)' nests too deeply (does it include itself?)"
        case .unknownVariable(let name): text = "unknown variable '\(name)'"
        case .notPrintable(let name): text = "'\(name)' is a section value and cannot be printed"
        case .notASection(let name): text = "'\(name)' is text and cannot open a section"
        case .unreadable(let detail): text = "cannot read templates: \(detail)"
        }
        return "\(location): error: \(text)"
    }
}
