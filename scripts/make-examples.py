#!/usr/bin/env python3
"""Writes Data/examples.jsonl: Vietnamese and English training examples that the Kiem project
wrote itself, for every label and for the clean look-alikes (real OTP messages, balance notices,
delivery notices, official warnings, everyday chat). Deterministic: the same file every run.

Each template is a message pattern the project wrote from public descriptions of scams reported
in Vietnam (bank and police impersonation, fake prizes, "task" jobs, loan fees, fake public-service
apps) and of ordinary traffic. Slots are filled at random; about a third of the Vietnamese
messages lose their accents, as much real SMS does.

    python3 scripts/make-examples.py > Data/examples.jsonl
"""
import json
import random
import unicodedata

rng = random.Random(20261123)

BANKS = ["Vietcombank", "VCB", "Techcombank", "MB Bank", "MBBank", "Agribank", "BIDV", "VietinBank", "TPBank", "ACB",
         "Sacombank", "VPBank", "HDBank"]
WALLETS = ["MoMo", "ZaloPay", "ViettelPay", "VNPay"]
BRAND_TOKENS = ["vietcombank", "vcb", "techcombank", "mbbank", "agribank", "bidv", "vietinbank", "tpbank", "momo", "zalopay",
                "vneid", "dichvucong", "evn", "shopee", "lazada", "ghn"]
BAD_TLDS = ["top", "xyz", "cc", "vip", "online", "site", "club", "icu", "info", "net", "com", "shop", "live"]
WORDS = ["xacminh", "hotro", "login", "secure", "capnhat", "khachhang", "online", "vn", "baomat", "dangnhap", "hoantien", "uudai"]
NAMES = ["Nguyen Van Minh", "Tran Thi Lan", "Le Van Hung", "Pham Thu Trang", "Hoang Duc Anh", "Vu Thi Mai", "Do Quang Huy"]
PLACES = ["Quận 1", "Quận Gò Vấp", "Quận Cầu Giấy", "TP Thủ Đức", "Quận Hai Bà Trưng", "huyện Bình Chánh", "TP Đà Nẵng"]
SHORT = ["bit.ly", "tinyurl.com", "cutt.ly", "rb.gy", "s.id"]


def phone():
    return "0" + rng.choice("35789") + "".join(rng.choice("0123456789") for _ in range(8))


def spaced_phone():
    p = phone()
    return rng.choice([p, f"{p[:4]} {p[4:7]} {p[7:]}", f"{p[:4]}.{p[4:7]}.{p[7:]}"])


def money():
    return rng.choice(["500k", "2tr", "5 triệu", "1.200.000đ", "3tr5", "10 triệu", "300.000 VNĐ", "15tr", "2 củ", "50 triệu"])


def code():
    return "".join(rng.choice("0123456789") for _ in range(6))


def account():
    return "".join(rng.choice("0123456789") for _ in range(rng.choice([10, 12, 13])))


def bad_domain():
    brand = rng.choice(BRAND_TOKENS)
    shape = rng.randrange(5)
    tld = rng.choice(BAD_TLDS)
    word = rng.choice(WORDS)
    if shape == 0:
        return f"{brand}-{word}.{tld}"
    if shape == 1:
        return f"{word}-{brand}.{tld}"
    if shape == 2:
        return f"{brand}.com.vn.{word}-{rng.randrange(10, 99)}.{tld}"
    if shape == 3:
        return f"{rng.choice(SHORT)}/{''.join(rng.choice('abcdefghijkXYZ0123') for _ in range(6))}"
    return f"{brand}{word}.{tld}"


def link():
    d = bad_domain()
    return rng.choice([f"https://{d}", f"http://{d}/{rng.choice(WORDS)}", d])


