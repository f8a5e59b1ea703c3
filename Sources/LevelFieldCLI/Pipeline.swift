import Foundation
import Benchmarking
import Ingest
import LevelFieldModel
import Render

/// The three commands, end to end: inputs → Dataset → Report → output.
struct Pipeline {
    var console: Console
    var environment: Environment

    // MARK: check

    func check(_ arguments: CheckArguments) throws {
        let dataset = try Ingest.check(files: arguments.inputs.outcomes, options: ingestOptions(arguments.inputs))
        console.out(CheckSummary.text(dataset, sourceDateEpoch: environment.sourceDateEpoch))
    }

    // MARK: build

    func build(_ arguments: BuildArguments) throws {
        // The dataset is freed before the site is rendered: only the report is needed.
        let report = try {
            let (dataset, synthetic) = try load(arguments.inputs, casemix: arguments.analysis.measure == .casemix)
            progress("read \(dataset.inputs.count) file\(dataset.inputs.count == 1 ? "" : "s"): \(dataset.observations.count) observations, \(dataset.ledger.count) ledger lines")
            return try analyse(dataset, arguments.analysis, inputs: arguments.inputs, synthetic: synthetic, date: arguments.date,
                               siteURL: arguments.siteURL)
        }()
        progress("analysed \(report.periods.count) period\(report.periods.count == 1 ? "" : "s")")

        let templates = try templatesDirectory(arguments.templates)
        // A TemplateError or SiteError is located; LevelFieldCommand.describe prints it as it is.
        let renderer = try SiteRenderer(templatesDirectory: URL(fileURLWithPath: templates))
        let out = URL(fileURLWithPath: arguments.out, relativeTo: URL(fileURLWithPath: environment.currentDirectory, isDirectory: true))
        var downloads = Downloads.files(for: report)
        let release = try ReleaseStep.prepare(arguments, report: report, downloads: downloads, out: out.standardizedFileURL,
                                            currentDirectory: environment.currentDirectory, progress: progress)
        // Each file goes to the staging folder as soon as it is made; the old output is
        // replaced only when everything has been written.
        let publication: Publication
        do {
            publication = try Publication(to: out.standardizedFileURL)
        } catch {
            throw PipelineError(message: "cannot write \(arguments.out): \(error)", code: ExitCode.ioError)
        }
        do {
            // The downloads first, so their bytes are not held while the pages are rendered.
            let (releaseDownloads, releaseOther) = release.files(downloads: downloads, options: report.metadata.options)
            for file in downloads + releaseDownloads + releaseOther { try publish(file, publication, arguments) }
            downloads = []
            try renderSite(renderer, report, releases: release.history) { try publish($0, publication, arguments) }
            let manifest = Downloads.manifest(for: report, records: publication.written)
            // The archive keeps this release's manifest too; the manifest cannot list its own copy.
            try publish(manifest, publication, arguments)
            try publish(OutputFile(path: release.archiveFolder + "/manifest.json", bytes: manifest.bytes), publication, arguments)
            do { try publication.commit() } catch {
                throw PipelineError(message: "cannot write \(arguments.out): \(error)", code: ExitCode.ioError)
            }
        } catch {
            publication.abandon()
            throw error
        }
        let pages = publication.written.filter { $0.path.hasSuffix(".html") }.count
        let files = publication.written.count
        let excluded = report.ledger.count
        console.out("\(arguments.out): \(pages) pages and \(files - pages) other files for \(report.periods.count) period\(report.periods.count == 1 ? "" : "s"); \(excluded) input row\(excluded == 1 ? "" : "s") excluded (see data-quality.html)")
    }

    private func publish(_ file: OutputFile, _ publication: Publication, _ arguments: BuildArguments) throws {
        do {
            try publication.write(file)
        } catch {
            throw PipelineError(message: "cannot write \(arguments.out): \(error)", code: ExitCode.ioError)
        }
    }

    /// Renders the pages into `write`; a `SiteError` reaches `LevelFieldCommand.describe` as it is (it is located).
    private func renderSite(_ renderer: SiteRenderer, _ report: Report, releases: ReleaseHistory, into write: (OutputFile) throws -> Void) throws {
        try renderer.render(report, releases: releases, into: write)
    }

