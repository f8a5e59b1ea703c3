import LevelFieldModel

/// How to cite a report (issue 15): title, edition (the latest period), date, URL (from
/// `--site-url`, else a visible placeholder), the tool version and the data sources with their
/// licence. The same words go in every page's footer and in the codebook.
package struct Citation: Equatable, Sendable {
    /// The report's title.
    package static let title = "NHS Talking Therapies recovery: the flat target and a deprivation-adjusted benchmark"
    /// Shown where the URL goes when the build had no `--site-url`.
    package static let urlPlaceholder = "<site URL>"
    /// The Open Government Licence attribution the publishers ask for.
    package static let licence = "Contains public sector information licensed under the Open Government Licence v3.0."

    /// The edition: `latest period 2021-22`, or why there is none.
    package var edition: String
    /// The report's date, `YYYY-MM-DD`.
    package var date: String
    /// The URL, or `urlPlaceholder`.
    package var url: String
    /// LevelField's version.
    package var toolVersion: String
    /// The data sources, with their licence.
    package var sources: String

    /// The citation of `report`.
    package init(_ report: Report) {
        let metadata = report.metadata
        // The latest period by order, whatever order the report lists them in.
        edition = report.periods.map(\.period).max().map { "latest period \($0.label)" } ?? "no period analysed"
        date = metadata.generatedOn
        url = metadata.options.siteURL ?? Self.urlPlaceholder
        toolVersion = metadata.toolVersion
        sources = metadata.isSynthetic
            ? "Data: LevelField’s synthetic demonstration dataset (fictional areas; not real NHS figures)."
            : "Data: NHS England / NHS Digital, NHS Talking Therapies for anxiety and depression (formerly IAPT) outcome data; "
                + "Ministry of Housing, Communities and Local Government, English Indices of Deprivation. " + Self.licence
    }

    /// The year of the report's date, for the author-year part.
    var year: String { date.count >= 4 ? String(date.prefix(4)) : "n.d." }

    /// The whole citation as one line of text.
    package var text: String {
        "LevelField (\(year)). \(Self.title). Edition: \(edition); dated \(date). Made with LevelField \(toolVersion). \(url). \(sources)"
    }
}
