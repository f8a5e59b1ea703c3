/// The two waiting-time indicators of SPEC §6 (`waited_under_6_weeks`, `waited_under_18_weeks`:
/// finishers who started treatment within 6 and 18 weeks of referral).
///
/// They are drawn from streams of their own, after every other count, so adding them leaves
/// every recovery draw (and so every recovery number) exactly as before.
struct WaitParameters: Equatable, Sendable {
    /// Share within 6 weeks on the logit scale: intercept + gradient × d + area effect + quarter noise
    /// (≈ 90% nationally; more deprived areas wait a little longer).
    var within6LogitIntercept = 2.4
    var within6LogitGradient = 0.35
    var within6AreaSD = 0.55
    var within6QuarterSD = 0.15
    /// Of those not seen within 6 weeks, the share seen within 18 weeks (logit scale), so that
    /// ≈ 98% are seen within 18 weeks; areas slow at 6 weeks tend to be slow at 18 too.
    var within18LogitIntercept = 1.9
    var within18LogitGradient = 0.30
    var within18AreaSD = 0.5
    var within18QuarterSD = 0.15
}

extension SyntheticModel {
    /// Adds the waiting-time counts to `rows` (any order): fixed area effects from one stream,
    /// then per quarter one stream drawing in area-code order. They are drawn out of the published
    /// (rounded) finished count and rounded to 5 like the rest, which keeps within-6 ≤ within-18
    /// ≤ finished; a row with a suppressed finished count gets suppressed waits.
    func addWaits(to rows: inout [OutcomeRow], parameters w: WaitParameters = WaitParameters()) {
        let codes = Array(Set(rows.map(\.area.code))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var effects = SeededRandom(seed: seed ^ 0x0D_0001)
        var areaEffect: [String: (six: Double, eighteen: Double)] = [:]
        for code in codes {
            let six = w.within6AreaSD * effects.normal()
            // Correlated with the 6-week effect: one service's capacity drives both.
            let eighteen = w.within18AreaSD * (0.7 * six / w.within6AreaSD + 0.71 * effects.normal())
            areaEffect[code] = (six, eighteen)
        }
        let order = rows.indices.sorted {
            let a = rows[$0], b = rows[$1]
            let qa = parameters.periods.firstIndex(of: a.period) ?? 0, qb = parameters.periods.firstIndex(of: b.period) ?? 0
            return qa != qb ? qa < qb : a.area.code.utf8.lexicographicallyPrecedes(b.area.code.utf8)
        }
        var quarterStreams: [String: SeededRandom] = [:]
        for (q, period) in parameters.periods.enumerated() { quarterStreams[period] = SeededRandom(seed: seed ^ (0x0E_0000 + UInt64(q))) }
        for i in order {
            let row = rows[i]
            guard var random = quarterStreams[row.period], let effect = areaEffect[row.area.code] else { continue }
            // Draws happen whether or not the count is published, so suppression never shifts a stream.
            let finished = row.finishedTreatment ?? 0
            let six = random.binomial(finished, PortableMath.logistic(
                w.within6LogitIntercept + w.within6LogitGradient * row.area.position + effect.six + w.within6QuarterSD * random.normal()))
            let eighteen = six + random.binomial(finished - six, PortableMath.logistic(
                w.within18LogitIntercept + w.within18LogitGradient * row.area.position + effect.eighteen + w.within18QuarterSD * random.normal()))
            quarterStreams[row.period] = random
            rows[i].waitedUnder6Weeks = row.finishedTreatment == nil ? nil : roundTo5(six)
            rows[i].waitedUnder18Weeks = row.finishedTreatment == nil ? nil : roundTo5(eighteen)
        }
    }
}
