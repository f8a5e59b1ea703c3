import Foundation
import Testing
import TestSupport
@testable import Statistics

/// The committed fixture Fixtures/funnel.json (written by generate_funnel.py).
struct FunnelFixture: Decodable {
    struct Limits: Decodable { let lower95: [Double], upper95: [Double], lower99_8: [Double], upper99_8: [Double] }
    struct Curve: Decodable {
        let denominators: [Double], lower95: [Double], upper95: [Double], lower99_8: [Double], upper99_8: [Double]
    }
    struct Case: Decodable {
        let name: String, method: String, centre: String, target: Double?
        let numerators: [Double], denominators: [Double], expected: [Double]?, design: [[Double]]?
        let pooled: Double, q: Double, phi: Double, phiResidual: Double, phiUsed: Double, traceP: Double, tau2: Double
        let lowerCut: Double, upperCut: Double, limitsUsed: String
        let z: [Double], winsorisedZ: [Double], adjustedZ: [Double], limits: Limits, status: [String], curve: Curve?
    }
    let z95: Double, z99_8: Double
    let cases: [Case]

    static let shared: FunnelFixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/funnel.json")
        do { return try JSONDecoder().decode(FunnelFixture.self, from: Data(contentsOf: url)) } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()

    /// Runs the Swift funnel on the case's inputs.
    static func analyse(_ c: Case) throws -> FunnelAnalysis {
        let method = try #require(OverdispersionMethod(rawValue: c.method))
        switch c.centre {
        case "fitted":
            return try Funnel.adjusted(numerators: c.numerators, denominators: c.denominators,
                                       expected: try #require(c.expected), design: try #require(c.design), method: method)
        case "target":
            return try Funnel.flat(numerators: c.numerators, denominators: c.denominators, limitsAround: c.target, method: method)
        default:
            return try Funnel.flat(numerators: c.numerators, denominators: c.denominators, limitsAround: nil, method: method)
        }
    }
}

/// A FunnelPlotR `aggregated_data` CSV copied unchanged into Fixtures/ (quoted header and group).
struct FunnelPlotRTable {
    let header: [String]
    let rows: [[String]]

    init(_ name: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        let split = { (line: String) in line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"\r")) } }
        header = split(lines[0])
        rows = lines.dropFirst().map(split)
    }

    func column(_ name: String) -> [Double] {
        guard let index = header.firstIndex(of: name) else { fatalError("no column \(name)") }
        return rows.map { Double($0[index])! }
    }
}

/// |a − b| ≤ max(relative·|b|, absolute): relative agreement, with an absolute floor only for
/// values that are (near) zero, where a relative error is meaningless.
@discardableResult
func expectNear(_ actual: [Double], _ expected: [Double], relative: Double, absolute: Double = 1e-13, _ what: String,
                sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)", sourceLocation: sourceLocation)
    var worst = 0.0
    for (index, (a, e)) in zip(actual, expected).enumerated() {
        let ok = abs(a - e) <= absolute || relativeError(a, e) <= relative
        if abs(a - e) > absolute { worst = max(worst, relativeError(a, e)) }
        #expect(ok, "\(what)[\(index)]: \(a) vs \(e) (relative error \(relativeError(a, e)))", sourceLocation: sourceLocation)
    }
    return worst
}

