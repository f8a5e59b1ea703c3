import LevelFieldModel
import Testing
@testable import Render

@Suite("Template engine")
struct TemplateEngineTests {
    private func render(_ source: String, _ context: TemplateContext, partials: [String: Template] = [:]) throws -> String {
        try Template(parsing: source, file: "t.html").render(context, partials: partials)
    }

    private func location(_ line: Int, _ column: Int) -> LevelFieldModel.SourceLocation {
        LevelFieldModel.SourceLocation(file: "t.html", line: line, column: column)
    }

    @Test("text values are escaped in element content and in attributes")
    func escaping() throws {
        let hostile = #"<script>alert(1)</script> & "Co" 'x'"#
        let out = try render(#"<p title="{{v}}">{{v}}</p>"#, ["v": .text(hostile)])
        let escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; &#39;x&#39;"
        #expect(out == "<p title=\"\(escaped)\">\(escaped)</p>")
    }

    @Test("a trusted value is written as is; raw tags are refused")
    func trusted() throws {
        #expect(try render("<div>{{svg}}</div>", ["svg": .trusted(TrustedHTML(generatedMarkup: "<svg></svg>"))]) == "<div><svg></svg></div>")
        #expect(throws: TemplateError(location: location(1, 4), reason: .rawTagNotSupported)) { try Template(parsing: "ab {{{v}}}", file: "t.html") }
        #expect(throws: TemplateError(location: location(1, 1), reason: .rawTagNotSupported)) { try Template(parsing: "{{& v}}", file: "t.html") }
    }

    @Test("sections loop over lists, test flags, enter contexts; inverted sections render for false and empty")
    func sections() throws {
        let items: TemplateValue = .list([["name": .text("a")], ["name": .text("b<")]])
        #expect(try render("{{#items}}[{{name}}]{{/items}}", ["items": items]) == "[a][b&lt;]")
        #expect(try render("{{^items}}none{{/items}}", ["items": .list([])]) == "none")
        #expect(try render("{{^items}}none{{/items}}", ["items": items]) == "")
        #expect(try render("{{#on}}yes{{/on}}{{^on}}no{{/on}}", ["on": .flag(true)]) == "yes")
        #expect(try render("{{#on}}yes{{/on}}{{^on}}no{{/on}}", ["on": .flag(false)]) == "no")
        #expect(try render("{{#c}}{{x}}-{{y}}{{/c}}", ["c": .context(["x": .text("inner")]), "y": .text("outer")]) == "inner-outer")
    }

    @Test("partials are included and see the same context")
    func partials() throws {
        let footer = try Template(parsing: "<footer>{{v}}</footer>", file: "footer.partial.html")
        #expect(try render("a{{> footer}}b", ["v": .text("&")], partials: ["footer": footer]) == "a<footer>&amp;</footer>b")
    }

    @Test("an unknown variable is an error at its file, line and column")
    func unknownVariable() throws {
        #expect(throws: TemplateError(location: location(2, 7), reason: .unknownVariable("nmae"))) {
            try render("<h1>\n<span>{{ nmae }}</span>", ["name": .text("x")])
        }
        // Also inside a loop item and inside a section that runs.
        #expect(throws: TemplateError(location: location(1, 11), reason: .unknownVariable("z"))) {
            try render("{{#items}}{{z}}{{/items}}", ["items": .list([["a": .text("1")]])])
        }
        #expect(throws: TemplateError(location: location(1, 1), reason: .unknownVariable("missing"))) {
            try render("{{#missing}}x{{/missing}}", [:])
        }
    }

    @Test("the error message reads like a compiler's")
    func message() {
        let error = TemplateError(location: LevelFieldModel.SourceLocation(file: "Templates/area.html", line: 12, column: 5), reason: .unknownVariable("rate"))
        #expect(error.description == "Templates/area.html:12:5: error: unknown variable 'rate'")
    }

    @Test("syntax errors name the line and column of the offending tag")
    func syntaxErrors() {
        #expect(throws: TemplateError(location: location(3, 3), reason: .unclosedTag)) { try Template(parsing: "a\nb\n  {{name", file: "t.html") }
        #expect(throws: TemplateError(location: location(1, 2), reason: .emptyTag)) { try Template(parsing: "x{{ }}", file: "t.html") }
        #expect(throws: TemplateError(location: location(1, 1), reason: .invalidName("a.b"))) { try Template(parsing: "{{a.b}}", file: "t.html") }
        #expect(throws: TemplateError(location: location(2, 1), reason: .unexpectedClose("x"))) { try Template(parsing: "\n{{/x}}", file: "t.html") }
        #expect(throws: TemplateError(location: location(1, 13), reason: .mismatchedClose(expected: "b", found: "a"))) {
            try Template(parsing: "{{#a}}{{#b}}{{/a}}{{/b}}", file: "t.html")
        }
        #expect(throws: TemplateError(location: location(2, 2), reason: .unclosedSection("list"))) { try Template(parsing: "x\n {{#list}}\nitem", file: "t.html") }
    }

    @Test("columns count bytes, so a multi-byte character before a tag moves the column")
    func byteColumns() {
        #expect(throws: TemplateError(location: location(1, 4), reason: .unclosedTag)) { try Template(parsing: "é {{", file: "t.html") }
    }

    @Test("a print of a section value, or a section over text, is an error at the tag")
    func typeErrors() {
        #expect(throws: TemplateError(location: location(1, 1), reason: .notPrintable("items"))) { try render("{{items}}", ["items": .list([])]) }
        #expect(throws: TemplateError(location: location(1, 1), reason: .notASection("v"))) { try render("{{#v}}{{/v}}", ["v": .text("")]) }
    }

    @Test("a template set parses every file up front and refuses an unknown partial at its tag")
    func templateSet() throws {
        #expect(throws: TemplateError(location: LevelFieldModel.SourceLocation(file: "Templates/page.html", line: 2, column: 1), reason: .unknownPartial("nav"))) {
            try TemplateSet(files: ["page.html": "x\n{{> nav}}", "head.partial.html": "h"], folder: "Templates")
        }
        #expect(throws: TemplateError(location: LevelFieldModel.SourceLocation(file: "Templates/b.html", line: 1, column: 3), reason: .unclosedTag)) {
            try TemplateSet(files: ["a.html": "fine", "b.html": "x {{"], folder: "Templates")
        }
        let set = try TemplateSet(files: ["page.html": "{{> head}}{{v}}", "head.partial.html": "<h>", "style.css": "p{}"], folder: "Templates")
        #expect(try set.render(page: "page", ["v": .text("<")]) == "<h>&lt;")
        #expect(set.assets["style.css"] == Array("p{}".utf8))
    }
}
