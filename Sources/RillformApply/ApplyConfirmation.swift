/// Whether `apply` may go ahead: asks for `yes` on a terminal unless `--auto-approve`; without a terminal it refuses
/// unless `--auto-approve`. Pure: the terminal is a closure.
public enum ApplyConfirmation: Sendable, Hashable {
    /// Go ahead.
    case proceed
    /// The user answered something other than `yes` (or input ended).
    case cancelled
    /// No terminal to ask and no `--auto-approve`: refuse rather than apply unapproved changes.
    case refusedNoTTY

    /// Terraform's prompt, shown before reading the answer.
    public static let prompt =
        "Do you want to perform these actions?\n"
        + "  rillform will perform the actions described above.\n"
        + "  Only 'yes' will be accepted to approve.\n\n"
        + "  Enter a value: "

    /// Printed when the answer was not `yes` (Terraform's wording).
    public static let cancelledMessage = "Apply cancelled."

    /// Printed when there is no terminal and no `--auto-approve`.
    public static let refusedNoTTYMessage =
        "rillform apply needs confirmation, but standard input is not a terminal: "
        + "re-run with --auto-approve to apply without asking."

    /// Decides.
    ///
    /// - Parameters:
    ///   - isTTY: whether standard input (and output) is an interactive terminal.
    ///   - autoApprove: `--auto-approve` was given; nothing is asked.
    ///   - readLine: shows the prompt it is given and returns the answer, `nil` at end of input. Called at most once.
    /// - Returns: `.proceed` only for `--auto-approve` or an answer of exactly `yes` (surrounding whitespace ignored).
    public static func decide(isTTY: Bool, autoApprove: Bool, readLine: (_ prompt: String) -> String?)
        -> ApplyConfirmation
    {
        if autoApprove { return .proceed }
        guard isTTY else { return .refusedNoTTY }
        guard let answer = readLine(prompt) else { return .cancelled }
        return answer.trimmingWhitespace == "yes" ? .proceed : .cancelled
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and newlines (no Foundation in this pure helper).
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
