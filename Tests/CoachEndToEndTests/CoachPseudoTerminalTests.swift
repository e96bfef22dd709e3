import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The real `coach` binary in a real pseudo-terminal: line editing, history, Tab, Ctrl-C, Ctrl-D, Unicode, colour.
@Suite(.timeLimit(.minutes(1)))
struct CoachPseudoTerminalTests {
    /// The SGR codes the REPL's styles use (bold, dim, red, green and their resets).
    static let styleCodes = ["\u{1B}[1m", "\u{1B}[2m", "\u{1B}[22m", "\u{1B}[31m", "\u{1B}[32m", "\u{1B}[39m"]

    /// Starts account-checkup and answers the info step, leaving the client question on screen.
    private func startAtClient(
        home: String? = nil, environment: [String: String] = ["NO_COLOR": "1"], arguments: [String] = []
    ) throws -> (PseudoTerminal, String) {
        let (terminal, home) = try CoachBinary.terminal(["run", "account-checkup"] + arguments, home: home, environment: environment)
        try terminal.expect("Press Enter to go on.")
        try terminal.expect("> ")
        terminal.send(.enter)
        try terminal.expect("Which client is this about?")
        try terminal.expect("> ")
        return (terminal, home)
    }

    /// Shows the answers and expects the client's to be `client`.
    private func expectClient(_ terminal: PseudoTerminal, _ client: String) throws {
        terminal.send("/answers")
        terminal.send(.enter)
        try terminal.expect("Your answers so far:")
        try terminal.expect("1. Which client is this about? — " + client + "\r\n")
    }

    /// Presses Ctrl-D at an empty prompt and expects the goodbye and exit status 0.
    private func quit(_ terminal: PseudoTerminal, awaitPrompt: Bool = true) throws {
        if awaitPrompt { try terminal.expect("> ") }
        terminal.send(.ctrlU)
        terminal.send(.ctrlD)
        try terminal.expect("unfinished")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test func cursorMovementEditsTheLine() throws {
        let (terminal, _) = try startAtClient()
        terminal.send("cme Logistcs")
        terminal.send(.left, .left)
        terminal.send("i")
        terminal.send(.home)
        terminal.send("A")
        terminal.send(.end)
        terminal.send(" Ltd")
        terminal.send(.enter)
        try terminal.expect("What is your main contact's email address?")
        try expectClient(terminal, "Acme Logistics Ltd")
        try quit(terminal)
    }

    @Test func upRecallsAnAnswerFromAPreviousRun() throws {
        let (first, home) = try startAtClient()
        first.send("Nordwind GmbH")
        first.send(.enter)
        try first.expect("email address?")
        try quit(first)

        let history = home + "/coach/history"
        let mode = try FileManager.default.attributesOfItem(atPath: history)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: home + "/coach")[.posixPermissions] as? NSNumber
        #expect(folder?.intValue == 0o700)

        let (second, _) = try startAtClient(home: home)
        second.send(.up)
        second.send(.enter)
        try second.expect("email address?")
        try expectClient(second, "Nordwind GmbH")
        try quit(second)
    }

    @Test func tabCompletesAPlaybookIdAndACommand() throws {
        let (terminal, _) = try CoachBinary.terminal([], environment: ["NO_COLOR": "1"])
        try terminal.expect("coach> ")
        terminal.send("acc")
        terminal.send(.tab)
        _ = terminal.drain(for: 0.2)
        terminal.send(.enter)
        try terminal.expect("[1/14]")
        try terminal.expect("> ")
        terminal.send(.enter)
        try terminal.expect("Which client is this about?")
        try terminal.expect("> ")
        terminal.send("/ans")
        terminal.send(.tab)
        _ = terminal.drain(for: 0.2)
        terminal.send(.enter)
        try terminal.expect("No answers yet.")
        try quit(terminal)
    }

    @Test func ctrlCCancelsAHalfTypedLineAndAsksTheSameQuestion() throws {
        let (terminal, _) = try startAtClient()
        terminal.send("half typed")
        try terminal.expect("half typed")
        usleep(300_000)  // the kernel drops typed-but-unread input on Ctrl-C
        terminal.send(.ctrlC)
        try terminal.expect("Cleared the line. To leave, type /quit or press Ctrl-D")
        try terminal.expect("Which client is this about?")
        try terminal.expect("> ")
        terminal.send("Acme")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try expectClient(terminal, "Acme")
        try quit(terminal)
    }

