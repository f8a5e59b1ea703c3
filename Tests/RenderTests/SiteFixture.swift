import Foundation
import LevelFieldModel
@testable import Render

/// A small, plausible `Report` built by hand for snapshots and screenshots: 10 areas over two
/// quarters, one with a hostile name, one missing from the first quarter. The statistics are
/// computed here with textbook closed forms (one-predictor WLS, Wilson, 2×2 tables), so the
/// numbers agree with each other; they are inputs to the renderer, not reference values.
enum SiteFixture {
    static let hostileName = #"<script>alert(1)</script> & "Co" 'x'"#

    /// (code, name, IMD rank, IMD score, [(denominator, recovered, referrals, finished)] per period; nil = absent).
    typealias AreaRow = (String, String, Double, Double, [(Int, Int, Int?, Int)?])
    static let areas: [AreaRow] = [
        ("00C", "Darlington", 71, 26.4, [(310, 140, 905, 455), (325, 152, 940, 470)]),
        ("00D", "Durham Dales, Easington and Sedgefield", 22, 33.9, [(880, 365, 2410, 1230), (905, 389, 2465, 1255)]),
        ("00K", "Hartlepool and Stockton-on-Tees", 30, 31.2, [(745, 318, 2050, 1040), (760, 349, 2105, 1065)]),
        ("01A", "East Riding of Yorkshire", 166, 14.8, [(590, 302, 1500, 810), (610, 318, 1535, 835)]),
        ("02N", "Airedale, Wharfedale and Craven", 190, 11.9, [(265, 151, 640, 365), (270, 139, 655, 375)]),
        ("03F", "Hull", 5, 41.7, [(1120, 412, 3360, 1560), (1150, 451, 3420, 1590)]),
        ("04C", "Leicester City", 48, 30.1, [(640, 235, 1880, 905), (665, 268, 1905, 930)]),
        ("05D", "East Staffordshire", 120, 20.3, [(205, 118, 540, 290), (215, 97, 560, 300)]),
        ("06H", "Cambridgeshire and Peterborough", 207, 9.6, [nil, (1210, 640, nil, 1650)]),
        ("99X", hostileName, 143, 17.2, [(150, 57, 410, 215), (160, 82, 420, 225)]),
    ]
    static let periods = [Period("2014-15 Q2"), Period("2014-15 Q3")]
    static let outcomesFile = "Data/outcomes.csv"
    static let deprivationFile = "Data/deprivation.csv"

    static func report(isSynthetic: Bool = true, measure: DeprivationMeasure = .rank) -> Report {
        report(areas: areas, periods: periods, isSynthetic: isSynthetic, measure: measure)
    }

    /// A report the size of the real data (211 areas, 8 quarters), from a seeded generator, for
    /// the scale test and for looking at the site.
    static func large(areaCount: Int = 211, periodCount: Int = 8) -> Report {
        var state: UInt64 = 20_160_429
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        let labels = (0..<periodCount).map { Period("\(2014 + ($0 + 1) / 4)-\(String(15 + ($0 + 1) / 4)) Q\(($0 + 1) % 4 + 1)") }
        var rows: [AreaRow] = []
        for index in 0..<areaCount {
            let rank = Double(index + 1)
            let size = 60 + uniform() * 1400
            let base = 36 + 0.07 * rank + (uniform() - 0.5) * 10
            let figures: [(Int, Int, Int?, Int)?] = (0..<periodCount).map { _ in
                let n = Int(size * (0.9 + 0.2 * uniform()))
                let rate = min(max(base + (uniform() - 0.5) * 6, 5), 95) / 100
                return (n, Int((Double(n) * rate).rounded()), Int(Double(n) * 2.8), Int(Double(n) * 1.4))
            }
            rows.append((String(format: "A%03d", index), "Area \(index + 1)", rank, 45 - 0.2 * rank, figures))
        }
        return report(areas: rows, periods: labels, isSynthetic: true, measure: .rank)
    }

