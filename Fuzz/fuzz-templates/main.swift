#if canImport(Glibc)
import Glibc
#endif
import Render

// A libFuzzer harness: each input goes to `TemplateFuzz.run`. SwiftPM gives an executable its own entry
// point, so this main hands control to libFuzzer's driver (`-sanitize=fuzzer` links it in).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
let status = runFuzzerDriver(&argc, &argv) { data, size in
    TemplateFuzz.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
exit(status)
