import CoachCore
import CoachProtocol
import CoachShell
import CoachStore
import CoachTestSupport
import Foundation
import Testing

/// Every message type, encoded as the server writes it, checked against `coach-protocol-1.schema.json`.
@Suite("Wire types against the schema")
struct WireSchemaTests {
    static let validator = SchemaValidator(try! JSONReader.read(ProtocolServer.schema))

    /// The faults (misfits and undocumented members) of the reply or request in `bytes` against the schema's definition `name` and its top-level
    /// message shape (`clientMessage` or `serverMessage`).
    static func faults(_ bytes: [UInt8], _ name: String, message: String) throws -> [String] {
        let value = try JSONReader.read(bytes)
        return validator.errors(value, against: "#/$defs/\(name)") + validator.undocumented(value, against: "#/$defs/\(name)")
            + validator.errors(value, against: "#/$defs/\(message)")
    }

    @Test("every method has a request, a notification and a result sample, and each fits its schema")
    func everyMethod() throws {
        let samples = try WireSamples.collect()
        for method in ProtocolServer.methods {
            let def = method.split(separator: "/").joined(separator: ".")
            let requests = samples.requests[method] ?? []
            let results = samples.results[method] ?? []
            #expect(!requests.isEmpty, "no request sample for \(method): add one to WireSamples")
            #expect(!results.isEmpty, "no result sample for \(method): add one to WireSamples")
            for bytes in requests {
                let faults = try Self.faults(bytes, "request.\(def)", message: "clientMessage")
                #expect(faults.isEmpty, "\(method) request \(String(decoding: bytes, as: UTF8.self)):\n\(faults.joined(separator: "\n"))")
            }
            for bytes in samples.notifications[method] ?? [] {
                let faults = try Self.faults(bytes, "request.\(def)", message: "clientMessage")
                #expect(faults.isEmpty, "\(method) notification:\n\(faults.joined(separator: "\n"))")
            }
            for bytes in results {
                let reply = try JSONReader.read(bytes)
                let result = try #require(reply["result"])
                let faults =
                    Self.validator.errors(result, against: "#/$defs/result.\(def)")
                    + Self.validator.undocumented(result, against: "#/$defs/result.\(def)")
                    + Self.validator.errors(reply, against: "#/$defs/serverMessage")
                #expect(faults.isEmpty, "\(method) result \(String(decoding: bytes, as: UTF8.self)):\n\(faults.joined(separator: "\n"))")
            }
        }
        #expect(Set(samples.results.keys).subtracting(ProtocolServer.methods).isEmpty)
    }

    @Test("a batch of requests and a batch of replies fit the message shapes")
    func batches() throws {
        let requests: [any JSONEncodable] = [
            Methods.Ping.request(id: .number("1"), NoParams()), Methods.SessionList.request(id: .string("b"), NoParams()),
        ]
        var w = JSONWriter(capacity: 256)
        w.beginArray()
        for r in requests { r.write(to: &w) }
        w.endArray()
        #expect(Self.validator.errors(try JSONReader.read(w.bytes), against: "#/$defs/clientMessage").isEmpty)
        let replies = Outgoing.batch([
            Reply(id: .number("1"), .result(EmptyResult())), Reply(id: .null, .error(ProtocolError(.parseError, "Parse error"))),
        ])
        #expect(Self.validator.errors(try JSONReader.read(replies.jsonBytes), against: "#/$defs/serverMessage").isEmpty)
    }

    @Test("every error kind, with and without its field and step, fits the error reply's schema", arguments: ProtocolError.Kind.allCases)
    func everyError(kind: ProtocolError.Kind) throws {
        for error in [
            ProtocolError(kind, "What went wrong."), ProtocolError(kind, "What went wrong.", field: "session", current: "client"),
        ] {
            for id in [JSONValue.number("3"), .string("x"), .null] {
                let faults = try Self.faults(Reply(id: id, .error(error)).jsonBytes, "errorResponse", message: "serverMessage")
                #expect(faults.isEmpty, "\(kind):\n\(faults.joined(separator: "\n"))")
            }
        }
    }

    @Test("the errors the server really answers fit the schema")
    func realErrors() throws {
        let samples = try WireSamples.collect()
        #expect(samples.errors.count >= 8)
        for bytes in samples.errors {
            let message = try JSONReader.read(bytes)
            var faults = Self.validator.errors(message, against: "#/$defs/serverMessage")
            for reply in WireSamples.items(message) {
                faults += Self.validator.errors(reply, against: "#/$defs/errorResponse")
                faults += Self.validator.undocumented(reply, against: "#/$defs/errorResponse")
            }
            #expect(faults.isEmpty, "\(String(decoding: bytes, as: UTF8.self)):\n\(faults.joined(separator: "\n"))")
        }
    }

