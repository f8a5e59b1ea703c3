import Foundation
import Testing
import TestSupport
@testable import Statistics

/// The committed fixture Fixtures/tables.json (written by generate_tables.py).
struct TablesFixture: Decodable {
    struct SpearmanCase: Decodable {
        let name: String, x: [Double], y: [Double], rho: Double, p: Double, ranksX: [Double], ranksY: [Double]
    }
    struct DegenerateSeries: Decodable { let name: String, x: [Double], y: [Double] }
    struct QuantileCase: Decodable {
        struct Fence: Decodable { let k: Double, q1: Double, q3: Double, lower: Double, upper: Double }
        let name: String, values: [Double], probabilities: [Double], quantiles: [Double], fences: [Fence]
    }
    struct WilsonCase: Decodable { let successes: Int, trials: Int, confidence: Double, lower: Double, upper: Double }
    struct KappaCase: Decodable {
        let name: String, table: [[Int]], confidence: Double
        let kappa: Double, std_kappa: Double, kappa_low: Double, kappa_upp: Double
    }
    struct ChiCase: Decodable { let name: String, table: [[Int]], statistic: Double, p: Double, df: Int? }
    struct DegenerateTable: Decodable { let name: String, table: [[Int]] }
    let spearman: [SpearmanCase], spearmanDegenerate: [DegenerateSeries]
    let quantiles: [QuantileCase], wilson: [WilsonCase]
    let kappa: [KappaCase], kappaDegenerate: [DegenerateTable]
    let pearson: [ChiCase], pearsonDegenerate: [DegenerateTable]
    let mcnemar: [ChiCase], mcnemarDegenerate: [DegenerateTable]

    static let shared: TablesFixture = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tables.json")
        do { return try JSONDecoder().decode(TablesFixture.self, from: Data(contentsOf: url)) } catch {
            fatalError("cannot read \(url.path): \(error)")
        }
    }()
}

/// The absolute difference, for values that may be exactly zero (p = 0, κ = 0).
func closeTo(_ a: Double, _ b: Double, relative: Double, absolute: Double = 1e-15) -> Bool {
    abs(a - b) <= absolute || relativeError(a, b) <= relative
}

@Suite("ranks and Spearman against scipy")
struct SpearmanTests {
    @Test("average ranks match scipy rankdata, ties sharing the mean rank")
    func ranks() {
        for c in TablesFixture.shared.spearman {
            #expect(Ranks.average(c.x) == c.ranksX, "\(c.name)")
            #expect(Ranks.average(c.y) == c.ranksY, "\(c.name)")
        }
        #expect(Ranks.average([]) == [])
        #expect(Ranks.average([3, 1, 3, 3]) == [3, 1, 3, 3])
    }

    @Test("Spearman ρ and its p match scipy spearmanr to 1e-12")
    func spearman() throws {
        for c in TablesFixture.shared.spearman {
            let result = try Spearman.test(c.x, c.y).get()
            #expect(closeTo(result.rho, c.rho, relative: 1e-12), "\(c.name): ρ \(result.rho) vs \(c.rho)")
            #expect(closeTo(result.pValue, c.p, relative: 1e-12), "\(c.name): p \(result.pValue) vs \(c.p)")
            #expect(result.n == c.x.count)
        }
    }

    @Test("Spearman is not computable for a constant variable, fewer than 3 pairs, or unequal lengths")
    func degenerate() {
        let expected = [
            "constant x": "the first variable is constant", "constant y": "the second variable is constant",
            "two pairs": "Spearman's ρ needs at least 3 pairs, got 2", "one pair": "Spearman's ρ needs at least 3 pairs, got 1",
            "empty": "Spearman's ρ needs at least 3 pairs, got 0",
        ]
        for c in TablesFixture.shared.spearmanDegenerate {
            #expect(Spearman.test(c.x, c.y) == .failure(NotComputable(expected[c.name]!)), "\(c.name)")
        }
        #expect(Spearman.test([1, 2, 3], [1, 2]) == .failure(NotComputable("the two variables have different lengths (3 and 2)")))
        #expect(Spearman.test([1, .nan, 3], [1, 2, 3]) == .failure(NotComputable("a value is missing or not finite")))
    }
}

