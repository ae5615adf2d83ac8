import Foundation
import KiemDetect
import KiemText

/// The frequency rule over input of any size and any order: every advertising record is filed
/// as (sender, sender+recipient+channel, time, id); when the run ends they are sorted and each
/// sender-recipient series is judged by `FrequencyRule`.
///
/// Memory is bounded: when `maxEntries` are held, they are sorted and spilled to a temporary
/// file, and at the end the sorted runs are merged. Ids are kept as written so violations can
/// name their record.
final class FrequencyLedger {
    struct Entry {
        var sender: UInt64
        var pair: UInt64
        var time: Int64
        var idOffset: Int
        var idLength: Int32
        var channel: UInt8
        /// The record already broke another rule (for the per-sender count of records in breach).
        var inBreach: Bool
    }

    /// One judged record, handed to the caller.
    struct Judged {
        var idJSON: ArraySlice<UInt8>
        var senderKey: UInt64
        var channel: SendingRecord.Channel
        var breach: FrequencyRule.Breach
        var inBreach: Bool
    }

    private let maxEntries: Int
    private var entries: [Entry] = []
    private var ids: [UInt8] = []
    private var runs: [URL] = []
    private let directory: URL
    private(set) var count = 0

    init(maxEntries: Int = 4 << 20) {
        self.maxEntries = maxEntries
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiem-compliance-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    /// The key of one sender-recipient series on one channel.
    static func pairKey(_ record: SendingRecord) -> UInt64 {
        var hash = Hashing.step(Hashing.fnvOffset, record.channel.rawValue)
        for byte in record.sender.utf8 { hash = Hashing.step(hash, byte) }
        hash = Hashing.step(hash, 0)
        for byte in record.recipient.utf8 { hash = Hashing.step(hash, byte) }
        return Hashing.finalize(hash)
    }

    func add(sender: UInt64, pair: UInt64, time: Int64, channel: SendingRecord.Channel, idJSON: [UInt8], inBreach: Bool) throws {
        entries.append(Entry(sender: sender, pair: pair, time: time, idOffset: ids.count, idLength: Int32(idJSON.count),
                             channel: channel.rawValue, inBreach: inBreach))
        ids.append(contentsOf: idJSON)
        count += 1
        if entries.count >= maxEntries { try spill() }
    }

    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        if a.sender != b.sender { return a.sender < b.sender }
        if a.pair != b.pair { return a.pair < b.pair }
        return a.time < b.time
    }

    private func spill() throws {
        entries.sort(by: Self.precedes)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("run-\(runs.count)")
        guard let file = fopen(url.path, "wb") else { throw FileInput.Unreadable(path: url.path, reason: String(cString: strerror(errno))) }
        defer { fclose(file) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        for entry in entries {
            Self.appendFixed(entry, to: &buffer)
            buffer.append(contentsOf: ids[entry.idOffset..<(entry.idOffset + Int(entry.idLength))])
            if buffer.count >= 1 << 20 { try write(buffer, to: file, url); buffer.removeAll(keepingCapacity: true) }
        }
        try write(buffer, to: file, url)
        runs.append(url)
        entries.removeAll(keepingCapacity: true)
        ids.removeAll(keepingCapacity: true)
    }

    private func write(_ buffer: [UInt8], to file: UnsafeMutablePointer<FILE>, _ url: URL) throws {
        let written = buffer.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == buffer.count else { throw FileInput.Unreadable(path: url.path, reason: "could not write the sort run (disk full?)") }
    }

    private static func appendFixed(_ entry: Entry, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: entry.sender.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: entry.pair.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: entry.time.littleEndian) { buffer.append(contentsOf: $0) }
        withUnsafeBytes(of: entry.idLength.littleEndian) { buffer.append(contentsOf: $0) }
        buffer.append(entry.channel)
        buffer.append(entry.inBreach ? 1 : 0)
    }

    /// Sorts (merging spilled runs), judges every series and reports each breach.
    func finish(caps: [SendingRecord.Channel: Int], windowMilliseconds: Int64, _ report: (Judged) throws -> Void) throws {
        try withoutActuallyEscaping(report) { report in
            try judge(SeriesJudge(caps: caps, window: windowMilliseconds, report: report))
        }
        entries = []
        ids = []
    }

