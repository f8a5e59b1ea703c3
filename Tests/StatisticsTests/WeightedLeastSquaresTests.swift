import Foundation
import Testing
import TestSupport
@testable import Statistics

/// The committed regression fixture (Fixtures/regression.json, written by generate_regression.py).
struct RegressionFixture: Decodable {
    struct Certified: Decodable {
        let coefficients: [Double], standardErrors: [Double], sigma: Double, rSquared: Double
        let fStatistic: Double, residualSumOfSquares: Double, dfResidual: Int
    }
    struct NISTCase: Decodable {
        let name: String, source: String, design: [[Double]], response: [Double], certified: Certified
    }
    struct Prediction: Decodable { let x: [Double], confidence: Double, estimate: Double, lower: Double, upper: Double }
    struct Expected: Decodable {
        let n: Int, coefficients: [Double], standardErrors: [Double], tStatistics: [Double], pValues: [Double]
        let rSquared: Double, adjustedRSquared: Double, fStatistic: Double, fPValue: Double, dfResidual: Int
        let sigma: Double, unscaledCovariance: [[Double]], meanResponse: [Prediction]
    }
    struct WeightedCase: Decodable {
        let name: String, source: String, design: [[Double]], response: [Double], weights: [Double], expected: Expected
    }
    let nist: [NISTCase]
    let weighted: [WeightedCase]

    static func load() throws -> RegressionFixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/regression.json")
        return try JSONDecoder().decode(RegressionFixture.self, from: Data(contentsOf: url))
    }
}

/// Checks every element of `actual` against `expected` to `tolerance` relative error; returns the worst.
@discardableResult
func expectClose(_ actual: [Double], _ expected: [Double], _ tolerance: Double, _ what: String,
                 sourceLocation: SourceLocation = #_sourceLocation) -> Double {
    #expect(actual.count == expected.count, "\(what): \(actual.count) values, expected \(expected.count)",
            sourceLocation: sourceLocation)
    var worst = 0.0
    for (a, e) in zip(actual, expected) {
        let error = relativeError(a, e)
        worst = max(worst, error)
        #expect(error <= tolerance, "\(what): \(a) vs \(e) (relative error \(error))", sourceLocation: sourceLocation)
    }
    return worst
}

@Suite("weighted least squares")
struct WeightedLeastSquaresTests {
    static func unitWeights(_ n: Int) -> [Double] { [Double](repeating: 1, count: n) }

    @Test("NIST StRD Norris and Longley are reproduced to 1e-9 relative (certified digits)",
          arguments: ["Norris", "Longley"])
    func nistCertified(name: String) throws {
        let fixture = try RegressionFixture.load()
        let dataset = try #require(fixture.nist.first { $0.name == name })
        let fit = try WeightedLeastSquares.fit(design: dataset.design, response: dataset.response,
                                               weights: Self.unitWeights(dataset.response.count))
        let c = dataset.certified
        var worst = expectClose(fit.coefficients, c.coefficients, 1e-9, "\(name) β")
        worst = max(worst, expectClose(fit.standardErrors, c.standardErrors, 1e-9, "\(name) SE"))
        worst = max(worst, expectClose([fit.sigma, fit.rSquared, fit.fStatistic, fit.sigma * fit.sigma * Double(fit.dfResidual)],
                                       [c.sigma, c.rSquared, c.fStatistic, c.residualSumOfSquares], 1e-9, "\(name) σ̂, R², F, RSS"))
        #expect(fit.dfResidual == c.dfResidual)
        print("worst relative error NIST \(name): \(worst)")
    }

    @Test("weighted fits agree with statsmodels WLS (or 60-digit arithmetic where statsmodels is off) to 1e-9 relative in every reported number",
          arguments: 0..<5)
    func statsmodelsWeighted(index: Int) throws {
        let fixture = try RegressionFixture.load()
        let c = fixture.weighted[index]
        let fit = try WeightedLeastSquares.fit(design: c.design, response: c.response, weights: c.weights)
        let e = c.expected
        #expect(fit.n == e.n)
        #expect(fit.dfResidual == e.dfResidual)
        let tolerance = 1e-9
        var worst = expectClose(fit.coefficients, e.coefficients, tolerance, "\(c.name) β")
        worst = max(worst, expectClose(fit.standardErrors, e.standardErrors, tolerance, "\(c.name) SE"))
        worst = max(worst, expectClose(fit.tStatistics, e.tStatistics, tolerance, "\(c.name) t"))
        worst = max(worst, expectClose(fit.pValues, e.pValues, tolerance, "\(c.name) p"))
        worst = max(worst, expectClose(
            [fit.rSquared, fit.adjustedRSquared, fit.fStatistic, fit.fPValue, fit.sigma],
            [e.rSquared, e.adjustedRSquared, e.fStatistic, e.fPValue, e.sigma], tolerance, "\(c.name) R², adj R², F, p(F), σ̂"))
        worst = max(worst, expectClose(fit.unscaledCovariance.flatMap { $0 }, e.unscaledCovariance.flatMap { $0 },
                                       tolerance, "\(c.name) (XᵀWX)⁻¹"))
        for prediction in e.meanResponse {
            let mean = fit.meanResponse(at: prediction.x, confidence: prediction.confidence)
            worst = max(worst, expectClose([mean.estimate, mean.lower, mean.upper],
                                           [prediction.estimate, prediction.lower, prediction.upper],
                                           tolerance, "\(c.name) mean response at \(prediction.x)"))
        }
        print("worst relative error WLS '\(c.name)' vs \(c.source): \(worst)")
    }

