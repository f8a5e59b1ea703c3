import LevelFieldModel

/// Which area level (`OrgType`, `GROUP_TYPE`) a native NHS file is read at: the one asked for,
/// else the first of CCG, SubICB, ICB, Provider that the file has (SPEC §1.3). Levels compare
/// ignoring case, spaces and underscores (`Sub ICB` = `SubICB`).
///
/// Files are streamed once, so with no level requested the rows of every candidate level are
/// read into their own bucket and the choice is made at the end; a bad value in a bucket that is
/// not chosen does not stop the run.
struct AreaLevelChoice {
    /// The default order of preference, normalized.
    static let defaultOrder = ["ccg", "subicb", "icb", "provider"]

    private let requested: String?
    private let requestedDisplay: String?
    /// Every level seen, normalized, in order of first appearance.
    private(set) var seen: [String] = []
    private var display: [String: String] = [:]
    private var counts: [String: Int] = [:]
    private var lastKey: String?

    init(requested: String?) {
        requestedDisplay = requested
        self.requested = requested.map { FieldValue.normalized($0.utf8) }
    }

    /// Counts a row of level `field`; returns the level's key when its rows are to be read.
    mutating func classify(_ field: UnsafeBufferPointer<UInt8>) -> String? {
        let key = FieldValue.normalized(field)
        if counts[key] == nil {
            seen.append(key)
            display[key] = String(decoding: FieldValue.trimmed(field), as: UTF8.self)
        }
        counts[key, default: 0] += 1
        lastKey = key
        if let requested { return key == requested ? key : nil }
        return AreaLevelChoice.defaultOrder.contains(key) ? key : nil
    }

    /// Counts more rows of the level `classify` saw last (callers cache its answer).
    mutating func repeatLast(_ times: Int = 1) {
        if let lastKey { counts[lastKey, default: 0] += times }
    }

    /// The level chosen, or an error at the file's first line (its header) when there is none.
    func chosen(file: String) throws(IngestError) -> String {
        let wholeFile = SourceLocation(file: file, line: 1, column: 1)
        let available = seen.map { display[$0]! }
        if let requested {
            guard counts[requested] != nil else {
                throw IngestError(location: wholeFile, reason: .areaLevelAbsent(requested: requestedDisplay!, available: available))
            }
            return requested
        }
        guard let first = AreaLevelChoice.defaultOrder.first(where: { counts[$0] != nil }) else {
            throw IngestError(location: wholeFile, reason: .noAreaLevel(available: available))
        }
        return first
    }

    /// A level's name as written in the file (the first spelling seen).
    func displayName(_ key: String) -> String { display[key] ?? key }

    /// The levels not chosen, as (name as written, rows), in order of appearance.
    func others(than chosen: String) -> [(name: String, count: Int)] {
        seen.filter { $0 != chosen }.map { (display[$0]!, counts[$0]!) }
    }
}
