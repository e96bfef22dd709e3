import Testing

@testable import CoachTerminal

struct LineEditorTests {
    @Test func promptEscapeSequencesAreMarkedInvisible() {
        let prompt = "\u{1B}[1;32mcoach>\u{1B}[0m "
        #expect(LineEditor.markInvisible(prompt) == "\u{1}\u{1B}[1;32m\u{1}coach>\u{1}\u{1B}[0m\u{1} ")
        #expect(LineEditor.markInvisible("plain> ") == "plain> ")
        #expect(LineEditor.markInvisible("a\u{1}b") == "ab")
        let osc = "\u{1B}]0;title\u{7}x"
        #expect(LineEditor.markInvisible(osc) == "\u{1}\u{1B}]0;title\u{7}\u{1}x")
    }

    @Test func prefillControlCharactersBecomeSpaces() {
        #expect(LineEditor.sanitizedPrefill("a\tb\nc\u{1B}") == "a b c ")
        #expect(LineEditor.sanitizedPrefill("Zoë 北京") == "Zoë 北京")
    }

    @Test func oneCandidateCompletesTheWordWithASpace() {
        let edit = LineEditor.completionEdit(lineBeforeCursor: "go bud", candidates: ["budget"])
        #expect(edit == .init(deleteCount: 0, insert: "get ", listing: []))
    }

    @Test func oneCandidateThatDoesNotExtendTheWordReplacesIt() {
        let edit = LineEditor.completionEdit(lineBeforeCursor: "go Zoé", candidates: ["Zoë"])
        #expect(edit == .init(deleteCount: 3, insert: "Zoë ", listing: []))
    }

    @Test func severalCandidatesInsertTheCommonPrefixAndAreListed() {
        let edit = LineEditor.completionEdit(
            lineBeforeCursor: "acc", candidates: ["account", "accounting", "account"])
        #expect(edit == .init(deleteCount: 0, insert: "ount", listing: ["account", "accounting"]))
        let none = LineEditor.completionEdit(lineBeforeCursor: "a", candidates: ["ab", "ac"])
        #expect(none == .init(deleteCount: 0, insert: "", listing: ["ab", "ac"]))
    }

    @Test func severalCandidatesTypedInAnotherCaseGetTheirSharedStart() {
        let edit = LineEditor.completionEdit(lineBeforeCursor: "nor", candidates: ["Nordwind Grocers", "Nordwind Logistics"])
        #expect(edit == .init(deleteCount: 3, insert: "Nordwind ", listing: ["Nordwind Grocers", "Nordwind Logistics"]))
        let same = LineEditor.completionEdit(lineBeforeCursor: "Nordwind ", candidates: ["Grocers", "Logistics"])
        #expect(same == .init(deleteCount: 0, insert: "", listing: ["Grocers", "Logistics"]))
    }

    @Test func noCandidatesChangeNothing() {
        #expect(LineEditor.completionEdit(lineBeforeCursor: "zzz", candidates: []) == .init())
        #expect(LineEditor.completionEdit(lineBeforeCursor: "", candidates: [""]) == .init())
    }

    @Test func candidatesAreLaidOutInColumns() {
        let text = LineEditor.columns(["a", "bb", "ccc", "北京"], width: 12)
        #expect(text == "a     bb\nccc   北京")
        #expect(LineEditor.columns(["a", "bb"], width: 3) == "a\nbb")
        #expect(LineEditor.columns(["x\u{1B}y"], width: 80) == "x␛y")
    }
}
