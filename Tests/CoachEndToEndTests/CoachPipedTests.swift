import Foundation
import Testing

/// `coach` and `coach run` with no terminal: lines in on a pipe, drafts out, problems on stderr.
@Suite(.timeLimit(.minutes(1)))
struct CoachPipedTests {
    /// One line per question of account-checkup (the info step asks nothing and takes no line).
    static let answers = [
        "Zoë Müller GmbH", "", "$120,000", "", "shaky", "Late deliveries", "4", "José Álvarez", "",
        "2026-03-09", "", "email, phone", "北京 office; Tom Reed", "82%",
    ]

    @Test func linesFillThePlaybookAndOnlyTheDraftsArePrinted() throws {
        let result = try CoachBinary.piped(["run", "account-checkup"], input: Self.answers.joined(separator: "\n") + "\n")
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("== Check-up email ==\nSubject: Zoë Müller GmbH: our account check-up\n\nHello,\n"))
        #expect(result.stdout.contains("Issue 1: Late deliveries (severity 4, owner José Álvarez)\n"))
        #expect(result.stdout.contains("Tell: 北京 office\n"))
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(!result.stdout.contains("?"), "no question text in the output")
        #expect(!result.stdout.contains("> "))
    }

    @Test func inputThatEndsEarlyExitsOneNamingTheStep() throws {
        let result = try CoachBinary.piped(["run", "account-checkup"], input: "Acme\n\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("the input ended at the question 'What is the annual budget of the account?' (step budget)"))
        #expect(result.stderr.contains("coach serve"))
        #expect(result.stderr.contains("coach run account-checkup --answers FILE"))
    }

    @Test func aRefusedLineStopsTheRunSoNoLaterLineAnswersTheWrongQuestion() throws {
        let home = try PseudoTerminal.makeTemporaryFolder() + "/coach"
        var lines = Self.answers
        lines[2] = "lots"
        let result = try CoachBinary.piped(
            ["run", "account-checkup"], input: lines.joined(separator: "\n") + "\n", environment: ["COACH_HOME": home])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "no draft from the lines after the refusal: \(result.stdout)")
        #expect(result.stderr.contains("coach: line 3 (What is the annual budget of the account?): 'lots' is not an amount"))
        #expect(result.stderr.contains("fix line 3 and run again"))
        #expect(result.stderr.contains("saved with the 2 answers before that line"))
        #expect(!result.stderr.contains("line 4"), "no later line was read: \(result.stderr)")
        // The saved session waits at the refused question: the lines from there on finish it as they were meant.
        let resume = try #require(result.stderr.range(of: #"coach sessions resume (s-[^`]+)`"#, options: .regularExpression))
        let id = String(result.stderr[resume].dropFirst("coach sessions resume ".count).dropLast())
        let rest = Self.answers.dropFirst(2).joined(separator: "\n") + "\n"
        let resumed = try CoachBinary.piped(["sessions", "resume", id], input: rest, environment: ["COACH_HOME": home])
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.hasPrefix("== Check-up email ==\nSubject: Zoë Müller GmbH: our account check-up\n"))
        #expect(resumed.stdout.contains("Issue 1: Late deliveries (severity 4, owner José Álvarez)\n"))
    }

    @Test func aRefusedLineWithoutAStoreSaysNothingWasSaved() throws {
        var lines = Self.answers
        lines[2] = "lots"
        let result = try CoachBinary.piped(["run", "account-checkup", "--no-store"], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'lots' is not an amount"))
        #expect(result.stderr.contains("nothing was saved"))
        #expect(!result.stderr.contains("coach sessions resume"))
    }

    @Test(arguments: ["/skip", "/goto nothing"])
    func aRefusedCommandStopsTheRunToo(command: String) throws {
        // The line after it was meant for another question: read on, it would answer the budget.
        var lines = Self.answers
        lines.insert(command, at: 2)
        let result = try CoachBinary.piped(["run", "account-checkup", "--no-store"], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("coach: line 3 (What is the annual budget of the account?): \(command) was refused"))
        #expect(result.stderr.contains("nothing was saved"))
        #expect(!result.stderr.contains("→ $120,000"), "the line after it was not read: \(result.stderr)")
    }

    @Test func homeScreenTakesTheFirstLineAsThePlaybook() throws {
        let input = (["account-checkup"] + Self.answers).joined(separator: "\n") + "\n"
        let result = try CoachBinary.piped([], input: input)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("== Check-up email =="))
    }

    @Test func aHomeScreenLineThatPicksNoPlaybookStopsTheRun() throws {
        // Read on, the severity line "4" would start the fourth playbook and the lines after it would answer it.
        let input = (["acount-checkup"] + Self.answers).joined(separator: "\n") + "\n"
        let result = try CoachBinary.piped([], input: input)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "\(result.stdout)")
        #expect(result.stderr.contains("coach: line 1: There is no playbook 'acount-checkup'. Did you mean 'account-checkup'?"))
        #expect(result.stderr.contains("fix line 1 so it names a playbook"))
        #expect(!result.stderr.contains("line 2"), "\(result.stderr)")
    }

    @Test func emptyInputOnTheHomeScreenExitsOne() throws {
        let result = try CoachBinary.piped([], input: "")
        #expect(result.status == 1)
        #expect(result.stderr.contains("before a playbook was picked"))
    }

    @Test func unknownPlaybookIsAClearError() throws {
        let result = try CoachBinary.piped(["run", "acount-checkup"], input: "")
        #expect(result.status == 1)
        #expect(result.stderr.contains("There is no playbook 'acount-checkup'. Did you mean 'account-checkup'?"))
    }

    @Test func commandsWorkInPipedModeWithoutPromptNoise() throws {
        let input = (Self.answers + ["/save \(NSTemporaryDirectory())coach-piped-test.md"]).joined(separator: "\n") + "\n"
        let result = try CoachBinary.piped(["run", "account-checkup"], input: input)
        #expect(result.status == 0)
        #expect(result.stderr.contains("Saved 2 drafts to"))
        let saved = try String(contentsOfFile: NSTemporaryDirectory() + "coach-piped-test.md", encoding: .utf8)
        #expect(saved.hasPrefix("# Account check-up\n\n## Check-up email\n"))
    }

    /// Runs the input-check playbook (see CoachPseudoTerminalTests) with `lines` piped in.
    private func runInputCheck(_ lines: [String], home: String? = nil) throws -> CoachBinary.PipedResult {
        let folder = try PseudoTerminal.makeTemporaryFolder()
        try CoachPseudoTerminalTests.inputPlaybook.write(toFile: folder + "/input-check.yaml", atomically: true, encoding: .utf8)
        let environment = home.map { ["COACH_HOME": $0] } ?? [:]
        return try CoachBinary.piped(
            ["run", "input-check", "--playbooks", folder], input: lines.map { $0 + "\n" }.joined(), environment: environment)
    }

    @Test func multiLineAnswersReadUpToTheDotAndListsUpToAnEmptyLine() throws {
        let result = try runInputCheck(["Discovery", "Pilot", "", "A calm reset", "yes", "Line one.", "Line two.", "."])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            result.stdout
                == "== Summary ==\nMilestones: [Discovery] [Pilot]\nOutcome: A calm reset\nUrgent: yes\nNote: Line one.\nLine two.\n")
    }

    @Test func linesLeftAfterTheEndAreAnErrorAndNoMenuReachesStdout() throws {
        let result = try runInputCheck(["A; B", "", "", "Only line.", ".", "stray", "/answers"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("the playbook was finished before line 6 ('stray')"))
        #expect(result.stdout.hasPrefix("== Summary =="))
        #expect(!result.stdout.contains("Next:"))
        #expect(!result.stdout.contains("/save"))
    }

    @Test func aBlockLeftOpenIsAnError() throws {
        let result = try runInputCheck(["A; B", "", "", "Line one.", "Line two."])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("the input ended inside the multi-line answer to 'What should the team know?' (2 lines so far)"))
    }

    @Test func aRunThatFailsBeforeItsFirstAnswerLeavesNoSession() throws {
        let home = try PseudoTerminal.makeTemporaryFolder() + "/coach"
        let result = try runInputCheck([], home: home)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nothing was answered, so no session was saved"))
        let listing = try CoachBinary.piped(["sessions"], input: "", environment: ["COACH_HOME": home])
        #expect(!listing.stdout.contains("input-check"), "left behind: \(listing.stdout)")
        let answered = try runInputCheck(["A; B"], home: home)
        #expect(answered.status == 1)
        let kept = try CoachBinary.piped(["sessions"], input: "", environment: ["COACH_HOME": home])
        #expect(kept.stdout.contains("input-check"), "an answered session is kept: \(kept.stdout)")
    }
}