def fill(template):
    slots = {
        "bank": lambda: rng.choice(BANKS), "wallet": lambda: rng.choice(WALLETS), "phone": spaced_phone,
        "money": money, "code": code, "account": account, "link": link, "name": lambda: rng.choice(NAMES),
        "place": lambda: rng.choice(PLACES), "hour": lambda: str(rng.randrange(8, 21)), "day": lambda: str(rng.randrange(1, 29)),
        "month": lambda: str(rng.randrange(1, 13)), "order": lambda: "".join(rng.choice("0123456789ABCDEF") for _ in range(9)),
        "threat": lambda: rng.choice(["tao giết mày", "tao chém chết mày", "tao đánh gãy chân mày", "tao đốt nhà mày", "tao cho người xử mày",
                                      "tao tạt axit mày", "mày không sống qua đêm nay đâu", "tao đâm chết mày", "I will kill you", "I will hurt you",
                                      "tao sẽ băm mày ra"]),
        "insult": lambda: rng.choice(["đồ ngu", "óc chó", "thằng súc vật", "đồ mất dạy", "con đĩ điếm", "đồ khốn nạn", "thằng ngu", "ngu như bò",
                                      "đồ rác rưởi", "mặt lồn", "đồ điên", "stupid idiot", "moron", "worthless bitch", "đồ ăn hại"]),
        "when": lambda: rng.choice(["tối nay", "ngày mai", "ngay bây giờ", "sáng mai", "cuối tuần này", "tonight", "soon", ""]),
        "who": lambda: rng.choice(["mày", "thằng kia", "con kia", "mầy", "chúng mày", "tụi bây", "you"]),
        "chat": lambda: rng.choice(["mai đi cà phê không", "tối nay ăn gì", "con đã ăn cơm chưa", "nhớ mang áo mưa nhé", "họp lớp tháng sau nha",
                                    "cuối tuần về quê không em", "chị gửi ảnh hôm qua rồi đó", "đi đường cẩn thận nha", "hôm nay trời đẹp quá",
                                    "anh về muộn, mọi người ăn trước đi", "mai nộp bài tập nhóm nhé", "ok em cảm ơn ạ", "see you tomorrow",
                                    "what time is the meeting", "thanks, got it", "đặt giúp mình 2 vé xem phim nhé", "nhà mình hết gạo rồi"]),
        "course": lambda: rng.choice(["IE106", "Toán cao cấp", "Lập trình C", "Kinh tế vi mô", "Tiếng Anh 2", "Vật lý đại cương"]),
        "weekday": lambda: str(rng.randrange(2, 8)),
        "room": lambda: rng.choice(["B1.02", "A2.14", "C3.01", "E4.05"]),
        "site": lambda: rng.choice(["nhacai88", "fb88", "w88vn", "kubet", "789bet", "onbet", "bong88", "hi88"]) + "." + rng.choice(["com", "vip", "club", "net"]),
    }
    out = template
    for key, make in slots.items():
        while "{" + key + "}" in out:
            out = out.replace("{" + key + "}", make(), 1)
    return out


def strip_accents(text):
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


