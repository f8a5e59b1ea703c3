#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
@testable import Ingest
import LevelFieldModel

@Suite("CSV over bytes")
struct CSVParserTests {
    @Test("plain records with LF line ends")
    func plainLF() throws {
        let records = try parse("a,b,c\n1,2,3\n")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(records[1].locations == ["2:1", "2:3", "2:5"])
    }

    @Test("CRLF, LF and CR line ends give the same records")
    func lineEnds() throws {
        let lf = try parse("a,b\n1,2\n3,4").map(\.fields)
        #expect(try parse("a,b\r\n1,2\r\n3,4\r\n").map(\.fields) == lf)
        #expect(try parse("a,b\r1,2\r3,4\r").map(\.fields) == lf)
        #expect(try parse("a,b\r\n1,2\r\n3,4\r\n")[2].locations == ["3:1", "3:3"])
    }

    @Test("a UTF-8 byte-order mark is skipped and columns count after it")
    func byteOrderMark() throws {
        let records = try parse([0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n".utf8), chunk: 1)
        #expect(records.map(\.fields) == [["a", "b"], ["1", "2"]])
        #expect(records[0].locations == ["1:1", "1:3"])
    }

    @Test("bytes that begin like a BOM but are not one are data")
    func notABOM() throws {
        let text = "\u{FFFD}x,y\n1,2\n"  // EF BF BD: shares its first byte with the BOM
        #expect(try parse(text, chunk: 1).map(\.fields) == [["\u{FFFD}x", "y"], ["1", "2"]])
        #expect(try parse(text).map(\.fields) == [["\u{FFFD}x", "y"], ["1", "2"]])
    }

    @Test("a quoted field may contain commas, doubled quotes and CRLF")
    func quotedFields() throws {
        let records = try parse("name,n\r\n\"Durham, Dales\",1\r\n\"say \"\"hi\"\"\",2\r\n\"two\r\nlines\",3\r\nnext,4\r\n")
        #expect(records.map(\.fields) == [
            ["name", "n"], ["Durham, Dales", "1"], ["say \"hi\"", "2"], ["two\r\nlines", "3"], ["next", "4"],
        ])
        #expect(records[3].locations == ["4:1", "5:8"])
        #expect(records[4].locations == ["6:1", "6:6"])
    }

    @Test("empty fields, a trailing comma and a last line without a line break")
    func emptyFields() throws {
        let records = try parse("a,b,c\n,,\n1,\"\",3")
        #expect(records.map(\.fields) == [["a", "b", "c"], ["", "", ""], ["1", "", "3"]])
    }

    @Test("a completely empty line is skipped; a line of spaces is a record")
    func blankLines() throws {
        #expect(try parse("a\n\n1\r\n\r\n2\n\n").map(\.fields) == [["a"], ["1"], ["2"]])
        #expect(try parse("a\n\n1\n")[1].locations == ["3:1"])
        #expect(try parse("a\n  \n").map(\.fields) == [["a"], ["  "]])
    }

    @Test("multi-byte UTF-8 is kept, split across reads")
    func multiByte() throws {
        let text = "name,x\nSaint-Étienne ✓ 𝄞,1\n"
        #expect(try parse(text, chunk: 1).map(\.fields) == [["name", "x"], ["Saint-Étienne ✓ 𝄞", "1"]])
    }

    @Test("text after a closing quote is an error at that byte")
    func textAfterQuote() {
        #expect(parseError(Array("a,b\n\"x\"y,2\n".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 2, column: 4), reason: .textAfterClosingQuote))
    }

    @Test("a bare quote in an unquoted field is an error at the quote")
    func bareQuote() {
        #expect(parseError(Array("a,b\n1,x\"y\n".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 2, column: 4), reason: .bareQuote))
    }

    @Test("end of file inside quotes is an error at the opening quote")
    func unterminated() {
        #expect(parseError(Array("a,b\n1,\"open\nstill open".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 2, column: 3), reason: .unterminatedQuote))
    }

