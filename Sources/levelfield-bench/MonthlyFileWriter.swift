#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes one month in the NHS England long layout into a reused byte buffer, then to disk in
/// one write. Values are drawn per (seed, month), so any month can be made on its own and the
/// 12-, 60- and 120-month sets share their files.
struct MonthlyFileWriter {
    static let header = "REPORTING_PERIOD_START,REPORTING_PERIOD_END,GROUP_TYPE,ORG_CODE1,ORG_NAME1,"
        + "ORG_CODE2,ORG_NAME2,MEASURE_ID,MEASURE_NAME,MEASURE_VALUE_SUPPRESSED\n"

    let catalogue: Catalogue
    let seed: UInt64
    private var buffer: [UInt8] = []

    init(catalogue: Catalogue, seed: UInt64) {
        self.catalogue = catalogue
        self.seed = seed
    }

    /// Fills the buffer with month `year-month` and writes it to `path` (via a temporary name,
    /// so a file that exists is complete). Returns the number of bytes.
    mutating func write(year: Int, month: Int, index: Int, to path: String) throws -> Int {
        fill(year: year, month: month, index: index)
        let temporary = path + ".partial"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw BenchError.io("cannot create \(temporary)") }
        defer { close(fd) }
        try buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = posixWrite(fd, raw.baseAddress! + offset, raw.count - offset)
                guard n > 0 else { throw BenchError.io("cannot write \(temporary)") }
                offset += n
            }
        }
        guard rename(temporary, path) == 0 else { throw BenchError.io("cannot rename \(temporary)") }
        return buffer.count
    }

    mutating func fill(year: Int, month: Int, index: Int) {
        buffer.removeAll(keepingCapacity: true)
        buffer.reserveCapacity(24_000_000)
        buffer += Array(Self.header.utf8)
        let dates = Array("\(Self.date(year, month, 1)),\(Self.date(year, month, Self.days(year, month))),".utf8)
        var random = SplitMix(seed: seed, stream: 1_000 + UInt64(index))
        // National activity grows a little, and recovery improves, month on month.
        let trend = 1 + 0.003 * Double(index)
        let pairMeasures = catalogue.measures.filter(\.inPairs)
        for org in catalogue.orgs {
            let size = org.size * trend * (0.9 + 0.2 * random.uniform())
            let referrals = size
            let finished = size * (0.33 + 0.06 * random.uniform())
            let notAtCaseness = finished * (0.05 + 0.05 * random.uniform())
            let recoveryRate = min(org.recovery + 0.0004 * Double(index) + 0.04 * (random.uniform() - 0.5), 0.95)
            let recovered = (finished - notAtCaseness) * recoveryRate
            let reliableRecovery = recovered * 0.94
            let rounded = org.groupType != "England"
            for measure in org.isPair ? pairMeasures : catalogue.measures {
                buffer += dates
                buffer += org.columns
                buffer += measure.columns
                switch measure.kind {
                case .referrals: appendCount(referrals, rounded, Self.usedSuppression, &random)
                case .finished: appendCount(finished, rounded, Self.usedSuppression, &random)
                case .notAtCaseness: appendCount(notAtCaseness, rounded, Self.usedSuppression, &random)
                case .recovery: appendCount(recovered, rounded, Self.usedSuppression, &random)
                case .reliableRecovery: appendCount(reliableRecovery, rounded, Self.usedSuppression, &random)
                case .reliableImprovement: appendCount(finished * 0.66, rounded, Self.usedSuppression, &random)
                case .reliableDeterioration: appendCount(finished * 0.06, rounded, Self.usedSuppression, &random)
                case .recoveryPercent: appendWhole(100 * recoveryRate)
                case .reliableRecoveryPercent: appendWhole(94 * recoveryRate)
                case .count(let share): appendCount(size * share, rounded, Self.otherSuppression, &random)
                case .percentage: appendWhole(100 * random.uniform())
                case .mean: appendTenths(5 + 60 * random.uniform())
                }
                buffer.append(0x0A)
            }
        }
    }

    /// Chance (in 1/65536) that a sub-national count is suppressed although it is not small:
    /// rare for the measures LevelField uses (so that a few Sub-ICB quarters are excluded), more
    /// common for the rest, as secondary suppression is in the published files.
    static let usedSuppression = 16, otherSuppression = 2_000

    /// A count with ±5% noise; sub-national counts rounded to 5, and suppressed (`*`) when
    /// under 5 or by the chance above.
    private mutating func appendCount(_ expected: Double, _ rounded: Bool, _ suppression: Int,
                                      _ random: inout SplitMix) {
        let draw = random.next()
        var value = Int(expected * (0.95 + 0.1 * Double(draw >> 11) * 0x1.0p-53))
        if rounded {
            if value < 5 || Int(draw & 0xFFFF) < suppression {
                buffer.append(0x2A)
                return
            }
            value = (value + 2) / 5 * 5
        }
        appendInteger(value)
    }

    private mutating func appendWhole(_ x: Double) {
        appendInteger(Int(x.rounded()))
    }

    private mutating func appendTenths(_ x: Double) {
        let tenths = Int((x * 10).rounded())
        appendInteger(tenths / 10)
        buffer.append(0x2E)
        buffer.append(UInt8(48 + tenths % 10))
    }

    private mutating func appendInteger(_ value: Int) {
        precondition(value >= 0)
        if value < 10 {
            buffer.append(UInt8(48 + value))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var v = value
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[count] = UInt8(48 + v % 10)
                v /= 10
                count += 1
            }
            for i in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[i]) }
        }
    }

    static func date(_ year: Int, _ month: Int, _ day: Int) -> String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    static func days(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A benchmark failure, printed and turned into exit code 1.
enum BenchError: Error, CustomStringConvertible {
    case usage(String)
    case io(String)

    var description: String {
        switch self {
        case .usage(let message): "usage error: \(message)"
        case .io(let message): "I/O error: \(message)"
        }
    }
}

#if canImport(Glibc)
private let posixWrite = Glibc.write
#elseif canImport(Darwin)
private let posixWrite = Darwin.write
#endif
