/// The one loop that touches the terminal: reads a line, hands it to the controller, writes the reply.
public final class Repl {
    /// The state machine the loop drives.
    public private(set) var controller: ReplController
    private let output: (String) -> Void
    private let errorOutput: (String) -> Void

    /// A loop over `controller` that writes screen text to `output` and problems to `errorOutput`.
    public init(
        controller: ReplController, output: @escaping (String) -> Void, errorOutput: @escaping (String) -> Void
    ) {
        self.controller = controller
        self.output = output
        self.errorOutput = errorOutput
    }

    /// Runs until the user leaves or the input ends; returns the exit status (0 ok, 1 input ended too soon).
    public func run(reader: any LineReader, playbookID: String? = nil, resume: String? = nil) -> Int32 {
        var reply = controller.start(playbookID: playbookID, resume: resume)
        while true {
            emit(reply)
            if let code = reply.exitCode { return code }
            let request = controller.request
            let input = reader.readLine(request)
            if case .line(let line) = input, line != request.offer, line != request.text,
                line.contains(where: { !$0.isWhitespace })
            {
                reader.addHistory(line)
            }
            reply = controller.handle(input)
        }
    }

    /// Tab candidates for the text before the cursor, for the line editor.
    public func completions(for lineBeforeCursor: String) -> [String] {
        controller.completions(for: lineBeforeCursor)
    }

    private func emit(_ reply: ReplReply) {
        if !reply.output.isEmpty { output(reply.output) }
        if !reply.errors.isEmpty { errorOutput(reply.errors) }
    }
}
