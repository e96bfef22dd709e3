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
        #expect(result.stderr.contains("the input ended at step 'budget' of 'account-checkup'"))
        #expect(result.stderr.contains("coach serve"))
        #expect(result.stderr.contains("coach run account-checkup --answers FILE"))
    }

    @Test func invalidLinesAreReportedOnStderrAndTheNextLineAnswersAgain() throws {
        var lines = Self.answers
        lines.insert("lots", at: 2)
        let result = try CoachBinary.piped(["run", "account-checkup"], input: lines.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("coach: budget: 'lots' is not an amount"))
        #expect(result.stdout.hasPrefix("== Check-up email =="))
    }

    @Test func homeScreenTakesTheFirstLineAsThePlaybook() throws {
        let input = (["account-checkup"] + Self.answers).joined(separator: "\n") + "\n"
        let result = try CoachBinary.piped([], input: input)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("== Check-up email =="))
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
}
