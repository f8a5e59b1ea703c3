import LevelFieldModel

/// Every indicator of SPEC §6 on the site: the per-indicator period pages, the area page's spine
/// chart and per-indicator details, and the overview's table of areas × indicators.
extension SiteModel {
    // MARK: Paths and words

    /// The page of one indicator in one period: recovery keeps `periods/<slug>.html`, every
    /// other indicator has `periods/<slug>/<indicator>.html`.
    static func indicatorPath(_ period: Period, _ indicator: Indicator) -> String {
        indicator == .recovery ? "periods/\(period.slug).html" : "periods/\(period.slug)/\(indicator.id).html"
    }

    /// What the standard verdict of an analysis compares with, in words ("the 67% standard").
    func referenceWords(_ analysis: PeriodReport) -> String {
        let value = ReadableNumber.percent(analysis.reference)
        switch analysis.referenceKind {
        case .standard: return "the \(ReadableNumber.fixed(analysis.reference, 0))% standard"
        case .england: return "England’s \(value)"
        case .pooled: return "all areas together (\(value))"
        }
    }

    /// The standard verdict of one area in words.
    func standardWords(_ verdict: StandardVerdict, _ analysis: PeriodReport) -> String {
        switch (verdict, analysis.referenceKind) {
        case (.meets, .standard): "meets \(referenceWords(analysis))"
        case (.misses, .standard): "misses \(referenceWords(analysis))"
        case (.meets, _): "no worse than \(referenceWords(analysis))"
        case (.misses, _): "worse than \(referenceWords(analysis))"
        }
    }

    /// The adjusted verdict in words, for any direction.
    static func expectedWords(_ verdict: AdjustedVerdict) -> String {
        switch verdict {
        case .worse: "worse than expected"
        case .asExpected: "as expected"
        case .better: "better than expected"
        }
    }

    /// "Reliable recovery", with its numerator and denominator in words, for captions.
    static func definition(_ indicator: Indicator) -> String {
        "\(indicator.numerator.rawValue.replacingOccurrences(of: "_", with: " ")) ÷ \(indicator.denominator.rawValue.replacingOccurrences(of: "_", with: " "))"
    }

    /// Links to every indicator analysed in a period (the per-period indicator navigation).
    func indicatorLinks(_ period: Period, current: Indicator?, root: String) -> TemplateValue {
        .list(report.analyses(in: period).map { analysis in
            ["name": .text(analysis.indicator.name), "href": .text(root + Self.indicatorPath(period, analysis.indicator)),
             "isCurrent": .flag(analysis.indicator == current)]
        })
    }

    // MARK: Period page of one indicator

