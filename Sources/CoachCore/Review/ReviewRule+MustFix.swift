/// Rules for things that must never reach a client: errors.
extension ReviewRule {
    /// Template gaps such as `[Client Name]`, `<name>`, `TBD` or `XXX` still in the text.
    static let placeholderLeft = ReviewRule(
        id: "placeholder-left", severity: .error,
        summary: "A template gap such as [Client Name], {name}, <name>, TBD or XXX is still in the text."
    ) { text in
        text.lines.compactMap { line in
            let found = ReviewPlaceholders.find(in: line)
            guard let first = found.first else { return nil }
            let more = found.count > 1 ? " (and \(found.count - 1) more on this line)" : ""
            return ReviewNote(
                line.number, "Placeholder '\(first)' was never filled in\(more).",
                "Replace it with the real value, or cut the sentence if you do not have the fact yet.")
        }
    }

    /// An email with no subject, or an empty one.
    static let subjectMissing = ReviewRule(
        id: "subject-missing", severity: .error,
        summary: "An email has no subject line, or an empty one."
    ) { text in
        guard text.draft.isEmail else { return [] }
        if let subject = text.draft.subject, !Draft.isBlank(subject) { return [] }
        let line = text.draft.subject == nil ? 0 : text.subjectLine
        return [
            ReviewNote(
                line, "This email has no subject, so it is easy to miss and hard to find later.",
                "Add a subject that names the account and the point, e.g. 'Acme rollout: two dates for the review call'."
            )
        ]
    }

    /// Phrases that put the fault on the client.
    static let blameClient = ReviewRule(
        id: "blame-client", severity: .error,
        summary: "Wording that puts the fault on the client (\"if your team had sent\", \"the delay was on your side\")."
    ) { text in
        text.firstMatchPerLine(.blame).map { range in
            ReviewNote(
                text.tokens[range.lowerBound].line,
                "'\(text.quote(range))' points the finger at the client.",
                "State the facts and your next move without assigning fault, e.g. 'The files reached us on the 12th, "
                    + "so we now plan delivery for the 19th.'")
        }
    }

    /// Saying other work came first: being busy, or only now getting to the client's message.
    static let busyExcuse = ReviewRule(
        id: "busy-excuse", severity: .error,
        summary: "A busy excuse (\"a crazy couple of weeks\", \"I only just got to your email\", \"tied up with another client\")."
    ) { text in
        let tokens = text.tokens
        let clientWords: Set<String> = ["you", "your", "yours"]
        var seen: Set<Int> = []
        return text.matches(.busyExcuses).filter { range in
            // "your busy season", "we are busy packing your order", "a hectic month for your stores": the client's
            // own busy time, or work for them, is no excuse.
            let after = tokens[range.upperBound..<min(tokens.count, range.upperBound + 4)]
            if let next = after.first, !next.isBreak,
                ["for", "with", "on", "at", "in"].contains(next.word) || next.word.hasSuffix("ing")
                    || clientWords.contains(next.word),
                after.prefix(while: { !$0.isBreak }).contains(where: { clientWords.contains($0.word) })
            {
                return false
            }
            return seen.insert(tokens[range.lowerBound].line).inserted
        }.map { range in
            ReviewNote(
                tokens[range.lowerBound].line,
                "'\(text.quote(range))' tells the client other work came before them.",
                "Cut the excuse: thank them for their patience or apologise once, say why only if it is about their "
                    + "work, then go straight to the update and the next step.")
        }
    }

    /// Promises with no limit: guarantees, "whatever it takes", "never again".
    static let unlimitedPromise = ReviewRule(
        id: "unlimited-promise", severity: .error,
        summary: "A promise with no limit (\"guarantee\", \"whatever it takes\", \"this will never happen again\")."
    ) { text in
        let negations: Set<String> = ["not", "no", "cannot", "never", "without", "unable"]
        let ranges = text.matches(.unlimitedPromises).filter { range in
            guard text.tokens[range.lowerBound].word.hasPrefix("guarantee") else { return true }
            let before = text.tokens[max(0, range.lowerBound - 3)..<range.lowerBound]
            return !before.contains { negations.contains($0.word) }
        }
        var seen: Set<Int> = []
        return ranges.filter { seen.insert(text.tokens[$0.lowerBound].line).inserted }.map { range in
            ReviewNote(
                text.tokens[range.lowerBound].line,
                "'\(text.quote(range))' promises more than anyone can be held to.",
                "Promise one specific thing you control, with its limit, e.g. 'we will re-run the report "
                    + "and send it by Thursday noon'.")
        }
    }
}