/// `coach sessions` on a narrow listing and piped runs that leave nothing behind.
@Suite(.timeLimit(.minutes(1)))
struct CoachSessionsListingTests {
    /// The columns `line` takes on a terminal (CJK characters take two).
    static func columns(_ line: Substring) -> Int {
        line.unicodeScalars.reduce(0) { width, scalar in
            width
                + ((0x1100...0x115F).contains(scalar.value) || (0x2E80...0xA4CF).contains(scalar.value)
                    || (0xAC00...0xD7A3).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
                    || (0xFF00...0xFF60).contains(scalar.value) ? 2 : 1)
        }
    }

    @Test func theListingFitsEightyColumnsAndLongTitlesEndInAnEllipsis() throws {
        let home = try PseudoTerminal.makeTemporaryFolder() + "/coach"
        let long = "Brasserie Lumière Group Holdings International 北京 Logistics Division"
        for client in [long, "Acme"] {
            let run = try CoachBinary.piped(["run", "account-checkup"], input: client + "\n", environment: ["COACH_HOME": home])
            #expect(run.status == 1)
        }
        let listing = try CoachBinary.piped(["sessions"], input: "", environment: ["COACH_HOME": home])
        #expect(listing.status == 0)
        let lines = listing.stdout.split(separator: "\n")
        #expect(lines.count == 3, "\(listing.stdout)")
        for line in lines {
            #expect(Self.columns(line) <= 80, "\(Self.columns(line)) columns: \(line)")
        }
        #expect(lines.first?.hasPrefix("ID") == true && lines.first?.contains("TITLE") == true)
        let cut = try #require(lines.first { $0.contains("Brasserie") })
        #expect(cut.hasSuffix("…"), "\(cut)")
        #expect(cut.contains("account-checkup · Brasserie Lumière"))
        #expect(lines.contains { $0.hasSuffix("account-checkup · Acme") })
    }

