import LevelFieldModel

/// A problem that stops ingest: bad CSV, a missing column, an impossible value, or a file that
/// cannot be read. Printed compiler style: `Data/outcomes.csv:14:7: error: column 'recovered'
/// expects a whole number ≥ 0, found "n/a"`.
package struct IngestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where: file, line and column; `nil` when the problem is in no file (an option), and a
    /// location with line 0 when it concerns a whole file.
    package var location: SourceLocation?
    /// What went wrong.
    package var reason: Reason

    /// Creates an error.
    package init(location: SourceLocation?, reason: Reason) {
        self.location = location
        self.reason = reason
    }

    /// Everything that can stop ingest.
    package enum Reason: Equatable, Sendable {
        /// The file could not be opened or read (the operating system's words).
        case unreadable(String)
        /// Text follows a closing quote before the next comma or line break.
        case textAfterClosingQuote
        /// A `"` inside a field that did not start with one.
        case bareQuote
        /// The file ends inside a quoted field (the location is the opening quote).
        case unterminatedQuote
        /// A row has a different number of fields from the header.
        case raggedRow(expected: Int, found: Int)
        /// Bytes that are not UTF-8.
        case invalidUTF8
        /// The file has no header row.
        case emptyFile
        /// The file has a header row and nothing after it.
        case noDataRows
        /// A field longer than the limit (SPEC §10: 1 MiB), at the field's start.
        case fieldTooLong(limit: Int)
        /// A record longer than the limit (SPEC §10: 16 MiB), at the record's start.
        case lineTooLong(limit: Int)
        /// A record with more fields than the limit (SPEC §10: 1,000), at the first field too many.
        case tooManyColumns(limit: Int)
        /// Two header names that are the same once case, surrounding spaces and underscores are ignored.
        case duplicateHeader(String)
        /// A column the format requires is absent (`name` as the format spells it).
        case missingColumn(String)
        /// The header matches none of the supported formats.
        case unrecognisedFormat(header: String)
        /// The file's format is valid but not of the kind expected here (`outcomes`, `deprivation`).
        case wrongKind(format: String, expected: String)
        /// A count that is not a whole number ≥ 0.
        case notAWholeNumber(column: String, found: String)
        /// A value that should be a number is not one.
        case notANumber(column: String, found: String)
        /// A percentage outside 0–100.
        case rateOutOfRange(column: String, found: String)
        /// More recovered than in the recovery denominator.
        case recoveredExceedsDenominator(recovered: Int, denominator: Int)
        /// An indicator's numerator count exceeds its denominator count.
        case numeratorExceedsDenominator(indicator: String, numerator: String, value: Int, denominator: String, denominatorValue: Int)
        /// More finished-but-not-at-caseness than finished.
        case notAtCasenessExceedsFinished(notAtCaseness: Int, finished: Int)
        /// More finished-and-at-caseness than finished.
        case atCasenessExceedsFinished(atCaseness: Int, finished: Int)
        /// An IMD rank that is not a whole number from 1 to `DeprivationValues.maximumRank`.
        case notARank(column: String, found: String)
        /// The same area and period twice (`first` is where it was first seen).
        case duplicateAreaPeriod(area: String, period: String, first: SourceLocation)
        /// An outcome area code that cannot name a page: not `[A-Za-z0-9]+`, too long, or a
        /// name Windows reserves (see `AreaCode.fileNameProblem`).
        case unsafeAreaCode(String)
        /// A period label that cannot name a page (see `Period.fileNameProblem`).
        case unsafePeriodLabel(String)
        /// Two area codes, or two period labels, that would name the same page file on a file
        /// system that ignores letter case (`A04`, `a04`): `kind` is `area code` or `period`,
        /// `earlier` the value first seen at `first`.
        case fileNameCollision(kind: String, value: String, earlier: String, first: SourceLocation)
        /// A value that must be present (period, area code, date) is empty.
        case emptyValue(column: String)
        /// A date that is not `YYYY-MM-DD` or `DD/MM/YYYY`.
        case notADate(column: String, found: String)
        /// An annual file whose name has no financial year, and no `--period-label`.
        case noPeriod
        /// The requested area level is not in the file.
        case areaLevelAbsent(requested: String, available: [String])
        /// The file has none of the area levels LevelField can use and none was requested.
        case noAreaLevel(available: [String])
        /// A code lookup was given without a deprivation file to translate.
        case lookupWithoutDeprivation
        /// No outcome file was given.
        case noOutcomeFile
        /// A tidy `breakdown` value that is not one of SPEC §8.1's kinds.
        case unknownBreakdown(found: String)
        /// A tidy `imd_decile` group that is not a whole number 1–10.
        case notADecile(found: String)

        /// The message after `error: `. Values from the data are shown cut to about 100
        /// characters with control characters escaped (`MessageText.excerpt`).
        package var message: String {
            switch self {
            case .unreadable(let detail): "cannot read file: \(detail)"
            case .textAfterClosingQuote: "text after the closing quote of a quoted field"
            case .bareQuote: "a quote inside a field that is not quoted (quote the field and double the quote)"
            case .unterminatedQuote: "quoted field is not closed before the end of the file"
            case .raggedRow(let expected, let found): "row has \(found) field\(found == 1 ? "" : "s"), the header has \(expected)"
            case .invalidUTF8: "bytes that are not valid UTF-8"
            case .emptyFile: "the file is empty: a header row is required"
            case .noDataRows: "the file has a header row but no data rows"
            case .fieldTooLong(let limit): "a field longer than \(MessageText.byteSize(limit)): LevelField reads fields of at most \(MessageText.byteSize(limit))"
            case .lineTooLong(let limit): "a line (record) longer than \(MessageText.byteSize(limit)): LevelField reads records of at most \(MessageText.byteSize(limit))"
            case .tooManyColumns(let limit): "more than \(limit) columns: LevelField reads records of at most \(limit) fields"
            case .duplicateHeader(let name): "duplicate column '\(x(name))'"
            case .missingColumn(let name): "required column '\(name)' is missing"
            case .unrecognisedFormat(let header): "unrecognised header (not a tidy outcomes, deprivation, code lookup, NHS annual or NHS monthly CSV): \(x(header))"
            case .wrongKind(let format, let expected): "this is a \(format) file, expected \(expected)"
            case .notAWholeNumber(let column, let found): "column '\(x(column))' expects a whole number ≥ 0, found \"\(x(found))\""
            case .notANumber(let column, let found): "column '\(x(column))' expects a finite number, found \"\(x(found))\""
            case .rateOutOfRange(let column, let found): "column '\(x(column))' expects a percentage from 0 to 100, found \"\(x(found))\""
            case .notARank(let column, let found):
                "column '\(x(column))' expects an IMD rank, a whole number from 1 to \(DeprivationValues.maximumRank) (1 = most deprived), found \"\(x(found))\""
            case .recoveredExceedsDenominator(let recovered, let denominator):
                "recovered (\(recovered)) exceeds the recovery denominator (\(denominator))"
            case .numeratorExceedsDenominator(let indicator, let numerator, let value, let denominator, let denominatorValue):
                "\(numerator) (\(value)) exceeds \(denominator) (\(denominatorValue)), the \(indicator) denominator"
            case .notAtCasenessExceedsFinished(let notAt, let finished):
                "not at caseness (\(notAt)) exceeds finished treatment (\(finished))"
            case .atCasenessExceedsFinished(let at, let finished):
                "at caseness (\(at)) exceeds finished treatment (\(finished)): at caseness counts people who finished treatment"
            case .duplicateAreaPeriod(let area, let period, let first):
                "area '\(x(area))' appears twice in period \(x(period)) (first at \(first))"
            case .unsafeAreaCode(let code):
                switch AreaCode.fileNameProblem(code) {
                case .tooLong: "area code \"\(x(code))\" is longer than \(AreaCode.maximumLength) characters"
                case .reservedOnWindows: "area code \"\(x(code))\" is a device name Windows reserves (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9) and cannot name a page file"
                default: "area code \"\(x(code))\" must be letters and digits only"
                }
            case .unsafePeriodLabel(let label):
                switch Period(label).fileNameProblem {
                case .reservedOnWindows: "period \"\(x(label))\" would name a page with a device name Windows reserves (CON, PRN, AUX, NUL, COM0–COM9, LPT0–LPT9)"
                default: "period \"\(x(label))\" is longer than \(Period.maximumLength) characters (it names a page file)"
                }
            case .fileNameCollision(let kind, let value, let earlier, let first):
                "\(kind) '\(x(value))' and \(kind) '\(x(earlier))' (first at \(first)) would name the same page file on a file system that ignores letter case; they must differ in more than case"
            case .emptyValue(let column): "column '\(x(column))' must not be empty"
            case .notADate(let column, let found): "column '\(x(column))' expects a date YYYY-MM-DD, found \"\(x(found))\""
            case .noPeriod: "no financial year (like 2017-18) in the file name: give a period label"
            case .areaLevelAbsent(let requested, let available):
                "area level '\(x(requested))' is not in this file (it has: \(x(available.joined(separator: ", "))))"
            case .noAreaLevel(let available):
                "none of the area levels CCG, SubICB, ICB, Provider is in this file (it has: \(x(available.joined(separator: ", ")))); choose one"
            case .lookupWithoutDeprivation: "a code lookup was given but no deprivation file to translate"
            case .noOutcomeFile: "no outcome file given"
            case .unknownBreakdown(let found):
                "column 'breakdown' expects imd_decile, age_group, gender or ethnic_group (or empty for the total), found \"\(found)\""
            case .notADecile(let found): "column 'group' expects a decile from 1 (most deprived) to 10 for imd_decile, found \"\(found)\""
            }
        }
    }

    /// True for problems reading a file (exit 74) rather than problems in its content (exit 65).
    package var isIOError: Bool {
        if case .unreadable = reason { return true }
        return false
    }

    /// `file:line:column: error: message` (or `file: error: …` for a whole-file problem), with
    /// control characters in the file name escaped.
    package var description: String {
        guard let location else { return "error: \(reason.message)" }
        let file = MessageText.escapingControls(location.file)
        if location.line <= 0 { return "\(file): error: \(reason.message)" }
        return "\(file):\(location.line):\(location.column): error: \(reason.message)"
    }
}

/// A value from the data as a message shows it (`MessageText.excerpt`).
private func x(_ value: String) -> String { MessageText.excerpt(value) }