@Suite("quantiles, fences and the Wilson interval")
struct QuantileAndWilsonTests {
    @Test("type-7 quantiles and Tukey fences match numpy's linear quantile")
    func quantiles() {
        for c in TablesFixture.shared.quantiles {
            for (p, q) in zip(c.probabilities, c.quantiles) {
                #expect(closeTo(Quantile.type7(c.values, probability: p), q, relative: 1e-14), "\(c.name) at \(p)")
            }
            for f in c.fences {
                let fences = TukeyFences.of(c.values, k: f.k)
                #expect(closeTo(fences.q1, f.q1, relative: 1e-14) && closeTo(fences.q3, f.q3, relative: 1e-14), "\(c.name)")
                #expect(closeTo(fences.lower, f.lower, relative: 1e-13) && closeTo(fences.upper, f.upper, relative: 1e-13), "\(c.name) k=\(f.k)")
            }
        }
    }

    @Test("quantiles do not depend on input order")
    func unsortedInput() {
        let values = [5.0, 1, 4, 2, 3]
        #expect(Quantile.type7(values, probability: 0.3) == Quantile.type7(values.sorted(), probability: 0.3))
        #expect(Quantile.type7(values, probability: 0.3) == 2.2)
    }

    @Test("the Wilson interval matches statsmodels proportion_confint(method='wilson') to 1e-12")
    func wilson() {
        for c in TablesFixture.shared.wilson {
            let interval = Wilson.interval(successes: c.successes, trials: c.trials, confidence: c.confidence)
            #expect(closeTo(interval.lower, c.lower, relative: 1e-12), "\(c.successes)/\(c.trials) at \(c.confidence): lower \(interval.lower) vs \(c.lower)")
            #expect(closeTo(interval.upper, c.upper, relative: 1e-12), "\(c.successes)/\(c.trials) at \(c.confidence): upper \(interval.upper) vs \(c.upper)")
        }
    }

    @Test("from a published proportion, the Wilson interval matches statsmodels on the count it implies")
    func wilsonFromProportion() {
        for c in TablesFixture.shared.wilson {
            let z = Normal.quantile((1 + c.confidence) / 2)
            let interval = Wilson.interval(proportion: Double(c.successes) / Double(c.trials), trials: c.trials, z: z)
            #expect(closeTo(interval.lower, c.lower, relative: 1e-12), "\(c.successes)/\(c.trials): lower \(interval.lower) vs \(c.lower)")
            #expect(closeTo(interval.upper, c.upper, relative: 1e-12), "\(c.successes)/\(c.trials): upper \(interval.upper) vs \(c.upper)")
        }
    }

    @Test("the Wilson interval is exactly [0, …] with no successes and […, 1] with all")
    func wilsonEnds() {
        #expect(Wilson.interval(successes: 0, trials: 40, confidence: 0.95).lower == 0)
        #expect(Wilson.interval(successes: 40, trials: 40, confidence: 0.998).upper == 1)
    }
}

@Suite("agreement tables against statsmodels and scipy")
struct ContingencyTableTests {
    @Test("Cohen's κ, its asymptotic SE and interval match statsmodels cohens_kappa to 1e-12")
    func kappa() throws {
        for c in TablesFixture.shared.kappa {
            let result = try CohenKappa.compute(c.table, confidence: c.confidence).get()
            #expect(closeTo(result.kappa, c.kappa, relative: 1e-12), "\(c.name): κ \(result.kappa) vs \(c.kappa)")
            #expect(closeTo(result.standardError, c.std_kappa, relative: 1e-12), "\(c.name): SE \(result.standardError) vs \(c.std_kappa)")
            #expect(closeTo(result.lower, c.kappa_low, relative: 1e-12), "\(c.name) at \(c.confidence): lower")
            #expect(closeTo(result.upper, c.kappa_upp, relative: 1e-12), "\(c.name) at \(c.confidence): upper")
        }
    }

