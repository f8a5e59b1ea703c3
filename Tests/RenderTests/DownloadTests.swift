import Foundation
import LevelFieldModel
import Testing
@testable import Render

@Suite("CSV downloads")
struct DownloadTests {
    let files = Downloads.files(for: DownloadFixture.report())

    func text(_ path: String) throws -> String {
        let file = try #require(files.first { $0.path == path }, "no \(path)")
        return String(decoding: file.bytes, as: UTF8.self)
    }

    func records(_ path: String) throws -> [[String]] {
        try StrictCSV.records(text(path))
    }

    @Test("the writer quotes only fields with a comma, quote, CR or LF, doubling quotes")
    func quoting() {
        #expect(CSVWriter.field("plain text") == "plain text")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.field(" spaced ") == " spaced ")
        #expect(CSVWriter.field("a,b") == "\"a,b\"")
        #expect(CSVWriter.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVWriter.field("two\nlines") == "\"two\nlines\"")
        #expect(CSVWriter.field("cr\ronly") == "\"cr\ronly\"")
        #expect(CSVWriter.field("crlf\r\nline") == "\"crlf\r\nline\"")
        #expect(CSVWriter.field("Ynys Môn") == "Ynys Môn")
    }

    @Test("a large table, laid out in chunks on every core, is byte for byte the serial writer's")
    func chunkedTable() {
        let table = DownloadTable<Int>(path: "downloads/t.csv", summary: "test", columns: [
            .init("n", "n", unit: "count") { CSVCell.integer($0) },
            .init("name", "a name needing quotes now and then", unit: "text") { $0 % 7 == 0 ? "a, \"b\" \($0)" : "=x\($0)" },
            .init("third", "a number", unit: "number") { CSVCell.number(Double($0) / 3) },
        ])
        let rows = Array(0..<10_000)
        var serial = CSVWriter(header: table.header)
        for row in rows { serial.append(table.columns.map { $0.value(row) }) }
        #expect(table.file(rows).bytes == serial.bytes)
        #expect(table.file(Array(rows.prefix(5))).bytes == {
            var writer = CSVWriter(header: table.header)
            for row in rows.prefix(5) { writer.append(table.columns.map { $0.value(row) }) }
            return writer.bytes
        }())
    }

    @Test("records end with CRLF, the last one too")
    func recordEnds() {
        var writer = CSVWriter(header: ["a", "b"])
        writer.append(["1", "x\r\ny"])
        #expect(writer.text == "a,b\r\n1,\"x\r\ny\"\r\n")
    }

    @Test("the downloads are the six tables and the codebook, in a fixed order")
    func fileList() {
        #expect(files.map(\.path) == [
            "downloads/benchmarks.csv", "downloads/model.csv", "downloads/agreement.csv", "downloads/funnel.csv",
            "downloads/correlations.csv", "downloads/exclusions.csv", "downloads/codebook.csv",
        ])
    }

    @Test("every file parses as strict RFC 4180 and every row has as many fields as the header")
    func rectangular() throws {
        for file in files {
            let rows = try StrictCSV.records(String(decoding: file.bytes, as: UTF8.self))
            let header = try #require(rows.first)
            #expect(rows.count > 1, "\(file.path) has no data rows")
            for (index, row) in rows.enumerated() {
                #expect(row.count == header.count, "\(file.path) record \(index + 1) has \(row.count) fields, header \(header.count)")
            }
            #expect(String(decoding: file.bytes, as: UTF8.self).utf8.first != 0xEF, "\(file.path) must not start with a BOM")
        }
    }

    @Test("benchmarks.csv has schema 2's columns, one row per area per period and indicator, sorted by period, indicator, code")
    func benchmarks() throws {
        let text = try text("downloads/benchmarks.csv")
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines == [
            "period,indicator,area_code,area_name,imd_rank,imd_score,casemix_deprivation,referrals,finished_treatment,denominator,numerator,rate,"
                + "lower_ci_95,upper_ci_95,lower_ci_99_8,upper_ci_99_8,standard,standard_verdict,expected_rate,expected_lower_95,expected_upper_95,"
                + "adjusted_verdict,funnel_z,funnel_lower_95,funnel_upper_95,funnel_lower_99_8,funnel_upper_99_8,funnel_verdict,flat_funnel_verdict,extreme_outlier",
            "2015-16 Q1,recovery,00C,Darlington,12,28.5,,1200,640,600,300,50,46.0117,53.9883,43.6912,56.3088,50,meets,47.25,44.5,50,as_expected,0.5,40.5,59.5,35.25,64.75,as_expected,as_expected,false",
            "2015-16 Q1,recovery,00D,Hartlepool,200,10.25,,900,300,250,,61.2,55.03,67.01,51.1,70.5,50,meets,0.00000000000000000001,0,1000000000000000000000,better,,,,,,,better_99_8,true",
            "2015-16 Q1,recovery,01A,\"Bolton, \"\"North\"\"\",3,,,,410,400,140,35,30.49,39.75,27.9,42.6,50,misses,41.5,38.25,44.75,worse,-1.25,33.5,49.5,29,54,as_expected,worse_95,false",
            "2015-16 Q2,recovery,00C,Darlington,12,28.5,,1100,650,610,320,52.459016393442624,48.49,56.39,46.2,58.7,50,meets,49.5,47,52,as_expected,,,,,,,,false",
            "2015-16 Q2,recovery,01A,\"Bolton, \"\"North\"\"\",3,,,800,420,415,180,43.373493975903614,38.69,48.17,36,50.9,50,misses,44,41.5,46.5,as_expected,,,,,,,,false",
            "",
        ])
    }

    @Test("funnel.csv has one row per period, indicator and funnel, with φ̂, τ², the limits used and the verdict counts")
    func funnel() throws {
        #expect(try records("downloads/funnel.csv") == [
            ["period", "indicator", "funnel", "areas", "phi", "tau2", "limits_used", "worse_99_8", "worse_95", "as_expected", "better_95", "better_99_8"],
            ["2015-16 Q1", "recovery", "flat", "3", "4.5", "0.0025", "additive", "0", "1", "1", "0", "1"],
            ["2015-16 Q1", "recovery", "adjusted", "2", "0.75", "0", "unadjusted", "0", "0", "2", "0", "0"],
        ])
    }

    @Test("model.csv has one row per period, a missing dummy p as an empty cell")
    func model() throws {
        #expect(try records("downloads/model.csv") == [
            ["period", "indicator", "covariate", "areas", "intercept", "slope", "se_intercept", "se_slope", "t_slope", "p_slope", "r_squared",
             "f_statistic", "f_p", "df_residual", "sigma", "outlier_count", "outlier_dummy_p"],
            ["2015-16 Q1", "recovery", "imd_rank", "3", "41.23456789012345", "0.0123456789", "1.234567890123", "0.0123456789", "4.5",
             "0.0000000000015", "0.25", "20.25", "0.0000000000015", "1", "3.75", "1", "0.0312"],
            ["2015-16 Q2", "recovery", "imd_rank", "2", "43.1", "-0.5", "1.234567890123", "0.0123456789", "4.5", "1", "0.25", "20.25", "1", "0",
             "3.75", "0", ""],
        ])
    }

    @Test("agreement.csv has the 2×2 counts, percentages and empty cells for undefined statistics")
    func agreement() throws {
        #expect(try records("downloads/agreement.csv") == [
            ["period", "indicator", "comparison", "areas", "worse_both", "worse_first_only", "worse_second_only", "worse_neither",
             "percent_worse_first", "percent_worse_second", "kappa", "kappa_se", "kappa_lower_95", "kappa_upper_95",
             "pearson_chi2", "pearson_p", "mcnemar_chi2", "mcnemar_p"],
            ["2015-16 Q1", "recovery", "standard_vs_adjusted", "3", "1", "0", "0", "2", "33.333333333333336", "33.333333333333336", "1", "0.125", "0.75", "1.25",
             "3", "0.08326451666355042", "", ""],
            ["2015-16 Q1", "recovery", "standard_vs_funnel", "2", "0", "1", "0", "1", "50", "0", "", "", "", "", "", "", "1", "0.31731050786291415"],
            ["2015-16 Q1", "recovery", "adjusted_vs_funnel", "2", "0", "1", "0", "1", "50", "0", "", "", "", "", "", "", "1", "0.31731050786291415"],
            ["2015-16 Q2", "recovery", "standard_vs_adjusted", "2", "0", "1", "0", "1", "50", "0", "", "", "", "", "", "", "1", "0.31731050786291415"],
        ])
    }

    @Test("correlations.csv keeps the report's order within each period, periods in order")
    func correlations() throws {
        let rows = try records("downloads/correlations.csv")
        #expect(rows.first == ["period", "indicator", "variable", "rho", "p", "n", "excludes_outliers"])
        #expect(Array(rows.dropFirst()) == [
            ["2015-16 Q1", "recovery", "referrals", "0.5", "0.01", "2", "false"],
            ["2015-16 Q1", "recovery", "finished_treatment", "-0.125", "0.5", "3", "false"],
            ["2015-16 Q1", "recovery", "rate", "-1", "0", "3", "false"],
            ["2015-16 Q1", "recovery", "rate", "", "", "2", "true"],
            ["2015-16 Q2", "recovery", "referrals", "0.5", "0.01", "1", "false"],
            ["2015-16 Q2", "recovery", "finished_treatment", "-0.125", "0.5", "2", "false"],
            ["2015-16 Q2", "recovery", "rate", "1", "", "2", "false"],
            ["2015-16 Q2", "recovery", "rate", "", "", "1", "true"],
        ])
    }

    @Test("exclusions.csv lists the ledger in its order, empty cells for unknown line, period or area")
    func exclusions() throws {
        #expect(try text("downloads/exclusions.csv") ==
            "source_file,line,period,area_code,reason\r\n"
            + "outcomes.csv,7,2015-16 Q1,13Q,not a geographic area (commissioning hub or unknown)\r\n"
            + "\"imd, 2015.csv\",,,X99,in the deprivation data but no outcome row for this period\r\n"
            + "outcomes.csv,9,2015-16 Q2,00K,\"incomplete quarter: missing month 2015-08, 2015-09\"\r\n")
    }

    @Test("a report with no periods and no ledger still gives every file with its header")
    func emptyReport() throws {
        var report = DownloadFixture.report()
        report.analyses = []
        report.ledger = []
        let empty = Downloads.files(for: report)
        #expect(empty.count == 7)
        for file in empty where file.path != "downloads/codebook.csv" {
            let rows = try StrictCSV.records(String(decoding: file.bytes, as: UTF8.self))
            #expect(rows.count == 1, "\(file.path) should hold only its header")
        }
    }

    @Test("the codebook describes every column of every download and every manifest key, in file order")
    func codebook() throws {
        let rows = try records("downloads/codebook.csv")
        #expect(rows.first == ["file", "column", "description", "unit"])
        let body = rows.dropFirst()
        for file in files {
            let header = try StrictCSV.records(String(decoding: file.bytes, as: UTF8.self))[0]
            let described = body.filter { $0[0] == file.path && !$0[1].isEmpty }.map { $0[1] }
            #expect(described == header, "codebook columns of \(file.path)")
            #expect(body.contains { $0[0] == file.path && $0[1].isEmpty }, "no row describing \(file.path) as a whole")
        }
        for row in body {
            #expect(!row[2].isEmpty, "\(row[0]) \(row[1]) has no description")
            if !row[1].isEmpty { #expect(!row[3].isEmpty, "\(row[0]) \(row[1]) has no unit") }
        }
        let manifest = Downloads.manifest(for: DownloadFixture.report(), outputs: files)
        let object = try #require(JSONSerialization.jsonObject(with: Data(manifest.bytes)) as? [String: Any])
        let manifestKeys = body.filter { $0[0] == "downloads/manifest.json" && !$0[1].isEmpty }.map { $0[1] }
        #expect(Set(manifestKeys) == Set(object.keys))
        #expect(manifestKeys == Downloads.manifestKeys.map(\.key))
    }

    @Test("the codebook explains empty cells, the number format and the interval's actual confidence level")
    func codebookWording() throws {
        let rows = try records("downloads/codebook.csv").dropFirst()
        let wholeFile = try #require(rows.first { $0[0] == "downloads/benchmarks.csv" && $0[1].isEmpty })
        #expect(wholeFile[2].contains("empty cell means not available"))
        #expect(wholeFile[2].contains("plain decimal with full precision"))
        let lower = try #require(rows.first { $0[1] == "expected_lower_95" })
        #expect(lower[2].contains("95% level"))
        #expect(lower[2].contains("confidence_percent"))
        #expect(try #require(rows.first { $0[1] == "imd_rank" })[3] == "IMD rank (1 = most deprived)")

        let at90 = Downloads.files(for: DownloadFixture.report(confidence: 90))
        let codebook90 = try StrictCSV.records(String(decoding: at90.last!.bytes, as: UTF8.self))
        #expect(try #require(codebook90.first { $0[1] == "expected_upper_95" })[2].contains("90% level"))
    }

    @Test("equal reports give byte-identical downloads and manifest")
    func deterministic() {
        let again = Downloads.files(for: DownloadFixture.report())
        #expect(again == files)
        let manifestA = Downloads.manifest(for: DownloadFixture.report(), outputs: files)
        let manifestB = Downloads.manifest(for: DownloadFixture.report(), outputs: again.reversed())
        #expect(manifestA == manifestB)
    }

    @Test("periods given out of order are written in period order")
    func periodOrder() throws {
        var report = DownloadFixture.report()
        report.analyses.reverse()
        #expect(Downloads.files(for: report) == files)
    }
}
