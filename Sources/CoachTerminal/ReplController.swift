import CoachCore
import Foundation

/// The REPL as a state machine: takes one line of input and returns the text to show. No terminal I/O.
///
/// It holds no flow logic: every answer, skip, back or go-to becomes an engine event, and every turn the engine
/// returns becomes screen text. The loop in `Repl` is the only code that touches the terminal.
public struct ReplController {
    /// How the REPL presents itself.
    public struct Options {
        /// True when a person types at a terminal; false for piped input (no prompts, outputs only, errors on stderr).
        public var interactive: Bool
        /// Colours and emphasis (plain when off).
        public var style: TerminalText.Style
        /// Terminal width in columns, asked before each screen so resizing works.
        public var columns: () -> Int

        /// Options for an interactive or piped REPL.
        public init(interactive: Bool, style: TerminalText.Style, columns: @escaping () -> Int = { 80 }) {
            self.interactive = interactive
            self.style = style
            self.columns = columns
        }
    }

    /// What to read next: the prompt and the text to put in the line for editing.
    public struct Request: Equatable, Sendable {
        /// The prompt shown before the line.
        public var prompt: String
        /// Text placed in the line (a default, or the answer being changed).
        public var prefill: String?
    }

    /// Which screen is up.
    enum Screen: Equatable {
        case home
        case asking
        case finished
        case confirmRestart
    }

    let catalog: PlaybookCatalog
    let options: Options
    let services: ReplServices
    var screen: Screen = .home
    var session: Session?
    var turn: Turn?
    /// Lines typed so far for a multi-line answer; nil when the current question is not multi-line.
    var multiline: [String]?
    var saved: [SavedSessionSummary] = []
    /// The stored session's id, when the session service runs it.
    var sessionID: String?
    /// True once leaving was refused because the answers are only in memory (the next /quit leaves).
    var warnedUnsaved = false

    /// A controller over `catalog`.
    public init(catalog: PlaybookCatalog, options: Options, services: ReplServices) {
        self.catalog = catalog
        self.options = options
        self.services = services
    }

    var renderer: ReplRenderer {
        ReplRenderer(style: options.style, columns: max(20, options.columns()))
    }

    var place: ReplCommand.Place {
        switch screen {
        case .home: return .home
        case .asking, .confirmRestart: return .asking
        case .finished: return .finished
        }
    }

    // MARK: - Entry points

    /// The first screen: the playbook `playbookID` when given, else the home screen.
    public mutating func start(playbookID: String?, resume: String? = nil) -> ReplReply {
        if let resume {
            var reply = resumeSaved(resume)
            if session == nil {
                reply.exitCode = 1
            }
            return reply
        }
        var reply = ReplReply()
        if options.interactive, let reason = services.sessions?.storeProblem {
            reply.say(renderer.note(reason + " Coach goes on without saving: use /export before you quit."))
        }
        if let playbookID, let playbook = catalog.playbook(playbookID) {
            reply.append(beginNew(playbook))
            return reply
        }
        reply.append(home())
        return reply
    }

    /// The prompt and prefill for the next line.
    public var request: Request {
        switch screen {
        case .home:
            return Request(prompt: "coach> ", prefill: nil)
        case .finished:
            return Request(prompt: "done> ", prefill: nil)
        case .confirmRestart:
            return Request(prompt: "start again? (y/n) ", prefill: nil)
        case .asking:
            if let lines = multiline { return Request(prompt: lines.isEmpty ? "> " : ". ", prefill: nil) }
            guard let prompt = turn?.prompt, prompt.kind != .info else { return Request(prompt: "> ", prefill: nil) }
            // A pick from a list is typed fresh (a number or a name): text typed after a pre-filled "no" would
            // read "no1". Free-text answers get their default in the line, ready to edit.
            let prefill =
                ReplController.picksFromChoices(prompt.kind)
                ? nil : prompt.default.flatMap { $0.isEmpty || $0.contains("\n") ? nil : $0 }
            return Request(prompt: "> ", prefill: prefill)
        }
    }

    /// Whether an answer of this kind is picked from a short list (choices, yes/no) rather than written.
    static func picksFromChoices(_ kind: InputKind) -> Bool {
        kind == .choice || kind == .multichoice || kind == .yesno
    }

    /// Handles one result of reading a line.
    public mutating func handle(_ input: LineInput) -> ReplReply {
        switch input {
        case .interrupted: return interrupted()
        case .endOfInput: return leave(endOfInput: true)
        case .line(let line):
            switch screen {
            case .home: return homeLine(line)
            case .asking: return askingLine(line)
            case .finished: return finishedLine(line)
            case .confirmRestart: return confirmLine(line)
            }
        }
    }

