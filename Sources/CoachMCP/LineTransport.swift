import Foundation
import Logging
import MCP

/// MCP over stdin/stdout as newline-delimited JSON, with blocking reads on a thread of its own.
///
/// The SDK's `StdioTransport` puts both descriptors in non-blocking mode and polls every 10 ms, which made each
/// call take about 11.6 ms instead of 0.3 ms (`benchmarks/mcp_overhead.py`, docs/benchmarks.md). This transport
/// waits in `read(2)` instead, leaves the descriptors as they are, and refuses lines over ``maxLineBytes`` (the
/// line is dropped and answered as a parse error) so that input cannot grow memory without bound.
actor LineTransport: Transport {
    /// The longest line read, in bytes (4 MiB: a 2 MiB answer still reaches the tool, which refuses it by name).
    static let maxLineBytes = 4 * 1_048_576

    nonisolated let logger: Logger
    private let input: Int32
    private let output: Int32
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation
    private var started = false

    init(input: Int32 = 0, output: Int32 = 1, logger: Logger) {
        self.input = input
        self.output = output
        self.logger = logger
        (stream, continuation) = AsyncThrowingStream.makeStream(of: Data.self)
    }

    func connect() async throws {
        guard !started else { return }
        started = true
        let (input, continuation, logger) = (self.input, self.continuation, self.logger)
        let thread = Thread { Self.readLines(input, into: continuation, logger: logger) }
        thread.name = "coach-mcp-stdin"
        thread.start()
    }

    func disconnect() async {
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        var bytes = [UInt8](data)
        bytes.append(0x0A)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(output, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw MCPError.transportError(POSIXError(.EPIPE)) }
            offset += n
        }
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }

    /// Reads `input` until end of file, yielding each non-empty line (without its `\n`).
    static func readLines(_ input: Int32, into continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation, logger: Logger) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var line: [UInt8] = []
        var dropping = false
        while true {
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            var start = 0
            for i in 0..<n where buffer[i] == 0x0A {
                if !dropping { line += buffer[start..<i] }
                emit(&line, dropping: dropping, continuation, logger)
                dropping = false
                start = i + 1
            }
            if !dropping { line += buffer[start..<n] }
            if line.count > maxLineBytes {
                dropping = true
                line = []
            }
        }
        if !line.isEmpty || dropping { emit(&line, dropping: dropping, continuation, logger) }
        continuation.finish()
    }

    private static func emit(
        _ line: inout [UInt8], dropping: Bool, _ continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation, _ logger: Logger
    ) {
        defer { line = [] }
        if dropping {
            logger.warning("dropped a line longer than \(maxLineBytes) bytes")
            continuation.yield(Data("line longer than \(maxLineBytes) bytes".utf8))
            return
        }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return }
        continuation.yield(Data(line))
    }
}
