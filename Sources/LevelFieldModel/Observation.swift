/// One area in one period, as read from the inputs and joined to deprivation.
///
/// Counts are `nil` when the input had none or suppressed them (`*`, empty, `-`, `NULL`, `..`);
/// they are never read as 0. Rates are percentages on the 0–100 scale.
package struct Observation: Equatable, Sendable {
    /// The period this row describes.
    package var period: Period
    /// The area's code (the join key).
    package var areaCode: AreaCode
    /// The area's display name.
    package var areaName: String
    /// New referrals received.
    package var referrals: Int?
    /// Referrals that finished a course of treatment.
    package var finishedTreatment: Int?
    /// Recovery denominator: finished and at caseness at the start (the publisher's
    /// `at_caseness`, else finished − not at caseness).
    package var recoveryDenominator: Int?
    /// Count recovered.
    package var recovered: Int?
    /// Recovery rate in percent when the input gave a rate but no count.
    package var recoveryRateGiven: Double?
    /// Count reliably improved.
    package var reliableImprovement: Int?
    /// Count reliably deteriorated.
    package var reliableDeterioration: Int?
    /// Count reliably recovered.
    package var reliableRecovery: Int?
    /// Finished treatment having waited under 6 weeks for the first treatment.
    package var waitedUnder6Weeks: Int?
    /// Finished treatment having waited under 18 weeks for the first treatment.
    package var waitedUnder18Weeks: Int?
    /// Ids of indicators this row is already excluded from with a ledger line written by Ingest
    /// (a recovery figure that was suppressed): the analysis leaves them out without a second line.
    package var excludedAtIngest: Set<String> = []
    /// Index of Multiple Deprivation rank (1 = most deprived).
    package var imdRank: Double?
    /// Index of Multiple Deprivation score (higher = more deprived).
    package var imdScore: Double?
    /// Case-mix deprivation (SPEC §8.3): 100 × referrals living in the two most deprived deciles ÷
    /// referrals with a known decile; `nil` without decile rows or when one decile's referrals are suppressed.
    package var casemixDeprivation: Double?
    /// Region / ICB code for grouping, when given.
    package var parentCode: String?
    /// Region / ICB name for grouping, when given.
    package var parentName: String?
    /// Where the row came from (column 1 of its first line).
    package var source: SourceLocation
    /// The publisher's own recovery percentage when the input has both counts and a percentage
    /// (`PercentageRecovery`, or `recovery_rate` beside counts). Never used in the analysis: the
    /// quality page compares it with the rate recomputed from the counts.
    package var publishedRecoveryRate: Double? = nil
    /// The IMD release of the deprivation value (`imd_version` of the deprivation file), when given.
    package var imdVersion: String? = nil

    /// Creates an observation; every count defaults to missing.
    package init(
        period: Period, areaCode: AreaCode, areaName: String,
        referrals: Int? = nil, finishedTreatment: Int? = nil,
        recoveryDenominator: Int? = nil, recovered: Int? = nil, recoveryRateGiven: Double? = nil,
        reliableImprovement: Int? = nil, reliableDeterioration: Int? = nil, reliableRecovery: Int? = nil,
        waitedUnder6Weeks: Int? = nil, waitedUnder18Weeks: Int? = nil,
        imdRank: Double? = nil, imdScore: Double? = nil,
        parentCode: String? = nil, parentName: String? = nil,
        source: SourceLocation
    ) {
        self.period = period
        self.areaCode = areaCode
        self.areaName = areaName
        self.referrals = referrals
        self.finishedTreatment = finishedTreatment
        self.recoveryDenominator = recoveryDenominator
        self.recovered = recovered
        self.recoveryRateGiven = recoveryRateGiven
        self.reliableImprovement = reliableImprovement
        self.reliableDeterioration = reliableDeterioration
        self.reliableRecovery = reliableRecovery
        self.waitedUnder6Weeks = waitedUnder6Weeks
        self.waitedUnder18Weeks = waitedUnder18Weeks
        self.imdRank = imdRank
        self.imdScore = imdScore
        self.parentCode = parentCode
        self.parentName = parentName
        self.source = source
    }

    /// Recovery rate in percent: recomputed from counts when both exist (never taken on trust),
    /// else the given rate.
    package var recoveryRate: Double? {
        if let recovered, let recoveryDenominator, recoveryDenominator > 0 {
            return 100 * Double(recovered) / Double(recoveryDenominator)
        }
        return recoveryRateGiven
    }

    /// The value of one count (`nil` = not in the input, suppressed or missing).
    package func count(_ count: ObservationCount) -> Int? {
        switch count {
        case .finishedTreatment: finishedTreatment
        case .atCaseness: recoveryDenominator
        case .recovered: recovered
        case .reliableRecovery: reliableRecovery
        case .reliableImprovement: reliableImprovement
        case .reliableDeterioration: reliableDeterioration
        case .waitedUnder6Weeks: waitedUnder6Weeks
        case .waitedUnder18Weeks: waitedUnder18Weeks
        }
    }

    /// Sets one count.
    package mutating func setCount(_ count: ObservationCount, _ value: Int?) {
        switch count {
        case .finishedTreatment: finishedTreatment = value
        case .atCaseness: recoveryDenominator = value
        case .recovered: recovered = value
        case .reliableRecovery: reliableRecovery = value
        case .reliableImprovement: reliableImprovement = value
        case .reliableDeterioration: reliableDeterioration = value
        case .waitedUnder6Weeks: waitedUnder6Weeks = value
        case .waitedUnder18Weeks: waitedUnder18Weeks = value
        }
    }

    /// A rate the input gave instead of a numerator count (only recovery has one), percent.
    package func givenRate(for numerator: ObservationCount) -> Double? {
        numerator == .recovered ? recoveryRateGiven : nil
    }

    /// The indicator's rate in percent: recomputed from counts when both exist, else a given rate.
    package func rate(_ indicator: Indicator) -> Double? {
        if let numerator = count(indicator.numerator), let denominator = count(indicator.denominator), denominator > 0 {
            return 100 * Double(numerator) / Double(denominator)
        }
        return givenRate(for: indicator.numerator)
    }

    /// The deprivation value the analysis uses.
    package func deprivation(_ measure: DeprivationMeasure) -> Double? {
        switch measure {
        case .rank: imdRank
        case .score: imdScore
        case .casemix: casemixDeprivation
        }
    }
}

/// Which deprivation value is the predictor x (SPEC §2, `--deprivation rank|score`).
package enum DeprivationMeasure: String, Equatable, Sendable, CaseIterable {
    /// IMD rank, 1 = most deprived (the paper's choice).
    case rank
    /// IMD score, higher = more deprived.
    case score
    /// Case-mix deprivation from the area's own patients' deciles (SPEC §8.3), higher = more deprived.
    case casemix
}
