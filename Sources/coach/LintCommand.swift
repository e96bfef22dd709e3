import ArgumentParser
import CoachCore
import CoachShell
import Foundation

/// `coach lint [PATH...]`: check playbook files and report every problem with its place.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check playbook files; report every problem as file:line:col; exit 1 on any error.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Playbook files or folders (default: the shipped playbooks and any added folders).")
    var paths: [String] = []

    func run() throws {
        var files: [String] = []
        let targets =
            paths.isEmpty
            ? [PlaybookFiles.shippedDirectory()].compactMap { $0 }
                + PlaybookFiles.userDirectories(option: global.playbooks, environment: global.environment)
            : paths
        for path in targets {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw CoachFailure("\(path): no such file or folder")
            }
            files += isDir.boolValue ? PlaybookFiles.yamlFiles(in: path) : [path]
        }
        var errors = 0
        var warnings = 0
        var ids: [String: String] = [:]
        for file in files {
            let text: String
            do {
                text = try PlaybookFiles.read(file)
            } catch {
                print("\(file):1:1: error: \(error)")
                errors += 1
                continue
            }
            let (playbook, diagnostics) = PlaybookLoader.load(yaml: text, path: file)
            for d in diagnostics {
                print(d.description)
                if d.severity == .error { errors += 1 } else { warnings += 1 }
            }
            if let playbook {
                if let other = ids[playbook.id] {
                    print("\(file):1:1: error: the id '\(playbook.id)' is also used by \(other)")
                    errors += 1
                }
                ids[playbook.id] = file
            }
        }
        let summary =
            "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        Stderr.print(summary)
        if errors > 0 { throw ExitCode(1) }
    }
}
