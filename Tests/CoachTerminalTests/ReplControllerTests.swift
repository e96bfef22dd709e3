import CoachCore
import CoachShell
import CoachTestSupport
import Foundation
import Testing

@testable import CoachTerminal

/// The REPL state machine driven line by line, with scripted input and captured output.
@Suite struct ReplControllerTests {
    /// A small playbook with a multi-line answer and a hand-off to the example playbook.
    static let notePlaybook = """
        format: 1
        id: quick-note
        title: Quick note
        summary: A short note to a client.
        version: 1
        minutes: 2
        steps:
          - id: client
            ask: Which client?
          - id: body
            type: multiline
            ask: What do you want to say?
            help: Write it as you would say it.
        outputs:
          - id: note
            title: The note
            kind: email
            subject: "For {{client}}"
            body: |
              Hello {{client}},

              {{body}}
        handoffs:
          - playbook: account-checkup
            label: Check the account's health
            carry:
              client: client
        """

    static func run(
        _ script: [String], playbook: String? = nil, interactive: Bool = true, color: Bool = false,
        files: ReplHarness.Files = ReplHarness.Files(),
        editor: @escaping (String) -> Result<String, ExternalEditor.Failure> = { _ in .failure(.init("none")) }
    ) -> (text: String, status: Int32, reader: ScriptedLineReader) {
        let controller = ReplHarness.controller(
            interactive: interactive, color: color, files: files, extra: [notePlaybook], editor: editor)
        return ReplHarness.transcript(script, playbook: playbook, controller: controller)
    }

    @Test func multilineAnswerEndsWithADotAndKeepsItsLinesInTheDraft() {
        let result = Self.run(["José", "First line.", "", "Second line, 北京.", ".", "/quit"], playbook: "quick-note")
        #expect(result.text.contains("finish with a line containing only ."))
        #expect(result.text.contains("Hello José,\n\nFirst line.\n\nSecond line, 北京.\n"))
        #expect(result.status == 0)
    }

    @Test func ctrlCInAMultilineAnswerKeepsTheLinesAbove() {
        let script = ["Acme", "kept line", ScriptedLineReader.interruptMarker, "second", ".", "/quit"]
        let result = Self.run(script, playbook: "quick-note")
        #expect(result.text.contains("the line above is kept"))
        #expect(result.text.contains("kept line\nsecond"))
    }

    @Test func editorFillsTheAnswer() {
        var seen: String?
        let result = Self.run(["Acme", "/editor", "/quit"], playbook: "quick-note") { initial in
            seen = initial
            return .success("Written in vim.\nTwo lines.")
        }
        #expect(seen == "")
        #expect(result.text.contains("Written in vim.\nTwo lines."))
    }

    @Test func editorMissingSaysHowToSetOne() {
        let result = Self.run(["Acme", "/editor", ScriptedLineReader.interruptMarker, "/quit"], playbook: "quick-note") { _ in
            .failure(ExternalEditor.Failure("No editor is set: set VISUAL or EDITOR."))
        }
        #expect(result.text.contains("✗ No editor is set: set VISUAL or EDITOR."))
    }

    @Test func handoffStartsTheNextPlaybookWithTheCarriedAnswer() {
        let result = Self.run(["Nordwind GmbH", "Thanks.", ".", "1", "", "/quit"], playbook: "quick-note")
        #expect(result.text.contains("1. Check the account's health: start account-checkup"))
        #expect(result.text.contains("Default: Nordwind GmbH (from Quick note). Enter keeps it"))
    }

    @Test("a hand-off from a session whose account was merged carries the account's name, not the misspelt answer")
    func handoffAfterAMergeCarriesTheMergedAccount() throws {
        let visit = ClientVisitPlaybook.yaml
        let catalog = ReplHarness.catalog(extra: [visit])
        let service = SessionService.inMemory(catalog: catalog, reason: "tests", today: { ReplHarness.today })
        func finished(_ client: String) throws -> String {
            let id = try service.start(playbookID: "client-visit", origin: .repl).sessionID
            _ = try service.apply(id, .answer(.text(client), step: "client"))
            _ = try service.apply(id, .answer(.text("Zoë"), step: "contact"))
            return id
        }
        let typo = try finished("Nortwind GmbH")
        _ = try finished("Nordwind GmbH")
        _ = try service.mergeAccounts("Nortwind GmbH", into: "Nordwind GmbH")

        var controller = ReplController(
            catalog: catalog, options: .init(interactive: true, style: .plain, columns: { 80 }),
            services: ReplServices(sessions: service, today: { ReplHarness.today }))
        let resumed = controller.start(playbookID: nil, resume: typo)
        #expect(resumed.output.contains("1. Check this account's health: start account-checkup"), "\(resumed.output)")
        _ = controller.handle(.line("1"))
        let next = controller.handle(.line(""))  // past the info screen
        #expect(next.output.contains("Default: Nordwind GmbH (from Client visit)"), "\(next.output)")
        #expect(!next.output.contains("Nortwind"))
    }

