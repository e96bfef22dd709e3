import CoachTestSupport
import Foundation
import Testing

/// The product's sentences are its own: no run of eight words is shared with the domain sources the design
/// names (`../shared/seeds/`, next to the repository, or `COACH_SEEDS`), outside the titles that docs cite in
/// italics. The sources are not part of the repository, so the test is skipped where they are absent.
@Suite("No product sentence is copied from the domain sources")
struct SeedOverlapTests {
    static let seedFolder: URL = {
        if let path = ProcessInfo.processInfo.environment["COACH_SEEDS"] { return URL(fileURLWithPath: path) }
        return Repository.root.deletingLastPathComponent().appendingPathComponent("shared/seeds")
    }()

    static var seedsPresent: Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: seedFolder.path)) ?? []).contains { $0.hasSuffix(".txt") }
    }

    /// Lower-case words (letters, digits, apostrophes inside a word).
    static func words(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "'" || $0 == "’") }
            .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "'’")) }.filter { !$0.isEmpty }
    }

    static func grams(_ words: [String], n: Int = 8) -> Set<String> {
        guard words.count >= n else { return [] }
        return Set((0...(words.count - n)).map { words[$0..<($0 + n)].joined(separator: " ") })
    }

    /// Markdown text without the titles it cites in italics (`*'Post-Escalation' recovery plan*`, which may wrap
    /// onto the next line); code spans and bold markers are dropped first so that they do not pair with an italic one.
    static func withoutTitles(_ text: String) -> String {
        text.replacingOccurrences(of: "`[^`\n]*`", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "**", with: " ")
            .replacingOccurrences(of: #"\*[^*]+\*"#, with: " ", options: .regularExpression)
    }

    /// The product's text: playbooks, docs, the README and the review's messages.
    static func productFiles() throws -> [URL] {
        let root = Repository.root
        var files = try FixtureFolder.files(in: root.appendingPathComponent("playbooks"), ext: "yaml")
        files += try FixtureFolder.files(in: root.appendingPathComponent("docs"), ext: "md")
        files += try FixtureFolder.files(in: root.appendingPathComponent("Sources/CoachCore/Review"), ext: "swift")
        files.append(root.appendingPathComponent("README.md"))
        return files
    }

    @Test(
        "no word 8-gram of the playbooks, docs, README or review messages appears in the seeds",
        .enabled(if: seedsPresent, "the domain sources (../shared/seeds) are not on this machine"))
    func noSharedEightGrams() throws {
        var seeds: Set<String> = []
        for url in try FixtureFolder.files(in: Self.seedFolder, ext: "txt") {
            seeds.formUnion(Self.grams(Self.words(try String(contentsOf: url, encoding: .utf8))))
        }
        #expect(seeds.count > 1000, "the seeds gave only \(seeds.count) 8-grams")
        var shared: [String] = []
        for url in try Self.productFiles() {
            let text = try String(contentsOf: url, encoding: .utf8)
            for gram in Self.grams(Self.words(Self.withoutTitles(text))) where seeds.contains(gram) {
                shared.append("\(url.lastPathComponent): \(gram)")
            }
        }
        #expect(shared.isEmpty, "\(shared.count) 8-grams shared with the seeds:\n  \(shared.sorted().joined(separator: "\n  "))")
    }

    @Test("the check finds a sentence copied from a source")
    func catchesACopy() {
        let source = "Always confirm the revised delivery window with the client in writing before the end of the day."
        let copy = "Tip: always confirm the revised delivery window with the client in writing, then call."
        let own = "Write to the client to confirm the new delivery time before you go home."
        let seeds = Self.grams(Self.words(source))
        #expect(!Self.grams(Self.words(copy)).isDisjoint(with: seeds))
        #expect(Self.grams(Self.words(own)).isDisjoint(with: seeds))
        #expect(Self.grams(Self.words(Self.withoutTitles("See *" + source + "* for more."))).isDisjoint(with: seeds))
    }
}
