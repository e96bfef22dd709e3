/// An email draft as an RFC 5322 `.eml` file that mail clients open as an unsent draft.
public enum EmailFile {
    /// The `.eml` text of `output`: CRLF line ends, UTF-8 quoted-printable body, `X-Unsent: 1`.
    ///
    /// - Parameters:
    ///   - from: the sender address (`Name <a@b.c>`), or nil to leave `From` out for the mail client to fill.
    ///   - date: seconds since 1970 for the `Date` header, or nil for none.
    public static func eml(_ output: RenderedOutput, from: String? = nil, date: Double? = nil) -> String {
        var headers: [String] = []
        if let from, !from.trimmingWhitespace().isEmpty {
            headers.append("From: " + MailEncoding.addressValue(from, label: "From"))
        }
        if let to = output.to, !to.trimmingWhitespace().isEmpty {
            headers.append("To: " + MailEncoding.addressValue(to, label: "To"))
        }
        let subject = output.subject ?? output.title
        headers.append("Subject: " + MailEncoding.headerValue(subject, label: "Subject"))
        if let date {
            headers.append("Date: " + ExportTime(seconds: date).rfc5322)
        }
        headers += [
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "X-Unsent: 1",
        ]
        var body = output.body
        while body.hasSuffix("\n") {
            body.removeLast()
        }
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + MailEncoding.quotedPrintable(body) + "\r\n"
    }

    /// A file name for the draft: `<session>-<output id>.eml`.
    public static func fileName(_ output: RenderedOutput, sessionID: String) -> String {
        "\(sessionID)-\(output.id).eml"
    }
}
