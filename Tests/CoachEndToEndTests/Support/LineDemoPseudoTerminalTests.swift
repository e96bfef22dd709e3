import Foundation
import Testing

/// Drives the `linedemo` executable (a loop over `LineEditor.readLine`) in a real pseudo-terminal.
@Suite(.timeLimit(.minutes(1)))
struct LineDemoPseudoTerminalTests {
    private let prompt = "demo>"

    /// Starts linedemo with a fresh HOME and `COACH_HOME=<home>/coach`, waiting for its first prompt.
    private func start(home: String? = nil, environment: [String: String] = [:]) throws -> (PseudoTerminal, String) {
        let binary = try #require(
            PseudoTerminal.builtProduct("linedemo"),
            "linedemo is not built next to the test bundle; run `swift build` first")
        let home = try home ?? PseudoTerminal.makeTemporaryFolder()
        var env = ["COACH_HOME": home + "/coach"]
        env.merge(environment) { _, new in new }
        let terminal = try PseudoTerminal(executable: binary, home: home, environment: env)
        try terminal.expect(prompt)
        return (terminal, home)
    }

    /// Presses Ctrl-D at a fresh prompt and expects a clean exit.
    ///
    /// Ctrl-D must wait for the prompt: typed before libedit puts the terminal in raw mode, the kernel's
    /// canonical mode eats it as an end-of-file mark.
    private func finish(_ terminal: PseudoTerminal, awaitPrompt: Bool = true) throws {
        if awaitPrompt { try terminal.expect(prompt) }
        terminal.send(.ctrlD)
        try terminal.expect("eof")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func leftArrowEditsTheLine() throws {
        let (terminal, _) = try start()
        terminal.send("helo")
        terminal.send(.left)
        terminal.send("l")
        // The coloured prompt "demo> " is 6 columns wide, so after "hel" libedit redraws from column 10. Had the
        // colour codes not been marked invisible (EL_PROMPT_ESC), it would count 10 more columns.
        try terminal.expect("\r\u{1B}[10G")
        terminal.send(.enter)
        try terminal.expect("got:hello\r\n")
        try terminal.expect(prompt)
        terminal.send("abc def")
        terminal.send(.ctrlW, .home)
        terminal.send("X")
        terminal.send(.end)
        terminal.send("Y")
        terminal.send(.enter)
        try terminal.expect("got:Xabc Y\r\n")
        try finish(terminal)
    }

    @Test func emacsKeysMoveAndKill() throws {
        let (terminal, _) = try start()
        terminal.send("world")
        terminal.send(.ctrlA)
        terminal.send("hello ")
        terminal.send(.ctrlE)
        terminal.send("!")
        terminal.send(.enter)
        try terminal.expect("got:hello world!\r\n")
        try terminal.expect(prompt)
        terminal.send("abc def")
        terminal.send(.left, .left, .left, .ctrlK, .enter)
        try terminal.expect("got:abc \r\n")
        try terminal.expect(prompt)
        terminal.send("abc def")
        terminal.send(.left, .left, .left, .ctrlU, .enter)
        try terminal.expect("got:def\r\n")
        try finish(terminal)
    }

    @Test func upRecallsALineFromAPreviousRunAndTheHistoryFileIsPrivate() throws {
        let (first, home) = try start()
        first.send("first run line")
        first.send(.enter)
        try first.expect("got:first run line")
        try finish(first)

        let attributes = try FileManager.default.attributesOfItem(atPath: home + "/coach/history")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: home + "/coach")
        #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)

        let (second, _) = try start(home: home)
        second.send(.up)
        second.send(.enter)
        try second.expect("got:first run line")
        try finish(second)
    }

    @Test func ctrlRSearchesHistoryBackwards() throws {
        let (terminal, _) = try start()
        for line in ["alpha one", "beta two"] {
            terminal.send(line)
            terminal.send(.enter)
            try terminal.expect("got:" + line)
            try terminal.expect(prompt)
        }
        terminal.send(.ctrlR)
        terminal.send("alp")
        _ = terminal.drain(for: 0.2)
        terminal.send(.enter)
        try terminal.expect("got:alpha one")
        try finish(terminal)
    }

    @Test func tabCompletesOneMatchAndListsSeveral() throws {
        let (terminal, _) = try start()
        terminal.send("bud")
        terminal.send(.tab)
        terminal.send("x")
        terminal.send(.enter)
        try terminal.expect("got:budget x")
        try terminal.expect(prompt)
        terminal.send("acc")
        terminal.send(.tab)
        try terminal.expect("accounting")  // the listing of candidates
        try terminal.expect(prompt)  // redisplayed line
        terminal.send(.enter)
        try terminal.expect("got:account\r\n")  // common prefix inserted
        try finish(terminal)
    }

    @Test func ctrlCDiscardsAHalfTypedLineAndTheSessionGoesOn() throws {
        let (terminal, _) = try start()
        terminal.send("half typed")
        try terminal.expect("half typed")
        // The kernel drops typed-but-unread input on Ctrl-C: let libedit read the line first.
        usleep(300_000)
        terminal.send(.ctrlC)
        try terminal.expect("interrupted")
        try terminal.expect(prompt)
        terminal.send("next")
        terminal.send(.enter)
        let seen = try terminal.expect("got:")
        #expect(!seen.contains("got:half"))
        try terminal.expect("next\r\n")
        try finish(terminal)
    }

    @Test(arguments: ["Zoë Müller", "José", "北京", "Zoë 北京 café"])
    func nonASCIIRoundTrips(text: String) throws {
        let (terminal, _) = try start()
        terminal.send(text)
        terminal.send(.enter)
        try terminal.expect("got:" + text + "\r\n")
        try finish(terminal)
    }

    @Test func prefillCanBeEditedOrAccepted() throws {
        let (terminal, _) = try start(environment: ["LINEDEMO_PREFILL": "Acme Corp"])
        try terminal.expect("Acme Corp")
        terminal.send(.backspace, .backspace, .backspace, .backspace)
        terminal.send("Inc")
        terminal.send(.enter)
        try terminal.expect("got:Acme Inc\r\n")
        try terminal.expect(prompt)
        terminal.send(.enter)
        try terminal.expect("got:Acme Corp\r\n")
        try terminal.expect(prompt)
        terminal.send(.ctrlU)
        try finish(terminal, awaitPrompt: false)
    }

    @Test func ctrlDOnAnEmptyLineExitsCleanly() throws {
        let (terminal, _) = try start()
        try finish(terminal, awaitPrompt: false)
    }
}
