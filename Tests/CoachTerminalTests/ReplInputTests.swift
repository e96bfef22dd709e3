import CoachCore
import Foundation
import Testing

@testable import CoachTerminal

/// Every typed, pasted or piped line lands on the question it was meant for, as the person meant it.
@Suite struct ReplInputTests {
    /// A playbook with an info screen, a list, a text answer, a yes/no, a multi-line answer and a choice.
    static let playbook = """
        format: 1
        id: input-check
        title: Input check
        summary: Every kind of line.
        version: 1
        steps:
          - id: intro
            type: info
            text: |
              A first line from the YAML file
              that goes on here.
          - id: milestones
            type: list
            ask: Which milestones are done?
          - id: outcome
            ask: What outcome does the client want?
          - id: urgent
            type: yesno
            ask: Is it urgent?
          - id: note
            type: multiline
            ask: What should the team know?
          - id: pace
            type: choice
            ask: How fast?
            default: this_week
            choices:
              - value: today
                label: Today
              - value: this_week
                label: This week
              - value: later
                label: Later, when there is time
        outputs:
          - id: summary
            title: Summary
            kind: note
            body: |
              Milestones:{{#milestones}} [{{.}}]{{/milestones}}
              Outcome: {{outcome}}
              Urgent: {{urgent}}
              Note: {{note}}
              Pace: {{pace}}
        """

    static func run(_ script: [String], interactive: Bool = true) -> (text: String, status: Int32, reader: ScriptedLineReader) {
        let controller = ReplHarness.controller(interactive: interactive, extra: [playbook])
        return ReplHarness.transcript(script, playbook: "input-check", controller: controller)
    }

    static let paste = ScriptedLineReader.pasteMarker

    @Test func aPastedListIsOneAnswerAndNeverAnswersTheNextQuestions() {
        let result = Self.run(["", Self.paste + "Discovery\nPilot in two depots\nRollout\n", "A calm reset", "yes", "Fine.", ".", ""])
        #expect(result.text.contains("Milestones: [Discovery] [Pilot in two depots] [Rollout]\n"))
        #expect(result.text.contains("Outcome: A calm reset\n"))
        #expect(result.text.contains("Urgent: yes\n"))
        #expect(!result.text.contains("✗"), "no question refused a line meant for another")
    }

    @Test func aListTakesOneItemPerLineUntilAnEmptyLine() {
        let result = Self.run(["", "Discovery", "Pilot; Training", "", "A calm reset", "no", "Fine.", ".", ""])
        #expect(result.text.contains("One item per line, then Enter on an empty line to finish"))
        #expect(result.text.contains("Item 1 kept. Type the next item, or press Enter on an empty line to finish."))
        #expect(result.text.contains("\n2> Pilot; Training\n4> \n"))
        #expect(result.text.contains("Milestones: [Discovery] [Pilot] [Training]\n"))
        #expect(result.text.contains("Outcome: A calm reset\n"))
    }

    @Test func aListOnOneLineWithSemicolonsIsAnsweredAtOnce() {
        let result = Self.run(["", "Discovery; Pilot", "A calm reset", "no", "Fine.", ".", ""])
        #expect(result.text.contains("Milestones: [Discovery] [Pilot]\n"))
    }

    @Test func aPasteIntoAOneLineAnswerBecomesOneLine() {
        let result = Self.run(["", "A; B", Self.paste + "Back on plan\nby March\n", "no", "Fine.", ".", ""])
        #expect(result.text.contains("Outcome: Back on plan by March\n"))
        #expect(result.text.contains("Urgent: no\n"))
    }

    @Test func aPastedBlockInAMultiLineAnswerKeepsDotsAndCommandsAsText() {
        let block = "First line.\n.\n/back\nLast line."
        let result = Self.run(["", "A; B", "C", "no", Self.paste + block, "/preview", "One more.", ".", ""])
        #expect(result.text.contains("Pasted 4 lines into the answer (a . or /command in a paste is text)."))
        #expect(result.text.contains("Note: First line.\n.\n/back\nLast line.\nOne more.\n"))
        // /preview alone on a line inside the block ran, and the block went on.
        #expect(result.text.contains("Drafts so far"))
    }

    @Test func theContinuationPromptIsNotTheTerminator() {
        let result = Self.run(["", "A; B", "C", "no", "One.", "Two.", ".", ""])
        #expect(result.text.contains("\n> One.\n| Two.\n| .\n"))
    }

    @Test func goingBackToAMultiLineAnswerShowsItAndEnterKeepsIt() {
        let result = Self.run(["", "A; B", "C", "no", "One.", "Two.", ".", "/back", "", ""])
        #expect(result.text.contains("Current answer, kept if you press Enter now; type new lines to replace it:\n    One.\n    Two.\n"))
        #expect(result.text.contains("Note: One.\nTwo.\n"))
    }

    @Test func textTypedAtAnInfoScreenIsKeptForTheNextQuestion() throws {
        var controller = ReplHarness.controller(extra: [Self.playbook])
        _ = controller.start(playbookID: "input-check")
        let reply = controller.handle(.line("Discovery; Pilot"))
        #expect(reply.output.contains("This screen takes no answer, so your text is kept in the line"))
        #expect(reply.output.contains("Which milestones are done?"))
        #expect(controller.request.text == "Discovery; Pilot")
        _ = controller.handle(.line("Discovery; Pilot"))
        #expect(controller.turn?.prompt?.step == "outcome")
    }

    @Test func infoTextIsReflowedToTheTerminal() {
        let result = Self.run(["/quit", "/quit"])
        #expect(result.text.contains("A first line from the YAML file that goes on here."))
    }