    /// A folder holding the short-check playbook: an info screen, then one email question.
    static func shortCheckFolder() throws -> String {
        let folder = try PseudoTerminal.makeTemporaryFolder()
        let playbook = """
            format: 1
            id: short-check
            title: Short check
            summary: One email question.
            version: 1
            steps:
              - id: intro
                type: info
                text: Nothing to answer here.
              - id: contact
                type: email
                ask: Who should hear about it?
            outputs:
              - id: note
                title: Note
                kind: note
                body: "Tell {{contact}}."
            """
        try playbook.write(toFile: folder + "/short-check.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test(
        "piped input that leaves before its first answer, by /quit or by ending, keeps no session",
        arguments: [
            (["run", "short-check"], "/quit\n", 0), (["run", "short-check"], "/back\n/quit\n", 0),
            (["run", "short-check"], "/back\n/skip\n/quit\n", 1),
            ([], "short-check\n", 1), ([], "short-check\n/help\n/quit\n", 0),
        ])
    func leavingBeforeTheFirstAnswerKeepsNothing(arguments: [String], input: String, status: Int32) throws {
        let home = try PseudoTerminal.makeTemporaryFolder() + "/coach"
        let folder = try Self.shortCheckFolder()
        let run = try CoachBinary.piped(arguments + ["--playbooks", folder], input: input, environment: ["COACH_HOME": home])
        #expect(run.status == status, "\(run.stderr)")
        #expect(run.stderr.contains("no session was saved"), "\(run.stderr)")
        #expect(!run.stderr.contains("It is saved"), "\(run.stderr)")
        let listing = try CoachBinary.piped(["sessions"], input: "", environment: ["COACH_HOME": home])
        #expect(listing.stdout.isEmpty, "left behind: \(listing.stdout)")
    }

    @Test func aRunWhoseFirstAnswerIsRefusedLeavesNoSession() throws {
        let home = try PseudoTerminal.makeTemporaryFolder() + "/coach"
        let folder = try Self.shortCheckFolder()
        let run = try CoachBinary.piped(
            ["run", "short-check", "--playbooks", folder], input: "not-an-address\n", environment: ["COACH_HOME": home])
        #expect(run.status == 1)
        #expect(run.stderr.contains("is not an email address"))
        #expect(run.stderr.contains("nothing was answered, so no session was saved"))
        #expect(!run.stderr.contains("answered."), "progress counted the info screen as an answer: \(run.stderr)")
        let listing = try CoachBinary.piped(["sessions"], input: "", environment: ["COACH_HOME": home])
        #expect(listing.stdout.isEmpty, "left behind: \(listing.stdout)")
        #expect(listing.stderr.contains("No saved sessions yet"))
        let devNull = try CoachBinary.piped(["run", "short-check", "--playbooks", folder], input: "", environment: ["COACH_HOME": home])
        #expect(devNull.status == 1)
        let after = try CoachBinary.piped(["sessions"], input: "", environment: ["COACH_HOME": home])
        #expect(after.stdout.isEmpty, "left behind: \(after.stdout)")
    }
}
