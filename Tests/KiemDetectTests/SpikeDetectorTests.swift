import KiemDefaults
import KiemDetect
import Testing

@Suite("spike alerts")
struct SpikeDetectorTests {
    @Test("on a generated stream with planted bursts: every burst alerted within two buckets, at most one false alert per 1,000 series-buckets")
    func plantedBursts() {
        let result = BurstEvaluation.run(series: 600, buckets: 120, bursts: 60)
        #expect(result.bursts == 60)
        #expect(result.found == result.bursts, "found \(result.found) of \(result.bursts)")
        #expect(result.falseAlertRate <= 1.0, "false alerts: \(result.falseAlerts) in \(result.series * result.buckets) series-buckets")
        #expect(result.events > 100_000)
    }

    @Test("a steady series never alerts; a jump alerts once, in the bucket it happens, with its baseline")
    func steadyThenJump() {
        let detector = SpikeDetector()
        var alerts: [SpikeAlert] = []
        for hour in 0..<48 {
            for event in 0..<10 { if let alert = detector.add("label:scam", at: Int64(hour * 3600 + event * 300)) { alerts.append(alert) } }
        }
        #expect(alerts.isEmpty)
        for event in 0..<80 { if let alert = detector.add("label:scam", at: Int64(48 * 3600 + event * 40)) { alerts.append(alert) } }
        #expect(alerts.count == 1)
        #expect(alerts.first?.bucketStart == Int64(48 * 3600))
        #expect(alerts.first.map { $0.baseline > 9 && $0.baseline < 11 } == true)
        #expect(alerts.first.map { $0.count < 40 } == true, "alerted while the burst was under way")
    }

    @Test("a series new after the detector's warm-up alerts when it arrives as a wave; one there from the start does not")
    func newSeries() {
        let detector = SpikeDetector()
        var alerts: [String] = []
        for event in 0..<40 { if let alert = detector.add("label:spam", at: Int64(event * 60)) { alerts.append(alert.key) } }
        for hour in 1..<6 { _ = detector.add("label:spam", at: Int64(hour * 3600)) }
        for event in 0..<10 { if let alert = detector.add("domain:quiet.example", at: Int64(6 * 3600 + event)) { alerts.append(alert.key) } }
        for event in 0..<40 { if let alert = detector.add("cluster:7", at: Int64(6 * 3600 + event)) { alerts.append(alert.key) } }
        #expect(alerts == ["cluster:7"])
    }

    @Test("the campaign watch counts the same series whether it is given what the engine read or reads the message again")
    func readingReused() throws {
        let session = Engine(model: try ShippedDefaults.model(), rules: try ShippedDefaults.rules(), policy: try ShippedDefaults.policy()).session()
        let given = CampaignWatch()
        let reread = CampaignWatch()
        var alerts: [String] = []
        for minute in 0..<150 {
            let text = minute < 100 ? "Mai em qua lấy đồ nhé \(minute % 7)" : "Tai khoan Vietcombank bi khoa, xac minh tai vcb-xacminh.top hoac goi 0912345678, ma \(minute)"
            let (verdict, reading) = session.checkAndRead(text)
            let time = Int64(minute < 100 ? minute * 300 : 30_000 + minute)
            let observed = given.observe(text, verdict: verdict, at: time, reading: reading)
            #expect(observed == reread.observe(text, verdict: verdict, at: time))
            alerts += observed.alerts.map(\.key)
        }
        #expect(alerts.contains("domain:vcb-xacminh.top"), "\(alerts)")
        // Each phrase of a rule that fired is its own series, not the signal's list of phrases.
        #expect(alerts.contains("keyword:vietcombank") && alerts.contains("keyword:xac minh"), "\(alerts)")
        #expect(!alerts.contains { $0.contains(", ") }, "\(alerts)")
    }
}
