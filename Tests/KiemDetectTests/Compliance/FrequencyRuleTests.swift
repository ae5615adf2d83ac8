import KiemDetect
import Testing

@Suite("The frequency rule")
struct FrequencyRuleTests {
    let hour: Int64 = 3_600_000
    let day: Int64 = 86_400_000

    @Test("the fourth SMS within 23 h 59 min breaks a cap of three; the first leaves the window exactly 24 h after it was sent")
    func fourth() {
        let times = [0, hour, 2 * hour, day - 60_000, day + hour]
        let breaches = FrequencyRule.breaches(sortedTimes: times, cap: 3, window: day)
        // At 23:59 after the first: four in (t - 24 h, t]. 25 h after the first, the first two have left.
        #expect(breaches.map(\.index) == [3])
        #expect(breaches.map(\.count) == [4])
        #expect(breaches.first?.windowStart == 0)
        #expect(FrequencyRule.breaches(sortedTimes: [0, hour, 2 * hour, day], cap: 3, window: day).isEmpty)
    }

    @Test("records at the same instant are all in each other's window")
    func sameInstant() {
        #expect(FrequencyRule.breaches(sortedTimes: [5, 5], cap: 1, window: day).map(\.index) == [0, 1])
        #expect(FrequencyRule.breaches(sortedTimes: [0, day, day], cap: 1, window: day).map(\.index) == [1, 2])
    }

    @Test("ordinals read naturally")
    func ordinals() {
        #expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(FrequencyRule.ordinal) == ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st"])
    }
}
