/// The analysis, unformatted: what Benchmarking computes and Render publishes. The site and the
/// downloads are both made from one `Report`, so they cannot disagree.
///
/// The analyses are keyed by (period, indicator): `analyses` holds one `PeriodReport` per
/// analysable pair, in period order then `Indicator.all` order. `periods` is the recovery view
/// of Part I (what today's pages show); `analyses(in:)` gives every indicator of one period and
/// `analyses(for:)` one indicator across periods.
package struct Report: Equatable, Sendable {
    /// Options and provenance.
    package var metadata: ReportMetadata
    /// One analysis per analysable (period, indicator), in period order then indicator order.
    package var analyses: [PeriodReport]
    /// The England rate of every period and indicator the input had an England row for.
    package var englandRates: [EnglandRate]
    /// Every input row or area not used, in `LedgerEntry.canonicalOrder` (ingest's ledger plus
    /// any the analysis added).
    package var ledger: [LedgerEntry]
    /// Rows outside the selection (other area levels, breakdowns, measures), counted per file.
    package var skipped: [SkippedRows]
    /// The input files.
    package var inputs: [InputFile]
    /// Figures by patients' characteristics (SPEC §8): per period, indicator (in `Indicator.all`
    /// order) and organisation (England first, then by code).
    package var equity: [EquityAnalysis]

    /// Creates a report.
    package init(metadata: ReportMetadata, analyses: [PeriodReport], englandRates: [EnglandRate] = [],
                 ledger: [LedgerEntry], skipped: [SkippedRows], inputs: [InputFile], equity: [EquityAnalysis] = []) {
        self.metadata = metadata
        self.equity = equity
        self.analyses = analyses
        self.englandRates = englandRates
        self.ledger = ledger
        self.skipped = skipped
        self.inputs = inputs
    }

    /// The equity analyses of one period and indicator (England first).
    package func equity(period: Period, indicator: Indicator) -> [EquityAnalysis] {
        equity.filter { $0.period == period && $0.indicator == indicator }
    }

    /// One organisation's equity analysis of a period and indicator (`BreakdownRow.englandCode` for England).
    package func equity(period: Period, indicator: Indicator, area: AreaCode) -> EquityAnalysis? {
        equity.first { $0.period == period && $0.indicator == indicator && $0.areaCode == area }
    }

    /// The recovery analyses, one per analysable period, in period order (Part I's report).
    package var periods: [PeriodReport] { analyses(for: .recovery) }

    /// The latest recovery analysis (the overview page's), if any.
    package var latest: PeriodReport? { periods.last }

    /// One indicator's analyses, in period order.
    package func analyses(for indicator: Indicator) -> [PeriodReport] {
        analyses.filter { $0.indicator.id == indicator.id }
    }

    /// Every indicator's analysis of one period, in `Indicator.all` order.
    package func analyses(in period: Period) -> [PeriodReport] {
        analyses.filter { $0.period == period }
    }

    /// The analysis of one period and indicator, if it was analysable.
    package func analysis(period: Period, indicator: Indicator) -> PeriodReport? {
        analyses.first { $0.period == period && $0.indicator.id == indicator.id }
    }

    /// The distinct analysed periods (any indicator), in order.
    package var analysedPeriods: [Period] {
        var seen = Set<Period>()
        return analyses.map(\.period).filter { seen.insert($0).inserted }
    }

    /// The England rate of a period and indicator, when the input had an England row.
    package func englandRate(period: Period, indicator: Indicator) -> EnglandRate? {
        englandRates.first { $0.period == period && $0.indicatorID == indicator.id }
    }
}

/// England's own figure for one period and indicator (the input's England row).
package struct EnglandRate: Equatable, Sendable {
    /// The period.
    package var period: Period
    /// The indicator's id.
    package var indicatorID: String
    /// Numerator count.
    package var numerator: Int
    /// Denominator count.
    package var denominator: Int

    /// Creates an England rate.
    package init(period: Period, indicatorID: String, numerator: Int, denominator: Int) {
        self.period = period
        self.indicatorID = indicatorID
        self.numerator = numerator
        self.denominator = denominator
    }

    /// The rate in percent.
    package var rate: Double { 100 * Double(numerator) / Double(denominator) }
}

