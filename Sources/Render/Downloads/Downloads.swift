import LevelFieldModel

/// The downloadable tables of SPEC §3.2 in schema 2 (§6.2), made from a `Report`: CSV files for journalists and a
/// manifest for the publication pipeline. Every number comes from the report unchanged; this
/// only lays it out (plain decimal, full precision, empty = not available).
package enum Downloads {
    /// Where the manifest is written, below the output folder.
    package static let manifestPath = "downloads/manifest.json"

    /// The download schema (SPEC §6.2): 2 = one row per indicator, indicator-neutral column names.
    package static let schema = 2

    /// The CSV downloads and codebook (no manifest).
    package static func files(for report: Report) -> [OutputFile] {
        let tables = DownloadTables(report.metadata.options, citation: Citation(report).text)
        let equity = EquityTables()
        let periods = report.analyses.sorted { ($0.period, $0.indicator.order) < ($1.period, $1.indicator.order) }
        // Positions, not copies: a record is made when its line is written.
        let benchmarkRows: [(analysis: Int32, area: Int32)] = periods.enumerated().flatMap { index, period in
            period.areas.indices.sorted { period.areas[$0].code < period.areas[$1].code }.map { (Int32(index), Int32($0)) }
        }
        let agreementRows = periods.flatMap { period in
            period.allAgreements.map { AgreementRecord(analysis: period, summary: $0) }
        }
        let funnelRows = periods.flatMap { period in
            FunnelKind.allCases.compactMap { kind in period.funnel(kind).map { FunnelRecord(analysis: period, funnel: $0) } }
        }
        let correlationRows = periods.flatMap { period in
            period.correlations.map { CorrelationRecord(analysis: period, result: $0) }
        }
        return [
            tables.benchmarks.file(count: benchmarkRows.count) { index in
                let position = benchmarkRows[index], analysis = periods[Int(position.analysis)]
                return BenchmarkRecord(analysis: analysis, area: analysis.areas[Int(position.area)])
            },
            tables.model.file(periods),
            tables.agreement.file(agreementRows),
            tables.funnel.file(funnelRows),
            tables.correlations.file(correlationRows),
            tables.exclusions.file(report.ledger),
            tables.codebook.file(tables.codebookRecords + equity.codebookRecords(for: report)),
        ] + equity.files(for: report)
    }

    /// manifest.json describing the inputs and the given output files (listed sorted by path).
    ///
    /// A file at `manifestPath` among `outputs` is left out: the manifest cannot hash itself.
    package static func manifest(for report: Report, outputs: [OutputFile]) -> OutputFile {
        manifest(for: report, records: outputs.map(OutputRecord.init))
    }

    /// manifest.json from the records of files already written (their bytes no longer kept).
    package static func manifest(for report: Report, records outputs: [OutputRecord]) -> OutputFile {
        let metadata = report.metadata
        let options = metadata.options
        let listed = outputs
            .filter { $0.path != manifestPath }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        let manifest = JSONValue.object([
            ("schema", .integer(schema)),
            ("tool", .string("LevelField")),
            ("tool_version", .string(metadata.toolVersion)),
            ("generated_on", .string(metadata.generatedOn)),
            ("synthetic", .bool(metadata.isSynthetic)),
            ("options", .object([
                ("target_percent", .number(options.targetPercent)),
                ("standards", .object(Indicator.all.map { ($0.id, JSONValue.optional(options.standard(for: $0))) })),
                ("standard_overrides", .array(options.standardOverrides.map { .string("\($0.indicatorID)=\(PlainDecimal.string($0.percent) ?? "?")") })),
                ("confidence_percent", .number(options.confidencePercent)),
                ("deprivation", .string(options.measure.rawValue)),
                ("period", .optional(options.period?.label)),
                ("area_level", .optional(options.areaLevel)),
                ("aggregate", .optional(options.aggregate)),
                ("overdispersion", .string(options.overdispersion.rawValue)),
                ("site_url", .optional(options.siteURL)),
            ])),
            ("inputs", .array(report.inputs.map { input in
                .object([
                    ("path", .string(input.path)),
                    ("format", .string(input.format)),
                    ("rows", .integer(input.rowCount)),
                    ("sha256", .string(input.sha256)),
                ])
            })),
            ("outputs", .array(listed.map { file in
                .object([
                    ("path", .string(file.path)),
                    ("bytes", .integer(file.byteCount)),
                    ("sha256", .string(file.sha256)),
                ])
            })),
        ])
        return OutputFile(path: manifestPath, text: manifest.prettyPrinted())
    }

    /// The manifest's top-level keys, in file order, with their codebook description and unit.
    static var manifestKeys: [(key: String, description: String, unit: String)] {
        [
            ("schema", "The version of these files' layout: 2 = one row per indicator with an indicator column and indicator-neutral column names (denominator, numerator, rate, standard_verdict, adjusted_verdict).", "integer"),
            ("tool", "The program that made these files: LevelField.", "text"),
            ("tool_version", "LevelField's version (as `levelfield --version` prints it).", "text"),
            ("generated_on", "The date the report is dated, YYYY-MM-DD: from --date or SOURCE_DATE_EPOCH, else taken from the data; never the computer's clock, so a re-run gives identical files.", "date (YYYY-MM-DD)"),
            ("synthetic", "true when the report was made from LevelField's built-in synthetic (made-up) demonstration data rather than real published figures.", "true/false"),
            ("options", "The analysis options: target_percent (the flat recovery standard), standards (every indicator's flat standard in percent as used, null for an indicator without one, which is compared with the England rate), standard_overrides (the --target ID=PERCENT overrides given, as written), confidence_percent (the level of the expected rate's interval), deprivation (rank or score: the deprivation measure the benchmark uses), period (only this period, or null), area_level (the area level chosen in NHS files, or null), aggregate (quarter when monthly files were summed to quarters, or null), overdispersion (additive, multiplicative or none: how the funnel limits allow for real spread between areas, --overdispersion), site_url (where the site is published, from --site-url, or null).", "object"),
            ("inputs", "Every input file in the order given: path (as named on the command line), format (how LevelField read it), rows (data rows, header excluded) and sha256 (SHA-256 of the file's bytes, lower-case hex), so anyone can check they have the same data.", "list"),
            ("outputs", "Every file of the published output except manifest.json itself (and its identical copy in this release's archive folder, releases/<release>/downloads/manifest.json), sorted by path: path (below the output folder), bytes (size) and sha256 (SHA-256 of the file's bytes, lower-case hex).", "list"),
        ]
    }
}

