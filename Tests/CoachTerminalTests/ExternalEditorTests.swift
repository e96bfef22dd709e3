import Foundation
import Testing

@testable import CoachTerminal

/// `$VISUAL`/`$EDITOR` on a temporary file, with a shell command standing in for the editor.
@Suite struct ExternalEditorTests {
    @Test func visualWinsOverEditorAndEmptyMeansUnset() {
        #expect(ExternalEditor.command(environment: ["VISUAL": "vim", "EDITOR": "nano"]) == "vim")
        #expect(ExternalEditor.command(environment: ["VISUAL": " ", "EDITOR": "nano"]) == "nano")
        #expect(ExternalEditor.command(environment: [:]) == nil)
    }

    @Test func theEditedFileBecomesTheAnswer() {
        // The editor value may carry arguments, as with git; the file path arrives as its last argument.
        let editor = "/bin/sh -c 'printf \"second line, Zoë\\n\" >> \"$0\"'"
        let result = ExternalEditor.edit("first line", environment: ["EDITOR": editor])
        #expect(result == .success("first line\nsecond line, Zoë"))
    }

    @Test func aFailingEditorChangesNothing() {
        let result = ExternalEditor.edit("x", environment: ["EDITOR": "false"])
        #expect(result == .failure(ExternalEditor.Failure("The editor 'false' exited with status 1; nothing was changed.")))
    }

    @Test func noEditorSaysHowToSetOne() {
        guard case .failure(let failure) = ExternalEditor.edit("x", environment: [:]) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.message.contains("set VISUAL or EDITOR"))
    }

    @Test func dataFolderFollowsTheDocumentedOrder() {
        #expect(DataFolder.resolve(option: "/o", environment: ["COACH_HOME": "/c"]) == "/o")
        #expect(DataFolder.resolve(option: nil, environment: ["COACH_HOME": "/c", "XDG_DATA_HOME": "/x"]) == "/c")
        #expect(DataFolder.resolve(option: nil, environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/coach")
        #expect(DataFolder.resolve(option: nil, environment: ["HOME": "/h"]) == "/h/.local/share/coach")
        #expect(DataFolder.historyFile(in: "/h/") == "/h/history")
    }
}
