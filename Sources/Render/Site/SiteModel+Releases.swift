import LevelFieldModel

/// The release pages of SPEC §9 (`changes.html`, `releases.html`), the overview's one-line
/// summary of this release, and each area page's note of its own changes.
extension SiteModel {
    /// Rows a changes table shows before pointing to `changes.csv` for the rest (a revised
    /// quarter can revise every area).
    static let changeRowLimit = 300

    /// The history a build without one publishes: this report as a first release.
    static func firstRelease(of report: Report) -> ReleaseHistory {
        let latest = report.latest?.period
        let record = ReleaseRecord(id: latest?.slug ?? "release", publishedOn: report.metadata.generatedOn,
                                   latestPeriod: latest?.label ?? "", summary: "first release",
                                   inputs: report.inputs.map { ReleaseInput(path: $0.path, sha256: $0.sha256) })
        return ReleaseHistory(releases: [record], changes: .firstRelease)
    }

    var history: ReleaseHistory { releases ?? Self.firstRelease(of: report) }

    var areaWord: String { options.areaLevel?.lowercased() == "provider" ? "services" : "areas" }

    /// The overview's line about this release (`releaseLine`, one item or none).
    func releaseLine() -> TemplateContext {
        let history = history
        let changes = history.changes
        return ["releaseLine": .list([[
            "releaseID": .text(history.current.id),
            "isFirst": .flag(changes.previousRelease == nil),
            "summary": .text(history.current.summary),
        ]])]
    }

    /// `changes.html`.
    func changesPage(root: String) -> TemplateContext {
        let history = history
        let changes = history.changes
        let previous = changes.previousRelease.flatMap { id in history.releases.first { $0.id == id } }
        func rows(_ filter: (ReleaseChange) -> Bool) -> (rows: [TemplateContext], more: Int) {
            let all = changes.changes.filter(filter)
            let shown = all.prefix(Self.changeRowLimit).map { change -> TemplateContext in
                let area = change.areaCode
                let hasPage = area.map { histories[$0] != nil } ?? false
                return [
                    "period": .text(change.period?.label ?? "—"),
                    "indicator": .text(change.indicator.isEmpty ? "—" : Self.indicatorName(change.indicator)),
                    "hasArea": .flag(area != nil),
                    "hasPage": .flag(hasPage),
                    "href": .text(area.map { areaHref($0, root: root) } ?? ""),
                    "code": .text(area?.rawValue ?? ""),
                    "name": .text(change.areaName),
                    "what": .text(Self.changeWords(change.kind)),
                    "previous": .text(change.previous.isEmpty ? "—" : Self.valueWords(change.previous)),
                    "current": .text(change.current.isEmpty ? "—" : Self.valueWords(change.current)),
                ]
            }
            return (Array(shown), max(0, all.count - Self.changeRowLimit))
        }
        func table(_ id: String, _ heading: String, _ filter: @escaping (ReleaseChange) -> Bool) -> TemplateContext {
            let (shown, more) = rows(filter)
            return [
                "id": .text(id), "heading": .text(heading), "count": .text(ReadableNumber.count(shown.count + more)),
                "rows": .list(shown),
                "more": .list(more > 0 ? [["count": .text(ReadableNumber.count(more))]] : []),
            ]
        }
        let tables: [TemplateContext] = [
            table("changed-periods", "Periods and indicators added or removed") {
                [.newPeriod, .removedPeriod, .newIndicator, .removedIndicator].contains($0.kind)
            },
            table("changed-revisions", "Revised figures") { $0.kind.isRevision },
            table("changed-verdicts", "Verdicts that changed") { $0.kind.isVerdictChange },
            table("changed-areas", "\(areaWord.prefix(1).uppercased() + areaWord.dropFirst()) that appeared, disappeared or were renamed") {
                [.areaAppeared, .areaDisappeared, .areaRenamed].contains($0.kind)
            },
        ].filter { if case .list(let rows)? = $0["rows"] { return !rows.isEmpty } else { return false } }
        return [
            "title": .text("What changed in release \(history.current.id)"),
            "releaseID": .text(history.current.id),
            "publishedOn": .text(history.current.publishedOn),
            "summary": .text(history.current.summary),
            "isFirst": .flag(changes.previousRelease == nil),
            "previousID": .text(changes.previousRelease ?? ""),
            "previous": .list(changes.previousRelease.map { id in
                [["previousID": .text(id), "previousDate": .text(previous?.publishedOn ?? "an earlier date"),
                  "previousHref": .text(root + "releases/\(id)/downloads/manifest.json")]]
            } ?? []),
            "newPeriods": .text(changes.newPeriods.map(\.label).joined(separator: ", ")),
            "hasNewPeriods": .flag(!changes.newPeriods.isEmpty),
            "revisedCount": .text(ReadableNumber.count(changes.revisedFigures)),
            "verdictAreas": .text(Self.counted(changes.areasWithVerdictChange.count, areaWord)),
            "noChanges": .flag(changes.previousRelease != nil && changes.changes.isEmpty),
            "notes": .list(changes.notes.map { ["note": .text($0)] }),
            "tables": .list(tables),
        ]
    }