/// What the report was made with.
package struct ReportMetadata: Equatable, Sendable {
    /// LevelField's version (`levelfield --version`).
    package var toolVersion: String
    /// The "generated on" date, `YYYY-MM-DD`: from `--date`, `SOURCE_DATE_EPOCH` or the data; never the clock.
    package var generatedOn: String
    /// True when the inputs are the embedded synthetic dataset: every page then says so.
    package var isSynthetic: Bool
    /// The options, as the manifest records them.
    package var options: ReportOptions

    /// Creates report metadata.
    package init(toolVersion: String, generatedOn: String, isSynthetic: Bool, options: ReportOptions) {
        self.toolVersion = toolVersion
        self.generatedOn = generatedOn
        self.isSynthetic = isSynthetic
        self.options = options
    }
}

/// A `--target ID=PERCENT` override of an indicator's flat standard.
package struct StandardOverride: Equatable, Sendable {
    /// The indicator's id.
    package var indicatorID: String
    /// The standard to use, percent.
    package var percent: Double

    /// Creates an override.
    package init(indicatorID: String, percent: Double) {
        self.indicatorID = indicatorID
        self.percent = percent
    }
}

/// The analysis options of SPEC §2, §4 and §6.
package struct ReportOptions: Equatable, Sendable {
    /// Standards overridden by `--target`, in `Indicator.all` order, one per indicator at most.
    package var standardOverrides: [StandardOverride]
    /// Confidence level in percent of the adjusted benchmark's interval (`--confidence`, default 95).
    package var confidencePercent: Double
    /// The deprivation predictor (`--deprivation rank|score`).
    package var measure: DeprivationMeasure
    /// Only this period, when given (`--period`).
    package var period: Period?
    /// The area level chosen in native NHS files (`--area-level`), when one applied.
    package var areaLevel: String?
    /// `quarter` when monthly files were summed to quarters (`--aggregate quarter`).
    package var aggregate: String?
    /// Where the site will be published (`--site-url`), for the citation and feeds; `nil` when not given.
    package var siteURL: String?

    /// Creates options; defaults are SPEC's.
    package init(standardOverrides: [StandardOverride] = [], confidencePercent: Double = 95, measure: DeprivationMeasure = .rank,
                 period: Period? = nil, areaLevel: String? = nil, aggregate: String? = nil, siteURL: String? = nil) {
        self.standardOverrides = standardOverrides
        self.confidencePercent = confidencePercent
        self.measure = measure
        self.period = period
        self.areaLevel = areaLevel
        self.aggregate = aggregate
        self.siteURL = siteURL
    }

    /// The flat standard an indicator is judged against: the override, else the table's (`nil`:
    /// none, so the England rate is used).
    package func standard(for indicator: Indicator) -> Double? {
        standardOverrides.first { $0.indicatorID == indicator.id }?.percent ?? indicator.standard
    }

    /// The funnels' over-dispersion method (`--overdispersion`, default additive).
    package var overdispersion: OverdispersionChoice = .additive

    /// The recovery target in percent (Part I's `--target`, default 50).
    package var targetPercent: Double { standard(for: .recovery) ?? 50 }
}

/// A two-sided interval.
package struct Interval: Equatable, Sendable {
    /// Lower bound.
    package var lower: Double
    /// Upper bound.
    package var upper: Double

    /// Creates an interval.
    package init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// True when `value` lies within the closed interval.
    package func contains(_ value: Double) -> Bool { value >= lower && value <= upper }
}

