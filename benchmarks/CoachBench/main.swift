import CoachCore
import CoachShell
import Foundation

/// In-process benchmarks of the engine: turns per second through whole sessions, and loading + linting playbooks.
/// Usage: coach-bench engine [SESSIONS] | coach-bench lint [COUNT]
let arguments = CommandLine.arguments.dropFirst()
let mode = arguments.first ?? "engine"

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func shipped(_ id: String) -> (Playbook, String) {
    guard let dir = PlaybookFiles.shippedDirectory() else { fatalError("no shipped playbooks") }
    let path = dir + "/\(id).yaml"
    let text = try! PlaybookFiles.read(path)
    guard let p = PlaybookLoader.load(yaml: text, path: path).playbook else { fatalError("\(id) does not load") }
    return (p, text)
}

func answersFor(_ id: String) -> AnswerSheet {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let dir = root.appendingPathComponent("Tests/CoachCoreTests/Fixtures/answers/\(id)")
    let file = try! FileManager.default.contentsOfDirectory(atPath: dir.path).sorted().first!
    let text = try! String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
    return try! AnswerSheet.parse(text, path: file).get()
}

switch mode {
case "engine":
    let sessions = Int(arguments.dropFirst().first ?? "") ?? 10_000
    let id = arguments.dropFirst(2).first ?? "stakeholder-reset"
    let (playbook, _) = shipped(id)
    let sheet = answersFor(id)
    // Record the answers one session gives, then replay them as raw turns.
    let probe = BatchRun(playbook: playbook, sheet: sheet, today: Day(year: 2026, month: 11, day: 23)!)
    precondition(probe.succeeded, "\(probe.problems)")
    var script: [(String, AnswerInput)] = []
    var s = Session(playbook: playbook, today: Day(year: 2026, month: 11, day: 23)!)
    while let p = s.currentTurn().prompt {
        let input = BatchRun.Probe.input(for: p.step, sheet: sheet) ?? .text(p.default ?? "")
        script.append((p.step, input))
        _ = s.handle(.answer(input, step: p.step))
    }
    let start = now()
    var turns = 0
    for _ in 0..<sessions {
        var session = Session(playbook: playbook, today: Day(year: 2026, month: 11, day: 23)!)
        for (step, input) in script {
            _ = session.handle(.answer(input, step: step))
            turns += 1
        }
        precondition(session.state.status == .completed)
    }
    let elapsed = now() - start
    print(
        "engine \(id): \(sessions) sessions, \(turns) turns in \(String(format: "%.3f", elapsed)) s = \(Int(Double(turns) / elapsed)) turns/s, \(String(format: "%.2f", elapsed / Double(turns) * 1e6)) µs/turn"
    )
case "lint":
    let count = Int(arguments.dropFirst().first ?? "") ?? 1000
    let (_, text) = shipped("post-escalation-recovery")
    let files = (0..<count).map { i in text.replacingOccurrences(of: "id: post-escalation-recovery", with: "id: generated-\(i)") }
    let start = now()
    var ok = 0
    for (i, f) in files.enumerated() where PlaybookLoader.load(yaml: f, path: "generated-\(i).yaml").playbook != nil { ok += 1 }
    let elapsed = now() - start
    print(
        "load+lint: \(ok)/\(count) playbooks in \(String(format: "%.3f", elapsed)) s (\(String(format: "%.2f", elapsed / Double(count) * 1000)) ms each)"
    )
default:
    print("usage: coach-bench engine [SESSIONS] [PLAYBOOK] | coach-bench lint [COUNT]")
}
