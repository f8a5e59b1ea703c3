/// The organisations and measures of the synthetic monthly files, shaped like NHS England's
/// Talking Therapies "activity and performance" file: every Sub-ICB, ICB, provider and
/// Sub-ICB × provider pair, each with about 300 measures of which LevelField uses a handful.
struct Catalogue {
    /// One organisation row key: the five columns after the dates, already CSV-encoded.
    struct Org {
        var groupType: String
        /// `GROUP_TYPE,ORG_CODE1,ORG_NAME1,ORG_CODE2,ORG_NAME2,` as CSV bytes.
        var columns: [UInt8]
        /// Typical monthly referrals, which scales the counts.
        var size: Double
        /// The organisation's recovery rate (0–1).
        var recovery: Double
        /// Pair rows carry only part of the measures.
        var isPair: Bool
    }

    /// A measure: `MEASURE_ID,MEASURE_NAME,` as CSV bytes and how to draw its value.
    struct Measure {
        enum Kind { case referrals, finished, notAtCaseness, recovery, recoveryPercent,
                    reliableRecovery, reliableRecoveryPercent, reliableImprovement,
                    reliableDeterioration, count(share: Double), percentage, mean }
        var id: String
        var name: String
        var kind: Kind
        var columns: [UInt8]
        /// Published for Sub-ICB × provider pairs too.
        var inPairs: Bool
    }

    var subICBs: [(code: String, name: String, size: Double, recovery: Double)] = []
    var orgs: [Org] = []
    var measures: [Measure] = []

    init(seed: UInt64, subICBCount: Int = 200, icbCount: Int = 42, providerCount: Int = 150,
         measureCount: Int = 300) {
        var random = SplitMix(seed: seed, stream: 1)
        measures = Self.measures(count: measureCount)

        var places = Self.placeNames(random: &random)
        let icbs = (0..<icbCount).map { i in
            (code: "Q\(Self.letter(i / 10))\(i % 10)", place: places.removeLast())
        }
        let england = Org(groupType: "England",
                          columns: Self.csv(["England", "all", "all SubICBs", "all", "all Providers"]),
                          size: 120_000, recovery: 0.5, isPair: false)
        orgs.append(england)
        for i in 0..<subICBCount {
            let icb = icbs[i % icbCount]
            let code = "\(i / 26 / 10)\(i / 26 % 10)\(Self.letter(i % 26))"
            let name = "NHS \(icb.place) ICB - \(code)"
            let size = 150 + 2_400 * random.uniform() * random.uniform() + 300 * random.uniform()
            let recovery = 0.40 + 0.16 * random.uniform()
            subICBs.append((code, name, size, recovery))
            orgs.append(Org(groupType: "SubICB", columns: Self.csv(["SubICB", code, name, "all", "all Providers"]),
                            size: size, recovery: recovery, isPair: false))
        }
        for icb in icbs {
            let name = "NHS \(icb.place) Integrated Care Board"
            orgs.append(Org(groupType: "ICB", columns: Self.csv(["ICB", icb.code, name, "all", "all Providers"]),
                            size: 3_000 + 6_000 * random.uniform(), recovery: 0.42 + 0.12 * random.uniform(),
                            isPair: false))
        }
        var providers: [(code: String, name: String)] = []
        for i in 0..<providerCount {
            let independent = i % 3 == 2
            let code = independent
                ? "8\(Self.letter(i % 26))\(Self.letter(i / 26 % 26))\(i % 10)\((i / 10) % 10)"
                : "R\(Self.letter(i % 26))\(i / 26)"
            let a = places.removeLast().uppercased(), b = places.removeLast().uppercased()
            let name: String
            switch i % 7 {
            case 0: name = "\(a), \(b) AND \(places.removeLast().uppercased()) TALKING THERAPIES"
            case 1: name = "\(a) & \(b) MIND"
            case 2, 3: name = "\(a) AND \(b) NHS FOUNDATION TRUST"
            case 4: name = "\(a) \"WELLBEING\" SERVICE"
            default: name = "\(a) HEALTHCARE NHS TRUST"
            }
            providers.append((code, name))
            orgs.append(Org(groupType: "Provider", columns: Self.csv(["Provider", "all", "all SubICBs", code, name]),
                            size: 200 + 3_000 * random.uniform() * random.uniform(),
                            recovery: 0.40 + 0.16 * random.uniform(), isPair: false))
        }
        for subICB in subICBs {
            let count = 1 + random.below(3)
            var share = 1.0
            for k in 0..<count {
                let provider = providers[random.below(providers.count)]
                let part = k == count - 1 ? share : share * (0.5 + 0.3 * random.uniform())
                share -= part
                orgs.append(Org(groupType: "SubICB_Provider",
                                columns: Self.csv(["SubICB_Provider", subICB.code, subICB.name, provider.code, provider.name]),
                                size: subICB.size * part, recovery: subICB.recovery, isPair: true))
            }
        }
    }

