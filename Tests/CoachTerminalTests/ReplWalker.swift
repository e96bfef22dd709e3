import CoachCore

@testable import CoachTerminal

/// A line reader that walks any playbook like a hurried user: it answers from defaults and examples and, on the
/// way, asks for an example and the reason, goes back, skips, misses three times, previews, lists the answers,
/// presses Ctrl-C, goes to an earlier step, and at the end shows, saves and leaves. Deterministic.
final class ReplWalker: LineReader {
    let playbookID: String
    /// Reads the controller the walker is driving.
    var state: () -> ReplController? = { nil }
    /// The lines as a ScriptedLineReader would record them, for the transcript.
    private(set) var lines: [String] = []
    private var done = Set<String>()
    private var seen: [String] = []
    private var candidateIndex: [String: Int] = [:]
    private var lastWasCandidate = false
    private var askedCount: [String: Int] = [:]
    private var multilineSent = 0
    private var finishing = ["/show", "/save drafts.md", "/answers", "/quit"]

    var isInteractive: Bool { true }

    init(playbookID: String) { self.playbookID = playbookID }

    func readLine(_ request: LineRequest) -> LineInput {
        guard lines.count < 400, let controller = state() else { return .endOfInput }
        let input = next(controller)
        if case .line(let line) = input { lines.append(line) } else { lines.append(ScriptedLineReader.interruptMarker) }
        return input
    }

    func addHistory(_ line: String) {}

    private func once(_ key: String) -> Bool { done.insert(key).inserted }

    private func next(_ controller: ReplController) -> LineInput {
        switch controller.screen {
        case .home: return .line(playbookID)
        case .confirmRestart: return .line("no")
        case .finished:
            guard !finishing.isEmpty else { return .endOfInput }
            let command = finishing.removeFirst()
            if command == "/show", let id = controller.turn?.outputs?.first?.id { return .line("/show " + id) }
            return .line(command)
        case .asking: break
        }
        guard let turn = controller.turn, let prompt = turn.prompt else { return .endOfInput }
        let key = prompt.step.description
        if prompt.kind.asks, !seen.contains(key) { seen.append(key) }
        askedCount[key, default: 0] += 1
        if askedCount[key]! > 12 { return .endOfInput }
        if let lines = controller.multiline {
            if !lines.isEmpty || multilineSent > 0 {
                multilineSent = 0
                return .line(".")
            }
            if prompt.default != nil {
                return .line(".")
            }
            multilineSent += 1
            return .line("A first line for \(key), Zoë.")
        }
        if controller.items != nil { return .line("") }
        if lastWasCandidate, turn.invalid != nil { candidateIndex[key, default: 0] += 1 }
        lastWasCandidate = false
        let questions = seen.count
        if !prompt.kind.asks { return .line("") }
        if prompt.kind.asks {
            if once("example") { return .line("?") }
            if prompt.why != nil, once("why") { return .line("/why") }
            if once("help") { return .line("/help") }
            if questions >= 3, once("back") { return .line("/back") }
            if questions >= 4, once("interrupt") { return .interrupted }
            if !prompt.required, prompt.default == nil, once("skip") { return .line("/skip") }
            if ["money", "number", "percent", "date", "email", "yesno"].contains(prompt.kind.rawValue) {
                for miss in 1...3 where once("miss\(miss)") { return .line("zzz\(miss)") }
            }
            if questions >= 6 {
                if once("preview") { return .line("/preview") }
                if once("answers") { return .line("/answers") }
                if let first = seen.first(where: { $0 != key && !($0.contains("[")) }), once("goto") {
                    return .line("/goto " + first)
                }
            }
        }
        let candidates = Self.candidates(prompt)
        let index = candidateIndex[key, default: 0]
        lastWasCandidate = true
        return .line(index < candidates.count ? candidates[index] : "/skip")
    }

    /// Answers to try in turn: the default, the examples, then a plausible answer for the kind.
    static func candidates(_ prompt: Prompt) -> [String] {
        var out: [String] = []
        if prompt.default != nil { out.append("") }
        if prompt.kind == .choice || prompt.kind == .multichoice {
            return out + ["1", "2", "3"]
        }
        out += prompt.examples.filter { !$0.isEmpty }
        switch prompt.kind {
        case .yesno: out += ["yes", "no"]
        case .number: out += ["3", "1", "10"]
        case .money: out += ["$12,000", "$120,000"]
        case .percent: out += ["15%", "5%"]
        case .date: out += ["2026-03-05", "2026-03-12", "2026-03-20"]
        case .email: out += ["zoe.muller@example.com"]
        case .list: out += ["Zoë Müller; José Álvarez"]
        case .info: out = [""]
        default: out += ["Zoë Müller", "A longer answer from José about the account in 北京"]
        }
        return out
    }
}