    static func report(areas: [AreaRow], periods: [Period], isSynthetic: Bool, measure: DeprivationMeasure) -> Report {
        let options = ReportOptions(measure: measure)
        var periodReports: [PeriodReport] = []
        for (index, period) in periods.enumerated() {
            var rows: [(Observation, Double, Int, Int)] = []
            for (offset, area) in areas.enumerated() {
                guard let figures = area.4[index] else { continue }
                let line = 2 + index * areas.count + offset
                let observation = Observation(
                    period: period, areaCode: AreaCode(area.0), areaName: area.1, referrals: figures.2,
                    finishedTreatment: figures.3, recoveryDenominator: figures.0, recovered: figures.1,
                    imdRank: area.2, imdScore: area.3, parentCode: "Y54", parentName: "North of England",
                    source: SourceLocation(file: outcomesFile, line: line, column: 1))
                rows.append((observation, measure == .rank ? area.2 : area.3, figures.0, figures.1))
            }
            periodReports.append(analyse(period, rows, options: options))
        }
        let ledger = [
            LedgerEntry(sourceFile: outcomesFile, line: 10, period: periods[0], areaCode: AreaCode("06H"), reason: .suppressed(column: "recovered")),
            LedgerEntry(sourceFile: outcomesFile, line: 12, period: periods[0], areaCode: AreaCode("13Q"), reason: .notGeographicArea),
            LedgerEntry(sourceFile: deprivationFile, line: 14, period: periods[1], areaCode: AreaCode("00T"), reason: .noOutcomeMatch),
            LedgerEntry(sourceFile: outcomesFile, line: 23, period: periods[1], areaCode: AreaCode("13Q"), reason: .notGeographicArea),
        ].sorted(by: LedgerEntry.canonicalOrder)
        let metadata = ReportMetadata(toolVersion: "0.1.0", generatedOn: "2026-01-15", isSynthetic: isSynthetic, options: options)
        return Report(metadata: metadata, analyses: periodReports, ledger: ledger,
                      skipped: [SkippedRows(sourceFile: outcomesFile, what: "OrgType England", count: 2)],
                      inputs: [InputFile(path: outcomesFile, format: "tidy outcomes", rowCount: 22,
                                         sha256: SHA256.hexDigest(of: Array("outcomes fixture".utf8))),
                               InputFile(path: deprivationFile, format: "deprivation", rowCount: 11,
                                         sha256: SHA256.hexDigest(of: Array("deprivation fixture".utf8)))])
    }

    /// A one-area report whose code is not a safe file name.
    static func reportWithUnsafeCode(_ code: String) -> Report {
        var report = report()
        report.analyses[1].areas[0].observation.areaCode = AreaCode(code)
        return report
    }

    // MARK: Textbook statistics for the fixture

