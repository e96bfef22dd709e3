#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Set by the SIGTERM/SIGINT/SIGHUP handler; read by the loop between lines.
nonisolated(unsafe) private var stopSignal: sig_atomic_t = 0
/// The thread that reads standard input, so a signal caught elsewhere can interrupt its `read`.
nonisolated(unsafe) private var readerThread: pthread_t = pthread_self()

/// The only code that touches standard input and output: reads in bounded chunks, splits lines, hands each
/// to the `ProtocolServer` and writes each reply at once with write(2), unbuffered.
public enum StdioServer {
    /// Size of each read from standard input.
    public static let chunkSize = 65_536

    /// Serves until end of input, `shutdown`, a signal or a closed output; returns the exit status (0).
    public static func run(_ server: inout ProtocolServer, log: ServeLog, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        installStopHandler()
        var splitter = LineSplitter(limit: ProtocolServer.maxLineBytes)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var stop = false
        // Replies to the lines of one read are written together once they are all handled (each was saved first
        // when the store is on), so a client that sends many lines at once costs one write, not one per line.
        var pending: [UInt8] = []
        var writable = true
        func flush() -> Bool {
            guard !pending.isEmpty else { return writable }
            if writable && !writeAll(output, pending) {
                log.log(.info, "the client closed its end; stopping")
                writable = false
            }
            pending.removeAll(keepingCapacity: pending.count <= 1 << 20)
            return writable
        }
        let deliver: (inout ProtocolServer, LineSplitter.Piece) -> Bool = { server, piece in
            var outcome: ProtocolServer.Outcome
            switch piece {
            case .line(let bytes): outcome = server.handle(line: bytes)
            case .tooLong(let count): outcome = server.handleOversizedLine(bytes: count)
            }
            if let reply = outcome.reply {
                pending.append(contentsOf: reply)
                pending.append(0x0A)
                if pending.count >= chunkSize && !flush() { return false }
            }
            if outcome.stop {
                log.log(.info, "shutdown requested; stopping")
                return false
            }
            return stopSignal == 0
        }
        log.log(.info, "serving protocol \(ProtocolServer.protocolVersion) on stdin/stdout")
        while !stop {
            if stopSignal != 0 {
                log.log(.info, "stopped by a signal")
                break
            }
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                log.log(.error, "reading standard input failed: \(String(cString: strerror(errno)))")
                break
            }
            if n == 0 {
                _ = splitter.finish { deliver(&server, $0) }
                _ = flush()
                log.log(.info, "end of input; stopping")
                break
            }
            let go = buffer.withUnsafeBufferPointer { all in
                splitter.feed(UnsafeBufferPointer(rebasing: all[0..<n])) { deliver(&server, $0) }
            }
            if !flush() || !go { stop = true }
        }
        _ = flush()
        return 0
    }

    /// Writes all of `bytes`; false when the reader is gone (EPIPE) or the output is unusable.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n >= 0 {
                    offset += n
                    continue
                }
                switch errno {
                case EINTR: continue
                case EAGAIN:
                    var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    _ = poll(&p, 1, -1)
                default: return false
                }
            }
            return true
        }
    }

    private static func installStopHandler() {
        readerThread = pthread_self()
        var action = sigaction()
        let handler: @convention(c) (Int32) -> Void = { sig in
            stopSignal = 1
            if pthread_equal(pthread_self(), readerThread) == 0 { pthread_kill(readerThread, sig) }
        }
        #if os(Linux)
            action.__sigaction_handler.sa_handler = handler
        #else
            action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        // A parent may have started us with these blocked (a spawn copies the spawning thread's mask).
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for sig in [SIGTERM, SIGINT, SIGHUP] {
            sigaction(sig, &action, nil)
            sigaddset(&unblock, sig)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }
}
