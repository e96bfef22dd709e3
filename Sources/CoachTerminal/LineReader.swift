/// What one attempt to read a line produced.
public enum LineInput: Equatable, Sendable {
    /// A line the user entered, without its line terminator.
    case line(String)
    /// The user pressed Ctrl-C: the half-typed line was discarded; the session goes on.
    case interrupted
    /// No more input: Ctrl-D on an empty line, or end of file.
    case endOfInput
}

/// A source of input lines for the REPL: a line editor on a terminal, plain stdin, or a script in tests.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` and putting `prefill` in the line for the user to edit, where supported.
    func readLine(prompt: String, prefill: String?) -> LineInput
    /// Records `line` in the history (and saves the history, where there is a history file).
    func addHistory(_ line: String)
    /// True when a person is typing at a terminal (prompts, colour and editing make sense).
    var isInteractive: Bool { get }
}

extension LineReader {
    /// Reads one line with no prefilled text.
    public func readLine(prompt: String) -> LineInput {
        readLine(prompt: prompt, prefill: nil)
    }
}

/// A line reader that replays fixed lines, for tests of the REPL.
public final class ScriptedLineReader: LineReader {
    /// The script line that stands for Ctrl-C.
    public static let interruptMarker = "\u{3}<interrupt>"

    /// The lines not yet read.
    public private(set) var remaining: [String]
    /// Every prompt given to `readLine`, in order.
    public private(set) var prompts: [String] = []
    /// Every prefill given to `readLine`, in order (nil when none was given).
    public private(set) var prefills: [String?] = []
    /// Every line given to `addHistory`, in order.
    public private(set) var history: [String] = []
    /// What `isInteractive` reports.
    public let isInteractive: Bool

    /// Creates a reader that returns `lines` one by one; `interruptMarker` entries read as `.interrupted`.
    public init(_ lines: [String], isInteractive: Bool = true) {
        self.remaining = lines
        self.isInteractive = isInteractive
    }

    /// Returns the next scripted line, `.interrupted` for the marker, or `.endOfInput` when the script is done.
    public func readLine(prompt: String, prefill: String?) -> LineInput {
        prompts.append(prompt)
        prefills.append(prefill)
        guard !remaining.isEmpty else { return .endOfInput }
        let next = remaining.removeFirst()
        return next == Self.interruptMarker ? .interrupted : .line(next)
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
