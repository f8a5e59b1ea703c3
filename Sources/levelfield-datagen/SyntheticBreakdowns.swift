/// SPEC §8.1 breakdown rows: each area's totals split by its patients' IMD decile (1 = most
/// deprived), age group, gender and ethnic group, with a within-area deprivation gradient.
///
/// Drawn from streams of their own (one per quarter) after every total, and out of the published
/// totals, so they move no total. Every split is a chain of conditional binomials out of the
/// area's count, capped by the group's own denominator, so the groups sum to at most the total
/// (the rest are patients with the group not stated).
struct BreakdownParameters: Equatable, Sendable {
    /// Recovery on the logit scale rises by this across the deciles (most → least deprived):
    /// ≈ 22 percentage points at a rate near 50%.
    var decileRecoveryLogitRange = 0.95
    /// How strongly an area's deprivation position tilts its patients toward deprived deciles.
    var decileMixTilt = 1.3
    /// Share of referrals (and every other count) with no usable group.
    var notStatedShare = 0.04
    static let ageGroups: [(label: String, share: Double, logit: Double)] = [
        ("18-25", 0.19, -0.20), ("26-45", 0.44, -0.03), ("46-64", 0.29, 0.07), ("65+", 0.08, 0.30),
    ]
    static let genders: [(label: String, share: Double, logit: Double)] = [
        ("Female", 0.66, 0.03), ("Male", 0.34, -0.06),
    ]
    static let ethnicGroups: [(label: String, share: Double, logit: Double)] = [
        ("White", 0.82, 0.04), ("Mixed", 0.03, -0.10), ("Asian or Asian British", 0.08, -0.20),
        ("Black or Black British", 0.04, -0.22), ("Other Ethnic Groups", 0.03, -0.15),
    ]
}

/// One breakdown row's counts (nil = suppressed, written `*`).
struct BreakdownCounts: Equatable, Sendable {
    var referrals, finished, atCaseness, recovered, reliableImprovement, reliableDeterioration, reliableRecovery: Int?
    static let zero = BreakdownCounts(referrals: 0, finished: 0, atCaseness: 0, recovered: 0,
                                      reliableImprovement: 0, reliableDeterioration: 0, reliableRecovery: 0)
}

/// A breakdown row of the synthetic data.
struct BreakdownRowOut: Equatable, Sendable {
    var period: String
    var areaCode: String
    var areaName: String
    var breakdown: String
    var group: String
    var counts: BreakdownCounts
}

extension SyntheticModel {
    static let englandCode = "ENGLAND"

    /// Breakdown rows of every geographic area and of England (the areas' sums, before
    /// suppression), by period, then England first and area code, then breakdown and group.
    func breakdowns(rows: [OutcomeRow], parameters b: BreakdownParameters = BreakdownParameters()) -> [BreakdownRowOut] {
        var out: [BreakdownRowOut] = []
        for (q, period) in parameters.periods.enumerated() {
            var random = SeededRandom(seed: seed ^ (0x0F_0000 + UInt64(q)))
            let quarter = rows.filter { $0.period == period && !$0.area.isHub }
                .sorted { $0.area.code.utf8.lexicographicallyPrecedes($1.area.code.utf8) }
            var areaRows: [BreakdownRowOut] = []
            var england: [String: BreakdownCounts] = [:]
            var englandOrder: [(String, String)] = []
            for row in quarter {
                for (kind, groups) in groupSpecs(row.area, parameters: b) {
                    let raw = split(row, groups: groups, notStated: b.notStatedShare, random: &random)
                    for (spec, counts) in zip(groups, raw) {
                        let key = "\(kind)\u{0}\(spec.label)"
                        if england[key] == nil { englandOrder.append((kind, spec.label)); england[key] = .zero }
                        england[key] = add(england[key]!, counts)
                        // To keep Data/ small: the name is left to the total row; referrals (for the case mix)
                        // and reliable change only by decile, recovery by every breakdown.
                        var shown = suppressSmall(counts)
                        if kind != "imd_decile" {
                            shown.referrals = nil; shown.reliableImprovement = nil
                            shown.reliableDeterioration = nil; shown.reliableRecovery = nil
                        }
                        areaRows.append(BreakdownRowOut(period: period, areaCode: row.area.code, areaName: "",
                                                        breakdown: kind, group: spec.label, counts: shown))
                    }
                }
            }
            for (kind, label) in englandOrder {
                out.append(BreakdownRowOut(period: period, areaCode: Self.englandCode, areaName: "England",
                                           breakdown: kind, group: label, counts: england["\(kind)\u{0}\(label)"]!))
            }
            out += areaRows
        }
        return out
    }

    /// The groups of each breakdown for `area`: share of patients and recovery logit shift.
    private func groupSpecs(_ area: SyntheticArea, parameters b: BreakdownParameters) -> [(String, [(label: String, share: Double, logit: Double)])] {
        // Decile k = 1 (most deprived) … 10; x runs −0.5 … +0.5.
        let deciles = (1...10).map { k -> (label: String, share: Double, logit: Double) in
            let x = (Double(k) - 5.5) / 9
            return (String(k), PortableMath.exp(b.decileMixTilt * area.position * x * 2), b.decileRecoveryLogitRange * x)
        }
        return [("imd_decile", deciles), ("age_group", BreakdownParameters.ageGroups),
                ("gender", BreakdownParameters.genders), ("ethnic_group", BreakdownParameters.ethnicGroups)]
    }