    // MARK: - Home

    mutating func home() -> ReplReply {
        screen = .home
        session = nil
        sessionID = nil
        turn = nil
        multiline = nil
        saved = savedSummaries()
        var reply = ReplReply()
        if options.interactive {
            reply.say(renderer.home(catalog.summaries, saved: saved))
        }
        if catalog.summaries.isEmpty {
            reply.warn("coach: no playbooks found. Add a folder with --playbooks DIR or COACH_PLAYBOOKS.\n")
            reply.exitCode = 1
        }
        return reply
    }

    mutating func homeLine(_ line: String) -> ReplReply {
        let text = line.trimmingWhitespace()
        var reply = ReplReply()
        if let command = ReplCommand.parse(text) {
            switch command {
            case .help: reply.say(renderer.help(.home))
            case .quit: return leave(endOfInput: false)
            case .unknown(let name): reply.say(renderer.refusal(unknownCommand(name)))
            default: reply.say(renderer.refusal("Pick a playbook first: type its number or id."))
            }
            return reply
        }
        if text.isEmpty {
            reply.say(renderer.home(catalog.summaries, saved: saved))
            return reply
        }
        let entries = catalog.summaries
        if let number = Int(text) {
            guard number >= 1 && number <= entries.count else {
                reply.say(renderer.refusal("Type a number from 1 to \(entries.count), or a playbook id."))
                return reply
            }
            return beginNew(id: entries[number - 1].id)
        }
        if text.lowercased().hasPrefix("s"), let number = Int(text.dropFirst()), number >= 1, number <= saved.count {
            return resumeSaved(saved[number - 1].id)
        }
        if text.hasPrefix("s-"), services.sessions != nil {
            return resumeSaved(text)
        }
        if let id = [text, text.lowercased()].first(where: { catalog.ids.contains($0) }) {
            return beginNew(id: id)
        }
        var message = catalog.unknownMessage(text).replacingOccurrences(of: "See them all with: coach list", with: "")
        let starting = catalog.ids.filter { $0.hasPrefix(text.lowercased()) }
        if !message.contains("Did you mean"), starting.count == 1 {
            message = "There is no playbook '\(text)'. Did you mean '\(starting[0])'? "
        }
        reply.say(renderer.refusal(message + "Type \(entries.count == 1 ? "1" : "a number from 1 to \(entries.count)"), or an id."))
        return reply
    }

    /// Starts `session` and shows its first question.
    mutating func begin(_ session: Session, notices: [String] = []) -> ReplReply {
        self.session = session
        warnedUnsaved = false
        var reply = ReplReply()
        if options.interactive { reply.say(renderer.start(session.playbook)) }
        for notice in notices {
            if options.interactive { reply.say(renderer.note(notice)) } else { reply.warn("coach: \(notice)\n") }
        }
        reply.append(present(session.currentTurn()))
        return reply
    }

    // MARK: - Turns

    /// Shows what the engine returned: the next question, an invalid answer, or the finished drafts.
    mutating func present(_ next: Turn) -> ReplReply {
        var reply = ReplReply()
        turn = next
        multiline = nil
        if let accepted = next.accepted {
            let echo = "→ " + renderer.safe(accepted.display)
            if options.interactive {
                reply.say(renderer.style.dim("  " + echo) + "\n")
            } else {
                reply.warn("coach: \(accepted.step) \(echo)\n")
            }
        }
        if let notice = next.notice {
            if options.interactive { reply.say(renderer.note(notice)) } else { reply.warn("coach: \(notice)\n") }
        }
        switch next {
        case .asking(let prompt, let invalid, _, _, _):
            screen = .asking
            if !options.interactive {
                if let invalid {
                    reply.warn("coach: \(prompt.step): \(renderer.safe(invalid.message))\n")
                }
                if prompt.kind == .info {
                    // Info screens ask nothing; piped input goes straight on.
                    reply.append(send(.answer(.text(""), step: prompt.step)))
                }
                return reply
            }
            let isMultiline = prompt.kind == .multiline
            if isMultiline { multiline = [] }
            if let invalid {
                reply.say(renderer.invalid(invalid))
                reply.say(renderer.question(next, compact: true, multiline: isMultiline))
            } else {
                reply.say(renderer.question(next, multiline: isMultiline))
            }
        case .completed(let outputs, _, _, _, _):
            screen = .finished
            guard let session else { return reply }
            if options.interactive {
                reply.say(renderer.finished(next, playbook: session.playbook, installed: { catalog.playbook($0) != nil }))
            } else {
                reply.say(OutputFormatter.text(outputs))
            }
        case .cancelled:
            return home()
        }
        return reply
    }