/// One period's analysis of one indicator (SPEC §2, steps 1–8, per §6).
package struct PeriodReport: Equatable, Sendable {
    /// The period.
    package var period: Period
    /// The indicator analysed.
    package var indicator: Indicator
    /// What `standard_verdict` compares with, percent: the standard, or the England or pooled rate.
    package var reference: Double
    /// Which of those `reference` is.
    package var referenceKind: ReferenceKind
    /// Every analysed area, sorted by area code.
    package var areas: [AreaResult]
    /// The published benchmark model: WLS of rate on deprivation, without the outlier dummy.
    package var model: RegressionSummary
    /// The sensitivity model's result: extreme outliers and the dummy's p.
    package var outliers: OutlierSummary
    /// The 2×2 comparison of the two verdicts.
    package var agreement: AgreementSummary
    /// Spearman correlations of deprivation with the volumes and the rate.
    package var correlations: [CorrelationResult]
    /// The flat funnel (SPEC §7), `nil` when it could not be computed.
    package var flatFunnel: FunnelSummary? = nil
    /// The adjusted funnel (SPEC §7), `nil` when it could not be computed.
    package var adjustedFunnel: FunnelSummary? = nil
    /// `standard_vs_funnel` and `adjusted_vs_funnel` (SPEC §7.2), when the adjusted funnel exists.
    package var funnelAgreements: [AgreementSummary] = []

    /// Creates a period report.
    package init(period: Period, indicator: Indicator = .recovery, reference: Double = 50, referenceKind: ReferenceKind = .standard,
                 areas: [AreaResult], model: RegressionSummary, outliers: OutlierSummary,
                 agreement: AgreementSummary, correlations: [CorrelationResult]) {
        self.period = period
        self.indicator = indicator
        self.reference = reference
        self.referenceKind = referenceKind
        self.areas = areas
        self.model = model
        self.outliers = outliers
        self.agreement = agreement
        self.correlations = correlations
    }

    /// The area with this code, if analysed in this period. The analysis lists areas sorted by
    /// code, so this is a binary search; a list in another order (made by hand) is searched
    /// through when the binary search misses, so the answer never depends on the order.
    package func area(_ code: AreaCode) -> AreaResult? {
        var low = areas.startIndex, high = areas.endIndex
        while low < high {
            let middle = (low + high) / 2
            let candidate = areas[middle].code
            if candidate == code { return areas[middle] }
            if candidate < code { low = middle + 1 } else { high = middle }
        }
        return areas.firstIndex { $0.code == code }.map { areas[$0] }
    }
}

/// One area's result in one period for one indicator.
package struct AreaResult: Equatable, Sendable {
    /// The input figures (counts, deprivation, names, source).
    package var observation: Observation
    /// The deprivation value used as x.
    package var deprivation: Double
    /// The indicator's rate r in percent.
    package var rate: Double
    /// The indicator's denominator n (the WLS weight).
    package var denominator: Int
    /// The indicator's numerator; `nil` when the input gave only a rate.
    package var numerator: Int?
    /// Wilson 95% interval of r, percent.
    package var wilson95: Interval
    /// Wilson 99.8% interval of r, percent.
    package var wilson998: Interval
    /// Expected rate ê from the benchmark model, percent.
    package var expected: Double
    /// ê's confidence interval at the report's confidence level, percent.
    package var expectedInterval: Interval
    /// Verdict against the standard (or England / pooled rate).
    package var standardVerdict: StandardVerdict
    /// Verdict against the adjusted benchmark.
    package var adjustedVerdict: AdjustedVerdict
    /// True when r is outside [Q1 − 3·IQR, Q3 + 3·IQR].
    package var isExtremeOutlier: Bool
    /// The area in the adjusted funnel (SPEC §7); `nil` when not assessed (ê outside (0, 100)).
    package var funnel: AreaFunnel? = nil
    /// The area in the flat funnel; `nil` when the period has none.
    package var flatFunnel: AreaFunnel? = nil

    /// Creates an area result.
    package init(observation: Observation, deprivation: Double, rate: Double, denominator: Int, numerator: Int?,
                 wilson95: Interval, wilson998: Interval, expected: Double, expectedInterval: Interval,
                 standardVerdict: StandardVerdict, adjustedVerdict: AdjustedVerdict, isExtremeOutlier: Bool) {
        self.observation = observation
        self.deprivation = deprivation
        self.rate = rate
        self.denominator = denominator
        self.numerator = numerator
        self.wilson95 = wilson95
        self.wilson998 = wilson998
        self.expected = expected
        self.expectedInterval = expectedInterval
        self.standardVerdict = standardVerdict
        self.adjustedVerdict = adjustedVerdict
        self.isExtremeOutlier = isExtremeOutlier
    }

    /// The area's code.
    package var code: AreaCode { observation.areaCode }
    /// The area's display name.
    package var name: String { observation.areaName }
}