    /// `releases.html`: every release, newest first.
    func releasesPage(root: String) -> TemplateContext {
        let history = history
        return [
            "title": .text("Releases"),
            "releases": .list(history.releases.enumerated().map { index, release in
                [
                    "anchor": .text("release-\(release.id)"),
                    "releaseID": .text(release.id),
                    "isCurrent": .flag(index == 0),
                    "publishedOn": .text(release.publishedOn),
                    "latestPeriod": .text(release.latestPeriod.isEmpty ? "—" : release.latestPeriod),
                    "summary": .text(release.summary),
                    "folderHref": .text(root + release.archiveFolder + "/"),
                    "folder": .text(release.archiveFolder + "/"),
                    "files": .list(release.archivedFiles.map { ["href": .text(root + release.archiveFolder + "/" + $0), "file": .text($0)] }),
                    "inputs": .list(release.inputs.map { ["path": .text($0.path), "sha256": .text($0.sha256)] }),
                ]
            }),
        ]
    }

    /// An area page's note of what this release changed for it (`releaseNotes`: empty when nothing).
    func releaseNotes(for code: AreaCode) -> TemplateContext {
        let history = history
        guard let previous = history.changes.previousRelease else { return ["releaseNotes": .list([])] }
        let mine = history.changes.changes(of: code).filter { $0.kind != .areaAppeared || $0.period != nil }
        guard !mine.isEmpty else { return ["releaseNotes": .list([])] }
        let items: [TemplateContext] = mine.map { change in
            var words = Self.changeWords(change.kind)
            if let period = change.period { words += " in \(period.label)" }
            if !change.indicator.isEmpty { words += " (\(Self.indicatorName(change.indicator)))" }
            if !change.previous.isEmpty || !change.current.isEmpty {
                words += ": \(change.previous.isEmpty ? "none" : Self.valueWords(change.previous)) → \(change.current.isEmpty ? "none" : Self.valueWords(change.current))"
            }
            return ["change": .text(words)]
        }
        return ["releaseNotes": .list([["previousID": .text(previous), "releaseID": .text(history.current.id), "changes": .list(items)]])]
    }

    /// An indicator's name on the site (its id when the table does not know it: a release of another version).
    static func indicatorName(_ id: String) -> String { Indicator.withID(id)?.name ?? id }

    /// "1 area", "2 areas".
    static func counted(_ n: Int, _ plural: String) -> String {
        "\(ReadableNumber.count(n)) \(n == 1 && plural.hasSuffix("s") ? String(plural.dropLast()) : plural)"
    }

    /// A change kind in words.
    static func changeWords(_ kind: ReleaseChange.Kind) -> String {
        switch kind {
        case .newPeriod: "new period"
        case .removedPeriod: "period no longer published"
        case .newIndicator: "new indicator"
        case .removedIndicator: "indicator no longer published"
        case .areaAppeared: "figures published for the first time"
        case .areaDisappeared: "figures no longer published"
        case .areaRenamed: "renamed"
        case .revisedNumerator: "numerator revised"
        case .revisedDenominator: "denominator revised"
        case .standardVerdictChanged: "verdict against the standard changed"
        case .adjustedVerdictChanged: "verdict against the adjusted benchmark changed"
        case .funnelVerdictChanged: "funnel verdict changed"
        }
    }

    /// A verdict word of the downloads in words (`as_expected` → `as expected`); other values as they are.
    static func valueWords(_ value: String) -> String {
        switch value {
        case "as_expected": "as expected"
        case "worse_95", "better_95": value.replacingUnderscores() + "% limit"
        case "worse_99_8", "better_99_8": value.replacingUnderscores() + "% limit"
        default: value
        }
    }
}

private extension String {
    /// `worse_99_8` → `worse than the 99.8`, `better_95` → `better than the 95`.
    func replacingUnderscores() -> String {
        let parts = split(separator: "_", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return self }
        return "\(parts[0]) than the \(parts[1].split(separator: "_").joined(separator: "."))"
    }
}
