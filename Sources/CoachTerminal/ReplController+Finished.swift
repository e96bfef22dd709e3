import CoachCore
import Foundation

extension ReplController {
    /// A line typed once the playbook is finished: a suggested next playbook's number, or a command.
    mutating func finishedLine(_ line: String) -> ReplReply {
        let text = line.trimmingWhitespace()
        var reply = ReplReply()
        if !options.interactive, ReplCommand.parse(text) == nil {
            // Piped input that goes on after the last answer does not fit the playbook: say so, exit 1.
            reply.warn(
                "coach: the playbook was finished before line \(lineNumber) ('\(renderer.safe(String(text.prefix(40))))'); "
                    + "the input has more lines than questions. Only /commands (such as /save FILE) may follow the last answer.\n")
            reply.exitCode = 1
            return reply
        }
        let offers = turn?.handoffs ?? []
        if let number = Int(text) {
            guard number >= 1 && number <= offers.count else {
                reply.say(
                    renderer.refusal(offers.isEmpty ? "There is no numbered next step here." : "Type a number from 1 to \(offers.count)."))
                return reply
            }
            return startHandoff(offers[number - 1])
        }
        guard let command = ReplCommand.parse(text) else {
            if text.isEmpty || text == "?" {
                reply.say(nextActions())
            } else {
                reply.say(
                    renderer.refusal(
                        "This playbook is finished. Type a command from the list below, or /goto and a question's number to change an answer."
                    ))
                reply.say(nextActions())
            }
            return reply
        }
        switch command {
        case .help: reply.say(renderer.help(.finished))
        case .back: return send(.back)
        case .goto(let argument):
            return goto(argument)
        case .answers: reply.say(renderer.answers(answeredQuestions))
        case .preview, .show(nil):
            reply.say("\n" + renderer.outputs(turn?.outputs ?? []))
        case .show(let id?):
            guard let draft = draft(id, reply: &reply) else { return reply }
            reply.say("\n" + renderer.output(draft))
        case .save(let path):
            return save(to: path)
        case .copy(let id):
            return copy(id)
        case .export(let argument):
            return export(argument)
        case .new: return home()
        case .restart: return askRestart()
        case .quit: return leave(endOfInput: false)
        case .skip, .why, .editor:
            reply.say(renderer.refusal("Nothing is being asked now: the playbook is finished."))
        case .unknown(let name):
            reply.say(renderer.refusal(unknownCommand(name)))
        }
        return reply
    }

    func nextActions() -> String {
        renderer.nextActions(outputs: turn?.outputs ?? [], handoffs: turn?.handoffs ?? [], installed: { catalog.playbook($0) != nil })
    }

    /// The finished draft with `id` (or title), or nil after saying which drafts there are.
    func draft(_ id: String, reply: inout ReplReply) -> RenderedOutput? {
        let drafts = turn?.outputs ?? []
        let wanted = id.lowercased()
        if let found = drafts.first(where: { $0.id.lowercased() == wanted || $0.title.lowercased() == wanted }) {
            return found
        }
        let names = drafts.map(\.id).joined(separator: ", ")
        reply.say(renderer.refusal("There is no draft '\(id)'. The drafts are: \(names)."))
        return nil
    }

    /// Saves every draft to `path`: Markdown for `.md`/`.markdown`, plain text otherwise.
    mutating func save(to path: String?) -> ReplReply {
        var reply = ReplReply()
        guard let path, let session else {
            reply.say(renderer.refusal("Save where? For example: /save drafts.md (Markdown) or /save drafts.txt (text)."))
            return reply
        }
        let drafts = turn?.outputs ?? []
        let lower = path.lowercased()
        let markdown = lower.hasSuffix(".md") || lower.hasSuffix(".markdown")
        let text =
            markdown
            ? OutputFormatter.markdown(drafts, title: session.playbook.title) : OutputFormatter.text(drafts)
        let target = Self.expandTilde(path)
        do {
            try services.writeFile(target, text)
            let count = drafts.count
            let done = "Saved \(count) draft\(count == 1 ? "" : "s") to \(target) (\(markdown ? "Markdown" : "plain text"))."
            if options.interactive {
                reply.say(options.style.green("✓ " + renderer.safe(done)) + "\n")
            } else {
                reply.warn("coach: \(done)\n")
            }
        } catch {
            let message = "Could not save to \(target): \(error). Try another folder, for example /save ~/drafts.md."
            if options.interactive { reply.say(renderer.refusal(message)) } else { reply.warn("coach: \(message)\n") }
        }
        return reply
    }

    /// Puts one draft on the clipboard through the terminal (OSC 52).
    func copy(_ id: String?) -> ReplReply {
        var reply = ReplReply()
        let drafts = turn?.outputs ?? []
        guard options.interactive else {
            reply.warn("coach: /copy needs a terminal; use /save FILE instead.\n")
            return reply
        }
        let chosen: RenderedOutput
        if let id {
            guard let found = draft(id, reply: &reply) else { return reply }
            chosen = found
        } else if drafts.count == 1 {
            chosen = drafts[0]
        } else {
            reply.say(renderer.refusal("Copy which draft? /copy and one of: \(drafts.map(\.id).joined(separator: ", "))."))
            return reply
        }
        var text = chosen.fullText
        while let last = text.last, last.isWhitespace { text.removeLast() }
        reply.say(Clipboard.osc52(text + "\n"))
        reply.say(options.style.green("✓ Copied '\(renderer.safe(chosen.title))' to the clipboard.") + "\n")
        reply.say(renderer.note("It went through the terminal; if your terminal does not allow that, use /save."))
        return reply
    }

    /// Starts the playbook a hand-off names, pre-filled with what it carries over.
    mutating func startHandoff(_ offer: HandoffOffer) -> ReplReply {
        guard let playbook = catalog.playbook(offer.playbook) else {
            var reply = ReplReply()
            reply.say(renderer.refusal("The playbook '\(offer.playbook)' is not installed here."))
            return reply
        }
        let from = session?.playbook.title ?? "the last playbook"
        // The session service already put the account's name as it is filed now into the offer.
        return beginNew(playbook, prefill: offer.prefill, note: "from \(from)")
    }

    static func expandTilde(_ path: String) -> String {
        guard path == "~" || path.hasPrefix("~/") else { return path }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
        return home + path.dropFirst()
    }
}
