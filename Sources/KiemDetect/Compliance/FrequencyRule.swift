/// The frequency rule: at most `cap` advertising messages (or calls) from one sender to one
/// recipient on one channel within any window of `window` milliseconds.
///
/// A record at time t breaks it when, counting itself, the sender sent more than `cap` to that
/// recipient in (t − window, t]. Records with the same time are all in each other's window.
public enum FrequencyRule {
    /// A record that broke the rule: its position in the sorted times, how many were in its
    /// window, and the time of the earliest of them.
    public struct Breach: Sendable, Equatable {
        public var index: Int
        public var count: Int
        public var windowStart: Int64
    }

    /// Judges the records of one sender, recipient and channel, given their times in ascending order.
    public static func breaches(sortedTimes times: UnsafeBufferPointer<Int64>, cap: Int, window: Int64, _ report: (Breach) -> Void) {
        guard times.count > cap else { return }
        var oldest = 0
        var index = 0
        while index < times.count {
            let time = times[index]
            // Every record with this same time is in the window of each of them.
            var groupEnd = index + 1
            while groupEnd < times.count && times[groupEnd] == time { groupEnd += 1 }
            while times[oldest] <= time - window { oldest += 1 }
            let count = groupEnd - oldest
            if count > cap {
                for member in index..<groupEnd { report(Breach(index: member, count: count, windowStart: times[oldest])) }
            }
            index = groupEnd
        }
    }

    /// The same over an array, for tests and small inputs.
    public static func breaches(sortedTimes times: [Int64], cap: Int, window: Int64) -> [Breach] {
        var found: [Breach] = []
        times.withUnsafeBufferPointer { breaches(sortedTimes: $0, cap: cap, window: window) { found.append($0) } }
        return found
    }

    /// "4th", "21st": the ordinal of a count, for details.
    public static func ordinal(_ count: Int) -> String {
        let suffix: String
        switch (count % 10, count % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(count)\(suffix)"
    }
}
