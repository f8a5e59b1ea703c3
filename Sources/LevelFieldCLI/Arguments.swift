import LevelFieldModel
import Releases

/// What the user asked for, parsed from the command line. Produced by `Arguments.parse`, a pure
/// function, so every rule here is unit-tested without running anything.
package enum Invocation: Equatable, Sendable {
    /// `levelfield build …`
    case build(BuildArguments)
    /// `levelfield check FILE…`
    case check(CheckArguments)
    /// `levelfield summary …`
    case summary(SummaryArguments)
    /// `levelfield --help`, `levelfield help [COMMAND]`, `levelfield COMMAND --help`.
    case help(command: String?)
    /// `levelfield --version`
    case version
}

/// Input options shared by `build`, `check` and `summary`.
package struct InputArguments: Equatable, Sendable {
    /// Outcome files; empty means the embedded `Data/`.
    package var outcomes: [String] = []
    /// Deprivation files (a deprivation CSV, or MHCLG File 13 plus an ONS↔ODS lookup).
    package var deprivation: [String] = []
    /// `--area-level`: which `OrgType` / `GROUP_TYPE` native NHS files are read at.
    package var areaLevel: String?
    /// `--period-label`: the period of an annual file whose name has no year.
    package var periodLabel: String?
    /// `--aggregate quarter`.
    package var aggregateToQuarter = false

    /// Empty input options (the embedded data).
    package init() {}
}

/// Analysis options shared by `build` and `summary`.
package struct AnalysisArguments: Equatable, Sendable {
    /// `--period`: analyse this period only.
    package var period: String?
    /// `--target [ID=]PERCENT,...`: flat standards overridden, in `Indicator.all` order (a bare
    /// percentage is recovery's).
    package var standardOverrides: [StandardOverride] = []
    /// `--confidence PERCENT`, default 95.
    package var confidencePercent: Double = 95
    /// `--deprivation rank|score`, default rank.
    package var measure: DeprivationMeasure = .rank
    /// `--overdispersion additive|multiplicative|none`, default additive (SPEC §7).
    package var overdispersion: OverdispersionChoice = .additive

    /// Default analysis options (SPEC §2).
    package init() {}

    /// The recovery target: its override, else 50.
    package var targetPercent: Double {
        standardOverrides.first { $0.indicatorID == Indicator.recovery.id }?.percent ?? Indicator.recovery.standard ?? 50
    }
}

/// `levelfield build`.
package struct BuildArguments: Equatable, Sendable {
    /// Inputs.
    package var inputs = InputArguments()
    /// Analysis options.
    package var analysis = AnalysisArguments()
    /// `--out DIR`, default `site`.
    package var out = "site"
    /// `--date YYYY-MM-DD`: the "generated on" date.
    package var date: String?
    /// `--templates DIR`: where the page templates are, default the project's `Templates/`.
    package var templates: String?
    /// `--previous DIR|none`: the previous output to compare with; `nil` = the `--out` folder when
    /// it holds a LevelField manifest; `none` = publish as a first release.
    package var previous: String?
    /// `--release ID`: this release's id, default the latest period's slug.
    package var release: String?
    /// `--site-url URL`: where the site will be published (an absolute http(s) URL), for the citation.
    package var siteURL: String?

    /// Default build options.
    package init() {}
}

/// `levelfield check`.
package struct CheckArguments: Equatable, Sendable {
    /// The files to check (outcomes and deprivation, detected from their headers).
    package var inputs = InputArguments()
    /// Default check options.
    package init() {}
}

/// `levelfield summary`.
package struct SummaryArguments: Equatable, Sendable {
    /// Inputs.
    package var inputs = InputArguments()
    /// Analysis options.
    package var analysis = AnalysisArguments()
    /// `--json`: print JSON instead of text.
    package var json = false
    /// `--indicator ID`: the indicator summarised, default recovery.
    package var indicator = Indicator.recovery.id
    /// Default summary options.
    package init() {}
}

