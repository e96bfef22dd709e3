import CCoachSupport
import CLibEdit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An interactive line editor on the terminal, built on libedit: emacs keys, history, Ctrl-R search, Tab completion.
///
/// Keys: Left/Right, Home/End, Ctrl-A/E, Ctrl-W (delete word), Ctrl-U (delete to start), Ctrl-K (delete to end),
/// Up/Down (history), Ctrl-R (search the history as you type: Ctrl-R again for an older match, Enter takes it, Esc
/// or Ctrl-G goes back to the line as it was, another key keeps the match to edit), Tab (completion), Ctrl-C
/// (discard the line, returns `.interrupted`), Ctrl-D on an empty line (returns `.endOfInput`). A request's default comes first under Up and
/// fills an empty line under Tab. Bracketed paste is on while Coach runs (off at exit, on Ctrl-Z and on a crash):
/// a pasted block never ends the line by itself; it is joined into the line, or returned whole as `.paste`.
///
/// Creating an editor sets `LC_CTYPE` from the environment (C.UTF-8 when that is plain C) and installs a SIGINT
/// handler that only records the signal: from then on Ctrl-C outside `readLine` no longer ends the process; poll
/// `takePendingInterrupt()` during long work to honour it.
///
/// `~/.editrc` is deliberately NOT read, so behaviour does not depend on `HOME` (tests, shared accounts and
/// support calls see the same keys). Set `COACH_EDITRC` to the path of an editrc file to source one on purpose.
public final class LineEditor: LineReader {
    /// Returns the candidates for the word that ends at the cursor, given the text before the cursor.
    public typealias Completer = (_ lineBeforeCursor: String) -> [String]

    /// The marker byte that brackets invisible prompt sequences for libedit (EL_PROMPT_ESC).
    static let promptIgnoreMarker: Character = "\u{1}"

    private let editLine: OpaquePointer
    let history: OpaquePointer
    private let historyFile: String?
    let completer: Completer?
    private var promptStorage: UnsafeMutablePointer<CChar>?
    /// The prompt shown instead while Ctrl-R searches the history.
    var searchPrompt: UnsafeMutablePointer<CChar>?
    /// True when Ctrl-C ended a history search (the line is given up, as Ctrl-C does anywhere).
    var interruptedInSearch = false
    /// The request being read, for the key functions (Tab's default, what a paste becomes).
    var request = LineRequest(prompt: "")
    /// The question's prompt as libedit shows it (invisible sequences between ignore markers).
    var currentPrompt: String { promptStorage.map { String(cString: $0) } ?? "" }
    /// A pasted block that ended the line, returned as `.paste`.
    private var pastedBlock: String?

    /// True when both stdin and stdout are terminals, so a `LineEditor` can be used.
    public static var standardStreamsAreTerminals: Bool {
        coach_isatty(0) == 1 && coach_isatty(1) == 1
    }

    /// True (once) when Ctrl-C was pressed since the last call or the last `readLine`; clears the record.
    public static func takePendingInterrupt() -> Bool {
        defer { coach_sigint_clear() }
        return coach_sigint_pending() != 0
    }

    /// Always true: a person is typing at a terminal.
    public var isInteractive: Bool { true }

