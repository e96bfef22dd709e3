import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keys typed before Coach has shown the next line, Ctrl-R's history search, and `coach serve` started by hand,
/// in a real pseudo-terminal.
@Suite(.timeLimit(.minutes(1)))
struct CoachTypeaheadAndSearchTests {
    /// Starts account-checkup at its info screen.
    private func startAtWelcome(home: String? = nil) throws -> (PseudoTerminal, String) {
        let (terminal, home) = try CoachBinary.terminal(["run", "account-checkup"], home: home, environment: ["NO_COLOR": "1"])
        try terminal.expect("Press Enter to go on.")
        try terminal.expect("> ")
        return (terminal, home)
    }

    /// Lists the answers and expects `lines` among them, in order.
    private func expectAnswers(_ terminal: PseudoTerminal, _ lines: [String]) throws {
        terminal.send("/answers")
        terminal.send(.enter)
        try terminal.expect("Your answers so far:")
        for line in lines { try terminal.expect(line + "\r\n") }
    }

    private func quit(_ terminal: PseudoTerminal) throws {
        try terminal.expect("> ")
        terminal.send(.ctrlU)
        terminal.send(.ctrlD)
        try terminal.expect("unfinished")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func keysTypedAheadOfARefusalMakeTheirOwnLineAndTheRefusedTextWaitsUnderUp() throws {
        let (terminal, _) = try startAtWelcome()
        terminal.send(.enter)
        try terminal.expect("Which client is this about?")
        try terminal.expect("> ")
        terminal.send("Acme")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        // Both lines in one go, as a fast typist sends them before the refusal is on screen.
        terminal.send("zoe-at-acme\rzoe@acme.com\r")
        try terminal.expect("is not an email address")
        try terminal.expect("What is the annual budget of the account?")
        try terminal.expect("> ")
        try expectAnswers(terminal, ["2. What is your main contact's email address? — zoe@acme.com"])
        try quit(terminal)
        #expect(!terminal.transcript.contains("zoe-at-acmezoe"), "the typed-ahead line was glued to the refused one")
    }

    @Test func textTypedAtAnInfoScreenWithTheNextAnswerTypedAheadAnswersInOrder() throws {
        let (terminal, _) = try startAtWelcome()
        terminal.send("Acme\rzoe@acme.com\r")
        try terminal.expect("This screen takes no answer")
        try terminal.expect("What is the annual budget of the account?")
        try terminal.expect("> ")
        try expectAnswers(
            terminal, ["1. Which client is this about? — Acme", "2. What is your main contact's email address? — zoe@acme.com"])
        try quit(terminal)
    }

    @Test func ctrlRSearchesTheHistoryWithAPromptThatSaysSo() throws {
        let (terminal, _) = try startAtWelcome()
        terminal.send(.enter)
        try terminal.expect("Which client is this about?")
        try terminal.expect("> ")
        terminal.send("Nordwind GmbH")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send("zoe@nordwind.example")
        terminal.send(.enter)
        try terminal.expect("What is the annual budget of the account?")
        try terminal.expect("> ")
        terminal.send("/back")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send(.ctrlR)
        try terminal.expect("search history (type to find, Esc to stop): ")
        terminal.send("nord")
        try terminal.expect("search history for 'nord': zoe@nordwind.example")
        terminal.send(.ctrlR)
        try terminal.expect("search history for 'nord': Nordwind GmbH")
        terminal.send("x")
        try terminal.expect("no line in history has 'nordx': ")
        terminal.send(.backspace)
        try terminal.expect("search history for 'nord': zoe@nordwind.example")
        terminal.send(.enter)
        try terminal.expect("What is the annual budget of the account?")
        try expectAnswers(terminal, ["2. What is your main contact's email address? — zoe@nordwind.example"])
        try quit(terminal)
        #expect(!terminal.transcript.contains("bck:"), "libedit's own search prompt is showing")
    }

    @Test func ctrlGLeavesTheSearchWithTheLineAsItWas() throws {
        let (terminal, _) = try startAtWelcome()
        terminal.send(.enter)
        try terminal.expect("Which client is this about?")
        try terminal.expect("> ")
        terminal.send("Acme")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send("zoe@")
        terminal.send(.ctrlR)
        terminal.send("Ac")
        try terminal.expect("search history for 'Ac': Acme")
        terminal.send("\u{7}")  // Ctrl-G
        try terminal.expect("> zoe@")
        terminal.send("acme.com")
        terminal.send(.enter)
        try terminal.expect("What is the annual budget of the account?")
        try expectAnswers(terminal, ["2. What is your main contact's email address? — zoe@acme.com"])
        try quit(terminal)
    }

    @Test func serveAtATerminalSaysWhatItSpeaksAndHowToStop() throws {
        let (terminal, _) = try CoachBinary.terminal(["serve"])
        try terminal.expect("coach serve speaks JSON-RPC 2.0 on stdin/stdout")
        try terminal.expect("press Ctrl-D to stop.")
        terminal.send(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\r")
        try terminal.expect(#""id":1"#)
        terminal.send(.ctrlD)
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.transcript.components(separatedBy: "speaks JSON-RPC").count == 2, "said more than once")
    }

    @Test func servePipedSaysNothingOnStderr() throws {
        let result = try CoachBinary.piped(["serve"], input: #"{"jsonrpc":"2.0","id":1,"method":"ping"}"# + "\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""id":1"#))
        #expect(!result.stderr.contains("speaks JSON-RPC"), "stderr: \(result.stderr)")
    }
}
