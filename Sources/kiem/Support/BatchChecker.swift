import KiemDetect

/// The `kiem check --jsonl` loop: one output line per input line, in order; a bad line gets an
/// error line and the run goes on. Each line is read into the same request, whose memory is
/// reused from line to line; one checker per thread.
final class BatchChecker {
    let session: Engine.Session
    let explain: Bool
    private var request = CheckRequest()

    init(session: Engine.Session, explain: Bool) {
        self.session = session
        self.explain = explain
    }

    /// Checks one input line and appends its output line.
    func process(_ line: LineReader.Line, into out: inout [UInt8]) {
        switch line {
        case .oversized(let length):
            VerdictJSON.appendError("line is \(length) bytes, over the limit (see --max-line-bytes)", idJSON: nil, to: &out)
        case .text(let bytes):
            if let error = CheckRequest.parse(bytes, into: &request) {
                VerdictJSON.appendError(error.message, idJSON: error.idJSON, to: &out)
            } else {
                let verdict = request.text.withUnsafeBufferPointer { session.check(bytes: $0, explain: explain) }
                VerdictJSON.append(verdict, idJSON: request.idJSON, to: &out)
            }
        }
    }
}
