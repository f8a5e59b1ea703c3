import Foundation
import LevelFieldModel

/// Renders the public site (SPEC §3.1) from a `Report`: the overview of the latest period
/// (`index.html`), one overview per period, one page per area, the methods and the data-quality
/// ledger, plus the stylesheet. Pages link to the downloads that `Downloads` renders.
package struct SiteRenderer {
    /// The page templates the site needs, and the stylesheet.
    static let requiredPages = ["overview", "area", "methods", "data-quality", "quality", "indicator", "changes", "releases"]
    static let stylesheet = "style.css"

    let templates: TemplateSet

    /// Parses every template in the folder up front; a syntax error is a `TemplateError` naming
    /// file:line:column. (An unknown variable is reported the same way by `render`, at its tag.)
    package init(templatesDirectory: URL) throws {
        try self.init(templates: TemplateSet(directory: templatesDirectory))
    }

    /// Uses templates already parsed (tests).
    package init(templates: TemplateSet) throws {
        for page in Self.requiredPages where templates.pages[page] == nil {
            throw SiteError(location: SourceLocation(file: "\(page).html", line: 1, column: 1), reason: .missingTemplate("\(page).html"))
        }
        guard templates.assets[Self.stylesheet] != nil else {
            throw SiteError(location: SourceLocation(file: Self.stylesheet, line: 1, column: 1), reason: .missingTemplate(Self.stylesheet))
        }
        self.templates = templates
    }

    /// All pages and assets of the site as in-memory files (no I/O), sorted by path. `releases`
    /// is the release history (SPEC §9); without one the report is published as a first release.
    package func render(_ report: Report, releases: ReleaseHistory? = nil) throws -> [OutputFile] {
        var files: [OutputFile] = []
        try render(report, releases: releases) { files.append($0) }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Renders the site one file at a time, handing each to `write` as soon as it is made (a
    /// `Publication` puts it on disk), so memory does not grow with the number of pages. File
    /// names are checked before the first file is made.
    package func render(_ report: Report, releases: ReleaseHistory? = nil, into write: (OutputFile) throws -> Void) throws {
        try Self.checkFileNames(report)
        let site: SiteModel = {
            var site = SiteModel(report: report)
            site.releases = releases
            return site
        }()
        try write(OutputFile(path: "assets/\(Self.stylesheet)", bytes: templates.assets[Self.stylesheet]!))
        func page(_ path: String, _ template: String, _ context: TemplateContext) throws {
            let root = String(repeating: "../", count: path.utf8.filter { $0 == UInt8(ascii: "/") }.count)
            let html = try templates.render(page: template, site.common(root: root).merging(context))
            try write(OutputFile(path: path, text: html))
        }
        if let latest = report.latest {
            try page("index.html", "overview", site.overview(latest, isIndex: true).merging(site.funnelOverview(latest, root: ""))
                .merging(site.indicatorOverview(latest.period, root: "")).merging(site.equityPeriod(latest, root: "")).merging(site.releaseLine()))
        } else {
            try page("index.html", "overview", site.emptyOverview().merging(site.releaseLine()))
        }
        for period in report.periods {
            try page("periods/\(period.period.slug).html", "overview", site.overview(period, isIndex: false).merging(site.funnelOverview(period, root: "../"))
                .merging(site.indicatorOverview(period.period, root: "../")).merging(site.equityPeriod(period, root: "../")).merging(["releaseLine": .list([])]))
            // The points every area page of this period shows behind its own (one copy, not one per page).
            for frame in ScatterChart.frames {
                try write(ScatterChart.pointsDocument(period: period, frame: frame, targetPercent: report.metadata.options.targetPercent))
            }
        }
        // The many pages (an indicator's period pages, the area pages) render on every core; each
        // lands in its own slot and they are appended in order, so the bytes are a serial run's.
        func parallelPages(_ count: Int, _ job: (Int) throws -> (path: String, template: String, context: TemplateContext)) throws {
            var results = [Result<OutputFile, any Error>?](repeating: nil, count: count)
            withoutActuallyEscaping(job) { job in
                results.withUnsafeMutableBufferPointer { slots in
                    // Every worker reads the immutable model and templates and writes only its own slot.
                    let shared = UncheckedSendable(value: (slots: slots, job: job, templates: templates, site: site))
                    DispatchQueue.concurrentPerform(iterations: count) { index in
                        let (slots, job, templates, site) = shared.value
                        slots[index] = Result {
                            let (path, template, context) = try job(index)
                            let root = String(repeating: "../", count: path.utf8.filter { $0 == UInt8(ascii: "/") }.count)
                            return OutputFile(path: path, text: try templates.render(page: template, site.common(root: root).merging(context)))
                        }
                    }
                }
            }
            for result in results { try write(try result!.get()) }
        }
        let others = report.analyses.filter { $0.indicator != .recovery }
        try parallelPages(others.count) { index in
            (SiteModel.indicatorPath(others[index].period, others[index].indicator), "indicator", site.indicatorPage(others[index]))
        }
        let areaIndex = SiteModel.AreaIndex(report)
        let codes = site.areaCodes
        try parallelPages(codes.count) { index in
            ("areas/\(codes[index].rawValue).html", "area", site.areaPage(codes[index]).merging(site.funnelArea(codes[index]))
                .merging(site.areaIndicators(codes[index], index: areaIndex)).merging(site.equityArea(codes[index]))
                .merging(site.releaseNotes(for: codes[index])))
        }
        try page("changes.html", "changes", site.changesPage(root: ""))
        try page("releases.html", "releases", site.releasesPage(root: ""))
        try page("methods.html", "methods", site.methods().merging(site.funnelMethods()))
        try page("data-quality.html", "data-quality", site.dataQuality())
        try page("quality.html", "quality", site.quality())
    }

    /// Refuses an area code that cannot be a file name, and two pages whose names differ only in
    /// case, before anything is rendered.
    static func checkFileNames(_ report: Report) throws(SiteError) {
        // File name (lower case) → the period label or area code that owns it.
        var owners: [String: String] = [:]
        func claim(_ path: String, owner: String, at location: SourceLocation) throws(SiteError) {
            let key = path.lowercased()
            if let earlier = owners[key], earlier != owner {
                throw SiteError(location: location, reason: .pathCollision("\(earlier) → \(key)", "\(owner) → \(path)"))
            }
            owners[key] = owner
        }
        for analysis in report.analyses where analysis.indicator != .recovery {
            let location = analysis.areas.first?.observation.source ?? SourceLocation(file: analysis.period.label, line: 1, column: 1)
            try claim(SiteModel.indicatorPath(analysis.period, analysis.indicator), owner: "period \(analysis.period.label)", at: location)
        }
        for period in report.periods {
            let location = period.areas.first?.observation.source ?? SourceLocation(file: period.period.label, line: 1, column: 1)
            try claim("periods/\(period.period.slug).html", owner: "period \(period.period.label)", at: location)
            for area in period.areas {
                guard area.code.isSafeFileName else {
                    throw SiteError(location: area.observation.source, reason: .unsafeAreaCode(area.code.rawValue))
                }
                try claim("areas/\(area.code.rawValue).html", owner: "area \(area.code.rawValue)", at: area.observation.source)
            }
        }
    }
}

/// A value handed to parallel workers that only read it (or write disjoint slots of it).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
