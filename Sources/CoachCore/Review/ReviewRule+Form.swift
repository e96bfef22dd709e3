/// Rules about the form of an email: what its subject says and template syntax left in it.
extension ReviewRule {
    /// Words that say nothing about an email's topic when a subject holds only them.
    static let genericSubjectWords: Set<String> = [
        "update", "updates", "quick", "question", "questions", "query", "follow", "following", "followup", "up",
        "checking", "check", "in", "touching", "touch", "base", "catch", "catching", "hi", "hello", "hey", "fyi",
        "info", "information", "meeting", "call", "chat", "important", "urgent", "request", "news", "status",
        "latest", "just", "a", "an", "the", "our", "your", "my", "some", "thoughts", "next", "steps", "step",
        "reminder", "friendly", "note", "regarding", "re", "fw", "fwd", "about", "help", "issue", "issues", "problem",
        "project", "account", "email", "today", "this", "week", "things", "stuff", "brief", "small", "one", "more",
        "thing", "and", "on", "for", "from", "me", "you", "us", "of", "to", "with", "it", "all", "few", "quickly",
        "again", "please", "read", "action", "required", "needed", "time", "sensitive", "no", "subject", "hiya",
        "greetings", "ideas", "idea", "proposal", "plan", "discussion", "summary", "recap", "notes",
    ]

    /// A subject that names no account, project or point.
    static let subjectVague = ReviewRule(
        id: "subject-vague", severity: .warning,
        summary: "A subject that says nothing about the account or the point (\"Update\", \"Quick question\", \"Checking in\")."
    ) { text in
        guard text.draft.isEmail, let line = text.lines.first(where: \.isSubject) else { return [] }
        let words = line.words.filter { $0.id != ReviewVocabulary.sentenceBreak }
        guard !words.isEmpty else { return [] }
        let vague = words.allSatisfy { word in
            !(word.digits?.has ?? word.lower.contains { $0.isNumber }) && genericSubjectWords.contains(word.lower)
        }
        guard vague else { return [] }
        return [
            ReviewNote(
                line.number, "The subject '\(Draft.trim(line.text))' could be about anything, so it is easy to skip.",
                "Name the account or project and the point, e.g. 'Harbor Foods Q1 promotion: two dates to confirm'.")
        ]
    }

    /// Text in double braces: a template gap, or braces the user typed on purpose; reported once per draft.
    static let templatePlaceholder = ReviewRule(
        id: "template-placeholder", severity: .warning,
        summary: "Text in double braces such as {{first_name}}, which looks like a template placeholder."
    ) { text in
        var first: (line: Int, text: String)?
        var count = 0
        for line in text.lines {
            let found = ReviewPlaceholders.doubleBraces(in: line)
            if first == nil, let text = found.first { first = (line.number, text) }
            count += found.count
        }
        guard let first else { return [] }
        let more = count > 1 ? " (\(count - 1) more in the draft)" : ""
        return [
            ReviewNote(
                first.line, "'\(first.text)' looks like a template placeholder\(more).",
                "If it is a gap, put the real value in; if the braces are meant, check they read well to the client.")
        ]
    }
}
