import CoachCore
import CoachShell
import CoachTestSupport
import Foundation
import Testing

@testable import CoachTerminal

/// Builds controllers over the fixture and shipped playbooks, runs scripts, and compares golden transcripts.
enum ReplHarness {
    /// The package root.
    static let root: String = Repository.root.path

    /// The folder of the complete example playbook.
    static let fixtureFolder = root + "/Tests/CoachCoreTests/Fixtures/playbooks"
    /// The folder of the shipped playbooks.
    static let shippedFolder = root + "/playbooks"
    /// The folder of golden transcripts.
    static let goldenFolder = root + "/Tests/CoachTerminalTests/Golden"

    /// A fixed day so dates in drafts do not change.
    static let today = Day.parseISO("2026-03-02")!

    /// Why a fixture could not be loaded.
    struct LoadingFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// The YAML files in `folder`, sorted; throws when the folder cannot be read or holds none.
    static func yamlFiles(in folder: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }
        guard !names.isEmpty else { throw LoadingFailure(description: "no .yaml file in \(folder)") }
        return names.sorted().map { folder + "/" + $0 }
    }

    /// The ids of the shipped playbooks present in this checkout; throws when there are none to read.
    static func shippedIDs() throws -> [String] {
        try yamlFiles(in: shippedFolder).map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension }
    }

    /// A catalog of the example playbook, every shipped one, and `extra` YAML texts.
    static func catalog(extra: [String] = []) -> PlaybookCatalog {
        // A fixture that cannot be read is a broken checkout: stop rather than test fewer playbooks.
        let paths = try! yamlFiles(in: fixtureFolder) + yamlFiles(in: shippedFolder)
        var files = paths.map { path in
            PlaybookCatalog.SourceFile(path: path, text: try! String(contentsOfFile: path, encoding: .utf8), origin: "test")
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
        interactive: Bool = true, color: Bool = false, files: Files = Files(), extra: [String] = [], columns: Int = 80,
        editor: @escaping (String) -> Result<String, ExternalEditor.Failure> = { _ in
            .failure(ExternalEditor.Failure("No editor is set: set VISUAL or EDITOR."))
        }
    ) -> ReplController {
        let catalog = catalog(extra: extra)
        let services = ReplServices(
            sessions: SessionService.inMemory(
                catalog: catalog, reason: "This session is not saved (the tests keep sessions in memory).",
                today: { today }),
            writeFile: { path, text in files.written[path] = text },
            editText: editor,
            today: { today })
        return ReplController(
            catalog: catalog,
            options: .init(interactive: interactive, style: TerminalText.Style(colorEnabled: color), columns: { columns }),
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
        return (stableIDs(reader.text), status, scripted)
    }

    /// `text` with every session id (random) written as `s-<id>`, so transcripts can be compared.
    static func stableIDs(_ text: String) -> String {
        text.replacing(/s-[0-9a-z]{6}\b/, with: "s-<id>")
    }

    /// Compares `text` with the golden file `name` (see ``Golden``: recording or a missing file fails too).
    static func assertGolden(_ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        do {
            try Golden.assert(text, matches: URL(fileURLWithPath: goldenFolder + "/" + name + ".txt"))
        } catch {
            Issue.record(Comment(rawValue: "\(error)"), sourceLocation: sourceLocation)
        }
    }
}

/// Wraps a ScriptedLineReader and writes what a terminal would show: the prompt, `[prefill]`, the typed line.
final class TranscriptReader: LineReader {
    let scripted: any LineReader
    var text = ""

    init(_ scripted: any LineReader) { self.scripted = scripted }

    var isInteractive: Bool { scripted.isInteractive }

    func readLine(_ request: LineRequest) -> LineInput {
        let input = scripted.readLine(request)
        // Piped input shows no prompt: record only what was read.
        let prompt = isInteractive ? request.prompt : "< "
        let shownPrefill = isInteractive ? request.text.map { "[\($0)] " } ?? "" : ""
        switch input {
        case .line(let line): text += prompt + shownPrefill + TerminalText.neutralize(line) + "\n"
        case .paste(let block): text += prompt + shownPrefill + "[pasted] " + TerminalText.neutralize(block) + "\n"
        case .interrupted: text += prompt + shownPrefill + "^C\n"
        case .endOfInput: text += prompt + shownPrefill + "^D\n"
        }
        return input
    }

    func addHistory(_ line: String) { scripted.addHistory(line) }
}
