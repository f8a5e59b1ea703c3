import LevelFieldModel

/// Compares the figures a previous release published with this release's (SPEC §9): periods and
/// indicators added or removed, areas that appeared or disappeared, every revised count of a
/// period × indicator × area both publish, and every verdict that changed. Pure: no I/O.
package enum ReleaseComparison {
    /// The changes from `previous` (the release `previousRelease`) to `current`, sorted by
    /// period (changes of no one period first), indicator (in order of first appearance in
    /// `current`, then `previous`), area code and kind.
    ///
    /// A verdict is compared only when both files have its column (a schema 1 file has no funnel
    /// verdict). `notes` gains a line when the previous file was of an older schema.
    package static func compare(previous: PublishedFigures, current: PublishedFigures, previousRelease: String) -> ReleaseChanges {
        var changes: [ReleaseChange] = []
        let old = Table(previous.figures)
        let new = Table(current.figures)

        var indicatorOrder: [String: Int] = [:]
        for figure in current.figures + previous.figures where indicatorOrder[figure.indicator] == nil {
            indicatorOrder[figure.indicator] = indicatorOrder.count
        }
        let indicators = indicatorOrder.keys.sorted { indicatorOrder[$0]! < indicatorOrder[$1]! }

        for indicator in indicators {
            let before = old.periods[indicator] ?? [:]
            let after = new.periods[indicator] ?? [:]
            if before.isEmpty {
                changes.append(ReleaseChange(period: nil, indicator: indicator, areaCode: nil, areaName: "", kind: .newIndicator,
                                             previous: "", current: "\(after.count)"))
                continue
            }
            if after.isEmpty {
                changes.append(ReleaseChange(period: nil, indicator: indicator, areaCode: nil, areaName: "", kind: .removedIndicator,
                                             previous: "\(before.count)", current: ""))
                continue
            }
            let everSeen = Set(before.values.flatMap(\.keys))
            for period in Set(before.keys).union(after.keys).sorted() {
                switch (before[period], after[period]) {
                case (nil, let areas?):
                    changes.append(ReleaseChange(period: period, indicator: indicator, areaCode: nil, areaName: "", kind: .newPeriod,
                                                 previous: "", current: "\(areas.count)"))
                    for code in areas.keys.sorted() where !everSeen.contains(code) {
                        let figure = areas[code]!
                        changes.append(ReleaseChange(period: period, indicator: indicator, areaCode: code, areaName: figure.areaName,
                                                     kind: .areaAppeared, previous: "", current: text(figure.denominator)))
                    }
                case (let areas?, nil):
                    changes.append(ReleaseChange(period: period, indicator: indicator, areaCode: nil, areaName: "", kind: .removedPeriod,
                                                 previous: "\(areas.count)", current: ""))
                case (let was?, let now?):
                    changes += compare(was, now, period: period, indicator: indicator)
                case (nil, nil):
                    break
                }
            }
            // Areas of the previous release's latest period that this release's new latest period lacks.
            if let oldLatest = before.keys.max(), let newLatest = after.keys.max(), before[newLatest] == nil {
                let now = after[newLatest]!
                for code in before[oldLatest]!.keys.sorted() where now[code] == nil {
                    let figure = before[oldLatest]![code]!
                    changes.append(ReleaseChange(period: newLatest, indicator: indicator, areaCode: code, areaName: figure.areaName,
                                                 kind: .areaDisappeared, previous: text(figure.denominator), current: ""))
                }
            }
        }

        // A renamed area: its name in the latest period each release has it.
        for code in new.latestNames.keys.sorted() {
            guard let was = old.latestNames[code], let now = new.latestNames[code], was.name != now.name else { continue }
            changes.append(ReleaseChange(period: nil, indicator: "", areaCode: code, areaName: now.name, kind: .areaRenamed,
                                         previous: was.name, current: now.name))
        }

        let kindOrder = Dictionary(uniqueKeysWithValues: ReleaseChange.Kind.allCases.enumerated().map { ($1, $0) })
        changes.sort { a, b in
            if a.period != b.period {
                guard let p = a.period else { return true }
                guard let q = b.period else { return false }
                return p < q
            }
            let i = indicatorOrder[a.indicator] ?? -1, j = indicatorOrder[b.indicator] ?? -1
            if i != j { return i < j }
            if a.areaCode != b.areaCode {
                guard let p = a.areaCode else { return true }
                guard let q = b.areaCode else { return false }
                return p < q
            }
            return kindOrder[a.kind]! < kindOrder[b.kind]!
        }
        var notes: [String] = []
        if previous.schema < current.schema {
            notes.append("Release \(previousRelease) was published in download schema \(previous.schema); its columns were read under this schema's names (recovered as the recovery numerator, recovery_denominator as its denominator, target_status below/meets as misses/meets, adjusted_status below/within/above as worse/as_expected/better).")
        }
        if current.figures.contains(where: { $0.funnelVerdict != nil }) && !previous.figures.contains(where: { $0.funnelVerdict != nil }) {
            notes.append("Release \(previousRelease) published no funnel verdicts, so funnel verdicts are not compared.")
        }
        return ReleaseChanges(previousRelease: previousRelease, changes: changes, notes: notes)
    }

    /// Changes within one period × indicator both releases publish.
    private static func compare(_ was: [AreaCode: PublishedFigure], _ now: [AreaCode: PublishedFigure],
                                period: Period, indicator: String) -> [ReleaseChange] {
        var out: [ReleaseChange] = []
        for code in Set(was.keys).union(now.keys).sorted() {
            func change(_ kind: ReleaseChange.Kind, _ previous: String, _ current: String, name: String) {
                out.append(ReleaseChange(period: period, indicator: indicator, areaCode: code, areaName: name, kind: kind,
                                         previous: previous, current: current))
            }
            switch (was[code], now[code]) {
            case (nil, let figure?):
                change(.areaAppeared, "", text(figure.denominator), name: figure.areaName)
            case (let figure?, nil):
                change(.areaDisappeared, text(figure.denominator), "", name: figure.areaName)
            case (let a?, let b?):
                let name = b.areaName
                if a.numerator != b.numerator { change(.revisedNumerator, text(a.numerator), text(b.numerator), name: name) }
                if a.denominator != b.denominator { change(.revisedDenominator, text(a.denominator), text(b.denominator), name: name) }
                for (kind, x, y) in [(ReleaseChange.Kind.standardVerdictChanged, a.standardVerdict, b.standardVerdict),
                                     (.adjustedVerdictChanged, a.adjustedVerdict, b.adjustedVerdict),
                                     (.funnelVerdictChanged, a.funnelVerdict, b.funnelVerdict)] {
                    if let x, let y, x != y { change(kind, x, y, name: name) }
                }
            case (nil, nil):
                break
            }
        }
        return out
    }

    private static func text(_ count: Int?) -> String { count.map(String.init) ?? "" }

    /// Figures by indicator, period and area, and each area's name in the latest period it has.
    private struct Table {
        var periods: [String: [Period: [AreaCode: PublishedFigure]]] = [:]
        var latestNames: [AreaCode: (period: Period, name: String)] = [:]

        init(_ figures: [PublishedFigure]) {
            for figure in figures {
                periods[figure.indicator, default: [:]][figure.period, default: [:]][figure.areaCode] = figure
                if let known = latestNames[figure.areaCode], known.period >= figure.period { continue }
                latestNames[figure.areaCode] = (figure.period, figure.areaName)
            }
        }
    }
}
