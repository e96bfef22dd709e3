import Testing

@testable import CoachShell

@Suite("Session titles")
struct TitleTests {
    /// The slow, general form the fast path must agree with.
    static func reference(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return line.count > 48 ? String(line.prefix(47)) + "…" : line
    }

    @Test(
        "a title part is its first line, at most 48 characters, fast path or not",
        arguments: [
            "", "Acme Corp", "Acme\nCorp", "\nAcme", "Acme\r\nCorp", "Tab\there", "Zoë & Co", "line\u{2028}sep",
            String(repeating: "x", count: 48), String(repeating: "x", count: 49), String(repeating: "é", count: 30),
            "form\u{0C}feed", "vertical\u{0B}tab", "Ünïcödé name that is long enough to be cut off at some point",
        ])
    func short(text: String) {
        #expect(SessionService.short(text) == Self.reference(text))
    }
}
