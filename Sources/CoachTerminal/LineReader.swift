/// What one attempt to read a line produced.
public enum LineInput: Equatable, Sendable {
    /// A line the user entered, without its line terminator.
    case line(String)
    /// A block of several lines pasted at once (bracketed paste), with any text typed before it on its first
    /// line; it is one answer, never a line per question.
    case paste(String)
    /// The user pressed Ctrl-C: the half-typed line was discarded; the session goes on.
    case interrupted
    /// No more input: Ctrl-D on an empty line, or end of file.
    case endOfInput
}

/// What the REPL asks a line reader for: the prompt, the text to start the line with, the default offered under
/// Up and Tab, and what a pasted block of several lines becomes.
public struct LineRequest: Equatable, Sendable {
    /// How a pasted block of several lines arrives.
    public enum Paste: Equatable, Sendable {
        /// Joined into the line with this separator (a space for a one-line answer, `; ` for a list), for the
        /// user to read and send with Enter.
        case join(String)
        /// Returned at once as ``LineInput/paste(_:)``, line breaks kept (a multi-line answer).
        case block
    }

    /// The prompt shown before the line.
    public var prompt: String
    /// Text already in the line, to edit (an answer that was refused, text typed at an info screen).
    public var text: String?
    /// The default: Enter on an empty line keeps it, Up or Tab on an empty line puts it in the line to edit.
    public var offer: String?
    /// What a pasted block of several lines becomes.
    public var paste: Paste
    /// True when `text` was already ended with Enter where it was typed (at an info screen): keys typed after it
    /// before it is shown are the next line, so the text is taken as this line. Otherwise (a refused answer) keys
    /// typed ahead make the line on their own and the text waits under Up.
    public var textEnded: Bool

    /// A request with `prompt`; nothing in the line, no default, pastes joined with spaces unless told.
    public init(
        prompt: String, text: String? = nil, offer: String? = nil, paste: Paste = .join(" "), textEnded: Bool = false
    ) {
        self.prompt = prompt
        self.text = text
        self.offer = offer
        self.paste = paste
        self.textEnded = textEnded
    }

    /// `text` made one line: a pasted block's line breaks become `separator`, blank lines and trailing breaks go.
    public static func joined(_ text: String, separator: String) -> String {
        text.replacingLineBreaks().split(separator: "\n").map { String($0).trimmingWhitespace() }.filter { !$0.isEmpty }
            .joined(separator: separator)
    }
}

/// A source of input lines for the REPL: a line editor on a terminal, plain stdin, or a script in tests.
public protocol LineReader: AnyObject {
    /// Reads one line as `request` describes (prompt, text in the line, default, pastes), where supported.
    func readLine(_ request: LineRequest) -> LineInput
    /// Records `line` in the history (and saves the history, where there is a history file).
    func addHistory(_ line: String)
    /// True when a person is typing at a terminal (prompts, colour and editing make sense).
    var isInteractive: Bool { get }
}

extension LineReader {
    /// Reads one line after `prompt`, starting the line with `prefill` when given.
    public func readLine(prompt: String, prefill: String? = nil) -> LineInput {
        readLine(LineRequest(prompt: prompt, text: prefill))
    }
}

/// A line reader that replays fixed lines, for tests of the REPL.
public final class ScriptedLineReader: LineReader {
    /// The script line that stands for Ctrl-C.
    public static let interruptMarker = "\u{3}<interrupt>"
    /// A script line that starts with this marker stands for a bracketed paste of the rest of the line.
    public static let pasteMarker = "\u{1B}[200~"

    /// The lines not yet read.
    public private(set) var remaining: [String]
    /// Every request given to `readLine`, in order.
    public private(set) var requests: [LineRequest] = []
    /// Every line given to `addHistory`, in order.
    public private(set) var history: [String] = []
    /// What `isInteractive` reports.
    public let isInteractive: Bool

    /// Every prompt given to `readLine`, in order.
    public var prompts: [String] { requests.map(\.prompt) }
    /// Every text put in the line by `readLine`, in order (nil when none was given).
    public var prefills: [String?] { requests.map(\.text) }

    /// Creates a reader that returns `lines` one by one; `interruptMarker` entries read as `.interrupted`.
    public init(_ lines: [String], isInteractive: Bool = true) {
        self.remaining = lines
        self.isInteractive = isInteractive
    }

    /// Returns the next scripted line as a terminal would: a paste as `.paste` for a block, or joined into the
    /// line (after any text already there) otherwise; `.interrupted` for the marker; `.endOfInput` at the end.
    public func readLine(_ request: LineRequest) -> LineInput {
        requests.append(request)
        guard !remaining.isEmpty else { return .endOfInput }
        let next = remaining.removeFirst()
        if next == Self.interruptMarker { return .interrupted }
        if next.hasPrefix(Self.pasteMarker) {
            let pasted = String(next.dropFirst(Self.pasteMarker.count))
            let before = request.text ?? ""
            switch request.paste {
            case .block where pasted.contains("\n"): return .paste(before + pasted)
            case .block: return .line(before + pasted)
            case .join(let separator): return .line(before + LineRequest.joined(pasted, separator: separator))
            }
        }
        return .line(next)
    }

    /// Records `line` in `history`.
    public func addHistory(_ line: String) {
        history.append(line)
    }
}

/// Returns a `LineEditor` when stdin and stdout are terminals, otherwise a `PlainLineReader` on stdin.
public func makeStandardLineReader(
    historyFile: String?,
    completer: ((_ lineBeforeCursor: String) -> [String])? = nil
) -> any LineReader {
    if LineEditor.standardStreamsAreTerminals {
        return LineEditor(historyFile: historyFile, completer: completer)
    }
    return PlainLineReader()
}

extension String {
    /// The string with `\r\n` and lone `\r` turned into `\n` (terminals send a pasted line break as `\r`).
    func replacingLineBreaks() -> String {
        guard contains("\r") || contains("\r\n") else { return self }
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.append("\n")
                previousCR = true
                continue
            }
            if scalar == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            out.append(scalar)
        }
        return String(out)
    }
}
