import Foundation
import LevelFieldModel
import Testing
@testable import Render

@Suite("manifest.json")
struct DownloadManifestTests {
    @Test("the manifest lists options, inputs and outputs in a fixed key order, outputs sorted by path")
    func golden() {
        let outputs = [OutputFile(path: "b.txt", text: "b"), OutputFile(path: "a.txt", bytes: [])]
        let manifest = Downloads.manifest(for: DownloadFixture.report(), outputs: outputs)
        #expect(manifest.path == "downloads/manifest.json")
        let ab = String(repeating: "ab", count: 32), zf = String(repeating: "0f", count: 32)
        #expect(String(decoding: manifest.bytes, as: UTF8.self) == """
            {
              "schema": 2,
              "tool": "LevelField",
              "tool_version": "1.2.3",
              "generated_on": "2016-03-01",
              "synthetic": true,
              "options": {
                "target_percent": 50,
                "standards": {
                  "recovery": 50,
                  "reliable_recovery": 48,
                  "reliable_improvement": 67,
                  "reliable_deterioration": null,
                  "wait_6_weeks": 75,
                  "wait_18_weeks": 95
                },
                "standard_overrides": [],
                "confidence_percent": 95,
                "deprivation": "rank",
                "period": null,
                "area_level": "CCG",
                "aggregate": null,
                "overdispersion": "additive",
                "site_url": null
              },
              "inputs": [
                {
                  "path": "outcomes.csv",
                  "format": "tidy outcomes",
                  "rows": 9,
                  "sha256": "\(ab)"
                },
                {
                  "path": "dir/\\"odd\\" name\\\\é.csv",
                  "format": "deprivation",
                  "rows": 4,
                  "sha256": "\(zf)"
                }
              ],
              "outputs": [
                {
                  "path": "a.txt",
                  "bytes": 0,
                  "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
                },
                {
                  "path": "b.txt",
                  "bytes": 1,
                  "sha256": "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"
                }
              ]
            }

            """)
    }

    @Test("every output's hash and size are those of its bytes; the manifest does not list itself")
    func hashes() throws {
        let report = DownloadFixture.report()
        var outputs = Downloads.files(for: report)
        outputs.append(OutputFile(path: "index.html", text: "<!doctype html>"))
        outputs.append(OutputFile(path: "downloads/manifest.json", text: "stale"))
        let manifest = Downloads.manifest(for: report, outputs: outputs)
        let object = try #require(JSONSerialization.jsonObject(with: Data(manifest.bytes)) as? [String: Any])
        let listed = try #require(object["outputs"] as? [[String: Any]])
        let expected = outputs.filter { $0.path != "downloads/manifest.json" }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        #expect(listed.map { $0["path"] as? String } == expected.map(\.path))
        for (entry, file) in zip(listed, expected) {
            #expect(entry["sha256"] as? String == SHA256.hexDigest(of: file.bytes), "\(file.path)")
            #expect(entry["bytes"] as? Int == file.bytes.count, "\(file.path)")
        }
        let options = try #require(object["options"] as? [String: Any])
        #expect(options["target_percent"] as? Double == 50)
        #expect(options["area_level"] as? String == "CCG")
        #expect(options["period"] is NSNull)
    }

    @Test("a chosen period and fractional options are recorded as given")
    func options() throws {
        var report = DownloadFixture.report()
        report.metadata.options = ReportOptions(standardOverrides: [StandardOverride(indicatorID: "recovery", percent: 52.5)], confidencePercent: 99.8, measure: .score,
                                                period: Period("2015-16 Q2"), areaLevel: nil, aggregate: "quarter",
                                                siteURL: "https://example.org/levelfield/")
        let text = String(decoding: Downloads.manifest(for: report, outputs: []).bytes, as: UTF8.self)
        #expect(text.contains("""
              "options": {
                "target_percent": 52.5,
                "standards": {
                  "recovery": 52.5,
                  "reliable_recovery": 48,
                  "reliable_improvement": 67,
                  "reliable_deterioration": null,
                  "wait_6_weeks": 75,
                  "wait_18_weeks": 95
                },
                "standard_overrides": [
                  "recovery=52.5"
                ],
                "confidence_percent": 99.8,
                "deprivation": "score",
                "period": "2015-16 Q2",
                "area_level": null,
                "aggregate": "quarter",
                "overdispersion": "additive",
                "site_url": "https://example.org/levelfield/"
              },
            """))
        #expect(text.contains("\"outputs\": []\n"))
    }

    @Test("JSON strings escape quotes, backslashes and control characters, and keep other text as UTF-8")
    func escaping() throws {
        #expect(JSONValue.quoted("plain") == "\"plain\"")
        #expect(JSONValue.quoted("say \"hi\"") == "\"say \\\"hi\\\"\"")
        #expect(JSONValue.quoted("C:\\data\\x.csv") == "\"C:\\\\data\\\\x.csv\"")
        #expect(JSONValue.quoted("a/b") == "\"a/b\"")
        #expect(JSONValue.quoted("tab\tnl\ncr\rbs\u{08}ff\u{0C}") == "\"tab\\tnl\\ncr\\rbs\\bff\\f\"")
        #expect(JSONValue.quoted("\u{00}\u{01}\u{1F}\u{7F}") == "\"\\u0000\\u0001\\u001f\u{7F}\"")
        #expect(JSONValue.quoted("Ynys Môn – 北 😀") == "\"Ynys Môn – 北 😀\"")
        #expect(JSONValue.quoted("line\u{2028}para\u{2029}") == "\"line\\u2028para\\u2029\"")

        let nasty = "q\"b\\s/c\u{00}\u{01}\u{1F}\n\r\t\u{08}\u{0C}é😀\u{2028}"
        let document = JSONValue.object([(nasty, .array([.string(nasty), .number(-0.0), .number(.nan), .integer(-3)]))])
        let parsed = try #require(JSONSerialization.jsonObject(with: Data(document.prettyPrinted().utf8)) as? [String: Any])
        let array = try #require(parsed[nasty] as? [Any])
        #expect(array[0] as? String == nasty)
        #expect(array[1] as? Int == 0)
        #expect(array[2] is NSNull)
        #expect(array[3] as? Int == -3)
    }

    @Test("empty arrays and objects are written inline")
    func emptyContainers() {
        #expect(JSONValue.object([("a", .array([])), ("b", .object([]))]).prettyPrinted() == "{\n  \"a\": [],\n  \"b\": {}\n}\n")
    }
}

@Suite("How to cite")
struct CitationTests {
    @Test("the citation names title, edition, date, version, URL and sources with the OGL; a placeholder without --site-url")
    func text() {
        var report = DownloadFixture.report()
        report.metadata.isSynthetic = false
        #expect(Citation(report).text == "LevelField (2016). NHS Talking Therapies recovery: the flat target and a deprivation-adjusted benchmark. "
            + "Edition: latest period 2015-16 Q2; dated 2016-03-01. Made with LevelField 1.2.3. <site URL>. Data: NHS England / NHS Digital, "
            + "NHS Talking Therapies for anxiety and depression (formerly IAPT) outcome data; Ministry of Housing, Communities and Local "
            + "Government, English Indices of Deprivation. Contains public sector information licensed under the Open Government Licence v3.0.")
        report.metadata.options.siteURL = "https://example.org/lf/"
        #expect(Citation(report).text.contains("Made with LevelField 1.2.3. https://example.org/lf/. Data:"))
        report.metadata.isSynthetic = true
        #expect(Citation(report).sources.contains("synthetic demonstration dataset"))
    }

    @Test("the codebook says how to cite")
    func codebook() throws {
        let report = DownloadFixture.report()
        let codebook = try #require(Downloads.files(for: report).first { $0.path == "downloads/codebook.csv" })
        let text = String(decoding: codebook.bytes, as: UTF8.self)
        #expect(text.contains("How to cite these figures: " + Citation(report).text))
    }
}
