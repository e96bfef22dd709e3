import Foundation

/// Writes files only the user can read (mode 0600): exports hold client names and budgets.
public enum PrivateFile {
    /// Writes `contents` to `path` (created 0600, or truncated and made 0600); throws a ShellError saying why not.
    public static func write(_ contents: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ShellError(String(cString: strerror(errno))) }
        defer { close(descriptor) }
        _ = fchmod(descriptor, 0o600)
        var bytes = Array(contents.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw ShellError(String(cString: strerror(errno)))
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
