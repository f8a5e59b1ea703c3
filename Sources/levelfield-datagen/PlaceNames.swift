/// Invented place names for the synthetic areas. The stems were chosen not to form the names of
/// real English health areas; `scripts/check_synthetic.py --real-names` checks the output
/// against the real CCG, ICB and provider names in `../shared/data` during development.
enum PlaceNames {
    static let stems = [
        "Ambel", "Brisk", "Caddow", "Dunmar", "Elsk", "Fennic", "Garrow", "Hollin", "Ibber",
        "Jessam", "Kelder", "Lorrow", "Mardle", "Nessel", "Orrin", "Pellam", "Quell", "Rusk",
        "Sallow", "Tamber", "Umber", "Vell", "Wrennet", "Yarl", "Zeal",
    ]
    static let endings = [
        "mere", "ford", "by", "wick", "ton", "ham", "stow", "dale", "worth", "holme", "field",
        "bury", "combe", "ley", "brook", "wold",
    ]
    static let directions = ["North", "South", "East", "West", "Central"]

    /// Every stem × ending combination, in a fixed order (`Ambelmere`, `Ambelford`, …).
    static var all: [String] {
        stems.flatMap { stem in endings.map { stem + $0 } }
    }
}

/// A fictional region, the parent of some areas.
struct Region: Equatable, Sendable {
    var code: String
    var name: String

    static let all = [
        Region(code: "R01", name: "Northmarch Commissioning Region"),
        Region(code: "R02", name: "Fellside Commissioning Region"),
        Region(code: "R03", name: "Midmarch Commissioning Region"),
        Region(code: "R04", name: "Eastfen Commissioning Region"),
        Region(code: "R05", name: "Westerwold Commissioning Region"),
        Region(code: "R06", name: "Southreach Commissioning Region"),
        Region(code: "R07", name: "Capital Vale Commissioning Region"),
    ]
}