    /// `periods/<slug>/<indicator>.html`: one indicator's analysis of one period.
    func indicatorPage(_ analysis: PeriodReport) -> TemplateContext {
        let root = "../../"
        let indicator = analysis.indicator
        let label = analysis.period.label
        let name = indicator.name
        let a = analysis.agreement
        let m = analysis.model
        let numerator = analysis.areas.reduce(0) { $0 + ($1.numerator ?? 0) }
        let patients = analysis.areas.reduce(0) { $0 + $1.denominator }
        let pooled = patients == 0 ? 0 : analysis.areas.reduce(0.0) { $0 + $1.rate * Double($1.denominator) } / Double(patients)
        let worse = analysis.areas.filter { $0.adjustedVerdict == .worse }.count
        let better = analysis.areas.filter { $0.adjustedVerdict == .better }.count
        let misses = analysis.areas.filter { $0.standardVerdict == .misses }.count
        let periods = report.analyses(for: indicator).map(\.period)
        let index = periods.firstIndex(of: analysis.period) ?? 0
        func neighbour(_ offset: Int) -> TemplateValue {
            guard periods.indices.contains(index + offset) else { return .list([]) }
            let p = periods[index + offset]
            return .list([["label": .text(p.label), "href": .text(root + Self.indicatorPath(p, indicator))]])
        }
        let betterSide = indicator.direction == .higherIsBetter ? "higher" : "lower"
        let reference = referenceWords(analysis)
        let kappaText = a.kappa.map { "Cohen’s κ = \(ReadableNumber.fixed($0, 2)), \(Self.kappaWords($0))" } ?? "Cohen’s κ not available"
        let england = report.englandRate(period: analysis.period, indicator: indicator)
        let description = "Scatter chart of \(analysis.areas.count) areas in \(label): horizontal axis \(ChartStyle.deprivationAxis(options.measure)), "
            + "vertical axis \(name.lowercased()) in percent. Point size shows the denominator. Areas worse than their adjusted benchmark are "
            + "red downward triangles, areas within it grey circles, areas better than it blue upward triangles (for an indicator where lower is "
            + "better, worse means above). A solid line shows the expected rate from the weighted regression, with its \(confidence) confidence "
            + "band shaded; a dashed line marks \(reference)."
        return [
            "title": .text("\(name), \(label)"),
            "name": .text(name),
            "periodLabel": .text(label),
            "definition": .text(Self.definition(indicator)),
            "betterSide": .text(betterSide),
            "reference": .text(reference),
            "hasStandard": .flag(analysis.referenceKind == .standard),
            "indicators": indicatorLinks(analysis.period, current: indicator, root: root),
            "previous": neighbour(-1),
            "next": neighbour(1),
            "areaCount": .text(ReadableNumber.count(analysis.areas.count)),
            "numerator": .text(ReadableNumber.count(numerator)),
            "patients": .text(ReadableNumber.count(patients)),
            "pooledRate": .text(ReadableNumber.percent(pooled)),
            "england": .list(england.map { [["rate": .text(ReadableNumber.percent($0.rate)), "denominator": .text(ReadableNumber.count($0.denominator))]] } ?? []),
            "misses": .text(ReadableNumber.count(misses)),
            "meets": .text(ReadableNumber.count(analysis.areas.count - misses)),
            "worse": .text(ReadableNumber.count(worse)),
            "asExpected": .text(ReadableNumber.count(analysis.areas.count - worse - better)),
            "better": .text(ReadableNumber.count(better)),
            "kappa": .text(kappaText),
            "confidence": .text(confidence),
            "measure": .text(measureWords),
            "equation": .text("expected rate = \(ReadableNumber.fixed(m.intercept, 2)) \(m.slope < 0 ? "−" : "+") \(ReadableNumber.fixed(abs(m.slope), 4)) × \(measureWords)"),
            "pSlope": .text(ReadableNumber.pPhrase(m.pSlope)),
            "rSquared": .text(ReadableNumber.percent(100 * m.rSquared)),
            "outlierCount": .text(String(analysis.outliers.count)),
            "scatter": .trusted(ScatterChart(period: analysis, measure: options.measure, targetPercent: analysis.reference,
                                             confidencePercent: options.confidencePercent, highlight: nil, id: "scatter",
                                             title: "\(name) against deprivation, \(label)", description: description,
                                             rateAxis: "\(name) (%)", referenceLabel: referenceLabel(analysis),
                                             sizeLegend: "Point size: number of patients (\(indicator.denominator.rawValue.replacingOccurrences(of: "_", with: " ")))",
                                             verdictWords: [.worse, .asExpected, .better].map { Self.expectedWords($0).capitalisedFirst }).render()),
            "areas": .list(analysis.areas.map { area in
                [
                    "href": .text(areaHref(area.code, root: root)),
                    "code": .text(area.code.rawValue),
                    "name": .text(area.name),
                    "deprivation": .text(deprivation(area.deprivation)),
                    "denominator": .text(ReadableNumber.count(area.denominator)),
                    "rate": .text(ReadableNumber.percent(area.rate)),
                    "ci95": .text(interval(area.wilson95)),
                    "expected": .text(ReadableNumber.percent(area.expected)),
                    "expectedInterval": .text(interval(area.expectedInterval)),
                    "standardVerdict": .text(area.standardVerdict.rawValue),
                    "adjustedVerdict": .text(Self.expectedWords(area.adjustedVerdict)),
                    "adjustedClass": .text("status-\(ChartStyle.cssName(area.adjustedVerdict))"),
                    "isOutlier": .flag(area.isExtremeOutlier),
                ]
            }),
        ]
    }

    /// The scatter's label for the reference line ("67% standard", "England 6.1%").
    func referenceLabel(_ analysis: PeriodReport) -> String {
        switch analysis.referenceKind {
        case .standard: "\(ReadableNumber.fixed(analysis.reference, 0))% standard"
        case .england: "England \(ReadableNumber.percent(analysis.reference))"
        case .pooled: "All areas \(ReadableNumber.percent(analysis.reference))"
        }
    }

    // MARK: Overview: areas × indicators

    /// What a recovery overview (`index.html`, `periods/<slug>.html`) adds when the period has
    /// more indicators than recovery: their navigation and the table of areas × indicators.
    func indicatorOverview(_ period: Period, root: String) -> TemplateContext {
        guard report.analyses(in: period).count > 1 else { return ["hasIndicatorNav": .flag(false)] }
        return indicatorTable(period, root: root).merging([
            "hasIndicatorNav": .flag(true),
            "indicators": indicatorLinks(period, current: .recovery, root: root),
        ])
    }

