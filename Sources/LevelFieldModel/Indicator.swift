/// A count an observation can carry: the numerators and denominators of the indicators.
///
/// Each case names one stored count of `Observation`; `Observation.count(_:)` reads it. A new
/// indicator needing a new count adds a case here, a stored property and its input columns.
package enum ObservationCount: String, Equatable, Hashable, Sendable, CaseIterable {
    /// Referrals that finished a course of treatment.
    case finishedTreatment = "finished_treatment"
    /// Finished and at caseness at the start (the recovery denominator).
    case atCaseness = "at_caseness"
    /// Recovered.
    case recovered
    /// Reliably recovered.
    case reliableRecovery = "reliable_recovery"
    /// Reliably improved.
    case reliableImprovement = "reliable_improvement"
    /// Reliably deteriorated.
    case reliableDeterioration = "reliable_deterioration"
    /// Finished treatment and waited under 6 weeks for the first treatment.
    case waitedUnder6Weeks = "waited_under_6_weeks"
    /// Finished treatment and waited under 18 weeks for the first treatment.
    case waitedUnder18Weeks = "waited_under_18_weeks"
}

/// Which way an indicator is better.
package enum Direction: String, Equatable, Hashable, Sendable {
    /// A higher rate is better (recovery).
    case higherIsBetter = "higher"
    /// A lower rate is better (reliable deterioration).
    case lowerIsBetter = "lower"
}

/// One national outcome indicator (SPEC §6): a proportion numerator ÷ denominator in percent,
/// judged against a flat standard (or, without one, the England rate of its period) and against
/// the deprivation-adjusted benchmark.
///
/// `Indicator.all` is the one table of indicators: Ingest, Benchmarking and Render loop over it
/// and never switch on an indicator. A new indicator is a new row there plus its input columns.
package struct Indicator: Hashable, Sendable {
    /// Stable identifier used in downloads, file names and `--indicator` (`recovery`).
    package var id: String
    /// Name on the site (`Reliable recovery`).
    package var name: String
    /// The count that is the numerator.
    package var numerator: ObservationCount
    /// The count that is the denominator (and the WLS weight).
    package var denominator: ObservationCount
    /// The flat national standard in percent, or `nil` when there is none (compared with England).
    package var standard: Double?
    /// Which way is better.
    package var direction: Direction

    /// Creates an indicator.
    package init(id: String, name: String, numerator: ObservationCount, denominator: ObservationCount,
                 standard: Double?, direction: Direction) {
        self.id = id
        self.name = name
        self.numerator = numerator
        self.denominator = denominator
        self.standard = standard
        self.direction = direction
    }

    /// The recovery rate of Part I: recovered ÷ at caseness, standard 50%.
    package static let recovery = Indicator(
        id: "recovery", name: "Recovery", numerator: .recovered, denominator: .atCaseness,
        standard: 50, direction: .higherIsBetter)

    /// Every indicator of SPEC §6, in the order pages and downloads list them.
    package static let all: [Indicator] = [
        recovery,
        Indicator(id: "reliable_recovery", name: "Reliable recovery", numerator: .reliableRecovery,
                  denominator: .atCaseness, standard: 48, direction: .higherIsBetter),
        Indicator(id: "reliable_improvement", name: "Reliable improvement", numerator: .reliableImprovement,
                  denominator: .finishedTreatment, standard: 67, direction: .higherIsBetter),
        Indicator(id: "reliable_deterioration", name: "Reliable deterioration", numerator: .reliableDeterioration,
                  denominator: .finishedTreatment, standard: nil, direction: .lowerIsBetter),
        Indicator(id: "wait_6_weeks", name: "Started treatment within 6 weeks", numerator: .waitedUnder6Weeks,
                  denominator: .finishedTreatment, standard: 75, direction: .higherIsBetter),
        Indicator(id: "wait_18_weeks", name: "Started treatment within 18 weeks", numerator: .waitedUnder18Weeks,
                  denominator: .finishedTreatment, standard: 95, direction: .higherIsBetter),
    ]

    /// The indicator with this id, if any.
    package static func withID(_ id: String) -> Indicator? { all.first { $0.id == id } }

    /// Position in `all` (for ordering rows: period, then this).
    package var order: Int { Indicator.all.firstIndex { $0.id == id } ?? Indicator.all.count }

    /// True when `rate` is worse than `reference` in this indicator's direction (a tie is not worse).
    package func isWorse(_ rate: Double, than reference: Double) -> Bool {
        direction == .higherIsBetter ? rate < reference : rate > reference
    }

    /// The verdict of a rate against the benchmark interval, respecting direction.
    package func adjustedVerdict(_ rate: Double, interval: Interval) -> AdjustedVerdict {
        if rate < interval.lower { return direction == .higherIsBetter ? .worse : .better }
        if rate > interval.upper { return direction == .higherIsBetter ? .better : .worse }
        return .asExpected
    }
}

/// The verdict against the flat standard or, without one, the England rate (SPEC §6.2).
package enum StandardVerdict: String, Equatable, Sendable {
    /// At least as good as the standard (a tie meets).
    case meets
    /// Worse than the standard.
    case misses
}

/// The verdict against the deprivation-adjusted benchmark's interval, respecting direction
/// (SPEC §6.2; for a higher-is-better indicator `worse` is the paper's `below`).
package enum AdjustedVerdict: String, Equatable, Sendable {
    /// Worse than the interval.
    case worse
    /// Inside the interval.
    case asExpected = "as_expected"
    /// Better than the interval.
    case better
}

/// What a standard verdict was judged against.
package enum ReferenceKind: String, Equatable, Sendable {
    /// The indicator's flat national standard (or a `--target` override).
    case standard
    /// The England rate of the period (the input's England row).
    case england
    /// The pooled rate of all analysed areas (no England row in the input).
    case pooled
}
