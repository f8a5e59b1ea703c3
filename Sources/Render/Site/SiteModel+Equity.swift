import LevelFieldModel

extension SiteModel {
    // MARK: Area pages

    /// The area page's equity part (merged into `areaPage`), for the area's latest period: each
    /// indicator with breakdowns by the patients' decile beside England's (chart and table twin),
    /// the SII/RII in words, and recovery by age group, gender and ethnic group.
    func equityArea(_ code: AreaCode) -> TemplateContext {
        guard let period = histories[code]?.last?.period else { return ["equity": .list([]), "equityGroups": .list([])] }
        let analyses = Indicator.all.compactMap { report.equity(period: period, indicator: $0, area: code) }
            .filter { !$0.deciles.isEmpty }
        let sections: [TemplateContext] = analyses.map { analysis in
            let england = report.equity(period: period, indicator: analysis.indicator, area: BreakdownRow.englandCode)
            let title = "\(analysis.areaName): \(analysis.indicator.name.lowercased()) by patients’ deprivation decile, \(period.label)"
            let description = "Chart of the \(analysis.indicator.name.lowercased()) rate of \(analysis.areaName)’s patients in each of the ten "
                + "deprivation deciles (1 = most deprived), with Wilson 95% intervals" + (england == nil ? "" : ", beside England’s")
                + ". The table below gives the same numbers."
            return [
                "indicatorName": .text(analysis.indicator.name),
                "anchor": .text("equity-\(analysis.indicator.id)"),
                "chart": .trusted(GradientChart(area: analysis, england: england, id: "gradient-\(analysis.indicator.id)",
                                                title: title, description: description).render()),
                "sentence": .text(Self.inequalitySentence(analysis)),
                "englandSentence": .text(england.map { Self.inequalitySentence($0) } ?? "England’s figures are not in the input."),
                "caption": .text(title),
                "rows": .list((1...10).map { decile in
                    let own = analysis.deciles.first { $0.sequence == decile }
                    let national = england?.deciles.first { $0.sequence == decile }
                    return [
                        "decile": .text(decile == 1 ? "1 (most deprived)" : decile == 10 ? "10 (least deprived)" : String(decile)),
                        "denominator": .text(own?.denominator.map(ReadableNumber.count) ?? "suppressed"),
                        "rate": .text(Self.rateText(own)),
                        "ci95": .text(own?.wilson95.map { interval($0) } ?? "–"),
                        "englandRate": .text(Self.rateText(national)),
                        "englandCi95": .text(national?.wilson95.map { interval($0) } ?? "–"),
                    ]
                }),
            ]
        }
        let groups: [TemplateContext] = report.equity(period: period, indicator: .recovery, area: code).map { analysis in
            BreakdownKind.allCases.filter { $0 != .imdDecile }.compactMap { kind -> TemplateContext? in
                let rows = analysis.groups.filter { $0.kind == kind }
                guard !rows.isEmpty else { return nil }
                return [
                    "caption": .text("\(analysis.areaName): recovery by \(kind.label), \(period.label)"),
                    "kind": .text(kind.label.capitalisedFirst),
                    "rows": .list(rows.map { group in
                        [
                            "group": .text(group.group),
                            "denominator": .text(group.denominator.map(ReadableNumber.count) ?? "suppressed"),
                            "rate": .text(Self.rateText(group)),
                            "ci95": .text(group.wilson95.map { interval($0) } ?? "–"),
                        ]
                    }),
                ]
            }
        } ?? []
        return ["equity": .list(sections), "equityGroups": .list(groups)]
    }

    /// A rate, marked when its denominator is small, or why there is none.
    static func rateText(_ group: GroupRate?) -> String {
        guard let group, let rate = group.rate else { return "suppressed" }
        return ReadableNumber.percent(rate) + (group.isSmall ? " (small number: fewer than \(GroupRate.smallDenominator) patients)" : "")
    }

    /// The SII/RII in words, or why there is none.
    static func inequalitySentence(_ analysis: EquityAnalysis) -> String {
        let who = analysis.isEngland ? "In England" : "In \(analysis.areaName)"
        guard let inequality = analysis.inequality else {
            return "\(who) the slope index of inequality cannot be calculated: \(analysis.notCalculated ?? "not every decile has figures")."
        }
        let points = ReadableNumber.fixed(abs(inequality.sii), 1)
        let interval = "95% interval \(ReadableNumber.fixed(inequality.siiInterval.lower, 1)) to \(ReadableNumber.fixed(inequality.siiInterval.upper, 1)) points"
        let relative = inequality.riiInterval.map {
            "; the least deprived end’s rate is \(ReadableNumber.fixed(inequality.rii, 2)) times the most deprived end’s "
                + "(\(ReadableNumber.fixed($0.lower, 2)) to \(ReadableNumber.fixed($0.upper, 2)))"
        } ?? "; the relative index is \(ReadableNumber.fixed(inequality.rii, 2)) (its interval is unbounded)"
        let comparison: String
        if analysis.indicator == .recovery {
            comparison = inequality.sii >= 0
                ? "patients from the most deprived tenth recover \(points) points less often than the least deprived"
                : "patients from the most deprived tenth recover \(points) points more often than the least deprived"
        } else {
            comparison = "the \(analysis.indicator.name.lowercased()) rate of patients from the most deprived tenth is \(points) points "
                + (inequality.sii >= 0 ? "lower" : "higher") + " than that of the least deprived"
        }
        return "\(who), \(comparison) (slope index of inequality, \(interval))\(relative)."
    }

    // MARK: Period pages

    /// The period page's ranking of areas by the SII of recovery, with intervals.
    func equityPeriod(_ period: PeriodReport, root: String) -> TemplateContext {
        let analyses = report.equity(period: period.period, indicator: .recovery)
        let ranked = analyses.filter { !$0.isEngland && $0.inequality != nil }
            .sorted { ($0.inequality!.sii, $0.areaCode.rawValue) > ($1.inequality!.sii, $1.areaCode.rawValue) }
        let areaCodes = Set(areaCodes)
        let rows: [TemplateContext] = ranked.enumerated().map { index, analysis in
            let inequality = analysis.inequality!
            let linked = areaCodes.contains(analysis.areaCode)
            return [
                "rank": .text(String(index + 1)),
                "name": .text(analysis.areaName),
                "code": .text(analysis.areaCode.rawValue),
                "href": .list(linked ? [["url": .text(areaHref(analysis.areaCode, root: root))]] : []),
                "sii": .text(ReadableNumber.fixed(inequality.sii, 1)),
                "siiInterval": .text("\(ReadableNumber.fixed(inequality.siiInterval.lower, 1)) to \(ReadableNumber.fixed(inequality.siiInterval.upper, 1))"),
                "rii": .text(ReadableNumber.fixed(inequality.rii, 2)),
            ]
        }
        let england = analyses.first { $0.isEngland }
        let missing = analyses.filter { !$0.isEngland && $0.inequality == nil }.count
        return [
            "equityRanking": .list(rows.isEmpty ? [] : [[
                "caption": .text("Areas ranked by the slope index of inequality of recovery across their patients’ deprivation deciles, \(period.period.label)"),
                "englandSentence": .text(england.map { Self.inequalitySentence($0) } ?? ""),
                "missing": .text(missing == 0 ? "" : "\(missing) area\(missing == 1 ? "" : "s") have a suppressed or empty decile and no index; the data-quality page lists them."),
                "rows": .list(rows),
            ]]),
        ]
    }
}
