extension Session {
    /// The dated plans computed from the answers so far, in playbook order; empty while a start date is missing.
    public func datedPlans() -> [SessionExport.Plan] {
        let scope = self.scope()
        var plans: [SessionExport.Plan] = []
        for computed in playbook.computed {
            guard case .plan = computed.rule, case .plan(let days)? = scope.lookup(computed.id) else { continue }
            let shownBy = playbook.outputs.first { output in
                output.kind == .plan && output.body.contains("{{#\(computed.id)}}")
            }
            plans.append(
                SessionExport.Plan(
                    id: computed.id, title: shownBy?.title ?? computed.id, isMain: shownBy != nil, days: days))
        }
        return plans
    }

    /// The session as the exports see it: final drafts when completed, else a preview.
    public func export(sessionID: String, title: String) -> SessionExport {
        SessionExport(
            sessionID: sessionID, title: title, playbookID: playbook.id, playbookTitle: playbook.title,
            status: status,
            answers: answeredSteps().map { SessionExport.Answer(step: $0.key.description, question: $0.question, answer: $0.answer) },
            outputs: preview(), plans: datedPlans())
    }
}
