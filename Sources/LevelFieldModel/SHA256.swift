/// SHA-256 (FIPS 180-4), streaming: feed bytes with `update`, read `hexDigest` at the end.
/// Used for the manifest's file hashes; no platform crypto library is assumed.
///
/// The state is fixed-size values (no arrays): whole 64-byte blocks are compressed straight from
/// the caller's memory and only a trailing partial block is copied, so `update` allocates nothing.
package struct SHA256: Sendable {
    private var state = SIMD8<UInt32>(
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19)
    /// The partial block not yet compressed (its first `pending` bytes).
    private var partial = SIMD64<UInt8>()
    private var pending = 0
    private var length: UInt64 = 0

    /// A fresh hash.
    package init() {}

    /// The hex digest of `bytes` in one call.
    package static func hexDigest<C: Collection>(of bytes: C) -> String where C.Element == UInt8 {
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest()
    }

    /// The hex digests of several messages, hashed together in SIMD lanes where they allow
    /// (`update(_:_:)`); each is the digest `hexDigest(of:)` gives.
    package static func hexDigests(of messages: [[UInt8]]) -> [String] {
        var hashes = Array(repeating: SHA256(), count: messages.count)
        func withBuffers(from index: Int, _ buffers: [UnsafeRawBufferPointer]) {
            guard index < messages.count else {
                update(&hashes, buffers)
                return
            }
            messages[index].withUnsafeBytes { withBuffers(from: index + 1, buffers + [$0]) }
        }
        withBuffers(from: 0, [])
        return hashes.map { $0.hexDigest() }
    }

    /// Adds bytes to the message (contiguous collections take the fast path without copying).
    package mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done != nil { return }
        // A non-contiguous collection: copied through a small stack buffer.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 4096) { buffer in
            var filled = 0
            for byte in bytes {
                buffer[filled] = byte
                filled += 1
                if filled == buffer.count {
                    update(UnsafeRawBufferPointer(buffer))
                    filled = 0
                }
            }
            update(UnsafeRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[0..<filled])))
        }
    }

    /// Adds bytes to the message.
    package mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        update(UnsafeRawBufferPointer(bytes))
    }

    /// Adds bytes to the message.
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return }
        var n = bytes.count
        length &+= UInt64(n)
        if pending > 0 {
            let take = min(64 - pending, n)
            withUnsafeMutableBytes(of: &partial) { ($0.baseAddress! + pending).copyMemory(from: p, byteCount: take) }
            pending += take
            p += take
            n -= take
            if pending < 64 { return }
            withUnsafeBytes(of: partial) { SHA256.compress(&state, $0.baseAddress!, blocks: 1) }
            pending = 0
        }
        let whole = n / 64
        if whole > 0 {
            SHA256.compress(&state, p, blocks: whole)
            p += whole * 64
            n -= whole * 64
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &partial) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            pending = n
        }
    }

    /// The digest as 64 lower-case hex digits. Does not change the hash's state.
    package func hexDigest() -> String {
        var copy = self
        let bitLength = length &* 8
        // Padding: 0x80, zeros to 56 mod 64, then the bit length big-endian.
        var padding = SIMD64<UInt8>()
        padding[0] = 0x80
        let zeros = (pending < 56 ? 56 : 120) - pending
        withUnsafeBytes(of: padding) { copy.update(UnsafeRawBufferPointer(rebasing: $0[0..<zeros])) }
        withUnsafeBytes(of: bitLength.bigEndian) { copy.update($0) }
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for index in 0..<8 {
            let word = copy.state[index]
            for shift in stride(from: 28, through: 0, by: -4) { out.append(digits[Int((word >> UInt32(shift)) & 0xF)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    /// One round; the caller rotates the roles of the eight working variables instead of moving them.
    @inline(__always)
    private static func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                              _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    /// Compresses `blocks` consecutive 64-byte blocks at `p` into `state`.
    private static func compress(_ state: inout SIMD8<UInt32>, _ p: UnsafeRawPointer, blocks: Int) {
        k.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let k = k.baseAddress!
                let w = schedule.baseAddress!
                var a = state[0], b = state[1], c = state[2], d = state[3]
                var e = state[4], f = state[5], g = state[6], h = state[7]
                for block in 0..<blocks {
                    let q = p + block * 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: q.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let w15 = w[i - 15], w2 = w[i - 2]
                        let s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >> 3)
                        let s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    let a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h
                    var i = 0
                    while i < 64 {
                        round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                        round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                        round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                        round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                        round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                        round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                        round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                        i += 8
                    }
                    a &+= a0; b &+= b0; c &+= c0; d &+= d0
                    e &+= e0; f &+= f0; g &+= g0; h &+= h0
                }
                state = SIMD8(a, b, c, d, e, f, g, h)
            }
        }
    }

    // MARK: four messages at once

    /// Adds `chunks[i]` to `hashes[i]` for each i, exactly as `update` would one by one, but
    /// compresses the blocks of up to four hashes together, one per SIMD lane (SHA-256 is
    /// sequential within a message, so independent messages are what can share the vector unit).
    /// The gain needs at least two hashes with no partial block pending; the rest is done one by one.
    /// `lanes: false` hashes one by one; the default is true in optimized builds only, because
    /// unoptimized SIMD code is many times slower than scalar code (tests pass `lanes: true`).
    package static func update(_ hashes: inout [SHA256], _ chunks: [UnsafeRawBufferPointer], lanes useLanes: Bool = lanesByDefault) {
        precondition(hashes.count == chunks.count, "one chunk per hash")
        guard useLanes else {
            for index in hashes.indices { hashes[index].update(chunks[index]) }
            return
        }
        var done = [Int](repeating: 0, count: hashes.count)
        var start = 0
        while start < hashes.count {
            // Up to four hashes that are at a block boundary take their common whole blocks together.
            var lanes: [Int] = []
            var index = start
            while index < hashes.count && lanes.count < 4 {
                if hashes[index].pending == 0 && chunks[index].count >= 64 { lanes.append(index) }
                index += 1
            }
            start = index
            guard lanes.count >= 2 else { continue }
            let blocks = lanes.map { chunks[$0].count / 64 }.min()!
            var state = Lanes(lanes.map { hashes[$0].state } + Array(repeating: hashes[lanes[0]].state, count: 4 - lanes.count))
            let pointers = (0..<4).map { chunks[lanes[min($0, lanes.count - 1)]].baseAddress! }
            compress4(&state, pointers[0], pointers[1], pointers[2], pointers[3], blocks: blocks)
            for (lane, hash) in lanes.enumerated() {
                hashes[hash].state = state.lane(lane)
                hashes[hash].length &+= UInt64(blocks * 64)
                done[hash] = blocks * 64
            }
        }
        for index in hashes.indices where done[index] < chunks[index].count {
            hashes[index].update(UnsafeRawBufferPointer(rebasing: chunks[index][done[index]...]))
        }
    }

    #if DEBUG
    /// Whether `update(_:_:)` uses SIMD lanes unless told.
    package static let lanesByDefault = false
    #else
    /// Whether `update(_:_:)` uses SIMD lanes unless told.
    package static let lanesByDefault = true
    #endif

    /// The eight working words of four hashes, word-major: `words[w][lane]`.
    private struct Lanes {
        var a, b, c, d, e, f, g, h: SIMD4<UInt32>

        init(_ states: [SIMD8<UInt32>]) {
            func word(_ w: Int) -> SIMD4<UInt32> { SIMD4(states[0][w], states[1][w], states[2][w], states[3][w]) }
            a = word(0); b = word(1); c = word(2); d = word(3); e = word(4); f = word(5); g = word(6); h = word(7)
        }

        func lane(_ i: Int) -> SIMD8<UInt32> { SIMD8(a[i], b[i], c[i], d[i], e[i], f[i], g[i], h[i]) }
    }

    /// The shift counts of the σ and Σ functions. They are read from an
    /// array at run time on purpose: with constant counts LLVM recognises `(x >> n) | (x << 32 - n)`
    /// as a rotation, and SSE2 has no vector rotate, so it would move every lane to a scalar register.
    private struct Shifts {
        let r2, l30, r13, l19, r22, l10, r6, l26, r11, l21, r25, l7, r7, l25, r18, l14, r3, r17, l15, r19, l13: UInt32

        init(_ n: [UInt32]) {
            func splat(_ i: Int) -> UInt32 { n[i] }
            r2 = splat(0); l30 = splat(1); r13 = splat(2); l19 = splat(3); r22 = splat(4); l10 = splat(5)
            r6 = splat(6); l26 = splat(7); r11 = splat(8); l21 = splat(9); r25 = splat(10); l7 = splat(11)
            r7 = splat(12); l25 = splat(13); r18 = splat(14); l14 = splat(15); r3 = splat(16)
            r17 = splat(17); l15 = splat(18); r19 = splat(19); l13 = splat(20)
        }
    }

    /// The round constants, each in every lane.
    private static let k4: [SIMD4<UInt32>] = k.map { SIMD4(repeating: $0) }

    private static let shiftCounts: [UInt32] = [2, 30, 13, 19, 22, 10, 6, 26, 11, 21, 25, 7, 7, 25, 18, 14, 3, 17, 15, 19, 13]

    @inline(__always)
    private static func round4(_ a: SIMD4<UInt32>, _ b: SIMD4<UInt32>, _ c: SIMD4<UInt32>, _ d: inout SIMD4<UInt32>,
                               _ e: SIMD4<UInt32>, _ f: SIMD4<UInt32>, _ g: SIMD4<UInt32>, _ h: inout SIMD4<UInt32>,
                               _ kw: SIMD4<UInt32>, _ s: Shifts) {
        let sigma1 = (e &>> s.r6) ^ (e &<< s.l26) ^ (e &>> s.r11) ^ (e &<< s.l21) ^ (e &>> s.r25) ^ (e &<< s.l7)
        let sigma0 = (a &>> s.r2) ^ (a &<< s.l30) ^ (a &>> s.r13) ^ (a &<< s.l19) ^ (a &>> s.r22) ^ (a &<< s.l10)
        let t1 = h &+ sigma1 &+ (g ^ (e & (f ^ g))) &+ kw
        let t2 = sigma0 &+ ((a & b) | (c & (a | b)))
        d &+= t1
        h = t1 &+ t2
    }

    /// Compresses `blocks` blocks of each of four messages, lane i reading from `pi`.
    private static func compress4(_ state: inout Lanes, _ p0: UnsafeRawPointer, _ p1: UnsafeRawPointer,
                                  _ p2: UnsafeRawPointer, _ p3: UnsafeRawPointer, blocks: Int) {
        k4.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: SIMD4<UInt32>.self, capacity: 64) { schedule in
                let k = k.baseAddress!
                let w = schedule.baseAddress!
                let s = Shifts(shiftCounts)
                var a = state.a, b = state.b, c = state.c, d = state.d
                var e = state.e, f = state.f, g = state.g, h = state.h
                for block in 0..<blocks {
                    let offset = block * 64
                    for i in 0..<16 {
                        let o = offset + 4 * i
                        w[i] = SIMD4(UInt32(bigEndian: p0.loadUnaligned(fromByteOffset: o, as: UInt32.self)),
                                     UInt32(bigEndian: p1.loadUnaligned(fromByteOffset: o, as: UInt32.self)),
                                     UInt32(bigEndian: p2.loadUnaligned(fromByteOffset: o, as: UInt32.self)),
                                     UInt32(bigEndian: p3.loadUnaligned(fromByteOffset: o, as: UInt32.self)))
                    }
                    for i in 16..<64 {
                        let w15 = w[i - 15], w2 = w[i - 2]
                        let s0 = (w15 &>> s.r7) ^ (w15 &<< s.l25) ^ (w15 &>> s.r18) ^ (w15 &<< s.l14) ^ (w15 &>> s.r3)
                        let s1 = (w2 &>> s.r17) ^ (w2 &<< s.l15) ^ (w2 &>> s.r19) ^ (w2 &<< s.l13) ^ (w2 &>> s.l10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    let a0 = a, b0 = b, c0 = c, d0 = d, e0 = e, f0 = f, g0 = g, h0 = h
                    var i = 0
                    while i < 64 {
                        round4(a, b, c, &d, e, f, g, &h, k[i] &+ w[i], s)
                        round4(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1], s)
                        round4(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2], s)
                        round4(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3], s)
                        round4(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4], s)
                        round4(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5], s)
                        round4(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6], s)
                        round4(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7], s)
                        i += 8
                    }
                    a &+= a0; b &+= b0; c &+= c0; d &+= d0
                    e &+= e0; f &+= f0; g &+= g0; h &+= h0
                }
                state.a = a; state.b = b; state.c = c; state.d = d
                state.e = e; state.f = f; state.g = g; state.h = h
            }
        }
    }
}
