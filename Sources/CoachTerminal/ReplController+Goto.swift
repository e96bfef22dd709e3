import CoachCore

/// `/goto`: back to an earlier question by its number in `/answers`, by words of the question, or by its id.
extension ReplController {
    /// The answered questions on the route, numbered as `/answers` shows them.
    var answeredQuestions: [(key: StepKey, question: String, answer: String)] {
        session?.answeredSteps() ?? []
    }

    /// Goes to the question `argument` names, or says which ones it could mean.
    mutating func goto(_ argument: String?) -> ReplReply {
        let answered = answeredQuestions
        guard let argument = argument?.trimmingWhitespace(), !argument.isEmpty else {
            var reply = ReplReply()
            guard !answered.isEmpty else {
                reply.say(renderer.refusal("There is no earlier answer to change yet."))
                return reply
            }
            reply.say("Go back to which question? Type /goto and its number, or words from it:\n")
            reply.say(renderer.numberedQuestions(answered.map(\.question), numbers: Array(1...answered.count)))
            return reply
        }
        if let key = (session?.reachableSteps() ?? []).first(where: { $0.description.lowercased() == argument.lowercased() }) {
            return send(.goto(key))
        }
        if let number = Int(argument) {
            guard number >= 1 && number <= answered.count else {
                var reply = ReplReply()
                let range = answered.count == 1 ? "1" : "1 to \(answered.count)"
                reply.say(
                    renderer.refusal(
                        answered.isEmpty
                            ? "There is no earlier answer to change yet."
                            : "There is no answer \(number): type a number from \(range) (see /answers)."))
                return reply
            }
            return send(.goto(answered[number - 1].key))
        }
        let words = argument.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let scored = answered.enumerated().map { index, item -> (index: Int, hits: Int) in
            let haystack = (item.question + " " + item.key.description).lowercased()
            return (index, words.filter { haystack.contains($0) }.count)
        }
        let full = scored.filter { !words.isEmpty && $0.hits == words.count }
        if full.count == 1 { return send(.goto(answered[full[0].index].key)) }
        var reply = ReplReply()
        let partial = scored.filter { $0.hits > 0 }.sorted { $0.hits > $1.hits }
        let suggestions = full.count > 1 ? full : Array(partial.prefix(3))
        guard !suggestions.isEmpty else {
            reply.say(renderer.refusal("No earlier question matches '\(argument)'. Type /goto and a number:"))
            if !answered.isEmpty {
                reply.say(renderer.numberedQuestions(answered.map(\.question), numbers: Array(1...answered.count)))
            }
            return reply
        }
        let lead = full.count > 1 ? "Several questions match '\(argument)'" : "No question has all of '\(argument)'"
        reply.say(renderer.refusal(lead + ". Did you mean one of these? Type /goto and its number:"))
        reply.say(
            renderer.numberedQuestions(suggestions.map { answered[$0.index].question }, numbers: suggestions.map { $0.index + 1 }))
        return reply
    }

    /// The words of the question `key`, quoted, for messages (never the internal id).
    func questionWords(_ key: StepKey?) -> String {
        guard let key else { return "this question" }
        if let found = answeredQuestions.first(where: { $0.key == key }) { return "'\(found.question)'" }
        if let prompt = turn?.prompt, prompt.step == key { return "'\(prompt.text)'" }
        return "this question"
    }
}
