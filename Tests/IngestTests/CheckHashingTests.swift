import Testing
import LevelFieldModel
@testable import Ingest

@Suite("check reads like load, without checksums")
struct CheckHashingTests {
    static let outcomes = """
    period,area_code,area_name,finished_treatment,at_caseness,recovered
    2020-21,A1,Alpha,200,190,80
    2020-21,A2,Beta,220,200,95
    """
    static let deprivation = "area_code,imd_rank\nA1,1\nA2,2\n"

    @Test("check gives load's observations and ledger but computes no SHA-256 (nothing is published)")
    func checkSkipsHashing() throws {
        let folder = TempFolder()
        let outcomes = folder.write("o.csv", Self.outcomes)
        let deprivation = folder.write("d.csv", Self.deprivation)
        let loaded = try Ingest.load(outcomes: [outcomes], deprivation: [deprivation], options: IngestOptions())
        let checked = try Ingest.check(files: [outcomes, deprivation], options: IngestOptions())
        #expect(checked.observations == loaded.observations)
        #expect(checked.ledger == loaded.ledger)
        #expect(loaded.inputs.map(\.sha256) == [SHA256.hexDigest(of: Array(Self.outcomes.utf8)), SHA256.hexDigest(of: Array(Self.deprivation.utf8))])
        #expect(checked.inputs.map(\.sha256) == ["", ""])
        #expect(checked.inputs.map(\.rowCount) == loaded.inputs.map(\.rowCount))
        let unhashed = try Ingest.load(outcomes: [outcomes], deprivation: [deprivation], options: IngestOptions(), checksums: false)
        #expect(unhashed.observations == loaded.observations)
        #expect(unhashed.inputs.map(\.sha256) == ["", ""])
    }

    @Test("without hashing, one thread and several give the same dataset")
    func sequentialEqualsParallel() throws {
        let folder = TempFolder()
        let files = [folder.write("o.csv", Self.outcomes), folder.write("d.csv", Self.deprivation)].map { (path: $0, expectingOutcomes: Bool?.none) }
        let one = Collector(), two = Collector()
        try Ingest.readAll(files, options: IngestOptions(), bufferSize: 7, threads: 1, hashing: false, into: one)
        try Ingest.readAll(files, options: IngestOptions(), bufferSize: 7, threads: 2, hashing: false, into: two)
        #expect(try Join.dataset(one, options: IngestOptions()) == Join.dataset(two, options: IngestOptions()))
    }
}
