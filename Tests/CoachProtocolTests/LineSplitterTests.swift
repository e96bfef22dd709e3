import CoachProtocol
import Testing

@Suite("LineSplitter")
struct LineSplitterTests {
    /// Feeds `chunks` and returns what came out: lines as text, long lines as `<long N>`.
    static func split(_ chunks: [[UInt8]], limit: Int = 16, finish: Bool = true) -> (pieces: [String], held: Int) {
        var splitter = LineSplitter(limit: limit)
        var out: [String] = []
        let collect: (LineSplitter.Piece) -> Bool = { piece in
            switch piece {
            case .line(let bytes): out.append(String(decoding: bytes, as: UTF8.self))
            case .tooLong(let n): out.append("<long \(n)>")
            }
            return true
        }
        var held = 0
        for chunk in chunks {
            chunk.withUnsafeBufferPointer { _ = splitter.feed($0, collect) }
            held = max(held, splitter.buffered)
        }
        if finish { _ = splitter.finish(collect) }
        return (out, held)
    }

    @Test("splits lines across chunks and drops a carriage return before the newline")
    func lines() {
        let r = LineSplitterTests.split([Array("ab\ncd".utf8), Array("ef\r\n\ngh\n".utf8), Array("last".utf8)])
        #expect(r.pieces == ["ab", "cdef", "", "gh", "last"])
    }

    @Test("reports a long line once, when it ends, holding no more than the limit")
    func longLines() {
        let long = [UInt8](repeating: 0x78, count: 40)
        let r = LineSplitterTests.split([Array(long[0..<10]), Array(long[10..<25]), Array(long[25...]) + Array("\nok\n".utf8)])
        #expect(r.pieces == ["<long 40>", "ok"])
        #expect(r.held <= 16)
        let inOne = LineSplitterTests.split([long + [0x0A] + Array("x\n".utf8)])
        #expect(inOne.pieces == ["<long 40>", "x"])
        let atEnd = LineSplitterTests.split([long])
        #expect(atEnd.pieces == ["<long 40>"])
    }

    @Test("a line of exactly the limit is kept")
    func limit() {
        let line = [UInt8](repeating: 0x61, count: 16)
        #expect(LineSplitterTests.split([Array(line[0..<5]), Array(line[5...]) + [0x0A]]).pieces == [String(repeating: "a", count: 16)])
        #expect(LineSplitterTests.split([line + [0x61, 0x0A]]).pieces == ["<long 17>"])
    }

    @Test("stops when the handler says so")
    func stop() {
        var splitter = LineSplitter(limit: 100)
        var seen = 0
        let go = Array("a\nb\nc\n".utf8).withUnsafeBufferPointer { buffer in
            splitter.feed(buffer) { _ in
                seen += 1
                return seen < 2
            }
        }
        #expect(!go)
        #expect(seen == 2)
    }
}