    /// Sends `event` to the engine and shows the result; a refusal is shown with the question again.
    mutating func send(_ event: Event) -> ReplReply {
        guard var current = session else { return home() }
        if let service = services.sessions, let sessionID {
            return sendThroughService(event, service: service, id: sessionID)
        }
        let result = current.handle(event)
        session = current
        switch result {
        case .success(let next):
            return present(next)
        case .failure(let refusal):
            var reply = ReplReply()
            if options.interactive {
                reply.say(renderer.refusal(refusal.message))
                reply.say(reminder())
            } else {
                reply.warn("coach: \(renderer.safe(refusal.message))\n")
            }
            return reply
        }
    }

    /// The current question in short, to show again after a long listing or a refusal.
    func reminder() -> String {
        guard options.interactive, screen == .asking, let turn else { return "" }
        return renderer.question(turn, compact: true, multiline: multiline != nil)
    }

    // MARK: - Asking

    mutating func askingLine(_ line: String) -> ReplReply {
        guard let prompt = turn?.prompt else { return home() }
        if var lines = multiline {
            if lines.isEmpty, isCommandOrHelp(line) { return askingCommand(line, prompt: prompt) }
            if line.trimmingWhitespace() == "." {
                return send(.answer(.text(lines.joined(separator: "\n")), step: prompt.step))
            }
            lines.append(line)
            multiline = lines
            return ReplReply()
        }
        if isCommandOrHelp(line) { return askingCommand(line, prompt: prompt) }
        var text = line
        if text.trimmingWhitespace().hasPrefix("//") {
            text = String(text.trimmingWhitespace().dropFirst())
        }
        return send(.answer(.text(text), step: prompt.step))
    }

    func isCommandOrHelp(_ line: String) -> Bool {
        let text = line.trimmingWhitespace()
        return text == "?" || ReplCommand.parse(text) != nil
    }

    mutating func askingCommand(_ line: String, prompt: Prompt) -> ReplReply {
        var reply = ReplReply()
        let text = line.trimmingWhitespace()
        if text == "?" {
            reply.say(renderer.examples(prompt))
            return reply
        }
        guard let command = ReplCommand.parse(text) else { return reply }
        switch command {
        case .help:
            reply.say(renderer.help(.asking))
        case .why:
            reply.say(renderer.why(prompt))
        case .back:
            return send(.back)
        case .goto(let step):
            guard let step else { return gotoWhere() }
            return send(.goto(StepKey(step)))
        case .skip:
            return send(.skip(step: prompt.step))
        case .answers:
            reply.say(renderer.answers(session?.answeredSteps() ?? []))
            reply.say(reminder())
        case .preview:
            reply.say(preview())
            reply.say(reminder())
        case .restart:
            return askRestart()
        case .quit:
            return leave(endOfInput: false)
        case .editor:
            return editInEditor(prompt)
        case .export(let argument):
            reply.append(export(argument))
            reply.say(reminder())
        case .show, .save, .copy, .new:
            reply.say(renderer.refusal("That works once the playbook is finished; /preview shows the drafts so far."))
        case .unknown(let name):
            reply.say(renderer.refusal(unknownCommand(name)))
        }
        return reply
    }

    mutating func gotoWhere() -> ReplReply {
        var reply = ReplReply()
        let steps = session?.reachableSteps() ?? []
        reply.say("Go to which step? Type /goto and one of: \(steps.map { renderer.safe($0.description) }.joined(separator: ", ")).\n")
        return reply
    }

    func preview() -> String {
        guard let session else { return "" }
        let drafts = session.preview()
        var out = "\n" + options.style.bold("Drafts so far") + options.style.dim(" (values still to come show as [missing: ...])") + "\n\n"
        out += renderer.outputs(drafts)
        return out
    }

    mutating func editInEditor(_ prompt: Prompt) -> ReplReply {
        guard options.interactive else {
            var reply = ReplReply()
            reply.warn("coach: /editor needs a terminal.\n")
            return reply
        }
        let typed = multiline.map { $0.joined(separator: "\n") } ?? ""
        let initial = typed.isEmpty ? (prompt.default ?? "") : typed
        switch services.editText(initial) {
        case .success(let text):
            return send(.answer(.text(text), step: prompt.step))
        case .failure(let failure):
            var reply = ReplReply()
            reply.say(renderer.refusal(failure.message))
            return reply
        }
    }

