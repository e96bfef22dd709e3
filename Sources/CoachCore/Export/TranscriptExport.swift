/// A session's journal as JSON lines (for tools and replays), Markdown (to read) or plain text (for a terminal).
public enum TranscriptExport {
    /// One JSON object per line: `{"session","seq","at","kind","step","text"}`, `at` in ISO 8601 UTC.
    public static func jsonl(_ lines: [TranscriptLine], sessionID: String) -> String {
        lines.map { line in
            var object = "{\"session\":\(quote(sessionID)),\"seq\":\(line.seq),\"at\":\(quote(ExportTime(seconds: line.at).iso))"
            object += ",\"kind\":\(quote(line.kind))"
            object += ",\"step\":" + (line.step.map(quote) ?? "null")
            object += ",\"text\":\(quote(line.text))}"
            return object + "\n"
        }.joined()
    }

    /// The conversation as Markdown: questions, answers, refused answers and commands in order.
    public static func markdown(_ lines: [TranscriptLine], title: String) -> String {
        var out = "# Transcript: \(title)\n\n"
        for line in lines {
            let time = "<sub>\(ExportTime(seconds: line.at).iso)</sub>"
            let step = line.step.map { " `\($0)`" } ?? ""
            switch line.kind {
            case "prompt":
                out += "**Coach**\(step): \(line.text) \(time)\n\n"
            case "answer":
                out += quoted(line.text) + " \(time)\n\n"
            case "invalid":
                out += "*Not accepted*\(step): \(line.text) \(time)\n\n"
            case "command":
                out += "*Command*: `\(line.text)`\(step) \(time)\n\n"
            case "output":
                out += "*Draft*\(step):\n\n" + quoted(line.text) + "\n\n"
            default:
                out += "*Note*: \(line.text) \(time)\n\n"
            }
        }
        if lines.isEmpty {
            out += "Nothing was recorded for this session.\n"
        }
        return out
    }

    /// The conversation as plain text, one entry per line, for `coach sessions show`.
    public static func text(_ lines: [TranscriptLine]) -> String {
        lines.map { line in
            let time = String(ExportTime(seconds: line.at).iso.compactMap { $0 == "T" ? " " : $0 == "Z" ? nil : $0 })
            let step = line.step.map { " [\($0)]" } ?? ""
            let label = line.kind.padding(toLength: 7)
            let text = line.text.split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + String(repeating: " ", count: 30))
            return "\(time)  \(label)\(step) \(text)\n"
        }.joined()
    }

    private static func quoted(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? ">" : "> " + $0 }
            .joined(separator: "\n")
    }

    /// A JSON string literal for `text`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
