/// HTML that LevelField's own code built (the SVG charts): the only value a template writes
/// without escaping. Text from the data can never become one except through `SVGWriter`, which
/// escapes every string it is given.
package struct TrustedHTML: Equatable, Sendable {
    /// The markup's UTF-8 bytes, written as is.
    let bytes: [UInt8]

    /// The markup, written as is.
    package var markup: String { String(decoding: bytes, as: UTF8.self) }

    /// Wraps markup that our code generated. Never pass text that came from the data.
    init(generatedMarkup markup: String) {
        bytes = Array(markup.utf8)
    }

    /// Wraps markup that our code generated, as UTF-8 bytes (SVG writers build bytes).
    init(generatedBytes bytes: [UInt8]) {
        self.bytes = bytes
    }
}

/// A value a template can refer to by name.
package indirect enum TemplateValue: Equatable, Sendable {
    /// Text: escaped wherever it is written, in element content and in attributes.
    case text(String)
    /// Markup our own code made, written as is.
    case trusted(TrustedHTML)
    /// A condition for `{{#name}}…{{/name}}` and `{{^name}}…{{/name}}`.
    case flag(Bool)
    /// Items for a loop `{{#name}}…{{/name}}`; `{{^name}}` renders when it is empty.
    case list([TemplateContext])
    /// A nested context entered with `{{#name}}…{{/name}}`.
    case context(TemplateContext)
}

/// Named values for one template (or one loop item). Names are looked up from the innermost
/// context outwards; a name found nowhere is an error, never an empty string.
package struct TemplateContext: Equatable, Sendable, ExpressibleByDictionaryLiteral {
    /// The values by name (looked up, never iterated, so dictionary order cannot leak out).
    package var values: [String: TemplateValue]

    /// Creates a context from name–value pairs; a repeated name is a programming error.
    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, _ in preconditionFailure("duplicate template key") })
    }

    /// Creates a context from a dictionary.
    package init(_ values: [String: TemplateValue]) {
        self.values = values
    }

    /// The value named `name`, if this context has one.
    package subscript(name: String) -> TemplateValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// This context with the values of `other` added (other's win on a clash).
    package func merging(_ other: TemplateContext) -> TemplateContext {
        TemplateContext(values.merging(other.values) { _, new in new })
    }
}