    @Test("mean responses at many rows equal the one-row call's, bit for bit (the t quantile is computed once)")
    func batchedMeanResponses() throws {
        let fixture = try RegressionFixture.load()
        let norris = fixture.nist[0]
        let fit = try WeightedLeastSquares.fit(design: norris.design, response: norris.response, weights: Self.unitWeights(norris.design.count))
        for confidence in [0.5, 0.95, 0.998] {
            let batch = fit.meanResponses(at: norris.design, confidence: confidence)
            #expect(batch.count == norris.design.count)
            for (row, mean) in zip(norris.design, batch) {
                let single = fit.meanResponse(at: row, confidence: confidence)
                #expect(mean.estimate == single.estimate && mean.lower == single.lower && mean.upper == single.upper)
            }
        }
    }

    @Test("unit weights give ordinary least squares: repeating a row equals weight 2 for β")
    func unitWeightsAreOLS() throws {
        let fixture = try RegressionFixture.load()
        let norris = fixture.nist[0]
        var design = norris.design, response = norris.response
        var weights = Self.unitWeights(design.count)
        weights[4] = 2; weights[10] = 2
        design += [norris.design[4], norris.design[10]]
        response += [norris.response[4], norris.response[10]]
        let weighted = try WeightedLeastSquares.fit(design: norris.design, response: norris.response, weights: weights)
        let repeated = try WeightedLeastSquares.fit(design: design, response: response, weights: Self.unitWeights(design.count))
        expectClose(weighted.coefficients, repeated.coefficients, 1e-12, "β")
    }

    @Test("multiplying every weight by a constant leaves β, SE, t, p, R² and F unchanged",
          arguments: [1e-6, 0.37, 1000.0])
    func weightScaling(factor: Double) throws {
        let c = try RegressionFixture.load().weighted[2]
        let base = try WeightedLeastSquares.fit(design: c.design, response: c.response, weights: c.weights)
        let scaled = try WeightedLeastSquares.fit(design: c.design, response: c.response, weights: c.weights.map { $0 * factor })
        expectClose(scaled.coefficients, base.coefficients, 1e-12, "β")
        expectClose(scaled.standardErrors, base.standardErrors, 1e-12, "SE")
        expectClose(scaled.pValues, base.pValues, 1e-11, "p")
        expectClose([scaled.rSquared, scaled.fStatistic, scaled.fPValue], [base.rSquared, base.fStatistic, base.fPValue], 1e-11, "R², F, p(F)")
    }

    @Test("row order does not matter")
    func rowOrder() throws {
        let c = try RegressionFixture.load().weighted[0]
        let order = (0..<c.response.count).map { ($0 * 37 + 11) % c.response.count } // a fixed permutation (gcd(37, 120) = 1)
        #expect(Set(order).count == order.count)
        let base = try WeightedLeastSquares.fit(design: c.design, response: c.response, weights: c.weights)
        let permuted = try WeightedLeastSquares.fit(design: order.map { c.design[$0] }, response: order.map { c.response[$0] },
                                                    weights: order.map { c.weights[$0] })
        expectClose(permuted.coefficients, base.coefficients, 1e-12, "β")
        expectClose(permuted.standardErrors, base.standardErrors, 1e-12, "SE")
        expectClose([permuted.rSquared, permuted.fStatistic, permuted.sigma], [base.rSquared, base.fStatistic, base.sigma], 1e-12, "R², F, σ̂")
    }

    @Test("a zero-weight row is the same as leaving the row out, as in R lm(weights=)")
    func zeroWeightDropsRow() throws {
        let c = try RegressionFixture.load().weighted[3]
        let kept = c.weights.indices.filter { c.weights[$0] > 0 }
        let withZeros = try WeightedLeastSquares.fit(design: c.design, response: c.response, weights: c.weights)
        let without = try WeightedLeastSquares.fit(design: kept.map { c.design[$0] }, response: kept.map { c.response[$0] },
                                                   weights: kept.map { c.weights[$0] })
        #expect(withZeros == without)
        #expect(withZeros.n == c.response.count - 4)
    }

