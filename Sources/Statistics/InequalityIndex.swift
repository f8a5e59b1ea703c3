import Foundation

/// Why an area gets no slope/relative index of inequality (shared/reference/inequality-sii.md §1,
/// §7). Groups are numbered 1…K in the order given (1 = most deprived).
package enum InequalityUnavailable: Error, Equatable, Sendable {
    /// The numerator and denominator lists differ in length.
    case lengthMismatch(numerators: Int, denominators: Int)
    /// Fewer than 5 groups (PHE `phe_sii` needs 5 ≤ K).
    case tooFewGroups(got: Int)
    /// A group's denominator (its population) is not positive or not finite.
    case nonPositiveDenominator(group: Int)
    /// A group's numerator is ≤ 0 (or not finite): its logit standard error is infinite.
    case noEvents(group: Int)
    /// A group's numerator is ≥ its denominator: its logit standard error is infinite.
    case allEvents(group: Int)

    /// The reason in words, for the ledger.
    package var reason: String {
        switch self {
        case let .lengthMismatch(numerators, denominators):
            return "\(numerators) numerators but \(denominators) denominators"
        case .tooFewGroups(let got): return "needs at least 5 groups, got \(got)"
        case .nonPositiveDenominator(let group): return "group \(group) has no denominator"
        case .noEvents(let group): return "group \(group) has a numerator of 0"
        case .allEvents(let group): return "group \(group) has a numerator equal to its denominator"
        }
    }
}