    private static func analyse(_ period: Period, _ rows: [(Observation, Double, Int, Int)], options: ReportOptions) -> PeriodReport {
        let x = rows.map(\.1), n = rows.map { Double($0.2) }, r = rows.map { 100 * Double($0.3) / Double($0.2) }
        let sw = n.reduce(0, +)
        let xbar = zip(n, x).map { $0 * $1 }.reduce(0, +) / sw
        let ybar = zip(n, r).map { $0 * $1 }.reduce(0, +) / sw
        let sxx = zip(n, x).map { $0 * ($1 - xbar) * ($1 - xbar) }.reduce(0, +)
        let sxy = (0..<x.count).map { n[$0] * (x[$0] - xbar) * (r[$0] - ybar) }.reduce(0, +)
        let slope = sxy / sxx, intercept = ybar - slope * xbar
        let sse = (0..<x.count).map { n[$0] * pow(r[$0] - intercept - slope * x[$0], 2) }.reduce(0, +)
        let sst = zip(n, r).map { $0 * ($1 - ybar) * ($1 - ybar) }.reduce(0, +)
        let df = x.count - 2
        let sigma2 = sse / Double(df)
        let tCrit = tQuantile975(df)
        let seSlope = (sigma2 / sxx).squareRoot()
        let seIntercept = (sigma2 * (1 / sw + xbar * xbar / sxx)).squareRoot()
        let rSquared = 1 - sse / sst
        let f = rSquared / (1 - rSquared) * Double(df)
        func expected(_ value: Double) -> (Double, Interval) {
            let fit = intercept + slope * value
            let half = tCrit * (sigma2 * (1 / sw + (value - xbar) * (value - xbar) / sxx)).squareRoot()
            return (fit, Interval(lower: fit - half, upper: fit + half))
        }
        let low = x.min()!, high = x.max()!
        let band = (0...20).map { step -> BandPoint in
            let value = low + (high - low) * Double(step) / 20
            let (fit, interval) = expected(value)
            return BandPoint(x: value, fit: fit, lower: interval.lower, upper: interval.upper)
        }
        let sortedRates = r.sorted()
        let q1 = quantile7(sortedRates, 0.25), q3 = quantile7(sortedRates, 0.75)
        let fences = Interval(lower: q1 - 3 * (q3 - q1), upper: q3 + 3 * (q3 - q1))
        var results: [AreaResult] = []
        for (i, row) in rows.enumerated() {
            let (fit, interval) = expected(x[i])
            let status: AdjustedVerdict = r[i] < interval.lower ? .worse : r[i] > interval.upper ? .better : .asExpected
            results.append(AreaResult(
                observation: row.0, deprivation: x[i], rate: r[i], denominator: row.2, numerator: row.3,
                wilson95: wilson(row.3, row.2, z: 1.959963984540054), wilson998: wilson(row.3, row.2, z: 3.090232306167813),
                expected: fit, expectedInterval: interval, standardVerdict: r[i] < options.targetPercent ? .misses : .meets,
                adjustedVerdict: status, isExtremeOutlier: !fences.contains(r[i])))
        }
        results.sort { $0.code < $1.code }
        let outlierCount = results.filter(\.isExtremeOutlier).count
        let model = RegressionSummary(
            areas: x.count, intercept: intercept, slope: slope, seIntercept: seIntercept, seSlope: seSlope,
            tSlope: slope / seSlope, pSlope: tTwoSidedP(slope / seSlope, df), rSquared: rSquared,
            adjustedRSquared: 1 - (1 - rSquared) * Double(x.count - 1) / Double(df),
            fStatistic: f, fP: tTwoSidedP(f.squareRoot(), df), dfResidual: df, sigma: sigma2.squareRoot(), band: band,
            strength: strength(slope: slope, seSlope: seSlope, tCrit: tCrit, pSlope: tTwoSidedP(slope / seSlope, df), rSquared: rSquared,
                               x: x, n: n, r: r, widths: results.map { $0.expectedInterval.upper - $0.expectedInterval.lower },
                               higherIsMoreDeprived: options.measure.higherIsMoreDeprived))
        let outliers = OutlierSummary(count: outlierCount, fences: fences, dummyP: nil,
                                      note: outlierCount == 0 ? "No extreme outliers, so there is no outlier dummy to test." : "Not computed in the fixture.")
        var report = PeriodReport(period: period, areas: results, model: model, outliers: outliers,
                                  agreement: agreement(results), correlations: correlations(rows, x: x, r: r))
        addFunnels(&report, target: options.targetPercent)
        return report
    }

