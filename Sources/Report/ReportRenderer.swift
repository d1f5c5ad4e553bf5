import Catalog
import Mustache

/// Renders a Mustache template (swift-mustache) with a `ReportContext`, every value escaped for
/// the output: HTML by Mustache itself (`{{x}}`), Markdown (a `.md.mustache` template, content type
/// TEXT) by escaping the characters that would end a table cell or start markup in a value.
public enum ReportRenderer {
    /// The rendered text, or an input error naming the template when it does not parse or names a
    /// value the context does not have (`TemplateKeys`).
    public static func render(template text: String, file: String, context: ReportContext) throws(InputError) -> String {
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: text) } catch {
            throw InputError(file: file, problem: "template does not parse: \(error)")
        }
        var values = context.values
        try TemplateKeys.check(text, file: file, values: values)
        if file.hasSuffix(".md.mustache") {
            let claims = values["claims"]
            values = markdownEscaped(values) as! [String: Any]
            values["claims"] = claims
        }
        return template.render(values)
    }

    /// Every string in `value` with `|`, `<` and `>` escaped, so a user's sweep title or series
    /// name stays inside its table cell and raw HTML never reaches the page. (The claims audit is
    /// Markdown already and is put back unescaped.)
    static func markdownEscaped(_ value: Any) -> Any {
        switch value {
        case let text as String:
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        case let list as [Any]: list.map(markdownEscaped)
        case let dictionary as [String: Any]: dictionary.mapValues(markdownEscaped)
        default: value
        }
    }
}