@Suite("funnel limits with over-dispersion")
struct FunnelTests {
    @Test("every generator case agrees with generate_funnel.py to 1e-9 relative (absolute 1e-13 at zero), statuses identical",
          arguments: 0..<FunnelFixture.shared.cases.count)
    func generatorCase(index: Int) throws {
        let c = FunnelFixture.shared.cases[index]
        let result = try FunnelFixture.analyse(c)
        let tolerance = 1e-9
        var worst = expectNear([result.pooledProportion, result.dispersion.q, result.dispersion.phi,
                                result.dispersion.phiResidual, result.phi, result.dispersion.traceP, result.tau2,
                                result.dispersion.lowerCut, result.dispersion.upperCut],
                               [c.pooled, c.q, c.phi, c.phiResidual, c.phiUsed, c.traceP, c.tau2, c.lowerCut, c.upperCut],
                               relative: tolerance, "\(c.name): pooled, Q, φ, φ′, φ used, tr(P), τ², cuts")
        #expect(result.limitsUsed.rawValue == c.limitsUsed, "\(c.name)")
        #expect(result.dispersion.parameters == (c.centre == "fitted" ? 2 : 1))
        let units = result.units
        worst = max(worst, expectNear(units.map(\.z), c.z, relative: tolerance, "\(c.name) z"))
        worst = max(worst, expectNear(units.map(\.winsorisedZ), c.winsorisedZ, relative: tolerance, "\(c.name) z*"))
        worst = max(worst, expectNear(units.map(\.adjustedZ), c.adjustedZ, relative: tolerance, "\(c.name) z̃"))
        worst = max(worst, expectNear(units.map(\.limits.lower95), c.limits.lower95, relative: tolerance, "\(c.name) lower 95"))
        worst = max(worst, expectNear(units.map(\.limits.upper95), c.limits.upper95, relative: tolerance, "\(c.name) upper 95"))
        worst = max(worst, expectNear(units.map(\.limits.lower99_8), c.limits.lower99_8, relative: tolerance, "\(c.name) lower 99.8"))
        worst = max(worst, expectNear(units.map(\.limits.upper99_8), c.limits.upper99_8, relative: tolerance, "\(c.name) upper 99.8"))
        #expect(units.map(\.status.rawValue) == c.status, "\(c.name)")
        if let curve = c.curve {
            let centre = c.target ?? c.pooled
            let drawn = FunnelLimits.curve(centre: centre, denominators: curve.denominators, adjustment: result.adjustment)
            #expect(drawn == curve.denominators.map { result.limits(centre: centre, denominator: $0) })
            worst = max(worst, expectNear(drawn.map(\.lower95), curve.lower95, relative: tolerance, "\(c.name) curve lower 95"))
            worst = max(worst, expectNear(drawn.map(\.upper95), curve.upper95, relative: tolerance, "\(c.name) curve upper 95"))
            worst = max(worst, expectNear(drawn.map(\.lower99_8), curve.lower99_8, relative: tolerance, "\(c.name) curve lower 99.8"))
            worst = max(worst, expectNear(drawn.map(\.upper99_8), curve.upper99_8, relative: tolerance, "\(c.name) curve upper 99.8"))
        }
        print("worst relative error, \(c.name): \(worst)")
    }

    @Test("the generator cases reach every branch: φ ≤ 1, additive, multiplicative, none, k = 2, Q/m ≤ 1 < Q/(m − 2), cuts at 0 and 1")
    func branchesCovered() {
        let cases = FunnelFixture.shared.cases
        #expect(cases.contains { $0.phi <= 1 && $0.limitsUsed == "unadjusted" && $0.method != "none" && $0.tau2 == 0 })
        #expect(cases.contains { $0.limitsUsed == "additive" && $0.centre == "fitted" })
        #expect(cases.contains { $0.limitsUsed == "multiplicative" && $0.centre == "fitted" && $0.phiUsed == $0.phiResidual })
        #expect(cases.contains { $0.method == "none" && $0.phi > 1 && $0.limitsUsed == "unadjusted" })
        #expect(cases.contains { $0.centre == "fitted" && $0.phi <= 1 && $0.phiResidual > 1 && $0.limitsUsed == "unadjusted" })
        #expect(cases.contains { $0.centre == "fitted" && $0.phi <= 1 && $0.phiResidual > 1 && $0.limitsUsed == "multiplicative" })
        #expect(cases.contains { $0.limits.lower99_8.contains(0) && $0.z.contains { $0 < 0 } })
        #expect(cases.contains { $0.limits.upper99_8.contains(1) })
        for status in FunnelStatus.allCases {
            #expect(cases.contains { $0.status.contains(status.rawValue) }, "no case reaches \(status)")
        }
    }