    /// Textbook funnels for the fixture (arcsine scale, a fixed τ² = 0.002, φ̂ = 4): flat around
    /// the target, adjusted around each expected rate, drawn around the pooled rate.
    private static func addFunnels(_ report: inout PeriodReport, target: Double) {
        let tau2 = 0.002
        func band(_ centre: Double, _ n: Double) -> FunnelBand {
            let theta = asin((centre / 100).squareRoot()), sd = (1 / (4 * n) + tau2).squareRoot()
            func limit(_ angle: Double) -> Double { 100 * pow(sin(min(Double.pi / 2, max(0, angle))), 2) }
            return FunnelBand(lower95: limit(theta - 1.959963984540054 * sd), upper95: limit(theta + 1.959963984540054 * sd),
                              lower99_8: limit(theta - 3.090232306167813 * sd), upper99_8: limit(theta + 3.090232306167813 * sd))
        }
        func verdict(_ rate: Double, _ limits: FunnelBand) -> FunnelVerdict {
            rate < limits.lower99_8 ? .worse99_8 : rate < limits.lower95 ? .worse95 : rate > limits.upper99_8 ? .better99_8 : rate > limits.upper95 ? .better95 : .asExpected
        }
        let patients = report.areas.reduce(0.0) { $0 + Double($1.denominator) }
        let pooled = report.areas.reduce(0.0) { $0 + $1.rate * Double($1.denominator) } / patients
        for index in report.areas.indices {
            let area = report.areas[index], n = Double(area.denominator)
            let flat = band(target, n), adjusted = band(area.expected, n)
            let shift = asin((pooled / 100).squareRoot()) + asin((area.rate / 100).squareRoot()) - asin((area.expected / 100).squareRoot())
            report.areas[index].flatFunnel = AreaFunnel(centre: target, z: 0, limits: flat, verdict: verdict(area.rate, flat), plotted: area.rate)
            report.areas[index].funnel = AreaFunnel(centre: area.expected, z: 0, limits: adjusted, verdict: verdict(area.rate, adjusted),
                                                    plotted: 100 * pow(sin(min(Double.pi / 2, max(0, shift))), 2))
        }
        let ns = report.areas.map { Double($0.denominator) }
        let grid = (0..<12).map { ns.min()! + (ns.max()! - ns.min()!) * Double($0) / 11 }
        report.flatFunnel = FunnelSummary(kind: .flat, areas: report.areas.count, phi: 4, tau2: tau2, limitsUsed: .additive, centre: target,
                                          curve: grid.map { FunnelCurvePoint(denominator: $0, band: band(target, $0)) })
        report.adjustedFunnel = FunnelSummary(kind: .adjusted, areas: report.areas.count, phi: 4, tau2: tau2, limitsUsed: .additive, centre: pooled,
                                              curve: grid.map { FunnelCurvePoint(denominator: $0, band: band(pooled, $0)) })
        report.funnelAgreements = [
            agreement(report.areas.map { ($0.standardVerdict == .misses, $0.funnel!.verdict.isWorse) }, comparison: "standard_vs_funnel"),
            agreement(report.areas.map { ($0.adjustedVerdict == .worse, $0.funnel!.verdict.isWorse) }, comparison: "adjusted_vs_funnel"),
        ]
    }

    /// Issue 15's strength by the same closed forms (slope interval = slope ± t·SE; gradient over the data's range).
    private static func strength(slope: Double, seSlope: Double, tCrit: Double, pSlope: Double, rSquared: Double,
                                 x: [Double], n: [Double], r: [Double], widths: [Double], higherIsMoreDeprived: Bool) -> ModelStrength {
        let most = higherIsMoreDeprived ? x.max()! : x.min()!, least = higherIsMoreDeprived ? x.min()! : x.max()!
        let span = least - most
        let lo = (slope - tCrit * seSlope) * span, hi = (slope + tCrit * seSlope) * span
        let mean = r.reduce(0, +) / Double(r.count)
        let sd = (r.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(r.count - 1)).squareRoot()
        let sorted = widths.sorted(), mid = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        return ModelStrength(
            level: ModelStrength.level(rSquared: rSquared, pSlope: pSlope), rSquared: rSquared, pSlope: pSlope,
            slopeInterval: Interval(lower: slope - tCrit * seSlope, upper: slope + tCrit * seSlope),
            mostDeprived: most, leastDeprived: least, gradient: slope * span,
            gradientInterval: Interval(lower: min(lo, hi), upper: max(lo, hi)),
            pooledRate: zip(n, r).map { $0 * $1 }.reduce(0, +) / n.reduce(0, +), rateSD: sd,
            benchmarkWidth: .init(minimum: sorted.first!, median: median, maximum: sorted.last!))
    }

    private static func agreement(_ areas: [AreaResult]) -> AgreementSummary {
        agreement(areas.map { ($0.standardVerdict == .misses, $0.adjustedVerdict == .worse) }, comparison: "standard_vs_adjusted")
    }

