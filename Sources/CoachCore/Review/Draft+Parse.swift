/// Reading pasted text into a draft: the subject line and whether it is an email.
extension Draft {
    /// Greetings that mark the first line of an email.
    static let greetings: Set<String> = ["hi", "hello", "dear", "hey", "greetings", "morning", "afternoon"]
    /// Whole lines that mark the sign-off of an email.
    static let signOffs: Set<String> = [
        "best", "best regards", "best wishes", "kind regards", "regards", "warm regards", "many thanks",
        "thanks", "thank you", "thanks again", "cheers", "sincerely", "yours sincerely", "yours faithfully",
        "all the best", "with thanks", "speak soon", "talk soon",
    ]

    /// Reads pasted text: a first line `Subject: ...` (any case) makes it an email with that subject;
    /// otherwise it is an email when it opens with a greeting or has a sign-off line.
    public static func parse(_ text: String) -> Draft {
        var lines = splitLines(text)
        var subject: String?
        var offset = 0
        if let first = lines.first, let value = subjectValue(first) {
            subject = value
            lines.removeFirst()
            offset = 1
        }
        while let first = lines.first, isBlank(first) {
            lines.removeFirst()
            offset += 1
        }
        while let last = lines.last, isBlank(last) {
            lines.removeLast()
        }
        let isEmail = subject != nil || looksLikeEmail(lines)
        return Draft(subject: subject, body: lines.joined(separator: "\n"), isEmail: isEmail, bodyLineOffset: offset)
    }

    /// The text after `Subject:` when the line is a subject line, trimmed; nil otherwise.
    static func subjectValue(_ line: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.count >= 8, trimmed.prefix(8).lowercased() == "subject:" else { return nil }
        return trim(String(trimmed.dropFirst(8)))
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