    // Source: FunnelPlotR 0.6.0 (NHS-R Community, MIT), commit 9020d4972873d863e10b8a16555975f0e322adfc,
    // funnel_plot(data_type = "PR", limit = 99) run on the worked example of funnel-overdispersion.md
    // §5; its aggregated_data copied unchanged from shared/reference/fixtures (see Fixtures/README.md).
    // φ and τ² are printed in shared/reference/fixtures/README.md to 15 significant digits.
    @Test("FunnelPlotR worked example: z, Winsorised z, φ, τ² to 1e-9; limits to 1e-9 with its rounded z, 1e-7 with exact quantiles; outliers")
    func funnelPlotRWorkedExample() throws {
        let table = try FunnelPlotRTable("funnelplotr-pr-worked-example.csv")
        let result = try Funnel.flat(numerators: table.column("numerator"), denominators: table.column("denominator"),
                                     limitsAround: nil, method: .additive)
        expectNear([result.phi, result.tau2], [3.89849849399583, 0.0030968577438134], relative: 1e-9, "φ, τ²")
        #expect(result.limitsUsed == .additive)
        // FunnelPlotR prints 15 significant digits.
        expectNear(result.units.map(\.z), table.column("Uzscore"), relative: 1e-9, "Uzscore")
        expectNear(result.units.map(\.winsorisedZ), table.column("Wuzscore"), relative: 1e-9, "Wuzscore")
        expectNear(result.units.map(\.proportion), table.column("rr"), relative: 1e-12, "rr")
        // FunnelPlotR's calculate_limits uses the literals 1.959964 and 3.090232.
        let rounded = result.units.map {
            FunnelLimits(centre: result.pooledProportion, denominator: $0.denominator, adjustment: result.adjustment,
                         z95: 1.959964, z99_8: 3.090232)
        }
        expectNear(rounded.map(\.lower95), table.column("OD95LCL"), relative: 1e-9, "OD95LCL")
        expectNear(rounded.map(\.upper95), table.column("OD95UCL"), relative: 1e-9, "OD95UCL")
        expectNear(rounded.map(\.lower99_8), table.column("OD99LCL"), relative: 1e-9, "OD99LCL")
        expectNear(rounded.map(\.upper99_8), table.column("OD99UCL"), relative: 1e-9, "OD99UCL")
        // With the exact quantiles (what LevelField uses) the limits move by < 1e-8 (relative 1e-7).
        expectNear(result.units.map(\.limits.lower95), table.column("OD95LCL"), relative: 1e-7, "OD95LCL, exact z")
        expectNear(result.units.map(\.limits.upper99_8), table.column("OD99UCL"), relative: 1e-7, "OD99UCL, exact z")
        let unadjusted = result.units.map {
            FunnelLimits(centre: result.pooledProportion, denominator: $0.denominator, adjustment: .unadjusted,
                         z95: 1.959964, z99_8: 3.090232)
        }
        expectNear(unadjusted.map(\.lower95), table.column("LCL95"), relative: 1e-9, "LCL95")
        expectNear(unadjusted.map(\.upper95), table.column("UCL95"), relative: 1e-9, "UCL95")
        expectNear(unadjusted.map(\.lower99_8), table.column("LCL99"), relative: 1e-9, "LCL99")
        expectNear(unadjusted.map(\.upper99_8), table.column("UCL99"), relative: 1e-9, "UCL99")
        // limit = 99: an outlier is outside the 99.8% limits.
        let outliers = result.units.map { $0.status == .below99_8 || $0.status == .above99_8 ? 1.0 : 0.0 }
        #expect(outliers == table.column("outlier"))
    }