/// One record of benchmarks.csv.
struct BenchmarkRecord {
    let analysis: PeriodReport
    let area: AreaResult
}

/// One record of agreement.csv.
struct AgreementRecord {
    let analysis: PeriodReport
    let summary: AgreementSummary
}

/// One record of funnel.csv.
struct FunnelRecord {
    let analysis: PeriodReport
    let funnel: FunnelSummary

    func count(_ verdict: FunnelVerdict) -> String {
        CSVCell.integer(analysis.funnelCounts(funnel.kind).first { $0.verdict == verdict }?.count ?? 0)
    }
}

/// One record of correlations.csv.
struct CorrelationRecord {
    let analysis: PeriodReport
    let result: CorrelationResult
}

/// The definitions of every CSV download. The codebook's wording names the report's actual
/// target and confidence level, so it stays true when the options change.
struct DownloadTables {
    let benchmarks: DownloadTable<BenchmarkRecord>
    let model: DownloadTable<PeriodReport>
    let agreement: DownloadTable<AgreementRecord>
    let funnel: DownloadTable<FunnelRecord>
    let correlations: DownloadTable<CorrelationRecord>
    let exclusions: DownloadTable<LedgerEntry>
    let codebook: DownloadTable<[String]>
    /// Every record of codebook.csv, in file order.
    let codebookRecords: [[String]]

    // Units, worded once so the codebook is consistent.
    static let text = "text"
    static let periodLabel = "period label"
    static let count = "count"
    static let percent = "percent (0–100)"
    static let probability = "p-value (0–1)"
    static let boolean = "true/false"
    static let rank = "IMD rank (1 = most deprived)"
    static let score = "IMD score (higher = more deprived)"

    /// The covariate of a deprivation measure: its model.csv name, words and slope unit.
    static func covariate(_ measure: DeprivationMeasure) -> (id: String, words: String, slopeUnit: String) {
        switch measure {
        case .rank: ("imd_rank", "IMD rank", "percentage points per IMD rank")
        case .score: ("imd_score", "IMD score", "percentage points per IMD score point")
        case .casemix: ("casemix", "case-mix deprivation", "percentage points per point of case-mix deprivation")
        }
    }

