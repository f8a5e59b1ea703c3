import Foundation
import Testing
import TestSupport
@testable import Statistics

/// The committed fixture Fixtures/inequality.json (written by generate_inequality.py).
struct InequalityFixture: Decodable {
    struct Case: Decodable {
        let name: String, numerators: [Double], denominators: [Double], multiplier: Double, confidence: Double
        let intercept: Double, slope: Double, varianceIntercept: Double, varianceSlope: Double, covariance: Double
        let sii: Double, siiLower: Double, siiUpper: Double, rii: Double, riiLower: Double?, riiUpper: Double?
    }
    let cases: [Case]

    static let shared: InequalityFixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/inequality.json")
        do { return try JSONDecoder().decode(InequalityFixture.self, from: Data(contentsOf: url)) } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

@Suite("slope and relative index of inequality")
struct InequalityIndexTests {
    @Test("every generator case agrees with generate_inequality.py to 1e-9 relative, including 'not calculated' RII intervals",
          arguments: 0..<InequalityFixture.shared.cases.count)
    func generatorCase(index: Int) throws {
        let c = InequalityFixture.shared.cases[index]
        let result = try InequalityIndex.compute(numerators: c.numerators, denominators: c.denominators,
                                                 multiplier: c.multiplier, confidence: c.confidence).get()
        #expect(result.groups == c.numerators.count)
        let worst = expectNear(
            [result.intercept, result.slope, result.varianceIntercept, result.varianceSlope, result.covariance,
             result.sii, result.siiLower, result.siiUpper, try #require(result.rii)],
            [c.intercept, c.slope, c.varianceIntercept, c.varianceSlope, c.covariance,
             c.sii, c.siiLower, c.siiUpper, c.rii], relative: 1e-9, absolute: 0, c.name)
        #expect((result.riiLower == nil) == (c.riiLower == nil), "\(c.name): RII interval bounded?")
        #expect((result.riiUpper == nil) == (c.riiUpper == nil), "\(c.name): RII interval bounded?")
        if let lower = result.riiLower, let upper = result.riiUpper, let eLower = c.riiLower, let eUpper = c.riiUpper {
            expectNear([lower, upper], [eLower, eUpper], relative: 1e-9, absolute: 0, "\(c.name) RII interval")
        }
        print("worst relative error, \(c.name): \(worst)")
    }

    @Test("the generator cases include an unbounded RII interval, a negative multiplier, quintiles and a 99.8% level")
    func branchesCovered() {
        let cases = InequalityFixture.shared.cases
        #expect(cases.contains { $0.riiLower == nil })
        #expect(cases.contains { $0.multiplier < 0 && $0.riiLower != nil })
        #expect(cases.contains { $0.numerators.count == 5 })
        #expect(cases.contains { $0.confidence == 0.998 })
        #expect(cases.contains { $0.sii < 0 } && cases.contains { $0.sii > 0 })
    }

    // Source: shared/reference/inequality-sii.md §6.1–§6.2, printed to 3–4 decimals, so asserted to
    // half a unit of the last printed digit.
    @Test("the reference document's worked example: SII 20.600 (18.794, 22.406) pp, RII 1.5070 (1.4522, 1.5644)")
    func referenceWorkedExample() throws {
        let x: [Double] = [1480, 1590, 1700, 1770, 1800, 1850, 1890, 1900, 1880, 1850]
        let n: [Double] = [3700, 3650, 3640, 3600, 3520, 3480, 3420, 3350, 3260, 3150]
        let r = try InequalityIndex.compute(numerators: x, denominators: n).get()
        #expect(abs(r.slope - 0.206000) <= 5e-7)
        #expect(abs(r.intercept - 0.406347) <= 5e-7)
        #expect(abs(r.varianceSlope - 8.49112e-5) <= 5e-11)
        #expect(abs(r.varianceIntercept - 2.83208e-5) <= 5e-11)
        #expect(abs(r.covariance - (-4.24670e-5)) <= 5e-11)
        #expect(abs(r.sii - 20.600) <= 5e-4)
        #expect(abs(r.siiLower - 18.794) <= 5e-4 && abs(r.siiUpper - 22.406) <= 5e-4)
        let rii = try #require(r.rii), lower = try #require(r.riiLower), upper = try #require(r.riiUpper)
        #expect(abs(rii - 1.5070) <= 5e-5)
        #expect(abs(lower - 1.4522) <= 5e-5 && abs(upper - 1.5644) <= 5e-5)
    }

    // Source: PHEindicatormethods 2.1.0 tests/testthat/testdata_SII.xlsx (UKHSA, GPL-3), commit
    // 093fd288d8f8949dbcfbed70049dbbf385b6141d, the proportion records with transform = FALSE,
    // extracted unchanged into Fixtures/phe-sii-proportions.csv by generate_inequality.py.
    // sii, rii and Intercept are deterministic (asserted to 1e-9 relative). PHE's confidence limits
    // are a 100,000-draw simulation on the logit scale; the analytic interval of §5.1 is its limit,
    // so they agree only to Monte Carlo error (observed ≤ 5.1e-4; PHE's own test uses 0.05).
    @Test("PHE's published test data: SII, RII and intercept to 1e-9 relative; simulated 95% limits to 1e-3 relative")
    func pheTestData() throws {
        let file = try FixtureFile("phe-sii-proportions.csv")
        var areas: [(first: [String], rows: [[String]])] = []
        for row in file.rows {
            if file.field(row, "Quantile") == "1" { areas.append((row, [])) }
            areas[areas.count - 1].rows.append(row)
        }
        #expect(areas.count == 8)
        for area in areas {
            let record = Int(file.field(area.first, "RecordNo"))!
            let multiplier: Double = (111...130).contains(record) ? 100 : (131...150).contains(record) ? -100 : 1
            #expect(area.rows.count == 10)
            let result = try InequalityIndex.compute(numerators: area.rows.map { file.number($0, "Count") },
                                                     denominators: area.rows.map { file.number($0, "Population") },
                                                     multiplier: multiplier).get()
            let h = area.first
            expectNear([result.sii, try #require(result.rii)], [file.number(h, "sii"), file.number(h, "rii")],
                       relative: 1e-9, absolute: 0, "record \(record) sii, rii")
            if !file.field(h, "Intercept").isEmpty {
                expectNear([result.intercept], [file.number(h, "Intercept")], relative: 1e-9, absolute: 0, "record \(record) intercept")
            }
            expectNear([result.siiLower, result.siiUpper, try #require(result.riiLower), try #require(result.riiUpper)],
                       ["sii_lowercl_1", "sii_uppercl_1", "rii_lowercl_1", "rii_uppercl_1"].map { file.number(h, $0) },
                       relative: 1e-3, absolute: 0, "record \(record) simulated limits")
        }
    }

    @Test("an area that cannot be assessed gets a typed reason, never a NaN")
    func unavailable() {
        let n: [Double] = [50, 50, 50, 50, 50, 50, 50, 50, 50, 50]
        let x: [Double] = [10, 12, 14, 16, 18, 20, 22, 24, 26, 28]
        func reason(_ x: [Double], _ n: [Double]) -> InequalityUnavailable? {
            if case .failure(let reason) = InequalityIndex.compute(numerators: x, denominators: n) { return reason }
            return nil
        }
        #expect(reason(x, n) == nil)
        #expect(reason(Array(x.prefix(4)), Array(n.prefix(4))) == .tooFewGroups(got: 4))
        #expect(reason(x, Array(n.prefix(9))) == .lengthMismatch(numerators: 10, denominators: 9))
        var zero = x; zero[2] = 0
        #expect(reason(zero, n) == .noEvents(group: 3))
        var all = x; all[9] = 50
        #expect(reason(all, n) == .allEvents(group: 10))
        var empty = n; empty[4] = 0
        #expect(reason(x, empty) == .nonPositiveDenominator(group: 5))
        #expect(InequalityUnavailable.noEvents(group: 3).reason == "group 3 has a numerator of 0")
    }

    @Test("reversing the order of the groups flips the SII's sign and inverts the RII")
    func orderMatters() throws {
        let c = InequalityFixture.shared.cases[0]
        let forward = try InequalityIndex.compute(numerators: c.numerators, denominators: c.denominators).get()
        let reversed = try InequalityIndex.compute(numerators: c.numerators.reversed(), denominators: c.denominators.reversed()).get()
        expectNear([reversed.sii, reversed.siiLower], [-forward.sii, -forward.siiUpper], relative: 1e-12, absolute: 0, "reversed SII")
        // The fitted ends swap: RII(reversed) = β₀/(β₀ + β₁) of the forward fit.
        expectNear([try #require(reversed.rii)], [1 / (try #require(forward.rii))], relative: 1e-12, absolute: 0, "reversed RII")
    }
}
