import LevelFieldModel

/// One decile or group of one organisation's equity analysis: a record of gradient.csv or breakdowns.csv.
struct GroupRecord {
    let analysis: EquityAnalysis
    let group: GroupRate
}

/// The downloads of SPEC §8.2: gradient.csv (each decile's rate), inequality.csv (SII and RII)
/// and breakdowns.csv (age, gender, ethnic group), written when the report has equity analyses.
struct EquityTables {
    let gradient: DownloadTable<GroupRecord>
    let inequality: DownloadTable<EquityAnalysis>
    let breakdowns: DownloadTable<GroupRecord>

    /// The three files for `report` (none when it has no breakdowns).
    func files(for report: Report) -> [OutputFile] {
        guard !report.equity.isEmpty else { return [] }
        let deciles = report.equity.flatMap { analysis in analysis.deciles.map { GroupRecord(analysis: analysis, group: $0) } }
        let groups = report.equity.flatMap { analysis in analysis.groups.map { GroupRecord(analysis: analysis, group: $0) } }
        return [
            gradient.file(deciles),
            inequality.file(report.equity.filter { $0.inequality != nil }),
            breakdowns.file(groups),
        ]
    }

    /// The codebook rows of the three files (none when the report has no breakdowns).
    func codebookRecords(for report: Report) -> [[String]] {
        report.equity.isEmpty ? [] : gradient.codebookRecords + inequality.codebookRecords + breakdowns.codebookRecords
    }

    init() {
        let period = "Reporting period, as labelled in the source data (e.g. 2023-24)."
        let indicator = "The indicator: " + Indicator.all.map { "\($0.id) (\($0.numerator.rawValue) ÷ \($0.denominator.rawValue))" }.joined(separator: ", ")
            + ". Only indicators the breakdown rows carry (NHS files do not break the waits down)."
        let indicatorIDs = Indicator.all.map(\.id).joined(separator: " / ")
        let code = "The organisation's code as published; ENGLAND for England as a whole."
        let name = "The organisation's name as published (England for ENGLAND)."
        let order = "sorted by period, indicator, organisation (ENGLAND first, then by code)"
        let suppressed = "Empty when the publisher suppressed it (small numbers) or it is missing."
        let count = DownloadTables.count, percent = DownloadTables.percent

        gradient = DownloadTable(
            path: "downloads/gradient.csv",
            summary: "The indicator by the patients' own deprivation decile (the Index of Multiple Deprivation decile of the neighbourhood they live in): one row per decile per organisation, period and indicator, \(order), then decile. Patients with no known decile are counted in the data-quality summary, not here. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.analysis.period.label },
                .init("indicator", indicator, unit: indicatorIDs) { $0.analysis.indicator.id },
                .init("area_code", code, unit: "code") { $0.analysis.areaCode.rawValue },
                .init("area_name", name, unit: DownloadTables.text) { $0.analysis.areaName },
                .init("decile", "The patients' IMD decile: 1 = the most deprived tenth of neighbourhoods in England, 10 = the least deprived (the NHS files label them 10 Most deprived … 01 Least deprived).", unit: "decile (1 = most deprived)") { $0.group.group },
                .init("numerator", "Patients of this decile with the outcome. " + suppressed, unit: count) { CSVCell.integer($0.group.numerator) },
                .init("denominator", "Patients of this decile the rate is out of. " + suppressed, unit: count) { CSVCell.integer($0.group.denominator) },
                .init("rate", "100 × numerator ÷ denominator.", unit: percent) { CSVCell.number($0.group.rate) },
                .init("lower_ci_95", "Lower end of the 95% Wilson confidence interval of rate.", unit: percent) { CSVCell.number($0.group.wilson95?.lower) },
                .init("upper_ci_95", "Upper end of the 95% Wilson confidence interval of rate.", unit: percent) { CSVCell.number($0.group.wilson95?.upper) },
            ])