    private func judge(_ judge: SeriesJudge) throws {
        var series = judge
        if runs.isEmpty {
            entries.sort(by: Self.precedes)
            for entry in entries {
                try series.add(entry, id: ids[entry.idOffset..<(entry.idOffset + Int(entry.idLength))])
            }
        } else {
            if !entries.isEmpty { try spill() }
            var readers = try runs.map { try RunReader(url: $0) }
            var heads = try readers.indices.map { try readers[$0].next() }
            while true {
                var best: Int?
                for index in heads.indices {
                    guard let head = heads[index] else { continue }
                    if let current = best, !Self.precedes(head.entry, heads[current]!.entry) { continue }
                    best = index
                }
                guard let chosen = best, let head = heads[chosen] else { break }
                try series.add(head.entry, id: head.id[...])
                heads[chosen] = try readers[chosen].next()
            }
        }
        try series.finish()
    }

    /// Collects one series at a time and judges it.
    private struct SeriesJudge {
        let caps: [SendingRecord.Channel: Int]
        let window: Int64
        let report: (Judged) throws -> Void
        var current: (sender: UInt64, pair: UInt64, channel: UInt8)?
        var times: [Int64] = []
        var flags: [Bool] = []
        var idBytes: [UInt8] = []
        var idEnds: [Int] = []

        init(caps: [SendingRecord.Channel: Int], window: Int64, report: @escaping (Judged) throws -> Void) {
            self.caps = caps
            self.window = window
            self.report = report
        }

        mutating func add(_ entry: Entry, id: ArraySlice<UInt8>) throws {
            if let current, current.sender != entry.sender || current.pair != entry.pair { try finish() }
            current = (entry.sender, entry.pair, entry.channel)
            times.append(entry.time)
            flags.append(entry.inBreach)
            idBytes.append(contentsOf: id)
            idEnds.append(idBytes.count)
        }

        mutating func finish() throws {
            guard let current else { return }
            let channel = SendingRecord.Channel(rawValue: current.channel) ?? .sms
            if let cap = caps[channel] {
                var found: [FrequencyRule.Breach] = []
                times.withUnsafeBufferPointer { FrequencyRule.breaches(sortedTimes: $0, cap: cap, window: window) { found.append($0) } }
                for breach in found {
                    let start = breach.index == 0 ? 0 : idEnds[breach.index - 1]
                    try report(Judged(idJSON: idBytes[start..<idEnds[breach.index]], senderKey: current.sender, channel: channel,
                                      breach: breach, inBreach: flags[breach.index]))
                }
            }
            self.current = nil
            times.removeAll(keepingCapacity: true)
            flags.removeAll(keepingCapacity: true)
            idBytes.removeAll(keepingCapacity: true)
            idEnds.removeAll(keepingCapacity: true)
        }
    }

    /// Reads back a spilled run.
    private struct RunReader {
        let file: UnsafeMutablePointer<FILE>

        init(url: URL) throws {
            guard let file = fopen(url.path, "rb") else { throw FileInput.Unreadable(path: url.path, reason: String(cString: strerror(errno))) }
            setvbuf(file, nil, _IOFBF, 1 << 20)
            self.file = file
        }

        mutating func next() throws -> (entry: Entry, id: [UInt8])? {
            var fixed = [UInt8](repeating: 0, count: 30)
            let got = fixed.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, 30, file) }
            if got == 0 { fclose(file); return nil }
            guard got == 30 else { throw FileInput.Unreadable(path: "sort run", reason: "truncated") }
            func load<T: FixedWidthInteger>(_ offset: Int, _ type: T.Type) -> T {
                fixed.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: T.self)) }
            }
            let length = Int(load(24, Int32.self))
            var id = [UInt8](repeating: 0, count: length)
            if length > 0 {
                let read = id.withUnsafeMutableBufferPointer { fread($0.baseAddress, 1, length, file) }
                guard read == length else { throw FileInput.Unreadable(path: "sort run", reason: "truncated") }
            }
            let entry = Entry(sender: load(0, UInt64.self), pair: load(8, UInt64.self), time: load(16, Int64.self),
                              idOffset: 0, idLength: Int32(length), channel: fixed[28], inBreach: fixed[29] == 1)
            return (entry, id)
        }
    }
}
