import LevelFieldModel

/// Issue 15: how much deprivation explains, and the spread of rates, in words a reader can use.
/// The numbers and the classification come from Benchmarking (`ModelStrength`); this only words them.
extension SiteModel {
    /// "5%" — the thresholds as the pages state them.
    static var pThresholdText: String { ReadableNumber.fixed(100 * ModelStrength.pThreshold, 0) + "%" }
    static var rSquaredThresholdText: String { ReadableNumber.fixed(100 * ModelStrength.rSquaredThreshold, 0) + "%" }

    /// What the indicator's rate is called in a sentence: `recovery rate`, `reliable improvement rate`.
    static func rateNoun(_ indicator: Indicator) -> String { indicator.name.lowercased() + " rate" }

    /// A signed number of percentage points (`+3.8`, `−0.9`, `0.0`).
    static func signedPoints(_ x: Double) -> String {
        let text = ReadableNumber.fixed(x, 1)
        return text.hasPrefix("−") || text == "0.0" ? text : "+" + text
    }

    /// How much deprivation explains in one model, with the gradient from the most to the least
    /// deprived area in the data and its 95% interval. Always shown.
    func strengthSentence(_ analysis: PeriodReport) -> String {
        let s = analysis.model.strength, label = analysis.period.label, rate = Self.rateNoun(analysis.indicator)
        let direction = s.gradient >= 0 ? "rises" : "falls"
        return "In \(label), deprivation explains \(ReadableNumber.percent(100 * s.rSquared)) of the variation in \(rate)s "
            + "between areas (R², weighted by patients). From the most deprived area in the data (\(measureWords) \(deprivation(s.mostDeprived))) "
            + "to the least deprived (\(measureWords) \(deprivation(s.leastDeprived))), expected \(rate) \(direction) by "
            + "\(ReadableNumber.fixed(abs(s.gradient), 1)) percentage points (95% confidence interval \(Self.signedPoints(s.gradientInterval.lower)) "
            + "to \(Self.signedPoints(s.gradientInterval.upper)) points; slope \(ReadableNumber.pPhrase(s.pSlope)))."
    }

    /// The plain warning for a model in which deprivation explains little, or `nil`.
    func weakModelSentence(_ analysis: PeriodReport) -> String? {
        let model = analysis.model, s = model.strength, label = analysis.period.label
        guard s.level == .explainsLittle else { return nil }
        var reasons: [String] = []
        if s.slopeNotSignificant {
            reasons.append("the slope is not statistically significant at the \(Self.pThresholdText) level (\(ReadableNumber.pPhrase(s.pSlope)))")
        }
        if s.rSquaredSmall {
            reasons.append("R² is under \(Self.rSquaredThresholdText) (\(ReadableNumber.percent(100 * s.rSquared)))")
        }
        let fits = model.band.map(\.fit)
        let range = fits.min().flatMap { low in fits.max().map { " (expected rates run only from \(ReadableNumber.percent(low)) to \(ReadableNumber.percent($0)))" } } ?? ""
        return "Deprivation explains little of the variation in \(Self.rateNoun(analysis.indicator))s between areas in \(label): \(reasons.joined(separator: " and ")). "
            + "So each area’s adjusted benchmark is close to the rate of all areas together, \(ReadableNumber.percent(s.pooledRate))\(range), "
            + "and the adjusted verdict mostly says whether an area differs from that average, not how it compares with equally deprived areas."
    }

    /// Spread in percentage points: between areas, and the width of the benchmark intervals.
    func spreadSentence(_ analysis: PeriodReport) -> String {
        let s = analysis.model.strength
        let w = s.benchmarkWidth
        return "\(Self.rateNoun(analysis.indicator).capitalisedFirst)s differ between areas with a standard deviation of \(ReadableNumber.fixed(s.rateSD, 1)) percentage points. "
            + "Each area’s \(confidence) benchmark interval is between \(ReadableNumber.fixed(w.minimum, 1)) and \(ReadableNumber.fixed(w.maximum, 1)) "
            + "percentage points wide (median \(ReadableNumber.fixed(w.median, 1)))."
    }

    /// The note on an area page whose adjusted verdict rests on `model`.
    func areaStrengthNote(_ analysis: PeriodReport) -> String {
        let s = analysis.model.strength, label = analysis.period.label
        switch s.level {
        case .explainsLittle:
            return "How far to trust this benchmark: in \(label) deprivation explains little of the variation between areas "
                + "(R² \(ReadableNumber.percent(100 * s.rSquared)), slope \(ReadableNumber.pPhrase(s.pSlope))), so the adjusted benchmark "
                + "is close to the rate of all areas together (\(ReadableNumber.percent(s.pooledRate))). Being above or below it says "
                + "how the area compares with the average of all areas, not with equally deprived areas."
        case .explainsSome:
            return "How far to trust this benchmark: in \(label) deprivation explains \(ReadableNumber.percent(100 * s.rSquared)) "
                + "of the variation between areas (slope \(ReadableNumber.pPhrase(s.pSlope))); expected \(Self.rateNoun(analysis.indicator)) "
                + "\(s.gradient >= 0 ? "rises" : "falls") by \(ReadableNumber.fixed(abs(s.gradient), 1)) percentage points from the most "
                + "to the least deprived area in the data, so the benchmark does take the area’s deprivation into account."
        }
    }

    /// One line for another indicator's model in the same period.
    func indicatorStrengthLine(_ analysis: PeriodReport) -> String {
        let s = analysis.model.strength
        return "\(analysis.indicator.name): deprivation explains \(ReadableNumber.percent(100 * s.rSquared)) (slope \(ReadableNumber.pPhrase(s.pSlope))); "
            + "from the most to the least deprived area the expected rate changes by \(Self.signedPoints(s.gradient)) percentage points "
            + "(95% confidence interval \(Self.signedPoints(s.gradientInterval.lower)) to \(Self.signedPoints(s.gradientInterval.upper)))"
            + (s.level == .explainsLittle ? ". Deprivation explains little, so its adjusted benchmark is close to the rate of all areas together." : ".")
    }

    /// Context keys for a period's model-strength block.
    func strengthContext(_ analysis: PeriodReport) -> TemplateContext {
        let others = report.analyses(in: analysis.period).filter { $0.indicator.id != analysis.indicator.id }
        return [
            "strengthSentence": .text(strengthSentence(analysis)),
            "weakModel": .list(weakModelSentence(analysis).map { [["sentence": .text($0)]] } ?? []),
            "spreadSentence": .text(spreadSentence(analysis)),
            "otherIndicators": .list(others.map { ["sentence": .text(indicatorStrengthLine($0))] }),
            "hasOtherIndicators": .flag(!others.isEmpty),
        ]
    }
}
