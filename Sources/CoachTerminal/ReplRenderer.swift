import CoachCore

/// Turns engine values (turns, outputs, answers) into screen text. Pure: no I/O, no state.
struct ReplRenderer {
    var style: TerminalText.Style
    /// Terminal columns to wrap to.
    var columns: Int

    /// `text` from a user or a playbook, made safe to print: no control character reaches the terminal.
    func safe(_ text: String) -> String {
        TerminalText.neutralize(text)
    }

    /// Wraps `text` (playbook or engine text, whose own line breaks are kept) to the terminal, indented.
    func wrapped(_ text: String, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = TerminalText.neutralize(text, keepNewlines: true)
        while let last = text.last, last.isWhitespace { text.removeLast() }
        return TerminalText.wrap(text, width: max(20, columns - 1 - indent))
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { pad + $0 }
            .joined(separator: "\n")
    }

    /// A one-line view of an answer: its first line, with a count of the lines left out.
    func oneLine(_ text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > 1 else { return safe(text) }
        return safe(String(lines[0])) + " (+\(lines.count - 1) more line\(lines.count == 2 ? "" : "s"))"
    }

    // MARK: - Home

    /// The home screen: saved sessions, then the playbooks numbered, then how to pick.
    func home(_ entries: [PlaybookCatalog.Summary], saved: [SavedSessionSummary]) -> String {
        var out = "\n" + style.bold("Coach") + ": guided playbooks for account managers.\n"
        if !saved.isEmpty {
            out += "\nCarry on where you stopped:\n"
            for (index, session) in saved.enumerated() {
                out += "  s\(index + 1)  \(safe(session.label))\n"
            }
        }
        out += "\nPlaybooks:\n"
        let idWidth = entries.map { $0.id.count }.max() ?? 0
        let numberWidth = String(entries.count).count
        let minutesWidth = entries.compactMap { $0.minutes.map { "~\($0) min".count } }.max() ?? 0
        for (index, p) in entries.enumerated() {
            let number = pad(String(index + 1), to: numberWidth, left: true)
            let id = pad(safe(p.id), to: idWidth)
            let minutes = minutesWidth == 0 ? "" : pad(p.minutes.map { "~\($0) min" } ?? "", to: minutesWidth) + "  "
            let indent = 2 + numberWidth + 2 + idWidth + 2 + minutes.count
            let summary = TerminalText.wrap(safe(p.summary), width: max(20, columns - 1 - indent))
                .split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + String(repeating: " ", count: indent))
            out += "  \(number). \(style.bold(id))  \(style.dim(minutes))\(summary)\n"
        }
        let range = entries.count == 1 ? "1" : "1-\(entries.count)"
        out += "\nType a number (\(range)) or an id to start (Tab completes); /help for commands, /quit to leave.\n"
        return out
    }

    // MARK: - Questions

    /// The title line when a playbook starts.
    func start(_ playbook: Playbook) -> String {
        var line = style.bold(safe(playbook.title))
        if let minutes = playbook.minutes { line += style.dim(" (about \(minutes) min)") }
        var out = "\n" + line + "\n"
        if let when = playbook.useWhen { out += wrapped(when, indent: 0) + "\n" }
        out += style.dim("Change any answer later with /goto; /help lists every command.") + "\n"
        return out
    }

    /// The question block: progress, question, help, tips, choices, default, and the keys that help.
    func question(_ turn: Turn, compact: Bool = false, multiline: Bool = false) -> String {
        guard let prompt = turn.prompt else { return "" }
        var head = "[\(turn.progress.position)/\(turn.progress.total)] "
        if let group = prompt.group, !prompt.step.isMore {
            head += "\(capitalized(group.itemName)) \(group.item): "
        }
        var text = prompt.text
        if prompt.kind == .yesno { text += " (y/n)" }
        var out = compact ? "" : "\n"
        out += style.bold(wrapped(head + text)) + "\n"
        if !compact {
            if let help = prompt.help { out += style.dim(wrapped(help, indent: 2)) + "\n" }
            for tip in prompt.tips { out += style.dim(wrapped("Tip: " + tip, indent: 2)) + "\n" }
        }
        if let choices = prompt.choices {
            let width = String(choices.count).count
            for (index, choice) in choices.enumerated() {
                let number = String(repeating: " ", count: width - String(index + 1).count) + "\(index + 1)"
                let extra = choice.label == choice.value ? "" : style.dim(" (\(safe(choice.value)))")
                out += "  \(number). \(safe(choice.label))\(extra)\n"
            }
        }
        out += kindHint(prompt, multiline: multiline)
        if !compact { out += footer(prompt, turn: turn) }
        return out
    }

    private func kindHint(_ prompt: Prompt, multiline: Bool) -> String {
        var lines: [String] = []
        switch prompt.kind {
        case .multichoice: lines.append("Pick one or more: numbers or names, separated by commas.")
        case .list: lines.append("Separate items with ; (semicolons).")
        default: break
        }
        if multiline {
            lines.append("Type as many lines as you need; finish with a line containing only . (or /editor).")
        }
        if let value = prompt.default, !value.isEmpty {
            let note = prompt.defaultNote.map { " (\(safe($0)))" } ?? ""
            let keeps = prompt.revisiting ? "Current answer" : "Default"
            if multiline {
                lines.append("\(keeps): \(oneLine(value))\(note); a . on its own keeps it.")
            } else if ReplController.picksFromChoices(prompt.kind) {
                lines.append("\(keeps): \(safe(value))\(note). Press Enter to keep it, or type your pick.")
            } else {
                // The value is in the line already: typing adds to it, so say how to start afresh.
                lines.append("\(keeps): \(safe(value))\(note). Press Enter to keep it, edit it, or Ctrl-U to clear the line.")
            }
        } else if !prompt.required && prompt.kind.asks {
            lines.append("Optional: press Enter or type /skip to leave it out.")
        } else if prompt.kind == .info {
            lines.append("Press Enter to go on.")
        }
        return lines.map { style.dim(wrapped($0, indent: 2)) + "\n" }.joined()
    }

    private func footer(_ prompt: Prompt, turn: Turn) -> String {
        var keys: [String] = []
        if prompt.kind.asks { keys.append("? example") }
        if prompt.why != nil { keys.append("/why") }
        if turn.progress.position > 1 { keys.append("/back") }
        if !prompt.required && prompt.kind.asks { keys.append("/skip") }
        keys.append("/help")
        return style.dim("  " + keys.joined(separator: " · ")) + "\n"
    }

    /// Why the last answer was refused, and from the third miss an example.
    func invalid(_ invalid: Invalid) -> String {
        var out = style.red("✗ " + safe(invalid.message)) + "\n"
        if let example = invalid.example {
            out += "  For example: \(safe(example))\n"
        }
        return out
    }

    /// A refused command, in red.
    func refusal(_ message: String) -> String {
        style.red("✗ " + safe(message)) + "\n"
    }

    /// A short note in dim text.
    func note(_ message: String) -> String {
        style.dim(wrapped(message)) + "\n"
    }

    /// Example answers for `prompt`.
    func examples(_ prompt: Prompt) -> String {
        guard !prompt.examples.isEmpty else {
            if let choices = prompt.choices, let first = choices.first {
                return "For example: 1 (for \(safe(first.label)))\n"
            }
            return "No example for this one: answer in your own words.\n"
        }
        return "For example: " + prompt.examples.map { safe($0) }.joined(separator: ", or ") + "\n"
    }

    /// Why the question is asked.
    func why(_ prompt: Prompt) -> String {
        guard let why = prompt.why else { return "This playbook does not say why it asks this one.\n" }
        return wrapped("Why we ask: " + why) + "\n"
    }

    // MARK: - Lists

    /// Every answer so far with its step id, to pick one for `/goto`.
    func answers(_ answers: [(key: StepKey, question: String, answer: String)]) -> String {
        guard !answers.isEmpty else { return "No answers yet.\n" }
        let width = min(24, answers.map { $0.key.description.count }.max() ?? 0)
        var out = "\nYour answers so far:\n"
        for item in answers {
            let text = item.key.description
            let key = safe(text) + String(repeating: " ", count: max(0, width - text.count))
            out += "  \(style.bold(key))  \(oneLine(item.answer))\n"
        }
        out += style.dim("Change one with /goto <step>.") + "\n"
        return out
    }

    /// The commands usable at `place`.
    func help(_ place: ReplCommand.Place) -> String {
        let commands = ReplCommand.available(in: place)
        let names = commands.map { $0.name + ($0.argument.map { " " + $0 } ?? "") }
        let width = names.map(\.count).max() ?? 0
        var out = "\nCommands (Tab completes them):\n"
        for (name, info) in zip(names, commands) {
            out += "  \(name)\(String(repeating: " ", count: width - name.count))  \(info.summary)\n"
        }
        switch place {
        case .home:
            out += "Type a playbook's number or id to start it.\n"
        case .asking:
            out += "  ?\(String(repeating: " ", count: max(0, width - 1)))  show an example answer\n"
            out += "Enter accepts the default shown in the line. To answer with text that starts with /, type // first.\n"
            out += "Ctrl-C clears the line; Ctrl-D on an empty line leaves.\n"
        case .finished:
            out += "Type the number of a suggested next playbook to start it.\n"
        }
        return out
    }

    // MARK: - Drafts

    /// Drafts with a heading each, wrapped to the terminal; the drafts' own line breaks are kept.
    func outputs(_ outputs: [RenderedOutput]) -> String {
        outputs.map(output).joined(separator: "\n")
    }

    /// One draft with its heading.
    func output(_ output: RenderedOutput) -> String {
        var out = style.bold("== \(safe(output.title)) ==") + style.dim("  (\(output.id))") + "\n"
        var text = output.fullText
        while let last = text.last, last.isWhitespace { text.removeLast() }
        out += TerminalText.wrap(TerminalText.neutralize(text, keepNewlines: true, keepTabs: true), width: max(20, columns - 1))
        out += "\n"
        let notes = OutputFormatter.reviewNotes(output)
        if !notes.isEmpty {
            out += style.dim(TerminalText.wrap(TerminalText.neutralize(notes, keepNewlines: true), width: max(20, columns - 1)))
        }
        return out
    }

    /// The screen when a playbook is finished: a done line, every draft, then the next actions.
    func finished(_ turn: Turn, playbook: Playbook, installed: (String) -> Bool) -> String {
        var out = "\n" + style.green("✓ Done: \(safe(playbook.title))") + "\n\n"
        let drafts = turn.outputs ?? []
        out += outputs(drafts)
        out += nextActions(outputs: drafts, handoffs: turn.handoffs ?? [], installed: installed)
        return out
    }

    /// What the user can do once a playbook is finished.
    func nextActions(outputs drafts: [RenderedOutput], handoffs: [HandoffOffer], installed: (String) -> Bool) -> String {
        var out = "\n" + style.bold("Next:") + "\n"
        for (index, offer) in handoffs.enumerated() {
            let missing = installed(offer.playbook) ? "" : style.dim(" (not installed here)")
            out += "  \(index + 1). \(safe(offer.label)): start \(safe(offer.playbook))\(missing)\n"
        }
        let ids = drafts.map(\.id)
        let first = ids.first ?? "<draft>"
        var rows: [(String, String)] = [
            ("/save drafts.md", "save every draft (.md for Markdown, any other name for text)"),
            ("/copy \(first)", "copy a draft to the clipboard" + (ids.count > 1 ? " (drafts: \(ids.joined(separator: ", ")))" : "")),
            ("/show <draft>", "show one draft again"),
            ("/goto <step>", "change an answer; the drafts are written again"),
            ("/new", "pick another playbook"),
            ("/quit", "leave"),
        ]
        rows = rows.map { (safe($0.0), $0.1) }
        let width = rows.map { $0.0.count }.max() ?? 0
        for (command, summary) in rows {
            out += "  \(command)\(String(repeating: " ", count: width - command.count))  \(style.dim(summary))\n"
        }
        return out
    }

    private func pad(_ text: String, to width: Int, left: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - TerminalText.displayWidth(text)))
        return left ? fill + text : text + fill
    }

    private func capitalized(_ word: String) -> String {
        guard let first = word.first else { return word }
        return safe(first.uppercased() + word.dropFirst())
    }
}
