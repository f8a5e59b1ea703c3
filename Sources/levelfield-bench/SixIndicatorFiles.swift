import Foundation

/// The six-indicator case (issue 9): a tidy outcomes CSV (SPEC §1.1 with every optional indicator
/// column of §6) for `areas` areas × `quarters` quarters, and its deprivation file. Seeded and
/// integer-exact, so the files are the same on every run and can be cached.
enum SixIndicatorFiles {
    static let header = "period,area_code,area_name,referrals,finished_treatment,at_caseness,recovered,reliable_recovery,"
        + "reliable_improvement,reliable_deterioration,waited_under_6_weeks,waited_under_18_weeks\n"

    /// Writes `six-<quarters>q-<areas>a-outcomes.csv` and `…-deprivation.csv` under `directory`
    /// unless they exist; returns their paths.
    static func write(quarters: Int, areas: Int, seed: UInt64, directory: String) throws -> (outcomes: String, deprivation: String) {
        let stem = "\(directory)/six-\(quarters)q-\(areas)a"
        let outcomes = stem + "-outcomes.csv", deprivation = stem + "-deprivation.csv"
        if FileManager.default.fileExists(atPath: outcomes) && FileManager.default.fileExists(atPath: deprivation) {
            return (outcomes, deprivation)
        }
        var random = SplitMix(seed: seed, stream: 6)
        var traits: [(size: Double, effect: Double, wait: Double)] = []
        var text = "area_code,area_name,imd_rank,imd_score\n"
        for area in 0..<areas {
            traits.append((300 + 2_000 * random.uniform(), 0.08 * (random.uniform() - 0.5), 0.1 * random.uniform()))
            text += "Z\(area),Area \(area),\(area + 1),\(fixed(50 - 45 * Double(area) / Double(areas), 3))\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: deprivation), options: .atomic)
        var out = header
        for quarter in 0..<quarters {
            let period = "\(2015 + (quarter + 1) / 4)-\((16 + (quarter + 1) / 4) % 100) Q\((quarter + 1) % 4 + 1)"
            for area in 0..<areas {
                let d = Double(area) / Double(max(areas - 1, 1))   // 0 most deprived … 1 least
                let t = traits[area]
                let finished = Int(t.size * (0.9 + 0.2 * random.uniform()))
                let caseness = finished * 9 / 10
                func share(_ base: Double, _ gradient: Double) -> Double {
                    min(max(base + gradient * d + t.effect + 0.03 * (random.uniform() - 0.5), 0.01), 0.995)
                }
                let recovered = Int(Double(caseness) * share(0.44, 0.08))
                let reliableRecovery = recovered * 94 / 100
                let improvement = Int(Double(finished) * share(0.64, 0.06))
                let deterioration = Int(Double(finished) * min(max(0.07 - 0.02 * d - t.effect / 4 + 0.01 * random.uniform(), 0.005), 0.5))
                let six = Int(Double(finished) * min(0.86 + 0.06 * d - t.wait + 0.04 * random.uniform(), 0.995))
                let eighteen = max(six, Int(Double(finished) * min(0.97 + 0.02 * d - t.wait / 5 + 0.01 * random.uniform(), 0.999)))
                out += "\(period),Z\(area),Area \(area),\(finished * 3),\(finished),\(caseness),\(recovered),\(reliableRecovery),"
                    + "\(improvement),\(deterioration),\(six),\(eighteen)\n"
            }
        }
        try Data(out.utf8).write(to: URL(fileURLWithPath: outcomes), options: .atomic)
        return (outcomes, deprivation)
    }
}
