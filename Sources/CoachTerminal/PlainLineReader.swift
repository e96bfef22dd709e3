#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads lines from a file descriptor (stdin by default) with no terminal: no prompt, no escape codes.
public final class PlainLineReader: LineReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var atEnd = false

    /// Always false: nobody is typing at a terminal.
    public var isInteractive: Bool { false }

    /// Creates a reader on `fileDescriptor` (stdin by default); the descriptor is not closed by the reader.
    public init(fileDescriptor: Int32 = 0) {
        self.fd = fileDescriptor
    }

    /// Returns the next line without its `\n` or `\r\n`; ignores the prompt, the text and the default; `.endOfInput` at EOF.
    public func readLine(_ request: LineRequest) -> LineInput {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var bytes = buffer[..<newline]
                buffer.removeSubrange(...newline)
                if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
                return .line(String(decoding: bytes, as: UTF8.self))
            }
            if atEnd {
                guard !buffer.isEmpty else { return .endOfInput }
                var bytes = buffer[...]
                buffer.removeAll()
                if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
                return .line(String(decoding: bytes, as: UTF8.self))
            }
            fill()
        }
    }

    /// Does nothing: plain input keeps no history.
    public func addHistory(_ line: String) {}

    private func fill() {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer.append(contentsOf: chunk[..<n])
                return
            }
            if n < 0 && errno == EINTR { continue }
            atEnd = true
            return
        }
    }
}