    /// The area's published totals split among `groups` (a missing total gives missing groups).
    private func split(_ row: OutcomeRow, groups: [(label: String, share: Double, logit: Double)], notStated: Double,
                       random: inout SeededRandom) -> [BreakdownCounts] {
        let shares = groups.map(\.share)
        let total = shares.reduce(0, +)
        let weights = shares.map { $0 * (1 - notStated) / total } + [notStated]
        let n = groups.count
        let none = [Int](repeating: Int.max, count: n + 1)
        let referrals = chain(row.referrals ?? 0, weights: weights, caps: none, random: &random)
        let finished = chain(row.finishedTreatment ?? 0, weights: weights, caps: none, random: &random)
        let atCaseness = chain(row.atCaseness ?? 0, weights: finished.map(Double.init), caps: finished, random: &random)
        let base = row.atCaseness.flatMap { a in row.recovered.map { r in a > 0 ? Double(r) / Double(a) : 0.5 } } ?? 0.5
        let intercept = logitOf(min(max(base, 0.02), 0.98))
        let odds = groups.map { PortableMath.logistic(intercept + $0.logit) } + [PortableMath.logistic(intercept)]
        let recovered = chain(row.recovered ?? 0, weights: zip(atCaseness, odds).map { Double($0) * $1 }, caps: atCaseness, random: &random)
        let reliableRecovery = chain(row.reliableRecovery ?? 0, weights: recovered.map(Double.init), caps: recovered, random: &random)
        let rest = zip(finished, reliableRecovery).map { $0 - $1 }
        let otherImproved = chain(max((row.reliableImprovement ?? 0) - (row.reliableRecovery ?? 0), 0),
                                  weights: rest.map(Double.init), caps: rest, random: &random)
        let improved = zip(reliableRecovery, otherImproved).map { $0 + $1 }
        let notImproved = zip(finished, improved).map { $0 - $1 }
        let deteriorated = chain(row.reliableDeteriorationRaw, weights: notImproved.map(Double.init), caps: notImproved, random: &random)
        return (0..<n).map { k in
            BreakdownCounts(
                referrals: row.referrals == nil ? nil : referrals[k], finished: row.finishedTreatment == nil ? nil : finished[k],
                atCaseness: row.atCaseness == nil ? nil : atCaseness[k], recovered: row.recovered == nil ? nil : recovered[k],
                reliableImprovement: row.reliableImprovement == nil || row.reliableRecovery == nil ? nil : improved[k],
                reliableDeterioration: row.reliableDeterioration == nil ? nil : deteriorated[k],
                reliableRecovery: row.reliableRecovery == nil ? nil : reliableRecovery[k])
        }
    }

    /// `total` shared among groups in proportion to `weights` by conditional binomials, each
    /// group capped at `caps` (so the parts sum to at most `total`).
    private func chain(_ total: Int, weights: [Double], caps: [Int], random: inout SeededRandom) -> [Int] {
        var remaining = total
        var weightLeft = weights.reduce(0, +)
        var parts: [Int] = []
        for (weight, cap) in zip(weights, caps) {
            let p = weightLeft > 0 ? min(max(weight / weightLeft, 0), 1) : 0
            let part = min(random.binomial(remaining, p), cap)
            parts.append(part)
            remaining -= part
            weightLeft -= weight
        }
        return parts
    }

    /// Counts of 1 … 4 are suppressed, as small numbers.
    private func suppressSmall(_ c: BreakdownCounts) -> BreakdownCounts {
        func s(_ x: Int?) -> Int? { x.flatMap { (1...4).contains($0) ? nil : $0 } }
        return BreakdownCounts(referrals: s(c.referrals), finished: s(c.finished), atCaseness: s(c.atCaseness),
                               recovered: s(c.recovered), reliableImprovement: s(c.reliableImprovement),
                               reliableDeterioration: s(c.reliableDeterioration), reliableRecovery: s(c.reliableRecovery))
    }

    private func add(_ a: BreakdownCounts, _ b: BreakdownCounts) -> BreakdownCounts {
        // England sums the areas' known counts (a total suppressed in one area is left out).
        func p(_ x: Int?, _ y: Int?) -> Int? { (x ?? 0) + (y ?? 0) }
        return BreakdownCounts(referrals: p(a.referrals, b.referrals), finished: p(a.finished, b.finished),
                               atCaseness: p(a.atCaseness, b.atCaseness), recovered: p(a.recovered, b.recovered),
                               reliableImprovement: p(a.reliableImprovement, b.reliableImprovement),
                               reliableDeterioration: p(a.reliableDeterioration, b.reliableDeterioration),
                               reliableRecovery: p(a.reliableRecovery, b.reliableRecovery))
    }

    /// ln(p / (1 − p)) by `logOf`.
    private func logitOf(_ p: Double) -> Double { logOf(p) - logOf(1 - p) }
}