    @Test("a ragged row is an error: too many fields at the first extra one, too few at the line end")
    func raggedRows() {
        #expect(parseError(Array("a,b\n1,2,3\n".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 2, column: 5), reason: .raggedRow(expected: 2, found: 3)))
        #expect(parseError(Array("a,b\n1,2\n3\n".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 3, column: 2), reason: .raggedRow(expected: 2, found: 1)))
    }

    @Test("invalid UTF-8 is an error at the first byte of the bad sequence", arguments: [
        [UInt8(0xFF)], [0xC3], [0xC3, 0x41], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80],
    ])
    func invalidUTF8(bad: [UInt8]) {
        let bytes = Array("a,b\n1,x".utf8) + bad + Array("\n".utf8)
        let expected = IngestError(location: SourceLocation(file: "t.csv", line: 2, column: 4), reason: .invalidUTF8)
        #expect(parseError(bytes) == expected)
        #expect(parseError(bytes, chunk: 1) == expected)
    }

    @Test("invalid UTF-8 at the very end of the file is an error")
    func truncatedUTF8AtEnd() {
        #expect(parseError(Array("a\nx".utf8) + [0xE2, 0x9C]) == IngestError(
            location: SourceLocation(file: "t.csv", line: 2, column: 2), reason: .invalidUTF8))
    }

    @Test("a 1-byte read buffer yields the same records as a 64 KiB one")
    func chunkSizeInvariance() throws {
        var text = "\u{FEFF}period,area_code,area_name,note\r\n"
        for i in 0..<300 {
            text += "2024-0\(i % 9 + 1),A\(i),\"Area \(i), \"\"quoted\"\"\",\"multi\r\nline ✓\"\r\n"
            if i % 50 == 0 { text += "\r\n" }
        }
        let bytes = Array(text.utf8)
        let big = try parse(bytes, chunk: 65536)
        #expect(big.count == 301)
        for chunk in [1, 2, 3, 7, 64] {
            #expect(try parse(bytes, chunk: chunk) == big, "chunk \(chunk)")
        }
    }

    @Test("records read in place (one ASCII line in the buffer) match records read byte by byte")
    func inPlaceRecords() throws {
        var text = "\u{FEFF}a,\"b\",c\n"
        let rows = [
            "1,2,3\n", "\"x, y\",\"\",z\r\n", ",,\n", "\"q\",r,\"s\"\n", "é,1,2\n", "\"say \"\"hi\"\"\",1,2\n",
            "lone,cr,end\r", "\"two\nlines\",1,2\n", "  ,\"  \", \n", "last,without,break",
        ]
        for i in 0..<40 { text += rows[i % (rows.count - 1)] }
        text += rows[rows.count - 1]
        let bytes = Array(text.utf8)
        let whole = try parse(bytes, chunk: 1 << 20)
        #expect(whole.count == 42)
        #expect(whole[1].locations == ["2:1", "2:3", "2:5"])
        #expect(whole[2].fields == ["x, y", "", "z"] && whole[2].locations == ["3:1", "3:8", "3:11"])
        for chunk in [1, 5, 13, 64] {
            #expect(try parse(bytes, chunk: chunk) == whole, "chunk \(chunk)")
        }
        // Errors in lines that would otherwise be read in place keep their exact locations.
        #expect(parseError(Array("a,b\n1,2\n\"x\"y,2\n".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 3, column: 4), reason: .textAfterClosingQuote))
        #expect(parseError(Array("a,b\n1,2\n1,2,3\n".utf8)) == IngestError(
            location: SourceLocation(file: "t.csv", line: 3, column: 5), reason: .raggedRow(expected: 2, found: 3)))
    }

    @Test("a file read with a 1-byte buffer gives the same dataset and hash as with 64 KiB")
    func fileChunkInvariance() throws {
        let folder = TempFolder()
        var text = "period,area_code,area_name,finished_treatment,at_caseness,recovered,imd_rank\n"
        for i in 0..<40 { text += "2024-25 Q1,A\(i),\"Area, \(i)\",\(100 + i),\(90 + i),\(40 + i),\(i + 1)\n" }
        let path = folder.write("outcomes.csv", text)
        let one = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(), bufferSize: 1)
        let big = try Ingest.load(outcomes: [path], deprivation: [], options: IngestOptions(), bufferSize: 65536)
        #expect(one == big)
        #expect(one.observations.count == 40)
        #expect(one.inputs[0].sha256 == SHA256.hexDigest(of: Array(text.utf8)))
    }

    @Test("files hashed side by side have the digests and lengths of each file alone; a missing file is unreadable")
    func filesHashedTogether() throws {
        let folder = TempFolder()
        let sizes = [0, 1, 63, 64, 65, 300_000, 262_144, 524_288 + 7]
        let contents = sizes.enumerated().map { (n, size) in (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ n) } }
        var paths = contents.enumerated().map { folder.write("f\($0.offset).bin", bytes: $0.element) }
        paths.insert(folder.url.appendingPathComponent("absent.csv").path, at: 3)
        let results = CSVFile.sha256(paths: paths, bufferSize: 100_000)
        #expect(results.count == paths.count)
        for (index, path) in paths.enumerated() {
            if index == 3 {
                #expect(throws: IngestError.self) { try results[index].get() }
                continue
            }
            let bytes = contents[index < 3 ? index : index - 1]
            #expect(try results[index].get() == FileDigest(sha256: SHA256.hexDigest(of: bytes), bytes: bytes.count), "\(path)")
        }
    }

    @Test("several files read on several threads give the same dataset as one after the other")
    func parallelFilesMatchSequential() throws {
        let folder = TempFolder()
        let paths = (0..<6).map { file in
            var text = "period,area_code,area_name,finished_treatment,at_caseness,recovered,imd_rank\n"
            for i in 0..<(20 + 150 * file) { text += "2024-25 Q\(file % 4 + 1),A\(file)x\(i),\"Area, \(i)\",\(100 + i),\(90 + i),\(40 + i),\(i + 1)\n" }
            return folder.write("outcomes-\(file).csv", text)
        }
        let sequential = Collector()
        try Ingest.readAll(paths.map { ($0, true) }, options: IngestOptions(), bufferSize: 1, threads: 1, into: sequential)
        let oneByOne = try Join.dataset(sequential, options: IngestOptions())
        for threads in [2, 3] {
            let parallel = Collector()
            try Ingest.readAll(paths.map { ($0, true) }, options: IngestOptions(), bufferSize: 4096, threads: threads, into: parallel)
            #expect(try Join.dataset(parallel, options: IngestOptions()) == oneByOne, "\(threads) threads")
        }
        let together = try Ingest.load(outcomes: paths, deprivation: [], options: IngestOptions())
        #expect(oneByOne == together)
        #expect(together.inputs.map(\.path) == paths)
        #expect(together.inputs.allSatisfy { $0.sha256.count == 64 })
    }

    @Test("a pipe among the inputs is read once and hashed as it is read")
    func pipeInput() throws {
        let folder = TempFolder()
        func table(_ file: Int) -> String {
            var text = "period,area_code,area_name,finished_treatment,at_caseness,recovered,imd_rank\n"
            for i in 0..<(10 + file) { text += "2024-25 Q1,P\(file)x\(i),Area \(i),\(100 + i),\(90 + i),\(40 + i),\(i + 1)\n" }
            return text
        }
        let first = folder.write("a.csv", table(0)), last = folder.write("c.csv", table(2))
        let pipe = folder.url.appendingPathComponent("b.csv").path
        try #require(mkfifo(pipe, 0o600) == 0)
        let bytes = Array(table(1).utf8)
        let writer = Thread {
            let fd = open(pipe, O_WRONLY)
            _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        writer.start()
        let dataset = try Ingest.load(outcomes: [first, pipe, last], deprivation: [], options: IngestOptions())
        #expect(dataset.inputs.map(\.rowCount) == [10, 11, 12])
        #expect(dataset.inputs[1].sha256 == SHA256.hexDigest(of: bytes))
        #expect(dataset.inputs[2].sha256 == SHA256.hexDigest(of: Array(table(2).utf8)))
    }
}
