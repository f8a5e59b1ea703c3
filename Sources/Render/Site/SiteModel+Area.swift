import LevelFieldModel

extension SiteModel {
    /// `areas/<code>.html`: the area's latest result in words, its place on that period's
    /// scatter, and its history across periods. Its size does not grow with the number of areas:
    /// the other areas' points come from the period's shared chart files, and their numbers are
    /// on the period page and in the downloads.
    func areaPage(_ code: AreaCode) -> TemplateContext {
        let root = "../"
        let history = histories[code] ?? []
        guard let (latestPeriod, area) = history.last, let period = report.periods.first(where: { $0.period == latestPeriod }) else {
            return [:]
        }
        let name = area.name
        let label = latestPeriod.label
        let position = areaPositions[code] ?? 0
        func neighbour(_ offset: Int) -> TemplateValue {
            let i = position + offset
            guard areaCodes.indices.contains(i), let other = histories[areaCodes[i]]?.last?.result else { return .list([]) }
            return .list([["name": .text(other.name), "code": .text(other.code.rawValue), "href": .text(areaHref(other.code, root: root))]])
        }
        let recoveredText: String
        if let recovered = area.observation.recovered {
            recoveredText = "\(ReadableNumber.count(recovered)) of \(ReadableNumber.count(area.denominator)) patients recovered"
        } else {
            recoveredText = "the published recovery rate applies to \(ReadableNumber.count(area.denominator)) patients"
        }
        let rateSentence = "In \(label), \(recoveredText): a recovery rate of \(ReadableNumber.percent(area.rate)) "
            + "(95% confidence interval \(interval(area.wilson95)))."
        let targetSentence = area.standardVerdict == .misses ? "This is \(targetWords(.misses))." : "This \(targetWords(.meets))."
        let adjustedSentence = "Areas as deprived (\(measureWords) \(deprivation(area.deprivation))) are expected to recover "
            + "\(ReadableNumber.percent(area.expected)) (\(confidence) interval \(interval(area.expectedInterval))), so the area is "
            + "\(adjustedWords(area.adjustedVerdict))."
        let absent = report.periods.map(\.period).filter { p in !history.contains { $0.period == p } }
        let weakPeriods = Set(report.periods.filter { $0.model.strength.level == .explainsLittle }.map(\.period))

        let highlightDescription = scatterDescription(period) + " \(name) (\(code.rawValue)) is ringed and labelled."
        let historyDescription = "Chart of \(name)’s recovery rate in \(history.count) period(s), each with its Wilson 95% interval, "
            + "beside the expected rate for its deprivation and that rate’s \(confidence) interval; a dashed line marks the \(target) target."
        let historySummary: String
        if let first = history.first, history.count > 1 {
            historySummary = "From \(first.period.label) to \(label) the recovery rate went from \(ReadableNumber.percent(first.result.rate)) "
                + "to \(ReadableNumber.percent(area.rate)); the area was below its adjusted benchmark in "
                + "\(history.filter { $0.result.adjustedVerdict == .worse }.count) of \(history.count) periods."
        } else {
            historySummary = "Only one period is available: \(ReadableNumber.percent(area.rate)) recovery in \(label), \(adjustedWords(area.adjustedVerdict))."
        }
        return [
            "title": .text("\(name) (\(code.rawValue))"),
            "name": .text(name),
            "code": .text(code.rawValue),
            "parent": .list(area.observation.parentName.map { [["parentName": .text($0)]] } ?? []),
            "periodLabel": .text(label),
            "periodHref": .text(periodHref(latestPeriod)),
            "rate": .text(ReadableNumber.percent(area.rate)),
            "ci95": .text(interval(area.wilson95)),
            "ci998": .text(interval(area.wilson998)),
            "expected": .text(ReadableNumber.percent(area.expected)),
            "expectedInterval": .text(interval(area.expectedInterval)),
            "confidence": .text(confidence),
            "targetVerdict": .text(targetWords(area.standardVerdict).capitalisedFirst),
            "adjustedVerdict": .text(adjustedWords(area.adjustedVerdict).capitalisedFirst),
            "targetClass": .text("status-\(ChartStyle.cssName(area.standardVerdict))"),
            "adjustedClass": .text("status-\(ChartStyle.cssName(area.adjustedVerdict))"),
            "rateSentence": .text(rateSentence),
            "targetSentence": .text(targetSentence),
            "adjustedSentence": .text(adjustedSentence),
            "strengthNote": .text(areaStrengthNote(period)),
            "isOutlier": .flag(area.isExtremeOutlier),
            "measure": .text(measureWords),
            "deprivation": .text(deprivation(area.deprivation)),
            "denominator": .text(ReadableNumber.count(area.denominator)),
            "scatter": .trusted(ScatterChart(period: period, measure: options.measure, targetPercent: options.targetPercent,
                                             confidencePercent: options.confidencePercent, highlight: area, id: "scatter",
                                             title: "\(name) among all areas, \(label)", description: highlightDescription,
                                             sharedPoints: root + "charts/\(latestPeriod.slug)-scatter",
                                             geometry: scatterGeometry[latestPeriod]).render()),
            "scatterSummary": .text("\(name) recovers \(ReadableNumber.percent(area.rate)) against an expected "
                + "\(ReadableNumber.percent(area.expected)) for its deprivation: \(adjustedWords(area.adjustedVerdict)), and \(targetWords(area.standardVerdict))."),
            "history": .trusted(HistoryChart(history: history, targetPercent: options.targetPercent, confidencePercent: options.confidencePercent,
                                             id: "history", title: "\(name): recovery rate by period", description: historyDescription).render()),
            "historySummary": .text(historySummary),
            "historyRows": .list(history.map { entry in
                [
                    "label": .text(entry.period.label),
                    "href": .text(periodHref(entry.period)),
                    "rate": .text(ReadableNumber.percent(entry.result.rate)),
                    "ci95": .text(interval(entry.result.wilson95)),
                    "expected": .text(ReadableNumber.percent(entry.result.expected)),
                    "expectedInterval": .text(interval(entry.result.expectedInterval)),
                    "denominator": .text(ReadableNumber.count(entry.result.denominator)),
                    "targetStatus": .text(entry.result.standardVerdict == .misses ? "Below target" : "Meets target"),
                    "adjustedStatus": .text(ChartStyle.label(entry.result.adjustedVerdict) + (weakPeriods.contains(entry.period) ? " (deprivation explains little)" : "")),
                ]
            }),
            "hasAbsent": .flag(!absent.isEmpty),
            "absent": .list(absent.map { ["label": .text($0.label), "href": .text(periodHref($0))] }),
            "previousArea": neighbour(-1),
            "nextArea": neighbour(1),
        ]
    }
}

extension String {
    /// The string with its first character in upper case.
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
