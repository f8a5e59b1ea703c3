import Foundation
import Testing
@testable import Render
import TestSupport

/// The template harness's seed corpus and past findings (`Fuzz/Regressions/templates`), replayed.
@Suite("fuzz corpus replay (templates)")
struct TemplateFuzzCorpusTests {
    @Test("every template input parses and renders, or fails with a template error")
    func templates() throws {
        var count = 0
        for folder in ["Corpus", "Regressions"] {
            let url = TestPaths.packageRoot.appendingPathComponent("Fuzz/\(folder)/templates")
            for name in ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() where !name.hasPrefix(".") {
                let data = try Data(contentsOf: url.appendingPathComponent(name))
                Array(data).withUnsafeBufferPointer { TemplateFuzz.run($0) }
                count += 1
            }
        }
        #expect(count >= 8)
    }

    @Test("the fuzz context's hostile text is escaped where a template writes it")
    func hostileEscaped() throws {
        let set = try TemplateSet(files: ["page.html": "<p title=\"{{name}}\">{{name}}</p>"], folder: "t")
        let html = try set.render(page: "page", TemplateFuzz.context)
        #expect(!html.contains("<script>") && html.contains("&lt;script&gt;") && html.contains("&quot;&#39;"))
    }
}
