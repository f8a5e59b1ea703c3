import LevelFieldModel
import Statistics

/// SPEC §2.2, §2.7 and §6.2: per-area intervals and the two verdicts, direction-aware.
enum Verdicts {
    /// What the standard verdict compares with: the standard (or `--target` override), else the
    /// England rate of the period, else the pooled rate of the eligible areas (Σ numerator ÷ Σ n).
    static func reference(for indicator: Indicator, options: ReportOptions, england: EnglandRate?,
                          eligible: [Eligibility.Eligible]) -> (value: Double, kind: ReferenceKind) {
        if let standard = options.standard(for: indicator) { return (standard, .standard) }
        if let england { return (england.rate, .england) }
        // Areas with only a given rate contribute rate × n / 100.
        let numerator = eligible.reduce(0.0) { $0 + ($1.numerator.map(Double.init) ?? $1.rate * Double($1.n) / 100) }
        let denominator = eligible.reduce(0.0) { $0 + Double($1.n) }
        return (100 * numerator / denominator, .pooled)
    }

    /// `meets` unless the rate is worse than the reference in the indicator's direction (ties meet).
    static func standard(_ rate: Double, reference: Double, indicator: Indicator) -> StandardVerdict {
        indicator.isWorse(rate, than: reference) ? .misses : .meets
    }

    /// Wilson interval of the area's rate, in percent. With counts it is the PHE/Fingertips
    /// interval on numerator/n; with only a published rate, the same formula on p̂ = rate/100.
    static func wilson(_ area: Eligibility.Eligible, z: Double) -> Interval {
        let proportion = area.numerator.map { Double($0) / Double(area.n) } ?? area.rate / 100
        let interval = Wilson.interval(proportion: proportion, trials: area.n, z: z)
        return Interval(lower: 100 * interval.lower, upper: 100 * interval.upper)
    }
}