TEMPLATES = {
    ("scam", "phishing"): [
        "[{bank}] Tài khoản của quý khách bị tạm khoá do giao dịch bất thường. Vui lòng xác minh tại {link} trong 24h.",
        "{bank} thông báo: tài khoản của bạn sẽ bị đình chỉ, cập nhật sinh trắc học ngay tại {link}",
        "Quý khách có khoản hoàn tiền {money} từ {bank}. Đăng nhập {link} và nhập mã OTP để nhận.",
        "{wallet}: ví của bạn bị khoá tạm thời. Xác thực danh tính tại {link} để mở khoá.",
        "Thẻ {bank} của quý khách hết hạn, vui lòng nâng cấp thẻ chip tại {link} kẻo bị khoá vĩnh viễn.",
        "Your {bank} account has been suspended due to unusual activity. Verify now at {link}",
        "Dear customer, your card will be blocked today. Confirm your details at {link}",
        "Ban co giao dich dang nhap la tren {bank}. Neu khong phai ban, huy tai {link}",
        "{bank}: Quy khach vui long cung cap ma OTP vua nhan de hoan tat huy dich vu SMS Banking",
        "Nhan vien {bank} xin ma OTP de xac nhan hoan tien {money} cho quy khach, doc ma cho em nhe",
        "Shopee tri ân: bạn được hoàn {money}, đăng nhập {link} bằng mật khẩu ngân hàng để nhận.",
        "Don hang {order} cua ban bi giu tai kho, thanh toan phi {money} va cap nhat dia chi tai {link}",
    ],
    ("scam",): [
        "Công an {place} thông báo: ông/bà {name} liên quan vụ án rửa tiền, yêu cầu chuyển toàn bộ tiền vào tài khoản an toàn {account} để điều tra.",
        "Toà án nhân dân {place} gửi giấy triệu tập. Liên hệ {phone} ngay để tránh lệnh bắt tạm giam.",
        "Chúc mừng quý khách đã trúng thưởng xe SH trong chương trình tri ân khách hàng. Gọi {phone} để nhận thưởng, phí hồ sơ {money}.",
        "Tuyển CTV làm nhiệm vụ like video TikTok, hoa hồng {money} mỗi ngày, nạp tiền làm nhiệm vụ hoàn lại 130%. Liên hệ Zalo {phone}",
        "Việc nhẹ lương cao, làm tại nhà chỉ cần điện thoại, thu nhập {money}/tháng. Ib ngay {phone}",
        "Khoản vay {money} của bạn đã được duyệt. Chuyển khoản phí bảo hiểm khoản vay {money} vào STK {account} {bank} để giải ngân.",
        "Ông/bà {name} quá hạn thanh toán {money}. Chúng tôi sẽ gửi hồ sơ về người thân và xuống nhà tại {place} làm việc.",
        "Me oi con bi tai nan dang cap cuu, chuyen gap {money} vao so tai khoan {account} {bank} giup con",
        "Đầu tư tiền ảo lãi 5% mỗi ngày, cam kết lợi nhuận, nạp tối thiểu {money}, liên hệ {phone}",
        "Congratulations! You have won a {money} prize in our lucky draw. Call {phone} to claim, processing fee applies.",
        "Part time job: earn 200 USD per day liking videos. Deposit first task, commission paid daily. WhatsApp {phone}",
        "Chi cục thuế {place} thông báo hoàn thuế {money}, cung cấp số tài khoản và mã OTP qua {phone} để nhận.",
        "Anh oi em nhan vien GHN, don hang cua anh can dong phi {money} truoc khi giao, chuyen vao {account}",
        "Bạn được chọn nhận quà tặng iPhone 15, chỉ cần thanh toán phí vận chuyển {money} vào STK {account}",
    ],
    ("malware", "scam"): [
        "Cập nhật định danh điện tử mức 2 trên VNeID, tải ứng dụng tại {link}/vneid.apk để tránh bị khoá.",
        "EVN thông báo hoàn tiền điện {money}, tải app EVN tại {link}/evn.apk để nhận.",
        "Cơ quan thuế yêu cầu cài đặt ứng dụng dịch vụ công tại {link} để quyết toán thuế, hạn chót hôm nay.",
        "Tai ung dung {bank} phien ban moi tai {link}/app.apk de tiep tuc su dung",
        "Bao hiem xa hoi: cai app BHXH tai {link} de nhan tro cap {money}",
        "Install the new security app from {link}/secure.apk to keep your account active",
        "Cong an {place} yeu cau cai dat ung dung dich vu cong tai {link} de xac minh cu tru",
    ],
    ("spam",): [
        "Ban co {money} qua nap dien thoai trong {wallet}, het han {day}/{month}. Mo vi > Uu dai > Qua cua toi de dung ngay.",
        "[QC] {wallet} tang ban voucher giam {money} khi thanh toan hoa don, ap dung den het ngay {day}/{month}.",
        "Viettel tang 25% gia tri the nap trong ngay {day}/{month}. Chi tiet lien he 198. Tu choi QC soan TC gui 199.",
        "[QC] Dang ky goi cuoc data 4G chi {money}/thang, soan DK gui 9123 de dang ky ngay.",
        "[QC] Sim số đẹp giá rẻ chỉ từ {money}, giao tận nhà. Liên hệ {phone}",
        "Căn hộ cao cấp view sông, chỉ từ 2 tỷ, chiết khấu 10%. Hotline {phone}",
        "Giảm giá 50% toàn bộ mỹ phẩm nhập khẩu, mua ngay tại shopmypham.vn, freeship toàn quốc",
        "Hỗ trợ vay tiền nhanh không thế chấp, giải ngân trong 30 phút, chỉ cần CCCD. LH {phone}",
        "Đất nền sổ đỏ ven biển, giá đầu tư {money}/m2, cam kết sinh lời. Gọi {phone}",
        "[QC] Spa Hoa Mai ưu đãi trị mụn, tặng liệu trình miễn phí cho 50 khách đầu tiên. Đặt lịch {phone}",
        "Khoa hoc tieng Anh online giam 40% hom nay, dang ky ngay tai englishvip.vn",
        "Thanh lý xả kho quần áo đồng giá 99k, inbox shop để đặt hàng",
        "FREE entry into our weekly competition to win a holiday. Text WIN to 80082 now",
        "Get 50% off all phones this weekend only. Reply STOP to opt out. Call {phone}",
        "Vay tien online lai suat thap, no xau van ho tro, duyet nhanh trong ngay, lien he {phone}",
        "[QC] Mua 1 tặng 1 trà sữa tất cả chi nhánh, áp dụng đến hết ngày {day}/{month}",
    ],
    ("gambling",): [
        "Nhà cái uy tín số 1 châu Á, nạp lần đầu tặng 100%, rút tiền siêu tốc tại {site}",
        "Soi cầu bạch thủ lô đề chuẩn 100% hôm nay, ib ngay để nhận số",
        "Tài xỉu online, nổ hũ, bắn cá đổi thưởng, đăng ký {site} nhận code {money}",
        "Kèo bóng đá tối nay tỷ lệ cao, cá cược an toàn tại {site}",
        "Casino trực tuyến, baccarat, xóc đĩa live, hoàn trả 1.5% mỗi ngày: {site}",
        "Best online casino bonus: deposit now and get 200 free spins at {site}",
        "Game bai doi thuong, nap the nhan x2, tai ngay {site}",
    ],
    ("sexual",): [
        "Em gái xinh nhận đi khách, phục vụ tận tình, ib Zalo {phone}",
        "Xem clip nóng hot girl lộ hàng miễn phí tại {link}",
        "Chat sex qua video call, sugar baby tìm sugar daddy, liên hệ {phone}",
        "Gai goi cao cap {place}, gia {money}, goi {phone}",
        "Hot singles near you want to chat tonight, nude pics at {link}",
        "Phim người lớn 18+ không che, xem ngay tại {link}",
    ],
    ("violence",): [
        "{who} chờ đấy, {when} {threat}",
        "{threat} {when}, {who} nhớ đấy",
        "Nói nữa là {threat}",
        "Tao sẽ giết mày nếu mày còn nói thêm một lời nào nữa",
        "Coi chừng tao đốt nhà mày, cả nhà mày không yên đâu",
        "May ma khong tra tien thi tao cho nguoi xuong chem may",
        "Tối nay tao đợi mày ở đầu ngõ, tao đánh chết mày",
        "I will kill you and your family if you go to the police",
        "Đứa nào bênh nó thì tao tạt axit đứa đó",
        "Mày chờ đấy, tao sẽ cho mày ăn đạn",
    ],
    ("harassment",): [
        "{who} là {insult}",
        "{insult}, {who} biết cái gì mà nói",
        "Câm mồm đi {insult}",
        "Nhìn mặt {who} đã thấy {insult} rồi",
        "Đồ ngu, óc chó như mày thì biết cái gì",
        "Con mẹ mày, đồ mất dạy, cút đi",
        "Thằng này ngu như bò, nói mãi không hiểu",
        "Bon moi ro rach, ve nuoc ma song di",
        "Đm thằng súc vật, vcl luôn",
        "You are a stupid idiot, nobody wants you here",
        "Mặt lồn, đồ khốn nạn, câm mồm lại",
        "fuck you moron, go back where you came from",
    ],
    (): [
        "Truong DH {place} thong bao lich hoc bu mon {course} vao thu {weekday} ngay {day}/{month}, phong {room}.",
        "Thông báo: lớp {course} nghỉ học ngày {day}/{month}, sinh viên theo dõi lịch học bù trên cổng thông tin.",
        "[TB] Kính gửi Quý khách, hoá đơn tiền điện tháng {month} là {money}, vui lòng thanh toán trước ngày {day}/{month}.",
        "{bank}: Quý khách đã thanh toán thành công hoá đơn {order} số tiền {money} lúc {hour}:30 ngày {day}/{month}.",
        "[TB] Thủ đoạn lừa đảo trên mạng ngày càng tinh vi. Quý khách tuyệt đối không cung cấp mã OTP, không truy cập đường link lạ.",
        "Nhà thuốc thông báo đơn thuốc của bạn đã sẵn sàng, mời qua lấy trước {hour}h.",
        "Phòng khám nhắc lịch tái khám của bệnh nhân {name} vào {hour}h ngày {day}/{month}.",
        "Quý phụ huynh lưu ý: học sinh nghỉ học ngày {day}/{month} do thời tiết, nhà trường sẽ thông báo lịch học bù.",
        "UBND phường thông báo lịch tiêm chủng cho trẻ em vào sáng ngày {day}/{month} tại trạm y tế.",
        "Cong ty thong bao lich nghi le tu ngay {day}/{month}, nhan vien di lam lai binh thuong sau ky nghi.",
        "{chat}",
        "{chat}, {chat}",
        "Anh ơi {chat}",
        "Em ơi {chat} nhé",
        "Ma OTP cua ban la {code}, co hieu luc trong 5 phut. Tuyet doi KHONG chia se ma nay cho bat ky ai, ke ca nhan vien ngan hang.",
        "{bank}: Ma xac thuc giao dich cua Quy khach la {code}. Khong cung cap ma nay cho bat ky ai.",
        "Your verification code is {code}. Do not share this code with anyone.",
        "TK {account} +5,000,000VND luc {hour}:21 {day}/{month}. SD: 12,345,000VND. ND: LUONG THANG {month}",
        "{bank}: TK {account} -250,000VND luc {hour}:05 {day}/{month}. SD 3,120,500VND. ND: thanh toan hoa don dien",
        "GHN: Đơn hàng {order} đang được giao, shipper sẽ gọi cho bạn trong hôm nay. Cảm ơn bạn đã mua sắm.",
        "Shopee: Đơn hàng {order} đã giao thành công. Vui lòng kiểm tra và xác nhận đã nhận hàng trên ứng dụng.",
        "{bank} cảnh báo: ngân hàng không bao giờ yêu cầu khách hàng cung cấp mã OTP, mật khẩu qua điện thoại hay tin nhắn.",
        "Bộ Công an cảnh báo thủ đoạn giả danh cơ quan điều tra gọi điện yêu cầu chuyển tiền. Người dân tuyệt đối không chuyển tiền.",
        "Canh bao: khong bam vao duong link la gui qua tin nhan, khong cai dat ung dung khong ro nguon goc.",
        "Điện lực {place} thông báo lịch ngừng cấp điện ngày {day}/{month} từ 8h đến 12h để bảo trì lưới điện.",
        "Mai em qua nhà chị lấy đồ nhé, tầm {hour}h",
        "Anh ơi tối nay ăn cơm ở nhà không, em nấu canh chua",
        "Chiều nay họp phòng lúc {hour} giờ, mọi người nhớ mang báo cáo tháng {month}",
        "Cảm ơn anh đã chuyển khoản, em gửi hàng ngay chiều nay",
        "Con đến trường rồi mẹ nhé, chiều con về muộn vì học thêm",
        "Lịch khám của bạn tại bệnh viện vào {hour}h ngày {day}/{month}. Vui lòng mang theo CCCD và thẻ BHYT.",
        "Viettel: Quy khach da nap thanh cong 100.000d vao thue bao. Tran trong cam on.",
        "Cong an phuong to chuc tuyen truyen phong chong lua dao cho nguoi dan vao sang chu nhat",
        "Hôm nay em tải app mới chơi game vui lắm",
        "Phim hành động tối qua có cảnh chém nhau ghê quá",
        "Con chó nhà em dễ thương lắm, hôm nào qua chơi",
        "Ok see you at the station at {hour} then",
        "Can you pick up some milk on your way home?",
        "Chúc mừng sinh nhật em, chúc em luôn vui vẻ và thành công",
        "Bài giảng hôm nay về lịch sử Việt Nam thời kỳ Lý Trần, các em đọc trước chương 3",
        "Công ty ABC tuyển kế toán, yêu cầu 2 năm kinh nghiệm, gửi CV về phòng nhân sự",
        "Nhắc lịch thanh toán thẻ tín dụng kỳ sao kê tháng {month} của quý khách, hạn {day}/{month}.",
        "Shopee cảnh báo: không có chương trình trúng thưởng nào yêu cầu đóng phí, hãy cảnh giác.",
        "Xin chào, mình là Lan, hàng xóm mới tầng 5, rất vui được làm quen",
        "Tối nay xem bóng đá cùng cả nhà nhé, Việt Nam đá với Thái Lan",
    ],
}


def main():
    rows = []
    for labels, templates in TEMPLATES.items():
        per_template = 400 // len(templates) + 1 if labels else 900 // len(templates) + 1
        for template in templates:
            for _ in range(per_template):
                text = fill(template)
                if rng.random() < 0.35:
                    text = strip_accents(text)
                rows.append({"text": text, "labels": list(labels), "source": "kiem-examples"})
    rng.shuffle(rows)
    seen = set()
    for index, row in enumerate(rows):
        if row["text"] in seen:
            continue
        seen.add(row["text"])
        row = {"id": f"kiem-ex-{index}", **row}
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()
