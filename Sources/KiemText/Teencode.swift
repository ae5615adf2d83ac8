/// Vietnamese chat abbreviations and teencode, expanded to full words.
///
/// Keys are diacritics-free, lower case; a key matches a whole token only. "k" is not
/// expanded right after a number, where it means thousand (`500 k`).
public enum Teencode {
    /// The expansions, key → accented replacement.
    public static let expansions: [String: String] = [
        "ko": "không", "k": "không", "kg": "không", "khg": "không", "hok": "không", "hong": "không",
        "khum": "không", "hem": "không", "kô": "không", "khong": "không", 
        "dc": "được", "đc": "được", "dk": "được", "đk": "được", "duoc": "được",
        "ck": "chuyển khoản", "stk": "số tài khoản", "tk": "tài khoản", "mk": "mật khẩu",
        "sdt": "số điện thoại", "sđt": "số điện thoại", "dt": "điện thoại", "đt": "điện thoại",
        "ib": "nhắn tin", "inbox": "nhắn tin", "nt": "nhắn tin", "lh": "liên hệ", 
        "ng": "người", "j": "gì", "r": "rồi", "vs": "với", "bn": "bao nhiêu", "mn": "mọi người",
        "ntn": "như thế nào", "cmnd": "chứng minh nhân dân", "cccd": "căn cước công dân",
        "vn": "việt nam", "tphcm": "thành phố hồ chí minh", "hn": "hà nội", "dkm": "địt con mẹ",
        "dcm": "địt con mẹ", "vcl": "vãi cả lồn", "vl": "vãi lồn", "clgt": "cái lồn gì thế",
        "cc": "con cặc", "đm": "địt mẹ", "dm": "địt mẹ", "đmm": "địt mẹ mày", "dmm": "địt mẹ mày",
        "ae": "anh em", "bít": "biết", "bik": "biết", "bjt": "biết", "iu": "yêu", "thik": "thích",
        "oy": "rồi", "roy": "rồi", "ah": "à", "uh": "ừ", "z": "vậy", "v": "vậy", "zậy": "vậy",
        "hnay": "hôm nay", "hqua": "hôm qua", "sn": "sinh nhật", "nv": "nhân viên",
    ]
}
