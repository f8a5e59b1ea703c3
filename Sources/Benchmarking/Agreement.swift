import LevelFieldModel
import Statistics

/// SPEC §2.8 / §7.2: the 2×2 of two verdict systems (rows: first worse / not; columns: second
/// worse / not) with κ, Pearson χ² and McNemar χ².
enum Agreement {
    /// `standard_vs_adjusted`: the standard verdict against the adjusted verdict.
    static func standardVsAdjusted(_ areas: [AreaResult]) -> AgreementSummary {
        summary("standard_vs_adjusted", areas.map { ($0.standardVerdict == .misses, $0.adjustedVerdict == .worse) })
    }

    /// The summary of (first worse, second worse) pairs.
    static func summary(_ comparison: String, _ pairs: [(first: Bool, second: Bool)]) -> AgreementSummary {
        var cells = [0, 0, 0, 0]
        for pair in pairs { cells[(pair.first ? 0 : 2) + (pair.second ? 0 : 1)] += 1 }
        let table = [[cells[0], cells[1]], [cells[2], cells[3]]]
        var notes: [String] = []
        var kappa: KappaResult?
        switch CohenKappa.compute(table, confidence: 0.95) {
        case .success(let value): kappa = value
        case .failure(let problem): notes.append("κ not computable: \(problem.reason)")
        }
        var pearson: ChiSquareTest?
        switch PearsonChiSquare.test(table) {
        case .success(let value): pearson = value
        case .failure(let problem): notes.append("Pearson χ² not computable: \(problem.reason)")
        }
        var mcnemar: ChiSquareTest?
        switch McNemar.test(table) {
        case .success(let value): mcnemar = value
        case .failure(let problem): notes.append("McNemar χ² not computable: \(problem.reason)")
        }
        return AgreementSummary(
            comparison: comparison, areas: pairs.count,
            worseBoth: cells[0], worseFirstOnly: cells[1], worseSecondOnly: cells[2], worseNeither: cells[3],
            kappa: kappa?.kappa, kappaSE: kappa?.standardError,
            kappaInterval: kappa.map { Interval(lower: $0.lower, upper: $0.upper) },
            pearsonChi2: pearson?.statistic, pearsonP: pearson?.pValue,
            mcnemarChi2: mcnemar?.statistic, mcnemarP: mcnemar?.pValue, notes: notes)
    }
}