    private static func agreement(_ pairs: [(Bool, Bool)], comparison: String) -> AgreementSummary {
        let a = pairs.filter { $0.0 && $0.1 }.count
        let b = pairs.filter { $0.0 && !$0.1 }.count
        let c = pairs.filter { !$0.0 && $0.1 }.count
        let d = pairs.count - a - b - c
        let total = Double(pairs.count)
        let po = Double(a + d) / total
        let rowBelow = Double(a + b) / total, colBelow = Double(a + c) / total
        let pe = rowBelow * colBelow + (1 - rowBelow) * (1 - colBelow)
        let kappa = (po - pe) / (1 - pe)
        let se = (po * (1 - po) / (total * (1 - pe) * (1 - pe))).squareRoot()
        var notes: [String] = []
        var pearson: Double?
        let margins = [Double(a + b), Double(c + d), Double(a + c), Double(b + d)]
        if margins.allSatisfy({ $0 > 0 }) {
            let cells = [(Double(a), margins[0] * margins[2]), (Double(b), margins[0] * margins[3]),
                         (Double(c), margins[1] * margins[2]), (Double(d), margins[1] * margins[3])]
            pearson = cells.map { pow($0.0 - $0.1 / total, 2) / ($0.1 / total) }.reduce(0, +)
        } else {
            notes.append("Pearson’s χ² is undefined because a margin of the table is zero.")
        }
        let mcnemar: Double? = b + c > 0 ? pow(Double(b - c), 2) / Double(b + c) : nil
        return AgreementSummary(
            comparison: comparison, areas: pairs.count, worseBoth: a, worseFirstOnly: b, worseSecondOnly: c, worseNeither: d,
            kappa: kappa, kappaSE: se, kappaInterval: Interval(lower: kappa - 1.959963984540054 * se, upper: kappa + 1.959963984540054 * se),
            pearsonChi2: pearson, pearsonP: pearson.map { erfc(($0 / 2).squareRoot()) },
            mcnemarChi2: mcnemar, mcnemarP: mcnemar.map { erfc(($0 / 2).squareRoot()) }, notes: notes)
    }

    private static func correlations(_ rows: [(Observation, Double, Int, Int)], x: [Double], r: [Double]) -> [CorrelationResult] {
        func spearman(_ pairs: [(Double, Double)]) -> CorrelationResult.Values {
            func ranks(_ v: [Double]) -> [Double] {
                let order = v.indices.sorted { v[$0] < v[$1] }
                var out = [Double](repeating: 0, count: v.count)
                for (rank, i) in order.enumerated() { out[i] = Double(rank + 1) }
                return out
            }
            let rx = ranks(pairs.map(\.0)), ry = ranks(pairs.map(\.1))
            let m = Double(pairs.count)
            let d2 = zip(rx, ry).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
            let rho = 1 - 6 * d2 / (m * (m * m - 1))
            let t = rho * ((m - 2) / (1 - rho * rho)).squareRoot()
            return (rho, tTwoSidedP(t, pairs.count - 2), pairs.count)
        }
        let referrals = rows.compactMap { row in row.0.referrals.map { (row.1, Double($0)) } }
        let finished = rows.compactMap { row in row.0.finishedTreatment.map { (row.1, Double($0)) } }
        let rate = Array(zip(x, r))
        return [(CorrelatedVariable.referrals, referrals, false), (.finishedTreatment, finished, false), (.rate, rate, false), (.rate, rate, true)]
            .map { variable, pairs, excludes in
                let v = spearman(pairs)
                return CorrelationResult(variable: variable, rho: v.0, p: v.1, n: v.2, excludesOutliers: excludes, note: nil)
            }
    }

    private static func wilson(_ recovered: Int, _ n: Int, z: Double) -> Interval {
        let p = Double(recovered) / Double(n), nn = Double(n)
        let centre = p + z * z / (2 * nn)
        let half = z * (p * (1 - p) / nn + z * z / (4 * nn * nn)).squareRoot()
        let denominator = 1 + z * z / nn
        return Interval(lower: 100 * (centre - half) / denominator, upper: 100 * (centre + half) / denominator)
    }

    private static func quantile7(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// Two-sided p of Student's t by Simpson integration of the density (good enough for a fixture).
    private static func tTwoSidedP(_ t: Double, _ df: Int) -> Double {
        let v = Double(df)
        let c = exp(lgamma((v + 1) / 2) - lgamma(v / 2)) / (v * Double.pi).squareRoot()
        func density(_ s: Double) -> Double { c * pow(1 + s * s / v, -(v + 1) / 2) }
        let a = 0.0, b = abs(t), steps = 2000
        let h = (b - a) / Double(steps)
        var sum = density(a) + density(b)
        for k in 1..<steps { sum += density(a + Double(k) * h) * (k % 2 == 1 ? 4 : 2) }
        return max(0, 1 - 2 * sum * h / 3)
    }

    /// t₀.₉₇₅ by bisection on `tTwoSidedP`.
    private static func tQuantile975(_ df: Int) -> Double {
        var low = 1.0, high = 20.0
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if tTwoSidedP(mid, df) > 0.05 { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}

extension CorrelationResult {
    typealias Values = (Double, Double, Int)
}
