/// Rules about length: whether the draft can be read on a phone.
extension ReviewRule {
    /// The most words an email body should have.
    static let emailWordLimit = 250
    /// The most words a paragraph should have.
    static let paragraphWordLimit = 90

    /// An email body too long to read on a phone.
    static let emailTooLong = ReviewRule(
        id: "email-too-long", severity: .warning,
        summary: "An email body over \(emailWordLimit) words, too long to read on a phone."
    ) { text in
        guard text.draft.isEmail, text.bodyWordCount > emailWordLimit else { return [] }
        return [
            ReviewNote(
                0, "The body is \(text.bodyWordCount) words; past \(emailWordLimit) it is hard to read on a phone.",
                "Keep the ask and the next step, move background into an attachment or the call, and aim for "
                    + "under 200 words.")
        ]
    }

    /// The most words one list item should have.
    static let listItemWordLimit = 60

    /// A paragraph that reads as a wall of text, or a list item that has become one.
    static let paragraphTooLong = ReviewRule(
        id: "paragraph-too-long", severity: .info,
        summary: "A paragraph over \(paragraphWordLimit) words, or a list item over \(listItemWordLimit): a wall of text."
    ) { text in
        let paragraphs = text.paragraphs.filter { $0.wordCount > paragraphWordLimit }.map { paragraph in
            ReviewNote(
                paragraph.firstLine, "This paragraph runs to \(paragraph.wordCount) words, a wall of text on a phone.",
                "Split it into short paragraphs of two to four sentences, one point each.")
        }
        let items = text.listItems.filter { $0.wordCount > listItemWordLimit }.map { item in
            ReviewNote(
                item.firstLine, "This list item runs to \(item.wordCount) words, too long to scan.",
                "Keep each item to one point in a line or two; move the detail into an attachment.")
        }
        return (paragraphs + items).sorted { $0.line < $1.line }
    }
}
