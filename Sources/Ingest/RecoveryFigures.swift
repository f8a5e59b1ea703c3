import LevelFieldModel

/// One count as read for one area and period: its value (`nil` = suppressed or missing), whether
/// the input had it at all, its name as published and where it was.
struct CountField {
    var value: Int?
    var name: String
    var location: SourceLocation

    init(_ value: Int?, name: String, location: SourceLocation) {
        self.value = value
        self.name = name
        self.location = location
    }
}

/// The recovery denominator of one row, or why the row cannot be used.
struct RecoveryAssessment {
    /// Finished and at caseness (the publisher's count, else finished − not at caseness).
    var denominator: Int?
    /// Why the row is excluded, and where to point the ledger; `nil` when usable.
    var problem: (reason: ExclusionReason, location: SourceLocation)?
}

/// The rules shared by every outcome format (SPEC §1.1, §2.1, §5).
enum RecoveryFigures {
    /// Checks one row's counts. Impossible values (not at caseness or at caseness > finished, recovered >
    /// denominator, a rate outside 0–100) throw; missing ones give a problem, in this order:
    /// denominator missing (`suppressed`), denominator 0 (`zeroDenominator`), recovery missing
    /// (`suppressed`, or `noRecoveryFigure` when the input has both a count and a rate column
    /// and both are missing). `atCaseness`, `notAtCaseness`, `recovered`, `rate` are `nil` when the
    /// input has no such column.
    static func assess(
        finished: CountField?, atCaseness: CountField?, notAtCaseness: CountField?,
        recovered: CountField?, rate: (value: Double?, name: String, location: SourceLocation)?,
        row: SourceLocation
    ) throws(IngestError) -> RecoveryAssessment {
        if let finishedValue = finished?.value, let notAt = notAtCaseness, let notAtValue = notAt.value,
           notAtValue > finishedValue {
            throw IngestError(location: notAt.location,
                              reason: .notAtCasenessExceedsFinished(notAtCaseness: notAtValue, finished: finishedValue))
        }
        if let finishedValue = finished?.value, let at = atCaseness, let atValue = at.value, atValue > finishedValue {
            throw IngestError(location: at.location,
                              reason: .atCasenessExceedsFinished(atCaseness: atValue, finished: finishedValue))
        }
        if let rate, let value = rate.value, !(0...100).contains(value) {
            throw IngestError(location: rate.location, reason: .rateOutOfRange(column: rate.name, found: String(value)))
        }
        var denominator: Int?
        var missing: CountField?
        if let at = atCaseness, let value = at.value {
            denominator = value
        } else if let finishedValue = finished?.value, let notAtValue = notAtCaseness?.value {
            denominator = finishedValue - notAtValue
        } else {
            missing = atCaseness ?? (finished?.value == nil ? finished : notAtCaseness)
        }
        if let recovered, let value = recovered.value, let denominator, value > denominator {
            throw IngestError(location: recovered.location,
                              reason: .recoveredExceedsDenominator(recovered: value, denominator: denominator))
        }
        if let missing {
            return RecoveryAssessment(denominator: nil, problem: (.suppressed(column: missing.name), missing.location))
        }
        if denominator == 0 {
            return RecoveryAssessment(denominator: 0, problem: (.zeroDenominator, row))
        }
        if recovered?.value == nil && rate?.value == nil {
            let problem: (ExclusionReason, SourceLocation)
            if let recovered, rate != nil {
                problem = (.noRecoveryFigure, recovered.location)
            } else if let recovered {
                problem = (.suppressed(column: recovered.name), recovered.location)
            } else if let rate {
                problem = (.suppressed(column: rate.name), rate.location)
            } else {
                problem = (.noRecoveryFigure, row)
            }
            return RecoveryAssessment(denominator: denominator, problem: problem)
        }
        return RecoveryAssessment(denominator: denominator, problem: nil)
    }
}
