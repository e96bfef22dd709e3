/// Rules about what the draft says: plans, next steps, meetings, concessions and evidence.
extension ReviewRule {
    /// An apology with no plan anywhere in the draft.
    static let apologyWithoutPlan = ReviewRule(
        id: "apology-without-plan", severity: .warning,
        summary: "An apology with no plan: nothing says what will happen now, or by when."
    ) { text in
        guard let first = text.apologies.first, !text.hasPlan else { return [] }
        return [
            ReviewNote(
                text.tokens[first.lowerBound].line, "The apology is not followed by a plan.",
                "After saying sorry, add what you will do and by when, e.g. 'We will send the corrected invoice by "
                    + "Wednesday and check each invoice before it goes out.'")
        ]
    }

    /// A meeting request that does not offer two day or time options.
    static let meetingTwoOptions = ReviewRule(
        id: "meeting-two-options", severity: .warning,
        summary: "A request for a call or meeting that does not offer at least two day or time options."
    ) { text in
        let tokens = text.tokens
        // Each request: its sentence, and the words to quote (the cue up to the meeting word).
        var requests: [(sentence: Range<Int>, quote: Range<Int>)] = []
        // "guests could not book for 47 minutes" is no request.
        for cue in text.matches(.meetingCues) where !text.isNegated(cue) {
            let sentence = text.sentence(containing: cue.lowerBound)
            let window = cue.lowerBound..<min(sentence.upperBound, cue.upperBound + 8)
            if let word = window.first(where: { ReviewPhrases.meetingWords.contains(tokens[$0].word) }) {
                requests.append((sentence, cue.lowerBound..<max(cue.upperBound, word + 1)))
            }
        }
        for cue in text.matches(.availability) {
            let sentence = text.sentence(containing: cue.lowerBound)
            let reach = cue.upperBound..<min(sentence.upperBound, cue.upperBound + 6)
            if let last = reach.last(where: {
                ReviewCalendar.dayKey(tokens, $0) != nil || ReviewCalendar.timeKey(tokens, $0) != nil
            }) {
                requests.append((sentence, cue.lowerBound..<(last + 1)))
            }
        }
        var checked: Set<Int> = []
        for request in requests.sorted(by: { $0.sentence.lowerBound < $1.sentence.lowerBound })
        where checked.insert(request.sentence.lowerBound).inserted {
            if text.optionCount(from: request.sentence) >= 2 { continue }
            return [
                ReviewNote(
                    tokens[request.quote.lowerBound].line,
                    "'\(text.quote(request.quote))' asks for a meeting without offering two times.",
                    "Offer two concrete slots on different days, e.g. 'Tuesday at 10:00 or Thursday at 15:00', and "
                        + "invite them to propose another.")
            ]
        }
        return []
    }

    /// An email of some length with no date, day or deadline anywhere.
    static let nextStepMissing = ReviewRule(
        id: "next-step-missing", severity: .warning,
        summary: "An email with no concrete next step: no date, day, time or deadline anywhere in it."
    ) { text in
        guard text.draft.isEmail, text.bodyWordCount >= 25 else { return [] }
        if ReviewCalendar.hasAnchor(text.tokens, in: text.tokens.indices) { return [] }
        return [
            ReviewNote(
                0, "There is no dated next step, so the client cannot tell what happens next or when.",
                "Close with one action, who does it and a date, e.g. 'I will send the revised plan by Friday 14 June.'")
        ]
    }

    /// A discount, waiver or freebie with nothing asked in return, unless it puts right a mistake the email owns.
    static let concessionWithoutAsk = ReviewRule(
        id: "concession-without-ask", severity: .warning,
        summary: "Free work or a discount with nothing asked in return, other than making good the mistake the email owns."
    ) { text in
        let tokens = text.tokens
        let negations: Set<String> = ["not", "no", "cannot", "never", "without", "unable"]
        let requests = text.matches(.clientRequests)
        let concessions = text.matches(.concessions).filter { range in
            let before = tokens[max(0, range.lowerBound - 3)..<range.lowerBound]
            if before.contains(where: { negations.contains($0.word) }) { return false }
            // "your request for a 10% discount" is the client asking, not Coach's user giving.
            let sentence = text.sentence(containing: range.lowerBound)
            if requests.contains(where: { $0.lowerBound >= sentence.lowerBound && $0.upperBound <= range.lowerBound }) {
                return false
            }
            return !text.makesGood(range)
        }
        guard let first = concessions.first, !text.contains(.asksBack) else { return [] }
        return [
            ReviewNote(
                tokens[first.lowerBound].line,
                "'\(text.quote(first))' gives value away without asking for anything back.",
                "Trade it for something, e.g. 'We can waive the setup fee if the renewal is signed by 30 June'; "
                    + "give it freely only to put right your own mistake.")
        ]
    }

    /// A result claimed with no number in the same sentence.
    static let impactWithoutNumber = ReviewRule(
        id: "impact-without-number", severity: .info,
        summary: "A claimed result (\"improved\", \"significant savings\") with no number in the same sentence."
    ) { text in
        let tokens = text.tokens
        var seen: Set<Int> = []
        return text.matches(.impactClaims).filter { range in
            // A claim word in the subject or inside quotes names something ("Promotion uplift dashboard").
            guard !text.isNamed(range) else { return false }
            let sentence = text.sentence(containing: range.lowerBound)
            let hasNumber = sentence.contains {
                tokens[$0].hasDigit || ReviewPhrases.numberWords.contains(tokens[$0].word)
            }
            return !hasNumber && seen.insert(tokens[range.lowerBound].line).inserted
        }.map { range in
            ReviewNote(
                tokens[range.lowerBound].line, "'\(text.quote(range))' claims a result without a number.",
                "Add the figure and what it compares with, e.g. 'late deliveries fell from 12% to 4% this quarter'.")
        }
    }
}

