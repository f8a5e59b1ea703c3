import LevelFieldModel
@testable import Render

/// A small hand-made report for the download tests: two periods (given out of order), three
/// areas (given out of code order), a name with a comma and quotes, an area with only a rate,
/// missing statistics, a ledger with and without line/period/area.
enum DownloadFixture {
    static let q1 = Period("2015-16 Q1")
    static let q2 = Period("2015-16 Q2")

    static func observation(_ period: Period, _ code: String, _ name: String, line: Int,
                            referrals: Int?, finished: Int?, denominator: Int, recovered: Int?, rateGiven: Double? = nil,
                            rank: Double?, score: Double?) -> Observation {
        Observation(period: period, areaCode: AreaCode(code), areaName: name,
                    referrals: referrals, finishedTreatment: finished,
                    recoveryDenominator: denominator, recovered: recovered, recoveryRateGiven: rateGiven,
                    imdRank: rank, imdScore: score,
                    source: SourceLocation(file: "outcomes.csv", line: line, column: 1))
    }

    static func area(_ observation: Observation, rate: Double, wilson95: (Double, Double), wilson998: (Double, Double),
                     expected: Double, band: (Double, Double), target: StandardVerdict, adjusted: AdjustedVerdict,
                     outlier: Bool = false) -> AreaResult {
        AreaResult(observation: observation, deprivation: observation.imdRank ?? 0, rate: rate,
                   denominator: observation.recoveryDenominator ?? 0, numerator: observation.recovered,
                   wilson95: Interval(lower: wilson95.0, upper: wilson95.1),
                   wilson998: Interval(lower: wilson998.0, upper: wilson998.1),
                   expected: expected, expectedInterval: Interval(lower: band.0, upper: band.1),
                   standardVerdict: target, adjustedVerdict: adjusted, isExtremeOutlier: outlier)
    }

    static func model(areas: Int, intercept: Double, slope: Double, pSlope: Double) -> RegressionSummary {
        RegressionSummary(areas: areas, intercept: intercept, slope: slope, seIntercept: 1.234567890123, seSlope: 0.0123456789,
                          tSlope: 4.5, pSlope: pSlope, rSquared: 0.25, adjustedRSquared: 0.2, fStatistic: 20.25,
                          fP: pSlope, dfResidual: areas - 2, sigma: 3.75, band: [],
                          strength: ModelStrength(level: ModelStrength.level(rSquared: 0.25, pSlope: pSlope), rSquared: 0.25, pSlope: pSlope,
                                                  slopeInterval: Interval(lower: slope - 0.03, upper: slope + 0.03), mostDeprived: 3,
                                                  leastDeprived: 200, gradient: slope * 197,
                                                  gradientInterval: Interval(lower: (slope - 0.03) * 197, upper: (slope + 0.03) * 197),
                                                  pooledRate: 45.5, rateSD: 12.75, benchmarkWidth: .init(minimum: 5.5, median: 6.25, maximum: 8)))
    }

    static func correlations(n: Int, rho: Double?, p: Double?) -> [CorrelationResult] {
        [
            CorrelationResult(variable: .referrals, rho: 0.5, p: 0.01, n: n - 1, excludesOutliers: false, note: nil),
            CorrelationResult(variable: .finishedTreatment, rho: -0.125, p: 0.5, n: n, excludesOutliers: false, note: nil),
            CorrelationResult(variable: .rate, rho: rho, p: p, n: n, excludesOutliers: false, note: nil),
            CorrelationResult(variable: .rate, rho: nil, p: nil, n: n - 1, excludesOutliers: true, note: "too few areas"),
        ]
    }