    // Source: as above, 30 binomial(n, 0.5) areas (numpy seed 7); φ printed in
    // shared/reference/fixtures/README.md; FunnelPlotR then draws the unadjusted limits.
    @Test("FunnelPlotR without over-dispersion: φ = 0.626602248539452 ≤ 1, τ² = 0, unadjusted limits used")
    func funnelPlotRNoOverdispersion() throws {
        let table = try FunnelPlotRTable("funnelplotr-pr-no-overdispersion.csv")
        let result = try Funnel.flat(numerators: table.column("numerator"), denominators: table.column("denominator"),
                                     limitsAround: nil, method: .additive)
        expectNear([result.phi], [0.626602248539452], relative: 1e-9, "φ")
        #expect(result.tau2 == 0)
        #expect(result.limitsUsed == .unadjusted)
        expectNear(result.units.map(\.z), table.column("Uzscore"), relative: 1e-9, "Uzscore")
        expectNear(result.units.map(\.winsorisedZ), table.column("Wuzscore"), relative: 1e-9, "Wuzscore")
        let rounded = result.units.map {
            FunnelLimits(centre: result.pooledProportion, denominator: $0.denominator, adjustment: result.adjustment,
                         z95: 1.959964, z99_8: 3.090232)
        }
        expectNear(rounded.map(\.lower95), table.column("OD95LCL"), relative: 1e-9, "OD95LCL")
        expectNear(rounded.map(\.upper99_8), table.column("OD99UCL"), relative: 1e-9, "OD99UCL")
        let outliers = result.units.map { $0.status == .below99_8 || $0.status == .above99_8 ? 1.0 : 0.0 }
        #expect(outliers == table.column("outlier"))
    }

