import Foundation

/// Opens the user's editor (`$VISUAL`, else `$EDITOR`) on a private temporary file, the way `git commit` does.
public enum ExternalEditor {
    /// Why no edited text came back.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        /// What went wrong and what to do instead.
        public var message: String
        /// A failure saying `message`.
        public init(_ message: String) { self.message = message }
        /// The message.
        public var description: String { message }
    }

    /// The editor command from the environment, or nil when neither `VISUAL` nor `EDITOR` is set.
    public static func command(environment: [String: String]) -> String? {
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { return value }
        }
        return nil
    }

    /// Edits `initial` in the editor and returns the saved text without its final newline.
    public static func edit(_ initial: String, environment: [String: String]) -> Result<String, Failure> {
        guard let editor = command(environment: environment) else {
            return .failure(Failure("No editor is set: set VISUAL or EDITOR (for example EDITOR=nano), or type the answer here."))
        }
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/coach-answer-XXXXXX.txt".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard fd >= 0 else { return .failure(Failure("Could not create a temporary file in \(folder).")) }
        let path = String(cString: template.withUnsafeBufferPointer { $0.baseAddress! })
        defer { unlink(path) }
        let bytes = Array((initial.isEmpty ? "" : initial + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // Like git: the editor value may hold arguments ("code --wait"); the file goes in as "$1".
        process.arguments = ["-c", editor + " \"$1\"", editor, path]
        do {
            try process.run()
        } catch {
            return .failure(Failure("Could not start the editor '\(editor)': \(error.localizedDescription)."))
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            return .failure(Failure("The editor '\(editor)' exited with status \(process.terminationStatus); nothing was changed."))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(Failure("Could not read back the edited file; nothing was changed."))
        }
        var text = String(decoding: data, as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return .success(text)
    }
}
