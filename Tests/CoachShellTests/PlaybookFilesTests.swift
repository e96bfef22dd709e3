import CoachShell
import Foundation
import Testing

@Suite("Playbook files")
struct PlaybookFilesTests {
    @Test("a UTF-8 file reads whole; a file in another encoding is refused by name; a missing one says so")
    func reading() throws {
        let folder = ServiceFixture.temporaryHome()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let good = folder + "/good.yaml"
        let text = "id: zoë\ntitle: Müller 北京\n"
        _ = FileManager.default.createFile(atPath: good, contents: Data(text.utf8))
        #expect(try PlaybookFiles.read(good) == text)
        let empty = folder + "/empty.yaml"
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(try PlaybookFiles.read(empty) == "")

        let latin1 = folder + "/latin1.yaml"
        _ = FileManager.default.createFile(atPath: latin1, contents: Data([0x69, 0x64, 0x3A, 0x20, 0x7A, 0x6F, 0xEB, 0x0A]))
        #expect(throws: ShellError("\(latin1) is not UTF-8 text")) { try PlaybookFiles.read(latin1) }
        #expect(throws: ShellError.self) { try PlaybookFiles.read(folder + "/missing.yaml") }
    }
}
