import Catalog
import Mustache

/// Renders a Mustache template (swift-mustache) with a `ReportContext`.
public enum ReportRenderer {
    /// The rendered text, or an input error naming the template when it does not parse.
    public static func render(template text: String, file: String, context: ReportContext) throws(InputError) -> String {
        let template: MustacheTemplate
        do { template = try MustacheTemplate(string: text) } catch {
            throw InputError(file: file, problem: "template does not parse: \(error)")
        }
        return template.render(context.values)
    }
}
