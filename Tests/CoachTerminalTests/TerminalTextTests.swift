import Testing

@testable import CoachTerminal

struct TerminalTextTests {
    @Test func neutralizeMakesControlsVisible() {
        #expect(TerminalText.neutralize("a\u{1B}[31mred") == "a␛[31mred")
        #expect(TerminalText.neutralize("bell\u{7}\u{0}") == "bell␇␀")
        #expect(TerminalText.neutralize("del\u{7F}") == "del␡")
        #expect(TerminalText.neutralize("c1\u{9B}2J") == "c1\\u{9B}2J")
        #expect(TerminalText.neutralize("x\u{202E}gpj.exe") == "x\\u{202E}gpj.exe")
        #expect(TerminalText.neutralize("iso\u{2066}x\u{2069}") == "iso\\u{2066}x\\u{2069}")
        #expect(TerminalText.neutralize("line\rover") == "line␍over")
    }

    @Test func neutralizeKeepsNewlinesAndTabsOnlyWhenAsked() {
        #expect(TerminalText.neutralize("a\nb\tc") == "a␊b␉c")
        #expect(TerminalText.neutralize("a\r\nb\tc", keepNewlines: true) == "a\nb␉c")
        #expect(TerminalText.neutralize("a\nb\tc", keepNewlines: true, keepTabs: true) == "a\nb\tc")
    }

    @Test func neutralizeLeavesOrdinaryTextAlone() {
        let text = "Zoë Müller, José, 北京 — “quotes” 👍"
        #expect(TerminalText.neutralize(text) == text)
    }

    @Test(arguments: [
        ("abc", 3), ("Zoë", 3), ("e\u{301}", 1), ("北京", 4), ("ｈｉ", 4), ("👍", 2), ("", 0), ("a\u{200B}b", 2),
        ("한국", 4),
    ])
    func displayWidth(text: String, width: Int) {
        #expect(TerminalText.displayWidth(text) == width)
    }

    @Test func wrapBreaksAtWordsAndKeepsLineBreaks() {
        let text = "the quick brown fox jumps over the lazy dog\nsecond line"
        #expect(TerminalText.wrap(text, width: 15) == "the quick brown\nfox jumps over\nthe lazy dog\nsecond line")
        #expect(TerminalText.wrap("a\n\nb", width: 10) == "a\n\nb")
    }

    @Test func wrapCountsWideCharactersTwiceAndBreaksBetweenThem() {
        let wrapped = TerminalText.wrap("北京上海广州深圳", width: 6)
        #expect(wrapped == "北京上\n海广州\n深圳")
        for line in TerminalText.wrap("visit 北京 and 上海 soon", width: 9).split(separator: "\n") {
            #expect(TerminalText.displayWidth(String(line)) <= 9)
        }
    }

    @Test func wrapCutsWordsLongerThanTheLineAndKeepsIndent() {
        #expect(TerminalText.wrap("abcdefghij", width: 4) == "abcd\nefgh\nij")
        #expect(TerminalText.wrap("  - one two three", width: 10) == "  - one\n  two\n  three")
    }

    @Test func stylesArePlainWhenColourIsOff() {
        let plain = TerminalText.Style.plain
        #expect(plain.bold("x") == "x")
        #expect(plain.red("x") == "x")
        let colour = TerminalText.Style(colorEnabled: true)
        #expect(colour.green("ok") == "\u{1B}[32mok\u{1B}[39m")
        #expect(colour.bold("b") == "\u{1B}[1mb\u{1B}[22m")
        #expect(colour.dim("d").contains("d"))
    }

    @Test func automaticStyleIsPlainWithoutATerminal() {
        // Under `swift test` stdout is a pipe or file, never the terminal the style would colour.
        #expect(TerminalText.Style.automatic(fileDescriptor: -1) == .plain)
        #expect(TerminalText.Style.automatic(noColor: true) == .plain)
    }
}