        inequality = DownloadTable(
            path: "downloads/inequality.csv",
            summary: "The slope and relative index of inequality across the ten deciles, one row per organisation, period and indicator where every decile has 0 < numerator < denominator (the others are in exclusions.csv with the reason), \(order). Method: PHEindicatormethods phe_sii point estimates (population-share weights, deciles ordered most → least deprived, transform = FALSE) with a deterministic known-variance interval from Wilson-derived standard errors, equivalent to PHE's simulation as its replicates grow. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.period.label },
                .init("indicator", indicator, unit: indicatorIDs) { $0.indicator.id },
                .init("area_code", code, unit: "code") { $0.areaCode.rawValue },
                .init("area_name", name, unit: DownloadTables.text) { $0.areaName },
                .init("deciles_used", "Deciles in the fit (10).", unit: count) { CSVCell.integer($0.inequality?.decilesUsed) },
                .init("sii", "Slope index of inequality: the fitted rate at the least deprived end minus the fitted rate at the most deprived end of the population ranked by deprivation. For an indicator where higher is better a positive value means patients from less deprived neighbourhoods do better.", unit: "percentage points") { CSVCell.number($0.inequality?.sii) },
                .init("sii_lower_95", "Lower end of the 95% confidence interval of sii.", unit: "percentage points") { CSVCell.number($0.inequality?.siiInterval.lower) },
                .init("sii_upper_95", "Upper end of the 95% confidence interval of sii.", unit: "percentage points") { CSVCell.number($0.inequality?.siiInterval.upper) },
                .init("rii", "Relative index of inequality: the fitted rate at the least deprived end divided by the fitted rate at the most deprived end.", unit: "ratio") { CSVCell.number($0.inequality?.rii) },
                .init("rii_lower_95", "Lower end of the 95% confidence interval of rii (Fieller's method). Empty when the interval is unbounded.", unit: "ratio") { CSVCell.number($0.inequality?.riiInterval?.lower) },
                .init("rii_upper_95", "Upper end of the 95% confidence interval of rii (Fieller's method). Empty when the interval is unbounded.", unit: "ratio") { CSVCell.number($0.inequality?.riiInterval?.upper) },
            ])

        breakdowns = DownloadTable(
            path: "downloads/breakdowns.csv",
            summary: "The indicator by the patients' age group, gender and ethnic group (the publisher's groups; ethnic groups at their top level), one row per group per organisation, period and indicator, \(order), then breakdown and group in the publisher's order. Groups not stated or not known are counted in the data-quality summary, not here. " + DownloadTables.numberNote,
            columns: [
                .init("period", period, unit: DownloadTables.periodLabel) { $0.analysis.period.label },
                .init("indicator", indicator, unit: indicatorIDs) { $0.analysis.indicator.id },
                .init("area_code", code, unit: "code") { $0.analysis.areaCode.rawValue },
                .init("breakdown", "The characteristic: age_group, gender or ethnic_group.", unit: "age_group / gender / ethnic_group") { $0.group.kind.rawValue },
                .init("group", "The group, as the publisher labels it.", unit: DownloadTables.text) { $0.group.group },
                .init("numerator", "Patients of this group with the outcome. " + suppressed, unit: count) { CSVCell.integer($0.group.numerator) },
                .init("denominator", "Patients of this group the rate is out of. " + suppressed, unit: count) { CSVCell.integer($0.group.denominator) },
                .init("rate", "100 × numerator ÷ denominator.", unit: percent) { CSVCell.number($0.group.rate) },
                .init("lower_ci_95", "Lower end of the 95% Wilson confidence interval of rate.", unit: percent) { CSVCell.number($0.group.wilson95?.lower) },
                .init("upper_ci_95", "Upper end of the 95% Wilson confidence interval of rate.", unit: percent) { CSVCell.number($0.group.wilson95?.upper) },
            ])
    }
}
