import LevelFieldModel

/// A parsed template: a small Mustache-like subset.
///
/// - `{{name}}` writes a value: text is HTML-escaped (`& < > " '`), a `TrustedHTML` value is
///   written as is. Escaping is decided by the value's type, never by the tag.
/// - `{{#name}}…{{/name}}` renders its body for a true flag, once per item of a list, or once
///   inside a nested context; `{{^name}}…{{/name}}` renders for a false flag or an empty list.
/// - `{{> name}}` includes the template `name.partial.html` of the same folder.
/// - `{{! comment}}` writes nothing.
/// A name that no context defines is an error at the tag's location, never an empty string.
package struct Template: Equatable, Sendable {
    /// A piece of a parsed template.
    indirect enum Node: Equatable, Sendable {
        case text(String)
        case variable(String, SourceLocation)
        case section(String, inverted: Bool, body: [Node], SourceLocation)
        case partial(String, SourceLocation)
    }

    /// The file name used in error locations (`Templates/area.html`).
    package let file: String
    let nodes: [Node]

    /// Parses template text; `file` names it in error locations.
    package init(parsing source: String, file: String) throws(TemplateError) {
        self.file = file
        var parser = TemplateParser(source: source, file: file)
        self.nodes = try parser.parse()
    }

    /// The names of the partials this template includes, in order of appearance.
    var partialNames: [(String, SourceLocation)] {
        var out: [(String, SourceLocation)] = []
        func walk(_ nodes: [Node]) {
            for node in nodes {
                switch node {
                case .partial(let name, let location): out.append((name, location))
                case .section(_, _, let body, _): walk(body)
                case .text, .variable: break
                }
            }
        }
        walk(nodes)
        return out
    }

    /// Renders with `context`; `partials` resolves `{{> name}}`.
    package func render(_ context: TemplateContext, partials: [String: Template] = [:]) throws(TemplateError) -> String {
        String(decoding: try renderBytes(context, partials: partials), as: UTF8.self)
    }

    /// `render` as UTF-8 bytes (what a page file is): much faster than growing a String, and no
    /// conversion back. The bytes are valid UTF-8, made only of Strings and escapes.
    package func renderBytes(_ context: TemplateContext, partials: [String: Template] = [:]) throws(TemplateError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        var renderer = TemplateRenderer(partials: partials, stack: [context])
        try renderer.render(nodes, into: &out, depth: 0)
        return out
    }
}

