import Testing

@testable import CoachStore

@Suite struct DefaultHomeTests {
    @Test(arguments: [
        (["COACH_HOME": "/c", "XDG_DATA_HOME": "/x", "HOME": "/h"], "/c"),
        (["COACH_HOME": "", "XDG_DATA_HOME": "/x", "HOME": "/h"], "/x/coach"),
        (["XDG_DATA_HOME": "/x/", "HOME": "/h"], "/x/coach"),
        (["XDG_DATA_HOME": "relative", "HOME": "/h"], "/h/.local/share/coach"),
        (["HOME": "/h/"], "/h/.local/share/coach"),
    ])
    func resolution(environment: [String: String], expected: String) {
        #expect(CoachStore.defaultHome(environment: environment) == expected)
    }

    @Test func withoutHomeItFallsBackToTheUsersFolder() {
        #expect(CoachStore.defaultHome(environment: [:]).hasSuffix("/.local/share/coach"))
    }
}
