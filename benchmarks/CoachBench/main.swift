import CoachCore
import CoachShell
import CoachStore
import Foundation

/// In-process benchmarks (run on a release build; `benchmarks/run.sh` runs them all and writes docs/benchmarks.md).
///
///     coach-bench engine [SESSIONS] [PLAYBOOK]   turns through whole sessions (mid-session turns and completions)
///     coach-bench memory [SESSIONS] [PLAYBOOK]   resident memory of open sessions (started, and half answered)
///     coach-bench lint [COUNT]                   loading + linting generated playbooks (all shipped ones, renamed)
///     coach-bench generate [DIR] [COUNT]         writes COUNT generated playbooks into DIR (default .build/generated-playbooks)
///     coach-bench store-seed HOME                saves a half-answered session and one of 100 events in HOME
///     coach-bench store HOME LONG [REPEATS]      lists the sessions seeded by run.sh, resumes session LONG
///
/// Every mode ends with one `RESULT key=value ...` line that benchmarks/run.sh reads.
let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "engine"
let today = Day(year: 2026, month: 11, day: 23)!

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func argument(_ i: Int) -> String? { arguments.count > i ? arguments[i] : nil }

func shippedFiles() -> [(path: String, text: String)] {
    guard let dir = PlaybookFiles.shippedDirectory() else { fatalError("no shipped playbooks") }
    return PlaybookFiles.yamlFiles(in: dir).map { ($0, try! PlaybookFiles.read($0)) }
}

func shipped(_ id: String) -> Playbook {
    guard let dir = PlaybookFiles.shippedDirectory() else { fatalError("no shipped playbooks") }
    let path = dir + "/\(id).yaml"
    let text = try! PlaybookFiles.read(path)
    guard let p = PlaybookLoader.load(yaml: text, path: path).playbook else { fatalError("\(id) does not load") }
    return p
}

func answersFor(_ id: String) -> AnswerSheet {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("Tests/CoachCoreTests/Fixtures/answers/\(id)")
    let file = try! FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().first!
    let text = try! String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    return try! AnswerSheet.parse(text, path: file).get()
}

/// The answers one complete session of `playbook` gives, as (step, input) events.
func script(_ playbook: Playbook, _ sheet: AnswerSheet) -> [(StepKey, AnswerInput)] {
    let probe = BatchRun(playbook: playbook, sheet: sheet, today: today)
    precondition(probe.succeeded, "\(probe.problems)")
    var script: [(StepKey, AnswerInput)] = []
    var s = Session(playbook: playbook, today: today)
    while let p = s.currentTurn().prompt {
        let input = BatchRun.Probe.input(for: p.step, sheet: sheet) ?? .text(p.default ?? "")
        script.append((p.step, input))
        _ = s.handle(.answer(input, step: p.step))
    }
    return script
}

/// Resident memory of this process in KiB (VmRSS).
func residentKiB() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
    return 0
}