    /// The numbers note every file's summary ends with.
    static let numberNote = "Numbers are plain decimal with full precision (no thousands separators, never exponent notation); an empty cell means not available. UTF-8, comma-separated, CRLF line ends, header row. " + spreadsheetNote

    /// How text that a spreadsheet would run as a formula is written (SPEC §10).
    static let spreadsheetNote = "Text that begins with =, +, -, @, a tab or a carriage return is written with a leading apostrophe (') so that spreadsheets show it as text instead of running it as a formula; numbers, negative ones included, are never changed."

    init(_ options: ReportOptions, citation: String) {
        let target = PlainDecimal.string(options.targetPercent) ?? "?"
        let level = PlainDecimal.string(options.confidencePercent) ?? "?"
        let covariate = DownloadTables.covariate(options.measure)
        let xWords = covariate.words
        let slopeUnit = covariate.slopeUnit
        let slopeReading = options.measure == .rank
            ? "Rank 1 is the most deprived, so a positive slope means less deprived areas are expected to recover more."
            : "A higher value is more deprived, so a negative slope means more deprived areas are expected to recover less."
        let period = "Reporting period, as labelled in the source data (e.g. 2014-15 Q2, 2023-24, 2024-03)."

        let indicatorColumn = "The indicator: " + Indicator.all.map { "\($0.id) (\($0.name), \($0.numerator.rawValue) ÷ \($0.denominator.rawValue))" }.joined(separator: ", ") + "."
        let indicatorIDs = Indicator.all.map(\.id).joined(separator: " / ")

        benchmarks = DownloadTable(
            path: "downloads/benchmarks.csv",
            summary: "One row per area per analysed period and indicator, sorted by period, then indicator (in the order of the indicator column's description), then area_code: the area's rate, its expected rate given its deprivation, and both verdicts. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.analysis.period.label },
                .init("indicator", indicatorColumn, unit: indicatorIDs) { $0.analysis.indicator.id },
                .init("area_code", "The area's code as published (ODS code such as 00C, or ONS code such as E38000042).", unit: "code") { $0.area.code.rawValue },
                .init("area_name", "The area's name as published.", unit: DownloadTables.text) { $0.area.name },
                .init("imd_rank", "Index of Multiple Deprivation rank of the area; 1 is the most deprived.", unit: DownloadTables.rank) { CSVCell.number($0.area.observation.imdRank) },
                .init("imd_score", "Index of Multiple Deprivation score of the area; higher is more deprived.", unit: DownloadTables.score) { CSVCell.number($0.area.observation.imdScore) },
                .init("casemix_deprivation", "Case-mix deprivation: 100 × the area's referrals living in the two most deprived tenths of neighbourhoods (IMD deciles 1 and 2) ÷ its referrals with a known decile, from the NHS files' decile rows. Empty when there are no decile rows or a decile's referrals are suppressed. The benchmark's x with --deprivation casemix.", unit: "percent (0–100; higher = more deprived)") { CSVCell.number($0.area.observation.casemixDeprivation) },
                .init("referrals", "New referrals received in the period.", unit: DownloadTables.count) { CSVCell.integer($0.area.observation.referrals) },
                .init("finished_treatment", "Referrals that finished a course of treatment (at least two treatment sessions).", unit: DownloadTables.count) { CSVCell.integer($0.area.observation.finishedTreatment) },
                .init("denominator", "The number the indicator's rate is out of, and the area's weight in the benchmark model: people who finished treatment and were at caseness (ill enough to count) when they started for recovery and reliable recovery; everyone who finished treatment for the others.", unit: DownloadTables.count) { CSVCell.integer($0.area.denominator) },
                .init("numerator", "Of denominator, the number with the outcome (recovered, reliably recovered, reliably improved, reliably deteriorated, or started treatment within 6 or 18 weeks). Empty when the source gave only a rate.", unit: DownloadTables.count) { CSVCell.integer($0.area.numerator) },
                .init("rate", "The indicator's rate: 100 × numerator ÷ denominator, recomputed from the counts (a published recovery rate is used only when there are no counts).", unit: DownloadTables.percent) { CSVCell.number($0.area.rate) },
                .init("lower_ci_95", "Lower end of the 95% Wilson confidence interval of rate.", unit: DownloadTables.percent) { CSVCell.number($0.area.wilson95.lower) },
                .init("upper_ci_95", "Upper end of the 95% Wilson confidence interval of rate.", unit: DownloadTables.percent) { CSVCell.number($0.area.wilson95.upper) },
                .init("lower_ci_99_8", "Lower end of the 99.8% Wilson confidence interval of rate.", unit: DownloadTables.percent) { CSVCell.number($0.area.wilson998.lower) },
                .init("upper_ci_99_8", "Upper end of the 99.8% Wilson confidence interval of rate.", unit: DownloadTables.percent) { CSVCell.number($0.area.wilson998.upper) },
                .init("standard", "What standard_verdict compares rate with: the indicator's flat national standard (options.standards in manifest.json; recovery \(target)%), or, for an indicator without one (reliable deterioration), the England rate of the period — or, when the input has no England row, the pooled rate of all analysed areas (Σ numerator ÷ Σ denominator).", unit: DownloadTables.percent) { CSVCell.number($0.analysis.reference) },
                .init("standard_verdict", "Verdict against standard: misses when rate is worse than standard (lower for an indicator where higher is better, higher for reliable deterioration), otherwise meets (a tie meets).", unit: "meets / misses") { $0.area.standardVerdict.rawValue },
                .init("expected_rate", "The rate the benchmark model expects for an area this deprived: intercept + slope × \(xWords), from this period's and indicator's model.csv row.", unit: DownloadTables.percent) { CSVCell.number($0.area.expected) },
                .init("expected_lower_95", "Lower end of the confidence interval of expected_rate, at the \(level)% level (options.confidence_percent in manifest.json; the column keeps the name _95 whatever the level).", unit: DownloadTables.percent) { CSVCell.number($0.area.expectedInterval.lower) },
                .init("expected_upper_95", "Upper end of the confidence interval of expected_rate, at the \(level)% level (options.confidence_percent in manifest.json; the column keeps the name _95 whatever the level).", unit: DownloadTables.percent) { CSVCell.number($0.area.expectedInterval.upper) },
                .init("adjusted_verdict", "Verdict against the deprivation-adjusted benchmark: worse when rate is outside the interval expected_lower_95 to expected_upper_95 on the worse side (below it where higher is better; above it for reliable deterioration), better when outside on the better side, otherwise as_expected.", unit: "worse / as_expected / better") { $0.area.adjustedVerdict.rawValue },
                .init("funnel_z", "The area's z-score in the adjusted funnel: (asin√(rate/100) − asin√(expected_rate/100)) divided by the standard deviation of the limits used (funnel.csv limits_used), so ±1.96 and ±3.09 are the 95% and 99.8% limits; positive = above the expected rate. Empty when the adjusted funnel did not assess the area (exclusions.csv says why).", unit: "number") { CSVCell.number($0.area.funnel?.z) },
                .init("funnel_lower_95", "Lower 95% limit of the adjusted funnel at this area's denominator, around expected_rate, widened for the real spread between areas as funnel.csv limits_used says.", unit: DownloadTables.percent) { CSVCell.number($0.area.funnel?.limits.lower95) },
                .init("funnel_upper_95", "Upper 95% limit of the adjusted funnel at this area's denominator.", unit: DownloadTables.percent) { CSVCell.number($0.area.funnel?.limits.upper95) },
                .init("funnel_lower_99_8", "Lower 99.8% limit of the adjusted funnel at this area's denominator.", unit: DownloadTables.percent) { CSVCell.number($0.area.funnel?.limits.lower99_8) },
                .init("funnel_upper_99_8", "Upper 99.8% limit of the adjusted funnel at this area's denominator.", unit: DownloadTables.percent) { CSVCell.number($0.area.funnel?.limits.upper99_8) },
                .init("funnel_verdict", "The credible verdict: rate against the adjusted funnel's limits (funnel_lower_95 … funnel_upper_99_8). worse_99_8 / worse_95 when outside the 99.8% / 95% limit on the worse side (below where higher is better, above for reliable deterioration), better_95 / better_99_8 likewise on the better side, as_expected within the 95% limits (a rate on a limit is within). Empty when not assessed.", unit: "worse_99_8 / worse_95 / as_expected / better_95 / better_99_8") { CSVCell.text($0.area.funnel?.verdict.rawValue) },
                .init("flat_funnel_verdict", "The same verdict against the flat funnel: limits around standard at this area's denominator, widened for the spread between areas estimated about the pooled rate of the period's areas.", unit: "worse_99_8 / worse_95 / as_expected / better_95 / better_99_8") { CSVCell.text($0.area.flatFunnel?.verdict.rawValue) },
                .init("extreme_outlier", "true when rate is an extreme outlier among this period's areas for this indicator (outside the first quartile − 3 × IQR to the third quartile + 3 × IQR).", unit: DownloadTables.boolean) { CSVCell.boolean($0.area.isExtremeOutlier) },
            ])

