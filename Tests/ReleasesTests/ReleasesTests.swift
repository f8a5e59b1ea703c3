import Testing
import LevelFieldModel
@testable import Releases

/// Splits CSV text written plainly (no quotes) into header, rows and line numbers.
func table(_ text: String) -> (header: [String], rows: [[String]], lines: [Int]) {
    let records = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return (records[0], Array(records.dropFirst()), Array(2..<(records.count + 1)))
}

func figures(_ text: String) throws -> PublishedFigures {
    let t = table(text)
    return try PublishedFigures.read(header: t.header, rows: t.rows, lines: t.lines, file: "benchmarks.csv")
}

@Suite("Comparing releases")
struct ReleasesTests {
    static let schema2Header = "period,indicator,area_code,area_name,denominator,numerator,rate,standard_verdict,adjusted_verdict,funnel_verdict"

    @Test("a schema 1 file maps to schema 2's names and verdict words")
    func schema1() throws {
        let read = try figures("""
        period,area_code,area_name,imd_rank,recovery_denominator,recovered,recovery_rate,target_status,adjusted_status
        2020-21,A1,Alpha,1,100,40,40,below,below
        2020-21,A2,Beta,2,200,120,60,meets,within
        2020-21,A3,Gamma,3,50,,,meets,above
        """)
        #expect(read.schema == 1)
        #expect(read.figures.map(\.indicator) == ["recovery", "recovery", "recovery"])
        #expect(read.figures.map(\.standardVerdict) == ["misses", "meets", "meets"])
        #expect(read.figures.map(\.adjustedVerdict) == ["worse", "as_expected", "better"])
        #expect(read.figures.map(\.funnelVerdict) == [nil, nil, nil])
        #expect(read.figures[2].numerator == nil)
        #expect(read.figures[1].denominator == 200)
    }

