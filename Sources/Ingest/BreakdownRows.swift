import LevelFieldModel

/// SPEC §8.1: the breakdown rows of the NHS annual main files — `Indices of Deprivation Decile`
/// (`VariableA` `01 Least deprived` … `10 Most deprived`, mapped so 1 = most deprived), `Age
/// Group`, `Gender` and `Ethnic Group` (its top-level groups, `VariableB = All`). A group
/// `Not stated/Not known/Invalid` and ethnic sub-groups are counted as outside the selection,
/// not analysed.
struct BreakdownClassifier {
    enum Outcome {
        /// A breakdown row: its kind, group and the group's sequence among its kind.
        case group(BreakdownKind, String, Int)
        /// A breakdown row not analysed, with what it was (for the skipped-rows summary).
        case notAnalysed(String)
        /// Not a breakdown row this reader knows.
        case other
    }

    private static let kinds: [(key: [UInt8], kind: BreakdownKind)] = [
        (Array("indicesofdeprivationdecile".utf8), .imdDecile), (Array("agegroup".utf8), .ageGroup),
        (Array("gender".utf8), .gender), (Array("ethnicgroup".utf8), .ethnicGroup),
    ]
    private static let notStated = Array("notstated/notknown/invalid".utf8)
    private static let all = Array("all".utf8)

    let variableType: Int
    let variableA: Int?
    let variableB: Int?
    /// Sequence numbers of non-decile groups, in order of first appearance (deterministic per file).
    private var sequences: [BreakdownKind: [String: Int]] = [:]

    init(variableType: Int, variableA: Int?, variableB: Int?) {
        self.variableType = variableType
        self.variableA = variableA
        self.variableB = variableB
    }

    /// Classifies a row.
    mutating func classify(_ record: CSVRecord) -> Outcome {
        guard let variableA,
              let kind = BreakdownClassifier.kinds.first(where: { FieldValue.matches(record[variableType], normalizedKey: $0.key) })?.kind
        else { return .other }
        let typeName = FieldValue.text(record, variableType)
        if FieldValue.matches(record[variableA], normalizedKey: BreakdownClassifier.notStated) {
            return .notAnalysed("\(typeName) \(FieldValue.text(record, variableA))")
        }
        let label = FieldValue.text(record, variableA)
        switch kind {
        case .imdDecile:
            // `01 Least deprived` … `10 Most deprived`: the NHS number n is decile 11 − n.
            let digits = label.prefix { $0.isASCII && $0.isNumber }
            guard let n = Int(digits), (1...10).contains(n) else { return .notAnalysed("\(typeName) \(label)") }
            return .group(.imdDecile, String(11 - n), 11 - n)
        case .ethnicGroup:
            guard let variableB, FieldValue.matches(record[variableB], normalizedKey: BreakdownClassifier.all) else {
                return .notAnalysed("\(typeName) sub-groups")
            }
            fallthrough
        default:
            var known = sequences[kind] ?? [:]
            let sequence = known[label] ?? known.count + 1
            known[label] = sequence
            sequences[kind] = known
            return .group(kind, label, sequence)
        }
    }
}
