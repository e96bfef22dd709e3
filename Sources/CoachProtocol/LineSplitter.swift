#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Splits a byte stream into `\n`-ended lines without ever holding more than `limit` bytes of one line. A longer
/// line is reported once, when it ends, and its bytes are dropped as they arrive.
public struct LineSplitter {
    /// What the splitter found.
    public enum Piece {
        /// A complete line, without its `\n` (and without a `\r` before it). Valid only during the call.
        case line(UnsafeBufferPointer<UInt8>)
        /// A line longer than the limit ended; `bytes` is how long it was.
        case tooLong(bytes: Int)
    }

    /// The longest line kept, in bytes.
    public let limit: Int
    private var pending: [UInt8] = []
    private var discarded = 0
    private var discarding = false

    /// A splitter that keeps lines of up to `limit` bytes.
    public init(limit: Int) { self.limit = limit }

    /// Bytes held for an unfinished line.
    public var buffered: Int { pending.count }

    /// Feeds bytes read from the stream; `body` gets every line completed by them. `body` returns false to stop
    /// early (the rest of the chunk is then dropped).
    @discardableResult
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ body: (Piece) -> Bool) -> Bool {
        guard let base = chunk.baseAddress else { return true }
        var start = 0
        let n = chunk.count
        while start < n {
            guard let hit = memchr(base + start, 0x0A, n - start) else {
                keep(UnsafeBufferPointer(start: base + start, count: n - start))
                return true
            }
            let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            let segment = UnsafeBufferPointer(start: base + start, count: end - start)
            start = end + 1
            if !finishLine(segment, body) { return false }
        }
        return true
    }

    /// Ends the stream: a last line without `\n` is still a line.
    @discardableResult
    public mutating func finish(_ body: (Piece) -> Bool) -> Bool {
        guard discarding || !pending.isEmpty else { return true }
        return finishLine(UnsafeBufferPointer(start: nil, count: 0), body)
    }

    private mutating func keep(_ bytes: UnsafeBufferPointer<UInt8>) {
        if discarding {
            discarded += bytes.count
        } else if pending.count + bytes.count > limit {
            discarding = true
            discarded = pending.count + bytes.count
            pending = []
        } else {
            pending.append(contentsOf: bytes)
        }
    }

    private mutating func finishLine(_ segment: UnsafeBufferPointer<UInt8>, _ body: (Piece) -> Bool) -> Bool {
        if discarding {
            let total = discarded + segment.count
            discarding = false
            discarded = 0
            return body(.tooLong(bytes: total))
        }
        if pending.isEmpty {
            var line = segment
            if line.count > 0, line[line.count - 1] == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
            if line.count > limit { return body(.tooLong(bytes: segment.count)) }
            return body(.line(line))
        }
        if pending.count + segment.count > limit {
            let total = pending.count + segment.count
            pending = []
            return body(.tooLong(bytes: total))
        }
        pending.append(contentsOf: segment)
        if pending.last == 0x0D { pending.removeLast() }
        let go = pending.withUnsafeBufferPointer { body(.line($0)) }
        if pending.capacity > 65_536 { pending = [] } else { pending.removeAll(keepingCapacity: true) }
        return go
    }
}
