import LevelFieldModel
import Statistics

/// Applies the method of SPEC §2 to a `Dataset`, per period and per indicator of
/// `Indicator.all` (SPEC §6), and returns the `Report` (numbers unformatted). Pure: no I/O, no
/// clock, output independent of input order. Each step lives in its own file (Eligibility,
/// BenchmarkModel, Verdicts, Agreement, Correlations); this only orchestrates them.
package enum Benchmark {
    /// Fewest eligible areas a period needs for the model (two coefficients and a residual df).
    package static let minimumAreas = 3

    /// Points of the fitted line and band drawn on the scatter chart.
    static var bandPoints: Int { BenchmarkModel.bandPoints }

    /// Analyses every period of `dataset` (or only `options.period`) for every indicator the
    /// input provides.
    /// - Throws: `BenchmarkError.unknownPeriod` when `options.period` is not in the data.
    package static func run(_ dataset: Dataset, metadata: ReportMetadata) throws(BenchmarkError) -> Report {
        let options = metadata.options
        var periods = dataset.periods
        if let wanted = options.period {
            guard periods.contains(wanted) else { throw .unknownPeriod(wanted, available: periods) }
            periods = [wanted]
        }
        var byPeriod: [Period: [Observation]] = [:]
        for observation in dataset.observations { byPeriod[observation.period, default: []].append(observation) }
        let englandRates = england(dataset.england, periods: periods)

        var ledger = dataset.ledger.filter { entry in
            guard let wanted = options.period, let period = entry.period else { return true }
            return period == wanted
        }
        // Periods are independent: analysed on every core, gathered in period order.
        let byPeriodShared = byPeriod
        var analyses: [PeriodReport] = []
        for result in periods.concurrentMap({ analyse(period: $0, observations: byPeriodShared[$0] ?? [], england: englandRates, options: options) }) {
            analyses += result.analyses
            ledger += result.ledger
        }
        let equity = Equity.analyse(dataset.breakdowns, periods: periods)
        ledger += equity.ledger
        ledger.sort(by: LedgerEntry.canonicalOrder)
        return Report(metadata: metadata, analyses: analyses, englandRates: englandRates, ledger: ledger,
                      skipped: dataset.skipped, inputs: dataset.inputs, equity: equity.analyses)
    }

    /// Every indicator of one period, with the ledger lines of the areas each could not use.
    static func analyse(period: Period, observations: [Observation], england englandRates: [EnglandRate],
                        options: ReportOptions) -> (analyses: [PeriodReport], ledger: [LedgerEntry]) {
        let observations = observations.sorted { $0.areaCode < $1.areaCode }
        var analyses: [PeriodReport] = []
        var ledger: [LedgerEntry] = []
        for indicator in Indicator.all where Eligibility.isProvided(indicator, by: observations) {
            let (eligible, excluded) = Eligibility.split(observations, indicator: indicator, measure: options.measure)
            ledger += excluded
            let englandRate = englandRates.first { $0.period == period && $0.indicatorID == indicator.id }
            switch analyse(period: period, indicator: indicator, eligible: eligible, england: englandRate, options: options) {
            case .success(var report):
                ledger += addFunnels(&report, method: options.overdispersion)
                analyses.append(report)
            case .failure(let problem):
                let detail = "\(indicator.id): \(problem.reason)"
                ledger += eligible.map {
                    LedgerEntry(sourceFile: $0.observation.source.file, line: $0.observation.source.line, period: period,
                                areaCode: $0.observation.areaCode, reason: .periodNotAnalysable(detail: detail))
                }
            }
        }
        return (analyses, ledger)
    }

    /// The England rate of every period and indicator England's rows have both counts for.
    static func england(_ rows: [Observation], periods: [Period]) -> [EnglandRate] {
        rows.filter { periods.contains($0.period) }.sorted { $0.period < $1.period }.flatMap { row in
            Indicator.all.compactMap { indicator -> EnglandRate? in
                guard let numerator = row.count(indicator.numerator), let denominator = row.count(indicator.denominator),
                      denominator > 0 else { return nil }
                return EnglandRate(period: row.period, indicatorID: indicator.id, numerator: numerator, denominator: denominator)
            }
        }
    }

    /// Adds the flat and adjusted funnels and their comparisons (SPEC §7) to one analysis;
    /// returns the ledger lines of areas the adjusted funnel could not assess.
    static func addFunnels(_ report: inout PeriodReport, method: OverdispersionChoice) -> [LedgerEntry] {
        let outcome = Funnels.compute(report.areas, indicator: report.indicator, period: report.period,
                                      reference: report.reference, method: method)
        report.flatFunnel = outcome.flat
        report.adjustedFunnel = outcome.adjusted
        for index in report.areas.indices {
            report.areas[index].funnel = outcome.areaAdjusted[index]
            report.areas[index].flatFunnel = outcome.areaFlat[index]
        }
        if outcome.adjusted != nil { report.funnelAgreements = Funnels.agreements(report.areas) }
        return outcome.ledger
    }

    /// One period's analysis of one indicator, or why it cannot be done.
    static func analyse(period: Period, indicator: Indicator, eligible: [Eligibility.Eligible], england: EnglandRate?,
                        options: ReportOptions) -> Result<PeriodReport, NotComputable> {
        guard eligible.count >= minimumAreas else {
            return .failure(NotComputable("\(eligible.count) usable area\(eligible.count == 1 ? "" : "s"), at least \(minimumAreas) needed"))
        }
        let xs = eligible.map(\.x)
        guard let minX = xs.min(), let maxX = xs.max(), minX < maxX else {
            return .failure(NotComputable("every area has the same deprivation value"))
        }
        let rates = eligible.map(\.rate)
        let weights = eligible.map { Double($0.n) }
        let confidence = options.confidencePercent / 100

        // §2.5 the published benchmark model, without the outlier dummy.
        let fit: WLSFit
        switch BenchmarkModel.fit(eligible) {
        case .success(let value): fit = value
        case .failure(let problem): return .failure(problem)
        }
        // §2.4 extreme outliers and the dummy model.
        let (isOutlier, outliers) = BenchmarkModel.outliers(xs: xs, rates: rates, weights: weights)
        let reference = Verdicts.reference(for: indicator, options: options, england: england, eligible: eligible)

        // §2.2, §2.6, §2.7 per area.
        let z95 = Normal.quantile(0.975)
        let z998 = Normal.quantile(0.999)
        var areas: [AreaResult] = []
        areas.reserveCapacity(eligible.count)
        let means = fit.meanResponses(at: eligible.map { [1, $0.x] }, confidence: confidence)
        for (index, area) in eligible.enumerated() {
            let mean = means[index]
            let expected = Interval(lower: mean.lower, upper: mean.upper)
            areas.append(AreaResult(
                observation: area.observation, deprivation: area.x, rate: area.rate, denominator: area.n, numerator: area.numerator,
                wilson95: Verdicts.wilson(area, z: z95), wilson998: Verdicts.wilson(area, z: z998),
                expected: mean.estimate, expectedInterval: expected,
                standardVerdict: Verdicts.standard(area.rate, reference: reference.value, indicator: indicator),
                adjustedVerdict: indicator.adjustedVerdict(area.rate, interval: expected),
                isExtremeOutlier: isOutlier[index]))
        }

        let strength = Strength.of(fit, xs: xs, rates: rates, weights: weights, expectedIntervals: areas.map(\.expectedInterval),
                                   measure: options.measure)
        return .success(PeriodReport(
            period: period, indicator: indicator, reference: reference.value, referenceKind: reference.kind,
            areas: areas, model: BenchmarkModel.summary(fit, minX: minX, maxX: maxX, confidence: confidence, strength: strength),
            outliers: outliers, agreement: Agreement.standardVsAdjusted(areas),
            correlations: Correlations.compute(eligible, isOutlier: isOutlier)))
    }
}

/// Why a report cannot be made from the dataset as asked.
package enum BenchmarkError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `--period` names a period the data do not have.
    case unknownPeriod(Period, available: [Period])

    package var description: String {
        switch self {
        case .unknownPeriod(let period, let available):
            let list = available.map(\.label).joined(separator: ", ")
            return "period '\(period.label)' is not in the data; the data have: \(list.isEmpty ? "no periods" : list)"
        }
    }
}

