import Testing
@testable import Ingest

@Suite("byte-string numbering")
struct ByteTableTests {
    @Test("keys are numbered in order of first appearance, across growth, the empty key included")
    func numbering() {
        var table = ByteTable()
        let keys = (0..<500).map { Array("Count_Measure_\($0 * 7919 % 1000)".utf8) } + [[], Array("x".utf8)]
        for (position, key) in keys.enumerated() {
            let (index, isNew) = key.withUnsafeBufferPointer { table.number(of: $0) }
            #expect(index == position && isNew)
        }
        for (position, key) in keys.enumerated().reversed() {
            let (index, isNew) = key.withUnsafeBufferPointer { table.number(of: $0) }
            #expect(index == position && !isNew)
            #expect(Array(table.key(index)) == key)
        }
        #expect(table.count == keys.count)
    }
}
