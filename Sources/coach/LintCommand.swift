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
        // Read and check in parallel (each file is independent and the loader is pure), report in order.
        let results = LintResults(count: files.count)
        let paths = files
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            do {
                let text = try PlaybookFiles.read(paths[i])
                let (playbook, diagnostics) = PlaybookLoader.load(yaml: text, path: paths[i])
                results.set(i, .success((playbook?.id, diagnostics)))
            } catch {
                results.set(i, .failure(error))
            }
        }
        var errors = 0
        var warnings = 0
        var ids: [String: String] = [:]
        for (i, file) in files.enumerated() {
            let id: String?
            let diagnostics: [Diagnostic]
            switch results.get(i) {
            case .failure(let error):
                print("\(file):1:1: error: \(error)")
                errors += 1
                continue
            case .success(let result):
                (id, diagnostics) = result
            }
            for d in diagnostics {
                print(d.description)
                if d.severity == .error { errors += 1 } else { warnings += 1 }
            }
            if let id {
                if let other = ids[id] {
                    print("\(file):1:1: error: the id '\(id)' is also used by \(other)")
                    errors += 1
                }
                ids[id] = file
            }
        }
        let summary =
            "\(files.count) file\(files.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        Stderr.print(summary)
        if errors > 0 { throw ExitCode(1) }
    }
}

/// Results of reading and checking files in parallel, kept by index: the playbook id and the diagnostics, or
/// why the file could not be read.
final class LintResults: @unchecked Sendable {
    typealias Item = Result<(String?, [Diagnostic]), Error>
    private var items: [Item]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: .success((nil, [])), count: count) }

    func set(_ i: Int, _ value: Item) {
        lock.lock()
        items[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> Item {
        lock.lock()
        defer { lock.unlock() }
        return items[i]
    }
}
