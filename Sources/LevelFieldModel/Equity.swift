/// One group's rate in a breakdown (a decile, an age group, …): counts `nil` when suppressed or
/// missing, then no rate either. Rates and limits are percentages.
package struct GroupRate: Equatable, Sendable {
    /// The breakdown.
    package var kind: BreakdownKind
    /// The group (`1`…`10` for deciles, 1 = most deprived).
    package var group: String
    /// The group's order within its breakdown.
    package var sequence: Int
    /// The indicator's numerator, `nil` when suppressed or missing.
    package var numerator: Int?
    /// The indicator's denominator, `nil` when suppressed or missing.
    package var denominator: Int?
    /// numerator ÷ denominator in percent, when both are known and the denominator is > 0.
    package var rate: Double?
    /// Wilson 95% interval of the rate, in percent.
    package var wilson95: Interval?

    /// Creates a group's rate.
    package init(kind: BreakdownKind, group: String, sequence: Int, numerator: Int?, denominator: Int?, rate: Double?,
                 wilson95: Interval?) {
        self.kind = kind
        self.group = group
        self.sequence = sequence
        self.numerator = numerator
        self.denominator = denominator
        self.rate = rate
        self.wilson95 = wilson95
    }

    /// A denominator under this is a small number: its rate is shown, but marked.
    package static let smallDenominator = 30

    /// True when the denominator is known and small.
    package var isSmall: Bool { (denominator ?? Int.max) < GroupRate.smallDenominator }
}

/// The slope and relative index of inequality across the ten deciles (SPEC §8.2): PHE's point
/// estimates, SII in percentage points, with the known-variance 95% interval (RII by Fieller,
/// `nil` when unbounded).
package struct InequalitySummary: Equatable, Sendable {
    /// Deciles in the fit (always 10 when computed).
    package var decilesUsed: Int
    /// Fitted least-deprived-end rate minus most-deprived-end rate, percentage points.
    package var sii: Double
    /// 95% interval of the SII.
    package var siiInterval: Interval
    /// Fitted least-deprived-end rate ÷ most-deprived-end rate.
    package var rii: Double
    /// 95% interval of the RII (Fieller), `nil` when unbounded.
    package var riiInterval: Interval?

    /// Creates a summary.
    package init(decilesUsed: Int, sii: Double, siiInterval: Interval, rii: Double, riiInterval: Interval?) {
        self.decilesUsed = decilesUsed
        self.sii = sii
        self.siiInterval = siiInterval
        self.rii = rii
        self.riiInterval = riiInterval
    }
}

/// One organisation's figures by its patients' characteristics, for one period and indicator.
package struct EquityAnalysis: Equatable, Sendable {
    /// The period.
    package var period: Period
    /// The indicator.
    package var indicator: Indicator
    /// The organisation (`ENGLAND` for England).
    package var areaCode: AreaCode
    /// Its name.
    package var areaName: String
    /// The deciles read, 1 (most deprived) first; a suppressed decile has no counts.
    package var deciles: [GroupRate]
    /// The other breakdowns (age group, gender, ethnic group), in kind then group order.
    package var groups: [GroupRate]
    /// SII and RII, when every decile allows them.
    package var inequality: InequalitySummary?
    /// Why there is no SII/RII, in words (also in the ledger), when there is none.
    package var notCalculated: String?

    /// Creates an analysis.
    package init(period: Period, indicator: Indicator, areaCode: AreaCode, areaName: String, deciles: [GroupRate],
                 groups: [GroupRate], inequality: InequalitySummary?, notCalculated: String?) {
        self.period = period
        self.indicator = indicator
        self.areaCode = areaCode
        self.areaName = areaName
        self.deciles = deciles
        self.groups = groups
        self.inequality = inequality
        self.notCalculated = notCalculated
    }

    /// True for England's own analysis.
    package var isEngland: Bool { areaCode == BreakdownRow.englandCode }
}
