import Foundation
import Testing
import TestSupport
@testable import Statistics

@Suite("distributions against scipy")
struct DistributionTests {
    /// Evaluates one fixture row with the function the family names.
    static func evaluate(_ family: String, _ a: Double, _ b: Double, _ c: Double) -> Double {
        switch family {
        case "normal_cdf": return Normal.cdf(a)
        case "normal_sf": return Normal.survival(a)
        case "normal_quantile": return Normal.quantile(a)
        case "t_cdf": return StudentT.cdf(a, df: b)
        case "t_sf": return StudentT.survival(a, df: b)
        case "t_two_sided": return StudentT.twoSidedP(a, df: b)
        case "t_quantile": return StudentT.quantile(a, df: b)
        case "f_cdf": return FDistribution.cdf(a, df1: b, df2: c)
        case "f_sf": return FDistribution.survival(a, df1: b, df2: c)
        case "chi2_cdf": return ChiSquared.cdf(a, df: b)
        case "chi2_sf": return ChiSquared.survival(a, df: b)
        default: fatalError("unknown family \(family)")
        }
    }

    static let families = ["normal_cdf", "normal_sf", "normal_quantile", "t_cdf", "t_sf", "t_two_sided",
                           "t_quantile", "f_cdf", "f_sf", "chi2_cdf", "chi2_sf"]

    @Test("each distribution function agrees with scipy to 1e-10 relative over the committed grid",
          arguments: families)
    func agreesWithScipy(family: String) throws {
        let fixture = try FixtureFile("distributions.csv")
        var worst = 0.0, count = 0
        for row in fixture.rows where fixture.field(row, "family") == family {
            let a = fixture.number(row, "arg1"), b = fixture.number(row, "arg2"), c = fixture.number(row, "arg3")
            let expected = fixture.number(row, "expected")
            let actual = Self.evaluate(family, a, b, c)
            let error = relativeError(actual, expected)
            worst = max(worst, error)
            count += 1
            #expect(error <= 1e-10, "\(family)(\(a), \(b), \(c)) = \(actual), expected \(expected) [\(fixture.field(row, "source"))]")
        }
        #expect(count >= 20, "the grid for \(family) has only \(count) rows")
        print("worst relative error \(family): \(worst) over \(count) points")
    }
}

@Suite("distribution edge behaviour")
struct DistributionEdgeTests {
    @Test("upper tails far out are tiny positive numbers, not zero from 1 − cdf")
    func upperTailsAreDirect() {
        // scipy 1.17: norm.sf(37), t.sf(1e4, 60), chi2.sf(1300, 1), f.sf(1e8, 5, 40)
        #expect(relativeError(Normal.survival(37), 5.7255712225239266e-300) <= 1e-10)
        #expect(relativeError(StudentT.survival(1e4, df: 60), 1.133847858988188e-188) <= 1e-10)
        #expect(relativeError(ChiSquared.survival(1300, df: 1), 1.1303728441493301e-284) <= 1e-10)
        #expect(relativeError(FDistribution.survival(1e8, df1: 5, df2: 40), 8.494269987061812e-141) <= 1e-10)
    }

    @Test("t tails beyond |t| = 1e50 follow the exact power-law asymptote instead of underflowing")
    func farTTails() {
        // scipy 1.17 stats.t.cdf(-1e120, 1.5) and stats.t.sf(1e60, 0.5); the Cauchy tail is 1/(π|t|).
        #expect(relativeError(StudentT.cdf(-1e120, df: 1.5), 3.7708524320162467e-181) <= 1e-10)
        #expect(relativeError(StudentT.survival(1e60, df: 0.5), 3.2070097541422293e-31) <= 1e-10)
        #expect(relativeError(StudentT.cdf(-1e200, df: 1), 1 / (Double.pi * 1e200)) <= 1e-12)
        #expect(relativeError(StudentT.twoSidedP(1e200, df: 1), 2 / (Double.pi * 1e200)) <= 1e-12)
        #expect(relativeError(StudentT.quantile(1e-300, df: 1), -1 / (Double.pi * 1e-300)) <= 1e-12)
        #expect(relativeError(StudentT.quantile(3.7708524320162467e-181, df: 1.5), -1e120) <= 1e-10)
    }

