/// An input file as read: for the manifest and the check summary.
package struct InputFile: Equatable, Sendable {
    /// The path as the user named it.
    package var path: String
    /// What the reader took it for (`tidy outcomes`, `NHS annual wide`, `NHS monthly long`, `deprivation`, …).
    package var format: String
    /// Data rows read (header excluded).
    package var rowCount: Int
    /// Lower-case hex SHA-256 of the file's bytes.
    package var sha256: String
    /// The area level a native NHS file was read at (`CCG`, `ICB`, `Provider`, as written), when it has levels.
    package var areaLevel: String? = nil

    /// Creates an input-file record.
    package init(path: String, format: String, rowCount: Int, sha256: String) {
        self.path = path
        self.format = format
        self.rowCount = rowCount
        self.sha256 = sha256
    }
}

/// Rows an input had that are outside what was asked for — another area level (`England`,
/// `Provider` when `CCG` was chosen), a breakdown other than `Total`, a measure LevelField does
/// not use. They are not data problems, so they are counted here rather than listed row by row.
package struct SkippedRows: Hashable, Sendable {
    /// The input file.
    package var sourceFile: String
    /// What they were, in words (`OrgType England`, `VariableType Age Group`, `measure M192`).
    package var what: String
    /// How many rows.
    package var count: Int

    /// Creates a count of skipped rows.
    package init(sourceFile: String, what: String, count: Int) {
        self.sourceFile = sourceFile
        self.what = what
        self.count = count
    }
}

/// Areas × periods with their counts, joined to deprivation, plus the ledger of everything that
/// could not be used. Ingest's result; Benchmarking's input.
package struct Dataset: Equatable, Sendable {
    /// Usable observations, sorted by period then area code; (period, area) is unique.
    package var observations: [Observation]
    /// Rows and areas excluded, in `LedgerEntry.canonicalOrder`.
    package var ledger: [LedgerEntry]
    /// Every input file, in the order given.
    package var inputs: [InputFile]
    /// Rows outside the selection, per file (counted, not listed).
    package var skipped: [SkippedRows]
    /// England's own rows (`OrgType England` / `GROUP_TYPE England`), one per period at most,
    /// sorted by period: the England rate of an indicator without a standard. Never areas.
    package var england: [Observation]
    /// Breakdown rows (patients' deprivation decile, age, gender, ethnic group) of the areas'
    /// organisations and of England (`ENGLAND`), in `BreakdownRow.canonicalOrder`; beside the
    /// totals, never in them (SPEC §8.1).
    package var breakdowns: [BreakdownRow]

    /// Creates a dataset.
    package init(observations: [Observation], ledger: [LedgerEntry], inputs: [InputFile], skipped: [SkippedRows] = [],
                 england: [Observation] = [], breakdowns: [BreakdownRow] = []) {
        self.observations = observations
        self.england = england
        self.breakdowns = breakdowns
        self.ledger = ledger
        self.inputs = inputs
        self.skipped = skipped
    }

    /// The distinct periods, in order.
    package var periods: [Period] {
        var seen = Set<Period>()
        return observations.map(\.period).filter { seen.insert($0).inserted }.sorted()
    }
}
