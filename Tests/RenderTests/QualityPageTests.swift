import Foundation
import LevelFieldModel
import Testing
import TestSupport
@testable import Render

/// Issue 15: quality.html is built from the data — its figures are checked here against the
/// report's ledger and counts, not against fixed text.
@Suite("Quality and methodology page")
struct QualityPageTests {
    static func page(_ report: Report) throws -> String {
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report)
        let page = try #require(files.first { $0.path == "quality.html" })
        let html = SiteTestSupport.text(page)
        // Table cells end with a space, so a row reads as its cells in order.
        return html.replacingOccurrences(of: "</t[dh]>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression).replacingOccurrences(of: "&lt;", with: "<")
    }

    /// The indices in `analyses` of the recovery analyses (the fixture's periods, in order).
    static func recovery(_ report: Report) -> [Int] { report.analyses.indices.filter { report.analyses[$0].indicator == .recovery } }

    @Test("suppressed values and ledger lines are the ledger's own counts")
    func ledgerCounts() throws {
        var report = SiteFixture.report()
        report.ledger.append(LedgerEntry(sourceFile: "m.csv", line: 3, period: SiteFixture.periods[1], areaCode: AreaCode("00C"),
                                         reason: .suppressedMonth(month: "2014-11", column: "recovered")))
        report.ledger.sort(by: LedgerEntry.canonicalOrder)
        let suppressed = report.ledger.filter { $0.reason.key == "suppressed" || $0.reason.key == "suppressed_month" }.count
        #expect(suppressed == 2)
        let text = try Self.page(report)
        #expect(text.contains("\(suppressed) input rows were left out because a value the analysis needs was suppressed or missing"))
        #expect(text.contains("the ledger has \(report.ledger.count) lines"))
    }

    @Test("rounding to 5 is detected from the counts, and NHS inputs are named")
    func rounding() throws {
        var report = SiteFixture.report()
        let counts = report.periods.flatMap(\.areas).flatMap { a in
            [a.observation.referrals, a.observation.finishedTreatment, a.observation.recoveryDenominator, a.observation.recovered].compactMap { $0 }
        }
        let multiples = counts.filter { $0 % 5 == 0 }.count
        var text = try Self.page(report)
        #expect(text.contains("Of the \(counts.count) counts behind the analysed areas"))
        #expect(text.contains("\(multiples) (\(ReadableNumber.percent(100 * Double(multiples) / Double(counts.count)))) are multiples of 5"))
        #expect(text.contains("the counts do not look rounded"))
        #expect(!text.contains("NHS Digital and NHS England round sub-national counts"))

        // Every count a multiple of 5, from an NHS file: said both ways.
        for p in Self.recovery(report) {
            for a in report.analyses[p].areas.indices {
                var o = report.analyses[p].areas[a].observation
                o.referrals = o.referrals.map { $0 / 5 * 5 }
                o.finishedTreatment = o.finishedTreatment.map { $0 / 5 * 5 }
                o.recoveryDenominator = o.recoveryDenominator.map { $0 / 5 * 5 }
                o.recovered = o.recovered.map { $0 / 5 * 5 }
                report.analyses[p].areas[a].observation = o
            }
        }
        report.inputs[0].format = "NHS annual wide"
        text = try Self.page(report)
        #expect(text.contains("(100.0%) are multiples of 5: the counts are rounded to the nearest 5"))
        #expect(text.contains("NHS Digital and NHS England round sub-national counts to the nearest 5"))
    }

    @Test("the largest gap between a recomputed rate and a published percentage names its area and period")
    func gap() throws {
        var report = SiteFixture.report()
        // 00C in the second period: 152 / 325 = 46.77%; 03F: 451 / 1150 = 39.22%.
        let second = Self.recovery(report)[1]
        let c = try #require(report.analyses[second].areas.firstIndex { $0.code == AreaCode("00C") })
        let f = try #require(report.analyses[second].areas.firstIndex { $0.code == AreaCode("03F") })
        report.analyses[second].areas[c].observation.publishedRecoveryRate = 48
        report.analyses[second].areas[f].observation.publishedRecoveryRate = 39
        let gapC = abs(report.analyses[second].areas[c].rate - 48), gapF = abs(report.analyses[second].areas[f].rate - 39)
        #expect(gapC > gapF)
        let text = try Self.page(report)
        #expect(text.contains("recovery percentage for 2 of the analysed area-periods"))
        #expect(text.contains("differs from it by \(ReadableNumber.fixed((gapC + gapF) / 2, 2)) percentage points on average"))
        #expect(text.contains("the largest gap is \(ReadableNumber.fixed(gapC, 2)) points, for Darlington (00C) in 2014-15 Q3: 46.8% recomputed against 48% published"))
        #expect(try !Self.page(SiteFixture.report()).contains("the largest gap"))
    }

