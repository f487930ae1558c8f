/// Why a template function or method refused its arguments; the executor adds Go's context.
public enum TemplateFunctionError: Error, Sendable {
    /// `wrong number of args for NAME: want N got M`.
    case argumentCount(want: String, got: Int)
    /// Argument `index` is not of the type the function takes.
    case argumentType(index: Int, expected: String, got: TemplateValue)
    /// The function ran and failed: `error calling NAME: MESSAGE`.
    case failed(String)
}
