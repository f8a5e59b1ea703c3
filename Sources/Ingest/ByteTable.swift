#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Distinct byte strings numbered 0, 1, 2, … in order of first appearance, looked up straight from
/// a field's bytes: no String and no allocation per lookup (only a new key is copied). The monthly
/// reader numbers its `MEASURE_NAME` values with it, so a row costs one hash and one compare.
struct ByteTable {
    /// Every key's bytes, one after the other; key `i` is `arena[starts[i]..<starts[i + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing: a key number, or -1 for an empty slot; the count is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 64)

    /// Keys so far.
    var count: Int { starts.count - 1 }

    /// The bytes of key `index`.
    func key(_ index: Int) -> ArraySlice<UInt8> { arena[starts[index]..<starts[index + 1]] }

    /// The number of `bytes`, and whether it was added by this call.
    mutating func number(of bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
        let mask = slots.count - 1
        var slot = ByteTable.hash(bytes) & mask
        while true {
            let found = Int(slots[slot])
            if found < 0 { break }
            if equals(found, bytes) { return (found, false) }
            slot = (slot + 1) & mask
        }
        let index = count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        slots[slot] = Int32(index)
        if count * 2 > slots.count { rehash() }
        return (index, true)
    }

    private func equals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index], length = starts[index + 1] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 }
    }

    private mutating func rehash() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        arena.withUnsafeBufferPointer { arena in
            for index in 0..<count {
                let key = UnsafeBufferPointer(rebasing: arena[starts[index]..<starts[index + 1]])
                var slot = ByteTable.hash(key) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(index)
            }
        }
    }

    /// A multiplicative hash taking 8 bytes at a time (not for untrusted collision resistance:
    /// the keys are a file's few hundred measure names).
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        while i + 8 <= bytes.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(base[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }
}
