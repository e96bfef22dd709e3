import CoachCore
import CoachShell
import Foundation
import Testing

@testable import CoachTerminal

/// `/export` without a path, Tab at `/export ` and at the client question, and what a carried line asks of the
/// line editor.
@Suite struct ReplExportAndCompletionTests {
    /// A controller over the quick-note playbook whose files go into `files`, with `folder` as the current folder.
    static func controller(files: ReplHarness.Files, folder: String = "/home/nam/work") -> ReplController {
        let catalog = ReplHarness.catalog(extra: [ReplControllerTests.notePlaybook])
        let services = ReplServices(
            sessions: SessionService.inMemory(catalog: catalog, reason: "kept in memory", today: { ReplHarness.today }),
            writeFile: { path, text in files.written[path] = text },
            today: { ReplHarness.today },
            currentFolder: { folder })
        return ReplController(
            catalog: catalog, options: .init(interactive: true, style: .plain, columns: { 80 }), services: services)
    }

    /// A playbook whose client answer is a fact about the account, remembered when it completes.
    static let accountPlaybook = """
        format: 1
        id: account-note
        title: Account note
        summary: One question about the account.
        version: 1
        steps:
          - id: client
            ask: Which client?
            account: true
        outputs:
          - id: note
            title: Note
            kind: note
            body: "About {{client}}."
        """

    static func run(_ script: [String], files: ReplHarness.Files) -> String {
        ReplHarness.transcript(script, playbook: "quick-note", controller: controller(files: files)).text
    }

    @Test("/export eml with no path writes the email into the current folder and says where")
    func exportEmlWithoutAPath() throws {
        let files = ReplHarness.Files()
        let text = Self.run(["Acme", "Hi.", ".", "/export eml", "/quit"], files: files)
        let path = try #require(files.written.keys.first { $0.hasSuffix(".eml") }, "no .eml written: \(text)")
        #expect(path.hasPrefix("/home/nam/work/s-"))
        #expect(files.written[path]?.contains("Subject: For Acme") == true)
        #expect(text.contains("✓ Exported eml to /home/nam/work/s-<id>-"))
    }

    @Test("every format without a path lands in the current folder, never only on the screen", arguments: ExportFormat.allCases)
    func everyFormatWithoutAPath(format: ExportFormat) {
        let files = ReplHarness.Files()
        let text = Self.run(["Acme", "Hi.", ".", "/export \(format.rawValue)", "/quit"], files: files)
        if format == .ics {
            // The note playbook has no dated plan: the reason is shown and nothing is written.
            #expect(files.written.isEmpty)
            #expect(text.contains("✗"))
            return
        }
        #expect(!files.written.isEmpty, "nothing written for \(format): \(text)")
        for path in files.written.keys {
            #expect(path.hasPrefix("/home/nam/work/") && path.hasSuffix("." + format.fileExtension))
        }
        #expect(text.contains("Exported \(format.rawValue) to /home/nam/work/"))
    }

    @Test("a path still wins: /export markdown notes.md writes there")
    func exportWithAPath() {
        let files = ReplHarness.Files()
        let text = Self.run(["Acme", "Hi.", ".", "/export markdown notes.md", "/quit"], files: files)
        #expect(files.written["notes.md"]?.contains("For Acme") == true)
        #expect(text.contains("Exported markdown to notes.md."))
    }

    @Test("Tab after /export offers the formats")
    func tabCompletesExportFormats() {
        var controller = Self.controller(files: ReplHarness.Files())
        _ = controller.start(playbookID: "quick-note")
        #expect(controller.completions(for: "/export ") == ExportFormat.allCases.map(\.rawValue))
        #expect(controller.completions(for: "/export e") == ["eml"])
        #expect(controller.completions(for: "/export M") == ["markdown"])
        #expect(controller.completions(for: "/export x").isEmpty)
    }

    @Test("Tab at the client question completes the accounts Coach remembers, spaces and all")
    func tabCompletesKnownAccounts() {
        var next = ReplHarness.controller(extra: [Self.accountPlaybook])
        _ = next.start(playbookID: "account-note")
        for line in ["Nordwind Grocers GmbH", "/new", "account-note"] { _ = next.handle(.line(line)) }
        #expect(next.turn?.prompt?.step == "client")
        let names = ((try? next.services.sessions.accounts()) ?? []).map(\.name)
        #expect(names.contains("Nordwind Grocers GmbH"), "accounts: \(names)")
        #expect(next.completions(for: "nord") == ["Nordwind Grocers GmbH"])
        #expect(next.completions(for: "Nordwind Gr") == ["Grocers GmbH"])
        #expect(next.completions(for: "x").isEmpty)
        // Not at other questions.
        _ = next.handle(.line("Acme"))
        #expect(next.completions(for: "nord").isEmpty)
    }

    @Test("text typed at an info screen is marked as ended with Enter; a refused answer is not")
    func carriedTextSaysWhetherItWasEnded() {
        var controller = ReplHarness.controller(extra: [ReplInputTests.playbook])
        _ = controller.start(playbookID: "input-check")
        _ = controller.handle(.line("Discovery"))
        #expect(controller.request.text == "Discovery")
        #expect(controller.request.textEnded)
        _ = controller.handle(.line("Discovery; Pilot"))
        _ = controller.handle(.line("Back on plan"))
        _ = controller.handle(.line("perhaps"))
        #expect(controller.turn?.invalid != nil)
        #expect(controller.request.text == "perhaps")
        #expect(!controller.request.textEnded)
    }

    @Test("the help screen fits a 60-column terminal: summaries wrap beside their command, no word is split")
    func helpFitsSixtyColumns() {
        let catalog = ReplHarness.catalog()
        let services = ReplServices(
            sessions: SessionService.inMemory(catalog: catalog, reason: "kept in memory", today: { ReplHarness.today }),
            today: { ReplHarness.today })
        var controller = ReplController(
            catalog: catalog, options: .init(interactive: true, style: .plain, columns: { 60 }), services: services)
        _ = controller.start(playbookID: "account-checkup")
        let help = controller.handle(.line("/help")).output
        for line in help.split(separator: "\n") {
            #expect(TerminalText.displayWidth(String(line)) < 60, "too wide: \(line)")
        }
        #expect(help.contains("  /export <format> [path]  export the session: markdown,\n" + String(repeating: " ", count: 27) + "text,"))
        #expect(help.contains("Ctrl-R searches what you typed before."))
    }

    @Test("leaving a multi-line answer with /back says the lines typed for it were left out")
    func backFromABlockSaysWhatWasLeftOut() {
        let result = ReplInputTests.run(["", "A; B", "Back on plan", "no", "Line one", "/back", "/quit", "/quit"])
        #expect(result.text.contains("Left out the 1 line typed for that answer."), "\(result.text)")
    }

    @Test("Ctrl-D inside a block or a list with text typed warns first; a second Ctrl-D leaves")
    func endOfInputInsideABlockWarnsFirst() {
        let block = ReplInputTests.run(["", "A; B", "Back on plan", "no", "Line A", "Line B"])
        #expect(block.text.contains("The 2 lines typed for this answer are not saved yet"), "\(block.text)")
        #expect(block.text.contains("Leaving 'Input check' unfinished"))
        let list = ReplInputTests.run(["", "Ana Ruiz, COO"])
        #expect(list.text.contains("The 1 item typed for this answer is not saved yet"), "\(list.text)")
    }
}