/// The slope index of inequality (SII) and relative index of inequality (RII) of a proportion
/// across ordered groups, with a deterministic interval (shared/reference/inequality-sii.md).
///
/// Point estimates are PHEindicatormethods 2.1.0 `phe_sii` (`transform = FALSE`): weighted least
/// squares of p_k (0–1 scale) on the ridit b_k with population-share weights a_k = n_k/Σn,
/// groups ordered most → least deprived; SII = multiplier·β₁, RII = (β₀ + β₁)/β₀ (§3). The
/// interval is the known-variance one of §5.1: Wilson 95% limits give logit SEs, σ_k =
/// se_k·p_k(1 − p_k), V = H diag(σ²) Hᵀ; SII ∓ z·SD; RII by Fieller, `nil` ("not calculated")
/// when unbounded. No simulation. A negative multiplier flips the SII and inverts the RII (PHE).
package struct InequalityIndex: Equatable, Sendable {
    /// K, the number of groups.
    package let groups: Int
    /// The multiplier applied to the SII (100: percentage points).
    package let multiplier: Double
    /// The level of the intervals, e.g. 0.95.
    package let confidence: Double
    /// β₀, the fitted proportion at the most deprived end (rank 0), on the 0–1 scale (PHE `intercept`).
    package let intercept: Double
    /// β₁, the fitted difference least − most deprived, on the 0–1 scale (not multiplied).
    package let slope: Double
    /// Var(β₀), Var(β₁) and Cov(β₀, β₁) under the known-variance model (§5.1), 0–1 scale.
    package let varianceIntercept: Double, varianceSlope: Double, covariance: Double
    /// SII = multiplier·β₁: with multiplier 100, percentage points; > 0 means the less deprived
    /// groups have the higher proportion.
    package let sii: Double
    /// Lower limit of the SII (same units as `sii`).
    package let siiLower: Double
    /// Upper limit of the SII.
    package let siiUpper: Double
    /// RII = (β₀ + β₁)/β₀ (inverted for a negative multiplier); `nil` when β₀ = 0.
    package let rii: Double?
    /// Lower Fieller limit of the RII; `nil` ("not calculated") when the interval is unbounded
    /// (β₀² ≤ z²Var(β₀)).
    package let riiLower: Double?
    /// Upper Fieller limit of the RII; `nil` exactly when `riiLower` is.
    package let riiUpper: Double?

    /// SII and RII for K ≥ 5 groups of counts, ordered most → least deprived: `numerators` x_k
    /// (e.g. recovered) out of `denominators` n_k, each group with 0 < x_k < n_k (else the typed
    /// reason). `multiplier` 100 (default) gives the SII in percentage points; `confidence` sets
    /// the interval level (the Wilson limits behind the SEs are always 95%, as PHE).
    package static func compute(numerators: [Double], denominators: [Double], multiplier: Double = 100,
                                confidence: Double = 0.95) -> Result<InequalityIndex, InequalityUnavailable> {
        precondition(multiplier != 0 && multiplier.isFinite, "the multiplier must be non-zero")
        precondition(confidence > 0 && confidence < 1, "confidence must lie in (0, 1)")
        guard numerators.count == denominators.count else {
            return .failure(.lengthMismatch(numerators: numerators.count, denominators: denominators.count))
        }
        let k = numerators.count
        guard k >= 5 else { return .failure(.tooFewGroups(got: k)) }
        for g in 0..<k {
            let x = numerators[g], n = denominators[g]
            guard n > 0 && n.isFinite else { return .failure(.nonPositiveDenominator(group: g + 1)) }
            guard x > 0 && x.isFinite else { return .failure(.noEvents(group: g + 1)) }
            guard x < n else { return .failure(.allEvents(group: g + 1)) }
        }

        // Wilson 95% limits → logit SE → SD of p on the natural scale (delta method).
        let z95 = Normal.quantile(0.975)
        let p = (0..<k).map { numerators[$0] / denominators[$0] }
        let sigma = (0..<k).map { g -> Double in
            let (lower, upper) = Wilson.score(x: numerators[g], n: denominators[g], z: z95, atZero: false, atOne: false)
            let se = (logit(upper) - logit(lower)) / (2 * z95)
            return se * p[g] * (1 - p[g])
        }

        // Population shares a_k and ridits b_k (§2).
        let total = denominators.reduce(0, +)
        let a = denominators.map { $0 / total }
        var b = [Double](repeating: 0, count: k)
        var cumulative = 0.0
        for g in 0..<k {
            b[g] = cumulative + a[g] / 2
            cumulative += a[g]
        }

        // Closed forms of §3 and §5.1 (Σ a_k b_k = ½).
        var ybar = 0.0, s = 0.0
        for g in 0..<k {
            ybar += a[g] * p[g]
            s += a[g] * (b[g] - 0.5) * (b[g] - 0.5)
        }
        var sxy = 0.0, varSlopeSum = 0.0, varMean = 0.0, covSum = 0.0
        for g in 0..<k {
            let d = b[g] - 0.5
            let a2s2 = a[g] * a[g] * sigma[g] * sigma[g]
            sxy += a[g] * d * (p[g] - ybar)
            varSlopeSum += a2s2 * d * d
            varMean += a2s2
            covSum += a2s2 * d
        }
        let beta1 = sxy / s
        let beta0 = ybar - beta1 / 2
        let v11 = varSlopeSum / (s * s)
        let covMeanSlope = covSum / s
        let v00 = varMean - covMeanSlope + v11 / 4
        let v01 = covMeanSlope - v11 / 2

        let z = Normal.quantile(0.5 + confidence / 2)
        let halfWidth = z * v11.squareRoot()
        let siiA = multiplier * (beta1 - halfWidth), siiB = multiplier * (beta1 + halfWidth)

        // Fieller for u = 1 − RII: (β₀² − z²V₀₀)u² + 2(β₀β₁ − z²V₀₁)u + (β₁² − z²V₁₁) = 0.
        var riiInterval: (Double, Double)?
        let qa = beta0 * beta0 - z * z * v00
        let qb = beta0 * beta1 - z * z * v01
        let qc = beta1 * beta1 - z * z * v11
        let discriminant = qb * qb - qa * qc
        if qa > 0 && discriminant >= 0 {
            let root = discriminant.squareRoot()
            let u1 = (-qb - root) / qa, u2 = (-qb + root) / qa
            riiInterval = (min(1 - u1, 1 - u2), max(1 - u1, 1 - u2))
        }
        var rii: Double? = beta0 == 0 ? nil : (beta0 + beta1) / beta0
        if multiplier < 0 {
            rii = rii.flatMap { $0 == 0 ? nil : 1 / $0 }
            // 1/RII is monotone on an interval not containing 0; otherwise it is unbounded.
            riiInterval = riiInterval.flatMap { $0.0 > 0 || $0.1 < 0 ? (1 / $0.1, 1 / $0.0) : nil }
        }
        return .success(InequalityIndex(
            groups: k, multiplier: multiplier, confidence: confidence, intercept: beta0, slope: beta1,
            varianceIntercept: v00, varianceSlope: v11, covariance: v01,
            sii: multiplier * beta1, siiLower: min(siiA, siiB), siiUpper: max(siiA, siiB),
            rii: rii, riiLower: riiInterval?.0, riiUpper: riiInterval?.1))
    }

    static func logit(_ p: Double) -> Double { log(p / (1 - p)) }
}
