import CoachCore
import CoachProtocol
import CoachStore
import CoachTestSupport
import Foundation
import Testing

@Suite("ProtocolServer in memory")
struct ProtocolServerTests {
    @Test("only initialize and ping work before initialize; initialize answers with version 1")
    func handshake() throws {
        var h = try ServerHarness(initialize: false)
        #expect(try h.error("session/list") == (-32002, "notInitialized"))
        #expect(try h.result("ping") == .object([]))
        let r = try h.result("initialize", #"{"protocolVersion":7,"clientInfo":{"name":"future"}}"#)
        #expect(r["protocolVersion"] == .number("1"))
        #expect(r["capabilities"]?["persistence"] == .string("memory"))
        #expect(try h.error("initialize", #"{"protocolVersion":1,"clientInfo":{"name":"x"}}"#) == (-32003, "alreadyInitialized"))
    }

    @Test("notifications are carried out but never answered")
    func notifications() throws {
        var h = try ServerHarness()
        let sid = try h.result("session/start", #"{"playbook":"account-checkup"}"#)["session"]!.stringValue!
        #expect(try h.send(#"{"jsonrpc":"2.0","method":"session/skip","params":{"session":"\#(sid)","step":"welcome"}}"#) == nil)
        #expect(try h.send(#"{"jsonrpc":"2.0","method":"no/such/method"}"#) == nil)
        #expect(try h.result("session/state", #"{"session":"\#(sid)"}"#)["prompt"]?["step"] == .string("client"))
    }

    @Test("every change is in the store before its reply; refusals change nothing there")
    func savedBeforeReply() throws {
        let store = try CoachStore.inMemory()
        var h = try ServerHarness(service: try ServerHarness.durableService(store: store))
        let sid = try h.result("session/start", #"{"playbook":"account-checkup","account":"Acme"}"#)["session"]!.stringValue!
        _ = try h.result("session/skip", #"{"session":"\#(sid)","step":"welcome"}"#)
        _ = try h.result("session/answer", #"{"session":"\#(sid)","step":"client","value":"Acme Logistics"}"#)
        // What another service on the same store reads: the stored row, and the session its journal replays to.
        func stored() throws -> (state: SessionState, step: String?, account: String?) {
            let row = try #require(try store.session(id: sid))
            return (try ServerHarness.durableService(store: store).session(sid).state, row.currentStep, row.account)
        }
        #expect(try stored().state.answers["client"] == .text("Acme Logistics"))
        #expect(try stored().step == "contact_email")
        // The client's answer decides the account, over the one the session was started for.
        #expect(try stored().account == "Acme Logistics")
        #expect(try store.journal(sessionID: sid).contains { $0.kind == .answer && $0.text == "Acme Logistics" })
        #expect(try h.error("session/answer", #"{"session":"\#(sid)","step":"client","value":"Other"}"#) == (1003, "staleStep"))
        #expect(try stored().state.answers["client"] == .text("Acme Logistics"))
        #expect(try stored().step == "contact_email")
    }

    @Test("a second server on the same store resumes a session where it stopped")
    func resume() throws {
        let store = try CoachStore.inMemory()
        var first = try ServerHarness(service: try ServerHarness.durableService(store: store))
        let sid = try first.result("session/start", #"{"playbook":"account-checkup"}"#)["session"]!.stringValue!
        _ = try first.result("session/skip", #"{"session":"\#(sid)","step":"welcome"}"#)
        _ = try first.result("session/answer", #"{"session":"\#(sid)","step":"client","value":"Acme"}"#)
        var second = try ServerHarness(service: try ServerHarness.durableService(store: store))
        let resumed = try second.result("session/resume", #"{"session":"\#(sid)"}"#)
        #expect(resumed["prompt"]?["step"] == .string("contact_email"))
        #expect(resumed["playbook"] == .string("account-checkup"))
        let list = try second.result("session/list")["sessions"]
        #expect(list == .array([try #require(list.flatMap { if case .array(let a) = $0 { return a.first } else { return nil } })]))
    }

    @Test("sessions are independent")
    func independent() throws {
        var h = try ServerHarness()
        let a = try h.result("session/start", #"{"playbook":"account-checkup"}"#)["session"]!.stringValue!
        let b = try h.result("session/start", #"{"playbook":"account-checkup"}"#)["session"]!.stringValue!
        #expect(a != b)
        _ = try h.result("session/skip", #"{"session":"\#(a)","step":"welcome"}"#)
        _ = try h.result("session/answer", #"{"session":"\#(a)","step":"client","value":"Acme"}"#)
        #expect(try h.result("session/state", #"{"session":"\#(b)"}"#)["prompt"]?["step"] == .string("welcome"))
        #expect(try h.result("session/cancel", #"{"session":"\#(b)"}"#)["status"] == .string("cancelled"))
        #expect(try h.result("session/state", #"{"session":"\#(a)"}"#)["status"] == .string("asking"))
    }

    @Test("an inline playbook runs to its email; preview shows what is still missing")
    func inlinePlaybook() throws {
        let yaml = """
            format: 1
            id: tiny-note
            title: Tiny note
            summary: Two questions and an email.
            version: 1
            steps:
              - id: name
                ask: Who is it for?
              - id: count
                type: number
                ask: How many?
            outputs:
              - id: email
                title: Note
                kind: email
                subject: "For {{name}}"
                body: "{{name}} gets {{count}}."
            """
        var h = try ServerHarness(extra: [yaml])
        let sid = try h.result("session/start", #"{"playbook":"tiny-note"}"#)["session"]!.stringValue!
        _ = try h.result("session/answer", #"{"session":"\#(sid)","step":"name","value":"Zoë"}"#)
        let preview = try h.result("session/preview", #"{"session":"\#(sid)"}"#)
        guard case .array(let outputs)? = preview["outputs"], let body = outputs.first?["body"]?.stringValue else {
            throw TestFailure("no preview outputs")
        }
        #expect(body.contains("[missing:"))
        let done = try h.result("session/answer", #"{"session":"\#(sid)","step":"count","value":3}"#)
        #expect(done["status"] == .string("completed"))
        guard case .array(let final)? = done["outputs"] else { throw TestFailure("no outputs") }
        #expect(final.first?["body"] == .string("Zoë gets 3."))
        #expect(final.first?["subject"] == .string("For Zoë"))
    }

    @Test("a hand-off from a session whose account was merged carries the account's name, not the misspelt answer")
    func handoffAfterAMergeCarriesTheMergedAccount() throws {
        let visit = ClientVisitPlaybook.yaml
        let store = try CoachStore.inMemory()
        let service = try ServerHarness.durableService(store: store, extra: [visit])
        var h = try ServerHarness(service: service)
        func finished(_ client: String) throws -> (id: String, done: JSONValue) {
            let id = try h.result("session/start", #"{"playbook":"client-visit"}"#)["session"]!.stringValue!
            _ = try h.result("session/answer", #"{"session":"\#(id)","step":"client","value":"\#(client)"}"#)
            let done = try h.result("session/answer", #"{"session":"\#(id)","step":"contact","value":"Zoë"}"#)
            return (id, done)
        }
        func carried(_ turn: JSONValue) -> JSONValue? {
            guard case .array(let offers)? = turn["handoffs"] else { return nil }
            return offers.first?["prefill"]?["client"]
        }
        let typo = try finished("Nortwind GmbH")
        #expect(carried(typo.done) == .string("Nortwind GmbH"), "before any merge the answer is the account: \(typo.done)")
        _ = try finished("Nordwind GmbH")
        _ = try service.mergeAccounts("Nortwind GmbH", into: "Nordwind GmbH")
        let state = try h.result("session/state", #"{"session":"\#(typo.id)"}"#)
        #expect(carried(state) == .string("Nordwind GmbH"), "\(state)")
        // Another server on the same store, resuming the session, offers the merged name too.
        var other = try ServerHarness(service: try ServerHarness.durableService(store: store, extra: [visit]))
        let resumed = try other.result("session/resume", #"{"session":"\#(typo.id)"}"#)
        #expect(carried(resumed) == .string("Nordwind GmbH"), "\(resumed)")
    }

    @Test("a playbook whose file has errors is reported as broken, with where and what to run, not as unknown")
    func brokenPlaybook() throws {
        // The fixture playbook with a misspelt key, given inline (so its path reads inline-0.yaml).
        let path = ServeProcess.packageRoot.appendingPathComponent(ServeProcess.fixturePlaybooks + "/broken-checkup.yaml").path
        let yaml = try String(contentsOfFile: path, encoding: .utf8)
        var h = try ServerHarness(extra: [yaml])
        for method in ["session/start", "playbooks/get"] {
            let params = #"{"playbook":"broken-checkup"}"#
            let reply = try h.call(method, params)
            #expect(reply["error"]?["code"]?.intValue == 1011, "\(method): \(JSONWriter.text(of: reply))")
            #expect(reply["error"]?["data"]?["kind"] == .string("brokenPlaybook"))
            let message = reply["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains("inline-0.yaml:11:5: unknown key 'max_lenght'"), "\(message)")
            #expect(message.contains("coach lint inline-0.yaml"), "\(message)")
            #expect(reply["error"]?["data"]?["hint"]?.stringValue?.contains("coach lint") == true)
            #expect(reply["error"]?["data"]?["hint"]?.stringValue?.contains("playbooks/list") == false)
        }
        #expect(try h.error("session/start", #"{"playbook":"broken-checkout"}"#) == (1001, "unknownPlaybook"))
    }

    @Test("random bytes never stop the server and every non-blank line is answered")
    func randomLines() throws {
        var h = try ServerHarness()
        var rng = SplitMix(seed: 42)
        for _ in 0..<3000 {
            let count = Int(rng.next() % 120)
            var bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            bytes.removeAll { $0 == 0x0A }
            let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            let outcome = bytes.withUnsafeBufferPointer { h.server.handle(line: $0) }
            #expect((outcome.reply == nil) == blank)
        }
        #expect(try h.result("ping") == .object([]))
    }
}

@Suite("session/export in memory")
struct ProtocolExportTests {
    @Test("a finished session exports as Markdown, as .eml drafts and as a journal")
    func export() throws {
        var h = try ServerHarness(service: try ServerHarness.durableService())
        let sid = try h.result("session/start", #"{"playbook":"account-checkup"}"#)["session"]!.stringValue!
        _ = try h.result("session/skip", #"{"session":"\#(sid)","step":"welcome"}"#)
        for (step, value) in [
            ("client", "Zoë's Bakery"), ("contact_email", "zoe@bakery.example"), ("budget", "120k"), ("budget_change", "0"),
            ("health", "good"), ("start", "2026-11-24"), ("weekends", "no"), ("channels", "email"), ("stakeholders", "Tom"),
            ("satisfaction", "80"),
        ] {
            _ = try h.result("session/answer", #"{"session":"\#(sid)","step":"\#(step)","value":"\#(value)"}"#)
        }
        func files(_ format: String) throws -> [(name: String, contents: String)] {
            guard case .array(let items)? = try h.result("session/export", #"{"session":"\#(sid)","format":"\#(format)"}"#)["files"]
            else { throw TestFailure("no files") }
            return items.map { ($0["name"]?.stringValue ?? "", $0["contents"]?.stringValue ?? "") }
        }
        let markdown = try files("markdown")
        #expect(markdown.count == 1)
        #expect(markdown[0].contents.contains("Zoë's Bakery: our account check-up"))
        let eml = try files("eml")
        #expect(eml.count == 1)
        #expect(eml[0].name.hasSuffix(".eml"))
        #expect(eml[0].contents.contains("X-Unsent: 1\r\n"))
        #expect(eml[0].contents.contains("To: zoe@bakery.example\r\n"))
        let journal = try files("jsonl")
        #expect(journal[0].contents.contains("\"Zoë's Bakery\"") || journal[0].contents.contains("Zo\\u00eb"))
        #expect(try h.error("session/export", #"{"session":"\#(sid)","format":"pdf"}"#) == (-32602, "invalidParams"))
    }
}
