import CCoachSupport
import CLibEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension LineEditor {
    /// What the history search shows in place of the prompt for `query` (empty before anything is typed).
    static func searchPromptText(query: String, found: Bool) -> String {
        if query.isEmpty { return "search history (type to find, Esc to stop): " }
        let shown = TerminalText.neutralize(query)
        return found ? "search history for '\(shown)': " : "no line in history has '\(shown)': "
    }

    /// The history lines that contain `query` (ignoring case), newest first, each once.
    static func matches(_ query: String, in lines: [String]) -> [String] {
        guard !query.isEmpty else { return [] }
        let wanted = query.lowercased()
        var seen = Set<String>()
        return lines.filter { $0.lowercased().contains(wanted) && seen.insert($0).inserted }
    }

    /// Every history line, newest first.
    private func historyLines() -> [String] {
        var lines: [String] = []
        var entry = coach_history_first_text(history)
        while let text = entry {
            var line = String(cString: text)
            while line.hasSuffix("\n") { line.removeLast() }
            lines.append(line)
            entry = coach_history_next_text(history)
        }
        return lines
    }

    /// Ctrl-R: searches the history as the user types, showing the newest line that holds the text. Ctrl-R again
    /// goes to an older match, Backspace shortens the text, Enter sends the match, Esc or Ctrl-G goes back to the
    /// line as it was, Ctrl-C gives up the line, and any other key takes the match into the line and acts on it.
    func search(_ editLine: OpaquePointer) -> UInt8 {
        let original = Self.wholeLine(editLine)
        let lines = historyLines()
        var query = ""
        var skipped = 0
        func show() -> String? {
            let found = Self.matches(query, in: lines)
            let match = found.isEmpty ? nil : found[min(skipped, found.count - 1)]
            let text = Self.searchPromptText(query: query, found: match != nil || query.isEmpty)
            redraw(editLine, prompt: text, line: match ?? (query.isEmpty ? original : Self.wholeLine(editLine)))
            return match
        }
        // Whatever ends the search, the question's own prompt comes back with the line as it is then.
        func end(_ line: String, _ code: Int32) -> UInt8 {
            redraw(editLine, prompt: nil, line: line)
            return UInt8(code)
        }
        var match = show()
        while true {
            var character: wchar_t = 0
            guard el_wgetc(editLine, &character) == 1, let key = Unicode.Scalar(UInt32(bitPattern: character)) else {
                // Ctrl-C (the read was interrupted) or the end of input: give the line up.
                interruptedInSearch = coach_sigint_pending() != 0
                return end(original, interruptedInSearch ? CC_EOF : CC_REFRESH)
            }
            switch key.value {
            case 0x0D, 0x0A:
                return end(match ?? original, CC_NEWLINE)
            case 0x07:
                return end(original, CC_REFRESH)
            case 0x1B where coach_input_pending(0) == 0:
                return end(original, CC_REFRESH)
            case 0x12:
                if Self.matches(query, in: lines).count > skipped + 1 { skipped += 1 }
                match = show()
            case 0x7F, 0x08:
                if !query.isEmpty { query.removeLast() }
                skipped = 0
                match = show()
            case 0x20... where !(0x80...0x9F).contains(key.value):
                query.unicodeScalars.append(key)
                skipped = 0
                match = show()
            default:
                // Another key (an arrow, Ctrl-A, Tab…): keep the match in the line and let the key act on it.
                el_push(editLine, String(Character(key)))
                return end(match ?? original, CC_REFRESH)
            }
        }
    }

    /// Shows `prompt` (the question's own when nil) and `line` in place of what is on screen, the cursor at the end.
    private func redraw(_ editLine: OpaquePointer, prompt: String?, line: String) {
        // libedit redraws from where it last left the cursor as if the screen were blank there: go back to the start
        // of the shown prompt first (up as many rows as it wrapped) and clear what follows.
        let columns = max(1, Int(coach_terminal_columns(1)))
        let shown = searchPrompt.map { String(cString: $0) } ?? currentPrompt
        let offset = Self.visibleWidth(shown) + TerminalText.displayWidth(Self.lineBeforeCursor(editLine))
        let rows = offset / columns
        coach_stdout_write("\r" + (rows > 0 ? "\u{1B}[\(rows)A" : "") + "\u{1B}[J")
        free(searchPrompt)
        searchPrompt = prompt.map { strdup($0) }
        replaceLine(editLine, with: line)
        _ = coach_el_refresh(editLine)
    }

    /// The columns `prompt` takes on screen: without the invisible sequences between ignore markers.
    static func visibleWidth(_ prompt: String) -> Int {
        var visible = ""
        var hidden = false
        for character in prompt {
            if character == promptIgnoreMarker {
                hidden.toggle()
            } else if !hidden {
                visible.append(character)
            }
        }
        return TerminalText.displayWidth(visible)
    }

    /// Replaces the whole line with `text`, the cursor at its end.
    private func replaceLine(_ editLine: OpaquePointer, with text: String) {
        let current = Self.wholeLine(editLine)
        _ = el_cursor(editLine, Int32(clamping: current.unicodeScalars.count))
        if !current.isEmpty { el_deletestr(editLine, Int32(current.unicodeScalars.count)) }
        if !text.isEmpty { _ = el_insertstr(editLine, Self.sanitizedPrefill(text)) }
    }
}
