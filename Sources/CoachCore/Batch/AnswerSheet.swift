import Yams

/// Answers given all at once (an answers file): step id to text, a list, or the items of a group.
public indirect enum SheetAnswer: Sendable, Equatable {
    case text(String)
    case items([String])
    case group([[String: SheetAnswer]])
}

/// An answers file read into step ids and answers, with located problems.
public struct AnswerSheet: Sendable {
    public var answers: [String: SheetAnswer]

    public init(answers: [String: SheetAnswer]) { self.answers = answers }

    /// Reads YAML or JSON text (a mapping of step id to answer).
    public static func parse(_ text: String, path: String) -> Result<AnswerSheet, SheetError> {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            return .failure(
                SheetError(diagnostics: [
                    Diagnostic(path: path, line: 1, column: 1, message: "the answers file is not valid YAML or JSON: \(error)")
                ]))
        }
        guard let mapping = node?.mapping else {
            return .failure(
                SheetError(diagnostics: [
                    Diagnostic(
                        path: path, line: 1, column: 1, message: "the answers file must map step ids to answers, like 'client: Acme'")
                ]))
        }
        var problems: [Diagnostic] = []
        var out: [String: SheetAnswer] = [:]
        for (k, v) in mapping {
            guard let key = k.string else { continue }
            if let answer = convert(v, path: path, problems: &problems) { out[key] = answer }
        }
        return problems.isEmpty ? .success(AnswerSheet(answers: out)) : .failure(SheetError(diagnostics: problems))
    }

    static func convert(_ node: Node, path: String, problems: inout [Diagnostic]) -> SheetAnswer? {
        switch node {
        case .scalar(let s):
            if s.style == .plain && ["true", "false"].contains(s.string.lowercased()) {
                return .text(s.string.lowercased() == "true" ? "yes" : s.string.lowercased() == "false" ? "no" : s.string)
            }
            return .text(s.string)
        case .sequence(let seq):
            if seq.allSatisfy({ $0.mapping != nil }) && !seq.isEmpty {
                var items: [[String: SheetAnswer]] = []
                for entry in seq {
                    var item: [String: SheetAnswer] = [:]
                    for (k, v) in entry.mapping! {
                        if let key = k.string, let a = convert(v, path: path, problems: &problems) { item[key] = a }
                    }
                    items.append(item)
                }
                return .group(items)
            }
            return .items(seq.compactMap(\.string))
        case .mapping:
            let mark = node.mark
            problems.append(
                Diagnostic(
                    path: path, line: mark?.line ?? 1, column: mark?.column ?? 1,
                    message: "an answer cannot be a mapping; use text, a list, or a list of items for a group"))
            return nil
        case .alias:
            return nil
        }
    }
}

/// Problems that stop an answers file from being read.
public struct SheetError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}
