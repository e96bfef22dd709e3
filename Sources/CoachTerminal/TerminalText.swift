import CCoachSupport

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Text helpers for the terminal: safe display of user text, display width, word wrapping and colour styles.
public enum TerminalText {
    /// Returns `s` with every character that could move the cursor, recolour or reorder the screen made visible.
    ///
    /// C0 controls become Control Pictures (ESC is `␛`, CR is `␍`), DEL is `␡`; C1 controls, bidirectional
    /// overrides and isolates, and line/paragraph separators become `\u{…}` text. `\n` and `\t` are kept only
    /// when asked (`\r\n` then becomes `\n`).
    public static func neutralize(_ s: String, keepNewlines: Bool = false, keepTabs: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let value = scalar.value
            switch value {
            case 0x0A where keepNewlines, 0x09 where keepTabs:
                out.append(scalar)
            case 0x0D where keepNewlines && index + 1 < scalars.count && scalars[index + 1] == "\n":
                continue
            case 0x00...0x1F:
                out.append(Unicode.Scalar(0x2400 + value)!)
            case 0x7F:
                out.append("\u{2421}")
            case 0x80...0x9F, 0x061C, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
                out.append(contentsOf: "\\u{\(String(value, radix: 16, uppercase: true))}".unicodeScalars)
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// Columns `s` takes on a terminal: wide (CJK, emoji) characters count 2, combining marks and controls 0.
    public static func displayWidth(_ s: String) -> Int {
        s.reduce(0) { $0 + width(of: $1) }
    }

    /// Wraps each paragraph of `text` at word boundaries to `width` columns, keeping existing line breaks.
    ///
    /// A line's leading spaces are kept and repeated on its continuation lines; runs of spaces between words
    /// become one; a word wider than the line is cut; CJK text may break between any two wide characters.
    public static func wrap(_ text: String, width: Int) -> String {
        guard width > 0 else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(String($0), width: width) }
            .joined(separator: "\n")
    }

    /// `text` with its hard line breaks inside paragraphs turned into spaces, so it can be wrapped to any width.
    ///
    /// Blank lines (paragraph breaks) stay, and so does the break before a list item (`- `, `* `, `• `, `1. `) or
    /// an indented line.
    public static func reflow(_ text: String) -> String {
        guard text.contains("\n") else { return text }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var out = ""
        var previousBlank = true
        for (index, line) in lines.enumerated() {
            let blank = line.allSatisfy { $0 == " " || $0 == "\t" }
            if index > 0 {
                out += blank || previousBlank || startsBlock(line) ? "\n" : " "
            }
            out += blank ? "" : (previousBlank || startsBlock(line) ? String(line) : String(line.drop { $0 == " " }))
            previousBlank = blank
        }
        return out
    }

    /// Whether `line` keeps its own line when text is reflowed: a list item or an indented line.
    private static func startsBlock(_ line: Substring) -> Bool {
        if line.hasPrefix(" ") || line.hasPrefix("\t") { return true }
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) { return true }
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && (line.dropFirst(digits.count).hasPrefix(". ") || line.dropFirst(digits.count).hasPrefix(") "))
    }

    /// Terminal colour and emphasis that turn into plain text when colour is off.
    public struct Style: Sendable, Equatable {
        /// Whether escape codes are written at all.
        public var colorEnabled: Bool

        /// A style with colour on or off.
        public init(colorEnabled: Bool) {
            self.colorEnabled = colorEnabled
        }

        /// A style that never writes escape codes.
        public static let plain = Style(colorEnabled: false)

        /// Colour on only when `fileDescriptor` is a terminal, `TERM` is not `dumb`, `NO_COLOR` is unset or
        /// empty, and `noColor` (the `--no-color` flag) is false.
        public static func automatic(noColor: Bool = false, fileDescriptor: Int32 = 1) -> Style {
            if noColor || coach_isatty(fileDescriptor) != 1 { return .plain }
            if let value = getenv("NO_COLOR"), value.pointee != 0 { return .plain }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return .plain }
            return Style(colorEnabled: true)
        }

        /// `s` in bold.
        public func bold(_ s: String) -> String { wrap(s, "1", "22") }
        /// `s` dimmed.
        public func dim(_ s: String) -> String { wrap(s, "2", "22") }
        /// `s` in red.
        public func red(_ s: String) -> String { wrap(s, "31", "39") }
        /// `s` in green.
        public func green(_ s: String) -> String { wrap(s, "32", "39") }

        private func wrap(_ s: String, _ on: String, _ off: String) -> String {
            colorEnabled ? "\u{1B}[\(on)m\(s)\u{1B}[\(off)m" : s
        }
    }

    private static func width(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if first.value < 0x20 || (0x7F...0x9F).contains(first.value) { return 0 }
        if scalars.allSatisfy(isZeroWidth) { return 0 }
        if first.properties.isEmojiPresentation || isWide(first.value) { return 2 }
        if scalars.contains("\u{FE0F}") && first.properties.isEmoji { return 2 }
        return 1
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return scalar.value == 0x200B || (0x1160...0x11FF).contains(scalar.value)
        }
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    private static func isWide(_ value: UInt32) -> Bool {
        value >= 0x1100 && wideRanges.contains { $0.contains(value) }
    }

    /// A piece of a line that must not be split unless it is wider than the line: a word, or one wide character.
    private struct Token {
        var text: String
        var width: Int
        var spaceBefore: Bool
    }

    private static func wrapLine(_ line: String, width: Int) -> String {
        let indent = String(line.prefix { $0 == " " })
        let indentWidth = indent.count < width ? indent.count : 0
        let available = width - indentWidth
        let tokens = tokenize(line.dropFirst(indent.count))
        guard !tokens.isEmpty else { return line }
        var lines: [String] = []
        var current = ""
        var currentWidth = 0
        for token in tokens {
            let gap = currentWidth > 0 && token.spaceBefore ? 1 : 0
            if currentWidth > 0 && currentWidth + gap + token.width > available {
                lines.append(current)
                current = ""
                currentWidth = 0
            }
            if currentWidth == 0 && token.width > available {
                for character in token.text {
                    let characterWidth = Self.width(of: character)
                    if currentWidth > 0 && currentWidth + characterWidth > available {
                        lines.append(current)
                        current = ""
                        currentWidth = 0
                    }
                    current.append(character)
                    currentWidth += characterWidth
                }
                continue
            }
            if currentWidth > 0 && token.spaceBefore {
                current += " "
                currentWidth += 1
            }
            current += token.text
            currentWidth += token.width
        }
        lines.append(current)
        let prefix = String(indent.prefix(indentWidth))
        return lines.map { prefix + $0 }.joined(separator: "\n")
    }

    private static func tokenize(_ text: Substring) -> [Token] {
        var tokens: [Token] = []
        var word = ""
        var wordWidth = 0
        var spaceBefore = false
        func flush() {
            guard !word.isEmpty else { return }
            tokens.append(Token(text: word, width: wordWidth, spaceBefore: spaceBefore))
            word = ""
            wordWidth = 0
            spaceBefore = false
        }
        for character in text {
            if character == " " {
                flush()
                spaceBefore = !tokens.isEmpty
                continue
            }
            let characterWidth = width(of: character)
            if characterWidth == 2 {
                flush()
                tokens.append(Token(text: String(character), width: 2, spaceBefore: spaceBefore))
                spaceBefore = false
                continue
            }
            word.append(character)
            wordWidth += characterWidth
        }
        flush()
        return tokens
    }
}