    /// The overview's table: one row per area analysed for any indicator in the period, one cell
    /// per indicator with the rate and both verdicts in words.
    func indicatorTable(_ period: Period, root: String) -> TemplateContext {
        let analyses = report.analyses(in: period)
        var codes = Set<AreaCode>()
        var names: [AreaCode: String] = [:]
        for analysis in analyses { for area in analysis.areas { codes.insert(area.code); names[area.code] = area.name } }
        return [
            "indicatorColumns": .list(analyses.map { analysis in
                ["name": .text(analysis.indicator.name), "href": .text(root + Self.indicatorPath(period, analysis.indicator)),
                 "reference": .text(referenceWords(analysis))]
            }),
            "indicatorRows": .list(codes.sorted().map { code in
                [
                    "href": .text(areaHref(code, root: root)),
                    "name": .text(names[code] ?? code.rawValue),
                    "code": .text(code.rawValue),
                    "cells": .list(analyses.map { analysis in
                        guard let area = analysis.area(code) else {
                            return ["text": .text("not analysed"), "words": .text(""), "cellClass": .text("na")]
                        }
                        return ["text": .text(ReadableNumber.percent(area.rate)),
                                "words": .text("\(area.standardVerdict.rawValue), \(Self.expectedWords(area.adjustedVerdict))"),
                                "cellClass": .text("status-\(ChartStyle.cssName(area.adjustedVerdict))")]
                    }),
                ]
            }),
        ]
    }

    // MARK: Area page: spine chart and details

    /// The area page's spine chart rows (one per indicator analysed in `period` that includes
    /// the area), their table twin and the per-indicator details. Only this area's numbers and
    /// four summary numbers per indicator, so the page stays small.
    func indicatorSections(_ code: AreaCode, name: String, period: Period, index: AreaIndex? = nil) -> TemplateContext {
        let root = "../"
        var rows: [TemplateContext] = []
        var details: [TemplateContext] = []
        for analysis in report.analyses(in: period) {
            guard let area = analysis.area(code), let distribution = index?.distribution(analysis) ?? SpineDistribution(analysis.areas.map(\.rate)) else { continue }
            let indicator = analysis.indicator
            let england = report.englandRate(period: period, indicator: indicator)?.rate
            let standard = options.standard(for: indicator)
            let verdict = Self.expectedWords(area.adjustedVerdict)
            let standardText = standardWords(area.standardVerdict, analysis)
            let better = indicator.direction == .higherIsBetter ? "higher" : "lower"
            let description = "\(name): \(indicator.name.lowercased()) \(ReadableNumber.percent(area.rate)), \(verdict) for its deprivation "
                + "(\(ChartStyle.shapeName(area.adjustedVerdict))); \(standardText). All areas range from \(ReadableNumber.percent(distribution.minimum)) "
                + "to \(ReadableNumber.percent(distribution.maximum)), the middle half from \(ReadableNumber.percent(distribution.lowerQuartile)) "
                + "to \(ReadableNumber.percent(distribution.upperQuartile))"
                + (england.map { "; England \(ReadableNumber.percent($0))" } ?? "")
                + (standard.map { "; standard \(ReadableNumber.fixed($0, 0))%" } ?? "") + ". Better is to the right (\(better) is better)."
            let chart = SpineChart(indicator: indicator, area: area, distribution: distribution, england: england, standard: standard,
                                   id: "spine-\(indicator.id)", title: "\(indicator.name): \(ReadableNumber.percent(area.rate)), \(verdict)",
                                   description: description)
            let worstEnd = indicator.direction == .higherIsBetter ? distribution.minimum : distribution.maximum
            let bestEnd = indicator.direction == .higherIsBetter ? distribution.maximum : distribution.minimum
            let href = root + Self.indicatorPath(period, indicator)
            rows.append([
                "id": .text(indicator.id),
                "name": .text(indicator.name),
                "href": .text(href),
                "rate": .text(ReadableNumber.percent(area.rate)),
                "ci95": .text(interval(area.wilson95)),
                "verdict": .text(verdict),
                "standardVerdict": .text(standardText),
                "symbol": .trusted(SpineChart.legendSymbol(.area(area.adjustedVerdict))),
                "verdictClass": .text("status-\(ChartStyle.cssName(area.adjustedVerdict))"),
                "chart": .trusted(chart.render()),
                "worstEnd": .text(ReadableNumber.percent(worstEnd)),
                "bestEnd": .text(ReadableNumber.percent(bestEnd)),
                "england": .text(england.map(ReadableNumber.percent) ?? "not available"),
                "standard": .text(standard.map { ReadableNumber.fixed($0, 0) + "%" } ?? "none"),
                "minimum": .text(ReadableNumber.percent(distribution.minimum)),
                "lowerQuartile": .text(ReadableNumber.percent(distribution.lowerQuartile)),
                "upperQuartile": .text(ReadableNumber.percent(distribution.upperQuartile)),
                "maximum": .text(ReadableNumber.percent(distribution.maximum)),
            ])
            guard indicator != .recovery else { continue }   // recovery's detail is the page's main section
            let history = index?.history(code, indicator) ?? report.analyses(for: indicator).compactMap { a in a.area(code).map { (a, $0) } }
            let counts = area.numerator.map { "\(ReadableNumber.count($0)) of \(ReadableNumber.count(area.denominator))" }
                ?? "of \(ReadableNumber.count(area.denominator))"
            details.append([
                "id": .text(indicator.id),
                "name": .text(indicator.name),
                "href": .text(href),
                "sentence": .text("In \(period.label), \(counts) patients (\(Self.definition(indicator))): "
                    + "\(ReadableNumber.percent(area.rate)) (95% confidence interval \(interval(area.wilson95))). "
                    + "This \(standardText). Areas as deprived are expected to reach \(ReadableNumber.percent(area.expected)) "
                    + "(\(confidence) interval \(interval(area.expectedInterval))), so the area is \(verdict) (\(better) is better)."),
                "historyRows": .list(history.map { (a, result) in
                    [
                        "label": .text(a.period.label),
                        "href": .text(root + Self.indicatorPath(a.period, indicator)),
                        "denominator": .text(ReadableNumber.count(result.denominator)),
                        "rate": .text(ReadableNumber.percent(result.rate)),
                        "ci95": .text(interval(result.wilson95)),
                        "expected": .text(ReadableNumber.percent(result.expected)),
                        "expectedInterval": .text(interval(result.expectedInterval)),
                        "standardVerdict": .text(standardWords(result.standardVerdict, a)),
                        "adjustedVerdict": .text(Self.expectedWords(result.adjustedVerdict)),
                    ]
                }),
            ])
        }
        return [
            "hasSpine": .flag(!rows.isEmpty),
            "spineRows": .list(rows),
            "indicatorDetails": .list(details),
            "spineLegend": .list(Self.spineLegend),
        ]
    }

