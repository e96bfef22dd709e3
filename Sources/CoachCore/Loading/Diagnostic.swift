/// A problem found in a playbook file, with where it is.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var path: String
    public var line: Int
    public var column: Int
    public var severity: Severity
    public var message: String
    /// The source line the problem is on, when known.
    public var sourceLine: String?

    public init(
        path: String, line: Int, column: Int, severity: Severity = .error, message: String, sourceLine: String? = nil
    ) {
        self.path = path
        self.line = line
        self.column = column
        self.severity = severity
        self.message = message
        self.sourceLine = sourceLine
    }

    /// `path:line:col: error: message`, then the source line and a caret under the fault.
    public var description: String {
        var out = "\(path):\(line):\(column): \(severity.rawValue): \(message)"
        if let source = sourceLine {
            let caretPad = String(
                source.prefix(max(0, column - 1)).map { $0 == "\t" ? "\t" : " " })
            out += "\n\(source)\n\(caretPad)^"
        }
        return out
    }
}