func f(_ x: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", x) }

/// Generated playbooks: every shipped playbook in turn, renamed `generated-N` (first `id:` line only).
func generated(_ count: Int) -> [(path: String, text: String)] {
    let sources = shippedFiles()
    return (0..<count).map { i in
        let text = sources[i % sources.count].text
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let k = lines.firstIndex(where: { $0.hasPrefix("id: ") }) { lines[k] = "id: generated-\(i)" }
        return ("generated-\(i).yaml", lines.joined(separator: "\n"))
    }
}

switch mode {
case "engine":
    let sessions = Int(argument(1) ?? "") ?? 10_000
    let id = argument(2) ?? "stakeholder-reset"
    let playbook = shipped(id)
    let events = script(playbook, answersFor(id))
    var midTime = 0.0
    var lastTime = 0.0
    var startTime = 0.0
    let start = now()
    for _ in 0..<sessions {
        let t0 = now()
        var session = Session(playbook: playbook, today: today)
        _ = session.currentTurn()
        let t1 = now()
        startTime += t1 - t0
        for (step, input) in events.dropLast() { _ = session.handle(.answer(input, step: step)) }
        let t2 = now()
        midTime += t2 - t1
        let (step, input) = events.last!
        _ = session.handle(.answer(input, step: step))
        lastTime += now() - t2
        precondition(session.status == .completed)
    }
    let elapsed = now() - start
    let turns = sessions * (events.count + 1)
    let mid = midTime / Double(sessions * (events.count - 1)) * 1e6
    let last = lastTime / Double(sessions) * 1e6
    let first = startTime / Double(sessions) * 1e6
    print(
        "engine \(id): \(sessions) sessions, \(turns) turns (start + \(events.count) answers) in \(f(elapsed, 3)) s = \(Int(Double(turns) / elapsed)) turns/s, \(f(elapsed / Double(turns) * 1e6)) µs/turn"
    )
    print("  start \(f(first)) µs, mid-session answer \(f(mid)) µs, completing answer (renders and reviews the drafts) \(f(last)) µs")
    print(
        "RESULT turns=\(turns) seconds=\(elapsed) per_turn_us=\(elapsed / Double(turns) * 1e6) start_us=\(first) mid_us=\(mid) last_us=\(last)"
    )
case "service":
    // Whole sessions through the session service, as `coach serve` runs them: `service N PLAYBOOK [HOME]`
    // saves to the SQLite store in HOME (a new temporary folder when not given); `--no-store` as HOME keeps nothing.
    let sessions = Int(argument(1) ?? "") ?? 1_000
    let id = argument(2) ?? "stakeholder-reset"
    let home = argument(3) ?? (NSTemporaryDirectory() + "coach-bench-service-\(getpid())")
    let playbook = shipped(id)
    let events = script(playbook, answersFor(id))
    let catalog = PlaybookFiles.catalog(extraDirectories: [])
    let service = SessionService.open(
        home: home == "--no-store" ? nil : home, environment: [:], noStore: home == "--no-store", catalog: catalog,
        today: { today })
    let start = now()
    for _ in 0..<sessions {
        let sid = try! service.start(playbookID: playbook.id, origin: .protocol).sessionID
        for (step, input) in events { _ = try! service.apply(sid, .answer(input, step: step)) }
    }
    let elapsed = now() - start
    let turns = sessions * (events.count + 1)
    print(
        "service \(id) (\(service.isDurable ? "store on" : "store off")): \(turns) turns in \(f(elapsed, 3)) s = \(Int(Double(turns) / elapsed)) turns/s, \(f(elapsed / Double(turns) * 1e6)) µs/turn"
    )
case "memory":
    let sessions = Int(argument(1) ?? "") ?? 10_000
    let id = argument(2) ?? "stakeholder-reset"
    let playbook = shipped(id)
    let events = script(playbook, answersFor(id))
    var open: [Session] = []
    open.reserveCapacity(sessions)
    let before = residentKiB()
    for _ in 0..<sessions {
        let s = Session(playbook: playbook, today: today)
        _ = s.currentTurn()
        open.append(s)
    }
    let started = residentKiB()
    let half = events.count / 2
    for i in open.indices {
        for (step, input) in events.prefix(half) { _ = open[i].handle(.answer(input, step: step)) }
    }
    let halfway = residentKiB()
    precondition(open.allSatisfy { $0.state.answers.count >= half - 1 })
    let perStarted = Double(started - before) / Double(sessions) * 1000
    let perHalf = Double(halfway - before) / Double(sessions) * 1000
    print(
        "memory \(id): \(sessions) sessions open: started \(f(perStarted / 1024)) MiB per 1,000; \(half) of \(events.count) answers given \(f(perHalf / 1024)) MiB per 1,000"
    )
    print("RESULT sessions=\(sessions) started_kib_per_1000=\(perStarted) half_kib_per_1000=\(perHalf) answers=\(half)")
case "lint":
    let count = Int(argument(1) ?? "") ?? 1000
    let files = generated(count)
    let start = now()
    var ok = 0
    for file in files where PlaybookLoader.load(yaml: file.text, path: file.path).playbook != nil { ok += 1 }
    let elapsed = now() - start
    precondition(ok == count, "\(count - ok) generated playbooks did not load")
    print("load+lint: \(ok)/\(count) playbooks in \(f(elapsed, 3)) s (\(f(elapsed / Double(count) * 1000)) ms each)")
    print("RESULT count=\(count) seconds=\(elapsed) per_playbook_ms=\(elapsed / Double(count) * 1000)")
case "generate":
    let dir = argument(1) ?? ".build/generated-playbooks"
    let count = Int(argument(2) ?? "") ?? 1000
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    for file in generated(count) {
        try! file.text.write(toFile: dir + "/" + file.path, atomically: false, encoding: .utf8)
    }
    print("generated \(count) playbooks in \(dir)")
    print("RESULT count=\(count)")
case "store-seed":
    // Through the session service, as Coach saves them: one session half answered (run.sh clones its row into
    // 100,000), and one whose journal holds 100 events (the first half of the answers, then back and the same
    // answer again, over and over).
    guard let home = argument(1) else { fatalError("usage: coach-bench store-seed HOME") }
    let playbook = shipped("stakeholder-reset")
    let events = script(playbook, answersFor("stakeholder-reset"))
    let service = SessionService.open(
        home: home, environment: [:], noStore: false, catalog: PlaybookFiles.catalog(extraDirectories: []),
        today: { today })
    precondition(service.isDurable, "the store in \(home) did not open")
    let half = events.prefix(events.count / 2)
    let id = try! service.start(playbookID: playbook.id, account: "Kowalski Logistics", origin: .protocol).sessionID
    for (step, input) in half { _ = try! service.apply(id, .answer(input, step: step)) }
    let long = try! service.start(playbookID: playbook.id, account: "Kowalski Logistics", origin: .protocol).sessionID
    let first = events.prefix(10)
    for (step, input) in first { _ = try! service.apply(long, .answer(input, step: step)) }
    var given = first.count
    let (step, input) = first.last!
    while given < 100 {
        _ = try! service.apply(long, .back)
        _ = try! service.apply(long, .answer(input, step: step))
        given += 2
    }
    let stored = try! service.journal(long).filter { [.answer, .back].contains($0.kind) }.count
    precondition(stored == 100, "the long session has \(stored) events")
    print("RESULT id=\(id) long=\(long) events=\(stored)")
case "store":
    // `store HOME LONG [REPEATS]`: lists the sessions of a store seeded by run.sh, and resumes session LONG (100
    // events) the way `coach sessions resume` does: its snapshot read, the events after it replayed, its turn shown.
    guard let home = argument(1), let long = argument(2) else { fatalError("usage: coach-bench store HOME LONG [REPEATS]") }
    let repeats = Int(argument(3) ?? "") ?? 20
    let t0 = now()
    let store = try! CoachStore.open(home: home)
    let openMs = (now() - t0) * 1000
    let service = SessionService.open(
        home: home, environment: [:], noStore: false, catalog: PlaybookFiles.catalog(extraDirectories: []),
        today: { today })
    _ = try! service.resume(long)
    service.close(long)
    var listMs: [Double] = []
    var listAllMs: [Double] = []
    var resumeUs: [Double] = []
    var total = 0
    for _ in 0..<repeats {
        let a = now()
        let recent = try! store.listSessions()
        listMs.append((now() - a) * 1000)
        let b = now()
        let all = try! store.listSessions(limit: Int.max)
        listAllMs.append((now() - b) * 1000)
        total = all.count
        let c = now()
        let update = try! service.resume(long)
        resumeUs.append((now() - c) * 1e6)
        service.close(long)
        precondition(update.turn.prompt != nil && recent.count == 50)
    }
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    print(
        "store: \(total) sessions; open \(f(openMs)) ms; list newest 50 \(f(median(listMs))) ms; list all \(f(median(listAllMs))) ms; resume a 100-event session \(f(median(resumeUs), 0)) µs (medians of \(repeats))"
    )
    print(
        "RESULT sessions=\(total) open_ms=\(openMs) list_ms=\(median(listMs)) list_all_ms=\(median(listAllMs)) resume_us=\(median(resumeUs)) list_ms_max=\(listMs.max()!) list_all_ms_max=\(listAllMs.max()!)"
    )
default:
    print("usage: coach-bench engine|memory|lint|generate|store-seed|store ... (see benchmarks/CoachBench/main.swift)")
}
