/// What the dashboard shows: volumes by label over time, the health of the review queue,
/// automatic against human decisions, and how appeals ended.
public struct DashboardFigures: Sendable {
    /// Items received per day (days since the epoch in Vietnam's time, UTC+7) and top label.
    public var volumes: [(day: Int64, label: String, count: Int)]
    /// Open cases (new, in review or appealed).
    public var pending: Int
    /// When the oldest open case was opened (ms since the epoch).
    public var oldestPending: Int64?
    /// Open cases past their due time.
    public var overdue: Int
    /// Items the engine acted on alone (no case) in the window, by action.
    public var automatic: [String: Int]
    /// Decisions people made in the window.
    public var human: Int
    /// Appeals by status (open, upheld, overturned), all time.
    public var appeals: [String: Int]

}
