import LevelFieldModel

/// SPEC §2.1 per indicator: which areas of a period enter one indicator's analysis.
enum Eligibility {
    /// An observation that can enter the analysis of one indicator, with the values the model uses.
    struct Eligible {
        var observation: Observation
        var x: Double
        var rate: Double
        var n: Int
        /// The numerator count; `nil` when the input gave only a rate.
        var numerator: Int?
    }

    /// True when some observation of the period has the indicator's numerator (or a given rate):
    /// an indicator that no input provides is absent, not a ledger line per row (SPEC §6).
    static func isProvided(_ indicator: Indicator, by observations: [Observation]) -> Bool {
        observations.contains { $0.count(indicator.numerator) != nil || $0.givenRate(for: indicator.numerator) != nil }
    }

    /// n > 0, a numerator count or rate, a deprivation value. The rest go to the ledger, each line
    /// naming the indicator; rows Ingest already ledgered for this indicator are left out silently.
    static func split(_ observations: [Observation], indicator: Indicator,
                      measure: DeprivationMeasure) -> (eligible: [Eligible], excluded: [LedgerEntry]) {
        var eligible: [Eligible] = []
        var excluded: [LedgerEntry] = []
        for observation in observations where !observation.excludedAtIngest.contains(indicator.id) {
            func exclude(_ reason: ExclusionReason) {
                excluded.append(LedgerEntry(sourceFile: observation.source.file, line: observation.source.line,
                                            period: observation.period, areaCode: observation.areaCode, reason: reason))
            }
            guard let n = observation.count(indicator.denominator) else {
                exclude(.suppressed(column: "\(indicator.id) denominator"))
                continue
            }
            guard n > 0 else { exclude(.zeroIndicatorDenominator(indicator: indicator.id)); continue }
            guard let rate = observation.rate(indicator), rate.isFinite else {
                exclude(.suppressed(column: "\(indicator.id) numerator"))
                continue
            }
            guard let x = observation.deprivation(measure), x.isFinite else {
                switch measure {
                case .rank: exclude(.noDeprivationMatch)
                case .score: exclude(.suppressed(column: "imd_score"))
                case .casemix: exclude(.suppressed(column: "casemix_deprivation (a deprivation decile's referrals)"))
                }
                continue
            }
            eligible.append(Eligible(observation: observation, x: x, rate: rate, n: n,
                                     numerator: observation.count(indicator.numerator)))
        }
        return (eligible, excluded)
    }
}