        model = DownloadTable(
            path: "downloads/model.csv",
            summary: "One row per analysed period and indicator: the benchmark model, a weighted least-squares line of the indicator's rate on \(xWords) with each area weighted by its denominator. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.period.label },
                .init("indicator", indicatorColumn, unit: indicatorIDs) { $0.indicator.id },
                .init("covariate", "The deprivation measure the model uses as x: imd_rank (IMD rank, 1 = most deprived), imd_score (IMD score) or casemix (casemix_deprivation in benchmarks.csv), as --deprivation chose.", unit: "imd_rank / imd_score / casemix") { _ in covariate.id },
                .init("areas", "Areas in the model.", unit: DownloadTables.count) { CSVCell.integer($0.model.areas) },
                .init("intercept", "Expected rate at \(xWords) 0 (the line's intercept).", unit: DownloadTables.percent) { CSVCell.number($0.model.intercept) },
                .init("slope", "Change in expected rate per unit of \(xWords) (the line's slope). " + slopeReading, unit: slopeUnit) { CSVCell.number($0.model.slope) },
                .init("se_intercept", "Standard error of intercept.", unit: "percentage points") { CSVCell.number($0.model.seIntercept) },
                .init("se_slope", "Standard error of slope.", unit: slopeUnit) { CSVCell.number($0.model.seSlope) },
                .init("t_slope", "t statistic of slope (slope ÷ se_slope).", unit: "number") { CSVCell.number($0.model.tSlope) },
                .init("p_slope", "Two-sided p-value of slope (t distribution on df_residual degrees of freedom): how surprising a slope this steep would be if deprivation made no difference.", unit: DownloadTables.probability) { CSVCell.number($0.model.pSlope) },
                .init("r_squared", "Share of the (weighted) variation in rates that deprivation accounts for.", unit: "proportion (0–1)") { CSVCell.number($0.model.rSquared) },
                .init("f_statistic", "F statistic of the model (1 and df_residual degrees of freedom).", unit: "number") { CSVCell.number($0.model.fStatistic) },
                .init("f_p", "p-value of f_statistic.", unit: DownloadTables.probability) { CSVCell.number($0.model.fP) },
                .init("df_residual", "Residual degrees of freedom: areas − 2.", unit: DownloadTables.count) { CSVCell.integer($0.model.dfResidual) },
                .init("sigma", "Residual standard error σ̂ of the weighted model, on the scale of weight 1: an area's typical distance from the line is about σ̂ ÷ √denominator percentage points.", unit: "number") { CSVCell.number($0.model.sigma) },
                .init("outlier_count", "Number of areas whose rate is an extreme outlier (extreme_outlier = true in benchmarks.csv).", unit: DownloadTables.count) { CSVCell.integer($0.outliers.count) },
                .init("outlier_dummy_p", "Sensitivity check: p-value of an extra term marking the extreme outliers, in the same model refitted with it. Empty when there are no outliers or the check cannot be computed. The published benchmark is the model without that term.", unit: DownloadTables.probability) { CSVCell.number($0.outliers.dummyP) },
            ])

        agreement = DownloadTable(
            path: "downloads/agreement.csv",
            summary: "One row per analysed period, indicator and comparison of two verdict systems: how often they agree about which areas are worse. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.analysis.period.label },
                .init("indicator", indicatorColumn, unit: indicatorIDs) { $0.analysis.indicator.id },
                .init("comparison", "The two verdict systems compared, first then second, each as worse / not worse: standard_vs_adjusted (standard_verdict = misses against adjusted_verdict = worse in benchmarks.csv), standard_vs_funnel (standard_verdict = misses against funnel_verdict = worse_95 or worse_99_8) and adjusted_vs_funnel (adjusted_verdict = worse against funnel_verdict worse). The two funnel comparisons cover only the areas the adjusted funnel assessed.", unit: "standard_vs_adjusted / standard_vs_funnel / adjusted_vs_funnel") { $0.summary.comparison },
                .init("areas", "Areas classified.", unit: DownloadTables.count) { CSVCell.integer($0.summary.areas) },
                .init("worse_both", "Areas worse under both systems.", unit: DownloadTables.count) { CSVCell.integer($0.summary.worseBoth) },
                .init("worse_first_only", "Areas worse under the first system only (for standard_vs_adjusted: missing the standard but not worse than the adjusted benchmark).", unit: DownloadTables.count) { CSVCell.integer($0.summary.worseFirstOnly) },
                .init("worse_second_only", "Areas worse under the second system only (for standard_vs_adjusted: worse than the adjusted benchmark but meeting the standard).", unit: DownloadTables.count) { CSVCell.integer($0.summary.worseSecondOnly) },
                .init("worse_neither", "Areas worse under neither system.", unit: DownloadTables.count) { CSVCell.integer($0.summary.worseNeither) },
                .init("percent_worse_first", "Percent of areas worse under the first system (for standard_vs_…, recovery: below the flat \(target)% standard).", unit: DownloadTables.percent) { CSVCell.number($0.summary.percentWorseFirst) },
                .init("percent_worse_second", "Percent of areas worse under the second system.", unit: DownloadTables.percent) { CSVCell.number($0.summary.percentWorseSecond) },
                .init("kappa", "Cohen's kappa: agreement between the two verdicts beyond chance (1 = always agree, 0 = no better than chance). Empty when it cannot be computed.", unit: "number (−1 to 1)") { CSVCell.number($0.summary.kappa) },
                .init("kappa_se", "Standard error of kappa (asymptotic).", unit: "number") { CSVCell.number($0.summary.kappaSE) },
                .init("kappa_lower_95", "Lower end of the 95% confidence interval of kappa.", unit: "number") { CSVCell.number($0.summary.kappaInterval?.lower) },
                .init("kappa_upper_95", "Upper end of the 95% confidence interval of kappa.", unit: "number") { CSVCell.number($0.summary.kappaInterval?.upper) },
                .init("pearson_chi2", "Pearson chi-square test of association between the two verdicts (no continuity correction, 1 degree of freedom). Empty when a row or column of the 2 × 2 table is all zero.", unit: "number") { CSVCell.number($0.summary.pearsonChi2) },
                .init("pearson_p", "p-value of pearson_chi2.", unit: DownloadTables.probability) { CSVCell.number($0.summary.pearsonP) },
                .init("mcnemar_chi2", "McNemar chi-square test of whether the two systems call different numbers of areas worse (no continuity correction). Empty when no area is worse under one system only.", unit: "number") { CSVCell.number($0.summary.mcnemarChi2) },
                .init("mcnemar_p", "p-value of mcnemar_chi2.", unit: DownloadTables.probability) { CSVCell.number($0.summary.mcnemarP) },
            ])

        funnel = DownloadTable(
            path: "downloads/funnel.csv",
            summary: "One row per analysed period, indicator and funnel: the funnel plot's over-dispersion (how much more areas differ than chance alone would make them) and how many areas fall in each band. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.analysis.period.label },
                .init("indicator", indicatorColumn, unit: indicatorIDs) { $0.analysis.indicator.id },
                .init("funnel", "flat: limits around standard (benchmarks.csv) with the spread estimated about the pooled rate of the period's areas; adjusted: limits around each area's expected_rate, with the spread estimated about those expectations.", unit: "flat / adjusted") { $0.funnel.kind.rawValue },
                .init("areas", "Areas assessed (m); the adjusted funnel leaves out an area whose expected rate is outside 0–100 (exclusions.csv).", unit: DownloadTables.count) { CSVCell.integer($0.funnel.areas) },
                .init("phi", "The over-dispersion ratio φ̂ = Q ÷ m, Q the sum of squared Winsorised z-scores (Q ÷ (m − 2) for the multiplicative adjusted funnel): 1 = areas differ only by chance; 10 = ten times the variance chance explains.", unit: "number") { CSVCell.number($0.funnel.phi) },
                .init("tau2", "τ², the estimated variance of areas' true rates on the arcsine-square-root scale (radians²), DerSimonian–Laird moment estimate (0 when φ̂ is small); √τ² ≈ the spread between areas' true rates in proportion units ÷ 2√(p(1 − p)).", unit: "radians²") { CSVCell.number($0.funnel.tau2) },
                .init("limits_used", "The limits drawn: additive (widened by τ²), multiplicative (widened by √φ̂) or unadjusted (binomial: --overdispersion none, or φ̂ ≤ 1).", unit: "additive / multiplicative / unadjusted") { $0.funnel.limitsUsed.rawValue },
                .init("worse_99_8", "Areas outside the 99.8% limit on the worse side.", unit: DownloadTables.count) { $0.count(.worse99_8) },
                .init("worse_95", "Areas outside the 95% but not the 99.8% limit on the worse side.", unit: DownloadTables.count) { $0.count(.worse95) },
                .init("as_expected", "Areas within the 95% limits.", unit: DownloadTables.count) { $0.count(.asExpected) },
                .init("better_95", "Areas outside the 95% but not the 99.8% limit on the better side.", unit: DownloadTables.count) { $0.count(.better95) },
                .init("better_99_8", "Areas outside the 99.8% limit on the better side.", unit: DownloadTables.count) { $0.count(.better99_8) },
            ])

        correlations = DownloadTable(
            path: "downloads/correlations.csv",
            summary: "Spearman rank correlations of deprivation (\(xWords)) with each variable, per analysed period and indicator. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.analysis.period.label },
                .init("indicator", indicatorColumn + " The areas correlated are those in that indicator's analysis.", unit: indicatorIDs) { $0.analysis.indicator.id },
                .init("variable", "The variable correlated with deprivation: referrals, finished_treatment or rate (the columns of those names in benchmarks.csv; rate is the indicator's own rate).", unit: DownloadTables.text) { $0.result.variable.rawValue },
                .init("rho", "Spearman's rho between \(xWords) and the variable (ties get average ranks). Empty when it cannot be computed.", unit: "number (−1 to 1)") { CSVCell.number($0.result.rho) },
                .init("p", "Two-sided p-value of rho (t approximation on n − 2 degrees of freedom).", unit: DownloadTables.probability) { CSVCell.number($0.result.p) },
                .init("n", "Areas with both values.", unit: DownloadTables.count) { CSVCell.integer($0.result.n) },
                .init("excludes_outliers", "true for the sensitivity check that leaves out the extreme outliers of rate.", unit: DownloadTables.boolean) { CSVCell.boolean($0.result.excludesOutliers) },
            ])

        exclusions = DownloadTable(
            path: "downloads/exclusions.csv",
            summary: "The data-quality ledger: every input row or area that the analysis did not use, and why. " + DownloadTables.numberNote,
            columns: [
                .init("source_file", "The input file, as named on the command line.", unit: DownloadTables.text) { $0.sourceFile },
                .init("line", "Line in that file (1 = the header line). Empty when the exclusion is about an area rather than one row.", unit: "line number") { CSVCell.integer($0.line) },
                .init("period", period + " Empty when not known.", unit: DownloadTables.periodLabel) { CSVCell.text($0.period?.label) },
                .init("area_code", "The area's code. Empty when not known.", unit: "code") { CSVCell.text($0.areaCode?.rawValue) },
                .init("reason", "Why it was not used, in words.", unit: DownloadTables.text) { $0.reason.description },
            ])

        codebook = DownloadTable(
            path: "downloads/codebook.csv",
            summary: "What every column of every download means, one row per column, plus one row per top-level key of manifest.json. UTF-8, comma-separated, CRLF line ends, header row. " + DownloadTables.spreadsheetNote + " How to cite these figures: " + citation,
            columns: [
                .init("file", "The download the row describes.", unit: "path") { $0[0] },
                .init("column", "The column (or, for manifest.json, the key) described; empty for the row that describes the file as a whole.", unit: DownloadTables.text) { $0[1] },
                .init("description", "What it means.", unit: DownloadTables.text) { $0[2] },
                .init("unit", "Its unit or kind of value.", unit: DownloadTables.text) { $0[3] },
            ])

        let manifestRecords = [[Downloads.manifestPath, "", "A machine-readable record of how this output was made: schema version, tool version, options, input files and output files with their SHA-256 hashes. JSON, UTF-8.", ""]]
            + Downloads.manifestKeys.map { [Downloads.manifestPath, $0.key, $0.description, $0.unit] }
        codebookRecords = benchmarks.codebookRecords + model.codebookRecords + agreement.codebookRecords + funnel.codebookRecords
            + correlations.codebookRecords + exclusions.codebookRecords + ReleaseTables().codebookRecords
            + codebook.codebookRecords + manifestRecords
    }
}
