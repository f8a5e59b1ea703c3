#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// What one timed run of a child process cost.
struct Measurement {
    var seconds: Double
    /// Peak resident set size of the child, in bytes (`ru_maxrss` from `wait4`).
    var peakResidentBytes: Int
    /// Exit code, or 128 + signal number when it was killed.
    var exitCode: Int32
}

/// Runs a program as a child, its stdout and stderr sent to files, and measures wall-clock time
/// and the child's own peak memory (`ru_maxrss` from `wait4`), as `/usr/bin/time -v` does.
///
/// On Linux the child is started with `fork` + `execvp`, not `posix_spawn`: glibc's posix_spawn
/// shares the parent's address space until exec (CLONE_VM), and the kernel then folds the
/// parent's high-water mark into the child's `ru_maxrss`. After a real fork the child only
/// inherits the parent's *current* resident size, which the bench keeps small (the generation
/// buffer is freed before timing); `true` is timed first to show that floor.
enum ChildProcess {
    static func run(_ arguments: [String], stdoutPath: String, stderrPath: String) throws -> Measurement {
        precondition(!arguments.isEmpty)
        // Everything the child needs is allocated before fork: after it, only exec-safe calls.
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let outPath = strdup(stdoutPath), errPath = strdup(stderrPath), devNull = strdup("/dev/null")
        defer {
            for pointer in argv { free(pointer) }
            free(outPath); free(errPath); free(devNull)
        }
        let start = DispatchTime.now().uptimeNanoseconds
        #if os(Linux)
        let pid = fork()
        guard pid >= 0 else { throw BenchError.io("cannot fork for \(arguments[0])") }
        if pid == 0 {
            let input = open(devNull!, O_RDONLY)
            let output = open(outPath!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            let errors = open(errPath!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            if input < 0 || output < 0 || errors < 0 { _exit(126) }
            dup2(input, 0); dup2(output, 1); dup2(errors, 2)
            _ = argv.withUnsafeBufferPointer { execvp(argv[0]!, $0.baseAddress!) }
            _exit(127)
        }
        #else
        var actions = posix_spawn_file_actions_t(bitPattern: 0)
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, devNull!, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, errPath!, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        var pid = pid_t()
        let status = posix_spawnp(&pid, argv[0]!, &actions, nil, argv, environ)
        guard status == 0 else {
            throw BenchError.io("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        #endif
        var waitStatus: Int32 = 0
        var usage = rusage()
        while wait4(pid, &waitStatus, 0, &usage) < 0 {
            guard errno == EINTR else { throw BenchError.io("wait4 failed for \(arguments[0])") }
        }
        let end = DispatchTime.now().uptimeNanoseconds

        #if canImport(Darwin)
        let peak = Int(usage.ru_maxrss)          // bytes on Darwin
        #else
        let peak = Int(usage.ru_maxrss) * 1_024  // kilobytes on Linux
        #endif
        let signal = waitStatus & 0x7F
        let exitCode = signal == 0 ? (waitStatus >> 8) & 0xFF : 128 + signal
        // execvp failing in the child shows as 127, as in a shell.
        return Measurement(seconds: Double(end - start) / 1e9, peakResidentBytes: peak, exitCode: exitCode)
    }
}
