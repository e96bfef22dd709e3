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

    /// Wraps `text` (playbook or engine text) to the terminal, indented. Its paragraphs are reflowed: a single line
    /// break from the YAML file becomes a space; blank lines, list items and indented lines keep their breaks.
    func wrapped(_ text: String, indent: Int = 0) -> String {
        let pad = String(repeating: " ", count: indent)
        var text = TerminalText.neutralize(TerminalText.reflow(text), keepNewlines: true)
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

    /// The default as the user knows it: a choice's label rather than its internal value.
    func shownDefault(_ prompt: Prompt) -> String? {
        guard let value = prompt.default, !value.isEmpty else { return nil }
        guard let choices = prompt.choices, !choices.isEmpty else { return value }
        let picked = prompt.kind == .multichoice ? value.split(separator: ",").map { String($0).trimmingWhitespace() } : [value]
        return picked.map { item in choices.first { $0.value == item }?.label ?? item }.joined(separator: ", ")
    }

    /// Whether a choice's value is worth showing beside its label (not when the label already says it).
    static func showsValue(_ choice: Choice) -> Bool {
        func plain(_ text: String) -> String {
            String(text.lowercased().map { $0 == "_" || $0 == "-" ? " " : $0 })
        }
        return !plain(choice.label).hasPrefix(plain(choice.value))
    }

    // MARK: - Home

    /// The home screen: saved sessions, then the playbooks numbered, then how to pick. It fits a 24-line terminal:
    /// each summary is cut to one line (at a word, with …), beside the id when there is room, else under it, else
    /// left out when saved sessions need the lines.
    func home(_ entries: [PlaybookCatalog.Summary], saved: [SavedSessionSummary]) -> String {
        let width = max(20, columns - 1)
        var out = "\n" + style.bold("Coach") + ": guided playbooks for account managers.\n"
        if !saved.isEmpty {
            out += "\nCarry on where you stopped:\n"
            for (index, session) in saved.enumerated() {
                let number = "  s\(index + 1)  "
                out += number + truncated(safe(session.label), width: width - number.count) + "\n"
            }
        }
        out += "\nPlaybooks:\n"
        let idWidth = entries.map { TerminalText.displayWidth(safe($0.id)) }.max() ?? 0
        let numberWidth = String(entries.count).count
        let minutesWidth = entries.compactMap { $0.minutes.map { "~\($0) min".count } }.max() ?? 0
        let headWidth = 2 + numberWidth + 2 + idWidth + (minutesWidth == 0 ? 0 : 2 + minutesWidth)
        let besideWidth = width - headWidth - 2
        let linesUsed = 6 + (saved.isEmpty ? 0 : 2 + saved.count)
        let layout: Int
        if besideWidth >= 30 {
            layout = 1
        } else if linesUsed + 2 * entries.count <= 23 {
            layout = 2
        } else {
            layout = 0
        }
        for (index, p) in entries.enumerated() {
            let number = pad(String(index + 1), to: numberWidth, left: true)
            let id = pad(safe(p.id), to: idWidth)
            let shownMinutes = p.minutes.map { "~\($0) min" } ?? ""
            let minutes = minutesWidth == 0 ? "" : "  " + (layout == 1 ? pad(shownMinutes, to: minutesWidth) : shownMinutes)
            let shownID = layout == 1 ? id : safe(p.id)
            var line = "  \(number). \(style.bold(shownID))\(style.dim(minutes))"
            switch layout {
            case 1: line += "  " + truncated(safe(TerminalText.reflow(p.summary)), width: besideWidth)
            case 2:
                line +=
                    "\n" + String(repeating: " ", count: 4 + numberWidth)
                    + truncated(safe(TerminalText.reflow(p.summary)), width: width - 4 - numberWidth)
            default: break
            }
            out += line + "\n"
        }
        let range = entries.count == 1 ? "1" : "1-\(entries.count)"
        out += "\n" + wrapped("Type a number (\(range)) or an id (Tab completes); /help for commands.") + "\n"
        return out
    }

    /// `text` on one line of at most `width` columns, cut at a word with … when it is longer.
    func truncated(_ text: String, width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ")
        guard TerminalText.displayWidth(flat) > width, width > 1 else { return flat }
        var out = ""
        var used = 0
        for word in flat.split(separator: " ") {
            let next = TerminalText.displayWidth(String(word)) + (out.isEmpty ? 0 : 1)
            if used + next > width - 1 { break }
            out += (out.isEmpty ? "" : " ") + word
            used += next
        }
        if out.isEmpty { out = String(flat.prefix(width - 1)) }
        while let last = out.last, last == "," || last == ";" || last == ":" { out.removeLast() }
        return out + "…"
    }

    // MARK: - Questions

    /// The title line when a playbook starts.
    func start(_ playbook: Playbook) -> String {
        var line = style.bold(safe(playbook.title))
        if let minutes = playbook.minutes { line += style.dim(" (about \(minutes) min)") }
        var out = "\n" + line + "\n"
        if let when = playbook.useWhen { out += wrapped(when, indent: 0) + "\n" }
        out += style.dim(wrapped("Change any answer later with /goto; /help lists every command.")) + "\n"
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
                let extra = Self.showsValue(choice) ? style.dim(" (\(safe(choice.value)))") : ""
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
        case .list: lines.append("One item per line, then Enter on an empty line to finish (or all on one line, separated by ;).")
        default: break
        }
        if multiline {
            lines.append("Type as many lines as you need; finish with a line containing only . (or /editor).")
        }
        var shownValue: String?
        if let value = shownDefault(prompt) {
            let note = prompt.defaultNote.map { " (\(safe($0)))" } ?? ""
            let keeps = prompt.revisiting ? "Current answer" : "Default"
            if multiline && value.contains("\n") {
                lines.append("\(keeps)\(note), kept if you press Enter now; type new lines to replace it:")
                shownValue = value
            } else if multiline {
                lines.append("\(keeps): \(safe(value))\(note). Enter keeps it; Up puts it in the line to edit.")
            } else {
                lines.append("\(keeps): \(safe(value))\(note). Enter keeps it; Up or Tab puts it in the line to edit.")
            }
        } else if !prompt.required && prompt.kind.asks {
            lines.append("Optional: press Enter or type /skip to leave it out.")
        } else if prompt.kind == .info {
            lines.append("Press Enter to go on.")
        }
        var out = lines.map { style.dim(wrapped($0, indent: 2)) + "\n" }.joined()
        if let shownValue {
            // The whole answer, as it stands, line by line.
            let body = TerminalText.wrap(TerminalText.neutralize(shownValue, keepNewlines: true), width: max(20, columns - 5))
            out += body.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 + "\n" }.joined()
        }
        return out
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
        var out = style.red(hanging("✗ ", invalid.message)) + "\n"
        if let example = invalid.example {
            out += hanging("  For example: ", example) + "\n"
        }
        return out
    }

    /// A refused command, in red.
    func refusal(_ message: String) -> String {
        style.red(hanging("✗ ", message)) + "\n"
    }

    /// `text` after `lead`, wrapped to the terminal with its other lines indented under the text, so that no word
    /// is split at the edge; its own line breaks are kept.
    func hanging(_ lead: String, _ text: String) -> String {
        let indent = TerminalText.displayWidth(lead)
        var body = TerminalText.neutralize(text, keepNewlines: true)
        while let last = body.last, last.isWhitespace { body.removeLast() }
        let pad = String(repeating: " ", count: indent)
        return TerminalText.wrap(body, width: max(20, columns - 1 - indent))
            .split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
            .map { ($0.offset == 0 ? lead : pad) + $0.element }
            .joined(separator: "\n")
    }

    /// A short note in dim text.
    func note(_ message: String) -> String {
        style.dim(wrapped(message)) + "\n"
    }

    /// Example answers for `prompt`.
    func examples(_ prompt: Prompt) -> String {
        guard !prompt.examples.isEmpty else {
            if prompt.kind == .yesno { return "Answer yes or no (y or n).\n" }
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

    /// Every answer so far, numbered, with the words of its question, to pick one for `/goto`.
    func answers(_ answers: [(key: StepKey, question: String, answer: String)]) -> String {
        guard !answers.isEmpty else { return "No answers yet.\n" }
        var out = "\nYour answers so far:\n"
        out += numbered(answers.map { $0.question + " — " + oneLine($0.answer) }, numbers: Array(1...answers.count))
        out += style.dim(wrapped("Change one with /goto and its number (or words from its question).")) + "\n"
        return out
    }

    /// Questions numbered as `/answers` numbers them, for `/goto`.
    func numberedQuestions(_ questions: [String], numbers: [Int]) -> String {
        numbered(questions, numbers: numbers)
    }

    /// Lines numbered `  1. text`, wrapped with the continuation under the text.
    private func numbered(_ items: [String], numbers: [Int]) -> String {
        let width = String(numbers.max() ?? 1).count
        var out = ""
        for (number, item) in zip(numbers, items) {
            let label = pad(String(number), to: width, left: true)
            let indent = 2 + width + 2
            let body = TerminalText.wrap(TerminalText.neutralize(TerminalText.reflow(item)), width: max(20, columns - 1 - indent))
                .split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + String(repeating: " ", count: indent))
            out += "  \(label). \(body)\n"
        }
        return out
    }

    /// The commands usable at `place`.
    func help(_ place: ReplCommand.Place) -> String {
        let commands = ReplCommand.available(in: place)
        let names = commands.map { $0.name + ($0.argument.map { " " + $0 } ?? "") }
        let width = names.map(\.count).max() ?? 0
        var out = "\nCommands (Tab completes them):\n"
        // Each summary wraps beside its command, so no word is split at a narrow terminal.
        let indent = 2 + width + 2
        func entry(_ name: String, _ summary: String) -> String {
            let body = TerminalText.wrap(summary, width: max(20, columns - 1 - indent))
                .split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n" + String(repeating: " ", count: indent))
            return "  \(name)\(String(repeating: " ", count: max(0, width - name.count)))  \(body)\n"
        }
        for (name, info) in zip(names, commands) {
            out += entry(name, info.summary)
        }
        switch place {
        case .home:
            out += wrapped("Type a playbook's number or id to start it.") + "\n"
        case .asking:
            out += entry("?", "show an example answer")
            out += wrapped("Enter on an empty line keeps the default shown; Up or Tab puts it in the line to edit.") + "\n"
            out += wrapped("To answer with text that starts with /, type // first.") + "\n"
            out += wrapped("Ctrl-C clears the line; Ctrl-D on an empty line leaves; Ctrl-R searches what you typed before.") + "\n"
        case .finished:
            out += wrapped("Type the number of a suggested next playbook to start it.") + "\n"
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
            out += hanging("  \(index + 1). ", "\(offer.label): start \(offer.playbook)") + "\(missing)\n"
        }
        let ids = drafts.map(\.id)
        let first = ids.first ?? "<draft>"
        var rows: [(String, String)] = [
            ("/save drafts.md", "save every draft (.md for Markdown, any other name for text)"),
            ("/copy \(first)", "copy a draft to the clipboard" + (ids.count > 1 ? " (drafts: \(ids.joined(separator: ", ")))" : "")),
            ("/show <draft>", "show one draft again"),
            ("/goto <number>", "change an answer (numbers: /answers)"),
            ("/new", "pick another playbook"),
            ("/quit", "leave"),
        ]
        rows = rows.map { (safe($0.0), $0.1) }
        let width = rows.map { $0.0.count }.max() ?? 0
        for (command, summary) in rows {
            // Long summaries wrap under themselves, so the list stays readable on a narrow terminal.
            let indent = 2 + width + 2
            let lines = TerminalText.wrap(safe(summary), width: max(20, columns - 1 - indent))
                .split(separator: "\n", omittingEmptySubsequences: false)
                .map { style.dim(String($0)) }
                .joined(separator: "\n" + String(repeating: " ", count: indent))
            out += "  \(command)\(String(repeating: " ", count: width - command.count))  \(lines)\n"
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
