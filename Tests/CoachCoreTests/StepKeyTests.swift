import CoachTestSupport
import Foundation
import Testing

@testable import CoachCore

@Suite("Step keys")
struct StepKeyTests {
    @Test("group fields are read from their text form and printed back the same")
    func parsesGroupFields() {
        #expect(StepKey("client") == .step("client"))
        #expect(StepKey("risks[2].owner") == .field(group: "risks", item: 2, field: "owner"))
        #expect(StepKey("risks[12].more") == .more("risks", 12))
        #expect(StepKey("risks[12].more").isMore)
        #expect(StepKey.field(group: "risks", item: 3, field: "owner").description == "risks[3].owner")
        #expect(StepKey("risks[2].owner").step == "risks")
    }

    @Test(
        "text that is not a canonical group key stays a step id, as written",
        arguments: [
            "", "[1].x", "risks[0].owner", "risks[01].owner", "risks[2]", "risks[2].", "risks[x].owner", "risks[2]owner",
            "risks[-1].owner", "risks[9999999999].owner", "a]b", "北京[1",
        ])
    func keepsOtherText(text: String) {
        #expect(StepKey(text) == .step(text))
        #expect(StepKey(text).description == text)
    }

    @Test("printing what was parsed gives the text back, for random text")
    func roundTrip() {
        var rng = SplitMix(seed: 42)
        let pieces = ["risks", "[", "]", ".", "1", "0", "12", "owner", "more", "é", ""]
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            #expect(StepKey(text).description == text, "\(text)")
        }
    }

    @Test("answers keyed by step key encode as a JSON object keyed by the text form, and decode back")
    func codable() throws {
        let answers: [StepKey: Value] = ["client": .text("Acme"), "risks[2].owner": .text("Zoë")]
        var state = SessionState(playbook: try Fixtures.example(), today: Fixtures.monday)
        state.answers = answers
        let data = state.jsonBytes
        let object = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        #expect(Set((object["answers"] as? [String: Any] ?? [:]).keys) == ["client", "risks[2].owner"])
        #expect(try SessionState(jsonBytes: data).answers == answers)
    }

    @Test("a state stored with a status instead of the cancelled flag reads back with the flag")
    func oldStatus() throws {
        func state(_ status: String) throws -> SessionState {
            let json = """
                {"answers":{"client":{"text":{"_0":"Acme"}}},"attempts":0,"playbookID":"account-checkup",
                "playbookVersion":1,"prefill":{},"skipped":[],"status":"\(status)","today":"2026-11-23"}
                """
            return try SessionState(jsonBytes: Array(json.utf8))
        }
        #expect(try state("cancelled").cancelled)
        #expect(try !state("asking").cancelled)
        #expect(try state("completed").answers == ["client": .text("Acme")])
    }
}
