import KiemDetect
import Testing

@Suite("campaign clusters")
struct CampaignClustererTests {
    @Test("the same scam with changed names, amounts and links forms one cluster with its shared link; other messages stay apart")
    func clusters() {
        let clusterer = CampaignClusterer()
        var ids: [Int?] = []
        let names = ["Nguyen Van An", "Tran Thi Binh", "Le Van Cuong", "Pham Thi Dung", "Hoang Van Em", "Vu Thi Giang"]
        for (index, name) in names.enumerated() {
            let text = "Chuc mung quy khach \(name) da trung thuong \(index + 5) trieu dong tu chuong trinh tri an khach hang, vui long truy cap vcb-tritan.top de nhan thuong truoc 24h hom nay"
            ids.append(clusterer.assign(text, at: Int64(index * 60), indicators: ["domain:vcb-tritan.top"]))
        }
        let other = clusterer.assign("Toi nay 7h hop lop o quan cu nhe, nho mang theo anh ky yeu", at: 500)
        let another = clusterer.assign("Cong ty tuyen cong tac vien lam viec tai nha, luong 500k mot ngay, lien he zalo 0912345678", at: 600)
        #expect(Set(ids.compactMap { $0 }).count == 1)
        #expect(other != ids[0] && another != ids[0] && other != another)
        let cluster = clusterer.clusters[ids[0]!]
        #expect(cluster.size == 6)
        #expect(cluster.firstSeen == 0 && cluster.lastSeen == 300)
        #expect(cluster.sharedIndicators == ["domain:vcb-tritan.top"])
        #expect(clusterer.assign("ok em", at: 700) == nil)
    }
}