    // Source: shared/reference/funnel-overdispersion.md §5.1–§5.3 (the reference document's own
    // worked example, printed to 6–7 significant digits, so asserted to half a unit of the last
    // printed digit).
    @Test("the reference document's printed worked example (§5.1 pooled, §5.2 flat 0.5, §5.3 deprivation-adjusted)")
    func referenceDocumentWorkedExample() throws {
        let n: [Double] = [60, 85, 120, 150, 200, 260, 320, 410, 540, 700]
        let o: [Double] = [24, 50, 51, 90, 94, 150, 150, 120, 250, 430]
        let x: [Double] = [3, 18, 7, 25, 12, 30, 9, 2, 15, 28]
        let pooled = try Funnel.flat(numerators: o, denominators: n, limitsAround: nil, method: .additive)
        #expect(abs(pooled.pooledProportion - 0.4952548) <= 5e-8)
        #expect(abs(pooled.dispersion.lowerCut - (-2.237374)) <= 5e-7)
        #expect(abs(pooled.dispersion.upperCut - 3.014500) <= 5e-7)
        #expect(abs(pooled.dispersion.q - 38.984985) <= 5e-7)
        #expect(abs(pooled.phi - 3.898498) <= 5e-7)
        #expect(abs(pooled.dispersion.traceP - 9682.390) <= 5e-4)
        #expect(abs(pooled.tau2 - 0.00309686) <= 5e-9)
        let h = pooled.units[7], j = pooled.units[9]
        #expect(abs(h.limits.lower99_8 - 0.311864) <= 5e-7 && abs(h.limits.upper99_8 - 0.679310) <= 5e-7)
        #expect(abs(h.limits.lower95 - 0.377198) <= 5e-7 && abs(h.limits.upper95 - 0.613581) <= 5e-7)
        #expect(abs(j.limits.upper95 - 0.609547) <= 5e-7 && abs(j.limits.upper99_8 - 0.673204) <= 5e-7)
        #expect(pooled.units.map(\.status) == [.within, .within, .within, .within, .within, .within, .within, .below99_8, .within, .above95])
        #expect(pooled.statusCounts.map(\.count) == [1, 0, 0, 1, 8])
        #expect(pooled.statusCounts.map(\.status) == FunnelStatus.allCases)
        let multiplicative = try Funnel.flat(numerators: o, denominators: n, limitsAround: nil, method: .multiplicative)
        #expect(abs(multiplicative.phi.squareRoot() - 1.974) <= 5e-4)
        #expect(multiplicative.units.map(\.status) == [.within, .within, .within, .within, .within, .within, .within, .below99_8, .within, .above99_8])
        let none = try Funnel.flat(numerators: o, denominators: n, limitsAround: nil, method: .none)
        #expect(none.units.map(\.status) == [.within, .within, .within, .above95, .within, .above95, .within, .below99_8, .within, .above99_8])

        let flat = try Funnel.flat(numerators: o, denominators: n, limitsAround: 0.5, method: .additive)
        #expect(abs(flat.units[0].limits.lower99_8 - 0.248642) <= 5e-7 && abs(flat.units[0].limits.upper99_8 - 0.751358) <= 5e-7)
        #expect(flat.units.map(\.status) == pooled.units.map(\.status))
        #expect(flat.tau2 == pooled.tau2)

        let fit = try WeightedLeastSquares.fit(design: x.map { [1, $0] }, response: zip(o, n).map { $0 / $1 }, weights: n)
        #expect(abs(fit.coefficients[0] - 0.324184) <= 5e-7 && abs(fit.coefficients[1] - 0.010161) <= 5e-7)
        let expected = x.map { fit.coefficients[0] + fit.coefficients[1] * $0 }
        let adjusted = try Funnel.adjusted(numerators: o, denominators: n, expected: expected, design: x.map { [1, $0] }, method: .additive)
        #expect(abs(adjusted.dispersion.lowerCut - (-1.770938)) <= 5e-7 && abs(adjusted.dispersion.upperCut - 1.545980) <= 5e-7)
        #expect(abs(adjusted.dispersion.q - 12.952964) <= 5e-7)
        #expect(abs(adjusted.phi - 1.295296) <= 5e-7)
        #expect(abs(adjusted.dispersion.traceP - 7957.222) <= 5e-4)
        #expect(abs(adjusted.tau2 - 0.000622449) <= 5e-10)
        #expect(abs(adjusted.units[7].z - (-2.25)) <= 5e-3 && abs(adjusted.units[9].z - 0.30) <= 5e-3)
        #expect(adjusted.units.allSatisfy { $0.status == .within })
        // The intercept-only formula on the same z would give 0.000408 (§5.3 step 4).
        let interceptOnly = try Overdispersion.estimate(zScores: adjusted.units.map(\.z), denominators: n)
        #expect(abs((adjusted.dispersion.q - 9) / interceptOnly.traceP - 0.000408) <= 5e-7)
    }

    @Test("row order does not matter: shuffled input gives the same φ, τ² and per-unit results")
    func orderInvariance() throws {
        var generator = SeededGenerator(seed: 2024)
        for c in FunnelFixture.shared.cases {
            let base = try FunnelFixture.analyse(c)
            let order = Array(c.numerators.indices).shuffled(using: &generator)
            let shuffled = FunnelFixture.Case(
                name: c.name, method: c.method, centre: c.centre, target: c.target,
                numerators: order.map { c.numerators[$0] }, denominators: order.map { c.denominators[$0] },
                expected: c.expected.map { e in order.map { e[$0] } }, design: c.design.map { d in order.map { d[$0] } },
                pooled: c.pooled, q: c.q, phi: c.phi, phiResidual: c.phiResidual, phiUsed: c.phiUsed, traceP: c.traceP,
                tau2: c.tau2, lowerCut: c.lowerCut, upperCut: c.upperCut, limitsUsed: c.limitsUsed, z: c.z,
                winsorisedZ: c.winsorisedZ, adjustedZ: c.adjustedZ, limits: c.limits, status: c.status, curve: c.curve)
            let result = try FunnelFixture.analyse(shuffled)
            expectNear([result.phi, result.tau2, result.dispersion.q], [base.phi, base.tau2, base.dispersion.q],
                       relative: 1e-12, absolute: 1e-15, "\(c.name) shuffled")
            #expect(result.limitsUsed == base.limitsUsed)
            #expect(result.units.map(\.status) == order.map { base.units[$0].status }, "\(c.name)")
            expectNear(result.units.map(\.limits.lower95), order.map { base.units[$0].limits.lower95 }, relative: 1e-12, "\(c.name) shuffled limits")
        }
    }

