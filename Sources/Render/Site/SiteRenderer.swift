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
            let html = try templates.renderBytes(page: template, site.common(root: root).merging(context))
            try write(OutputFile(path: path, bytes: html))
        }
        if let latest = report.latest {
            try page("index.html", "overview", site.overview(latest, isIndex: true).merging(site.funnelOverview(latest, root: ""))
                .merging(site.indicatorOverview(latest.period, root: "")).merging(site.equityPeriod(latest, root: "")).merging(site.releaseLine()))
        } else {
            try page("index.html", "overview", site.emptyOverview().merging(site.releaseLine()))
        }
        // The many pages (the periods', an indicator's period pages, the area pages) are
        // independent: they are rendered a batch at a time on every core, then written in order
        // (the bytes are a serial run's), so memory holds one batch.
        let batchTemplates = templates
        let targetPercent = report.metadata.options.targetPercent
        // A period's pages list every area, so they are made one per core at a time (memory
        // holds a few of them, not 64); area pages are small and go 64 at a time.
        let wholePeriod = ProcessInfo.processInfo.activeProcessorCount
        try Self.inBatches(report.periods, batchSize: wholePeriod, makeFiles: { period in
            let html = try batchTemplates.renderBytes(page: "overview", site.common(root: "../").merging(site.overview(period, isIndex: false))
                .merging(site.funnelOverview(period, root: "../")).merging(site.indicatorOverview(period.period, root: "../"))
                .merging(site.equityPeriod(period, root: "../")).merging(["releaseLine": .list([])]))
            // The points every area page of this period shows behind its own (one copy, not one per page).
            return [OutputFile(path: "periods/\(period.period.slug).html", bytes: html)]
                + ScatterChart.frames.map { ScatterChart.pointsDocument(period: period, frame: $0, targetPercent: targetPercent) }
        }, write: { try write($0) })
        let others = report.analyses.filter { $0.indicator != .recovery }
        try Self.inBatches(others, batchSize: wholePeriod) { analysis in
            let path = SiteModel.indicatorPath(analysis.period, analysis.indicator)
            let root = String(repeating: "../", count: path.utf8.filter { $0 == UInt8(ascii: "/") }.count)
            return OutputFile(path: path, bytes: try batchTemplates.renderBytes(page: "indicator", site.common(root: root).merging(site.indicatorPage(analysis))))
        } write: { try write($0) }
        let areaIndex = SiteModel.AreaIndex(report)
        try Self.inBatches(site.areaCodes) { code in
            let html = try batchTemplates.renderBytes(page: "area", site.common(root: "../").merging(site.areaPage(code)).merging(site.funnelArea(code))
                .merging(site.areaIndicators(code, index: areaIndex)).merging(site.equityArea(code))
                .merging(site.releaseNotes(for: code)))
            return OutputFile(path: "areas/\(code.rawValue).html", bytes: html)
        } write: { try write($0) }
        try page("changes.html", "changes", site.changesPage(root: ""))
        try page("releases.html", "releases", site.releasesPage(root: ""))
        try page("methods.html", "methods", site.methods().merging(site.funnelMethods()))
        try page("data-quality.html", "data-quality", site.dataQuality())
        try page("quality.html", "quality", site.quality())
    }

    /// `make` for every item, on all cores, a batch at a time; `write` gets the results in item
    /// order. The first error in item order is thrown, so failures are reported deterministically.
    static func inBatches<Item: Sendable>(_ items: [Item], batchSize: Int = 64, make: @escaping @Sendable (Item) throws -> OutputFile,
                                          write: (OutputFile) throws -> Void) throws {
        try inBatches(items, batchSize: batchSize, makeFiles: { [try make($0)] }, write: write)
    }

    /// `inBatches` for items that each make several files (written in the order made).
    static func inBatches<Item: Sendable>(_ items: [Item], batchSize: Int = 64, makeFiles: @escaping @Sendable (Item) throws -> [OutputFile],
                                          write: (OutputFile) throws -> Void) throws {
        var start = items.startIndex
        while start < items.endIndex {
            let batch = Array(items[start..<min(start + batchSize, items.endIndex)])
            let results = batch.concurrentMap { item in Result { try makeFiles(item) } }
            for result in results { for file in try result.get() { try write(file) } }
            start += batch.count
        }
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

