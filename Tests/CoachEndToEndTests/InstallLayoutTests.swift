import Foundation
import Testing

@Suite("Installed layout")
struct InstallLayoutTests {
    @Test("an installed binary, started through a symlink, lists the playbooks in ../share/coach/playbooks")
    func installedPlaybooks() throws {
        let prefix = try PseudoTerminal.makeTemporaryFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: prefix + "/bin", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: prefix + "/share/coach/playbooks", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: prefix + "/links", withIntermediateDirectories: true)
        try fm.copyItem(atPath: try CoachBinary.path(), toPath: prefix + "/bin/coach")
        try fm.copyItem(
            atPath: CoachBinary.fixtures + "/account-checkup.yaml", toPath: prefix + "/share/coach/playbooks/account-checkup.yaml")
        try fm.createSymbolicLink(atPath: prefix + "/links/coach", withDestinationPath: "../bin/coach")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: prefix + "/links/coach")
        process.arguments = ["list"]
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.environment = ["HOME": prefix, "COACH_HOME": prefix + "/data", "PATH": "/usr/bin:/bin", "NO_COLOR": "1"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        // Only the installed folder's playbook: the source tree the binary was built from is not used.
        let ids = text.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(ids == ["account-checkup"])
    }
}
