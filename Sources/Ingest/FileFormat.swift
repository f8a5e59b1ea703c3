/// The input formats, recognised from the header row (never from the file name or column order).
enum FileFormat: String, Equatable, Sendable {
    /// SPEC §1.1: one row per area per period.
    case tidyOutcomes = "tidy outcomes"
    /// SPEC §1.3: NHS Digital's annual file, one row per organisation and breakdown.
    case annualWide = "NHS annual wide"
    /// SPEC §1.3: NHS England's monthly file, one row per organisation and measure.
    case monthlyLong = "NHS monthly long"
    /// LevelField's own benchmarks.csv (schema 2): one row per area, period and indicator.
    case benchmarks = "LevelField benchmarks"
    /// SPEC §1.2: area code with IMD rank and/or score.
    case deprivation = "deprivation"
    /// MHCLG Indices of Deprivation summary (File 13: `IMD - Rank of average score`, ONS codes).
    case deprivationSummary = "MHCLG IoD summary"
    /// ONS code lookup with `…CD` (ONS) and `…CDH` (ODS) columns, e.g. `CCG15CD,CCG15CDH`.
    case codeLookup = "code lookup"

    /// True for outcome data, false for deprivation data and lookups.
    var isOutcomes: Bool {
        switch self {
        case .tidyOutcomes, .annualWide, .monthlyLong, .benchmarks: true
        case .deprivation, .deprivationSummary, .codeLookup: false
        }
    }

    /// Outcome columns of the tidy format (normalized), any of which marks a tidy outcomes file.
    static let tidyOutcomeKeys = ["finishedtreatment", "atcaseness", "notatcaseness", "recoverydenominator", "recovered", "recoveryrate", "referrals"]

    /// The format a header describes, or `nil`.
    static func detect(_ header: Header) -> FileFormat? {
        let keys = Set(header.keys)
        if keys.contains("reportingperiodstart") && keys.contains("grouptype") { return .monthlyLong }
        if keys.contains("orgtype") && keys.contains("variabletype") { return .annualWide }
        if keys.contains("areacode") {
            if ["indicator", "numerator", "denominator"].allSatisfy(keys.contains) { return .benchmarks }
            if tidyOutcomeKeys.contains(where: keys.contains) { return .tidyOutcomes }
            if keys.contains("imdrank") || keys.contains("imdscore") { return .deprivation }
        }
        if keys.contains("imd-rankofaveragescore") { return .deprivationSummary }
        if lookupColumns(header) != nil { return .codeLookup }
        return nil
    }

    /// The (ONS, ODS) columns of a code lookup: a `…cd` column with a `…cdh` twin.
    static func lookupColumns(_ header: Header) -> (ons: Int, ods: Int)? {
        for (index, key) in header.keys.enumerated() where key.hasSuffix("cd") {
            if let twin = header.index(key + "h") { return (index, twin) }
        }
        return nil
    }
}
