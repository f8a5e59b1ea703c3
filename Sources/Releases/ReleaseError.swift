import LevelFieldModel

/// A previous release that cannot be read or used, with where and why.
package struct ReleaseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where the problem is (a file of the previous output, with line and column when known).
    package var location: SourceLocation
    /// What is wrong.
    package var reason: Reason

    /// Creates an error.
    package init(location: SourceLocation, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    /// What is wrong.
    package enum Reason: Equatable, Sendable {
        /// benchmarks.csv has neither the schema 2 nor the schema 1 columns.
        case unrecognisedBenchmarks(missing: [String])
        /// releases.csv lacks a column.
        case unrecognisedHistory(missing: [String])
        /// A count cell that is not a whole number.
        case notAWholeNumber(column: String, found: String)
        /// Two rows for one period × indicator × area.
        case duplicateFigure(period: String, indicator: String, area: String)
        /// The release id names a release older than the latest, whose archive is frozen.
        case frozenRelease(id: String, latest: String)
        /// A release id that cannot name a folder.
        case invalidReleaseID(String)
    }

    package var description: String {
        let message: String
        switch reason {
        case .unrecognisedBenchmarks(let missing):
            message = "not a LevelField benchmarks.csv this version can compare: no column \(missing.map { "'\($0)'" }.joined(separator: ", ")) (schema 2 names numerator, denominator; schema 1 recovered, recovery_denominator)"
        case .unrecognisedHistory(let missing):
            message = "not a LevelField releases.csv: no column \(missing.map { "'\($0)'" }.joined(separator: ", "))"
        case .notAWholeNumber(let column, let found):
            message = "column '\(column)' expects a whole number ≥ 0, found \"\(found)\""
        case .duplicateFigure(let period, let indicator, let area):
            message = "a second row for period \(period), indicator \(indicator), area \(area)"
        case .frozenRelease(let id, let latest):
            message = "release \(id) was published before the latest release (\(latest)) and its archive is frozen; give a new --release id"
        case .invalidReleaseID(let id):
            message = "release id \"\(id)\" must be letters, digits, '.', '_' or '-', starting with a letter or digit"
        }
        return "\(location): error: \(message)"
    }
}