    @Test("the paper's F = 37.75 follows from R² = 0.153 on n = 211")
    func paperF() {
        let f = WeightedLeastSquares.fStatistic(rSquared: 0.153, observations: 211)
        #expect(abs(f - 37.75) <= 0.01)
    }

    @Test("the F helper agrees with a fit's own F")
    func fHelperMatchesFit() throws {
        let c = try RegressionFixture.load().weighted[2]
        let fit = try WeightedLeastSquares.fit(design: c.design, response: c.response, weights: c.weights)
        let f = WeightedLeastSquares.fStatistic(rSquared: fit.rSquared, observations: fit.n, slopes: 3)
        #expect(relativeError(f, fit.fStatistic) <= 1e-12)
    }
}

@Suite("weighted least squares rejects bad input with a thrown error")
struct WeightedLeastSquaresErrorTests {
    static let design: [[Double]] = [[1, 1], [1, 2], [1, 3], [1, 5], [1, 8]]
    static let response: [Double] = [2.1, 3.9, 6.2, 9.8, 16.5]
    static let weights: [Double] = [1, 2, 1, 3, 1]

    func error(_ design: [[Double]] = design, _ response: [Double] = response, _ weights: [Double] = weights) -> StatisticsError? {
        do {
            _ = try WeightedLeastSquares.fit(design: design, response: response, weights: weights)
            return nil
        } catch {
            return error
        }
    }

    @Test("negative, NaN and infinite weights are rejected with their row")
    func invalidWeights() {
        #expect(error(Self.design, Self.response, [1, 2, -0.5, 3, 1]) == .invalidWeight(index: 2, value: -0.5))
        if case .invalidWeight(index: 4, let value)? = error(Self.design, Self.response, [1, 2, 1, 3, .nan]) {
            #expect(value.isNaN)
        } else {
            Issue.record("a NaN weight was not rejected")
        }
        #expect(error(Self.design, Self.response, [1, .infinity, 1, 3, 1]) == .invalidWeight(index: 1, value: .infinity))
    }

    @Test("all-zero weights are an error")
    func allZero() {
        #expect(error(Self.design, Self.response, [0, 0, 0, 0, 0]) == .allWeightsZero)
    }

    @Test("a rank-deficient design is an error, never NaN coefficients")
    func rankDeficient() {
        let duplicated = Self.design.map { $0 + [2 * $0[1]] }
        #expect(error(duplicated) == .rankDeficient)
        let zeroColumn = Self.design.map { $0 + [0] }
        #expect(error(zeroColumn) == .rankDeficient)
        let constantColumn = Self.design.map { [$0[0], 7] }
        #expect(error(constantColumn) == .rankDeficient)
        // Rank deficiency that appears only once zero-weight rows are dropped.
        let x: [[Double]] = [[1, 1, 0], [1, 2, 0], [1, 3, 0], [1, 4, 0], [1, 5, 1]]
        #expect(error(x, Self.response, [1, 1, 1, 1, 0]) == .rankDeficient)
    }

    @Test("too few positive-weight observations for the parameters is an error")
    func tooFew() {
        #expect(error(Array(Self.design.prefix(2)), Array(Self.response.prefix(2)), [1, 1]) == .tooFewObservations(needed: 3, got: 2))
        #expect(error(Self.design, Self.response, [1, 0, 0, 0, 1]) == .tooFewObservations(needed: 3, got: 2))
    }

    @Test("mismatched lengths and ragged rows are dimension errors")
    func dimensions() {
        #expect(error(Self.design, Array(Self.response.prefix(4))) == .dimensionMismatch("design has 5 rows but response has 4 values"))
        #expect(error(Self.design, Self.response, [1, 1]) == .dimensionMismatch("weights has 2 values but response has 5"))
        var ragged = Self.design
        ragged[3] = [1]
        #expect(error(ragged) == .dimensionMismatch("design row 3 has 1 columns, row 0 has 2"))
    }

    @Test("a design without the leading constant, an intercept-only design, a constant or non-finite response are invalid")
    func invalidArguments() {
        let noConstant = Self.design.map { [2, $0[1]] }
        #expect(error(noConstant) == .invalidArgument("design row 0 does not start with the constant 1"))
        #expect(error(Self.design.map { [$0[0]] }) == .invalidArgument("the design needs the constant and at least one predictor"))
        #expect(error(Self.design, [3, 3, 3, 3, 3]) == .invalidArgument("the response is constant over the weighted rows"))
        #expect(error(Self.design, [1, 2, .nan, 4, 5]) == .invalidArgument("response 2 is not finite"))
    }
}