    func unknownCommand(_ name: String) -> String {
        let names = ReplCommand.available(in: place).map(\.name)
        let close = names.first { $0.hasPrefix(name) || name.hasPrefix($0) }
        let hint = close.map { " Did you mean \($0)?" } ?? ""
        return "There is no command \(name).\(hint) /help lists them; to answer with text that starts with /, type // first."
    }

    // MARK: - Restart

    mutating func askRestart() -> ReplReply {
        guard options.interactive, let session else { return send(.restart) }
        let count = session.answeredSteps().count
        guard count > 0 else { return send(.restart) }
        screen = .confirmRestart
        var reply = ReplReply()
        reply.say(
            "Start '\(renderer.safe(session.playbook.title))' again from the first step? Your \(count) answer\(count == 1 ? "" : "s") will be cleared.\n"
        )
        return reply
    }

    mutating func confirmLine(_ line: String) -> ReplReply {
        let answer = line.trimmingWhitespace().lowercased()
        if ["y", "yes"].contains(answer) { return send(.restart) }
        var reply = ReplReply()
        screen = turn?.status == .completed ? .finished : .asking
        reply.say(renderer.note("Kept your answers."))
        reply.say(reminder())
        return reply
    }

    // MARK: - Interrupt and leaving

    mutating func interrupted() -> ReplReply {
        var reply = ReplReply()
        if screen == .confirmRestart {
            screen = turn?.status == .completed ? .finished : .asking
            reply.say(renderer.note("Kept your answers."))
            reply.say(reminder())
            return reply
        }
        if let lines = multiline, !lines.isEmpty {
            let count = lines.count
            reply.say(
                renderer.note(
                    "Cleared that line; the \(count) line\(count == 1 ? "" : "s") above are kept. Finish with a line containing only ."))
            return reply
        }
        reply.say(renderer.note("Cleared the line. To leave, type /quit or press Ctrl-D on an empty line."))
        reply.say(reminder())
        return reply
    }

    /// Ends the REPL, saying what happens to an unfinished session; piped input that ends too soon is exit 1.
    mutating func leave(endOfInput: Bool) -> ReplReply {
        var reply = ReplReply()
        reply.exitCode = 0
        guard let session, screen == .asking || screen == .confirmRestart, let prompt = turn?.prompt else {
            if !options.interactive && screen == .home && endOfInput {
                reply.warn(
                    "coach: the input ended before a playbook was picked: the first line should be a playbook's number or id.\n")
                reply.warn(Self.machineHint(playbookID: nil))
                reply.exitCode = 1
            } else if options.interactive {
                reply.say("Bye.\n")
            }
            return reply
        }
        let progress = turn.map { "\($0.progress.answered) of \($0.progress.total) answered" } ?? ""
        if !endOfInput || options.interactive, wouldLoseAnswers(), !warnedUnsaved {
            warnedUnsaved = true
            reply.exitCode = nil
            reply.say(
                renderer.note(
                    "This session is not saved (\(services.sessions?.memoryReason ?? "no store")). Keep a copy with "
                        + "/export markdown FILE, or /quit again to leave without it."))
            return reply
        }
        services.sessions?.flush()
        let kept = keptMessage()
        if !options.interactive && endOfInput {
            reply.warn(
                "coach: the input ended at step '\(renderer.safe(prompt.step.description))' of '\(session.playbook.id)' "
                    + "(\(renderer.safe(prompt.text))), with \(progress).\n")
            if let kept { reply.warn("coach: \(kept)\n") }
            reply.warn(Self.machineHint(playbookID: session.playbook.id))
            reply.exitCode = 1
            return reply
        }
        let where_ =
            "Leaving '\(renderer.safe(session.playbook.title))' unfinished at step '\(renderer.safe(prompt.step.description))' (\(progress))."
        let what =
            kept
            ?? "Your answers are not kept: this version does not save sessions yet. Start again with: coach run \(session.playbook.id)"
        if options.interactive {
            reply.say(renderer.note(where_ + " " + what))
        } else {
            reply.warn("coach: \(where_) \(what)\n")
        }
        return reply
    }

    /// How programs and files should drive Coach instead of piping lines.
    static func machineHint(playbookID: String?) -> String {
        let id = playbookID ?? "<id>"
        return "coach: for programs use `coach serve` (JSON lines on stdin/stdout); "
            + "to fill a playbook from a file use `coach run \(id) --answers FILE`.\n"
    }
}

extension String {
    /// The string without leading and trailing whitespace and newlines.
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}