    /// Data rows per monthly file.
    var rowsPerMonth: Int {
        let pairMeasures = measures.filter(\.inPairs).count
        return orgs.reduce(0) { $0 + ($1.isPair ? pairMeasures : measures.count) }
    }

    static func letter(_ i: Int) -> Character {
        Character(UnicodeScalar(UInt8(65 + i % 26)))
    }

    /// Invented place names (not real areas): stem × ending, shuffled.
    static func placeNames(random: inout SplitMix) -> [String] {
        let stems = ["Ambel", "Brisk", "Caddow", "Dunmar", "Elsk", "Fennic", "Garrow", "Hollin", "Ibber",
                     "Jessam", "Kelder", "Lorrow", "Mardle", "Nessel", "Orrin", "Pellam", "Quell", "Rusk",
                     "Sallow", "Tamber", "Umber", "Vell", "Wrennet", "Yarl", "Zeal", "Cindra", "Dreave"]
        let endings = ["mere", "ford", "by", "wick", "ton", "ham", "stow", "dale", "worth", "holme",
                       "field", "bury", "combe", "ley", "brook", "wold", "march", "fen"]
        var names = stems.flatMap { s in endings.map { s + $0 } }
        var i = names.count - 1
        while i > 0 {
            names.swapAt(i, random.below(i + 1))
            i -= 1
        }
        return names
    }

    /// The measure list: LevelField's at their published IDs, the rest made up from the
    /// families the publisher uses (counts, percentages, means, by subgroup).
    static func measures(count: Int) -> [Measure] {
        let used: [Int: (String, Measure.Kind)] = [
            1: ("Count_ReferralsReceived", .referrals),
            76: ("Count_FinishedCourseTreatment", .finished),
            179: ("Count_NotAtCaseness", .notAtCaseness),
            183: ("Count_ReliableImprovement", .reliableImprovement),
            187: ("Count_ReliableDeterioration", .reliableDeterioration),
            191: ("Count_Recovery", .recovery),
            192: ("Percentage_Recovery", .recoveryPercent),
            193: ("Count_ReliableRecovery", .reliableRecovery),
            195: ("Percentage_ReliableRecovery", .reliableRecoveryPercent),
        ]
        let subjects = ["AccessingServices", "FirstTreatment", "SecondTreatment", "EndedReferrals",
                        "EndedBeforeTreatment", "EndedAfterOneTreatment", "OpenReferrals",
                        "OpenReferralsNoContact", "WaitFirstTreatment6Weeks", "WaitFirstTreatment18Weeks",
                        "WaitFirstToSecond90Days", "Appointments", "AppointmentsDNA",
                        "AppointmentsCancelled", "AppointmentsInternetEnabled", "AppropriatePairedADSM",
                        "AtCasenessPHQ9", "AtCasenessGAD7", "SelfReferrals", "GPReferrals",
                        "EmploymentSupport", "LongTermCondition", "PerinatalReferrals", "OlderAdults",
                        "FollowUpAppointment"]
        let breakdowns = ["", "_Female", "_Male", "_Age18to64", "_Age65Plus", "_Ethnicity_BME"]
        var generated: [(String, Measure.Kind)] = []
        var k = 0
        for breakdown in breakdowns {
            for subject in subjects {
                generated.append(("Count_\(subject)\(breakdown)", .count(share: 0.05 + Double(k % 17) * 0.04)))
                generated.append((k % 3 == 0 ? "Mean_\(subject)\(breakdown)" : "Percentage_\(subject)\(breakdown)",
                                  k % 3 == 0 ? .mean : .percentage))
                k += 1
            }
        }
        var out: [Measure] = []
        var next = 0
        for id in 1...count {
            let (name, kind): (String, Measure.Kind)
            if let fixed = used[id] {
                (name, kind) = fixed
            } else {
                (name, kind) = generated[next % generated.count]
                next += 1
            }
            let idText = "M" + String(repeating: "0", count: id < 10 ? 2 : id < 100 ? 1 : 0) + String(id)
            out.append(Measure(id: idText, name: name, kind: kind, columns: csv([idText, name]),
                               inPairs: used[id] != nil || id % 2 == 0))
        }
        return out
    }

    /// Fields as CSV, each followed by a comma; quoted when they contain `,` `"` CR LF.
    static func csv(_ fields: [String]) -> [UInt8] {
        var out: [UInt8] = []
        for field in fields {
            if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for byte in field.utf8 {
                    out.append(byte)
                    if byte == 0x22 { out.append(0x22) }
                }
                out.append(0x22)
            } else {
                out += Array(field.utf8)
            }
            out.append(0x2C)
        }
        return out
    }
}