/// The WLS benchmark model of one period, with the band for charts.
package struct RegressionSummary: Equatable, Sendable {
    /// Areas in the fit (n).
    package var areas: Int
    /// β₀.
    package var intercept: Double
    /// β₁ (percentage points per unit of deprivation).
    package var slope: Double
    /// SE of β₀.
    package var seIntercept: Double
    /// SE of β₁.
    package var seSlope: Double
    /// t of β₁.
    package var tSlope: Double
    /// Two-sided p of β₁ (t on n − 2 df).
    package var pSlope: Double
    /// R².
    package var rSquared: Double
    /// Adjusted R².
    package var adjustedRSquared: Double
    /// F(1, n − 2).
    package var fStatistic: Double
    /// p of F.
    package var fP: Double
    /// n − 2.
    package var dfResidual: Int
    /// σ̂, the residual standard error (weighted).
    package var sigma: Double
    /// The fitted line and its confidence band at the report's level, over the observed x range,
    /// in increasing x: for the scatter chart.
    package var band: [BandPoint]
    /// How much deprivation explains, in words-ready form, and the spread in percentage points.
    package var strength: ModelStrength

    /// Creates a regression summary.
    package init(areas: Int, intercept: Double, slope: Double, seIntercept: Double, seSlope: Double,
                 tSlope: Double, pSlope: Double, rSquared: Double, adjustedRSquared: Double,
                 fStatistic: Double, fP: Double, dfResidual: Int, sigma: Double, band: [BandPoint],
                 strength: ModelStrength) {
        self.areas = areas
        self.intercept = intercept
        self.slope = slope
        self.seIntercept = seIntercept
        self.seSlope = seSlope
        self.tSlope = tSlope
        self.pSlope = pSlope
        self.rSquared = rSquared
        self.adjustedRSquared = adjustedRSquared
        self.fStatistic = fStatistic
        self.fP = fP
        self.dfResidual = dfResidual
        self.sigma = sigma
        self.band = band
        self.strength = strength
    }
}

/// A point of the fitted line and its confidence band.
package struct BandPoint: Equatable, Sendable {
    /// Deprivation value.
    package var x: Double
    /// Fitted rate, percent.
    package var fit: Double
    /// Lower confidence bound, percent.
    package var lower: Double
    /// Upper confidence bound, percent.
    package var upper: Double

    /// Creates a band point.
    package init(x: Double, fit: Double, lower: Double, upper: Double) {
        self.x = x
        self.fit = fit
        self.lower = lower
        self.upper = upper
    }
}

/// Extreme outliers of r and the outlier-dummy sensitivity model (SPEC §2.4).
package struct OutlierSummary: Equatable, Sendable {
    /// Number of extreme outliers.
    package var count: Int
    /// Tukey's far fences [Q1 − 3·IQR, Q3 + 3·IQR] (R type 7 quartiles).
    package var fences: Interval
    /// p of the outlier dummy in WLS rate ~ x + dummy; `nil` when there are no outliers (no dummy
    /// to test) or the design is rank-deficient — `note` says which.
    package var dummyP: Double?
    /// Why `dummyP` is missing, in words.
    package var note: String?

    /// Creates an outlier summary.
    package init(count: Int, fences: Interval, dummyP: Double?, note: String?) {
        self.count = count
        self.fences = fences
        self.dummyP = dummyP
        self.note = note
    }
}

