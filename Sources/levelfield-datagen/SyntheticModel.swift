/// The knobs of the synthetic model. The defaults were tuned (with `scripts/check_synthetic.py`)
/// so that the first quarter looks like the data of Delgadillo et al. (2016).
struct ModelParameters: Equatable, Sendable {
    /// Number of geographic areas (the paper had 211 CCGs).
    var areaCount = 211
    /// Quarter labels, in order; the first is the one tuned to the paper.
    var periods = ["2014-15 Q1", "2014-15 Q2", "2014-15 Q3", "2014-15 Q4",
                   "2015-16 Q1", "2015-16 Q2", "2015-16 Q3", "2015-16 Q4"]
    /// Median quarterly referrals, and the log-scale spread between areas.
    var referralsMedian = 1_150.0
    var referralsLogSD = 0.58
    /// Log referrals change by this × d, where d runs from −1 (most deprived) to +1 (least).
    var referralsGradient = -0.33
    var referralsRange = 70...4_355
    /// Share of referrals that finish a course of treatment in the quarter.
    var finishedShare = 0.38
    var finishedShareLogSD = 0.18
    var finishedShareGradient = 0.25
    var finishedRange = 35...2_425
    /// Share of finishers at caseness at the start (the recovery denominator).
    var atCasenessShare = 0.91
    /// Recovery on the logit scale: intercept + gradient × d + area effect (SD) + quarter noise.
    var recoveryLogitIntercept = -0.20
    var recoveryLogitGradient = 0.21
    var recoveryAreaSD = 0.25
    var recoveryQuarterSD = 0.07
    /// National improvement per quarter on the logit scale (≈ 0.5 percentage points).
    var recoveryLogitTrend = 0.021
    /// The two planted extreme outliers: their recovery effects (logit scale) and referral
    /// effects (standard units: both are among the smallest services, as in the paper).
    var outlierEffects = [-2.4, 2.0]
    var outlierReferralEffects = [-3.0, -4.2]
    /// Quarter-to-quarter growth of activity and its noise (log scale).
    var activityGrowth = 0.02
    var activityQuarterSD = 0.07
    /// Reliable change: recovered who also reliably improved; other finishers who improved;
    /// finishers who deteriorated.
    var reliableRecoveryShare = 0.94
    var otherImprovementShare = 0.45
    var deteriorationShare = 0.18
}

/// One fictional area and its fixed traits.
struct SyntheticArea: Equatable, Sendable {
    var code: String
    var name: String
    var region: Region?
    /// nil for the non-geographic hubs.
    var imdRank: Int?
    var imdScore: Double?
    /// Deprivation position, −1 (most deprived) … +1 (least deprived).
    var position: Double
    var referralsEffect: Double
    var finishedShareEffect: Double
    var recoveryEffect: Double
    var isHub: Bool
}

/// One row of `outcomes.csv`; nil is written `*` (suppressed).
struct OutcomeRow: Equatable, Sendable {
    var period: String
    var area: SyntheticArea
    var referrals: Int?
    var finishedTreatment: Int?
    var atCaseness: Int?
    var recovered: Int?
    var reliableImprovement: Int?
    var reliableDeterioration: Int?
    var reliableRecovery: Int?
    /// Before rounding, for the small-number suppression rule.
    var reliableDeteriorationRaw: Int
    /// Finished and started treatment within 6 / 18 weeks (`SyntheticWaits.swift`).
    var waitedUnder6Weeks: Int? = nil
    var waitedUnder18Weeks: Int? = nil
}

/// Builds the synthetic dataset. Each concern draws from its own seeded stream, so changing one
/// part of the model does not reshuffle the others.
struct SyntheticModel {
    let parameters: ModelParameters
    let seed: UInt64

    static let hubs: [(code: String, name: String)] = [
        ("13Q", "Commissioning Hub Northmarch"),
        ("13R", "Commissioning Hub Capital Vale"),
        ("14A", "Commissioning Hub Fellside"),
    ]

