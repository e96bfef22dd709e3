/// Reading pasted text into a draft: the header lines, the subject and whether it is an email.
extension Draft {
    /// Greetings that mark the first line of an email.
    static let greetings: Set<String> = ["hi", "hello", "dear", "hey", "greetings", "morning", "afternoon"]
    /// Whole lines that mark the sign-off of an email.
    static let signOffs: Set<String> = [
        "best", "best regards", "best wishes", "kind regards", "regards", "warm regards", "many thanks",
        "thanks", "thank you", "thanks again", "cheers", "sincerely", "yours sincerely", "yours faithfully",
        "all the best", "with thanks", "speak soon", "talk soon",
    ]
    /// Header names an email can open with, lowercased, without the colon.
    static let headerNames: Set<String> = ["to", "cc", "bcc", "from", "subject", "date", "reply-to"]

    /// Reads pasted text. The draft may open with a title line (`== Title ==` or a Markdown `#` heading, as
    /// Coach prints them) and then header lines (`To:`, `Cc:`, `Bcc:`, `From:`, `Subject:`, `Date:`, any case,
    /// also Markdown-bold as `**To:**`); a block with a `To:` or `Subject:` line is the header, and the body
    /// starts after it. A body quoted as a Markdown block (`> ` on every line) is read without the quote marks.
    /// The draft is an email when it has a subject or `To:` line, opens with a greeting or has a sign-off;
    /// `isEmail` overrides that guess.
    public static func parse(_ text: String, isEmail: Bool? = nil) -> Draft {
        var lines = splitLines(text)
        var subject: String?
        var subjectLine = 0
        var hasRecipient = false
        var offset = headerStart(lines)
        var index = offset
        var isHeader = false
        while index < lines.count, let (name, value) = headerField(lines[index]) {
            if name == "subject", subject == nil {
                subject = value
                subjectLine = index + 1
            }
            if name == "to" || name == "cc" || name == "bcc" { hasRecipient = true }
            index += 1
        }
        if subject != nil || hasRecipient {
            isHeader = true
            offset = index
        } else {
            offset = 0
        }
        lines.removeFirst(offset)
        while let first = lines.first, isBlank(first) {
            lines.removeFirst()
            offset += 1
        }
        while let last = lines.last, isBlank(last) {
            lines.removeLast()
        }
        if isHeader { lines = unquoted(lines) }
        let email = isEmail ?? (subject != nil || hasRecipient || looksLikeEmail(lines))
        return Draft(
            subject: subject, body: lines.joined(separator: "\n"), isEmail: email, bodyLineOffset: offset,
            subjectLine: subjectLine)
    }

    /// Where header lines would start: after leading blank lines and a title line, when a header follows it.
    static func headerStart(_ lines: [String]) -> Int {
        var index = 0
        while index < lines.count, isBlank(lines[index]) { index += 1 }
        guard index < lines.count, headerField(lines[index]) == nil else { return index }
        let title = trim(lines[index])
        let isTitle = (title.hasPrefix("==") && title.hasSuffix("==") && title.count > 4) || title.hasPrefix("#")
        guard isTitle else { return index }
        var next = index + 1
        while next < lines.count, isBlank(lines[next]) { next += 1 }
        return next < lines.count && headerField(lines[next]) != nil ? next : index
    }

    /// The lowercased name and trimmed value of a header line such as `Subject: Plan` or `**To:** Dana`.
    static func headerField(_ line: String) -> (String, String)? {
        var rest = Substring(trim(line))
        let bold = rest.hasPrefix("**")
        if bold { rest = rest.dropFirst(2) }
        guard let colon = rest.firstIndex(of: ":") else { return nil }
        let name = rest[..<colon].lowercased()
        guard headerNames.contains(name) else { return nil }
        var value = rest[rest.index(after: colon)...]
        if bold {
            guard value.hasPrefix("**") else { return nil }
            value = value.dropFirst(2)
        }
        return (name, trim(String(value)))
    }

    /// The lines without their Markdown quote marks, when every non-blank line is quoted.
    static func unquoted(_ lines: [String]) -> [String] {
        let quoted = lines.allSatisfy { line in
            isBlank(line) || line.drop { $0 == " " }.first == ">"
        }
        guard quoted, lines.contains(where: { !isBlank($0) }) else { return lines }
        return lines.map { line in
            var rest = line.drop { $0 == " " }
            guard rest.first == ">" else { return line }
            rest = rest.dropFirst()
            if rest.first == " " { rest = rest.dropFirst() }
            return String(rest)
        }
    }

    /// The text after `Subject:` when the line is a subject line, trimmed; nil otherwise.
    static func subjectValue(_ line: String) -> String? {
        guard let (name, value) = headerField(line), name == "subject" else { return nil }
        return value
    }

    /// Whether body lines open with a greeting or contain a sign-off line.
    static func looksLikeEmail(_ lines: [String]) -> Bool {
        if let first = lines.first(where: { !isBlank($0) }) {
            let words = ReviewTokenizer.words(first)
            if let word = words.first, greetings.contains(word) { return true }
            if words.starts(with: ["good", "morning"]) || words.starts(with: ["good", "afternoon"])
                || words.starts(with: ["good", "evening"])
            {
                return true
            }
        }
        return lines.contains { line in
            let words = ReviewTokenizer.words(line)
            return !words.isEmpty && words.count <= 3 && signOffs.contains(words.joined(separator: " "))
                && !line.contains(".")
        }
    }

    /// The lines of a text, split at `\n`, `\r\n` or a lone `\r`.
    /// CR and LF always stand alone as characters except as the pair CR LF, so splitting the UTF-8 bytes
    /// gives the same lines as splitting the characters.
    static func splitLines(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var lines: [String] = []
            var start = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A || byte == 0x0D {
                    lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                    index += byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A ? 2 : 1
                    start = index
                } else {
                    index += 1
                }
            }
            lines.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<bytes.count]), as: UTF8.self))
            return lines
        }
    }

    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy { $0.isWhitespace }
    }

    static func trim(_ text: String) -> String {
        var slice = Substring(text)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }
}
