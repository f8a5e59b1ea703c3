import Foundation
import LevelFieldModel

/// Every template of a folder, parsed up front: `name.html` are pages, `name.partial.html` are
/// partials included with `{{> name}}`, and other files (the stylesheet) are kept as bytes.
package struct TemplateSet: Equatable, Sendable {
    /// Page templates by name (`area` for `area.html`).
    package let pages: [String: Template]
    /// Partials by name (`footer` for `footer.partial.html`).
    package let partials: [String: Template]
    /// Other files by name (`style.css`), copied to the site as they are.
    package let assets: [String: [UInt8]]

    /// Parses templates given as text by file name; `folder` prefixes names in error locations.
    /// Every `{{> name}}` must name a partial of the set.
    package init(files: [String: String], folder: String) throws(TemplateError) {
        var pages: [String: Template] = [:]
        var partials: [String: Template] = [:]
        var assets: [String: [UInt8]] = [:]
        for fileName in files.keys.sorted() {
            let text = files[fileName]!
            let located = folder.isEmpty ? fileName : "\(folder)/\(fileName)"
            if fileName.hasSuffix(".partial.html") {
                partials[String(fileName.dropLast(".partial.html".count))] = try Template(parsing: text, file: located)
            } else if fileName.hasSuffix(".html") {
                pages[String(fileName.dropLast(".html".count))] = try Template(parsing: text, file: located)
            } else {
                assets[fileName] = Array(text.utf8)
            }
        }
        for name in (pages.keys.sorted() + partials.keys.sorted()) {
            let template = pages[name] ?? partials[name]!
            for (partial, location) in template.partialNames where partials[partial] == nil {
                throw TemplateError(location: location, reason: .unknownPartial(partial))
            }
        }
        self.pages = pages
        self.partials = partials
        self.assets = assets
    }

    /// Reads and parses every file of `directory` (not recursive: subfolders are ignored).
    package init(directory: URL) throws(TemplateError) {
        let folder = directory.lastPathComponent
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { !$0.hasPrefix(".") }
        } catch {
            throw TemplateError(location: SourceLocation(file: directory.path, line: 1, column: 1),
                                reason: .unreadable("\(error.localizedDescription)"))
        }
        var files: [String: String] = [:]
        for name in names.sorted() {
            let url = directory.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { continue }
            guard let data = FileManager.default.contents(atPath: url.path),
                  let text = String(data: data, encoding: .utf8) else {
                throw TemplateError(location: SourceLocation(file: "\(folder)/\(name)", line: 1, column: 1),
                                    reason: .unreadable("not a readable UTF-8 file"))
            }
            files[name] = text
        }
        try self.init(files: files, folder: folder)
    }

    /// Renders the page template `name` with `context`.
    package func render(page name: String, _ context: TemplateContext) throws(TemplateError) -> String {
        String(decoding: try renderBytes(page: name, context), as: UTF8.self)
    }

    /// `render(page:_:)` as UTF-8 bytes, ready to be written.
    package func renderBytes(page name: String, _ context: TemplateContext) throws(TemplateError) -> [UInt8] {
        guard let template = pages[name] else {
            throw TemplateError(location: SourceLocation(file: name + ".html", line: 1, column: 1), reason: .unknownPartial(name))
        }
        return try template.renderBytes(context, partials: partials)
    }
}