    @Test("a refusal wider than a narrow terminal wraps between words, its lines indented under the text")
    func refusalsWrapToTheTerminal() {
        let controller = ReplHarness.controller(columns: 60)
        let script = ["", "Acme", "", "€120k", "$36k", "/quit", "/quit"]
        let result = ReplHarness.transcript(script, playbook: "account-checkup", controller: controller)
        let lines = result.text.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("✗ '$36k' is in $") }) else {
            Issue.record("no refusal of $36k in:\n\(result.text)")
            return
        }
        let refusal = lines[start...].prefix { $0.hasPrefix("✗ ") || $0.hasPrefix("  ") && !$0.hasPrefix("  Default") }
        #expect(refusal.count >= 3, "\(refusal)")
        for line in refusal {
            #expect(TerminalText.displayWidth(line) <= 59, "too wide: \(line)")
        }
        for line in refusal.dropFirst() {
            #expect(line.hasPrefix("  ") && !line.hasPrefix("   "), "not indented under the text: \(line)")
        }
        let words = refusal.map { $0.dropFirst(2) }.joined(separator: " ")
        #expect(words.contains("no draft mixes currencies"), "\(words)")
    }

    @Test("piped mode shows what it understood by the line and the words of its question, not the step id")
    func pipedEchoNamesTheLineAndTheQuestion() {
        let result = Self.run(["Acme", "", "120k"], playbook: "account-checkup", interactive: false)
        #expect(result.text.contains("[stderr] coach: line 3 (What is the annual budget of the account?) → $120,000\n"), "\(result.text)")
        #expect(!result.text.contains("coach: budget"))
    }

    @Test func escapeSequencesInAnswersAreNeverEchoedRaw() {
        let evil = "\u{1B}[2J\u{1B}[31mEvil Corp\u{7}"
        for color in [false, true] {
            let result = Self.run([evil, "/answers", "Body \u{1B}[2J", ".", "/show note", "/quit"], playbook: "quick-note", color: color)
            let output = result.text.replacingOccurrences(of: TerminalText.neutralize(evil), with: "")
            #expect(!result.text.contains("\u{1B}[2J"))
            #expect(!result.text.contains("\u{7}"))
            #expect(result.text.contains("␛[2J"))
            if !color { #expect(!output.contains("\u{1B}")) }
        }
    }

    @Test func colourOnlyWhenAsked() {
        let plain = Self.run(["/quit"], playbook: "account-checkup")
        #expect(!plain.text.contains("\u{1B}"))
        let coloured = Self.run(["", "x", "/quit"], playbook: "quick-note", color: true)
        #expect(coloured.text.contains("\u{1B}[1m[1/2] Which client?\u{1B}[22m"))
    }

    @Test func invalidAnswerSaysWhyInRedAndAsksAgain() {
        let result = Self.run(["", "", "", "/quit"], playbook: "quick-note", color: true)
        #expect(result.text.contains("\u{1B}[31m✗ An answer is needed here; type one, or ? for an example.\u{1B}[39m"))
    }

    @Test func ctrlDMidSessionSaysWhatHappensAndExitsZero() {
        let result = Self.run(["Acme"], playbook: "quick-note")
        let text = result.text.replacingOccurrences(of: "\n", with: " ")
        #expect(result.status == 0)
        #expect(text.contains("This session is not saved (the tests keep sessions in memory). Keep a copy with"))
        #expect(text.contains("in memory). Use /export markdown FILE to keep a copy."))
        #expect(!text.contains("(This session"), "a reason is one sentence, never nested in another")
        #expect(text.contains("Leaving 'Quick note' unfinished at 'What do you want to say?'"))
    }

    @Test func pipedInputThatEndsEarlyExitsOneNamingTheStep() {
        let result = Self.run(["Acme"], playbook: "quick-note", interactive: false)
        #expect(result.status == 1)
        #expect(
            result.text.contains("[stderr] coach: the input ended at the question 'What do you want to say?' (step body) of 'quick-note'"))
        #expect(result.text.contains("coach serve"))
        #expect(result.text.contains("--answers FILE"))
        #expect(!result.text.contains("Which client?"))
    }

    @Test func pipedInputFillsThePlaybookAndPrintsTheOutputsOnly() {
        let result = Self.run(["Zoë Müller", "One line body.", "."], playbook: "quick-note", interactive: false)
        #expect(result.status == 0)
        let expected = "== The note ==\nSubject: For Zoë Müller\n\nHello Zoë Müller,\n\nOne line body.\n"
        #expect(result.text.contains("< .\n" + expected))
    }

    @Test func restartAsksFirstAndCtrlCKeepsTheAnswers() {
        let result = Self.run(["Acme", "/restart", "no", "/restart", "yes", "/quit"], playbook: "quick-note")
        #expect(result.text.contains("Your 1 answer will be cleared."))
        #expect(result.text.contains("Kept your answers."))
        #expect(result.text.contains("Started again from the first step."))
    }

    @Test func copyWritesAnOSC52SequenceWithTheDraft() {
        let result = Self.run(["Acme", "Hi.", ".", "/copy", "/copy nope", "/quit"], playbook: "quick-note")
        let payload = Data("Subject: For Acme\n\nHello Acme,\n\nHi.\n".utf8).base64EncodedString()
        #expect(result.text.contains("\u{1B}]52;c;\(payload)\u{7}"))
        #expect(result.text.contains("There is no draft 'nope'. The drafts are: note."))
    }

    @Test func saveWritesTextOrMarkdownByExtension() {
        let files = ReplHarness.Files()
        _ = Self.run(["Acme", "Hi.", ".", "/save a.txt", "/save b.md", "/save", "/quit"], playbook: "quick-note", files: files)
        #expect(files.written["a.txt"]?.hasPrefix("== The note ==\nSubject: For Acme") == true)
        #expect(files.written["b.md"]?.hasPrefix("# Quick note\n\n## The note\n") == true)
    }

    @Test func answersThatStartWithASlashAreEscapedWithTwo() {
        let result = Self.run(["//slash client", "x", ".", "/quit"], playbook: "quick-note")
        #expect(result.text.contains("Hello /slash client,"))
    }

    @Test func historyGetsTypedLinesButNotAcceptedDefaults() {
        let result = Self.run(["", "", "Acme", "", "/quit"], playbook: "account-checkup")
        #expect(result.reader.history == ["Acme", "/quit"])
    }

    @Test func homePicksByNumberOrIdAndRejectsOthers() {
        let count = ReplHarness.catalog(extra: [Self.notePlaybook]).entries.count
        let result = Self.run(["99", "quick", "\(count)", "/quit"])
        #expect(result.text.contains("✗ Type a number from 1 to"))
        #expect(result.text.contains("Did you mean 'quick-note'?"))
        #expect(result.text.contains("[1/2] Which client?"))
    }

    @Test func aPlaybookWithErrorsPickedOnTheHomeScreenShowsEachErrorOnItsOwnLine() {
        let broken = Self.notePlaybook.replacingOccurrences(of: "id: quick-note", with: "id: broken-note")
            .replacingOccurrences(of: "minutes: 2", with: "minutes: 2\nowner: me")
        let controller = ReplHarness.controller(extra: [broken])
        let result = ReplHarness.transcript(["broken-note", "/quit"], controller: controller)
        #expect(result.text.contains("✗ The playbook 'broken-note' (extra0.yaml) has 1 error and cannot run:\n    extra0.yaml:"))
        #expect(result.text.contains("unknown key 'owner'"))
        #expect(!result.text.contains("␊"), "\(result.text)")
        #expect(!result.text.contains("Did you mean"))
    }

    @Test func tabCompletesCommandsIdsStepsAndChoices() {
        var controller = ReplHarness.controller(extra: [Self.notePlaybook])
        _ = controller.start(playbookID: nil)
        #expect(controller.completions(for: "acc") == ["account-checkup"])
        #expect(controller.completions(for: "q") == ["quick-note"])
        #expect(controller.completions(for: "/q") == ["/quit"])
        _ = controller.handle(.line("account-checkup"))
        #expect(controller.completions(for: "/g") == ["/goto"])
        #expect(controller.completions(for: "/s").contains("/skip"))
        for line in ["", "Acme", "", "$120,000", ""] { _ = controller.handle(.line(line)) }
        #expect(controller.completions(for: "sh") == ["shaky"])
        #expect(controller.completions(for: "/goto cl") == ["client"])
        #expect(controller.completions(for: "/goto b") == ["budget", "budget_change"])
    }

    @Test func multichoiceCompletesThePartAfterTheLastComma() {
        var controller = ReplHarness.controller()
        _ = controller.start(playbookID: "account-checkup")
        let lines = ["", "Acme", "", "$1,000", "", "good", "2026-03-09", "no"]
        for line in lines { _ = controller.handle(.line(line)) }
        #expect(controller.completions(for: "email,ph") == ["email,phone"])
        #expect(controller.completions(for: "v") == ["visit"])
    }

    @Test func theLineStartsEmptyAndTheDefaultIsOfferedUnderUpAndTab() {
        var controller = ReplHarness.controller()
        _ = controller.start(playbookID: "account-checkup")
        for line in ["", "Acme", "", "$1,000"] { _ = controller.handle(.line(line)) }
        // budget_change, default "0": nothing in the line, so typing never adds to the default.
        #expect(controller.request == LineRequest(prompt: "> ", text: nil, offer: "0"))
    }

    @Test func picksOfferTheirDefaultToo() {
        var controller = ReplHarness.controller()
        _ = controller.start(playbookID: "account-checkup")
        for line in ["", "Acme", "", "$1,000", "", "good", "2026-03-09"] { _ = controller.handle(.line(line)) }
        // weekends: a yes/no with default "no" — offered, not in the line (typing "yes" would read "noyes").
        #expect(controller.request == LineRequest(prompt: "> ", text: nil, offer: "no"))
        let reply = controller.handle(.line("yes"))
        #expect(reply.output.contains("How will you keep in touch?"))
        #expect(controller.request == LineRequest(prompt: "> ", text: nil, offer: "email", paste: .join(", ")))
    }
}
