import Foundation
import Testing

@testable import CoachCore

@Suite("Playbook catalog")
struct CatalogTests {
    static func file(_ url: URL, origin: String = "shipped") throws -> PlaybookCatalog.SourceFile {
        .init(path: url.path, text: try String(contentsOf: url, encoding: .utf8), origin: origin)
    }

    @Test("the quick header read agrees with a full load for every shipped playbook")
    func headersMatchFullLoad() throws {
        let urls = try Fixtures.files(in: Fixtures.repository.appendingPathComponent("playbooks"))
        let catalog = PlaybookCatalog(files: try urls.map { try Self.file($0) })
        #expect(catalog.summaries.count == urls.count)
        for summary in catalog.summaries {
            let playbook = try catalog.load(summary.id).get()
            #expect(summary.title == playbook.title)
            #expect(summary.summary == playbook.summary)
            #expect(summary.minutes == playbook.minutes)
            #expect(summary.tags == playbook.tags)
        }
    }

    @Test("a broken playbook is listed, and asking for it says what is wrong and how to check")
    func brokenIsExplained() throws {
        let broken = Fixtures.root.appendingPathComponent("broken/unknown-target.yaml")
        let catalog = PlaybookCatalog(files: [try Self.file(broken, origin: "mine")])
        #expect(catalog.ids == ["broken"])
        guard case .failure(let problem) = catalog.load("broken") else { return fail("loaded a broken playbook") }
        #expect(problem.description.contains("has 1 error and cannot run"))
        #expect(problem.description.contains("goes to 'sumary'"))
        #expect(problem.description.contains("coach lint \(broken.path)"))
        guard case .failure(let unknown) = catalog.load("brokn") else { return fail("found brokn") }
        #expect(unknown.description == "There is no playbook 'brokn'. Did you mean 'broken'? See them all with: coach list")
    }

    @Test("the message for a listed playbook that cannot load gives its errors, never 'did you mean' itself")
    func unknownMessageOfBrokenPlaybook() throws {
        let broken = Fixtures.root.appendingPathComponent("broken/unknown-target.yaml")
        let catalog = PlaybookCatalog(files: [try Self.file(broken, origin: "mine")])
        let message = catalog.unknownMessage("broken")
        #expect(!message.contains("There is no playbook"))
        #expect(message.contains("\(broken.path):"))
        #expect(message.contains("goes to 'sumary'"))
        #expect(catalog.unknownMessage("brokn").contains("Did you mean 'broken'?"))
    }

    @Test("a later file with the same id replaces the earlier one in place")
    func laterWins() throws {
        let example = try Fixtures.text("playbooks/account-checkup.yaml")
        let mine = example.replacingOccurrences(of: "title: Account check-up", with: "title: Our check-up")
        let catalog = PlaybookCatalog(files: [
            .init(path: "a.yaml", text: example, origin: "shipped"), .init(path: "b.yaml", text: mine, origin: "team"),
        ])
        #expect(catalog.summaries.map(\.title) == ["Our check-up"])
        #expect(catalog.summaries[0].overrides == "a.yaml")
        #expect(try catalog.load("account-checkup").get().title == "Our check-up")
    }

    @Test("headers the quick reader does not handle fall back to a full load")
    func unusualHeaders() throws {
        let example = try Fixtures.text("playbooks/account-checkup.yaml")
        let folded = example.replacingOccurrences(
            of: "summary: A quick health check of one account, with a dated follow-up plan and an email.",
            with: "summary: >\n  A quick health check of one account,\n  with a dated follow-up plan and an email.")
        #expect(folded != example)
        let catalog = PlaybookCatalog(files: [.init(path: "f.yaml", text: folded, origin: "team")])
        #expect(catalog.summaries.first?.summary == "A quick health check of one account, with a dated follow-up plan and an email.\n")
        let quoted = example.replacingOccurrences(of: "title: Account check-up", with: "title: 'Account ''check-up'': #1'  # note")
        #expect(
            PlaybookCatalog(files: [.init(path: "q.yaml", text: quoted, origin: "team")]).summaries.first?.title == "Account 'check-up': #1"
        )
        let windows = example.replacingOccurrences(of: "\n", with: "\r\n")
        let fromWindows = PlaybookCatalog(files: [.init(path: "w.yaml", text: windows, origin: "team")]).summaries.first
        #expect(fromWindows?.title == "Account check-up")
        #expect(fromWindows?.id == "account-checkup")
    }
}
