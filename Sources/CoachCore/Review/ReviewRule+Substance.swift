/// Rules about what the draft says: plans, next steps, meetings, concessions and evidence.
extension ReviewRule {
    /// An apology with no plan anywhere in the draft.
    static let apologyWithoutPlan = ReviewRule(
        id: "apology-without-plan", severity: .warning,
        summary: "An apology with no plan: nothing says what will happen now, or by when."
    ) { text in
        let tokens = text.tokens
        let apologies = text.matches(.apologies).filter { range in
            let next = range.upperBound
            guard next + 1 < tokens.count, tokens[range.lowerBound].word == "sorry", tokens[next].word == "to" else {
                return true
            }
            return !["hear", "see", "learn", "read"].contains(tokens[next + 1].word)
        }
        guard let first = apologies.first, !text.contains(.plans) else { return [] }
        return [
            ReviewNote(
                tokens[first.lowerBound].line, "The apology is not followed by a plan.",
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
        let cues = text.matches(.meetingCues)
        let request = cues.first { cue in
            let sentence = text.sentence(containing: cue.lowerBound)
            let window = cue.lowerBound..<min(sentence.upperBound, cue.upperBound + 8)
            return window.contains { ReviewPhrases.meetingWords.contains(tokens[$0].word) }
        }
        guard let request else { return [] }
        var days: Set<String> = []
        var times: Set<String> = []
        for index in tokens.indices {
            if let day = ReviewCalendar.dayKey(tokens, index) { days.insert(day) }
            if let time = ReviewCalendar.timeKey(tokens, index) { times.insert(time) }
        }
        if days.count >= 2 || times.count >= 2 { return [] }
        return [
            ReviewNote(
                tokens[request.lowerBound].line,
                "'\(text.quote(text.sentence(containing: request.lowerBound)))' asks for a meeting without offering two "
                    + "times.",
                "Offer two concrete slots on different days, e.g. 'Tuesday at 10:00 or Thursday at 15:00', and "
                    + "invite them to propose another.")
        ]
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

    /// A discount, waiver or freebie with nothing asked in return.
    static let concessionWithoutAsk = ReviewRule(
        id: "concession-without-ask", severity: .warning,
        summary: "A concession (discount, waiver, something free) with nothing asked in return."
    ) { text in
        let tokens = text.tokens
        let negations: Set<String> = ["not", "no", "cannot", "never", "without", "unable"]
        let concessions = text.matches(.concessions).filter { range in
            let before = tokens[max(0, range.lowerBound - 3)..<range.lowerBound]
            return !before.contains { negations.contains($0.word) }
        }
        guard let first = concessions.first else { return [] }
        if text.contains(.asksBack) || text.contains(.apologies) { return [] }
        return [
            ReviewNote(
                tokens[first.lowerBound].line,
                "'\(text.quote(first))' gives value away without asking for anything back.",
                "Trade it for something, e.g. 'We can waive the setup fee if the renewal is signed by 30 June.'")
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
