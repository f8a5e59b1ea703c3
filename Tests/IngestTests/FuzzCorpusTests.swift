import Foundation
import Testing
@testable import Ingest
import TestSupport

/// The fuzz harnesses' inputs, replayed: the committed seed corpus and every input a fuzzing run
/// found to crash or hang (`Fuzz/Regressions/`). Each must run to its end.
@Suite("fuzz corpus replay (ingest)")
struct FuzzCorpusTests {
    static func inputs(_ target: String) -> [URL] {
        ["Corpus", "Regressions"].flatMap { folder -> [URL] in
            let url = TestPaths.packageRoot.appendingPathComponent("Fuzz/\(folder)/\(target)")
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { url.appendingPathComponent($0) }
        }
    }

    @Test("the CSV parser's corpus parses the same whole and in small chunks")
    func csv() throws {
        let files = Self.inputs("csv")
        #expect(files.count >= 10)
        for file in files {
            let data = try Data(contentsOf: file)
            Array(data).withUnsafeBufferPointer { IngestFuzz.csv($0) }
        }
    }

    @Test("every reader's corpus reads to a dataset or a located error")
    func readers() throws {
        let files = Self.inputs("readers")
        #expect(files.count >= 20)
        var modes = Set<Int>()
        for file in files {
            let data = try Data(contentsOf: file)
            if let first = data.first { modes.insert(Int(first) % IngestFuzz.Mode.allCases.count) }
            Array(data).withUnsafeBufferPointer { IngestFuzz.readers($0) }
        }
        #expect(modes.count == IngestFuzz.Mode.allCases.count, "the seeds cover every reader")
    }
}
