import LevelFieldModel
import Statistics

/// Applies the method of SPEC §2 to a `Dataset`, period by period, and returns the `Report`
/// (numbers unformatted). Pure: no I/O, no clock, output independent of input order.
package enum Benchmark {
    /// Fewest eligible areas a period needs for the model (two coefficients and a residual df).
    package static let minimumAreas = 3

    /// Points of the fitted line and band drawn on the scatter chart.
    static let bandPoints = 61

    /// Analyses every period of `dataset` (or only `options.period`).
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

        var ledger = dataset.ledger.filter { entry in
            guard let wanted = options.period, let period = entry.period else { return true }
            return period == wanted
        }
        var reports: [PeriodReport] = []
        for period in periods {
            let observations = (byPeriod[period] ?? []).sorted { $0.areaCode < $1.areaCode }
            let (eligible, excluded) = eligibility(observations, measure: options.measure)
            ledger += excluded
            switch analyse(period: period, eligible: eligible, options: options) {
            case .success(let report):
                reports.append(report)
            case .failure(let problem):
                ledger += eligible.map {
                    LedgerEntry(sourceFile: $0.observation.source.file, line: $0.observation.source.line, period: period,
                                areaCode: $0.observation.areaCode, reason: .periodNotAnalysable(detail: problem.reason))
                }
            }
        }
        ledger.sort(by: LedgerEntry.canonicalOrder)
        return Report(metadata: metadata, periods: reports, ledger: ledger, skipped: dataset.skipped, inputs: dataset.inputs)
    }

    /// An observation that can enter the analysis, with the values the model uses.
    struct Eligible {
        var observation: Observation
        var x: Double
        var rate: Double
        var n: Int
    }

    /// SPEC §2.1: n > 0, a recovery count or rate, a deprivation value. The rest go to the ledger.
    static func eligibility(_ observations: [Observation], measure: DeprivationMeasure) -> ([Eligible], [LedgerEntry]) {
        var eligible: [Eligible] = []
        var excluded: [LedgerEntry] = []
        for observation in observations {
            func exclude(_ reason: ExclusionReason) {
                excluded.append(LedgerEntry(sourceFile: observation.source.file, line: observation.source.line,
                                            period: observation.period, areaCode: observation.areaCode, reason: reason))
            }
            guard let n = observation.recoveryDenominator else { exclude(.suppressed(column: "recovery denominator")); continue }
            guard n > 0 else { exclude(.zeroDenominator); continue }
            guard let rate = observation.recoveryRate, rate.isFinite else { exclude(.noRecoveryFigure); continue }
            guard let x = observation.deprivation(measure), x.isFinite else {
                exclude(measure == .rank ? .noDeprivationMatch : .suppressed(column: "imd_score"))
                continue
            }
            eligible.append(Eligible(observation: observation, x: x, rate: rate, n: n))
        }
        return (eligible, excluded)
    }

    /// One period's analysis, or why it cannot be done.
    static func analyse(period: Period, eligible: [Eligible], options: ReportOptions) -> Result<PeriodReport, NotComputable> {
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
        do {
            fit = try WeightedLeastSquares.fit(design: xs.map { [1, $0] }, response: rates, weights: weights)
        } catch {
            return .failure(NotComputable("the regression cannot be fitted (\(error))"))
        }

        // §2.4 extreme outliers and the dummy model.
        let fences = TukeyFences.of(rates, k: 3)
        let isOutlier = rates.map { $0 < fences.lower || $0 > fences.upper }
        let outliers = outlierSummary(xs: xs, rates: rates, weights: weights, isOutlier: isOutlier, fences: fences)

        // §2.2, §2.6, §2.7 per area.
        let z95 = Normal.quantile(0.975)
        let z998 = Normal.quantile(0.999)
        var areas: [AreaResult] = []
        areas.reserveCapacity(eligible.count)
        for (index, area) in eligible.enumerated() {
            let mean = fit.meanResponse(at: [1, area.x], confidence: confidence)
            let expected = Interval(lower: mean.lower, upper: mean.upper)
            let target: TargetStatus = area.rate < options.targetPercent ? .below : .meets
            let adjusted: AdjustedStatus = area.rate < expected.lower ? .below : (area.rate > expected.upper ? .above : .within)
            areas.append(AreaResult(
                observation: area.observation, deprivation: area.x, rate: area.rate, denominator: area.n,
                wilson95: wilson(area, z: z95), wilson998: wilson(area, z: z998),
                expected: mean.estimate, expectedInterval: expected,
                targetStatus: target, adjustedStatus: adjusted, isExtremeOutlier: isOutlier[index]))
        }

        let model = RegressionSummary(
            areas: fit.n, intercept: fit.coefficients[0], slope: fit.coefficients[1],
            seIntercept: fit.standardErrors[0], seSlope: fit.standardErrors[1],
            tSlope: fit.tStatistics[1], pSlope: fit.pValues[1],
            rSquared: fit.rSquared, adjustedRSquared: fit.adjustedRSquared,
            fStatistic: fit.fStatistic, fP: fit.fPValue, dfResidual: fit.dfResidual, sigma: fit.sigma,
            band: band(fit, from: minX, to: maxX, confidence: confidence))

        return .success(PeriodReport(
            period: period, areas: areas, model: model, outliers: outliers,
            agreement: agreement(areas),
            correlations: correlations(eligible, isOutlier: isOutlier)))
    }

    /// Wilson interval of the area's rate, in percent. With counts it is the PHE/Fingertips
    /// interval on recovered/n; with only a published rate, the same formula on p̂ = rate/100.
    static func wilson(_ area: Eligible, z: Double) -> Interval {
        let interval: (lower: Double, upper: Double)
        if let recovered = area.observation.recovered {
            interval = Wilson.interval(proportion: Double(recovered) / Double(area.n), trials: area.n, z: z)
        } else {
            interval = Wilson.interval(proportion: area.rate / 100, trials: area.n, z: z)
        }
        return Interval(lower: 100 * interval.lower, upper: 100 * interval.upper)
    }

    static func outlierSummary(xs: [Double], rates: [Double], weights: [Double], isOutlier: [Bool],
                               fences: TukeyFences) -> OutlierSummary {
        let count = isOutlier.filter { $0 }.count
        let interval = Interval(lower: fences.lower, upper: fences.upper)
        guard count > 0 else {
            return OutlierSummary(count: 0, fences: interval, dummyP: nil, note: "no extreme outliers, so no dummy to test")
        }
        let design = zip(xs, isOutlier).map { [1, $0.0, $0.1 ? 1 : 0] }
        do {
            let withDummy = try WeightedLeastSquares.fit(design: design, response: rates, weights: weights)
            return OutlierSummary(count: count, fences: interval, dummyP: withDummy.pValues[2], note: nil)
        } catch {
            return OutlierSummary(count: count, fences: interval, dummyP: nil, note: "the model with the outlier dummy cannot be fitted (\(error))")
        }
    }

    /// The fitted line and its confidence band, evenly spaced over [from, to].
    static func band(_ fit: WLSFit, from: Double, to: Double, confidence: Double) -> [BandPoint] {
        (0..<bandPoints).map { step in
            let x = step == bandPoints - 1 ? to : from + (to - from) * Double(step) / Double(bandPoints - 1)
            let mean = fit.meanResponse(at: [1, x], confidence: confidence)
            return BandPoint(x: x, fit: mean.estimate, lower: mean.lower, upper: mean.upper)
        }
    }

    /// §2.8 the 2×2 of the verdicts: rows flat below/meets, columns adjusted below/not.
    static func agreement(_ areas: [AreaResult]) -> AgreementSummary {
        var cells = [0, 0, 0, 0]
        for area in areas {
            let flatBelow = area.targetStatus == .below
            let adjustedBelow = area.adjustedStatus == .below
            cells[(flatBelow ? 0 : 2) + (adjustedBelow ? 0 : 1)] += 1
        }
        let table = [[cells[0], cells[1]], [cells[2], cells[3]]]
        var notes: [String] = []
        var kappa: KappaResult?
        switch CohenKappa.compute(table, confidence: 0.95) {
        case .success(let value): kappa = value
        case .failure(let problem): notes.append("κ not computable: \(problem.reason)")
        }
        var pearson: ChiSquareTest?
        switch PearsonChiSquare.test(table) {
        case .success(let value): pearson = value
        case .failure(let problem): notes.append("Pearson χ² not computable: \(problem.reason)")
        }
        var mcnemar: ChiSquareTest?
        switch McNemar.test(table) {
        case .success(let value): mcnemar = value
        case .failure(let problem): notes.append("McNemar χ² not computable: \(problem.reason)")
        }
        return AgreementSummary(
            areas: areas.count, belowBoth: cells[0], belowTargetOnly: cells[1], belowAdjustedOnly: cells[2], belowNeither: cells[3],
            kappa: kappa?.kappa, kappaSE: kappa?.standardError,
            kappaInterval: kappa.map { Interval(lower: $0.lower, upper: $0.upper) },
            pearsonChi2: pearson?.statistic, pearsonP: pearson?.pValue,
            mcnemarChi2: mcnemar?.statistic, mcnemarP: mcnemar?.pValue, notes: notes)
    }

    /// §2.3 Spearman ρ of deprivation with referrals, finished treatment and the rate (pairwise
    /// complete), and with the rate without extreme outliers.
    static func correlations(_ eligible: [Eligible], isOutlier: [Bool]) -> [CorrelationResult] {
        func correlate(_ variable: CorrelatedVariable, excludingOutliers: Bool, _ value: (Eligible) -> Double?) -> CorrelationResult {
            var xs: [Double] = [], ys: [Double] = []
            for (index, area) in eligible.enumerated() {
                if excludingOutliers && isOutlier[index] { continue }
                guard let y = value(area) else { continue }
                xs.append(area.x)
                ys.append(y)
            }
            switch Spearman.test(xs, ys) {
            case .success(let test):
                return CorrelationResult(variable: variable, rho: test.rho, p: test.pValue, n: test.n, excludesOutliers: excludingOutliers, note: nil)
            case .failure(let problem):
                return CorrelationResult(variable: variable, rho: nil, p: nil, n: xs.count, excludesOutliers: excludingOutliers, note: problem.reason)
            }
        }
        return [
            correlate(.referrals, excludingOutliers: false) { $0.observation.referrals.map(Double.init) },
            correlate(.finishedTreatment, excludingOutliers: false) { $0.observation.finishedTreatment.map(Double.init) },
            correlate(.recoveryRate, excludingOutliers: false) { $0.rate },
            correlate(.recoveryRate, excludingOutliers: true) { $0.rate },
        ]
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
