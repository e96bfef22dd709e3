import CoachCore
import CoachProtocol
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("coach serve as a process")
struct ServeBinaryTests {
    static let ping = Array(#"{"jsonrpc":"2.0","id":1,"method":"ping"}"#.utf8) + [0x0A]

    @Test("SIGTERM ends the server cleanly with status 0")
    func sigterm() throws {
        let server = try ServeProcess()
        server.send(ServeBinaryTests.ping)
        #expect(try server.readLine() != nil)
        kill(server.process.processIdentifier, SIGTERM)
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }

    @Test("a client that goes away (broken pipe) ends the server cleanly")
    func brokenPipe() throws {
        let server = try ServeProcess()
        server.closeOutput()
        for _ in 0..<3 { server.send(ServeBinaryTests.ping) }
        server.process.waitUntilExit()
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
    }

    @Test("replies come one by one as requests arrive (nothing waits in a buffer)")
    func lockStep() throws {
        let server = try ServeProcess()
        for i in 0..<50 {
            server.send(Array(#"{"jsonrpc":"2.0","id":\#(i),"method":"ping"}"#.utf8) + [0x0A])
            let line = try #require(try server.readLine(timeout: 5))
            #expect(try JSONReader.read(line)["id"] == .number(String(i)))
        }
        let (rest, status) = try server.finish()
        #expect(rest.isEmpty)
        #expect(status == 0)
    }

    @Test("initialize names where sessions are saved: sqlite with --store sqlite:PATH, memory with --no-store")
    func persistence() throws {
        let folder = NSTemporaryDirectory() + "coach-serve-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let initialize = #"{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":1,"clientInfo":{"name":"t"}}}"#
        for (store, expected) in [(["--store", "sqlite:\(folder)/coach.sqlite"], "sqlite"), (["--no-store"], "memory")] {
            let server = try ServeProcess(
                arguments: ["serve", "--playbooks", ServeProcess.fixturePlaybooks] + store, noStore: false)
            server.send(Array(initialize.utf8) + [0x0A])
            let reply = try JSONReader.read(try #require(try server.readLine()))
            #expect(reply["result"]?["capabilities"]?["persistence"] == .string(expected), "\(store)")
            #expect(try server.finish().status == 0)
        }
        // The SQLite store was really opened: its file is there.
        #expect(FileManager.default.fileExists(atPath: folder + "/coach.sqlite"))
    }

    @Test("--schema prints the schema; a bad --log-level is a usage error")
    func options() throws {
        let schema = try ServeProcess(arguments: ["serve", "--schema"])
        let (text, status) = try schema.finish()
        #expect(status == 0)
        #expect(try JSONReader.read(text) == JSONReader.read(ProtocolServer.schema))
        let bad = try ServeProcess(arguments: ["serve", "--log-level", "loud"])
        #expect(try bad.finish().status == 2)
    }
}
