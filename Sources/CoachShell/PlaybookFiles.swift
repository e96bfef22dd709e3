import CoachCore
import Foundation

/// Finds and reads playbook files: the shipped ones, then `--playbooks DIR` / `COACH_PLAYBOOKS` folders.
public enum PlaybookFiles {
    /// The folder of shipped playbooks: next to an installed binary, or in the source tree it was built from.
    public static func shippedDirectory() -> String? {
        let fm = FileManager.default
        var candidates: [String] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(exe.appendingPathComponent("../share/coach/playbooks").standardized.path)
        candidates.append(exe.appendingPathComponent("playbooks").path)
        // Built from source: this file is Sources/CoachShell/PlaybookFiles.swift.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("playbooks")
        candidates.append(source.path)
        return candidates.first { path in
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
        }
    }

    /// The YAML files in `directory`, sorted by name.
    public static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
            (directory as NSString).appendingPathComponent($0)
        }
    }

    /// Reads a file as UTF-8 text.
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ShellError("cannot read \(path): no such file, or no permission")
        }
        // Decoding repairs invalid bytes; the text is UTF-8 when nothing needed repair (a byte compare is much
        // cheaper than the generic validating initialiser).
        let text = String(decoding: data, as: UTF8.self)
        let unchanged = text.utf8.withContiguousStorageIfAvailable { decoded in
            data.withUnsafeBytes { raw in
                decoded.count == raw.count && (raw.isEmpty || memcmp(decoded.baseAddress!, raw.baseAddress!, raw.count) == 0)
            }
        }
        guard unchanged == true else {
            throw ShellError("\(path) is not UTF-8 text")
        }
        return text
    }

    /// The folders the user added, from `--playbooks` and then `COACH_PLAYBOOKS` (colon-separated).
    public static func userDirectories(option: [String], environment: [String: String]) -> [String] {
        let fromEnv = (environment["COACH_PLAYBOOKS"] ?? "").split(separator: ":").map(String.init)
        return fromEnv + option
    }

    /// The catalog of every playbook Coach can see; user folders win over shipped ones.
    public static func catalog(extraDirectories: [String], warnings: (String) -> Void = { _ in }) -> PlaybookCatalog {
        var files: [PlaybookCatalog.SourceFile] = []
        if let shipped = shippedDirectory() {
            for path in yamlFiles(in: shipped) {
                if let text = try? read(path) { files.append(.init(path: path, text: text, origin: "shipped")) }
            }
        } else {
            warnings("warning: the shipped playbooks were not found; use --playbooks DIR")
        }
        for dir in extraDirectories {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) else {
                warnings("warning: the playbook folder \(dir) does not exist")
                continue
            }
            let paths = isDir.boolValue ? yamlFiles(in: dir) : [dir]
            for path in paths {
                do {
                    files.append(.init(path: path, text: try read(path), origin: dir))
                } catch {
                    warnings("warning: \(error)")
                }
            }
        }
        return PlaybookCatalog(files: files)
    }
}

/// A failure in the shell layer, with a message that says what to do.
public struct ShellError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
