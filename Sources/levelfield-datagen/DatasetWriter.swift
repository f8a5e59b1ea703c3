import Foundation

/// Writes the dataset as the tidy CSVs of SPEC §1.1 and §1.2: UTF-8, LF, header row, fields
/// quoted only when they contain `,` `"` CR or LF, suppressed counts as `*`.
enum DatasetWriter {
    static let outcomesHeader = [
        "period", "area_code", "area_name", "referrals", "finished_treatment", "at_caseness",
        "recovered", "reliable_improvement", "reliable_deterioration", "reliable_recovery",
        "parent_code", "parent_name", "waited_under_6_weeks", "waited_under_18_weeks",
    ]
    static let breakdownsHeader = [
        "period", "area_code", "area_name", "breakdown", "group", "referrals", "finished_treatment", "at_caseness",
        "recovered", "reliable_improvement", "reliable_deterioration", "reliable_recovery",
    ]
    static let deprivationHeader = ["area_code", "area_name", "imd_rank", "imd_score", "imd_version"]

    static func outcomesCSV(_ rows: [OutcomeRow]) -> String {
        var out = line(outcomesHeader)
        for row in rows {
            out += line([
                row.period, row.area.code, row.area.name,
                count(row.referrals), count(row.finishedTreatment), count(row.atCaseness),
                count(row.recovered), count(row.reliableImprovement),
                count(row.reliableDeterioration), count(row.reliableRecovery),
                row.area.region?.code ?? "", row.area.region?.name ?? "",
                count(row.waitedUnder6Weeks), count(row.waitedUnder18Weeks),
            ])
        }
        return out
    }

    /// Breakdown rows (SPEC §8.1 tidy `breakdown`/`group` columns), in the given order.
    static func breakdownsCSV(_ rows: [BreakdownRowOut]) -> String {
        var out = line(breakdownsHeader)
        for row in rows {
            let c = row.counts
            out += line([
                row.period, row.areaCode, row.areaName, row.breakdown, row.group,
                row.breakdown == "imd_decile" ? count(c.referrals) : "", count(c.finished), count(c.atCaseness), count(c.recovered),
            ] + (row.breakdown == "imd_decile" || row.areaCode == SyntheticModel.englandCode
                 ? [count(c.reliableImprovement), count(c.reliableDeterioration), count(c.reliableRecovery)] : ["", "", ""]))
        }
        return out
    }

    /// `breakdowns-2014-15-q1.csv`: one file per period keeps every file small.
    static func breakdownsFileName(_ period: String) -> String {
        "breakdowns-" + period.lowercased().replacingOccurrences(of: " ", with: "-") + ".csv"
    }

    /// Geographic areas only, by code: the hubs have no deprivation value.
    static func deprivationCSV(_ areas: [SyntheticArea]) -> String {
        var out = line(deprivationHeader)
        let geographic = areas.filter { !$0.isHub }
            .sorted { $0.code.utf8.lexicographicallyPrecedes($1.code.utf8) }
        for area in geographic {
            out += line([
                area.code, area.name, area.imdRank.map(String.init) ?? "",
                area.imdScore.map { fixed($0, decimals: 3) } ?? "", "IMD-synthetic",
            ])
        }
        return out
    }

    static func count(_ value: Int?) -> String {
        value.map(String.init) ?? "*"
    }

    /// Fixed-point text with exactly `decimals` places, from integer arithmetic (no locale,
    /// no platform formatting).
    static func fixed(_ x: Double, decimals: Int) -> String {
        var scale = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = Int((abs(x) * Double(scale)).rounded())
        let whole = scaled / scale
        var fraction = String(scaled % scale)
        while fraction.count < decimals { fraction = "0" + fraction }
        return (x < 0 && scaled != 0 ? "-" : "") + "\(whole)" + (decimals > 0 ? ".\(fraction)" : "")
    }

    static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    static func quoted(_ field: String) -> String {
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else { return field }
        var out = "\""
        for character in field {
            out.append(character == "\"" ? "\"\"" : String(character))
        }
        return out + "\""
    }
}
