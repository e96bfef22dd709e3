import Foundation
import Testing

@testable import CoachCore

@Suite("Exports: .eml, .ics, transcripts and documents")
struct ExportTests {
    static let email = RenderedOutput(
        id: "day2_email", title: "Day-2 email", kind: .email,
        subject: "Brasserie Lumière Group: what went wrong, and our plan for this week — with a rather long tail",
        to: "José Álvarez <jose.alvarez@lumiere.example>",
        body: "Dear Zoë,\n\n" + String(repeating: "We own this problem and the fix, with dates = promises. ", count: 4)
            + "\nTrailing space \nEnd.\n",
        missing: [], review: nil)

    @Test("an .eml has CRLF line ends, encoded non-ASCII headers and a quoted-printable body that decodes back")
    func eml() {
        let text = EmailFile.eml(Self.email, date: 1_790_000_000)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        let (head, body) = split(text)
        #expect(head.contains("Subject: =?utf-8?B?"))
        #expect(head.contains("To: =?utf-8?B?"))
        #expect(head.contains("<jose.alvarez@lumiere.example>"))
        #expect(head.contains("X-Unsent: 1"))
        #expect(head.contains("MIME-Version: 1.0"))
        #expect(head.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(!head.contains("From:"))
        #expect(head.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 78 })
        #expect(body.split(separator: "\r\n").allSatisfy { $0.utf8.count <= 76 })
        #expect(decodeQuotedPrintable(body) == Self.email.body.trimmingSuffix("\n").replacingOccurrences(of: "\n", with: "\r\n"))
    }

    @Test("an ASCII subject stays readable and a From address can be set")
    func emlPlain() {
        var output = Self.email
        output.subject = "Plain subject"
        output.to = "a@b.example"
        let text = EmailFile.eml(output, from: "NAM <nam@example.com>")
        #expect(text.hasPrefix("From: NAM <nam@example.com>\r\nTo: a@b.example\r\nSubject: Plain subject\r\n"))
    }

    @Test("an .ics has one all-day event per day, escaped text and lines of at most 75 octets")
    func ics() {
        let days = (1...7).map { n in
            PlanDay(
                day: n, on: Day.parseISO("2026-11-26")!.adding(days: n - 1), title: "Step \(n); check, then go",
                actions: ["Call Zoë Müller about the Leeds depot, the vans; and the invoices \\ credits", "Write it down"])
        }
        let plan = SessionExport.Plan(id: "plan", title: "7-day plan", isMain: true, days: days)
        let text = CalendarFile.ics([plan], sessionID: "s-abc", context: "Northwind", stamp: 1_790_000_000)
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(lines.allSatisfy { $0.utf8.count <= 75 })
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count == 8)
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20261126\r\n"))
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20261202\r\n"))
        #expect(unfolded.contains("SUMMARY:Day 1: Step 1\\; check\\, then go\r\n"))
        #expect(unfolded.contains("the vans\\; and the invoices \\\\ credits\\n- Write it down"))
        #expect(unfolded.contains("UID:s-abc-plan-day7@coach"))
        #expect(unfolded.contains("DTSTAMP:20260921T141320Z\r\n"))
    }

    @Test("transcripts: one JSON object per line, and readable Markdown")
    func transcripts() {
        let lines = [
            TranscriptLine(seq: 1, at: 0, kind: "prompt", step: "client", text: "Which \"client\"?"),
            TranscriptLine(seq: 2, at: 61, kind: "answer", step: "client", text: "Zoë\nand co"),
        ]
        let jsonl = TranscriptExport.jsonl(lines, sessionID: "s-1")
        #expect(
            jsonl == """
                {"session":"s-1","seq":1,"at":"1970-01-01T00:00:00Z","kind":"prompt","step":"client","text":"Which \\"client\\"?"}
                {"session":"s-1","seq":2,"at":"1970-01-01T00:01:01Z","kind":"answer","step":"client","text":"Zoë\\nand co"}

                """)
        let markdown = TranscriptExport.markdown(lines, title: "t")
        #expect(markdown.contains("**Coach** `client`: Which \"client\"?"))
        #expect(markdown.contains("> Zoë\n> and co"))
    }

    @Test("a session document lists the answers, then the drafts")
    func document() {
        let export = SessionExport(
            sessionID: "s-1", title: "mini · Acme", playbookID: "mini", playbookTitle: "Mini", status: .completed,
            answers: [.init(step: "client", question: "Which client?", answer: "Acme")], outputs: [Self.email],
            plans: [])
        let markdown = SessionDocument.markdown(export)
        #expect(markdown.hasPrefix("# mini · Acme\n"))
        #expect(markdown.contains("- **Which client?** Acme"))
        #expect(markdown.contains("## Day-2 email"))
        let text = SessionDocument.text(export)
        #expect(text.contains("Which client?\n  Acme\n"))
        #expect(text.contains("== Day-2 email =="))
    }

    private func split(_ message: String) -> (String, String) {
        let parts = message.components(separatedBy: "\r\n\r\n")
        return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n").trimmingSuffix("\r\n"))
    }

    private func decodeQuotedPrintable(_ text: String) -> String {
        let joined = text.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        var utf8 = Array(joined.utf8)[...]
        while let byte = utf8.first {
            if byte == UInt8(ascii: "="), utf8.count >= 3,
                let value = UInt8(String(decoding: utf8.dropFirst().prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        var text = self
        while text.hasSuffix(suffix) { text.removeLast(suffix.count) }
        return text
    }
}
