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
    /// Items typed so far, one a line, for a list answer; nil when no list is being collected.
    var items: [String]?
    /// Text to put in the next line: an answer that was refused (to fix), or text typed at an info screen.
    var carried: String?
    /// True when `carried` was typed at an info screen and ended there with Enter (not a refused answer).
    var carriedEnded = false
    /// Lines read so far, to say where piped input did not fit.
    var lineNumber = 0
    /// True once an answer of the current session was accepted in this run (a piped run that fails before
    /// that leaves no session behind).
    var answeredHere = false
    /// Events the session service has taken in this run (a refused one is not counted).
    var eventsTaken = 0
    /// True when the current session was started in this run (not resumed).
    var startedHere = false
    var saved: [SavedSessionSummary] = []
    /// The stored session's id, when the session service runs it.
    var sessionID: String?
    /// True once leaving was refused because the answers are only in memory (the next /quit leaves).
    var warnedUnsaved = false
    /// True once Ctrl-D was refused because lines or items typed for the current answer would go (the next leaves).
    var warnedTyped = false

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
        routed(starting(playbookID: playbookID, resume: resume))
    }

    mutating func starting(playbookID: String?, resume: String?) -> ReplReply {
        if let resume {
            var reply = resumeSaved(resume)
            if session == nil {
                reply.exitCode = 1
            }
            return reply
        }
        var reply = ReplReply()
        if options.interactive, let reason = services.sessions.storeProblem {
            reply.say(renderer.note(reason + " Coach goes on without saving: use /export before you quit."))
        }
        if let playbookID, let playbook = catalog.playbook(playbookID) {
            reply.append(beginNew(playbook))
            return reply
        }
        reply.append(home())
        return reply
    }

    /// What to read next: the prompt, the text already in the line, the default offered under Up and Tab, and what
    /// a pasted block becomes.
    public var request: LineRequest {
        switch screen {
        case .home:
            return LineRequest(prompt: "coach> ")
        case .finished:
            return LineRequest(prompt: "done> ")
        case .confirmRestart:
            return LineRequest(prompt: "start again? (y/n) ")
        case .asking:
            guard let prompt = turn?.prompt else { return LineRequest(prompt: "> ") }
            if let lines = multiline {
                // The continuation prompt is not the terminator: a line of only . ends the answer.
                return LineRequest(
                    prompt: lines.isEmpty ? "> " : "| ", text: carried, offer: lines.isEmpty ? prompt.default : nil, paste: .block)
            }
            if let items {
                return LineRequest(prompt: "\(items.count + 1)> ", text: carried, paste: .join("; "))
            }
            if prompt.kind == .info { return LineRequest(prompt: "> ", text: carried, textEnded: carriedEnded) }
            // The line starts empty (Enter keeps the default); Up or Tab put the default in the line to edit.
            let separator = prompt.kind == .list ? "; " : prompt.kind == .multichoice ? ", " : " "
            return LineRequest(
                prompt: "> ", text: carried, offer: prompt.default, paste: .join(separator), textEnded: carriedEnded)
        }
    }

    /// Whether an answer of this kind is picked from a short list (choices, yes/no) rather than written.
    static func picksFromChoices(_ kind: InputKind) -> Bool {
        kind == .choice || kind == .multichoice || kind == .yesno
    }

    /// Handles one result of reading a line.
    public mutating func handle(_ input: LineInput) -> ReplReply {
        routed(handleInput(input))
    }

    /// In piped mode stdout carries the drafts and documents only: every other text goes to stderr.
    func routed(_ reply: ReplReply) -> ReplReply {
        guard !options.interactive else { return reply }
        var routed = reply
        routed.errors = reply.output + reply.errors
        routed.output = reply.documents
        routed.documents = ""
        return routed
    }

    mutating func handleInput(_ input: LineInput) -> ReplReply {
        // Text carried into the line was part of what was just read.
        let inLine = carried
        carried = nil
        carriedEnded = false
        var input = input
        if case .line(let line) = input, let inLine, !inLine.isEmpty, line.hasPrefix(inLine),
            isCommandOrHelp(String(line.dropFirst(inLine.count)))
        {
            // `?` or a /command typed after the text Coach put in the line is that command, not part of an answer.
            input = .line(String(line.dropFirst(inLine.count)))
        }
        if input != .endOfInput { warnedTyped = false }
        switch input {
        case .interrupted: return interrupted()
        case .endOfInput: return leave(endOfInput: true)
        case .paste(let block):
            guard screen == .asking else { return handle(.line(LineRequest.joined(block, separator: " "))) }
            return askingPaste(block)
        case .line(let line):
            lineNumber += 1
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
        items = nil
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
                return homeRefusal("Type a number from 1 to \(entries.count), or a playbook id.")
            }
            return beginNew(id: entries[number - 1].id)
        }
        if text.lowercased().hasPrefix("s"), let number = Int(text.dropFirst()), number >= 1, number <= saved.count {
            return resumeSaved(saved[number - 1].id)
        }
        if text.hasPrefix("s-") {
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
        return homeRefusal(message + "Type \(entries.count == 1 ? "1" : "a number from 1 to \(entries.count)"), or an id.")
    }

    /// A line that picks no playbook. From a pipe the run ends there: the lines after it are answers, and one of
    /// them that happened to be a number would start a playbook and answer its questions with the wrong lines.
    func homeRefusal(_ message: String) -> ReplReply {
        var reply = ReplReply()
        guard !options.interactive else {
            reply.say(renderer.refusal(message))
            return reply
        }
        reply.warn("coach: line \(lineNumber): \(renderer.safe(message))\n")
        reply.warn("coach: stopped there and read no further: fix line \(lineNumber) so it names a playbook, and run again.\n")
        reply.exitCode = 1
        return reply
    }

    /// Starts `session` and shows `turn`, its first question as the session service returned it.
    mutating func begin(_ session: Session, turn: Turn, notices: [String] = []) -> ReplReply {
        self.session = session
        warnedUnsaved = false
        answeredHere = false
        var reply = ReplReply()
        if options.interactive { reply.say(renderer.start(session.playbook)) }
        for notice in notices {
            if options.interactive { reply.say(renderer.note(notice)) } else { reply.warn("coach: \(notice)\n") }
        }
        reply.append(present(turn))
        return reply
    }

    // MARK: - Turns

    /// Shows what the engine returned: the next question, an invalid answer, or the finished drafts.
    mutating func present(_ next: Turn) -> ReplReply {
        var reply = ReplReply()
        let asked = turn?.prompt
        turn = next
        multiline = nil
        items = nil
        if let accepted = next.accepted {
            let echo = "→ " + renderer.safe(accepted.display)
            if options.interactive {
                reply.say(renderer.style.dim("  " + echo) + "\n")
            } else {
                // Named as refusals are: by the line read and the words of its question, never the step id.
                let question = asked.flatMap { $0.step == accepted.step ? " (\(renderer.safe($0.text)))" : nil } ?? ""
                reply.warn("coach: line \(lineNumber)\(question) \(echo)\n")
            }
        }
        if let notice = next.notice {
            if options.interactive { reply.say(renderer.note(notice)) } else { reply.warn("coach: \(notice)\n") }
        }
        switch next {
        case .asking(let prompt, let invalid, _, _, _):
            screen = .asking
            let isMultiline = prompt.kind == .multiline
            if isMultiline { multiline = [] }
            if !options.interactive {
                if let invalid {
                    // Reading on would put the next line on this question and every later one a question too early.
                    reply.append(stopAtRefusal(invalid.message, question: prompt))
                    return reply
                }
                if prompt.kind == .info {
                    // Info screens ask nothing; piped input goes straight on.
                    reply.append(send(.answer(.text(""), step: prompt.step)))
                }
                return reply
            }
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
                reply.document(OutputFormatter.text(outputs))
            }
        case .cancelled:
            return home()
        }
        return reply
    }

    /// Sends `event` through the session service and shows the result; a refusal is shown with the question again.
    /// An answer that is refused comes back in the line to fix.
    mutating func send(_ event: Event) -> ReplReply {
        guard session != nil, let sessionID else { return home() }
        let asked = turn?.prompt
        let reply = sendThroughService(event, service: services.sessions, id: sessionID)
        if case .answer(let input, _) = event, asked?.kind.asks == true {
            if turn?.invalid != nil {
                let text = input.text
                if options.interactive, !text.contains("\n"), text.contains(where: { !$0.isWhitespace }) { carried = text }
            } else {
                answeredHere = true
            }
        }
        return reply
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
            // A command alone on a line works inside the block too; the lines typed so far stay.
            if isCommandOrHelp(line) { return askingCommand(line, prompt: prompt) }
            if line.trimmingWhitespace() == "." || (lines.isEmpty && line.trimmingWhitespace().isEmpty) {
                // A . (or Enter on the first line) ends the block; with no lines, it keeps the current answer.
                return send(.answer(.text(lines.joined(separator: "\n")), step: prompt.step))
            }
            lines.append(Self.unescaped(line))
            multiline = lines
            return ReplReply()
        }
        if var collected = items {
            if isCommandOrHelp(line) { return askingCommand(line, prompt: prompt) }
            let text = line.trimmingWhitespace()
            if text.isEmpty { return send(.answer(.items(collected), step: prompt.step)) }
            collected += Self.unescaped(text).split(separator: ";").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            items = collected
            return ReplReply()
        }
        if isCommandOrHelp(line) { return askingCommand(line, prompt: prompt) }
        let text = Self.unescaped(line)
        if prompt.kind == .info, text.contains(where: { !$0.isWhitespace }) {
            // Nothing is asked here: the text is kept in the line for the next question instead of being lost.
            var reply = ReplReply()
            reply.say(renderer.note("This screen takes no answer, so your text is kept in the line for the next question."))
            reply.append(send(.answer(.text(""), step: prompt.step)))
            if screen == .asking {
                carried = text
                carriedEnded = true
            }
            return reply
        }
        if prompt.kind == .list, !text.contains(";"), text.contains(where: { !$0.isWhitespace }) {
            // One item per line until an empty line (or all on one line with ;).
            items = [text.trimmingWhitespace()]
            var reply = ReplReply()
            if options.interactive {
                reply.say(renderer.note("Item 1 kept. Type the next item, or press Enter on an empty line to finish."))
            }
            return reply
        }
        return send(.answer(.text(text), step: prompt.step))
    }

    /// A block pasted at once: one answer, never a line per question. In a multi-line answer its lines join the
    /// block as text (a . or a /command inside it is text too); anywhere else it was joined into the line.
    mutating func askingPaste(_ block: String) -> ReplReply {
        guard let prompt = turn?.prompt else { return home() }
        guard var lines = multiline else {
            let separator = items != nil || prompt.kind == .list ? "; " : " "
            return askingLine(LineRequest.joined(block, separator: separator))
        }
        let pasted = block.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines += pasted
        multiline = lines
        var reply = ReplReply()
        if options.interactive {
            // Show what arrived, as the block's lines.
            for line in pasted { reply.say("| " + renderer.safe(line) + "\n") }
        }
        reply.say(
            renderer.note(
                "Pasted \(Self.plural(pasted.count, "line")) into the answer (a . or /command in a paste is text). "
                    + "Type more, or finish with a line containing only ."))
        return reply
    }

    /// `//text` is the escape for an answer that starts with `/`: the text without its first slash.
    static func unescaped(_ line: String) -> String {
        let trimmed = line.trimmingWhitespace()
        return trimmed.hasPrefix("//") ? String(trimmed.dropFirst()) : line
    }

    /// `count` and `noun`, with an s when it is not 1: "1 line", "3 lines".
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
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
            let typed = typedSoFar
            let taken = eventsTaken
            let result = send(.back)  // first: noteDropped must see the turn after it
            return stillHere(text, after: noteDropped(typed, after: result), taken: taken, from: prompt)
        case .goto(let argument):
            let typed = typedSoFar
            let taken = eventsTaken
            let result = goto(argument)
            return stillHere(text, after: noteDropped(typed, after: result), taken: taken, from: prompt)
        case .skip:
            let typed = typedSoFar
            let taken = eventsTaken
            let result = send(.skip(step: prompt.step))
            return stillHere(text, after: noteDropped(typed, after: result), taken: taken, from: prompt)
        case .answers:
            reply.say(renderer.answers(answeredQuestions))
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

    /// `result` of `/back`, `/goto` or `/skip`, when `taken` events had been taken before it; from a pipe, one that
    /// was refused (no event taken) ends the run, since the next line was meant for another question and would
    /// answer this one.
    mutating func stillHere(_ command: String, after result: ReplReply, taken: Int, from prompt: Prompt) -> ReplReply {
        guard !options.interactive, result.exitCode == nil, screen == .asking, eventsTaken == taken else { return result }
        var reply = result
        reply.append(
            stopAtRefusal("\(command) was refused, so the next line would answer this question instead of the one meant", question: prompt))
        return reply
    }

    /// The lines or items typed so far for the current answer, and the question they are for.
    var typedSoFar: (count: Int, noun: String, step: StepKey?) {
        (multiline?.count ?? items?.count ?? 0, multiline != nil ? "line" : "item", turn?.prompt?.step)
    }

    /// `result` of a command that may have left the question, saying so when lines or items typed for it went.
    func noteDropped(_ typed: (count: Int, noun: String, step: StepKey?), after result: ReplReply) -> ReplReply {
        guard typed.count > 0, turn?.prompt?.step != typed.step || screen != .asking else { return result }
        var reply = ReplReply()
        reply.say(renderer.note("Left out the \(Self.plural(typed.count, typed.noun)) typed for that answer."))
        reply.append(result)
        return reply
    }

    func preview() -> String {
        guard let session else { return "" }
        let drafts = session.preview()
        var out = "\n" + options.style.bold("Drafts so far") + "\n"
        out += options.style.dim(renderer.wrapped("Values still to come show as [missing: ...].")) + "\n\n"
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
            reply.say(
                renderer.note(
                    "Cleared that line; \(lines.count == 1 ? "the line above is" : "the \(lines.count) lines above are") kept. "
                        + "Finish with a line containing only ."))
            return reply
        }
        if let items, !items.isEmpty {
            reply.say(
                renderer.note(
                    "Cleared that line; \(items.count == 1 ? "the item above is" : "the \(items.count) items above are") kept. "
                        + "Press Enter on an empty line to finish the list."))
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
        let typed = typedSoFar
        if endOfInput, options.interactive, typed.count > 0, !warnedTyped {
            // Ctrl-D in the middle of a block or a list would drop what was typed for it: say so once.
            warnedTyped = true
            reply.exitCode = nil
            let finish = multiline != nil ? "finish it with a line containing only ." : "finish the list with an empty line"
            let these = typed.count == 1 ? "it" : "them"
            let are = typed.count == 1 ? "is" : "are"
            reply.say(
                renderer.note(
                    "The \(Self.plural(typed.count, typed.noun)) typed for this answer \(are) not saved yet: \(finish), "
                        + "or press Ctrl-D again to leave without \(these)."))
            return reply
        }
        if !endOfInput || options.interactive, wouldLoseAnswers(), !warnedUnsaved {
            warnedUnsaved = true
            reply.exitCode = nil
            reply.say(
                renderer.note(
                    "\(services.sessions.memoryReason ?? "This session is not saved.") Keep a copy with "
                        + "/export markdown FILE, or /quit again to leave without it."))
            return reply
        }
        let question = "'\(renderer.safe(prompt.text))'"
        if !options.interactive && endOfInput {
            if let lines = multiline, !lines.isEmpty {
                reply.warn(
                    "coach: the input ended inside the multi-line answer to \(question) (\(Self.plural(lines.count, "line")) so far): "
                        + "end it with a line containing only .\n")
            } else if let items, !items.isEmpty {
                reply.warn(
                    "coach: the input ended inside the list for \(question) (\(Self.plural(items.count, "item")) so far): "
                        + "end it with an empty line.\n")
            } else {
                // Before any answer of this run the progress would only count info screens: leave it out.
                let with = startedHere && !answeredHere ? "" : ", with \(progress)"
                reply.warn(
                    "coach: the input ended at the question \(question) (step \(renderer.safe(prompt.step.description))) of "
                        + "'\(session.playbook.id)'\(with).\n")
            }
            if startedHere && !answeredHere, let sessionID, (try? services.sessions.delete(sessionID)) != nil {
                // Nothing was answered: a session with no answers is not worth keeping.
                self.sessionID = nil
                reply.warn("coach: nothing was answered, so no session was saved.\n")
            } else {
                services.sessions.flush()
                if let kept = keptMessage() { reply.warn("coach: \(kept)\n") }
            }
            reply.warn(Self.machineHint(playbookID: session.playbook.id))
            reply.exitCode = 1
            return reply
        }
        if !options.interactive, startedHere, !answeredHere, let sessionID, (try? services.sessions.delete(sessionID)) != nil {
            // Piped input that leaves before its first answer keeps nothing, as when it ends there.
            self.sessionID = nil
            reply.warn("coach: left '\(session.playbook.id)' before any answer, so no session was saved.\n")
            return reply
        }
        services.sessions.flush()
        let where_ = "Leaving '\(renderer.safe(session.playbook.title))' unfinished at \(question) (\(progress))."
        let what = keptMessage() ?? ""
        if options.interactive {
            reply.say(renderer.note(where_ + " " + what))
        } else {
            reply.warn("coach: \(where_) \(what)\n")
        }
        return reply
    }

    /// Piped input stops at its first refused line, so no later line can answer the wrong question: says why and
    /// what to do, keeps the answers before that line (none kept is said too), and ends with exit 1.
    mutating func stopAtRefusal(_ reason: String, question prompt: Prompt) -> ReplReply {
        var reply = ReplReply()
        reply.exitCode = 1
        reply.warn("coach: line \(lineNumber) (\(renderer.safe(prompt.text))): \(renderer.safe(reason))\n")
        let fix = "fix line \(lineNumber) and run again"
        let service = services.sessions
        guard let sessionID, service.isDurable else {
            let reason = service.memoryReason.map { " " + $0 } ?? ""
            reply.warn("coach: stopped there and read no further, and nothing was saved.\(reason) Fix line \(lineNumber) and run again.\n")
            return reply
        }
        if startedHere && !answeredHere, (try? service.delete(sessionID)) != nil {
            self.sessionID = nil
            reply.warn("coach: stopped there and read no further; nothing was answered, so no session was saved: \(fix).\n")
            return reply
        }
        service.flush()
        let count = session?.answeredSteps().count ?? 0
        reply.warn(
            "coach: stopped there and read no further. The session is saved with the \(Self.plural(count, "answer")) before "
                + "that line: \(fix), or carry on from that question with `coach sessions resume \(sessionID)`.\n")
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
