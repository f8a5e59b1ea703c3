/// One difference between the previous release and this one: a row of `changes.csv` (SPEC §9).
package struct ReleaseChange: Equatable, Sendable {
    /// What changed. The raw values are the `change` column's words.
    package enum Kind: String, CaseIterable, Sendable {
        /// A period this release publishes that the previous one did not (one row per period × indicator).
        case newPeriod = "new_period"
        /// A period the previous release published and this one does not.
        case removedPeriod = "removed_period"
        /// An indicator the previous release did not publish at all (one row per indicator).
        case newIndicator = "new_indicator"
        /// An indicator the previous release published and this one does not.
        case removedIndicator = "removed_indicator"
        /// An area with figures now that had none before: in a period both releases publish, or
        /// (for a new period) an area that no period of the previous release had.
        case areaAppeared = "area_appeared"
        /// An area that had figures before and has none now: in a period both releases publish,
        /// or an area of the previous release's latest period missing from this release's latest.
        case areaDisappeared = "area_disappeared"
        /// The area's published name changed.
        case areaRenamed = "area_renamed"
        /// The numerator (e.g. recovered) of an existing period × indicator × area changed.
        case revisedNumerator = "revised_numerator"
        /// The denominator (e.g. at caseness) of an existing period × indicator × area changed.
        case revisedDenominator = "revised_denominator"
        /// The verdict against the flat standard changed (meets / misses).
        case standardVerdictChanged = "standard_verdict_changed"
        /// The verdict against the deprivation-adjusted benchmark changed (worse / as_expected / better).
        case adjustedVerdictChanged = "adjusted_verdict_changed"
        /// The adjusted funnel verdict changed (worse_99_8 … better_99_8).
        case funnelVerdictChanged = "funnel_verdict_changed"

        /// True for a figure revision.
        package var isRevision: Bool { self == .revisedNumerator || self == .revisedDenominator }
        /// True for a verdict change.
        package var isVerdictChange: Bool {
            self == .standardVerdictChanged || self == .adjustedVerdictChanged || self == .funnelVerdictChanged
        }
    }

    /// The period; `nil` for a change that concerns no one period (a new indicator).
    package var period: Period?
    /// The indicator id (`recovery`, …).
    package var indicator: String
    /// The area; `nil` for a change of a whole period or indicator.
    package var areaCode: AreaCode?
    /// The area's name (this release's, or the previous one's when the area disappeared); empty without an area.
    package var areaName: String
    /// What changed.
    package var kind: Kind
    /// The value before (a count, a verdict word, a name, or the number of areas); empty when none.
    package var previous: String
    /// The value now; empty when none.
    package var current: String

    /// Creates a change.
    package init(period: Period?, indicator: String, areaCode: AreaCode?, areaName: String, kind: Kind,
                 previous: String, current: String) {
        self.period = period
        self.indicator = indicator
        self.areaCode = areaCode
        self.areaName = areaName
        self.kind = kind
        self.previous = previous
        self.current = current
    }
}

/// Every difference between the previous release and this one, in `changes.csv` order
/// (period, indicator, area code, change), plus what a reader needs to know about the comparison.
package struct ReleaseChanges: Equatable, Sendable {
    /// The release compared with; `nil` for a first release (nothing to compare).
    package var previousRelease: String?
    /// The changes, sorted.
    package var changes: [ReleaseChange]
    /// Facts about the comparison a reader should know (e.g. the previous release was read from an
    /// older download schema), in words.
    package var notes: [String]

    /// Creates changes.
    package init(previousRelease: String?, changes: [ReleaseChange], notes: [String] = []) {
        self.previousRelease = previousRelease
        self.changes = changes
        self.notes = notes
    }

    /// The first release: nothing to compare with.
    package static let firstRelease = ReleaseChanges(previousRelease: nil, changes: [])

    /// Periods this release adds, in order.
    package var newPeriods: [Period] {
        var seen = Set<Period>()
        return changes.filter { $0.kind == .newPeriod }.compactMap(\.period).filter { seen.insert($0).inserted }.sorted()
    }

    /// Number of figures revised (numerators and denominators).
    package var revisedFigures: Int { changes.filter(\.kind.isRevision).count }

    /// Areas with at least one verdict change, sorted.
    package var areasWithVerdictChange: [AreaCode] {
        Array(Set(changes.filter(\.kind.isVerdictChange).compactMap(\.areaCode))).sorted()
    }

    /// The changes concerning one area, in order.
    package func changes(of area: AreaCode) -> [ReleaseChange] {
        changes.filter { $0.areaCode == area }
    }
}

/// One input file of a release, as its manifest records it.
package struct ReleaseInput: Equatable, Sendable {
    /// The path as named on the command line.
    package var path: String
    /// Lower-case hex SHA-256 of the file's bytes.
    package var sha256: String

    /// Creates an input record.
    package init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}

/// One published release: what `releases.html`, `releases.csv` and the feed list.
package struct ReleaseRecord: Equatable, Sendable {
    /// The release id (`--release`, default the latest period's slug); names its archive folder.
    package var id: String
    /// The date the release is dated, YYYY-MM-DD (its "generated on" date).
    package var publishedOn: String
    /// The latest period it published.
    package var latestPeriod: String
    /// One line saying what it changed ("first release", "1 new period, 3 figures revised, …").
    package var summary: String
    /// Its input files.
    package var inputs: [ReleaseInput]
    /// The names of the files in its archive folder, sorted (read from the archive, not stored in
    /// `releases.csv`); empty when not known.
    package var archivedFiles: [String]

    /// Creates a release record.
    package init(id: String, publishedOn: String, latestPeriod: String, summary: String, inputs: [ReleaseInput],
                 archivedFiles: [String] = []) {
        self.id = id
        self.publishedOn = publishedOn
        self.latestPeriod = latestPeriod
        self.summary = summary
        self.inputs = inputs
        self.archivedFiles = archivedFiles
    }

    /// Where the release's frozen downloads are, below the output folder.
    package var archiveFolder: String { "releases/\(id)/downloads" }
}

/// Everything a build publishes about releases: this one, the earlier ones, and what changed.
package struct ReleaseHistory: Equatable, Sendable {
    /// Every release, newest first; the first is this build's.
    package var releases: [ReleaseRecord]
    /// What changed since the release before this one.
    package var changes: ReleaseChanges

    /// Creates a history; `releases` must not be empty (its first is the current release).
    package init(releases: [ReleaseRecord], changes: ReleaseChanges) {
        precondition(!releases.isEmpty, "a history has at least the current release")
        self.releases = releases
        self.changes = changes
    }

    /// This build's release.
    package var current: ReleaseRecord { releases[0] }
}