    @Test("a turn that disagrees with the schema is caught")
    func catchesDisagreement() throws {
        let good = try JSONReader.read(
            #"{"session":"s-1","status":"asking","prompt":{"step":"a","kind":"text","text":"Q?","required":true,"examples":[],"tips":[],"revisiting":false},"progress":{"answered":0,"total":1,"position":1}}"#
        )
        #expect(Self.validator.errors(good, against: "#/$defs/turn").isEmpty)
        let cases: [(String, String)] = [
            (#""status":"asking""#, #""status":"waiting""#),  // not in the enum
            (#""kind":"text""#, #""kind":7"#),  // wrong type
            (#","required":true"#, ""),  // a required member missing
            (
                #""session":"s-1","status":"asking","prompt":{"step":"a","kind":"text","text":"Q?","required":true,"examples":[],"tips":[],"revisiting":false},"#,
                #""session":"s-1","status":"asking","#
            ),  // asking without a prompt
        ]
        let text = JSONWriter.text(of: good)
        for (from, to) in cases {
            let bad = try JSONReader.read(text.replacing(from, with: to))
            #expect(!Self.validator.errors(bad, against: "#/$defs/turn").isEmpty, "\(to) was accepted")
        }
        #expect(Self.validator.undocumented(good, against: "#/$defs/turn").isEmpty)
        let extra = try JSONReader.read(text.replacing(#""text":"Q?""#, with: #""text":"Q?","colour":"red""#))
        #expect(Self.validator.undocumented(extra, against: "#/$defs/turn") == ["$.prompt: member 'colour' is not in the schema"])
    }

    @Test("the validator refuses a keyword it cannot check instead of passing it")
    func unknownKeyword() throws {
        let validator = SchemaValidator(try JSONReader.read(#"{"type":"string","pattern":"^a"}"#))
        #expect(validator.errors(.string("b")).first?.contains("not supported") == true)
    }
}

/// Samples of every request, notification, result and error, made by calling each method on an in-memory server
/// over the shipped playbooks (each walked to its drafts) and the fixture playbook.
struct WireSamples {
    var requests: [String: [[UInt8]]] = [:]
    var notifications: [String: [[UInt8]]] = [:]
    var results: [String: [[UInt8]]] = [:]
    var errors: [[UInt8]] = []
    var server: ProtocolServer
    var nextID = 0

    init(catalog: PlaybookCatalog) {
        let service = SessionService.open(home: nil, environment: [:], noStore: true, catalog: catalog, today: ServerHarness.today)
        server = ProtocolServer(service: service, log: ServeLog(level: .error))
    }

    /// Calls `M` with `params`, keeping the request, the same request as a notification and the reply.
    @discardableResult
    mutating func call<M: ProtocolMethod>(_ method: M.Type, _ params: M.Params) throws -> M.Result {
        nextID += 1
        let id = nextID.isMultiple(of: 2) ? JSONValue.number(String(nextID)) : .string("r\(nextID)")
        requests[M.name, default: []].append(M.request(id: id, params).jsonBytes)
        notifications[M.name, default: []].append(M.request(id: nil, params).jsonBytes)
        let result = try server.call(M.self, params)
        results[M.name, default: []].append(Reply(id: id, .result(result)).jsonBytes)
        return result
    }

    /// Calls `M` expecting a refusal, keeping the error reply.
    mutating func fail<M: ProtocolMethod>(_ method: M.Type, _ params: M.Params) {
        nextID += 1
        requests[M.name, default: []].append(M.request(id: .number(String(nextID)), params).jsonBytes)
        do {
            _ = try server.call(M.self, params)
            Issue.record("\(M.name) was expected to fail")
        } catch {
            errors.append(Reply(id: .number(String(nextID)), .error(error)).jsonBytes)
        }
    }

    static func collect() throws -> WireSamples {
        let fixtures = ServeProcess.packageRoot.appendingPathComponent(ServeProcess.fixturePlaybooks).path
        var s = WireSamples(catalog: PlaybookFiles.catalog(extraDirectories: [fixtures]))
        try s.call(Methods.Initialize.self, .init(protocolVersion: 1, clientName: "samples", clientVersion: "1.0"))
        try s.call(Methods.Ping.self, NoParams())
        let playbooks = try s.call(Methods.PlaybooksList.self, NoParams()).playbooks
        #expect(playbooks.count >= 9)
        for summary in playbooks {
            let id = summary.entry.playbook.id
            try s.call(Methods.PlaybooksGet.self, .init(playbook: id))
            try s.walk(id)
        }
        // The session calls around one session of the fixture playbook.
        let start = try s.call(
            Methods.SessionStart.self,
            .init(playbook: "account-checkup", account: "Acme", prefill: [("client", .text("Acme Logistics")), ("health", .text("good"))]))
        let sid = start.session
        try s.call(Methods.SessionSkip.self, .init(session: sid, step: "welcome"))
        s.fail(Methods.SessionSkip.self, .init(session: sid, step: "client"))
        try s.call(Methods.SessionAnswer.self, .init(session: sid, step: "client", value: .text("Acme Logistics")))
        try s.call(Methods.SessionAnswer.self, .init(session: sid, step: "contact_email", value: .text("not an address")))
        s.fail(Methods.SessionAnswer.self, .init(session: sid, step: "budget", value: .text("x")))
        s.fail(Methods.SessionGoto.self, .init(session: sid, step: "no_such_step"))
        s.fail(Methods.SessionGoto.self, .init(session: sid, step: "plan"))
        try s.call(Methods.SessionBack.self, .init(session: sid))
        try s.call(Methods.SessionGoto.self, .init(session: sid, step: "welcome"))
        s.fail(Methods.SessionBack.self, .init(session: sid))
        try s.call(Methods.SessionPreview.self, .init(session: sid))
        try s.call(Methods.SessionState.self, .init(session: sid))
        try s.call(Methods.SessionResume.self, .init(session: sid))
        try s.call(Methods.SessionList.self, NoParams())
        for format in ExportFormat.allCases where format != .ics {
            try s.call(Methods.SessionExport.self, .init(session: sid, format: format))
        }
        s.fail(Methods.SessionExport.self, .init(session: sid, format: .ics))
        try s.call(Methods.SessionCancel.self, .init(session: sid))
        s.fail(Methods.SessionAnswer.self, .init(session: sid, step: "welcome", value: .text("x")))
        try s.call(Methods.SessionState.self, .init(session: sid))
        try s.call(Methods.SessionRestart.self, .init(session: sid))
        try s.call(
            Methods.DraftReview.self,
            .init(text: "Subject: Sorry\n\nHi Zoë,\n\nWe will try to fix it asap. It was the warehouse team's fault.\n\nBest,\nSam"))
        try s.call(Methods.DraftReview.self, .init(text: ""))
        s.fail(Methods.SessionState.self, .init(session: "s-nothing"))
        s.fail(Methods.PlaybooksGet.self, .init(playbook: "no-such-playbook"))
        s.fail(Methods.SessionStart.self, .init(playbook: "account-checkup", prefill: [("health", .text("excellent"))]))
        s.fail(Methods.Initialize.self, .init(protocolVersion: 1, clientName: "again"))
        // The wire's own errors, through lines.
        for line in [
            "{", #"{"jsonrpc":"2.0","id":1,"method":"session/frobnicate"}"#, #"{"jsonrpc":"1.0","id":2,"method":"ping"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"session/answer","params":{"session":"s"}}"#, "[]", "[1]",
        ] {
            if let reply = s.server.handle(text: line).reply { s.errors.append(reply.jsonBytes) }
        }
        try s.call(Methods.Shutdown.self, NoParams())
        return s
    }

    /// Walks playbook `id` from its start to its drafts with plausible answers, keeping every turn.
    mutating func walk(_ id: String) throws {
        let started = try call(Methods.SessionStart.self, .init(playbook: id))
        let session = started.session
        var turn = started.turn
        var steps = 0
        while case .asking(let prompt, let invalid, _, _, _) = turn {
            steps += 1
            try #require(steps < 400, "\(id) did not finish")
            if prompt.kind == .info || (invalid != nil && !prompt.required) {
                turn = try call(Methods.SessionSkip.self, .init(session: session, step: prompt.step)).turn
                continue
            }
            let value = Self.answer(for: prompt, invalid: invalid)
            turn = try call(Methods.SessionAnswer.self, .init(session: session, step: prompt.step, value: value)).turn
            if case .asking(let next, let again?, _, _, _) = turn, next.step == prompt.step, again.attempt > 3 {
                throw TestFailure("\(id): \(prompt.step) refused \(value): \(again.message)")
            }
        }
        #expect(turn.status == .completed, "\(id) ended \(turn.status)")
        try call(Methods.SessionPreview.self, .init(session: session))
        try call(Methods.SessionState.self, .init(session: session))
        for format in ExportFormat.allCases {
            do {
                try call(Methods.SessionExport.self, .init(session: session, format: format))
            } catch let error as ProtocolError {
                errors.append(Reply(id: .number("0"), .error(error)).jsonBytes)  // a playbook with no dated plan has no ics
            }
        }
    }

    /// The replies in a message: the items of a batch, or the message itself.
    static func items(_ message: JSONValue) -> [JSONValue] {
        if case .array(let items) = message { return items }
        return [message]
    }

    /// A plausible answer for `prompt`; after a refusal, the example the engine offers.
    static func answer(for prompt: Prompt, invalid: Invalid?) -> AnswerInput {
        if let example = invalid?.example { return .text(example) }
        if let d = prompt.default { return .text(d) }
        let choices = prompt.choices?.map(\.value) ?? []
        switch prompt.kind {
        case .choice: return .text(choices.first ?? "")
        case .multichoice: return .items(Array(choices.prefix(2)))
        case .yesno: return .text(prompt.step.description.hasSuffix("more") ? "no" : "yes")
        case .number: return .text("3")
        case .money: return .text("€12,500")
        case .percent: return .text("15%")
        case .date: return .text("2026-12-01")
        case .time: return .text("14:30")
        case .email: return .text("zoe@acme.example")
        case .list: return .items(["Weekly call with the ops lead", "Shared tracker for open issues"])
        case .multiline: return .text(prompt.examples.first ?? "Two late deliveries in November.\nOne missed call.")
        default: return .text(prompt.examples.first ?? "Acme Logistics")
        }
    }
}