/// What the substance rules ask of the whole draft.
extension ReviewText {
    /// The apologies, without sympathy such as "sorry to hear" and without apologies for the reply itself ("sorry
    /// for the slow reply"), which need no plan.
    var apologies: [Range<Int>] {
        matches(.apologies).filter { range in
            let next = range.upperBound
            let following = tokens[next..<min(tokens.count, next + 5)].map(\.word)
            if following.first == "for", following.contains(where: ReviewPhrases.replyWords.contains) { return false }
            guard next + 1 < tokens.count, tokens[range.lowerBound].word == "sorry", tokens[next].word == "to" else {
                return true
            }
            return !["hear", "see", "learn", "read"].contains(tokens[next + 1].word)
        }
    }

    /// Whether a match is on the subject line, or inside double quotes on its line: a name, not a claim.
    func isNamed(_ range: Range<Int>) -> Bool {
        let number = tokens[range.lowerBound].line
        guard let line = lines.first(where: { $0.number == number }) else { return false }
        if line.isSubject { return true }
        let word = tokens[range.lowerBound].word
        let unquoted = line.text.replacingOccurrences(of: #""[^"]*"|“[^”]*”"#, with: " ", options: .regularExpression)
        return line.text.lowercased().contains(word) && !unquoted.lowercased().contains(word)
    }

    /// Whether a match is negated: "not", "never", "cannot" or "no" just before or just after it.
    func isNegated(_ range: Range<Int>) -> Bool {
        let before = range.lowerBound > 0 ? tokens[range.lowerBound - 1].word : ""
        let after = range.upperBound < tokens.count ? tokens[range.upperBound].word : ""
        return ReviewPhrases.negations.contains(before) || ReviewPhrases.negations.contains(after)
    }

    /// Whether the draft says what happens next: a plan phrase, or a sentence in the future tense with a date.
    var hasPlan: Bool {
        if contains(.plans) { return true }
        for index in tokens.indices where tokens[index].word == "will" || tokens[index].word == "shall" {
            if ReviewCalendar.hasAnchor(tokens, in: sentence(containing: index)) { return true }
        }
        return false
    }

    /// How many different days or times a meeting request offers: in its own sentence, and in up to three
    /// sentences after it that offer alternatives (an "or", a list item, or a time of day).
    func optionCount(from sentence: Range<Int>) -> Int {
        var days: Set<String> = []
        var times: Set<String> = []
        func collect(_ range: Range<Int>) {
            for index in range {
                // "Thursday 10 December" is one day: a weekday followed by its date counts as the date.
                let dated =
                    !tokens[index].kinds.isDisjoint(with: [.weekday])
                    && (index + 1..<min(tokens.count, index + 4)).contains {
                        !tokens[$0].kinds.isDisjoint(with: [.may, .shortMonth, .month])
                    }
                if !dated, let day = ReviewCalendar.dayKey(tokens, index) { days.insert(day) }
                if let time = ReviewCalendar.timeKey(tokens, index) { times.insert(time) }
            }
        }
        collect(sentence)
        var end = sentence.upperBound
        let alternatives: Set<String> = ["or", "either", "alternatively", "otherwise"]
        for _ in 0..<3 {
            guard end + 1 < tokens.count else { break }
            let next = self.sentence(containing: end + 1)
            guard !next.isEmpty else { break }
            let isListItem = lines.first { $0.number == tokens[next.lowerBound].line }?.isListItem ?? false
            let offers =
                isListItem || next.contains { alternatives.contains(tokens[$0].word) }
                || next.contains { ReviewCalendar.timeKey(tokens, $0) != nil }
            if offers { collect(next) }
            end = next.upperBound
        }
        return max(days.count, times.count)
    }

    /// Whether a concession puts right a mistake the draft owns: the draft apologises for or admits a mistake,
    /// and the concession's sentence repairs something ("reprint", "replace", "refund") or is about the same
    /// thing as the mistake (shares a content word with a sentence that owns it).
    func makesGood(_ concession: Range<Int>) -> Bool {
        let owned = (apologies + matches(.ownedMistakes)).map { sentence(containing: $0.lowerBound) }
        guard !owned.isEmpty else { return false }
        let own = self.sentence(containing: concession.lowerBound)
        if ReviewPatternSet.repairs.occurs(in: tokens, range: own) { return true }
        let words = Set(own.compactMap { ReviewText.contentWord(tokens[$0]) })
        return owned.contains { other in
            other != own && other.contains { ReviewText.contentWord(tokens[$0]).map(words.contains) ?? false }
        }
    }

    /// Words too common to tie two sentences to one topic.
    static let commonWords: Set<String> = [
        "with", "this", "that", "your", "yours", "from", "have", "will", "would", "which", "there", "their", "about",
        "after", "before", "them", "they", "been", "were", "what", "when", "where", "into", "over", "also", "only",
        "just", "than", "then", "more", "most", "some", "such", "very", "much", "each", "other", "these", "those",
        "week", "today", "sorry", "apologies", "apologise", "apologize", "really", "thank", "thanks", "charge",
        "free", "cost", "extra", "team", "could", "should", "shall", "again", "here", "please", "know", "like",
    ]

    /// A token's word reduced for comparing topics (plural `s` dropped), or nil for short and common words.
    static func contentWord(_ token: ReviewToken) -> String? {
        let word = token.word
        guard word.count >= 4, !commonWords.contains(word), !ReviewCalendar.weekdays.contains(word) else { return nil }
        return word.hasSuffix("s") && word.count > 4 ? String(word.dropLast()) : word
    }
}