    static var firstPeriod: PeriodReport {
        let darlington = observation(q1, "00C", "Darlington", line: 2, referrals: 1200, finished: 640, denominator: 600,
                                     recovered: 300, rank: 12, score: 28.5)
        let bolton = observation(q1, "01A", "Bolton, \"North\"", line: 3, referrals: nil, finished: 410, denominator: 400,
                                 recovered: 140, rank: 3, score: nil)
        let hartlepool = observation(q1, "00D", "Hartlepool", line: 4, referrals: 900, finished: 300, denominator: 250,
                                     recovered: nil, rateGiven: 61.2, rank: 200, score: 10.25)
        var report = PeriodReport(
            period: q1,
            areas: [
                area(bolton, rate: 35, wilson95: (30.49, 39.75), wilson998: (27.9, 42.6), expected: 41.5, band: (38.25, 44.75),
                     target: .misses, adjusted: .worse),
                area(darlington, rate: 50, wilson95: (46.0117, 53.9883), wilson998: (43.6912, 56.3088), expected: 47.25,
                     band: (44.5, 50), target: .meets, adjusted: .asExpected),
                area(hartlepool, rate: 61.2, wilson95: (55.03, 67.01), wilson998: (51.1, 70.5), expected: 1e-20, band: (-0.0, 1e21),
                     target: .meets, adjusted: .better, outlier: true),
            ],
            model: model(areas: 3, intercept: 41.23456789012345, slope: 0.0123456789, pSlope: 1.5e-12),
            outliers: OutlierSummary(count: 1, fences: Interval(lower: 10, upper: 90), dummyP: 0.0312, note: nil),
            agreement: AgreementSummary(areas: 3, worseBoth: 1, worseFirstOnly: 0, worseSecondOnly: 0, worseNeither: 2,
                                        kappa: 1, kappaSE: 0.125, kappaInterval: Interval(lower: 0.75, upper: 1.25),
                                        pearsonChi2: 3, pearsonP: 0.08326451666355042, mcnemarChi2: nil, mcnemarP: nil,
                                        notes: ["no discordant pairs"]),
            correlations: correlations(n: 3, rho: -1, p: 0))
        // The funnels (SPEC §7): Hartlepool (ê outside 0–100) is not assessed by the adjusted one.
        let band = FunnelBand(lower95: 40.5, upper95: 59.5, lower99_8: 35.25, upper99_8: 64.75)
        report.areas[0].funnel = AreaFunnel(centre: 41.5, z: -1.25, limits: FunnelBand(lower95: 33.5, upper95: 49.5, lower99_8: 29, upper99_8: 54),
                                            verdict: .asExpected, plotted: 42.875)
        report.areas[1].funnel = AreaFunnel(centre: 47.25, z: 0.5, limits: band, verdict: .asExpected, plotted: 49.125)
        for (index, verdict) in [FunnelVerdict.worse95, .asExpected, .better99_8].enumerated() {
            report.areas[index].flatFunnel = AreaFunnel(centre: 50, z: 2.5, limits: band, verdict: verdict, plotted: report.areas[index].rate)
        }
        let curve = [FunnelCurvePoint(denominator: 250, band: band), FunnelCurvePoint(denominator: 600, band: band)]
        report.flatFunnel = FunnelSummary(kind: .flat, areas: 3, phi: 4.5, tau2: 0.0025, limitsUsed: .additive, centre: 50, curve: curve)
        report.adjustedFunnel = FunnelSummary(kind: .adjusted, areas: 2, phi: 0.75, tau2: 0, limitsUsed: .unadjusted, centre: 43.5, curve: curve)
        report.funnelAgreements = [
            AgreementSummary(comparison: "standard_vs_funnel", areas: 2, worseBoth: 0, worseFirstOnly: 1, worseSecondOnly: 0, worseNeither: 1,
                             kappa: nil, kappaSE: nil, kappaInterval: nil, pearsonChi2: nil, pearsonP: nil,
                             mcnemarChi2: 1, mcnemarP: 0.31731050786291415, notes: []),
            AgreementSummary(comparison: "adjusted_vs_funnel", areas: 2, worseBoth: 0, worseFirstOnly: 1, worseSecondOnly: 0, worseNeither: 1,
                             kappa: nil, kappaSE: nil, kappaInterval: nil, pearsonChi2: nil, pearsonP: nil,
                             mcnemarChi2: 1, mcnemarP: 0.31731050786291415, notes: []),
        ]
        return report
    }

