import Logging
import KiemStore

extension KiemServices {
    /// Takes a citizen's report (the API's and the page's): checks the message and its link,
    /// stores it as a `tipline` item with a receipt, and lets the campaign monitor count it.
    func submitReport(text: String, url: String?, contact: String?, logger: Logger) async throws -> CitizenReport {
        let checked = [text, url ?? ""].filter { !$0.isEmpty }.joined(separator: "\n")
        let (verdict, reading) = engines.withSession { $0.checkAndRead(checked) }
        let report = try await store.submitReport(text: checked, url: url, contact: contact,
                                                  verdict: VerdictRecord(verdict, modelVersion: modelVersion, rulesVersion: rulesVersion))
        do { try await campaigns.observe([(checked, verdict, report.createdAt, reading)], store: store) } catch {
            logger.error("campaign monitor: \(error)")
        }
        return report
    }
}
