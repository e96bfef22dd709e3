import Foundation
import Testing

/// Runs the built `coach` binary with pipes and returns what it printed.
enum BatchHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let example = repository.appendingPathComponent("Tests/CoachCoreTests/Fixtures/playbooks").path

    static func run(_ arguments: [String], stdin: String = "", cwd: String? = nil, environment: [String: String] = [:]) throws -> Result {
        var env = ["COACH_TODAY": "2026-11-23", "NO_COLOR": "1"]
        env.merge(environment) { _, new in new }
        let r = try CoachBinary.piped(arguments, input: stdin, environment: env, addFixtures: false, directory: cwd)
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let dir = try PseudoTerminal.makeTemporaryFolder()
        let path = (dir as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let goodAnswers = """
        client: Acme & Sons
        contact_email: zoe@acme.example
        budget: 120k
        budget_change: $12,000
        health: shaky
        issues:
          - issue: Late deliveries
            severity: 4
            owner: José Álvarez
        start: 2026-11-27
        weekends: no
        channels: [email, phone]
        satisfaction: 82%
        """
}

@Suite("coach run --answers, list, show, lint (real binary)")
struct BatchCommandTests {
    @Test("a complete answers file prints every draft, from any working directory")
    func completeAnswers() throws {
        let answers = try BatchHarness.temporaryFile("answers.yaml", BatchHarness.goodAnswers)
        let r = try BatchHarness.run(["run", "account-checkup", "--answers", answers, "--playbooks", BatchHarness.example], cwd: "/")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Subject: Acme & Sons: our account check-up"))
        #expect(r.stdout.contains("Day 2, Mon 30 Nov: Agree the fixes"))
        #expect(!r.stdout.contains("&amp;"))
    }

    @Test("answers piped in are read through /dev/stdin as through -", arguments: ["-", "/dev/stdin"])
    func answersFromAPipe(path: String) throws {
        let r = try BatchHarness.run(
            ["run", "account-checkup", "--answers", path, "--playbooks", BatchHarness.example, "--no-store"],
            stdin: BatchHarness.goodAnswers)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Subject: Acme & Sons: our account check-up"))
    }

    @Test("missing required answers exit 1 naming every missing step")
    func missingAnswers() throws {
        let answers = try BatchHarness.temporaryFile("answers.yaml", "client: Acme\nhealth: good\n")
        let r = try BatchHarness.run(["run", "account-checkup", "--answers", answers, "--playbooks", BatchHarness.example])
        #expect(r.status == 1)
        #expect(r.stderr.contains("missing answer for 'budget'"))
        #expect(r.stderr.contains("missing answer for 'satisfaction'"))
        #expect(!r.stderr.contains("'client'"))
        #expect(r.stdout.isEmpty)
    }

    @Test("invalid answers exit 1 with each reason, and a misspelt step is named")
    func invalidAnswers() throws {
        let text = BatchHarness.goodAnswers.replacingOccurrences(of: "budget: 120k", with: "budget: lots")
            .replacingOccurrences(of: "satisfaction: 82%", with: "satisfaction: 182%\nsatisfation: 5")
        let answers = try BatchHarness.temporaryFile("answers.yaml", text)
        let r = try BatchHarness.run(["run", "account-checkup", "--answers", answers, "--playbooks", BatchHarness.example])
        #expect(r.status == 1)
        #expect(r.stderr.contains("invalid answer for 'budget': 'lots' is not an amount"))
        #expect(r.stderr.contains("invalid answer for 'satisfaction': Give a value from 0% to 100%."))
        #expect(r.stderr.contains("unknown step 'satisfation' in the answers: did you mean 'satisfaction'?"))
    }

    @Test("json and markdown formats, and --output writes one file per draft")
    func formats() throws {
        let answers = try BatchHarness.temporaryFile(
            "answers.json", #"{"client":"Acme","budget":"1000","health":"good","satisfaction":"50"}"#)
        let json = try BatchHarness.run([
            "run", "account-checkup", "--answers", answers, "--format", "json", "--playbooks", BatchHarness.example,
        ])
        #expect(json.status == 0, "\(json.stderr)")
        let decoded = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(decoded?.map { $0["id"] as? String } == ["email", "plan_note"])
        let md = try BatchHarness.run([
            "run", "account-checkup", "--answers", answers, "--format", "markdown", "--playbooks", BatchHarness.example,
        ])
        #expect(md.stdout.hasPrefix("# Account check-up\n\n## Check-up email\n\n**Subject:** Acme: our account check-up"))
        let dir = try PseudoTerminal.makeTemporaryFolder()
        let written = try BatchHarness.run([
            "run", "account-checkup", "--answers", answers, "--output", dir, "--playbooks", BatchHarness.example,
        ])
        #expect(written.status == 0)
        let email = try String(contentsOfFile: dir + "/email.txt", encoding: .utf8)
        #expect(email.hasPrefix("Subject: Acme: our account check-up\n\nHello,"))
        #expect(FileManager.default.fileExists(atPath: dir + "/plan_note.txt"))
    }

    @Test("lint exits 1 with located errors on a broken file and 0 on a clean one")
    func lint() throws {
        let broken = BatchHarness.repository.appendingPathComponent("Tests/CoachCoreTests/Fixtures/broken/unknown-target.yaml").path
        let r = try BatchHarness.run(["lint", broken])
        #expect(r.status == 1)
        #expect(r.stdout.contains("unknown-target.yaml:9:11: error: 'next' of step 'a' goes to 'sumary'"))
        #expect(r.stdout.contains("    next: sumary\n          ^"))
        let clean = try BatchHarness.run(["lint", BatchHarness.example])
        #expect(clean.status == 0)
        #expect(clean.stderr.contains("1 file checked: 0 errors"))
    }

    @Test("a user playbook with the same id wins, and list says where it comes from")
    func userPlaybooksWin() throws {
        let original = try String(contentsOfFile: BatchHarness.example + "/account-checkup.yaml", encoding: .utf8)
        let changed = original.replacingOccurrences(of: "summary: A quick health check", with: "summary: Our team's own check")
        let mine = try BatchHarness.temporaryFile("account-checkup.yaml", changed)
        let dir = (mine as NSString).deletingLastPathComponent
        let r = try BatchHarness.run(["list", "--playbooks", dir], environment: ["COACH_PLAYBOOKS": BatchHarness.example])
        #expect(r.status == 0)
        let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("account-checkup") })
        #expect(line.contains("Our team's own check"))
        #expect(line.contains("[\(dir)] (replaces the shipped one)"))
    }

    @Test("unknown playbooks exit 1 with a suggestion; usage errors exit 2")
    func exitCodes() throws {
        let r = try BatchHarness.run(["show", "account-chekup", "--playbooks", BatchHarness.example])
        #expect(r.status == 1)
        #expect(r.stderr.contains("There is no playbook 'account-chekup'. Did you mean 'account-checkup'?"))
        let usage = try BatchHarness.run(["run", "--format", "pdf"])
        #expect(usage.status == 2)
        let version = try BatchHarness.run(["--version"])
        #expect(version.status == 0)
        #expect(!version.stdout.isEmpty)
    }

    @Test("running a misspelt playbook on a new data folder leaves a whole database behind, not a half-made one")
    func unknownPlaybookOnAFreshHome() throws {
        for _ in 0..<5 {
            let home = try PseudoTerminal.makeTemporaryFolder() + "/data"
            let r = try BatchHarness.run(["run", "stakeholdr-reset"], environment: ["COACH_HOME": home])
            #expect(r.status == 1)
            #expect(r.stderr.contains("Did you mean 'stakeholder-reset'?"))
            #expect(!FileManager.default.fileExists(atPath: home + "/coach.sqlite-journal"))
            let sessions = try BatchHarness.run(["sessions"], environment: ["COACH_HOME": home])
            #expect(sessions.status == 0)
            #expect((sessions.stdout + sessions.stderr).contains("No saved sessions yet"))
        }
    }
}