    @Test("periods, IMD releases and the April 2022 series break come from the data")
    func coherence() throws {
        var report = SiteFixture.report()
        let (first, second) = (Self.recovery(report)[0], Self.recovery(report)[1])
        report.analyses[first].period = Period("2021-22")
        report.analyses[second].period = Period("2022-23 Q1")
        for a in report.analyses[second].areas.indices { report.analyses[second].areas[a].observation.imdVersion = "IMD2025" }
        for a in report.analyses[first].areas.indices { report.analyses[first].areas[a].observation.imdVersion = "IMD2019" }
        let text = try Self.page(report)
        #expect(text.contains("This report has periods on both sides of that break (2021-22 before; 2022-23 Q1 after)"))
        #expect(text.contains("more than one release of the English Indices of Deprivation (IMD2019, IMD2025)"))
        #expect(try Self.page(SiteFixture.report()).contains("Every period in this report lies on the same side of that break."))
    }

    @Test("period labels map to their first month", arguments: [
        ("2021-22", 2021, 4), ("2022-23 Q2", 2022, 7), ("2022-23 Q4", 2023, 1), ("2024-03", 2024, 3),
    ] as [(String, Int, Int)])
    func firstMonth(label: String, year: Int, month: Int) throws {
        let value = try #require(SiteModel.firstMonth(Period(label)))
        #expect(value.year == year && value.month == month)
    }

    @Test("every page links to quality.html")
    func linked() throws {
        for file in try SiteTestSupport.renderFixture() where file.path.hasSuffix(".html") {
            #expect(SiteTestSupport.text(file).contains("quality.html\">Quality and methodology</a>"), "\(file.path)")
        }
    }
}

@Suite("Quality page: model strength per indicator")
struct QualityStrengthTableTests {
    @Test("one row per period × indicator model, with its R², p and gradient from the report")
    func rows() throws {
        let report = SiteFixture.report()
        let text = try QualityPageTests.page(report)
        #expect(!report.analyses.isEmpty)
        for analysis in report.analyses {
            let s = analysis.model.strength
            let row = "\(analysis.period.label) \(analysis.indicator.name) \(analysis.model.areas) \(ReadableNumber.percent(100 * s.rSquared)) "
                + "\(ReadableNumber.pValue(s.pSlope)) \(SiteModel.signedPoints(s.gradient)) (\(SiteModel.signedPoints(s.gradientInterval.lower)) to "
                + "\(SiteModel.signedPoints(s.gradientInterval.upper)))"
            #expect(text.contains(row), "\(row)")
        }
    }
}

@Suite("Overview: the other indicators' model strength")
struct OverviewIndicatorStrengthTests {
    @Test("the period page lists every other indicator's model in words, with the warning where it explains little")
    func lines() throws {
        var report = SiteFixture.report()
        let improvement = try #require(Indicator.withID("reliable_improvement"))
        var copies = report.analyses.filter { $0.indicator == .recovery }.map { analysis -> PeriodReport in
            var copy = analysis
            copy.indicator = improvement
            return copy
        }
        // Make the latest copy weak, so both wordings appear.
        copies[copies.count - 1].model.strength.level = .explainsLittle
        report.analyses += copies
        let files = try SiteRenderer(templatesDirectory: SiteTestSupport.templatesDirectory).render(report)
        let index = try #require(files.first { $0.path == "index.html" })
        let first = try #require(files.first { $0.path == "periods/2014-15-q2.html" })
        let s = copies[copies.count - 1].model.strength
        let html = SiteTestSupport.text(index)
        let p = ReadableNumber.pPhrase(s.pSlope).replacingOccurrences(of: "<", with: "&lt;")
        #expect(html.contains("<li>Reliable improvement: deprivation explains \(ReadableNumber.percent(100 * s.rSquared)) (slope \(p)); "
            + "from the most to the least deprived area the expected rate changes by \(SiteModel.signedPoints(s.gradient)) percentage points "
            + "(95% confidence interval \(SiteModel.signedPoints(s.gradientInterval.lower)) to \(SiteModel.signedPoints(s.gradientInterval.upper))). "
            + "Deprivation explains little, so its adjusted benchmark is close to the rate of all areas together.</li>"))
        #expect(SiteTestSupport.text(first).contains("<li>Reliable improvement: deprivation explains"))
        #expect(!SiteTestSupport.text(first).contains("Deprivation explains little, so its adjusted benchmark"))
        #expect(!html.contains("<li>Recovery: deprivation explains"), "the page's own indicator is not repeated")
    }
}
