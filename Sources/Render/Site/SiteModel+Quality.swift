import LevelFieldModel

/// `quality.html` (issue 15): what the figures can and cannot bear, in the GSS / ONS quality
/// dimensions, built from the report — the ledger, the counts, the inputs — not boilerplate.
extension SiteModel {
    /// The figures of the quality page, computed once from the report (tests compare them with the ledger).
    struct QualityFigures {
        /// Ledger lines whose reason is a suppressed or missing value (`suppressed`, `suppressed_month`).
        var suppressed: Int
        /// Every ledger line.
        var ledgerLines: Int
        /// Counts (referrals, finished, denominator, recovered) of analysed areas that are multiples of 5, and all of them.
        var multiplesOfFive: Int
        var counts: Int
        /// True when any outcome input is an NHS Digital / NHS England file.
        var nhsInputs: Bool
        /// The largest |recomputed − published| recovery rate, where the input had both.
        var largestGap: (gap: Double, period: Period, area: AreaResult, published: Double)?
        /// Areas compared, and the mean absolute gap.
        var compared: Int
        var meanGap: Double
        /// Periods where deprivation explains little.
        var weakPeriods: [Period]
    }

    /// Share of counts that must be multiples of 5 before the page says the counts look rounded
    /// (unrounded counts are multiples of 5 about 20% of the time).
    static let roundedShare = 0.99

    /// The version-2.1 dataset change of April 2022 (national-standards.md §1.2): caseness and recovery
    /// are not strictly comparable across it.
    static let seriesBreak = (year: 2022, month: 4)

    func qualityFigures() -> QualityFigures {
        let suppressed = report.ledger.filter {
            switch $0.reason {
            case .suppressed, .suppressedMonth: true
            default: false
            }
        }.count
        var multiples = 0, counts = 0
        var best: (gap: Double, period: Period, area: AreaResult, published: Double)?
        var compared = 0, gapSum = 0.0
        for period in report.periods {
            for area in period.areas {
                let o = area.observation
                for count in [o.referrals, o.finishedTreatment, o.recoveryDenominator, o.recovered].compactMap({ $0 }) {
                    counts += 1
                    if count % 5 == 0 { multiples += 1 }
                }
                if let published = o.publishedRecoveryRate, o.recovered != nil {
                    let gap = abs(area.rate - published)
                    compared += 1
                    gapSum += gap
                    if best == nil || gap > best!.gap { best = (gap, period.period, area, published) }
                }
            }
        }
        return QualityFigures(
            suppressed: suppressed, ledgerLines: report.ledger.count, multiplesOfFive: multiples, counts: counts,
            nhsInputs: report.inputs.contains { $0.format.hasPrefix("NHS") },
            largestGap: best, compared: compared, meanGap: compared == 0 ? 0 : gapSum / Double(compared),
            weakPeriods: report.periods.filter { $0.model.strength.level == .explainsLittle }.map(\.period))
    }

    /// The first calendar month of a period label (`2021-22` → April 2021, `2022-23 Q2` → July 2022,
    /// `2024-03` → March 2024), or `nil` for a label of another form.
    static func firstMonth(_ period: Period) -> (year: Int, month: Int)? {
        let label = Array(period.label.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= label.count, range.allSatisfy({ label[$0] >= 0x30 && label[$0] <= 0x39 }) else { return nil }
            return range.reduce(0) { $0 * 10 + Int(label[$1] - 0x30) }
        }
        guard label.count >= 7, label[4] == 0x2D, let year = number(0..<4), let second = number(5..<7) else { return nil }
        if label.count == 7 {
            if (year + 1) % 100 == second { return (year, 4) }
            return (1...12).contains(second) ? (year, second) : nil
        }
        guard (year + 1) % 100 == second, label.count == 10, label[7] == 0x20, label[8] == 0x51 || label[8] == 0x71,
              let quarter = number(9..<10), (1...4).contains(quarter) else { return nil }
        let month = 4 + 3 * (quarter - 1)
        return month > 12 ? (year + 1, month - 12) : (year, month)
    }

    func quality() -> TemplateContext {
        let q = qualityFigures()
        let periods = report.periods
        let inputsByPath = Dictionary(report.inputs.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })

        // Rounding, said from the data and from the kind of input.
        let share = q.counts == 0 ? 0 : Double(q.multiplesOfFive) / Double(q.counts)
        var rounding = "Of the \(ReadableNumber.count(q.counts)) counts behind the analysed areas (referrals, finished treatment, recovery denominator, recovered), "
            + "\(ReadableNumber.count(q.multiplesOfFive)) (\(ReadableNumber.percent(100 * share))) are multiples of 5"
        if q.counts > 0 && share >= Self.roundedShare {
            rounding += ": the counts are rounded to the nearest 5, so a rate recomputed from them can differ from one computed from the true counts, most for small areas."
        } else {
            rounding += ", about what unrounded counts would give (one in five): the counts do not look rounded."
        }
        if q.nhsInputs {
            rounding += " NHS Digital and NHS England round sub-national counts to the nearest 5 and suppress small numbers (shown as *); England totals are not rounded."
        }

        let gap: String
        if let best = q.largestGap {
            gap = "The inputs carry the publisher’s own recovery percentage for \(ReadableNumber.count(q.compared)) of the analysed area-periods. The rate recomputed here from the "
                + "published counts differs from it by \(ReadableNumber.fixed(q.meanGap, 2)) percentage points on average; the largest gap is "
                + "\(ReadableNumber.fixed(best.gap, 2)) points, for \(best.area.name) (\(best.area.code.rawValue)) in \(best.period.label): "
                + "\(ReadableNumber.percent(best.area.rate)) recomputed against \(ReadableNumber.fixed(best.published, best.published == best.published.rounded() ? 0 : 1))% published. "
                + "Published percentages are computed by the publisher from unrounded counts (and themselves rounded), so gaps of about a point are expected; "
                + "this site uses the recomputed rates throughout."
        } else {
            gap = "The inputs carry no published recovery percentage beside the counts, so the recomputed rates could not be compared with the publisher’s."
        }