    @Test("a file with neither schema's counts, a bad count and a duplicate row are errors with their location")
    func errors() throws {
        #expect(throws: ReleaseError(location: SourceLocation(file: "benchmarks.csv", line: 1, column: 1),
                                     reason: .unrecognisedBenchmarks(missing: ["recovered", "recovery_denominator"]))) {
            try figures("period,area_code,area_name,rate\n2020-21,A1,Alpha,40")
        }
        #expect(throws: ReleaseError(location: SourceLocation(file: "benchmarks.csv", line: 3, column: 6),
                                     reason: .notAWholeNumber(column: "numerator", found: "4.5"))) {
            try figures("\(Self.schema2Header)\n2020-21,recovery,A1,Alpha,10,4,40,misses,worse,as_expected\n2020-21,recovery,A2,Beta,10,4.5,45,misses,worse,as_expected")
        }
        #expect(throws: ReleaseError(location: SourceLocation(file: "benchmarks.csv", line: 3, column: 1),
                                     reason: .duplicateFigure(period: "2020-21", indicator: "recovery", area: "A1"))) {
            try figures("\(Self.schema2Header)\n2020-21,recovery,A1,Alpha,10,4,40,misses,worse,as_expected\n2020-21,recovery,A1,Alpha,10,4,40,misses,worse,as_expected")
        }
    }

    @Test("new periods, revisions, verdict changes, areas appearing and disappearing, renames")
    func compare() throws {
        let previous = try figures("""
        \(Self.schema2Header)
        2020-21,recovery,A1,Alpha,100,40,40,misses,worse,as_expected
        2020-21,recovery,A2,Beta,200,120,60,meets,as_expected,as_expected
        2020-21,recovery,A3,Gamma,80,50,62.5,meets,better,better_95
        2020-21,reliable_recovery,A1,Alpha,100,38,38,misses,worse,as_expected
        """)
        let current = try figures("""
        \(Self.schema2Header)
        2020-21,recovery,A1,Alpha,100,52,52,meets,as_expected,as_expected
        2020-21,recovery,A2,Beta East,210,120,57.1,meets,as_expected,as_expected
        2020-21,recovery,A4,Delta,90,45,50,meets,as_expected,as_expected
        2020-21,reliable_recovery,A1,Alpha,100,38,38,misses,worse,as_expected
        2020-21,wait_6_weeks,A1,Alpha,100,90,90,meets,as_expected,as_expected
        2021-22,recovery,A1,Alpha,110,60,54.5,meets,as_expected,as_expected
        2021-22,recovery,A5,Epsilon,70,35,50,meets,as_expected,as_expected
        2021-22,reliable_recovery,A1,Alpha,110,50,45.5,misses,worse,as_expected
        """)
        let changes = ReleaseComparison.compare(previous: previous, current: current, previousRelease: "2020-21")
        let rows = changes.changes.map { [$0.period?.label ?? "", $0.indicator, $0.areaCode?.rawValue ?? "", $0.areaName, $0.kind.rawValue, $0.previous, $0.current] }
        #expect(rows == [
            ["", "", "A2", "Beta East", "area_renamed", "Beta", "Beta East"],
            ["", "wait_6_weeks", "", "", "new_indicator", "", "1"],
            ["2020-21", "recovery", "A1", "Alpha", "revised_numerator", "40", "52"],
            ["2020-21", "recovery", "A1", "Alpha", "standard_verdict_changed", "misses", "meets"],
            ["2020-21", "recovery", "A1", "Alpha", "adjusted_verdict_changed", "worse", "as_expected"],
            ["2020-21", "recovery", "A2", "Beta East", "revised_denominator", "200", "210"],
            ["2020-21", "recovery", "A3", "Gamma", "area_disappeared", "80", ""],
            ["2020-21", "recovery", "A4", "Delta", "area_appeared", "", "90"],
            ["2021-22", "recovery", "", "", "new_period", "", "2"],
            ["2021-22", "recovery", "A2", "Beta", "area_disappeared", "200", ""],
            ["2021-22", "recovery", "A3", "Gamma", "area_disappeared", "80", ""],
            ["2021-22", "recovery", "A5", "Epsilon", "area_appeared", "", "70"],
            ["2021-22", "reliable_recovery", "", "", "new_period", "", "1"],
        ])
        #expect(changes.newPeriods == [Period("2021-22")])
        #expect(changes.revisedFigures == 2)
        #expect(changes.areasWithVerdictChange == [AreaCode("A1")])
        #expect(ReleaseLog.summary(changes) == "1 new year, 2 figures revised, 1 area changed verdict")
        #expect(changes.notes.isEmpty)
    }

    @Test("a schema 1 previous release compares with a schema 2 one, and says so")
    func acrossSchemas() throws {
        let previous = try figures("""
        period,area_code,area_name,recovery_denominator,recovered,target_status,adjusted_status
        2020-21,A1,Alpha,100,40,below,below
        2020-21,A2,Beta,200,120,meets,within
        """)
        let current = try figures("""
        \(Self.schema2Header)
        2020-21,recovery,A1,Alpha,100,40,40,misses,worse,worse_95
        2020-21,recovery,A2,Beta,200,120,60,meets,better,as_expected
        2020-21,reliable_recovery,A1,Alpha,100,38,38,misses,worse,as_expected
        """)
        let changes = ReleaseComparison.compare(previous: previous, current: current, previousRelease: "2020-21")
        #expect(changes.changes.map(\.kind) == [.newIndicator, .adjustedVerdictChanged])
        #expect(changes.changes[1].previous == "as_expected" && changes.changes[1].current == "better")
        #expect(changes.notes.count == 2)
        #expect(changes.notes[0].contains("schema 1"))
    }

    @Test("identical releases have no changes")
    func identical() throws {
        let same = try figures("\(Self.schema2Header)\n2020-21,recovery,A1,Alpha,100,40,40,misses,worse,as_expected")
        let changes = ReleaseComparison.compare(previous: same, current: same, previousRelease: "r1")
        #expect(changes.changes.isEmpty)
        #expect(ReleaseLog.summary(changes, areaWord: "services") == "no new period, no figures revised, no verdict changed")
        #expect(ReleaseLog.summary(.firstRelease) == "first release")
    }

    @Test("period words")
    func periodWords() {
        #expect(ReleaseLog.periodWord(Period("2014-15 Q2")) == "quarter")
        #expect(ReleaseLog.periodWord(Period("2023-24")) == "year")
        #expect(ReleaseLog.periodWord(Period("2024-03")) == "month")
        #expect(ReleaseLog.periodWord(Period("week 3")) == "period")
    }

    @Test("the history: a re-run replaces the latest release, an older id is frozen, the baseline skips the replaced one")
    func history() throws {
        let r1 = ReleaseRecord(id: "r1", publishedOn: "2024-01-01", latestPeriod: "2023-24 Q3", summary: "first release", inputs: [])
        let r2 = ReleaseRecord(id: "r2", publishedOn: "2024-04-01", latestPeriod: "2023-24 Q4", summary: "1 new quarter",
                               inputs: [ReleaseInput(path: "a.csv", sha256: "ab"), ReleaseInput(path: "b.csv", sha256: "cd")])
        let earlier = [r2, r1]
        #expect(try ReleaseLog.merge(r2, into: earlier, file: "releases.csv") == [r2, r1])
        let r3 = ReleaseRecord(id: "r3", publishedOn: "2024-07-01", latestPeriod: "2024-25 Q1", summary: "", inputs: [])
        #expect(try ReleaseLog.merge(r3, into: earlier, file: "releases.csv") == [r3, r2, r1])
        #expect(throws: ReleaseError(location: SourceLocation(file: "releases.csv", line: 1, column: 1), reason: .frozenRelease(id: "r1", latest: "r2"))) {
            try ReleaseLog.merge(r1, into: earlier, file: "releases.csv")
        }
        #expect(ReleaseLog.baseline(for: "r2", in: earlier) == r1)
        #expect(ReleaseLog.baseline(for: "r3", in: earlier) == r2)
        #expect(ReleaseLog.baseline(for: "r1", in: [r1]) == nil)

        let csv = table("""
        release,published_on,latest_period,summary,input_file,input_sha256
        r2,2024-04-01,2023-24 Q4,1 new quarter,a.csv,ab
        r2,2024-04-01,2023-24 Q4,1 new quarter,b.csv,cd
        r1,2024-01-01,2023-24 Q3,first release,,
        """)
        #expect(try ReleaseLog.read(header: csv.header, rows: csv.rows, lines: csv.lines, file: "releases.csv") == earlier)
        #expect(ReleaseLog.isValidID("2024-25-q1") && ReleaseLog.isValidID("v1.2_b"))
        #expect(!ReleaseLog.isValidID("") && !ReleaseLog.isValidID("../x") && !ReleaseLog.isValidID(".hidden") && !ReleaseLog.isValidID("a/b"))
    }
}
