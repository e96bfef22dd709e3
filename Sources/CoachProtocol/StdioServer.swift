import CoachCore

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
/// to the `ProtocolServer` and writes the replies with write(2), unbuffered.
///
/// Group commit: the lines that one `read` brings (at most ``maxGroupLines`` at a time) are handled as a group
/// whose changes are saved in one transaction; their replies are written together once that commit is done, never
/// before. One request in flight (lock-step) is a group of one, answered right after its own commit; nothing ever
/// waits for more input.
public enum StdioServer {
    /// Size of each read from standard input.
    public static let chunkSize = 65_536
    /// The most lines handled before their changes are committed and their replies written.
    public static let maxGroupLines = 256

    /// Serves until end of input, `shutdown`, a signal or a closed output; returns the exit status (0).
    public static func run(_ server: inout ProtocolServer, log: ServeLog, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        installStopHandler()
        var splitter = LineSplitter(limit: ProtocolServer.maxLineBytes)
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var pending = Replies()
        var closed = false
        var stopRequested = false
        // Commits the group, then writes its replies; false when the client closed its end.
        let flush: (inout ProtocolServer, inout Replies) -> Bool = { server, pending in
            let notice = server.endGroup()
            defer { pending.clear() }
            guard !pending.isEmpty else { return true }
            return writeAll(output, pending.encoded(notice: notice, stale: server.staleRefusals()))
        }
        let deliver: (inout ProtocolServer, LineSplitter.Piece) -> Bool = { server, piece in
            var outcome: ProtocolServer.Outcome
            switch piece {
            case .line(let bytes): outcome = server.handle(line: bytes)
            case .tooLong(let count): outcome = server.handleOversizedLine(bytes: count)
            }
            if let reply = outcome.reply { pending.append(reply) }
            pending.lines += 1
            if outcome.stop {
                stopRequested = true
                return false
            }
            if pending.lines >= maxGroupLines {
                if !flush(&server, &pending) {
                    closed = true
                    return false
                }
                server.beginGroup()
            }
            return stopSignal == 0
        }
        log.log(.info, "serving protocol \(ProtocolServer.protocolVersion) on stdin/stdout")
        while true {
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
            server.beginGroup()
            if n == 0 {
                _ = splitter.finish { deliver(&server, $0) }
            } else {
                _ = buffer.withUnsafeBufferPointer { all in
                    splitter.feed(UnsafeBufferPointer(rebasing: all[0..<n])) { deliver(&server, $0) }
                }
            }
            if !closed && !flush(&server, &pending) { closed = true }
            if closed {
                log.log(.info, "the client closed its end; stopping")
                break
            }
            if stopRequested {
                log.log(.info, "shutdown requested; stopping")
                break
            }
            if n == 0 {
                log.log(.info, "end of input; stopping")
                break
            }
        }
        return 0
    }

    /// The replies of a group, held as values until its changes are committed, then written in one buffer with one
    /// write(2).
    struct Replies {
        private var replies: [Outgoing] = []
        /// Lines handled in the group, answered or not.
        var lines = 0
        private var buffer = JSONWriter(capacity: 4096)

        var isEmpty: Bool { replies.isEmpty }

        mutating func append(_ reply: Outgoing) {
            replies.append(reply)
        }

        /// The replies as lines, each ended by `\n`, with `notice` added to every turn in them when the group's
        /// changes were kept in memory only, and a turn of a session in `stale` (its changes were refused at the
        /// commit) replaced by that session's error.
        mutating func encoded(notice: String?, stale: [String: ProtocolError] = [:]) -> [UInt8] {
            buffer.removeAll()
            for var reply in replies {
                if !stale.isEmpty { reply = reply.refusing(stale) }
                if let notice { reply.adding(notice: notice).write(to: &buffer) } else { reply.write(to: &buffer) }
                buffer.newline()
            }
            return buffer.bytes
        }

        mutating func clear() {
            lines = 0
            replies.removeAll(keepingCapacity: true)
            if buffer.bytes.capacity > 1 << 20 { buffer = JSONWriter(capacity: 4096) }
        }
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
