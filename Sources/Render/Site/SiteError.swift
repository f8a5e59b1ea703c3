import LevelFieldModel

/// A report the site cannot be rendered from, located at the input row responsible.
package struct SiteError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Why.
    package enum Reason: Equatable, Sendable {
        /// An area code that is not `[A-Za-z0-9]+` cannot name `areas/<code>.html`.
        case unsafeAreaCode(String)
        /// The templates folder lacks a template or asset the site needs.
        case missingTemplate(String)
        /// Two pages would have the same file name, ignoring case (case-insensitive file systems
        /// would keep only one): two period labels with one slug, or codes differing in case.
        case pathCollision(String, String)
    }

    /// Where: the input row of the area, or the template folder.
    package var location: SourceLocation
    /// Why.
    package var reason: Reason

    /// Creates a site error.
    package init(location: SourceLocation, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    package var description: String {
        switch reason {
        case .unsafeAreaCode(let code):
            "\(location): error: area code \"\(code)\" cannot be used as a file name (only letters A–Z, a–z and digits 0–9 are allowed)"
        case .missingTemplate(let name):
            "\(location): error: the templates folder has no '\(name)'"
        case .pathCollision(let first, let second):
            "\(location): error: pages '\(first)' and '\(second)' would be the same file (names must differ in more than letter case)"
        }
    }
}
