import Foundation
import Testing
import Ingest
import LevelFieldModel
import TestSupport
@testable import Benchmarking

/// The embedded synthetic `Data/` carries breakdown rows with a within-area deprivation gradient
/// (`Sources/levelfield-datagen/SyntheticBreakdowns.swift`), so the default site shows SPEC §8.
@Suite("Synthetic Data/: breakdown rows and their gradient")
struct SyntheticGradientTests {
    static func dataset() throws -> Dataset {
        let root = TestPaths.packageRoot.appendingPathComponent("Data")
        let names = try FileManager.default.contentsOfDirectory(atPath: root.path)
            .filter { $0.hasPrefix("breakdowns-") && $0.hasSuffix(".csv") }.sorted()
        return try Ingest.load(outcomes: [root.appendingPathComponent("outcomes.csv").path]
                                   + names.map { root.appendingPathComponent($0).path },
                               deprivation: [root.appendingPathComponent("deprivation.csv").path], options: IngestOptions())
    }

    @Test("England's SII of recovery is 15–35 points in every period, and most areas' own SII is positive")
    func gradient() throws {
        let dataset = try Self.dataset()
        #expect(dataset.periods.count == 8)
        let (analyses, _) = Equity.analyse(dataset.breakdowns, periods: dataset.periods)
        for period in dataset.periods {
            let recovery = analyses.filter { $0.period == period && $0.indicator.id == "recovery" }
            let england = try #require(recovery.first { $0.areaCode.rawValue == "ENGLAND" }?.inequality)
            #expect(england.sii > 15 && england.sii < 35 && england.siiInterval.lower > 0, "\(period.label): \(england.sii)")
            let areas = recovery.filter { $0.areaCode.rawValue != "ENGLAND" }.compactMap(\.inequality)
            #expect(areas.count > 80, "\(period.label): \(areas.count) areas with an SII")
            #expect(areas.filter { $0.sii > 0 }.count * 10 > areas.count * 8, "\(period.label)")
        }
    }

    @Test("each area's decile counts sum to at most its total, and every area has all four breakdowns")
    func sumsWithinTotals() throws {
        let dataset = try Self.dataset()
        var totals: [String: Observation] = [:]
        for observation in dataset.observations { totals["\(observation.period.label) \(observation.areaCode.rawValue)"] = observation }
        var sums: [String: (finished: Int, kinds: Set<BreakdownKind>)] = [:]
        for row in dataset.breakdowns where row.observation.areaCode.rawValue != "ENGLAND" {
            let key = "\(row.observation.period.label) \(row.observation.areaCode.rawValue)"
            var entry = sums[key] ?? (0, [])
            if row.kind == .imdDecile { entry.finished += row.observation.finishedTreatment ?? 0 }
            entry.kinds.insert(row.kind)
            sums[key] = entry
        }
        #expect(sums.count == 211 * 8)
        for (key, entry) in sums {
            #expect(entry.kinds.count == 4, "\(key)")
            if let total = totals[key]?.finishedTreatment { #expect(entry.finished <= total, "\(key)") }
        }
    }
}
