import Testing

@testable import CoachTerminal

/// Complete walks through playbooks, compared with golden transcripts in Golden/ (COACH_RECORD=1 re-records).
@Suite struct ReplGoldenTests {
    /// The example playbook: every kind of step, back, go-to, skip, invalid answers, preview and the commands.
    static let accountCheckup: [String] = [
        "/help", "acount-checkup", "1",
        "",  // welcome (info)
        "?", "/why", "/skip", "Acme Logistics",  // client
        "not-an-email", "/skip",  // contact_email (optional)
        "lots", "many", "heaps", "$120,000",  // budget: three misses, then an example is shown
        "",  // budget_change: the default
        "/back", "15k",  // back to budget_change, change it
        "2",  // health: shaky
        "Late deliveries in the north region", "9", "4", "José Álvarez", "yes",  // issue 1
        "Invoices with wrong prices", "2", "",  // issue 2, no more
        "/preview", "2026-03-09",  // start
        "",  // weekends: no
        "email, phone",  // channels
        "/goto client", "Acme Logistics Ltd",  // change an earlier answer
        "Zoë Müller; Tom Reed",  // stakeholders
        "/answers", ScriptedLineReader.interruptMarker, "/nonsense", "82%",  // satisfaction
        "/show email", "/save drafts.md", "hello", "/goto budget", "",  // finished: change and keep
        "/new", "/quit",
    ]

    @Test func accountCheckupInteractive() throws {
        let files = ReplHarness.Files()
        let result = ReplHarness.transcript(Self.accountCheckup, controller: ReplHarness.controller(files: files))
        #expect(result.status == 0)
        #expect(result.reader.remaining.isEmpty)
        #expect(files.written["drafts.md"]?.contains("## Check-up email") == true)
        ReplHarness.assertGolden(result.text, named: "account-checkup")
    }

    @Test func accountCheckupPiped() throws {
        let lines = [
            "account-checkup", "Acme Logistics", "", "$120,000", "15k", "shaky",
            "Late deliveries", "4", "José Álvarez", "no",
            "2026-03-09", "no", "1,2", "Zoë Müller; Tom Reed", "/answers", "82%",
        ]
        let result = ReplHarness.transcript(lines, controller: ReplHarness.controller(interactive: false))
        #expect(result.status == 0)
        ReplHarness.assertGolden(result.text, named: "account-checkup-piped")
    }
}

/// A walk through each shipped playbook by the walker, compared with Golden/<id>.txt.
@Suite struct ShippedPlaybookGoldenTests {
    @Test func everyShippedPlaybookIsWalked() throws {
        // The walk below is parameterized over these ids: an empty or unreadable folder must fail, not skip.
        let ids = try ReplHarness.shippedIDs()
        try #require(!ids.isEmpty)
    }

    @Test(arguments: try ReplHarness.shippedIDs())
    func walk(id: String) throws {
        let files = ReplHarness.Files()
        let walker = ReplWalker(playbookID: id)
        let reader = TranscriptReader(walker)
        let repl = Repl(
            controller: ReplHarness.controller(files: files),
            output: { reader.text += $0 }, errorOutput: { reader.text += "[stderr] " + $0 })
        walker.state = { [weak repl] in repl?.controller }
        let status = repl.run(reader: reader, playbookID: nil)
        reader.text += "[exit \(status)]\n"
        #expect(status == 0)
        #expect(reader.text.contains("✓ Done: "), "the walk did not finish \(id)")
        #expect(files.written["drafts.md"] != nil)
        ReplHarness.assertGolden(ReplHarness.stableIDs(reader.text), named: id)
    }
}
