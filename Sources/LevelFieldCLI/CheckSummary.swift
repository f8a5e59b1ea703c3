import LevelFieldModel

/// What `levelfield check` prints: files, rows, areas, periods, and the ledger by reason.
enum CheckSummary {
    /// The summary; `sourceDateEpoch` is the environment's, for the note on dating a build.
    static func text(_ dataset: Dataset, sourceDateEpoch: String? = nil) -> String {
        var lines: [String] = []
        lines.append("Files:")
        for input in dataset.inputs {
            lines.append("  \(input.path)  (\(input.format), \(input.rowCount) data row\(input.rowCount == 1 ? "" : "s"))")
        }
        let areas = Set(dataset.observations.map(\.areaCode)).count
        let periods = dataset.periods
        lines.append("Observations: \(dataset.observations.count) usable area-period rows, \(areas) area\(areas == 1 ? "" : "s"), \(periods.count) period\(periods.count == 1 ? "" : "s")")
        if let first = periods.first, let last = periods.last {
            lines.append("Periods: \(first.label == last.label ? first.label : "\(first.label) … \(last.label)")")
        }
        // The one thing about the data that can stop `build` and is not an error here: without
        // --date, the report is dated by the latest period's end, which needs a known label form.
        do {
            _ = try GenerationDate.resolve(explicit: nil, sourceDateEpoch: sourceDateEpoch, periods: periods)
        } catch {
            lines.append("Note: build will need --date: \(error.message)")
        }
        lines.append("Ledger: \(dataset.ledger.count) row\(dataset.ledger.count == 1 ? "" : "s") not used")
        for (reason, count) in countsByReason(dataset.ledger) {
            lines.append("  \(pad(String(count), 7))  \(reason)")
        }
        if !dataset.skipped.isEmpty {
            let total = dataset.skipped.reduce(0) { $0 + $1.count }
            lines.append("Outside the selection (counted, not used): \(total) row\(total == 1 ? "" : "s")")
            for skipped in dataset.skipped {
                lines.append("  \(pad(String(skipped.count), 7))  \(skipped.what)  [\(skipped.sourceFile)]")
            }
        }
        return lines.joined(separator: "\n")
    }

    /// Ledger counts by reason key, most frequent first, ties by key.
    static func countsByReason(_ ledger: [LedgerEntry]) -> [(String, Int)] {
        var counts: [String: Int] = [:]
        for entry in ledger { counts[entry.reason.key, default: 0] += 1 }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func pad(_ text: String, _ width: Int) -> String {
        String(repeating: " ", count: max(0, width - text.count)) + text
    }
}
