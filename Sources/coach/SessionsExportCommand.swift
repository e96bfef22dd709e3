import ArgumentParser
import CoachShell
import Foundation

/// `coach sessions export ID --format F [--output PATH]`: a session as a document, emails, calendar or transcript.
struct SessionsExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a session: markdown or text (answers and drafts), eml (email drafts), ics (the dated plan), "
            + "jsonl or transcript (the journal).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The session id, or an unambiguous start of it.")
    var id: String

    @Option(name: .long, help: "markdown, text, jsonl, transcript, eml or ics.")
    var format: ExportFormat = .markdown

    @Option(
        name: .long,
        help: ArgumentHelp("Write to this file (or into this folder, one file per draft); default: print.", valueName: "path"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("The From address of .eml files (also COACH_FROM); default: none.", valueName: "address"))
    var from: String?

    func run() throws {
        let service = try global.storedSessions(catalog: global.catalog())
        let files = try service.export(id, format: format, from: from ?? global.environment["COACH_FROM"])
        guard let output else {
            if files.count > 1 {
                Stderr.print("\(files.count) files; use --output DIR to write one file each.")
            }
            FileHandle.standardOutput.write(Data(files.map(\.contents).joined(separator: "\n").utf8))
            return
        }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
        let intoFolder = files.count > 1 || (exists && isFolder.boolValue) || output.hasSuffix("/")
        for file in files {
            let path = intoFolder ? (output as NSString).appendingPathComponent(file.name) : output
            do {
                if intoFolder {
                    try FileManager.default.createDirectory(
                        atPath: output, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                }
                try PrivateFile.write(file.contents, to: path)
            } catch {
                throw CoachFailure("could not write \(path): \(error). Check the folder exists and is writable.")
            }
            print(path)
        }
    }
}

extension ExportFormat: ExpressibleByArgument {}
