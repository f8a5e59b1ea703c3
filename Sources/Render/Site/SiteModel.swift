import LevelFieldModel

/// Turns a `Report` into template contexts: every number rounded for reading, every status in
/// words. Names and codes stay text, so the templates escape them.
struct SiteModel {
    let report: Report
    /// Every area analysed in any period, by code.
    let areaCodes: [AreaCode]
    /// Each area's place in `areaCodes`.
    let areaPositions: [AreaCode: Int]
    /// Each period's scatter geometry, computed once for all its area pages.
    let scatterGeometry: [Period: [ScatterChart.Geometry]]
    /// Each area's results in period order.
    let histories: [AreaCode: [(period: Period, result: AreaResult)]]
    /// The releases so far and this one's changes; `nil`: the report is a first release.
    var releases: ReleaseHistory?

    init(report: Report) {
        self.report = report
        var histories: [AreaCode: [(period: Period, result: AreaResult)]] = [:]
        for period in report.periods {
            for area in period.areas { histories[area.code, default: []].append((period.period, area)) }
        }
        self.histories = histories
        self.areaCodes = histories.keys.sorted()
        self.areaPositions = Dictionary(uniqueKeysWithValues: areaCodes.enumerated().map { ($1, $0) })
        var geometry: [Period: [ScatterChart.Geometry]] = [:]
        for period in report.periods {
            geometry[period.period] = ScatterChart.geometry(of: period, targetPercent: report.metadata.options.targetPercent)
        }
        self.scatterGeometry = geometry
    }

    var options: ReportOptions { report.metadata.options }
    var citation: Citation { Citation(report) }
    var isRank: Bool { options.measure == .rank }
    var target: String { ReadableNumber.fixed(options.targetPercent, 0) + "%" }
    var confidence: String { ReadableNumber.fixed(options.confidencePercent, 0) + "%" }

    /// The downloads every page links to, in a fixed order.
    static let downloads: [(file: String, what: String)] = [
        ("benchmarks.csv", "every area and period: rates, intervals, benchmarks, verdicts"),
        ("model.csv", "the benchmark model of each period"),
        ("agreement.csv", "the verdict systems compared pairwise, with κ and χ²"),
        ("funnel.csv", "each funnel’s over-dispersion and verdict counts"),
        ("correlations.csv", "Spearman correlations with deprivation"),
        ("exclusions.csv", "the data-quality ledger"),
        ("changes.csv", "what changed since the previous release"),
        ("releases.csv", "every release so far, with its inputs’ SHA-256"),
        ("codebook.csv", "what every column means"),
        ("manifest.json", "inputs and outputs with SHA-256 checksums"),
    ]

    /// Values every page has: links, the banner, the footer.
    func common(root: String) -> TemplateContext {
        let latest = report.latest?.period
        return [
            "root": .text(root),
            "synthetic": .flag(report.metadata.isSynthetic),
            // Services are not areas: their deprivation can only be a proxy (the area they are based in).
            // With --deprivation casemix the covariate is the services' own patients', not a proxy (SPEC §8.3).
            "serviceLevel": .flag(report.metadata.options.areaLevel?.lowercased() == "provider" && report.metadata.options.measure != .casemix),
            "toolVersion": .text(report.metadata.toolVersion),
            "generatedOn": .text(report.metadata.generatedOn),
            "citation": .text(citation.text),
            // More than recovery was analysed: the overview has its table of every indicator.
            "hasIndicators": .flag(report.latest.map { report.analyses(in: $0.period).count > 1 } ?? false),
            "periodLinks": .list(report.periods.map { period in
                ["label": .text(period.period.label), "href": .text(root + "periods/\(period.period.slug).html"),
                 "isLatest": .flag(period.period == latest)]
            }),
            "downloads": .list(Self.downloads.map { ["href": .text(root + "downloads/" + $0.file), "file": .text($0.file), "what": .text($0.what)] }),
        ]
    }

    // MARK: Words

    func targetWords(_ status: StandardVerdict) -> String {
        switch status {
        case .misses: "below the \(target) target"
        case .meets: "meets the \(target) target"
        }
    }