        let periodRows: [TemplateContext] = periods.map { period in
            let files = Set(period.areas.map(\.observation.source.file)).sorted()
            let levels = files.compactMap { inputsByPath[$0]?.areaLevel }
            let levelText = levels.isEmpty
                ? (files.compactMap { inputsByPath[$0]?.format }.first.map { "as given (\($0))" } ?? "as given")
                : Array(Set(levels)).sorted().joined(separator: ", ")
            var versions: [String: Int] = [:]
            for area in period.areas { versions[area.observation.imdVersion ?? "not stated", default: 0] += 1 }
            let versionText = versions.keys.sorted().map { versions.count == 1 ? $0 : "\($0) (\(versions[$0]!) areas)" }.joined(separator: ", ")
            return [
                "label": .text(period.period.label),
                "href": .text(periodHref(period.period, root: "")),
                "areas": .text(ReadableNumber.count(period.areas.count)),
                "level": .text(levelText),
                "imd": .text(versionText),
                "strength": .text(period.model.strength.level == .explainsLittle ? "little" : "some (R² \(ReadableNumber.percent(100 * period.model.strength.rSquared)))"),
            ]
        }
        let levels = Set(periodRows.compactMap { row -> String? in if case .text(let t)? = row["level"] { return t }; return nil })
        let versions = Set(periods.flatMap { $0.areas.compactMap(\.observation.imdVersion) })
        var comparability: [String] = []
        if levels.count > 1 {
            comparability.append("The area level changes between periods (\(levels.sorted().joined(separator: "; "))): areas merged or were replaced (CCGs by sub-ICB locations and ICBs from July 2022), so an area’s history is only comparable while its boundary stayed the same, and the number of areas differs between periods.")
        }
        if versions.count > 1 {
            comparability.append("Deprivation comes from more than one release of the English Indices of Deprivation (\(versions.sorted().joined(separator: ", "))). Ranks are relative to the areas of their own release and period, so an area’s rank can move without its deprivation changing; each period’s benchmark uses its own release.")
        }
        let starts = periods.compactMap { p in Self.firstMonth(p.period).map { (p.period, $0) } }
        let before = starts.filter { $0.1.year * 12 + $0.1.month < Self.seriesBreak.year * 12 + Self.seriesBreak.month }.map(\.0)
        let after = starts.filter { $0.1.year * 12 + $0.1.month >= Self.seriesBreak.year * 12 + Self.seriesBreak.month }.map(\.0)
        var definitions = "Recovery, caseness and the other outcome measures are NHS England’s standard definitions (see the methods page). "
            + "In April 2022 the dataset moved to version 2.1, which added anxiety-disorder-specific measures (for example for body dysmorphic disorder), "
            + "so caseness and recovery are not strictly comparable across April 2022."
        if !before.isEmpty && !after.isEmpty {
            func span(_ list: [Period]) -> String { list.count == 1 ? list[0].label : "\(list.first!.label) … \(list.last!.label)" }
            definitions += " This report has periods on both sides of that break (\(span(before)) before; \(span(after)) after): compare rates across it with care."
        } else if !starts.isEmpty {
            definitions += " Every period in this report lies on the same side of that break."
        }

        // Every model, per period and indicator: how much deprivation explains (issue 15, item 1).
        let analyses = report.analyses.sorted { ($0.period, $0.indicator.order) < ($1.period, $1.indicator.order) }
        let strengthRows: [TemplateContext] = analyses.map { analysis in
            let s = analysis.model.strength
            return [
                "label": .text(analysis.period.label),
                "indicator": .text(analysis.indicator.name),
                "areas": .text(ReadableNumber.count(analysis.model.areas)),
                "rSquared": .text(ReadableNumber.percent(100 * s.rSquared)),
                "p": .text(ReadableNumber.pValue(s.pSlope)),
                "gradient": .text("\(Self.signedPoints(s.gradient)) (\(Self.signedPoints(s.gradientInterval.lower)) to \(Self.signedPoints(s.gradientInterval.upper)))"),
                "level": .text(s.level == .explainsLittle ? "little: benchmark close to the all-areas rate" : "some"),
            ]
        }

        let latest = periods.last?.period.label ?? "none"
        return [
            "title": .text("Quality and methodology"),
            "hasPeriods": .flag(!periods.isEmpty),
            "periodCount": .text(ReadableNumber.count(periods.count)),
            "latest": .text(latest),
            "generatedOn": .text(report.metadata.generatedOn),
            "suppressed": .text(ReadableNumber.count(q.suppressed)),
            "ledgerLines": .text(ReadableNumber.count(q.ledgerLines)),
            "rounding": .text(rounding),
            "gap": .text(gap),
            "weakCount": .text(ReadableNumber.count(q.weakPeriods.count)),
            "weakPeriods": .text(q.weakPeriods.isEmpty ? "none" : q.weakPeriods.map(\.label).joined(separator: ", ")),
            "periodRows": .list(periodRows),
            "strengthRows": .list(strengthRows),
            "hasStrengthRows": .flag(!strengthRows.isEmpty),
            "comparability": .list(comparability.map { ["text": .text($0)] }),
            "definitions": .text(definitions),
            "target": .text(target),
        ]
    }
}