    @Test func ctrlDOnAnEmptyLineExitsZeroAndSaysWhatHappens() throws {
        let (terminal, _) = try startAtClient()
        terminal.send(.ctrlD)
        try terminal.expect("unfinished at 'Which client is this about?'")
        try terminal.expect("coach sessions resume s-")
        #expect(try terminal.waitForExit() == 0)
    }

    @Test(arguments: ["C.UTF-8", "C"])
    func nonASCIIRoundTripsIntoTheDraftWhateverTheLocale(lang: String) throws {
        let (terminal, _) = try startAtClient(environment: ["NO_COLOR": "1", "LANG": lang])
        terminal.send("Zoë Müller 北京")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send("/preview")
        terminal.send(.enter)
        try terminal.expect("Subject: Zoë Müller 北京: our account check-up")
        try quit(terminal)
    }

    @Test(arguments: [["NO_COLOR": "1"], [:]])
    func noColorMeansNoStyleCodes(environment: [String: String]) throws {
        let arguments = environment.isEmpty ? ["--no-color"] : []
        let (terminal, _) = try startAtClient(environment: environment, arguments: arguments)
        terminal.send("Acme")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send("not an email")
        terminal.send(.enter)
        try terminal.expect("is not an email address")
        try quit(terminal)
        for code in Self.styleCodes {
            #expect(!terminal.transcript.contains(code), "found \(code.debugDescription)")
        }
    }

    @Test func coloursAreOnAtATerminalByDefault() throws {
        let (terminal, _) = try startAtClient(environment: [:])
        try quit(terminal, awaitPrompt: false)
        #expect(terminal.transcript.contains("\u{1B}[1m[2/14] Which client is this about?\u{1B}[22m"))
    }

    @Test func anAnswerHoldingAClearScreenSequenceIsShownInert() throws {
        let (terminal, _) = try startAtClient()
        // Ctrl-V inserts the next key literally, so the answer really holds ESC [ 2 J.
        terminal.send("\u{16}\u{1B}[2J Evil Corp")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send("/answers")
        terminal.send(.enter)
        try terminal.expect("— ␛[2J Evil Corp")
        terminal.send("/preview")
        terminal.send(.enter)
        try terminal.expect("Subject: ␛[2J Evil Corp: our account check-up")
        try quit(terminal)
        #expect(!terminal.transcript.contains("\u{1B}[2J"))
    }

    /// A playbook with an info screen, a list, a one-line answer, a yes/no with a default and a multi-line answer.
    static let inputPlaybook = """
        format: 1
        id: input-check
        title: Input check
        summary: Every kind of line.
        version: 1
        steps:
          - id: intro
            type: info
            text: Nothing to answer here.
          - id: milestones
            type: list
            ask: Which milestones are done?
          - id: outcome
            ask: What outcome does the client want?
            default: Back on plan
          - id: urgent
            type: yesno
            ask: Is it urgent?
            default: "no"
          - id: note
            type: multiline
            ask: What should the team know?
        outputs:
          - id: summary
            title: Summary
            kind: note
            body: |
              Milestones:{{#milestones}} [{{.}}]{{/milestones}}
              Outcome: {{outcome}}
              Urgent: {{urgent}}
              Note: {{note}}
        """

    /// Starts the input-check playbook from a folder of its own, past nothing yet.
    private func startInputCheck() throws -> PseudoTerminal {
        let folder = try PseudoTerminal.makeTemporaryFolder()
        try Self.inputPlaybook.write(toFile: folder + "/input-check.yaml", atomically: true, encoding: .utf8)
        let (terminal, _) = try CoachBinary.terminal(["run", "input-check", "--playbooks", folder], environment: ["NO_COLOR": "1"])
        try terminal.expect("Press Enter to go on.")
        try terminal.expect("> ")
        return terminal
    }

    /// A paste as a terminal in bracketed-paste mode sends it (line breaks as carriage returns).
    private func paste(_ terminal: PseudoTerminal, _ text: String) {
        terminal.send("\u{1B}[200~" + text.replacingOccurrences(of: "\n", with: "\r") + "\u{1B}[201~")
    }