    /// The areas: geographic ones in code order, then the hubs.
    func areas() -> [SyntheticArea] {
        var names = SeededRandom(seed: seed ^ 0x0A_0001)
        let n = parameters.areaCount
        let areaNames = areaNames(count: n, random: &names)

        var deprivation = SeededRandom(seed: seed ^ 0x0A_0002)
        let ranks = deprivation.shuffled(Array(1...n))
        // IMD-like average scores: right-skewed, 1 = highest score = most deprived.
        var scores = (0..<n).map { _ in
            min(max(21 * PortableMath.exp(0.38 * deprivation.normal()), 5.5), 52.0)
        }
        scores.sort(by: >)
        var regionOf = SeededRandom(seed: seed ^ 0x0A_0003)

        var effects = SeededRandom(seed: seed ^ 0x0A_0004)
        var areas: [SyntheticArea] = []
        for i in 0..<n {
            let rank = ranks[i]
            areas.append(SyntheticArea(
                code: Self.areaCode(i), name: areaNames[i],
                region: Region.all[regionOf.integer(below: Region.all.count)],
                imdRank: rank, imdScore: scores[rank - 1],
                position: Double(rank - 1) / Double(n - 1) * 2 - 1,
                referralsEffect: effects.normal(), finishedShareEffect: effects.normal(),
                recoveryEffect: parameters.recoveryAreaSD * effects.normal(),
                isHub: false))
        }
        // Plant the extreme outliers on areas chosen at random, made small.
        var outliers = SeededRandom(seed: seed ^ 0x0A_0005)
        var planted: [Int] = []
        for (effect, size) in zip(parameters.outlierEffects, parameters.outlierReferralEffects) {
            var pick = outliers.integer(below: n)
            while planted.contains(pick) { pick = outliers.integer(below: n) }
            planted.append(pick)
            areas[pick].recoveryEffect = effect
            areas[pick].referralsEffect = size
            areas[pick].finishedShareEffect = 0
        }
        var hubEffects = SeededRandom(seed: seed ^ 0x0A_0006)
        for hub in Self.hubs {
            areas.append(SyntheticArea(
                code: hub.code, name: hub.name, region: nil, imdRank: nil, imdScore: nil,
                position: 0, referralsEffect: -3.2 + 0.3 * hubEffects.normal(),
                finishedShareEffect: hubEffects.normal(),
                recoveryEffect: parameters.recoveryAreaSD * hubEffects.normal(), isHub: true))
        }
        return areas
    }

    /// Every outcome row, by period then area code.
    func outcomes(areas: [SyntheticArea]) -> [OutcomeRow] {
        var rows: [OutcomeRow] = []
        let sorted = areas.sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
        for (q, period) in parameters.periods.enumerated() {
            var sampling = SeededRandom(seed: seed ^ (0x0B_0000 + UInt64(q)))
            var quarter = sorted.map { sample(area: $0, quarter: q, period: period, random: &sampling) }
            var suppression = SeededRandom(seed: seed ^ (0x0C_0000 + UInt64(q)))
            suppress(&quarter, quarter: q, random: &suppression)
            rows += quarter
        }
        return rows
    }

    private func sample(area: SyntheticArea, quarter q: Int, period: String,
                        random: inout SeededRandom) -> OutcomeRow {
        let p = parameters
        let growth = p.activityGrowth * Double(q) + p.activityQuarterSD * random.normal()
        let logReferrals = logOf(p.referralsMedian) + p.referralsLogSD * area.referralsEffect
            + p.referralsGradient * area.position + growth
        let referralRange = area.isHub ? 20...p.referralsRange.upperBound : p.referralsRange
        let referrals = clamp(Int(PortableMath.exp(logReferrals).rounded()), referralRange)
        let share = p.finishedShare * PortableMath.exp(
            p.finishedShareLogSD * area.finishedShareEffect + p.finishedShareGradient * area.position
            + 0.05 * random.normal())
        let finishedRange = area.isHub ? 10...p.finishedRange.upperBound : p.finishedRange
        let finished = clamp(Int((Double(referrals) * share).rounded()), finishedRange)
        let atCaseness = random.binomial(finished, p.atCasenessShare)
        let logit = p.recoveryLogitIntercept + p.recoveryLogitTrend * Double(q)
            + p.recoveryLogitGradient * area.position + area.recoveryEffect
            + p.recoveryQuarterSD * random.normal()
        let recovered = random.binomial(atCaseness, PortableMath.logistic(logit))
        let reliableRecovery = random.binomial(recovered, p.reliableRecoveryShare)
        let reliableImprovement = reliableRecovery
            + random.binomial(finished - reliableRecovery, p.otherImprovementShare)
        let reliableDeterioration = random.binomial(finished - reliableImprovement, p.deteriorationShare)
        // Rounding to the nearest 5 is monotone, so recovered ≤ at caseness ≤ finished and
        // reliable recovery ≤ recovered still hold afterwards.
        return OutcomeRow(
            period: period, area: area, referrals: roundTo5(referrals),
            finishedTreatment: roundTo5(finished), atCaseness: roundTo5(atCaseness),
            recovered: roundTo5(recovered), reliableImprovement: roundTo5(reliableImprovement),
            reliableDeterioration: roundTo5(reliableDeterioration),
            reliableRecovery: roundTo5(reliableRecovery),
            reliableDeteriorationRaw: reliableDeterioration)
    }