    @Test("κ is not computable when chance agreement is 1, the table is empty or not square")
    func kappaDegenerate() {
        let reasons = [
            "single category used by both": "chance agreement is 1: both raters used a single, identical category",
            "empty": "the table is empty",
            "1x1": "chance agreement is 1: both raters used a single, identical category",
        ]
        for c in TablesFixture.shared.kappaDegenerate {
            #expect(CohenKappa.compute(c.table, confidence: 0.95) == .failure(NotComputable(reasons[c.name]!)), "\(c.name)")
        }
        #expect(CohenKappa.compute([[1, 2, 3], [4, 5, 6]], confidence: 0.95) == .failure(NotComputable("Cohen's κ needs a square table")))
        #expect(CohenKappa.compute([[1, -2], [4, 5]], confidence: 0.95) == .failure(NotComputable("the table has a negative count")))
    }

    @Test("Pearson χ² without continuity correction matches scipy chi2_contingency to 1e-12")
    func pearson() throws {
        for c in TablesFixture.shared.pearson {
            let result = try PearsonChiSquare.test(c.table).get()
            #expect(closeTo(result.statistic, c.statistic, relative: 1e-12), "\(c.name): \(result.statistic) vs \(c.statistic)")
            #expect(closeTo(result.pValue, c.p, relative: 1e-11), "\(c.name): p \(result.pValue) vs \(c.p)")
            #expect(result.df == c.df)
        }
    }

    @Test("Pearson χ² is not computable on a zero margin or a table with one row or column")
    func pearsonDegenerate() {
        let reasons = [
            "zero row": "row 1 of the table sums to zero, so an expected count is zero",
            "zero column": "column 1 of the table sums to zero, so an expected count is zero",
            "zero row in 3x3": "row 2 of the table sums to zero, so an expected count is zero",
            "one row": "Pearson's χ² needs a rectangular table with at least 2 rows and 2 columns",
            "one column": "Pearson's χ² needs a rectangular table with at least 2 rows and 2 columns",
        ]
        for c in TablesFixture.shared.pearsonDegenerate {
            #expect(PearsonChiSquare.test(c.table) == .failure(NotComputable(reasons[c.name]!)), "\(c.name)")
        }
    }

    @Test("McNemar χ² without correction matches statsmodels mcnemar to 1e-12")
    func mcnemar() throws {
        for c in TablesFixture.shared.mcnemar {
            let result = try McNemar.test(c.table).get()
            #expect(closeTo(result.statistic, c.statistic, relative: 1e-12), "\(c.name)")
            #expect(closeTo(result.pValue, c.p, relative: 1e-11), "\(c.name): p \(result.pValue) vs \(c.p)")
            #expect(result.df == 1)
        }
    }

    @Test("McNemar is not computable without discordant pairs or for a table that is not 2×2")
    func mcnemarDegenerate() {
        for c in TablesFixture.shared.mcnemarDegenerate {
            #expect(McNemar.test(c.table) == .failure(NotComputable("there are no discordant pairs (b + c = 0)")), "\(c.name)")
        }
        #expect(McNemar.test([[1, 2, 3], [4, 5, 6]]) == .failure(NotComputable("McNemar's test needs a 2×2 table")))
    }

    @Test("the paper's table [[91, 62], [0, 58]] gives κ = 0.4466 and Pearson χ² = 60.657")
    func paperTable() throws {
        let table = [[91, 62], [0, 58]]
        let kappa = try CohenKappa.compute(table, confidence: 0.95).get()
        #expect(abs(kappa.kappa - 0.4466) <= 0.0001)
        let chi = try PearsonChiSquare.test(table).get()
        #expect(abs(chi.statistic - 60.657) <= 0.001)
        #expect(chi.df == 1)
        #expect(chi.pValue > 0 && chi.pValue < 1e-13)
    }
}