    /// Creates an editor on stdin/stdout, loading history from `historyFile` (its folder is created 0700).
    public init(historyFile: String?, historySize: Int = 1000, completer: Completer? = nil) {
        _ = coach_locale_setup()  // libedit drops non-ASCII bytes in the C locale
        _ = coach_sigint_install()  // no SA_RESTART, so Ctrl-C interrupts el_gets; SIGINT unblocked
        guard let editLine = coach_el_init_std(CommandLine.arguments.first ?? "coach"),
            let history = history_init()
        else {
            fatalError("libedit could not allocate its editor state")
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        self.completer = completer

        _ = coach_history_setsize(history, Int32(clamping: historySize))
        _ = coach_history_setunique(history, 1)
        if let historyFile {
            Self.prepareHistoryFolder(for: historyFile)
            _ = coach_history_load(history, historyFile)
        }

        _ = coach_el_set_editor(editLine, "emacs")
        _ = coach_el_set_signal(editLine, 1)
        _ = coach_el_set_clientdata(editLine, Unmanaged.passUnretained(self).toOpaque())
        _ = coach_el_set_prompt_esc(editLine, Self.promptCallback, CChar(1))
        _ = coach_el_set_hist(editLine, history)
        _ = coach_el_addfn(editLine, "coach-complete", "Complete the word before the cursor", Self.completeCallback)
        _ = coach_el_addfn(editLine, "coach-paste", "Take a bracketed paste as one piece", Self.pasteCallback)
        _ = coach_el_addfn(editLine, "coach-search", "Search the history for what is typed", Self.searchCallback)
        bindKeys()
        if let rc = getenv("COACH_EDITRC"), rc.pointee != 0 {
            _ = el_source(editLine, rc)
        }
    }

    deinit {
        coach_paste_disable()
        el_end(editLine)
        history_end(history)
        free(promptStorage)
        free(searchPrompt)
    }

    /// True when the terminal is likely to understand bracketed paste (any but a dumb one).
    static var supportsBracketedPaste: Bool {
        guard let term = getenv("TERM") else { return false }
        let name = String(cString: term)
        return !name.isEmpty && name != "dumb"
    }

    /// Reads one line as `request` says: its text is typed into the line first, its default is the first entry
    /// under Up and fills an empty line under Tab, and a pasted block is joined into the line or returned whole.
    public func readLine(_ request: LineRequest) -> LineInput {
        self.request = request
        pastedBlock = nil
        interruptedInSearch = false
        free(promptStorage)
        promptStorage = strdup(Self.markInvisible(request.prompt))
        coach_sigint_clear()
        if Self.supportsBracketedPaste { coach_paste_enable() }
        // el_gets prints the prompt first and only then switches the terminal to raw mode, so keys typed in
        // between were echoed by the kernel and a quick Ctrl-D was eaten by canonical mode. Switch now (raw mode
        // also lets the keys already typed be counted below).
        _ = coach_el_set_prep_term(editLine, 1)
        var offers = [request.offer]
        if let prefill = request.text {
            let text = Self.sanitizedPrefill(prefill)
            if !text.isEmpty && coach_input_pending(0) > 0 {
                // Keys typed before the text could be shown must not land after it, glued to it.
                if request.textEnded {
                    // That text was already ended with Enter: it is the line, and the keys are the next one.
                    _ = coach_el_set_prep_term(editLine, 0)
                    coach_stdout_write(request.prompt + TerminalText.neutralize(text) + "\n")
                    return .line(prefill)
                }
                // They are a new answer typed over it: they make the line alone, the text waits under Up.
                offers.append(text)
            } else if !text.isEmpty {
                // el_insertstr before el_gets is wiped when el_gets resets the line; el_push feeds the text as
                // if typed, which libedit 3.1-20221030 keeps.
                el_push(editLine, text)
            }
        }
        // The default is the newest history entry while this line is read, so Up brings it first (after a
        // text typed over, which is newer still).
        let offered = offers.compactMap { offerInHistory($0) }
        defer { for number in offered.reversed() { _ = coach_history_delete(history, number) } }
        var count: Int32 = 0
        let raw = el_gets(editLine, &count)
        if let block = pastedBlock {
            // The paste ended the line (el_gets gives no text for an otherwise empty line): move past it.
            pastedBlock = nil
            coach_stdout_write("\n")
            return .paste(block)
        }
        guard let raw else {
            let error = coach_errno()
            if count < 0, error == EINTR, coach_sigint_pending() == 0, !interruptedInSearch {
                // Another signal cut the read short, such as a Ctrl-Z where there is no job control to stop Coach
                // (started straight from tmux, ssh or a container): carry on with what was typed, nothing lost.
                var again = request
                again.text = Self.wholeLine(editLine)
                again.textEnded = false
                coach_stdout_write("\n")
                return readLine(again)
            }
            if interruptedInSearch || (count < 0 && (error == EINTR || coach_sigint_pending() != 0)) {
                coach_sigint_clear()
                coach_stdout_write("^C\n")
                return .interrupted
            }
            coach_stdout_write("\n")
            return .endOfInput
        }
        var line = String(cString: raw)
        while line.hasSuffix("\n") || line.hasSuffix("\r") || line.hasSuffix("\r\n") {
            line.removeLast()
        }
        return .line(line)
    }

    /// Enters `offer` as the newest history event; returns its number when it was added (to delete it after).
    private func offerInHistory(_ offer: String?) -> Int32? {
        guard let offer, !offer.isEmpty, !offer.contains("\n") else { return nil }
        let before = coach_history_newest(history)
        _ = coach_history_enter(history, Self.sanitizedPrefill(offer))
        let after = coach_history_newest(history)
        return after != before && after >= 0 ? after : nil
    }

    /// The pasted text after the start marker, read up to the end marker, line breaks as `\n`.
    private func readPaste(_ editLine: OpaquePointer) -> String {
        let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]
        var scalars: [Unicode.Scalar] = []
        var character: wchar_t = 0
        while el_wgetc(editLine, &character) == 1 {
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: character)) else { continue }
            scalars.append(scalar)
            if scalars.count >= end.count && Array(scalars.suffix(end.count)) == end {
                scalars.removeLast(end.count)
                break
            }
        }
        var text = String(String.UnicodeScalarView(scalars)).replacingLineBreaks()
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// Takes a bracketed paste: one line is inserted as typed; several are joined into the line, or end the line
    /// as one block, as the request says.
    func paste(_ editLine: OpaquePointer) -> UInt8 {
        let text = readPaste(editLine)
        guard !text.isEmpty else { return UInt8(CC_REFRESH) }
        if text.contains("\n"), case .block = request.paste {
            pastedBlock = Self.wholeLine(editLine) + text
            return UInt8(CC_NEWLINE)
        }
        var inserted = text
        if case .join(let separator) = request.paste, text.contains("\n") {
            // The spaces around the block stay: a paste after typed text must not glue two words together.
            let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
            let before = text.prefix(while: blank)
            let after = text.reversed().prefix(while: blank)
            inserted = before + LineRequest.joined(text, separator: separator) + String(after.reversed())
        }
        _ = el_insertstr(editLine, Self.sanitizedPrefill(inserted))
        return UInt8(CC_REFRESH)
    }

    /// Adds `line` to the history (blank lines are skipped) and saves the history file at once (mode 0600).
    public func addHistory(_ line: String) {
        guard line.contains(where: { !$0.isWhitespace }) else { return }
        _ = coach_history_enter(history, line)
        guard let historyFile else { return }
        let fd = open(historyFile, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
        _ = coach_history_save(history, historyFile)
        _ = chmod(historyFile, 0o600)
    }

    private func bindKeys() {
        let escape = "\u{1B}"
        var bindings: [(String, String)] = [
            ("^A", "ed-move-to-beg"), ("^E", "ed-move-to-end"),
            ("^W", "ed-delete-prev-word"), ("^U", "vi-kill-line-prev"), ("^K", "ed-kill-line"),
            ("^R", "coach-search"), ("^I", "coach-complete"),
            ("^P", "ed-prev-history"), ("^N", "ed-next-history"),
            (escape + "[200~", "coach-paste"),
        ]
        for (prefix, key, function) in [
            ("[", "A", "ed-prev-history"), ("[", "B", "ed-next-history"),
            ("[", "C", "ed-next-char"), ("[", "D", "ed-prev-char"),
            ("O", "A", "ed-prev-history"), ("O", "B", "ed-next-history"),
            ("O", "C", "ed-next-char"), ("O", "D", "ed-prev-char"),
            ("[", "H", "ed-move-to-beg"), ("[", "F", "ed-move-to-end"),
            ("O", "H", "ed-move-to-beg"), ("O", "F", "ed-move-to-end"),
            ("[", "1~", "ed-move-to-beg"), ("[", "4~", "ed-move-to-end"),
            ("[", "7~", "ed-move-to-beg"), ("[", "8~", "ed-move-to-end"),
            ("[", "3~", "ed-delete-next-char"),
            ("[", "1;5D", "ed-prev-word"), ("[", "1;5C", "em-next-word"),
        ] {
            bindings.append((escape + prefix + key, function))
        }
        for (keys, function) in bindings {
            _ = coach_el_bind(editLine, keys, function)
        }
    }

    private static func prepareHistoryFolder(for file: String) {
        guard let slash = file.lastIndex(of: "/") else { return }
        let folder = String(file[..<slash])
        var path = folder.hasPrefix("/") ? "" : "."
        for component in folder.split(separator: "/") {
            path += "/" + component
            if mkdir(path, 0o700) != 0 && errno != EEXIST { return }
        }
    }

    /// The C prompt callback: returns the current prompt of the editor found through EL_CLIENTDATA.
    private static let promptCallback: coach_el_prompt_fn = { editLine in
        guard let editLine, let data = coach_el_get_clientdata(editLine) else { return nil }
        let editor = Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue()
        return editor.searchPrompt ?? editor.promptStorage
    }

    /// The C function bound to Ctrl-R: searches the history of the editor found through EL_CLIENTDATA.
    private static let searchCallback: coach_el_user_fn = { editLine, _ in
        guard let editLine, let data = coach_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().search(editLine)
    }

    /// The C function bound to the start of a bracketed paste.
    private static let pasteCallback: coach_el_user_fn = { editLine, _ in
        guard let editLine, let data = coach_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().paste(editLine)
    }

    /// The C function bound to Tab: runs the Swift completer of the editor found through EL_CLIENTDATA.
    private static let completeCallback: coach_el_user_fn = { editLine, _ in
        guard let editLine, let data = coach_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
        return Unmanaged<LineEditor>.fromOpaque(data).takeUnretainedValue().complete(editLine)
    }
}