    /// Suppression: reliable deterioration under 3 before rounding (hubs included), one
    /// area's referrals (it stays in the analysis), and in most quarters one small area's
    /// recovered with its reliable recovery (it leaves the analysis).
    private func suppress(_ rows: inout [OutcomeRow], quarter q: Int, random: inout SeededRandom) {
        for i in rows.indices {
            if rows[i].reliableDeteriorationRaw < 3 { rows[i].reliableDeterioration = nil }
        }
        let geographic = rows.indices.filter { !rows[$0].area.isHub && !isOutlier(rows[$0].area) }
        rows[geographic[random.integer(below: geographic.count)]].referrals = nil
        if q == 0 || random.uniform() < 0.6 {
            let small = geographic.sorted {
                (rows[$0].finishedTreatment ?? 0, rows[$0].area.code.utf8.count) <
                    (rows[$1].finishedTreatment ?? 0, rows[$1].area.code.utf8.count)
            }.prefix(30)
            let pick = Array(small)[random.integer(below: small.count)]
            rows[pick].recovered = nil
            rows[pick].reliableRecovery = nil
        }
    }

    private func isOutlier(_ area: SyntheticArea) -> Bool {
        parameters.outlierEffects.contains(area.recoveryEffect)
    }

    /// Area codes `A01` … `A20`, `B01` … `Y20`: three characters, `[A-Z][0-9][0-9]`. Beyond
    /// those 420 (scale tests only), `Z` and the index: `Z00420`.
    static func areaCode(_ index: Int) -> String {
        let letters = Array("ABCDEFGHJKLMNPSTUVWXY")
        if index >= letters.count * 20 {
            let digits = String(index)
            return "Z" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        }
        let number = index % 20 + 1
        return "\(letters[index / 20])\(number < 10 ? "0" : "")\(number)"
    }

    /// 211 distinct names: mostly `NHS <Place> CCG`, some with a direction, some joining two
    /// places; one with a comma, one with an ampersand, one with an apostrophe.
    private func areaNames(count: Int, random: inout SeededRandom) -> [String] {
        var places = random.shuffled(PlaceNames.all)
        // Scale tests need more names than there are places: then places repeat with a number.
        var reused = 0
        func take() -> String {
            if let place = places.popLast() { return place }
            reused += 1
            return "\(PlaceNames.all[reused % PlaceNames.all.count]) \(reused / PlaceNames.all.count + 2)"
        }
        var names: [String] = [
            "NHS \(take()), \(take()) and \(take()) CCG",
            "NHS \(take()) & \(take()) CCG",
            "NHS St \(PlaceNames.stems[random.integer(below: PlaceNames.stems.count)])'s CCG",
        ]
        while names.count < count {
            let roll = random.uniform()
            let name: String
            if roll < 0.12 {
                name = "NHS \(PlaceNames.directions[random.integer(below: PlaceNames.directions.count)]) \(take()) CCG"
            } else if roll < 0.22 {
                name = "NHS \(take()) and \(take()) CCG"
            } else {
                name = "NHS \(take()) CCG"
            }
            names.append(name)
        }
        return random.shuffled(names)
    }
}

func roundTo5(_ x: Int) -> Int { (x + 2) / 5 * 5 }

func clamp(_ x: Int, _ range: ClosedRange<Int>) -> Int {
    min(max(x, range.lowerBound), range.upperBound)
}

/// Natural logarithm of a positive constant: y = m·2^k with m in [1, 2), then Newton's method
/// on `PortableMath.exp` for ln m (only used for model constants, so speed does not matter).
func logOf(_ y: Double) -> Double {
    precondition(y > 0 && y.isFinite)
    let k = Double(y.exponent)
    let m = y.significand
    var x = 0.5
    for _ in 0..<60 {
        let next = x - 1 + m / PortableMath.exp(x)
        if next == x { break }
        x = next
    }
    return k * 0.693_147_180_559_945_3 + x
}
