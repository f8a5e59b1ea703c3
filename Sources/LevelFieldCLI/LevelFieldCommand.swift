import Foundation
import Benchmarking
import Ingest
import Releases
import LevelFieldModel
import Render

/// Where the CLI writes: results to `out` (stdout), progress and errors to `err` (stderr).
package struct Console: Sendable {
    /// Results.
    package var out: @Sendable (String) -> Void
    /// Progress lines and error messages.
    package var err: @Sendable (String) -> Void

    /// A console writing to the given sinks.
    package init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// The process's standard output and standard error.
    package static let standard = Console(
        out: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        err: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
}

/// The process environment the CLI depends on, injectable for tests.
package struct Environment: Sendable {
    /// The working directory.
    package var currentDirectory: String
    /// The running executable's path, for finding `Data/` and `Templates/`.
    package var executablePath: String?
    /// `SOURCE_DATE_EPOCH`, if set.
    package var sourceDateEpoch: String?

    /// Creates an environment.
    package init(currentDirectory: String, executablePath: String?, sourceDateEpoch: String?) {
        self.currentDirectory = currentDirectory
        self.executablePath = executablePath
        self.sourceDateEpoch = sourceDateEpoch
    }

    /// The real process's environment.
    package static var process: Environment {
        Environment(currentDirectory: FileManager.default.currentDirectoryPath,
                    executablePath: Bundle.main.executablePath ?? CommandLine.arguments.first,
                    sourceDateEpoch: ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"])
    }
}

/// Exit codes of SPEC §4 (sysexits).
package enum ExitCode {
    /// Success.
    package static let ok: Int32 = 0
    /// Anything else.
    package static let failure: Int32 = 1
    /// Command-line usage error.
    package static let usage: Int32 = 64
    /// Bad input data.
    package static let dataError: Int32 = 65
    /// Input/output error.
    package static let ioError: Int32 = 74
}

/// The `levelfield` command: parses arguments, runs the pipeline, and turns any error into one
/// message and an exit code (the only place that does).
package enum LevelFieldCommand {
    /// Runs with `argv` (without the program name); returns the exit code.
    package static func run(_ argv: [String], console: Console = .standard, environment: Environment = .process) -> Int32 {
        let invocation: Invocation
        do {
            invocation = try Arguments.parse(argv)
        } catch {
            console.err("levelfield: error: \(error.message)\n")
            console.err(Usage.text(for: error.command))
            return ExitCode.usage
        }
        do {
            switch invocation {
            case .help(let command):
                console.out(Usage.text(for: command))
            case .version:
                console.out("levelfield \(LevelFieldVersion.current)")
            case .check(let arguments):
                try Pipeline(console: console, environment: environment).check(arguments)
            case .build(let arguments):
                try Pipeline(console: console, environment: environment).build(arguments)
            case .summary(let arguments):
                try Pipeline(console: console, environment: environment).summary(arguments)
            }
            return ExitCode.ok
        } catch {
            let (message, code) = describe(error)
            // Whatever the error quotes, nothing in it may drive the terminal.
            console.err(message.split(separator: "\n", omittingEmptySubsequences: false)
                .map { MessageText.escapingControls(String($0)) }.joined(separator: "\n"))
            if code == ExitCode.usage, let usage = error as? UsageError {
                console.err("\n" + Usage.text(for: usage.command))
            }
            return code
        }
    }

    /// One message and an exit code for any error.
    package static func describe(_ error: any Error) -> (message: String, code: Int32) {
        switch error {
        case let error as UsageError:
            return ("levelfield: error: \(error.message)", ExitCode.usage)
        case let error as IngestError:
            return (error.description, error.isIOError ? ExitCode.ioError : ExitCode.dataError)
        case let error as SiteError:
            // Already located (`file:line:column: error: …`). Ingest refuses the data problems
            // first (so `check` finds them); a missing template is not a data problem.
            if case .missingTemplate = error.reason { return (error.description, ExitCode.failure) }
            return (error.description, ExitCode.dataError)
        case let error as TemplateError:
            return (error.description, ExitCode.failure)
        case let error as BenchmarkError:
            return ("levelfield: error: \(error.description)", ExitCode.usage)
        case let error as ReleaseError:
            if case .frozenRelease = error.reason { return (error.description, ExitCode.usage) }
            return (error.description, ExitCode.dataError)
        case let error as PipelineError:
            return ("levelfield: error: \(error.message)", error.code)
        default:
            return ("levelfield: error: \(error)", ExitCode.failure)
        }
    }
}

/// A failure of the pipeline outside ingest, with its exit code.
package struct PipelineError: Error, Equatable, Sendable {
    /// What went wrong, in words.
    package var message: String
    /// The exit code.
    package var code: Int32
}