    static var secondPeriod: PeriodReport {
        let darlington = observation(q2, "00C", "Darlington", line: 5, referrals: 1100, finished: 650, denominator: 610,
                                     recovered: 320, rank: 12, score: 28.5)
        let bolton = observation(q2, "01A", "Bolton, \"North\"", line: 6, referrals: 800, finished: 420, denominator: 415,
                                 recovered: 180, rank: 3, score: nil)
        return PeriodReport(
            period: q2,
            areas: [
                area(darlington, rate: 52.459016393442624, wilson95: (48.49, 56.39), wilson998: (46.2, 58.7), expected: 49.5,
                     band: (47, 52), target: .meets, adjusted: .asExpected),
                area(bolton, rate: 43.373493975903614, wilson95: (38.69, 48.17), wilson998: (36, 50.9), expected: 44,
                     band: (41.5, 46.5), target: .misses, adjusted: .asExpected),
            ],
            model: model(areas: 2, intercept: 43.1, slope: -0.5, pSlope: 1),
            outliers: OutlierSummary(count: 0, fences: Interval(lower: 0, upper: 100), dummyP: nil, note: "no outliers"),
            agreement: AgreementSummary(areas: 2, worseBoth: 0, worseFirstOnly: 1, worseSecondOnly: 0, worseNeither: 1,
                                        kappa: nil, kappaSE: nil, kappaInterval: nil, pearsonChi2: nil, pearsonP: nil,
                                        mcnemarChi2: 1, mcnemarP: 0.31731050786291415, notes: ["a zero margin"]),
            correlations: correlations(n: 2, rho: 1, p: nil))
    }

    static let ledger: [LedgerEntry] = [
        LedgerEntry(sourceFile: "outcomes.csv", line: 7, period: q1, areaCode: AreaCode("13Q"), reason: .notGeographicArea),
        LedgerEntry(sourceFile: "imd, 2015.csv", line: nil, period: nil, areaCode: AreaCode("X99"), reason: .noOutcomeMatch),
        LedgerEntry(sourceFile: "outcomes.csv", line: 9, period: q2, areaCode: AreaCode("00K"),
                    reason: .incompleteQuarter(missingMonths: ["2015-08", "2015-09"])),
    ]

    /// The report, periods deliberately out of order.
    static func report(confidence: Double = 95) -> Report {
        Report(
            metadata: ReportMetadata(toolVersion: "1.2.3", generatedOn: "2016-03-01", isSynthetic: true,
                                     options: ReportOptions(confidencePercent: confidence, period: nil, areaLevel: "CCG")),
            analyses: [secondPeriod, firstPeriod],
            ledger: ledger,
            skipped: [],
            inputs: [
                InputFile(path: "outcomes.csv", format: "tidy outcomes", rowCount: 9, sha256: String(repeating: "ab", count: 32)),
                InputFile(path: "dir/\"odd\" name\\é.csv", format: "deprivation", rowCount: 4, sha256: String(repeating: "0f", count: 32)),
            ])
    }
}

/// A strict RFC 4180 reader for checking what the writer produced: CRLF record ends only.
enum StrictCSV {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func records(_ text: String) throws -> [[String]] {
        let bytes = Array(text.utf8)
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var index = 0
        var inQuotes = false
        var wasQuoted = false
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field = []
            wasQuoted = false
        }
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 2
                        continue
                    }
                    inQuotes = false
                } else {
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !wasQuoted else { throw Malformed(description: "bare quote at byte \(index)") }
                inQuotes = true
                wasQuoted = true
            case UInt8(ascii: ","):
                endField()
            case 0x0D:
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { throw Malformed(description: "bare CR at byte \(index)") }
                endField()
                records.append(record)
                record = []
                index += 1
            case 0x0A:
                throw Malformed(description: "bare LF at byte \(index)")
            default:
                if wasQuoted { throw Malformed(description: "text after closing quote at byte \(index)") }
                field.append(byte)
            }
            index += 1
        }
        guard !inQuotes else { throw Malformed(description: "end of text inside quotes") }
        guard record.isEmpty, field.isEmpty else { throw Malformed(description: "last record lacks CRLF") }
        return records
    }
}
