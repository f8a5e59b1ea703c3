/// The body of the libFuzzer harness for the template engine (`Fuzz/`, README "Fuzzing"): any
/// bytes, split at NUL bytes into a page and two partials (`p`, `q`), are parsed and rendered
/// with a context holding hostile text. A template error is an expected result; a crash, a hang
/// or a hostile value written unescaped is a finding. Replayed by the unit tests.
package enum TemplateFuzz {
    /// Text from "the data" that must never reach the output unescaped.
    static let hostile = "<script>alert(1)</script>\u{0}\u{1B}[2J&\"'"

    /// The context every fuzzed page is rendered with.
    static let context: TemplateContext = [
        "name": .text(hostile),
        "code": .text("A04"),
        "flag": .flag(true),
        "off": .flag(false),
        "svg": .trusted(TrustedHTML(generatedMarkup: "<svg></svg>")),
        "items": .list([["name": .text("one")], ["name": .text(hostile), "flag": .flag(false)]]),
        "none": .list([]),
        "inner": .context(["name": .text("inner")]),
    ]

    /// Parses and renders one input.
    package static func run(_ data: UnsafeBufferPointer<UInt8>) {
        let parts = data.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
        var files = ["page.html": parts[0]]
        if parts.count > 1 { files["p.partial.html"] = parts[1] }
        if parts.count > 2 { files["q.partial.html"] = parts[2] }
        guard let set = try? TemplateSet(files: files, folder: "fuzz"), let html = try? set.render(page: "page", context) else {
            return
        }
        // The page's own text may contain anything; the hostile value's markup must not appear
        // unless the template itself wrote it.
        if html.contains("<script>alert(1)</script>") {
            precondition(files.values.contains { $0.contains("<script>alert(1)</script>") }, "a value was written unescaped")
        }
    }
}
