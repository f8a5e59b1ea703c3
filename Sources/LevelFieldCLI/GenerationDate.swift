import LevelFieldModel

/// The "generated on" date of a build: never the clock, so that two builds of the same inputs
/// are byte-identical (SPEC §3). `--date` wins, then `SOURCE_DATE_EPOCH`, then the last day of
/// the latest period in the data.
package enum GenerationDate {
    /// Resolves the date, `YYYY-MM-DD`, or says why it cannot.
    package static func resolve(explicit: String?, sourceDateEpoch: String?, periods: [Period]) throws(UsageError) -> String {
        if let explicit { return explicit }
        if let epoch = sourceDateEpoch?.trimmingWhitespace(), !epoch.isEmpty {
            guard let seconds = Int64(epoch), seconds >= 0 else {
                throw UsageError("SOURCE_DATE_EPOCH must be a whole number of seconds since 1970, found '\(epoch)'")
            }
            return civilDate(daysSinceEpoch: seconds / 86_400)
        }
        guard let latest = periods.max() else {
            throw UsageError("no period in the data to date the report; give --date YYYY-MM-DD")
        }
        guard let end = periodEnd(latest) else {
            throw UsageError("cannot tell when period '\(latest.label)' ends; give --date YYYY-MM-DD")
        }
        return end
    }

    /// The last day of a period labelled `2014-15 Q2` (financial quarter), `2023-24` (financial
    /// year) or `2024-03` (month); `nil` for any other form.
    package static func periodEnd(_ period: Period) -> String? {
        let label = period.label
        let bytes = Array(label.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }) else { return nil }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard bytes.count >= 7, let year = number(0..<4), bytes[4] == UInt8(ascii: "-") else { return nil }
        if bytes.count == 7, let month = number(5..<7), (1...12).contains(month) {
            return format(year: year, month: month, day: Arguments.daysInMonth(year: year, month: month))
        }
        guard let endYY = number(5..<7), endYY == (year + 1) % 100 else { return nil }
        if bytes.count == 7 { return format(year: year + 1, month: 3, day: 31) }
        guard bytes.count == 10, bytes[7] == UInt8(ascii: " "), bytes[8] == UInt8(ascii: "Q"),
              let quarter = number(9..<10), (1...4).contains(quarter) else { return nil }
        switch quarter {
        case 1: return format(year: year, month: 6, day: 30)
        case 2: return format(year: year, month: 9, day: 30)
        case 3: return format(year: year, month: 12, day: 31)
        default: return format(year: year + 1, month: 3, day: 31)
        }
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01 (Hinnant's civil-from-days).
    static func civilDate(daysSinceEpoch: Int64) -> String {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return format(year: Int(year), month: Int(month), day: Int(day))
    }

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