@Suite("coach review (real binary)")
struct ReviewCommandTests {
    @Test("a draft with a placeholder exits 1 with located findings; a clean one exits 0")
    func review() throws {
        let bad = "Subject: Update\n\nHi [Client Name],\n\nWe have been busy. We will try to send it soon.\n"
        let r = try BatchHarness.run(["review", "-"], stdin: bad)
        #expect(r.status == 1)
        #expect(r.stdout.contains("<stdin>:3: error: Placeholder '[Client Name]' was never filled in. [placeholder-left]"))
        #expect(r.stdout.contains("[hedging]"))
        let good = """
            Subject: Atlas rollout: next steps

            Hi Zoë,

            Thank you for the call. We will send the revised plan by Thursday 26 November at 5 pm, and I own it.
            Could we review it on Friday at 10:00 or Monday at 14:00?

            Best regards,
            Sam
            """
        let file = try BatchHarness.temporaryFile("draft.txt", good)
        let ok = try BatchHarness.run(["review", file])
        #expect(ok.status == 0, "\(ok.stdout)")
        #expect(ok.stdout.contains("No problems found"))
    }

    @Test("the summary counts warnings too, so an email full of classic mistakes never reads '0 to fix'")
    func summaryCountsWarnings() throws {
        let mess = "Subject: Quick question\n\nHi Dana,\n\nWe will try to send it shortly. Kindly revert.\n"
        let r = try BatchHarness.run(["review", "-"], stdin: mess)
        #expect(r.status == 0)
        #expect(r.stderr.contains("4 notes: 4 warnings worth fixing"), "\(r.stderr)")
        #expect(r.stdout.hasSuffix("\n"))
    }

    @Test("a draft written by coach run --output is read with its To: and Subject: headers")
    func reviewsWrittenDraft() throws {
        let answers = try BatchHarness.temporaryFile("answers.yaml", BatchHarness.goodAnswers)
        let dir = try PseudoTerminal.makeTemporaryFolder()
        let run = try BatchHarness.run([
            "run", "account-checkup", "--answers", answers, "--playbooks", BatchHarness.example, "--output", dir,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let files = run.stdout.split(separator: "\n").map(String.init)
        var emails = 0
        for file in files where file.hasSuffix(".txt") {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            guard text.hasPrefix("To:") else { continue }
            emails += 1
            let review = try BatchHarness.run(["review", "--json", file])
            #expect(!review.stdout.contains("subject-missing"), "\(file): \(review.stdout)")
        }
        #expect(emails >= 1)
    }
}