    @Test("cdf and survival add to one in the body of each distribution")
    func tailsAddToOne() {
        for x in [-2.5, -0.7, 0.0, 0.4, 1.9] {
            #expect(abs(Normal.cdf(x) + Normal.survival(x) - 1) <= 4e-16)
            #expect(abs(StudentT.cdf(x, df: 7.5) + StudentT.survival(x, df: 7.5) - 1) <= 4e-16)
        }
        for x in [0.2, 1.0, 3.0, 12.0] {
            #expect(abs(ChiSquared.cdf(x, df: 3) + ChiSquared.survival(x, df: 3) - 1) <= 4e-16)
            #expect(abs(FDistribution.cdf(x, df1: 3, df2: 9) + FDistribution.survival(x, df1: 3, df2: 9) - 1) <= 4e-16)
        }
    }

    @Test("quantiles invert the cdf, including 1e-300 in the normal lower tail")
    func quantilesInvert() {
        for p in [1e-300, 1e-30, 0.003, 0.3, 0.5, 0.77, 0.999] {
            #expect(relativeError(Normal.cdf(Normal.quantile(p)), p) <= 1e-12)
        }
        for df in [1.0, 2.0, 6.5, 211.0, 1e6] {
            for p in [1e-12, 0.01, 0.4, 0.6, 0.975] {
                #expect(relativeError(StudentT.cdf(StudentT.quantile(p, df: df), df: df), p) <= 1e-12)
            }
        }
    }

    @Test("quantiles are 0 at one half and infinite at 0 and 1")
    func quantileEnds() {
        #expect(Normal.quantile(0.5) == 0)
        #expect(StudentT.quantile(0.5, df: 3) == 0)
        #expect(Normal.quantile(0) == -.infinity && Normal.quantile(1) == .infinity)
        #expect(StudentT.quantile(0, df: 3) == -.infinity && StudentT.quantile(1, df: 3) == .infinity)
    }

    @Test("a zero or infinite statistic gives p-values of 1 and 0")
    func pValueEnds() {
        #expect(StudentT.twoSidedP(0, df: 5) == 1)
        #expect(StudentT.twoSidedP(.infinity, df: 5) == 0)
        #expect(ChiSquared.survival(0, df: 1) == 1)
        #expect(FDistribution.survival(0, df1: 1, df2: 9) == 1)
        #expect(ChiSquared.survival(.infinity, df: 4) == 0)
    }
}

@Suite("very large degrees of freedom")
struct LargeDegreesOfFreedomTests {
    @Test("t with huge or infinite df approaches the normal distribution")
    func tApproachesNormal() {
        for t in [-6.0, -2.0, 0.3, 3.0] {
            #expect(relativeError(StudentT.cdf(t, df: 1e15), Normal.cdf(t)) <= 1e-10) // true gap ~t⁴/(4df)
            #expect(StudentT.cdf(t, df: .infinity) == Normal.cdf(t))
        }
        #expect(relativeError(StudentT.quantile(0.975, df: 1e15), Normal.quantile(0.975)) <= 1e-10)
        #expect(StudentT.quantile(0.025, df: .infinity) == Normal.quantile(0.025))
    }

    @Test("χ² with df = 1e8 is centred on df with SD √(2df)")
    func chiSquaredHugeDf() {
        // Wilson–Hilferty makes the median ≈ df(1 − 2/(9df))³; the cdf there is ½ to O(df^-1/2).
        let df = 1e8
        let median = df * pow(1 - 2 / (9 * df), 3)
        #expect(abs(ChiSquared.cdf(median, df: df) - 0.5) <= 1e-4)
        #expect(abs(ChiSquared.survival(df + 2 * (2 * df).squareRoot(), df: df) - Normal.survival(2)) <= 1e-3)
    }
}