    @Test func aPastedBlockIsOneAnswerAndBracketedPasteIsOffAtExit() throws {
        let terminal = try startInputCheck()
        // Typed at the info screen: kept for the next question, not lost.
        terminal.send("Discovery")
        terminal.send(.enter)
        try terminal.expect("This screen takes no answer")
        try terminal.expect("Which milestones are done?")
        try terminal.expect("> Discovery")
        terminal.send(.ctrlU)
        paste(terminal, "Discovery\nPilot in two depots\nRollout\n")
        try terminal.expect("Discovery; Pilot in two depots; Rollout")
        terminal.send(.enter)
        try terminal.expect("What outcome does the client want?")
        try terminal.expect("> ")
        // Up brings the default into the line to edit; the line itself starts empty.
        terminal.send(.up)
        try terminal.expect("Back on plan")
        terminal.send(" by March")
        terminal.send(.enter)
        try terminal.expect("Is it urgent?")
        try terminal.expect("> ")
        // ? at a question with a default is help, never "no?".
        terminal.send("?")
        terminal.send(.enter)
        try terminal.expect("Answer yes or no")
        try terminal.expect("> ")
        terminal.send(.enter)
        try terminal.expect("What should the team know?")
        try terminal.expect("> ")
        paste(terminal, "First line.\n.\n/quit\nLast line.")
        try terminal.expect("| /quit\r\n| Last line.\r\nPasted 4 lines into the answer")
        try terminal.expect("| ")
        terminal.send(".")
        terminal.send(.enter)
        try terminal.expect("Milestones: [Discovery] [Pilot in two depots] [Rollout]")
        try terminal.expect("Outcome: Back on plan by March")
        try terminal.expect("Urgent: no")
        try terminal.expect("Note: First line.\r\n.\r\n/quit\r\nLast line.")
        try terminal.expect("done> ")
        terminal.send(.ctrlD)
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.transcript.contains("\u{1B}[?2004h"), "bracketed paste was never turned on")
        let on = terminal.transcript.range(of: "\u{1B}[?2004h", options: .backwards)!
        let off = try #require(terminal.transcript.range(of: "\u{1B}[?2004l", options: .backwards), "paste mode left on")
        #expect(off.lowerBound > on.lowerBound, "paste mode left on at exit")
    }

    @Test func aPasteIntoTypedTextKeepsTheSpaceBeforeIt() throws {
        let (terminal, _) = try startAtClient()
        terminal.send("Acme")
        paste(terminal, " Logistics\nand Sons ")
        terminal.send("Ltd")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try expectClient(terminal, "Acme Logistics and Sons Ltd")
        try quit(terminal)
    }

    @Test func aRefusedAnswerIsBackInTheLineAndCommandsStillWork() throws {
        let (terminal, _) = try startAtClient()
        terminal.send("Acme")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try terminal.expect("> ")
        terminal.send("zoe-at-acme")
        terminal.send(.enter)
        try terminal.expect("is not an email address")
        try terminal.expect("> zoe-at-acme")
        // /skip typed after the rejected text is the command.
        terminal.send("/skip")
        terminal.send(.enter)
        try terminal.expect("What is the annual budget of the account?")
        try quit(terminal)
    }

    @Test func ctrlZWithNoJobControlToStopCoachKeepsTheTypedText() throws {
        // The pseudo-terminal's child leads its own session, so nothing can stop it: Ctrl-Z must not clear the line.
        let (terminal, _) = try startAtClient()
        terminal.send("Acme")
        _ = terminal.drain(for: 0.3)
        terminal.send("\u{1A}")  // Ctrl-Z
        _ = terminal.drain(for: 0.5)
        kill(terminal.pid, SIGCONT)
        terminal.send(" Logistics")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try expectClient(terminal, "Acme Logistics")
        try quit(terminal)
    }

    @Test func ctrlZGivesTheTerminalBackWithoutPasteModeAndFgResumes() throws {
        let (terminal, _) = try startAtClient()
        let before = terminal.transcript.count
        terminal.send("\u{1A}")  // Ctrl-Z
        _ = terminal.drain(for: 0.5)
        let stopped = String(terminal.transcript.dropFirst(before))
        #expect(stopped.contains("\u{1B}[?2004l"), "paste mode still on while stopped: \(stopped.debugDescription)")
        kill(terminal.pid, SIGCONT)
        terminal.send("Acme")
        terminal.send(.enter)
        try terminal.expect("email address?")
        try quit(terminal)
    }
}
