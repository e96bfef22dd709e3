/// Rules about wording that weakens trust: warnings and hints on single phrases.
extension ReviewRule {
    /// Hedges that make a commitment sound unsure.
    static let hedging = ReviewRule(
        id: "hedging", severity: .warning,
        summary: "A hedge that makes a commitment sound unsure (\"we will try to\", \"hopefully\", \"all being well\")."
    ) { text in
        text.firstMatchPerLine(.hedges).map { range in
            ReviewNote(
                text.tokens[range.lowerBound].line,
                "'\(text.quote(range))' makes the commitment sound unsure.",
                "Say what you will do and when ('We will send the fix on Tuesday'); if it depends on something, "
                    + "name that condition instead.")
        }
    }

    /// Stiff form-letter wording.
    static let formalFiller = ReviewRule(
        id: "formal-filler", severity: .warning,
        summary: "Stiff form-letter wording (\"endeavour\", \"kindly revert\", \"at your earliest convenience\")."
    ) { text in
        text.firstMatchPerLine(.formalFiller).map { range in
            ReviewNote(
                text.tokens[range.lowerBound].line,
                "'\(text.quote(range))' reads like a form letter, not a person who knows the account.",
                "Say it the way you would on the phone: 'I will', 'please reply by Friday', 'the contract "
                    + "attached', 'call me on 07700 900123 with any questions'.")
        }
    }

    /// Timing words such as "soon" or "ASAP" with no date in the same sentence.
    static let vagueTimeline = ReviewRule(
        id: "vague-timeline", severity: .warning,
        summary: "A vague time (\"soon\", \"shortly\", \"in a few days\", \"when I get a chance\") with no date in the sentence."
    ) { text in
        let tokens = text.tokens
        var ranges = text.matches(.vagueTimes)
        // "when we can" is vague at the end of a clause ("we will send it when we can"), not before a verb
        // ("when we can start" asks a question).
        let clauseEnds: Set<String> = ["and", "but", "so", "then", "please", "thanks", "i", "we", "if", "or"]
        for range in text.matches(.vagueAfterWhen) where !ranges.contains(where: { $0.overlaps(range) }) {
            let next = range.upperBound < tokens.count ? tokens[range.upperBound] : nil
            if next.map({ $0.isBreak || clauseEnds.contains($0.word) }) ?? true { ranges.append(range) }
        }
        let pleasantries: Set<String> = ["speak", "talk", "see", "hear", "chat", "catch", "meet", "well", "again"]
        for index in tokens.indices where tokens[index].word == "soon" {
            if ranges.contains(where: { $0.contains(index) }) { continue }
            if index > 0, tokens[index - 1].word == "as" { continue }
            let before = tokens[max(0, index - 3)..<index]
            if before.contains(where: { pleasantries.contains($0.word) }) { continue }
            ranges.append(index..<(index + 1))
        }
        // One note per sentence: "at some point down the line" is one vague time, even across a line break.
        var seen: Set<Int> = []
        return ranges.sorted { $0.lowerBound < $1.lowerBound }.filter { range in
            let sentence = text.sentence(containing: range.lowerBound)
            return !ReviewCalendar.hasAnchor(tokens, in: sentence)
                && seen.insert(sentence.lowerBound).inserted
        }.map { range in
            ReviewNote(
                tokens[range.lowerBound].line,
                "'\(text.quote(range))' is not a deadline: the client may read hours where you mean weeks.",
                "Give a date and time you can keep, e.g. 'by Thursday 5 pm'; if you cannot, say when you will "
                    + "next update them.")
        }
    }

    /// Passive wording that hides who made a mistake.
    static let passiveNonOwnership = ReviewRule(
        id: "passive-non-ownership", severity: .warning,
        summary: "Passive wording that hides who made the mistake (\"mistakes were made\", \"it was processed incorrectly\")."
    ) { text in
        let owners: Set<String> = ["me", "us", "our", "my"]
        let ranges = text.matches(.passiveMistakes).filter { range in
            let by = range.upperBound
            guard by + 1 < text.tokens.count, text.tokens[by].word == "by" else { return true }
            return !owners.contains(text.tokens[by + 1].word)
        }
        var seen: Set<Int> = []
        return ranges.filter { seen.insert(text.tokens[$0.lowerBound].line).inserted }.map { range in
            ReviewNote(
                text.tokens[range.lowerBound].line,
                "'\(text.quote(range))' hides who got it wrong.",
                "Own it in the first person ('We missed the deadline', 'I sent the wrong file') and follow with "
                    + "the fix.")
        }
    }

    /// Passive next steps ("will be sent") and "someone will" with no named owner.
    static let nextStepNoOwner = ReviewRule(
        id: "next-step-no-owner", severity: .info,
        summary: "A next step with nobody named to do it (\"the report will be sent\", \"someone will call\")."
    ) { text in
        let tokens = text.tokens
        let passive = text.matches(.passiveSteps).filter { range in
            let verb = tokens[range.upperBound - 1].word
            let isParticiple = verb.hasSuffix("ed") || ReviewPhrases.irregularParticiples.contains(verb)
            guard isParticiple, !ReviewPhrases.stateWords.contains(verb) else { return false }
            if range.lowerBound > 0, ReviewPhrases.personalSubjects.contains(tokens[range.lowerBound - 1].word) {
                return false
            }
            return !Self.namesOwner(tokens, after: range.upperBound)
        }
        var seen: Set<Int> = []
        let ranges = (passive + text.matches(.unnamedOwners)).sorted { $0.lowerBound < $1.lowerBound }
        return ranges.filter { seen.insert(tokens[$0.lowerBound].line).inserted }.map { range in
            let start = max(0, range.lowerBound - 2)
            let from = tokens[start..<range.lowerBound].lastIndex { $0.isBreak }.map { $0 + 1 } ?? start
            return ReviewNote(
                tokens[range.lowerBound].line,
                "'\(text.quote(from..<range.upperBound))' does not say who will do it.",
                "Name the owner: 'I will send...' or 'Priya from our data team will...'.")
        }
    }

    /// Whether the words after a passive step name who does it (`by me`, `by our team`, `by Priya`).
    static func namesOwner(_ tokens: [ReviewToken], after index: Int) -> Bool {
        var position = index
        while position < tokens.count, position < index + 3, !tokens[position].isBreak {
            if tokens[position].word == "by", position + 1 < tokens.count {
                let next = tokens[position + 1]
                if ["me", "us", "our", "my", "i", "we"].contains(next.word) { return true }
                if next.word == "the" || next.word == "your" {
                    let after = position + 2 < tokens.count ? tokens[position + 2].word : ""
                    return !["end", "close", "start", "middle", "beginning", "latest", "time"].contains(after)
                }
                let isTime =
                    ReviewCalendar.dayKey(tokens, position + 1) != nil
                    || ReviewCalendar.months.contains(next.word) || ReviewCalendar.timeKey(tokens, position + 1) != nil
                    || next.word == "end" || next.word == "then" || next.word == "next" || next.word == "close"
                if next.isCapitalized && !isTime { return true }
            }
            position += 1
        }
        return false
    }
}
