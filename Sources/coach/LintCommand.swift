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
        // Read in order, check in parallel (each file is independent and the loader is pure), report in order.
        var texts: [Result<String, Error>] = []
        for file in files {
            do {
                texts.append(.success(try PlaybookFiles.read(file)))
            } catch {
                texts.append(.failure(error))
            }
        }
        let results = LintResults(count: files.count)
        let sources = texts.map { try? $0.get() }
        let paths = files
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            if let text = sources[i] {
                let (playbook, diagnostics) = PlaybookLoader.load(yaml: text, path: paths[i])
                results.set(i, (playbook?.id, diagnostics))
            }
        }
        var errors = 0
        var warnings = 0
        var ids: [String: String] = [:]
        for (i, file) in files.enumerated() {
            if case .failure(let error) = texts[i] {
                print("\(file):1:1: error: \(error)")
                errors += 1
                continue
            }
            let (id, diagnostics) = results.get(i)
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

/// Results of checking files in parallel, kept by index.
final class LintResults: @unchecked Sendable {
    private var items: [(String?, [Diagnostic])]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: (nil, []), count: count) }

    func set(_ i: Int, _ value: (String?, [Diagnostic])) {
        lock.lock()
        items[i] = value
        lock.unlock()
    }

    func get(_ i: Int) -> (String?, [Diagnostic]) {
        lock.lock()
        defer { lock.unlock() }
        return items[i]
    }
}