    func adjustedWords(_ status: AdjustedVerdict) -> String {
        switch status {
        case .worse: "below its adjusted benchmark"
        case .asExpected: "within its adjusted benchmark"
        case .better: "above its adjusted benchmark"
        }
    }

    func deprivation(_ x: Double) -> String { ReadableNumber.deprivation(x, isRank: isRank) }

    var measureWords: String { isRank ? "IMD rank" : "IMD score" }

    func interval(_ interval: Interval) -> String { Self.interval(interval) }

    static func interval(_ interval: Interval) -> String {
        "\(ReadableNumber.percent(interval.lower)) to \(ReadableNumber.percent(interval.upper))"
    }

    /// Landis & Koch's words for κ.
    static func kappaWords(_ kappa: Double) -> String {
        switch kappa {
        case ..<0: "poor agreement (worse than chance)"
        case ..<0.2: "slight agreement"
        case ..<0.4: "fair agreement"
        case ..<0.6: "moderate agreement"
        case ..<0.8: "substantial agreement"
        default: "almost perfect agreement"
        }
    }

    func periodHref(_ period: Period, root: String = "../") -> String { root + "periods/\(period.slug).html" }
    func areaHref(_ code: AreaCode, root: String) -> String { root + "areas/\(code.rawValue).html" }

    /// One row of an area table.
    func areaRow(_ area: AreaResult, root: String) -> TemplateContext {
        Self.areaRow(area, root: root, options: options)
    }

    static func areaRow(_ area: AreaResult, root: String, options: ReportOptions) -> TemplateContext {
        [
            "href": .text(root + "areas/\(area.code.rawValue).html"),
            "code": .text(area.code.rawValue),
            "name": .text(area.name),
            "isHighlighted": .flag(false),
            "deprivation": .text(ReadableNumber.deprivation(area.deprivation, isRank: options.measure == .rank)),
            "denominator": .text(ReadableNumber.count(area.denominator)),
            "rate": .text(ReadableNumber.percent(area.rate)),
            "ci95": .text(interval(area.wilson95)),
            "expected": .text(ReadableNumber.percent(area.expected)),
            "expectedInterval": .text(interval(area.expectedInterval)),
            "targetStatus": .text(area.standardVerdict == .misses ? "Below target" : "Meets target"),
            "adjustedStatus": .text(ChartStyle.label(area.adjustedVerdict)),
            "adjustedClass": .text("status-\(ChartStyle.cssName(area.adjustedVerdict))"),
            "targetClass": .text("status-\(ChartStyle.cssName(area.standardVerdict))"),
            "isOutlier": .flag(area.isExtremeOutlier),
        ]
    }

    /// The scatter's description (the SVG `<desc>`): what is drawn.
    func scatterDescription(_ period: PeriodReport) -> String {
        "Scatter chart of \(period.areas.count) areas in \(period.period.label): horizontal axis \(ChartStyle.deprivationAxis(options.measure)), "
            + "vertical axis recovery rate in percent. Point size shows the number of patients. Areas below their adjusted benchmark are "
            + "red downward triangles, areas within it grey circles, areas above it blue upward triangles. A solid line shows the "
            + "expected rate from the weighted regression, with its \(confidence) confidence band shaded; a dashed line marks the \(target) target."
    }

    /// One sentence summing up the scatter.
    func scatterSummary(_ period: PeriodReport) -> String {
        let a = period.agreement
        var sentence = ""
        if let first = period.model.band.first, let last = period.model.band.last {
            sentence = "Expected recovery goes from \(ReadableNumber.percent(first.fit)) at \(measureWords) \(deprivation(first.x)) "
                + "to \(ReadableNumber.percent(last.fit)) at \(measureWords) \(deprivation(last.x)); "
        }
        return sentence + "\(a.worseBoth + a.worseFirstOnly) of \(a.areas) areas are below the \(target) target, "
            + "but \(a.worseBoth + a.worseSecondOnly) are below their deprivation-adjusted benchmark."
    }
}
