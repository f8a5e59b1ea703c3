import LevelFieldModel

extension Join {
    /// Refuses, at the row that introduces it, an outcome row whose area code or period label
    /// would name a page file that cannot exist or that another value already names: the site has
    /// `areas/<code>.html` and `periods/<slug>.html`, and on a file system that ignores letter case
    /// (macOS, Windows) `A04` and `a04` are one file. So `check` refuses what `build` could not write.
    static func checkFileNames(_ rows: [OutcomeRow]) throws(IngestError) {
        // Lower-cased file name → the value that claimed it and where.
        var areas: [String: (code: String, location: SourceLocation)] = [:]
        var periods: [String: (label: String, location: SourceLocation)] = [:]
        // Values already checked: most rows repeat a code and a period seen before.
        var seenCodes: Set<AreaCode> = [], seenPeriods: Set<Period> = []
        for row in rows {
            let observation = row.observation
            if !seenCodes.insert(observation.areaCode).inserted && !seenPeriods.insert(observation.period).inserted { continue }
            seenPeriods.insert(observation.period)
            let code = observation.areaCode.rawValue
            if !observation.areaCode.isSafeFileName {
                throw IngestError(location: observation.source, reason: .unsafeAreaCode(code))
            }
            let areaKey = code.lowercased()
            if let earlier = areas[areaKey] {
                if earlier.code != code {
                    throw IngestError(location: observation.source, reason: .fileNameCollision(
                        kind: "area code", value: code, earlier: earlier.code, first: earlier.location))
                }
            } else {
                areas[areaKey] = (code, observation.source)
            }
            let label = observation.period.label
            if observation.period.fileNameProblem != nil {
                throw IngestError(location: observation.source, reason: .unsafePeriodLabel(label))
            }
            let slug = observation.period.slug
            if let earlier = periods[slug] {
                if earlier.label != label {
                    throw IngestError(location: observation.source, reason: .fileNameCollision(
                        kind: "period", value: label, earlier: earlier.label, first: earlier.location))
                }
            } else {
                periods[slug] = (label, observation.source)
            }
        }
    }
}
