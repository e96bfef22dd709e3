/// A two-question playbook whose answer names the account and whose draft hands off to `account-checkup`, carrying
/// the client: the hand-off tests use it to check which account name a hand-off offers after an accounts merge.
public enum ClientVisitPlaybook {
    public static let yaml = """
        format: 1
        id: client-visit
        title: Client visit
        summary: A note after a client visit.
        version: 1
        account_step: client
        steps:
          - id: client
            ask: Which client?
          - id: contact
            ask: Who did you meet?
            account: true
        outputs:
          - id: note
            title: Visit note
            kind: note
            body: "Met {{contact}} at {{client}}."
        handoffs:
          - playbook: account-checkup
            label: Check this account's health
            carry:
              client: client
        """
}