    // MARK: summary

    func summary(_ arguments: SummaryArguments) throws {
        // Nothing is published, so no input checksums are needed.
        let (dataset, synthetic) = try load(arguments.inputs, checksums: false, casemix: arguments.analysis.measure == .casemix)
        let report = try analyse(dataset, arguments.analysis, inputs: arguments.inputs, synthetic: synthetic, date: nil, dateRequired: false)
        let indicator = Indicator.withID(arguments.indicator) ?? .recovery
        guard let period = report.analyses(for: indicator).last else {
            throw PipelineError(message: "no period could be analysed for \(indicator.id); run `levelfield check` on the inputs to see why", code: ExitCode.dataError)
        }
        console.out(arguments.json ? SummaryText.json(period, report: report) : SummaryText.text(period, report: report))
    }

    // MARK: shared steps

    private func ingestOptions(_ inputs: InputArguments) -> IngestOptions {
        IngestOptions(areaLevel: inputs.areaLevel, periodLabel: inputs.periodLabel, aggregateToQuarter: inputs.aggregateToQuarter)
    }

    /// Reads the inputs, or the embedded synthetic `Data/` when no outcome file is given.
    private func load(_ inputs: InputArguments, checksums: Bool = true, casemix: Bool = false) throws -> (Dataset, synthetic: Bool) {
        var inputs = inputs
        var synthetic = false
        if inputs.outcomes.isEmpty {
            guard let data = ProjectResources.locate("Data", containing: "outcomes.csv", currentDirectory: environment.currentDirectory,
                                                     executablePath: environment.executablePath) else {
                throw PipelineError(message: "no --outcomes given and the embedded Data/ folder was not found; run from the project folder or give --outcomes FILE", code: ExitCode.usage)
            }
            inputs.outcomes = [data + "/outcomes.csv"] + ProjectResources.breakdownFiles(in: data)
            if inputs.deprivation.isEmpty { inputs.deprivation = [data + "/deprivation.csv"] }
            synthetic = true
            progress("no --outcomes: using the embedded synthetic dataset in \(data)/")
        }
        var options = ingestOptions(inputs)
        options.casemix = casemix
        return (try Ingest.load(outcomes: inputs.outcomes, deprivation: inputs.deprivation, options: options, checksums: checksums), synthetic)
    }

    private func analyse(_ dataset: Dataset, _ analysis: AnalysisArguments, inputs: InputArguments, synthetic: Bool,
                         date: String?, dateRequired: Bool = true, siteURL: String? = nil) throws -> Report {
        var options = ReportOptions(
            standardOverrides: analysis.standardOverrides, confidencePercent: analysis.confidencePercent, measure: analysis.measure,
            period: analysis.period.map(Period.init), areaLevel: inputs.areaLevel,
            aggregate: inputs.aggregateToQuarter ? "quarter" : nil, siteURL: siteURL)
        options.overdispersion = analysis.overdispersion
        let generatedOn: String
        if dateRequired {
            generatedOn = try GenerationDate.resolve(explicit: date, sourceDateEpoch: environment.sourceDateEpoch, periods: dataset.periods)
        } else {
            generatedOn = (try? GenerationDate.resolve(explicit: date, sourceDateEpoch: environment.sourceDateEpoch, periods: dataset.periods)) ?? ""
        }
        let metadata = ReportMetadata(toolVersion: LevelFieldVersion.current, generatedOn: generatedOn, isSynthetic: synthetic, options: options)
        return try Benchmark.run(dataset, metadata: metadata)
    }

    private func templatesDirectory(_ explicit: String?) throws -> String {
        if let explicit { return explicit }
        guard let found = ProjectResources.locate("Templates", containing: "overview.html", currentDirectory: environment.currentDirectory,
                                                  executablePath: environment.executablePath) else {
            throw PipelineError(message: "the page templates (Templates/) were not found; run from the project folder or give --templates DIR", code: ExitCode.ioError)
        }
        return found
    }

    private func progress(_ line: String) { console.err("levelfield: \(line)") }
}
