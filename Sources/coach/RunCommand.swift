import ArgumentParser
import CoachCore
import CoachShell
import CoachTerminal
import Foundation

/// `coach run <id>`: walk through a playbook, or fill it from an answers file.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Walk through a playbook, or fill it from an answers file and print the drafts.",
        discussion: """
            With no terminal on stdin, each line answers the next question and only the drafts reach stdout. \
            The first refused line (an answer, or a /skip, /back or /goto that could not be done) stops the run with exit 1 (no later line is read, so none answers the wrong \
            question); the answers before it stay saved for `coach sessions resume ID`.
            """)

    /// How batch outputs are written.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown, json
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The playbook id (see `coach list`).")
    var playbook: String?

    @Option(name: .long, help: ArgumentHelp("Fill the playbook from a YAML or JSON file of answers.", valueName: "file"))
    var answers: String?

    @Option(name: .long, help: "How to print the drafts with --answers.")
    var format: Format = .text

    @Option(name: .long, help: ArgumentHelp("Write each draft to a file in this folder instead of printing.", valueName: "dir"))
    var output: String?

    func run() throws {
        guard let answers else {
            try runInteractive(playbookID: playbook)
            return
        }
        guard let playbook else { throw ValidationError("Name the playbook to fill: coach run <id> --answers \(answers)") }
        let p = try global.playbook(playbook, in: global.catalog())
        let text =
            answers == "-"
            ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : try PlaybookFiles.read(answers)
        let sheet: AnswerSheet
        switch AnswerSheet.parse(text, path: answers) {
        case .success(let s): sheet = s
        case .failure(let e): throw CoachFailure(e.diagnostics.map(\.description).joined(separator: "\n"))
        }
        let run = BatchRun(playbook: p, sheet: sheet, today: Clock.today())
        guard run.succeeded else {
            let lines = run.problems.map { "  - \($0)" }.joined(separator: "\n")
            throw CoachFailure(
                "\(answers) does not complete '\(p.id)' (\(run.problems.count) problem\(run.problems.count == 1 ? "" : "s")):\n\(lines)")
        }
        let service = try global.sessionService(catalog: PlaybookCatalog(files: []))
        let saved = try service.record(run.session, origin: .batch)
        if service.isDurable {
            Stderr.print("Saved as session \(saved.sessionID) (coach sessions show \(saved.sessionID)).")
        } else if let problem = service.storeProblem {
            Stderr.print("warning: \(problem)")
        }
        // The finished turn carries the drafts and the hand-offs: rendered once, for the store and for printing.
        let outputs = saved.turn.outputs ?? []
        if let dir = output {
            try write(outputs, to: dir, playbook: p)
        } else {
            print(formatted(outputs, playbook: p), terminator: "")
        }
        if let offers = saved.turn.handoffs, format != .json {
            let lines = offers.map { "  \($0.label): coach run \($0.playbook)" }.joined(separator: "\n")
            Stderr.print("\nNext steps this playbook suggests:\n\(lines)")
        }
    }

    func formatted(_ outputs: [RenderedOutput], playbook: Playbook) -> String {
        switch format {
        case .text: return OutputFormatter.text(outputs)
        case .markdown: return OutputFormatter.markdown(outputs, title: playbook.title)
        case .json:
            // The outputs' one JSON shape, as `session/*` replies carry them.
            return outputs.prettyJSON
        }
    }

    func write(_ outputs: [RenderedOutput], to dir: String, playbook: Playbook) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            if format == .json {
                let path = (dir as NSString).appendingPathComponent("\(playbook.id).json")
                try formatted(outputs, playbook: playbook).write(toFile: path, atomically: true, encoding: .utf8)
                print(path)
                return
            }
            for o in outputs {
                let ext = format == .markdown ? "md" : "txt"
                let path = (dir as NSString).appendingPathComponent("\(o.id).\(ext)")
                let text = format == .markdown ? OutputFormatter.markdown(o) : o.fullText.trimmingCharacters(in: .newlines) + "\n"
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                print(path)
            }
        } catch {
            throw CoachFailure(
                "could not write the drafts to \(dir): \(error.localizedDescription). Check the folder exists and is writable, or print them without --output."
            )
        }
    }

    /// The REPL; wired up by the terminal shell.
    func runInteractive(playbookID: String?, resume: String? = nil) throws {
        // The store opens on another thread while the playbook is found and checked.
        let opening = global.openingStore()
        let catalog = global.catalog()
        if let playbookID {
            do {
                _ = try global.playbook(playbookID, in: catalog)
            } catch {
                // Let the opening finish first: exiting in the middle of it would leave a half-made database.
                _ = opening.wait()
                throw error
            }
        }
        let service = try global.sessionService(catalog: catalog, opening: opening)
        if let resume {
            // Fail here, before the screen changes, when the session cannot be carried on.
            _ = try service.stored(resume)
        }
        var settings = ReplLauncher.Settings(
            playbookID: playbookID, home: global.home, noColor: global.noColor, environment: global.environment,
            today: Clock.today(), sessions: service)
        settings.resume = resume
        let status = ReplLauncher.run(catalog: catalog, settings: settings)
        if status != 0 { throw ExitCode(status) }
    }
}
