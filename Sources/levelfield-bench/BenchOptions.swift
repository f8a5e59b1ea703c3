/// The benchmark's command line, parsed by a pure function.
struct BenchOptions: Equatable {
    var months = [12, 60, 120]
    var work = "/tmp/levelfield-bench"
    var levelfield = ".build/release/levelfield"
    var seed: UInt64 = 6
    /// Which commands to time, in order.
    var run = ["wc", "check", "build", "rebuild", "six"]
    /// Command templates by name, split at spaces (no shell). `{files}` expands to every monthly
    /// file (separate arguments), `{levelfield}`, `{deprivation}` and `{out}` to single
    /// arguments; a last word `>/dev/null` discards stdout (otherwise it goes to a log file).
    var commands: [String: String] = BenchOptions.defaultCommands
    var generateOnly = false

    static let defaultCommands = [
        "wc": "wc -l {files}",
        "cat": "cat {files} >/dev/null",
        "check": "{levelfield} check --area-level SubICB --aggregate quarter {files}",
        "build": "{levelfield} build --outcomes {files} --deprivation {deprivation} --area-level SubICB "
            + "--aggregate quarter --out {out} --date 2026-01-01",
        // The analysis and site alone: the same quarters re-read from the build's own benchmarks.csv.
        "rebuild": "{levelfield} build --outcomes {benchmarks} --out {out} --date 2026-01-01",
        // Six indicators (issue 9): a tidy file of months/3 quarters × 200 areas with every indicator's columns.
        "six": "{levelfield} build --outcomes {six} --deprivation {sixdeprivation} --out {out} --date 2026-01-01",
    ]

    static let usage = """
        usage: levelfield-bench [--months 12,60,120] [--work DIR] [--levelfield PATH]
                                [--run wc,check,build,rebuild,six] [--command NAME='TEMPLATE'] [--seed N]
                                [--generate-only]
          Generates (once, cached under --work) monthly files in the NHS England long layout,
          ~24 MB (178k rows) a month from 2016-04 on, and a Sub-ICB deprivation CSV, then times each command
          of --run on the first N months for every N of --months: wall-clock seconds, MB/s,
          rows/s and the child's peak resident memory. Disk: 120 months ≈ 2.9 GB.
          Commands (templates; {files} {levelfield} {deprivation} {out} {benchmarks} are filled in;
          {benchmarks} is downloads/benchmarks.csv of the same month count's `build`; {six} {sixdeprivation}
          are a tidy file of months/3 quarters × 200 areas with all six indicators, and its deprivation):
        """ + defaultCommands.keys.sorted().map { "\n    \($0): \(defaultCommands[$0]!)" }.joined()

    /// Parses the arguments after the program name.
    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        func value(_ flag: String) throws -> String {
            guard let next = rest.popFirst() else { throw BenchError.usage("\(flag) needs a value") }
            return next
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--months":
                let text = try value(argument)
                let parsed = text.split(separator: ",").map { Int($0) }
                guard !parsed.isEmpty, parsed.allSatisfy({ ($0 ?? 0) > 0 }) else {
                    throw BenchError.usage("--months expects positive whole numbers separated by commas, found \"\(text)\"")
                }
                options.months = parsed.map { $0! }
            case "--work": options.work = try value(argument)
            case "--levelfield": options.levelfield = try value(argument)
            case "--seed":
                let text = try value(argument)
                guard let seed = UInt64(text) else { throw BenchError.usage("--seed expects a whole number, found \"\(text)\"") }
                options.seed = seed
            case "--run":
                options.run = try value(argument).split(separator: ",").map(String.init)
            case "--command":
                let text = try value(argument)
                guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                    throw BenchError.usage("--command expects NAME=TEMPLATE, found \"\(text)\"")
                }
                options.commands[String(text[..<equals])] = String(text[text.index(after: equals)...])
            case "--generate-only": options.generateOnly = true
            case "--help", "-h": throw BenchError.usage(usage)
            default: throw BenchError.usage("unknown argument \"\(argument)\"\n\(usage)")
            }
        }
        for name in options.run where options.commands[name] == nil {
            throw BenchError.usage("no command named \"\(name)\" (known: \(options.commands.keys.sorted().joined(separator: ", ")))")
        }
        return options
    }

    /// The argument vector of a command template for one set of files, and whether its stdout
    /// is to be discarded.
    static func expand(_ template: String, files: [String], levelfield: String, deprivation: String,
                       out: String, benchmarks: String = "",
                       six: (outcomes: String, deprivation: String) = ("", "")) -> (arguments: [String], discardOutput: Bool) {
        var words = template.split(separator: " ")
        let discard = words.last == ">/dev/null"
        if discard { words.removeLast() }
        let arguments = words.flatMap { word -> [String] in
            switch word {
            case "{files}": files
            case "{levelfield}": [levelfield]
            case "{deprivation}": [deprivation]
            case "{out}": [out]
            case "{benchmarks}": [benchmarks]
            case "{six}": [six.outcomes]
            case "{sixdeprivation}": [six.deprivation]
            default: [String(word)]
            }
        }
        return (arguments, discard)
    }
}
