/// Finds the names a Mustache template uses, with their sections, so the linter can check each one.
struct TemplateScanner {
    enum TagKind: Equatable {
        case variable, sectionOpen, invertedOpen, sectionClose, comment, pragma, unsupported(String)
    }

    struct Tag: Equatable {
        var kind: TagKind
        var name: String
        /// Character offset of the `{{` in the template.
        var offset: Int
    }

    /// The tags of `template`, in order.
    static func scan(_ template: String) -> [Tag] {
        let chars = Array(template)
        var tags: [Tag] = []
        var i = 0
        while i + 1 < chars.count {
            guard chars[i] == "{", chars[i + 1] == "{" else {
                i += 1
                continue
            }
            let start = i
            let triple = i + 2 < chars.count && chars[i + 2] == "{"
            var j = i + (triple ? 3 : 2)
            var inner = ""
            while j + 1 < chars.count && !(chars[j] == "}" && chars[j + 1] == "}") {
                inner.append(chars[j])
                j += 1
            }
            guard j + 1 < chars.count else { break }
            i = j + 2
            if triple && i < chars.count && chars[i] == "}" { i += 1 }
            var body = inner.trimmingWhitespace()
            if triple {
                tags.append(Tag(kind: .variable, name: body, offset: start))
                continue
            }
            guard let sigil = body.first else { continue }
            var kind = TagKind.variable
            switch sigil {
            case "#": kind = .sectionOpen
            case "^": kind = .invertedOpen
            case "/": kind = .sectionClose
            case "!": kind = .comment
            case "%": kind = .pragma
            case "&": kind = .variable
            case ">", "<", "$", "=": kind = .unsupported(String(sigil))
            default: break
            }
            if "#^/!%&><$=".contains(sigil) { body = String(body.dropFirst()).trimmingWhitespace() }
            tags.append(Tag(kind: kind, name: body, offset: start))
        }
        return tags
    }
}