    /// The spine chart's key: every symbol it draws.
    static let spineLegend: [TemplateContext] = [
        ["symbol": .trusted(SpineChart.legendSymbol(.range)), "words": .text("range of all areas (worst to best)")],
        ["symbol": .trusted(SpineChart.legendSymbol(.middle)), "words": .text("middle half of areas (25th to 75th percentile)")],
        ["symbol": .trusted(SpineChart.legendSymbol(.england)), "words": .text("England")],
        ["symbol": .trusted(SpineChart.legendSymbol(.standard)), "words": .text("national standard")],
        ["symbol": .trusted(SpineChart.legendSymbol(.area(.worse))), "words": .text("this area: worse than expected for its deprivation")],
        ["symbol": .trusted(SpineChart.legendSymbol(.area(.asExpected))), "words": .text("this area: as expected")],
        ["symbol": .trusted(SpineChart.legendSymbol(.area(.better))), "words": .text("this area: better than expected")],
    ]
}

extension SiteModel {
    /// The area page's indicator sections for its latest analysed period (the page's period).
    func areaIndicators(_ code: AreaCode, index: AreaIndex? = nil) -> TemplateContext {
        guard let (period, result) = histories[code]?.last else { return ["hasSpine": .flag(false), "indicatorDetails": .list([])] }
        return indicatorSections(code, name: result.name, period: period, index: index)
    }

    /// Every area's results per indicator in period order, made once for all area pages (looking
    /// them up per page is quadratic in the number of areas).
    struct AreaIndex: Sendable {
        private let analyses: [PeriodReport]
        /// Area → indicator id → (analysis, area) positions in period order: positions, not
        /// copies of the results, so the index stays small next to the report.
        private var positions: [AreaCode: [String: [(analysis: Int32, area: Int32)]]] = [:]
        /// Every analysis's spread of rates, by period and indicator (sorting the rates once per
        /// analysis, not once per area page).
        private var distributions: [Period: [String: SpineDistribution]] = [:]

        init(_ report: Report) {
            analyses = report.analyses
            for (analysisIndex, analysis) in report.analyses.enumerated() {
                for (areaIndex, area) in analysis.areas.enumerated() {
                    positions[area.code, default: [:]][analysis.indicator.id, default: []].append((Int32(analysisIndex), Int32(areaIndex)))
                }
                distributions[analysis.period, default: [:]][analysis.indicator.id] = SpineDistribution(analysis.areas.map(\.rate))
            }
        }

        func history(_ code: AreaCode, _ indicator: Indicator) -> [(PeriodReport, AreaResult)] {
            (positions[code]?[indicator.id] ?? []).map { position in
                let analysis = analyses[Int(position.analysis)]
                return (analysis, analysis.areas[Int(position.area)])
            }
        }

        /// The spread of the analysis's rates (`nil` when it has no areas).
        func distribution(_ analysis: PeriodReport) -> SpineDistribution? {
            distributions[analysis.period]?[analysis.indicator.id] ?? nil
        }
    }
}