/// The cross-classification of two verdict systems and its statistics (SPEC §2.8, §7.2): a 2×2
/// of worse / not worse under the first system (rows) and the second (columns).
package struct AgreementSummary: Equatable, Sendable {
    /// Which two systems (`standard_vs_adjusted`).
    package var comparison: String
    /// Areas classified.
    package var areas: Int
    /// Worse under both.
    package var worseBoth: Int
    /// Worse under the first only.
    package var worseFirstOnly: Int
    /// Worse under the second only.
    package var worseSecondOnly: Int
    /// Worse under neither.
    package var worseNeither: Int
    /// Cohen's κ, `nil` when not computable (`notes` says why).
    package var kappa: Double?
    /// Asymptotic SE of κ (as statsmodels `cohens_kappa`).
    package var kappaSE: Double?
    /// 95% CI of κ.
    package var kappaInterval: Interval?
    /// Pearson χ² without continuity correction (1 df), `nil` when a margin is zero.
    package var pearsonChi2: Double?
    /// p of Pearson χ².
    package var pearsonP: Double?
    /// McNemar χ² without correction, `nil` when there are no discordant pairs.
    package var mcnemarChi2: Double?
    /// p of McNemar χ².
    package var mcnemarP: Double?
    /// Why any statistic above is missing, in words.
    package var notes: [String]

    /// Creates an agreement summary.
    package init(comparison: String = "standard_vs_adjusted", areas: Int, worseBoth: Int, worseFirstOnly: Int, worseSecondOnly: Int, worseNeither: Int,
                 kappa: Double?, kappaSE: Double?, kappaInterval: Interval?, pearsonChi2: Double?, pearsonP: Double?,
                 mcnemarChi2: Double?, mcnemarP: Double?, notes: [String]) {
        self.comparison = comparison
        self.areas = areas
        self.worseBoth = worseBoth
        self.worseFirstOnly = worseFirstOnly
        self.worseSecondOnly = worseSecondOnly
        self.worseNeither = worseNeither
        self.kappa = kappa
        self.kappaSE = kappaSE
        self.kappaInterval = kappaInterval
        self.pearsonChi2 = pearsonChi2
        self.pearsonP = pearsonP
        self.mcnemarChi2 = mcnemarChi2
        self.mcnemarP = mcnemarP
        self.notes = notes
    }

    /// Percent of areas worse under the first system.
    package var percentWorseFirst: Double { areas == 0 ? 0 : 100 * Double(worseBoth + worseFirstOnly) / Double(areas) }
    /// Percent of areas worse under the second system.
    package var percentWorseSecond: Double { areas == 0 ? 0 : 100 * Double(worseBoth + worseSecondOnly) / Double(areas) }
}

/// The variables correlated with deprivation (SPEC §2.3).
package enum CorrelatedVariable: String, Equatable, Sendable, CaseIterable {
    /// New referrals.
    case referrals
    /// Finished a course of treatment.
    case finishedTreatment = "finished_treatment"
    /// The indicator's own rate.
    case rate
}

/// Spearman's ρ of deprivation with one variable in one period.
package struct CorrelationResult: Equatable, Sendable {
    /// The variable.
    package var variable: CorrelatedVariable
    /// ρ, `nil` when not computable (`note` says why).
    package var rho: Double?
    /// Two-sided p (t approximation on n − 2 df, as scipy `spearmanr`).
    package var p: Double?
    /// Pairs used (areas with both values).
    package var n: Int
    /// True for the sensitivity analysis without extreme outliers.
    package var excludesOutliers: Bool
    /// Why ρ or p is missing, in words.
    package var note: String?

    /// Creates a correlation result.
    package init(variable: CorrelatedVariable, rho: Double?, p: Double?, n: Int, excludesOutliers: Bool, note: String?) {
        self.variable = variable
        self.rho = rho
        self.p = p
        self.n = n
        self.excludesOutliers = excludesOutliers
        self.note = note
    }
}
