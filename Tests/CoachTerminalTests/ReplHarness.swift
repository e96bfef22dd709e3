import CoachCore
import Foundation
import Testing

@testable import CoachTerminal

/// Builds controllers over the fixture and shipped playbooks, runs scripts, and compares golden transcripts.
enum ReplHarness {
    /// The package root, from this file's place: Tests/CoachTerminalTests/ReplHarness.swift.
    static let root: String = {
        var path = #filePath
        for _ in 0..<3 { path = (path as NSString).deletingLastPathComponent }
        return path
    }()

    /// The folder of the complete example playbook.
    static let fixtureFolder = root + "/Tests/CoachCoreTests/Fixtures/playbooks"
    /// The folder of the shipped playbooks.
    static let shippedFolder = root + "/playbooks"
    /// The folder of golden transcripts.
    static let goldenFolder = root + "/Tests/CoachTerminalTests/Golden"

    /// A fixed day so dates in drafts do not change.
    static let today = Day.parseISO("2026-03-02")!

    /// The YAML files in `folder`, sorted.
    static func yamlFiles(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    /// The ids of the shipped playbooks present in this checkout.
    static func shippedIDs() -> [String] {
        yamlFiles(in: shippedFolder).map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
    }

    /// A catalog of the example playbook, every shipped one, and `extra` YAML texts.
    static func catalog(extra: [String] = []) -> PlaybookCatalog {
        var files = (yamlFiles(in: fixtureFolder) + yamlFiles(in: shippedFolder)).compactMap { path in
            (try? String(contentsOfFile: path, encoding: .utf8)).map {
                PlaybookCatalog.SourceFile(path: path, text: $0, origin: "test")
            }
        }
        for (index, text) in extra.enumerated() {
            files.append(PlaybookCatalog.SourceFile(path: "extra\(index).yaml", text: text, origin: "test"))
        }
        return PlaybookCatalog(files: files)
    }

    /// Files written through `/save`, by path.
    final class Files: @unchecked Sendable {
        var written: [String: String] = [:]
    }

    /// A controller with fixed day and width, plain or coloured, whose files go into `files`.
    static func controller(
        interactive: Bool = true, color: Bool = false, files: Files = Files(), extra: [String] = [],
        editor: @escaping (String) -> Result<String, ExternalEditor.Failure> = { _ in
            .failure(ExternalEditor.Failure("No editor is set: set VISUAL or EDITOR."))
        }
    ) -> ReplController {
        let services = ReplServices(
            writeFile: { path, text in files.written[path] = text },
            editText: editor,
            today: { today })
        return ReplController(
            catalog: catalog(extra: extra),
            options: .init(interactive: interactive, style: TerminalText.Style(colorEnabled: color), columns: { 80 }),
            services: services)
    }

    /// Runs `script` through a ScriptedLineReader and returns the transcript: screen text with each prompt,
    /// its prefill in brackets and the typed line, as a reader of the terminal would see them.
    static func transcript(
        _ script: [String], playbook: String? = nil, controller: ReplController = controller()
    ) -> (text: String, status: Int32, reader: ScriptedLineReader) {
        let scripted = ScriptedLineReader(script, isInteractive: controller.options.interactive)
        let reader = TranscriptReader(scripted)
        let repl = Repl(
            controller: controller,
            output: { reader.text += $0 },
            errorOutput: { reader.text += "[stderr] " + $0 })
        let status = repl.run(reader: reader, playbookID: playbook)
        reader.text += "[exit \(status)]\n"
        return (reader.text, status, scripted)
    }

    /// Compares `text` with the golden file `name`; with COACH_RECORD=1 writes the file instead.
    static func assertGolden(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let path = goldenFolder + "/" + name + ".txt"
        if ProcessInfo.processInfo.environment["COACH_RECORD"] == "1" {
            try? FileManager.default.createDirectory(atPath: goldenFolder, withIntermediateDirectories: true)
            try? text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("No golden file \(path): record it with COACH_RECORD=1 swift test", sourceLocation: sourceLocation)
            return
        }
        if text != expected {
            let got = text.split(separator: "\n", omittingEmptySubsequences: false)
            let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let index = Array(zip(got, want)).firstIndex { $0.0 != $0.1 } ?? min(got.count, want.count)
            let gotLine = index < got.count ? String(got[index]) : "<end>"
            let wantLine = index < want.count ? String(want[index]) : "<end>"
            let message =
                "\(name).txt differs at line \(index + 1):\n  expected: \(wantLine)\n  actual:   \(gotLine)\n"
                + "Re-record with COACH_RECORD=1 swift test if the change is intended."
            Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        }
    }
}

/// Wraps a ScriptedLineReader and writes what a terminal would show: the prompt, `[prefill]`, the typed line.
final class TranscriptReader: LineReader {
    let scripted: any LineReader
    var text = ""

    init(_ scripted: any LineReader) { self.scripted = scripted }

    var isInteractive: Bool { scripted.isInteractive }

    func readLine(prompt: String, prefill: String?) -> LineInput {
        let input = scripted.readLine(prompt: prompt, prefill: prefill)
        // Piped input shows no prompt: record only what was read.
        let prompt = isInteractive ? prompt : "< "
        let shownPrefill = isInteractive ? prefill.map { "[\($0)] " } ?? "" : ""
        switch input {
        case .line(let line): text += prompt + shownPrefill + TerminalText.neutralize(line) + "\n"
        case .interrupted: text += prompt + shownPrefill + "^C\n"
        case .endOfInput: text += prompt + shownPrefill + "^D\n"
        }
        return input
    }

    func addHistory(_ line: String) { scripted.addHistory(line) }
}