/// A command line that cannot be understood: printed with the usage, exit 64.
package struct UsageError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was wrong, in words.
    package var message: String
    /// The command whose usage to print, if known.
    package var command: String?

    /// Creates a usage error.
    package init(_ message: String, command: String? = nil) {
        self.message = message
        self.command = command
    }

    package var description: String { message }
}

/// The argument parser: a pure function from `argv` (without the program name) to an `Invocation`.
package enum Arguments {
    /// The commands, in the order `--help` lists them.
    package static let commands = ["build", "check", "summary"]

    /// Parses arguments. Options may repeat where they collect files (`--outcomes`, `--deprivation`),
    /// and a file option takes every following argument up to the next `--option`, so a shell glob
    /// works: `--outcomes monthly/*.csv`. `--name=value` is accepted too. `--` ends the options.
    package static func parse(_ argv: [String]) throws(UsageError) -> Invocation {
        guard let first = argv.first else {
            throw UsageError("no command given")
        }
        switch first {
        case "--help", "-h", "help":
            if first == "help", argv.count > 1 {
                let topic = argv[1]
                guard commands.contains(topic) else { throw UsageError("unknown command '\(topic)'") }
                return .help(command: topic)
            }
            return .help(command: nil)
        case "--version", "-V", "version":
            return .version
        case "build", "check", "summary":
            var tokens = try tokenize(Array(argv.dropFirst()), command: first)
            if tokens.contains(where: { $0.name == "help" || $0.name == "h" }) { return .help(command: first) }
            switch first {
            case "build": return .build(try parseBuild(&tokens))
            case "check": return .check(try parseCheck(&tokens))
            default: return .summary(try parseSummary(&tokens))
            }
        default:
            if first.hasPrefix("-") { throw UsageError("unknown option '\(first)'; a command comes first") }
            throw UsageError("unknown command '\(first)'")
        }
    }

    // MARK: - Tokens

    /// An option with its values, or (name == nil) a positional argument.
    struct Token: Equatable {
        var name: String?
        var values: [String]
        var spelling: String
    }

    /// Options that take no value.
    private static let flags: Set<String> = ["json", "help", "h"]
    /// Options that collect one or more values.
    private static let multiValued: Set<String> = ["outcomes", "deprivation"]

    static func tokenize(_ args: [String], command: String) throws(UsageError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        var optionsEnded = false
        while index < args.count {
            let arg = args[index]
            index += 1
            if optionsEnded || !arg.hasPrefix("-") || arg == "-" {
                tokens.append(Token(name: nil, values: [arg], spelling: arg))
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            var name = String(arg.drop(while: { $0 == "-" }))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            if flags.contains(name) {
                if inlineValue != nil { throw UsageError("option '--\(name)' takes no value", command: command) }
                tokens.append(Token(name: name, values: [], spelling: arg))
                continue
            }
            var values: [String] = []
            if let inlineValue {
                values.append(inlineValue)
            } else {
                guard index < args.count, !isOption(args[index]) else {
                    throw UsageError("option '--\(name)' needs a value", command: command)
                }
                values.append(args[index])
                index += 1
            }
            if multiValued.contains(name) {
                while index < args.count, !isOption(args[index]) {
                    values.append(args[index])
                    index += 1
                }
            }
            tokens.append(Token(name: name, values: values, spelling: arg))
        }
        return tokens
    }

    private static func isOption(_ arg: String) -> Bool { arg.hasPrefix("-") && arg != "-" && !isNumber(arg) }

    private static func isNumber(_ arg: String) -> Bool { Double(arg) != nil }

    // MARK: - Commands

    private static func parseBuild(_ tokens: inout [Token]) throws(UsageError) -> BuildArguments {
        var result = BuildArguments()
        for token in tokens {
            if try applyInput(token, to: &result.inputs, analysis: &result.analysis, command: "build") { continue }
            if try applyAnalysis(token, to: &result.analysis, command: "build") { continue }
            switch token.name {
            case "out": result.out = try single(token, command: "build")
            case "date": result.date = try date(try single(token, command: "build"), command: "build")
            case "templates": result.templates = try single(token, command: "build")
            case "previous": result.previous = try single(token, command: "build")
            case "release":
                let id = try single(token, command: "build")
                guard ReleaseLog.isValidID(id) else {
                    throw UsageError("--release expects letters, digits, '.', '_' or '-' (starting with a letter or digit, at most 100), found '\(id)'", command: "build")
                }
                result.release = id
            case "site-url": result.siteURL = try siteURL(try single(token, command: "build"), command: "build")
            case nil: throw UsageError("unexpected argument '\(token.spelling)'; give outcome files with --outcomes", command: "build")
            default: throw UsageError("unknown option '\(token.spelling)' for build", command: "build")
            }
        }
        return result
    }

    private static func parseCheck(_ tokens: inout [Token]) throws(UsageError) -> CheckArguments {
        var result = CheckArguments()
        var ignored = AnalysisArguments()
        for token in tokens {
            if token.name == nil {
                result.inputs.outcomes.append(token.values[0])
                continue
            }
            if ["outcomes", "deprivation"].contains(token.name!) {
                // `check` detects each file's kind itself; the options are accepted for symmetry.
                result.inputs.outcomes.append(contentsOf: token.values)
                continue
            }
            if try applyInput(token, to: &result.inputs, analysis: &ignored, command: "check") { continue }
            throw UsageError("unknown option '\(token.spelling)' for check", command: "check")
        }
        if result.inputs.outcomes.isEmpty { throw UsageError("check needs at least one FILE", command: "check") }
        return result
    }

    private static func parseSummary(_ tokens: inout [Token]) throws(UsageError) -> SummaryArguments {
        var result = SummaryArguments()
        for token in tokens {
            if try applyInput(token, to: &result.inputs, analysis: &result.analysis, command: "summary") { continue }
            if try applyAnalysis(token, to: &result.analysis, command: "summary") { continue }
            switch token.name {
            case "json": result.json = true
            case "indicator":
                let id = try single(token, command: "summary")
                guard Indicator.withID(id) != nil else {
                    throw UsageError("--indicator expects one of \(Indicator.all.map(\.id).joined(separator: ", ")), found '\(id)'", command: "summary")
                }
                result.indicator = id
            case nil: throw UsageError("unexpected argument '\(token.spelling)'; give outcome files with --outcomes", command: "summary")
            default: throw UsageError("unknown option '\(token.spelling)' for summary", command: "summary")
            }
        }
        return result
    }

    /// Applies an input option; returns false when `token` is not one.
    private static func applyInput(_ token: Token, to inputs: inout InputArguments, analysis: inout AnalysisArguments,
                                   command: String) throws(UsageError) -> Bool {
        switch token.name {
        case "outcomes":
            inputs.outcomes.append(contentsOf: token.values)
        case "deprivation":
            // SPEC §4 names a file; the benchmarking issue names the measure: `rank` and `score`
            // choose the measure, anything else is a file (write `./rank` for a file called rank).
            for value in token.values {
                if let measure = DeprivationMeasure(rawValue: value) { analysis.measure = measure } else { inputs.deprivation.append(value) }
            }
        case "area-level":
            inputs.areaLevel = try single(token, command: command)
        case "period-label":
            inputs.periodLabel = try single(token, command: command)
        case "aggregate":
            let value = try single(token, command: command)
            guard value == "quarter" else {
                throw UsageError("--aggregate takes 'quarter', found '\(value)'", command: command)
            }
            inputs.aggregateToQuarter = true
        default:
            return false
        }
        return true
    }

    /// Applies an analysis option; returns false when `token` is not one.
    private static func applyAnalysis(_ token: Token, to analysis: inout AnalysisArguments, command: String) throws(UsageError) -> Bool {
        switch token.name {
        case "period":
            analysis.period = try single(token, command: command)
        case "target":
            analysis.standardOverrides = try standards(token, command: command)
        case "confidence":
            analysis.confidencePercent = try percent(token, open: true, command: command)
        case "overdispersion":
            let value = try single(token, command: command)
            guard let choice = OverdispersionChoice(rawValue: value) else {
                throw UsageError("--overdispersion takes additive, multiplicative or none, found '\(value)'", command: command)
            }
            analysis.overdispersion = choice
        default:
            return false
        }
        return true
    }

    private static func single(_ token: Token, command: String) throws(UsageError) -> String {
        guard token.values.count == 1 else {
            throw UsageError("option '\(token.spelling)' takes one value, found \(token.values.count)", command: command)
        }
        let value = token.values[0]
        guard !value.trimmingWhitespace().isEmpty else { throw UsageError("option '\(token.spelling)' needs a non-empty value", command: command) }
        return value
    }

    /// `--target 50` or `--target recovery=50,reliable_improvement=67`: a bare percentage is
    /// recovery's; each indicator at most once; returned in `Indicator.all` order.
    private static func standards(_ token: Token, command: String) throws(UsageError) -> [StandardOverride] {
        let text = try single(token, command: command)
        var found: [String: Double] = [:]
        for item in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let parts = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
            let id = parts.count == 2 ? parts[0].trimmingWhitespace() : Indicator.recovery.id
            guard let indicator = Indicator.withID(id) else {
                throw UsageError("--target: unknown indicator '\(id)'; the indicators are \(Indicator.all.map(\.id).joined(separator: ", "))", command: command)
            }
            guard found[indicator.id] == nil else {
                throw UsageError("--target gives '\(indicator.id)' more than once", command: command)
            }
            found[indicator.id] = try percent(parts.last!, spelling: token.spelling, open: false, command: command)
        }
        return Indicator.all.compactMap { indicator in found[indicator.id].map { StandardOverride(indicatorID: indicator.id, percent: $0) } }
    }

    /// A percentage in [0, 100] (`open`: strictly between 0 and 100, as a confidence level must be).
    private static func percent(_ token: Token, open: Bool, command: String) throws(UsageError) -> Double {
        try percent(try single(token, command: command), spelling: token.spelling, open: open, command: command)
    }

    private static func percent(_ text: String, spelling: String, open: Bool, command: String) throws(UsageError) -> Double {
        let text = text.trimmingWhitespace()
        guard let value = Double(text.hasSuffix("%") ? String(text.dropLast()) : text), value.isFinite else {
            throw UsageError("option '\(spelling)' expects a percentage, found '\(text)'", command: command)
        }
        let ok = open ? (value > 0 && value < 100) : (value >= 0 && value <= 100)
        guard ok else {
            throw UsageError("option '\(spelling)' expects a percentage \(open ? "strictly between 0 and 100" : "from 0 to 100"), found '\(text)'", command: command)
        }
        return value
    }

    /// An absolute `http://` or `https://` URL with a host and no spaces; a trailing `/` is added
    /// so page paths can follow it.
    private static func siteURL(_ text: String, command: String) throws(UsageError) -> String {
        let lower = text.lowercased()
        let scheme = ["https://", "http://"].first { lower.hasPrefix($0) }
        guard let scheme, text.count > scheme.count, !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }),
              !text.dropFirst(scheme.count).hasPrefix("/") else {
            throw UsageError("--site-url expects an absolute http:// or https:// URL, found '\(text)'", command: command)
        }
        return text.hasSuffix("/") ? text : text + "/"
    }

    /// A calendar date `YYYY-MM-DD`.
    private static func date(_ text: String, command: String) throws(UsageError) -> String {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month) else {
            throw UsageError("--date expects a date YYYY-MM-DD, found '\(text)'", command: command)
        }
        return text
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
