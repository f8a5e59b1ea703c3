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
    /// Index of Multiple Deprivation rank (1 = most deprived).
    package var imdRank: Double?
    /// Index of Multiple Deprivation score (higher = more deprived).
    package var imdScore: Double?
    /// Region / ICB code for grouping, when given.
    package var parentCode: String?
    /// Region / ICB name for grouping, when given.
    package var parentName: String?
    /// Where the row came from (column 1 of its first line).
    package var source: SourceLocation

    /// Creates an observation; every count defaults to missing.
    package init(
        period: Period, areaCode: AreaCode, areaName: String,
        referrals: Int? = nil, finishedTreatment: Int? = nil,
        recoveryDenominator: Int? = nil, recovered: Int? = nil, recoveryRateGiven: Double? = nil,
        reliableImprovement: Int? = nil, reliableDeterioration: Int? = nil, reliableRecovery: Int? = nil,
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

    /// The deprivation value the analysis uses.
    package func deprivation(_ measure: DeprivationMeasure) -> Double? {
        switch measure {
        case .rank: imdRank
        case .score: imdScore
        }
    }
}

/// Which deprivation value is the predictor x (SPEC §2, `--deprivation rank|score`).
package enum DeprivationMeasure: String, Equatable, Sendable, CaseIterable {
    /// IMD rank, 1 = most deprived (the paper's choice).
    case rank
    /// IMD score, higher = more deprived.
    case score
}