/// Escapes `& < > " '` for HTML text and attribute values, and replaces control characters.
package func escapeHTML(_ text: String) -> String {
    var out: [UInt8] = []
    appendEscapedHTML(text, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// Appends `text` to UTF-8 bytes with `& < > " '` escaped (the five are ASCII, so bytes suffice).
/// Control characters HTML does not allow in a page — NUL and the rest of C0 except tab, line
/// feed and carriage return, DEL, and C1 (U+0080–U+009F) — become U+FFFD: a NUL in a name never
/// reaches a page raw, and no escape would do (`&#0;` is itself a parse error).
func appendEscapedHTML(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { bytes in
        out.reserveCapacity(out.count + bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            case 0xC2 where i < bytes.count && bytes[i] >= 0x80 && bytes[i] <= 0x9F:
                // C1 control (two bytes in UTF-8).
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
            default: out.append(byte)
            }
        }
    }
}

private struct TemplateParser {
    let bytes: [UInt8]
    let file: String
    var index = 0
    var line = 1
    var lineStart = 0

    init(source: String, file: String) {
        self.bytes = Array(source.utf8)
        self.file = file
    }

    private func location(at offset: Int) -> SourceLocation {
        SourceLocation(file: file, line: line, column: offset - lineStart + 1)
    }

    /// Moves to `target`, counting lines on the way.
    private mutating func advance(to target: Int) {
        while index < target {
            if bytes[index] == 0x0A { line += 1; lineStart = index + 1 }
            index += 1
        }
    }

    private func isOpening(at offset: Int) -> Bool {
        offset + 1 < bytes.count && bytes[offset] == 0x7B && bytes[offset + 1] == 0x7B
    }

    mutating func parse() throws(TemplateError) -> [Template.Node] {
        // Each frame: the section's name, inversion, location and the nodes collected so far.
        var frames: [(name: String, inverted: Bool, location: SourceLocation, nodes: [Template.Node])] =
            [("", false, location(at: 0), [])]
        while index < bytes.count {
            var textEnd = index
            while textEnd < bytes.count && !isOpening(at: textEnd) { textEnd += 1 }
            if textEnd > index {
                frames[frames.count - 1].nodes.append(.text(String(decoding: bytes[index..<textEnd], as: UTF8.self)))
                advance(to: textEnd)
            }
            guard index < bytes.count else { break }
            let tagLocation = location(at: index)
            var close = index + 2
            while close + 1 < bytes.count && !(bytes[close] == 0x7D && bytes[close + 1] == 0x7D) { close += 1 }
            guard close + 1 < bytes.count else { throw TemplateError(location: tagLocation, reason: .unclosedTag) }
            let inner = Array(bytes[(index + 2)..<close])
            advance(to: close + 2)
            guard let sigil = inner.first else { throw TemplateError(location: tagLocation, reason: .emptyTag) }
            if sigil == UInt8(ascii: "!") { continue }
            if sigil == UInt8(ascii: "{") || sigil == UInt8(ascii: "&") {
                throw TemplateError(location: tagLocation, reason: .rawTagNotSupported)
            }
            let hasSigil = [UInt8(ascii: "#"), UInt8(ascii: "^"), UInt8(ascii: "/"), UInt8(ascii: ">")].contains(sigil)
            let name = try Self.name(hasSigil ? Array(inner.dropFirst()) : inner, at: tagLocation)
            switch hasSigil ? sigil : 0 {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                frames.append((name, sigil == UInt8(ascii: "^"), tagLocation, []))
            case UInt8(ascii: "/"):
                guard frames.count > 1 else { throw TemplateError(location: tagLocation, reason: .unexpectedClose(name)) }
                let frame = frames.removeLast()
                guard frame.name == name else {
                    throw TemplateError(location: tagLocation, reason: .mismatchedClose(expected: frame.name, found: name))
                }
                frames[frames.count - 1].nodes.append(.section(frame.name, inverted: frame.inverted, body: frame.nodes, frame.location))
            case UInt8(ascii: ">"):
                frames[frames.count - 1].nodes.append(.partial(name, tagLocation))
            default:
                frames[frames.count - 1].nodes.append(.variable(name, tagLocation))
            }
        }
        if frames.count > 1, let open = frames.last {
            throw TemplateError(location: open.location, reason: .unclosedSection(open.name))
        }
        return frames[0].nodes
    }

    /// The tag's name without surrounding spaces; letters, digits, `_` and `-` only.
    private static func name(_ raw: [UInt8], at location: SourceLocation) throws(TemplateError) -> String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let trimmed = raw.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
        let name = String(decoding: trimmed, as: UTF8.self)
        guard !trimmed.isEmpty else { throw TemplateError(location: location, reason: .emptyTag) }
        let valid = trimmed.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard valid else { throw TemplateError(location: location, reason: .invalidName(name)) }
        return name
    }
}

private struct TemplateRenderer {
    let partials: [String: Template]
    var stack: [TemplateContext]

    private func lookup(_ name: String, at location: SourceLocation) throws(TemplateError) -> TemplateValue {
        for context in stack.reversed() {
            if let value = context[name] { return value }
        }
        throw TemplateError(location: location, reason: .unknownVariable(name))
    }

    mutating func render(_ nodes: [Template.Node], into out: inout [UInt8], depth: Int) throws(TemplateError) {
        for node in nodes {
            switch node {
            case .text(let text):
                out.append(contentsOf: text.utf8)
            case .variable(let name, let location):
                switch try lookup(name, at: location) {
                case .text(let text): appendEscapedHTML(text, to: &out)
                case .trusted(let html): out.append(contentsOf: html.bytes)
                case .flag, .list, .context: throw TemplateError(location: location, reason: .notPrintable(name))
                }
            case .section(let name, let inverted, let body, let location):
                switch try lookup(name, at: location) {
                case .text: throw TemplateError(location: location, reason: .notASection(name))
                case .trusted: throw TemplateError(location: location, reason: .notASection(name))
                case .flag(let value):
                    if value != inverted { try render(body, into: &out, depth: depth) }
                case .list(let items):
                    if inverted {
                        if items.isEmpty { try render(body, into: &out, depth: depth) }
                    } else {
                        for item in items {
                            stack.append(item)
                            defer { stack.removeLast() }
                            try render(body, into: &out, depth: depth)
                        }
                    }
                case .context(let context):
                    if !inverted {
                        stack.append(context)
                        defer { stack.removeLast() }
                        try render(body, into: &out, depth: depth)
                    }
                }
            case .partial(let name, let location):
                guard let partial = partials[name] else { throw TemplateError(location: location, reason: .unknownPartial(name)) }
                guard depth < 16 else { throw TemplateError(location: location, reason: .partialTooDeep(name)) }
                try render(partial.nodes, into: &out, depth: depth + 1)
            }
        }
    }
}
