// levelfield-bench: the scale benchmark (issue 6). Not part of `swift test`.
//
//   swift build -c release && swift run -c release levelfield-bench [--months 12,60,120] …
//
// Generates realistic monthly NHS England long-format files (cached under --work) and times
// `levelfield check` and `levelfield build --aggregate quarter` on them, with `wc -l` on the same
// files as the physical reference. See `BenchOptions.usage`.
import Foundation

let options: BenchOptions
do {
    options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
} catch {
    let isHelp = CommandLine.arguments.contains("--help") || CommandLine.arguments.contains("-h")
    FileHandle.standardError.write(Data("\(isHelp ? BenchOptions.usage : "levelfield-bench: \(error)")\n".utf8))
    exit(isHelp ? 0 : 64)
}

do {
    try Bench(options: options).run()
} catch {
    FileHandle.standardError.write(Data("levelfield-bench: \(error)\n".utf8))
    exit(1)
}

struct Bench {
    let options: BenchOptions
    let catalogue: Catalogue
    let dataDirectory: String
    let firstYear = 2016, firstMonth = 4

    init(options: BenchOptions) {
        self.options = options
        catalogue = Catalogue(seed: options.seed)
        // The cache key: generator version and everything that shapes the files.
        dataDirectory = "\(options.work)/data-v1-seed\(options.seed)-rows\(catalogue.rowsPerMonth)"
    }

    func run() throws {
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        try fileManager.createDirectory(atPath: "\(options.work)/logs", withIntermediateDirectories: true)
        let files = try generateMonths(count: options.months.max() ?? 0)
        let deprivation = try writeDeprivation()
        if options.generateOnly { return }

        print(row(["months", "MB", "command", "seconds", "MB/s", "rows/s", "peak RSS MB"]))
        // The floor: a child inherits the bench's current resident size until it execs.
        let floor = try ChildProcess.run(["true"], stdoutPath: "/dev/null", stderrPath: "/dev/null")
        print(row(["0", "0.0", "true", fixed(floor.seconds, 3), "-", "-",
                   fixed(Double(floor.peakResidentBytes) / 1e6, 1)]))
        for months in options.months {
            let set = Array(files.prefix(months))
            let bytes = try set.reduce(0) { $0 + (try fileManager.attributesOfItem(atPath: $1)[.size] as? Int ?? 0) }
            let rows = months * catalogue.rowsPerMonth
            for name in options.run {
                let template = options.commands[name]!
                let out = "\(options.work)/out-\(months)-\(name)"
                try? fileManager.removeItem(atPath: out)
                let benchmarks = "\(options.work)/out-\(months)-build/downloads/benchmarks.csv"
                var six: (outcomes: String, deprivation: String) = ("", "")
                if template.contains("{six}") {
                    six = try SixIndicatorFiles.write(quarters: months / 3, areas: 200, seed: options.seed, directory: dataDirectory)
                }
                let (arguments, discardOutput) = BenchOptions.expand(template, files: set, levelfield: options.levelfield,
                                                    deprivation: deprivation, out: out, benchmarks: benchmarks, six: six)
                var megabytes = Double(bytes) / 1e6
                var rows = rows
                if template.contains("{six}") {
                    let table = fileManager.contents(atPath: six.outcomes) ?? Data()
                    megabytes = Double(table.count) / 1e6
                    rows = table.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
                }
                if template.contains("{benchmarks}") {
                    // Its input is the build's quarterly table, not the monthly files: report that size.
                    guard let table = fileManager.contents(atPath: benchmarks) else {
                        print(row(["\(months)", "-", name, "skipped: no \(benchmarks) (run `build` first)"]))
                        continue
                    }
                    megabytes = Double(table.count) / 1e6
                    rows = table.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) } - 1
                }
                if template.contains("{levelfield}") && !fileManager.isExecutableFile(atPath: options.levelfield) {
                    print(row(["\(months)", fixed(megabytes, 1), name,
                               "skipped: no \(options.levelfield) (run `swift build -c release` first)"]))
                    continue
                }
                let log = "\(options.work)/logs/\(months)-\(name)"
                let measurement = try ChildProcess.run(arguments, stdoutPath: discardOutput ? "/dev/null" : log + ".out",
                                                       stderrPath: log + ".err")
                if measurement.exitCode != 0 {
                    print(row(["\(months)", fixed(megabytes, 1), name,
                               "failed: exit \(measurement.exitCode), see \(log).err"]))
                    continue
                }
                print(row(["\(months)", fixed(megabytes, 1), name, fixed(measurement.seconds, 3),
                           fixed(megabytes / measurement.seconds, 1),
                           fixed(Double(rows) / measurement.seconds, 0),
                           fixed(Double(measurement.peakResidentBytes) / 1e6, 1)]))
            }
        }
    }

    /// The first `count` monthly files from 2016-04, generating only those not already cached.
    func generateMonths(count: Int) throws -> [String] {
        var writer = MonthlyFileWriter(catalogue: catalogue, seed: options.seed)
        var paths: [String] = []
        var generatedBytes = 0, generated = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for index in 0..<count {
            let year = firstYear + (firstMonth - 1 + index) / 12
            let month = (firstMonth - 1 + index) % 12 + 1
            let path = "\(dataDirectory)/monthly-\(MonthlyFileWriter.date(year, month, 1).prefix(7)).csv"
            paths.append(path)
            if FileManager.default.fileExists(atPath: path) { continue }
            generatedBytes += try writer.write(year: year, month: month, index: index, to: path)
            generated += 1
        }
        if generated > 0 {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            progress("generated \(generated) month(s), \(fixed(Double(generatedBytes) / 1e6, 1)) MB, "
                     + "\(catalogue.rowsPerMonth) rows each, in \(fixed(seconds, 1)) s → \(dataDirectory)")
        } else {
            progress("using \(count) cached month(s) in \(dataDirectory)")
        }
        return paths
    }

    /// `area_code,area_name,imd_rank,imd_score` for every Sub-ICB (rank 1 = most deprived).
    func writeDeprivation() throws -> String {
        let path = "\(dataDirectory)/subicb-deprivation.csv"
        var random = SplitMix(seed: options.seed, stream: 2)
        var ranks = Array(1...catalogue.subICBs.count)
        var i = ranks.count - 1
        while i > 0 {
            ranks.swapAt(i, random.below(i + 1))
            i -= 1
        }
        var text = "area_code,area_name,imd_rank,imd_score\n"
        for (subICB, rank) in zip(catalogue.subICBs, ranks) {
            let score = 50 - 45 * Double(rank - 1) / Double(ranks.count)
            text += String(decoding: Catalogue.csv([subICB.code, subICB.name, "\(rank)"]), as: UTF8.self)
                + fixed(score, 3) + "\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// A table line: right-aligned columns; a message row keeps the first three columns.
    func row(_ cells: [String]) -> String {
        let widths = [6, 9, 8, 9, 9, 11, 11]
        return cells.enumerated().map { index, cell in
            guard index < 3 || cells.count == widths.count else { return " " + cell }
            return String(repeating: " ", count: max(0, widths[index] - cell.count)) + cell
        }.joined(separator: " ")
    }

    func progress(_ message: String) {
        FileHandle.standardError.write(Data("levelfield-bench: \(message)\n".utf8))
    }
}

/// Fixed-point text with `decimals` places (POSIX, no locale).
func fixed(_ x: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", x)
}
