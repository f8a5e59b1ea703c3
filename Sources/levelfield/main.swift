import LevelFieldCLI

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// Everything lives in LevelFieldCLI so that it can be tested; this file only hands over argv
// and exits with the code it returns.
exit(LevelFieldCommand.run(Array(CommandLine.arguments.dropFirst())))
