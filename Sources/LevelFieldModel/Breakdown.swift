/// A breakdown of an organisation's figures by a characteristic of its patients (SPEC §8.1).
package enum BreakdownKind: String, Equatable, Hashable, Sendable, CaseIterable {
    /// The patients' own Index of Multiple Deprivation decile; group `1` = most deprived … `10` = least.
    case imdDecile = "imd_decile"
    /// Age group, as the publisher bands it.
    case ageGroup = "age_group"
    /// Gender.
    case gender
    /// Ethnic group (the publisher's top-level groups).
    case ethnicGroup = "ethnic_group"

    /// The order of the kinds in outputs.
    package var order: Int { BreakdownKind.allCases.firstIndex(of: self)! }

    /// In words, for pages and the ledger summary.
    package var label: String {
        switch self {
        case .imdDecile: "patients' deprivation decile"
        case .ageGroup: "age group"
        case .gender: "gender"
        case .ethnicGroup: "ethnic group"
        }
    }
}

/// One group of one breakdown of one organisation in one period: its counts, beside (never
/// mixed into) the organisation's totals. England's rows carry the code `ENGLAND`.
package struct BreakdownRow: Equatable, Sendable {
    /// The characteristic.
    package var kind: BreakdownKind
    /// The group: `1`…`10` for deciles (1 = most deprived), else the publisher's label.
    package var group: String
    /// The group's position among its breakdown's groups as read (deciles: the decile).
    package var sequence: Int
    /// The counts (period, organisation, name, source) of this group.
    package var observation: Observation

    /// Creates a breakdown row.
    package init(kind: BreakdownKind, group: String, sequence: Int, observation: Observation) {
        self.kind = kind
        self.group = group
        self.sequence = sequence
        self.observation = observation
    }

    /// The decile 1…10 (1 = most deprived), for an `imd_decile` row.
    package var decile: Int? { kind == .imdDecile ? Int(group) : nil }

    /// The code England's breakdown rows carry.
    package static let englandCode = AreaCode("ENGLAND")

    /// Outputs' order: period, organisation (England first), kind, then the group's sequence.
    package static func canonicalOrder(_ a: BreakdownRow, _ b: BreakdownRow) -> Bool {
        if a.observation.period != b.observation.period { return a.observation.period < b.observation.period }
        let ea = a.observation.areaCode == englandCode, eb = b.observation.areaCode == englandCode
        if ea != eb { return ea }
        if a.observation.areaCode != b.observation.areaCode { return a.observation.areaCode < b.observation.areaCode }
        if a.kind != b.kind { return a.kind.order < b.kind.order }
        if a.sequence != b.sequence { return a.sequence < b.sequence }
        return a.group.utf8.lexicographicallyPrecedes(b.group.utf8)
    }
}
