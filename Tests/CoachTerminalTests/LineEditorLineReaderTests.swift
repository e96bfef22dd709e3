import Testing

@testable import CoachTerminal

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The non-editing readers that stand in for `LineEditor`: the scripted one for REPL tests and plain stdin.
struct LineEditorLineReaderTests {
    @Test func scriptedReaderReplaysLinesInterruptsAndEnds() {
        let reader = ScriptedLineReader(["one", ScriptedLineReader.interruptMarker, "Zoë"])
        #expect(reader.readLine(prompt: "a> ") == .line("one"))
        #expect(reader.readLine(prompt: "b> ", prefill: "x") == .interrupted)
        #expect(reader.readLine(prompt: "c> ") == .line("Zoë"))
        #expect(reader.readLine(prompt: "d> ") == .endOfInput)
        #expect(reader.readLine(prompt: "e> ") == .endOfInput)
        #expect(reader.prompts == ["a> ", "b> ", "c> ", "d> ", "e> "])
        #expect(reader.prefills == [nil, "x", nil, nil, nil])
        #expect(reader.isInteractive)
        reader.addHistory("one")
        #expect(reader.history == ["one"])
        #expect(reader.remaining.isEmpty)
    }

    @Test func plainReaderReadsUTF8LinesAndStripsLineEnds() throws {
        let reader = try plainReader(feeding: "first\r\nZoë Müller\n\n北京 last")
        #expect(!reader.isInteractive)
        #expect(reader.readLine(prompt: "ignored> ") == .line("first"))
        #expect(reader.readLine(prompt: "ignored> ") == .line("Zoë Müller"))
        #expect(reader.readLine(prompt: "ignored> ") == .line(""))
        #expect(reader.readLine(prompt: "ignored> ") == .line("北京 last"))
        #expect(reader.readLine(prompt: "ignored> ") == .endOfInput)
        #expect(reader.readLine(prompt: "ignored> ") == .endOfInput)
    }

    @Test func plainReaderOnEmptyInputEndsAtOnce() throws {
        let reader = try plainReader(feeding: "")
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
    }

    @Test func standardReaderWithoutATerminalIsPlain() {
        // `swift test` never has a terminal on both stdin and stdout (CI runs it under `setsid ... </dev/null`).
        if !LineEditor.standardStreamsAreTerminals {
            #expect(makeStandardLineReader(historyFile: nil) is PlainLineReader)
        }
    }

    /// A plain reader on the read end of a pipe that already holds `text` and is closed for writing.
    private func plainReader(feeding text: String) throws -> PlainLineReader {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        try #require(written == bytes.count)
        close(fds[1])
        return PlainLineReader(fileDescriptor: fds[0])
    }
}
