import Testing
@testable import LevelFieldModel

@Suite("Model vocabulary")
struct ModelTests {
    @Test("SHA-256 matches the FIPS 180-4 test vectors")
    func sha256Vectors() {
        #expect(SHA256.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let twoBlocks = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        #expect(SHA256.hexDigest(of: twoBlocks) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: 0x61, count: 1_000_000)
        #expect(SHA256.hexDigest(of: million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("SHA-256 of several messages in SIMD lanes equals each message's own digest", arguments: [0, 1, 2, 3, 4, 5, 9])
    func sha256Lanes(count: Int) {
        // Sizes around block boundaries and unequal lengths, so lanes finish at different blocks.
        let sizes = [0, 1, 63, 64, 65, 1000, 4096, 70_001, 128]
        let messages = (0..<count).map { index in
            (0..<sizes[index % sizes.count]).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ index) }
        }
        #expect(SHA256.hexDigests(of: messages) == messages.map { SHA256.hexDigest(of: $0) })
    }

    @Test("concurrentMap returns a serial map's results in order")
    func concurrentMapOrder() {
        let values = Array(0..<1000)
        #expect(values.concurrentMap { $0 * $0 } == values.map { $0 * $0 })
        #expect([Int]().concurrentMap { $0 }.isEmpty)
    }

    @Test("SHA-256 gives the same digest whatever the chunking")
    func sha256Chunking() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let whole = SHA256.hexDigest(of: bytes)
        for chunk in [1, 3, 63, 64, 65, 200] {
            var hash = SHA256()
            var start = 0
            while start < bytes.count {
                hash.update(bytes[start..<min(start + chunk, bytes.count)])
                start += chunk
            }
            #expect(hash.hexDigest() == whole, "chunk \(chunk)")
        }
    }

    @Test("SHA-256 of raw buffers and of non-contiguous collections matches the array digest")
    func sha256Overloads() {
        let bytes = (0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        let whole = SHA256.hexDigest(of: bytes)
        #expect(SHA256.hexDigest(of: bytes.lazy.map { $0 }) == whole)
        for chunk in [1, 55, 56, 64, 127, 4096, 10_000] {
            var raw = SHA256()
            var typed = SHA256()
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                while start < buffer.count {
                    let piece = UnsafeBufferPointer(rebasing: buffer[start..<min(start + chunk, buffer.count)])
                    raw.update(UnsafeRawBufferPointer(piece))
                    typed.update(piece)
                    start += chunk
                }
            }
            #expect(raw.hexDigest() == whole, "chunk \(chunk)")
            #expect(typed.hexDigest() == whole, "chunk \(chunk)")
        }
        for length in 54...66 {
            let prefix = Array(bytes[0..<length])
            #expect(SHA256.hexDigest(of: prefix) == SHA256.hexDigest(of: prefix.lazy.map { $0 }), "length \(length)")
        }
    }

    @Test("SHA-256 of several messages at once (SIMD lanes) equals each one hashed alone")
    func sha256Lanes() {
        let messages = (0..<6).map { m in (0..<(3000 + 97 * m)).map { UInt8(truncatingIfNeeded: $0 &* (m + 3) &+ m) } }
        for count in 1...6 {
            for chunk in [1, 100, 640, 4096] {
                var hashes = [SHA256](repeating: SHA256(), count: count)
                // A partial block pending in one hash, whole blocks in the others.
                if count > 2 { hashes[1].update(messages[1][0..<5]) }
                var offsets = [Int](repeating: 0, count: count)
                if count > 2 { offsets[1] = 5 }
                while offsets.indices.contains(where: { offsets[$0] < messages[$0].count }) {
                    var buffers: [[UInt8]] = []
                    for index in 0..<count {
                        let end = min(offsets[index] + chunk + index, messages[index].count)
                        buffers.append(Array(messages[index][offsets[index]..<end]))
                        offsets[index] = end
                    }
                    func feed(_ index: Int, _ pointers: [UnsafeRawBufferPointer]) {
                        if index == buffers.count {
                            SHA256.update(&hashes, pointers, lanes: true)
                            return
                        }
                        buffers[index].withUnsafeBytes { feed(index + 1, pointers + [$0]) }
                    }
                    feed(0, [])
                }
                for index in 0..<count {
                    #expect(hashes[index].hexDigest() == SHA256.hexDigest(of: messages[index]), "\(count) lanes, chunk \(chunk), lane \(index)")
                }
            }
        }
    }

    @Test("financial-year quarters start in April")
    func financialQuarters() {
        #expect(Period.financialQuarter(year: 2024, month: 4).label == "2024-25 Q1")
        #expect(Period.financialQuarter(year: 2024, month: 6).label == "2024-25 Q1")
        #expect(Period.financialQuarter(year: 2024, month: 7).label == "2024-25 Q2")
        #expect(Period.financialQuarter(year: 2024, month: 12).label == "2024-25 Q3")
        #expect(Period.financialQuarter(year: 2025, month: 1).label == "2024-25 Q4")
        #expect(Period.financialQuarter(year: 2000, month: 3).label == "1999-00 Q4")
        #expect(Period.financialQuarter(year: 2008, month: 5).label == "2008-09 Q1")
    }

    @Test("period slugs are file-name safe")
    func slugs() {
        #expect(Period("2014-15 Q2").slug == "2014-15-q2")
        #expect(Period("2024-03").slug == "2024-03")
        #expect(Period(" <x> ").slug == "x")
    }

    @Test("only [A-Za-z0-9]+ area codes can name a file")
    func safeCodes() {
        #expect(AreaCode("00C").isSafeFileName)
        #expect(AreaCode("E38000042").isSafeFileName)
        #expect(!AreaCode("../x").isSafeFileName)
        #expect(!AreaCode("").isSafeFileName)
        #expect(!AreaCode("a b").isSafeFileName)
        #expect(!AreaCode("é").isSafeFileName)
    }

    @Test("the rate is recomputed from counts, never taken on trust")
    func rateFromCounts() {
        let loc = SourceLocation(file: "f", line: 2, column: 1)
        var obs = Observation(period: Period("2017-18"), areaCode: AreaCode("00C"), areaName: "A",
                              recoveryDenominator: 200, recovered: 101, recoveryRateGiven: 99, source: loc)
        #expect(obs.recoveryRate == 50.5)
        obs.recovered = nil
        #expect(obs.recoveryRate == 99)
    }
}