    @Test func enterKeepsTheDefaultAndTypingNeverAddsToIt() {
        var controller = ReplHarness.controller(extra: [Self.playbook])
        _ = controller.start(playbookID: "input-check")
        for line in ["", "A; B", "C", "no", "x", "."] { _ = controller.handle(.line(line)) }
        #expect(controller.request == LineRequest(prompt: "> ", text: nil, offer: "this_week"))
        let help = controller.handle(.line("?"))
        #expect(help.output.contains("For example: 1 (for Today)"))
        let reply = controller.handle(.line(""))
        #expect(reply.output.contains("Pace: This week"))
    }

    @Test func aChoiceShowsLabelsNotInternalValues() {
        let result = Self.run(["", "A; B", "C", "no", "x", ".", "/quit", "/quit"])
        #expect(result.text.contains("Default: This week. Enter keeps it; Up or Tab puts it in the line to edit."))
        #expect(result.text.contains("  2. This week\n"))
        #expect(!result.text.contains("(this_week)"))
    }

    @Test func aRefusedAnswerComesBackInTheLineToFix() {
        var controller = ReplHarness.controller(extra: [Self.playbook])
        _ = controller.start(playbookID: "input-check")
        for line in ["", "A; B", "C"] { _ = controller.handle(.line(line)) }
        let refused = controller.handle(.line("perhaps"))
        #expect(refused.output.contains("✗ Answer yes or no (y/n)."))
        #expect(controller.request.text == "perhaps")
        // A command typed after the text in the line is the command.
        let help = controller.handle(.line("perhaps?"))
        #expect(help.output.contains("Answer yes or no"))
        #expect(!help.output.contains("✗"))
        #expect(controller.turn?.prompt?.step == "urgent")
        let ctrlC = controller.handle(.interrupted)
        #expect(ctrlC.output.contains("Cleared the line."))
        #expect(controller.request.text == nil)
    }

    @Test func skipNamesTheQuestionByItsWords() {
        let result = Self.run(["", "/skip", "/quit", "/quit"])
        // The refusal wraps at the terminal's width, its second line indented under the first.
        #expect(result.text.contains("✗ 'Which milestones are done?' needs an answer; only optional questions can be\n  skipped."))
        #expect(!result.text.contains("'milestones'"))
    }

    @Test func gotoTakesANumberOrWordsAndSuggests() {
        let script = [
            "", "A; B", "C", "no", "x", ".", "/answers", "/goto 2", "D", "/goto outcome budget", "/goto milestones done",
            "E; F", "/goto 9", "/goto", "/quit", "/quit",
        ]
        let result = Self.run(script)
        #expect(result.text.contains("  1. Which milestones are done? — A and B\n  2. What outcome does the client want? — C\n"))
        #expect(result.text.contains("> /goto 2\n\n[3/6] What outcome does the client want?"))
        #expect(result.text.contains("No question has all of 'outcome budget'. Did you mean one of these?"))
        #expect(result.text.contains("> /goto milestones done\n\n[2/6] Which milestones are done?"))
        #expect(result.text.contains("There is no answer 9: type a number from 1 to 4 (see /answers)."))
        #expect(result.text.contains("Go back to which question? Type /goto and its number, or words from it:"))
    }

    // MARK: - Piped

    @Test func pipedMultiLineAnswersEndWithADotAndListsWithAnEmptyLine() {
        let lines = ["Discovery", "Pilot", "", "A calm reset", "no", "Line one.", "Line two.", ".", ""]
        let result = Self.run(lines, interactive: false)
        #expect(result.status == 0, "\(result.text)")
        #expect(result.text.contains("Milestones: [Discovery] [Pilot]\nOutcome: A calm reset\nUrgent: no\nNote: Line one.\nLine two.\n"))
    }

    @Test func pipedInputWithLinesAfterTheEndExitsOne() {
        let lines = ["A; B", "C", "no", "x", ".", "", "stray line"]
        let result = Self.run(lines, interactive: false)
        #expect(result.status == 1)
        #expect(result.text.contains("[stderr] coach: the playbook was finished before line 7 ('stray line')"))
    }

    @Test func pipedInputThatLeavesABlockOpenExitsOne() {
        let result = Self.run(["A; B", "C", "no", "Line one.", "Line two."], interactive: false)
        #expect(result.status == 1)
        #expect(result.text.contains("the input ended inside the multi-line answer to 'What should the team know?' (2 lines so far)"))
        let list = Self.run(["Discovery", "Pilot"], interactive: false)
        #expect(list.status == 1)
        #expect(list.text.contains("the input ended inside the list for 'Which milestones are done?' (2 items so far)"))
    }

    @Test func pipedCommandsNeverPrintMenusOnStdout() {
        var controller = ReplHarness.controller(interactive: false, extra: [Self.playbook])
        let start = controller.start(playbookID: "input-check")
        #expect(start.output.isEmpty)
        for line in ["/answers", "/help", "?", "A; B"] {
            let reply = controller.handle(.line(line))
            #expect(reply.output.isEmpty, "\(line) printed on stdout: \(reply.output)")
        }
    }

    @Test func pipedRunThatFailsBeforeItsFirstAnswerLeavesNoSession() throws {
        var controller = ReplHarness.controller(interactive: false, extra: [Self.playbook])
        _ = controller.start(playbookID: "input-check")
        let reply = controller.handle(.endOfInput)
        #expect(reply.exitCode == 1)
        #expect(reply.errors.contains("nothing was answered, so no session was saved"))
        #expect(try controller.services.sessions.list().isEmpty)
    }
}