    @Test("a value exactly on a limit is within; statuses are tested in the order of the reference §1")
    func boundaries() {
        let limits = FunnelLimits(centre: 0.5, denominator: 100, adjustment: .additive(tau2: 0.001))
        #expect(limits.status(of: limits.lower95) == .within)
        #expect(limits.status(of: limits.upper95) == .within)
        #expect(limits.status(of: limits.lower99_8) == .below95)
        #expect(limits.status(of: limits.upper99_8) == .above95)
        #expect(limits.status(of: limits.lower99_8.nextDown) == .below99_8)
        #expect(limits.status(of: limits.upper99_8.nextUp) == .above99_8)
        #expect(limits.lower99_8 < limits.lower95 && limits.lower95 < 0.5 && 0.5 < limits.upper95 && limits.upper95 < limits.upper99_8)
        // Unadjusted = additive with τ² = 0 = multiplicative with φ = 1.
        let plain = FunnelLimits(centre: 0.3, denominator: 250, adjustment: .unadjusted)
        #expect(plain == FunnelLimits(centre: 0.3, denominator: 250, adjustment: .additive(tau2: 0)))
        #expect(plain == FunnelLimits(centre: 0.3, denominator: 250, adjustment: .multiplicative(phi: 1)))
    }

    @Test("invalid input throws a StatisticsError instead of producing NaNs")
    func invalidInput() {
        #expect(throws: StatisticsError.tooFewObservations(needed: 2, got: 0)) {
            try Funnel.flat(numerators: [], denominators: [], limitsAround: nil, method: .additive)
        }
        #expect(throws: StatisticsError.tooFewObservations(needed: 2, got: 1)) {
            try Funnel.flat(numerators: [3], denominators: [10], limitsAround: nil, method: .additive)
        }
        #expect(throws: StatisticsError.self) {
            try Funnel.flat(numerators: [3, 4], denominators: [10, 0], limitsAround: nil, method: .additive)
        }
        #expect(throws: StatisticsError.self) {
            try Funnel.flat(numerators: [3, 11], denominators: [10, 10], limitsAround: nil, method: .additive)
        }
        #expect(throws: StatisticsError.self) {
            try Funnel.flat(numerators: [0, 0], denominators: [10, 10], limitsAround: 0.5, method: .additive)
        }
        #expect(throws: StatisticsError.self) {
            try Funnel.flat(numerators: [3, 4], denominators: [10, 10], limitsAround: 1, method: .additive)
        }
        #expect(throws: StatisticsError.self) {
            try Funnel.adjusted(numerators: [3, 4, 5], denominators: [10, 10, 10], expected: [0.3, 0.4, 1.02],
                                design: [[1, 1], [1, 2], [1, 3]], method: .additive)
        }
        #expect(throws: StatisticsError.tooFewObservations(needed: 3, got: 2)) {
            try Funnel.adjusted(numerators: [3, 4], denominators: [10, 10], expected: [0.3, 0.4],
                                design: [[1, 1], [1, 2]], method: .additive)
        }
        #expect(throws: StatisticsError.rankDeficient) {
            try Funnel.adjusted(numerators: [3, 4, 5], denominators: [10, 10, 10], expected: [0.4, 0.4, 0.4],
                                design: [[1, 2], [1, 2], [1, 2]], method: .additive)
        }
    }
}
