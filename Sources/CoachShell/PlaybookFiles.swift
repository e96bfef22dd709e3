import CoachCore
import Foundation

/// Finds and reads playbook files: the shipped ones, then `--playbooks DIR` / `COACH_PLAYBOOKS` folders.
public enum PlaybookFiles {
    /// The folder of shipped playbooks: next to an installed binary (`../share/coach/playbooks`, or `playbooks`
    /// beside it), or in the source tree it was built from.
    public static func shippedDirectory() -> String? {
        var candidates: [String] = []
        // The running binary itself (through any symlink), else the path it was started by.
        if let exe = canonical("/proc/self/exe") ?? canonical(CommandLine.arguments[0]) {
            let folder = parent(exe)
            candidates.append(folder + "/../share/coach/playbooks")
            candidates.append(folder + "/playbooks")
        }
        // Built from source: this file is Sources/CoachShell/PlaybookFiles.swift.
        candidates.append(parent(parent(parent(#filePath))) + "/playbooks")
        return candidates.lazy.compactMap { canonical($0) }.first { isDirectory($0) }
    }

    /// `path` with symlinks, `.` and `..` resolved; nil when it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The YAML files in `directory`, sorted by name.
    public static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map {
            (directory as NSString).appendingPathComponent($0)
        }
    }

    /// Everything a pipe or a device (`/dev/stdin`, a FIFO) gives until it ends; nil when it cannot be opened or read.
    static func readStream(_ path: String) -> Data? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return try? handle.readToEnd() ?? Data()
    }

    /// Reads a file as UTF-8 text.
    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) ?? readStream(path) else {
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
