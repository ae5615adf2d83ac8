import Foundation
import KiemText

/// An in-memory index of known claims that finds the claims a post makes, however it is worded.
///
/// Every claim and each of its variants is a document of terms (``ClaimTerms``: content words of
/// the plain view and pairs of neighbouring words). A query gathers candidates through an inverted
/// index, adding each shared term's inverse document frequency, then scores the best candidates
/// exactly: the share of the claim's term weight the post contains (words and word pairs apart),
/// which does not fall when the claim is embedded in a longer post. A post that denies or negates
/// the claim where it repeats it ("… là tin đồn", "không", "chưa có") does not match.
///
/// Built once (from the store or a file) and shared by all threads; each thread queries through its
/// own ``ClaimIndex/Scratch``.
public struct ClaimIndex: Sendable {
    public let claims: [KnownClaim]
    /// Document → claim ordinal.
    let documentClaim: [UInt32]
    /// Document → total weight of its word terms and of its pair terms.
    let wordMass: [Float]
    let pairMass: [Float]
    /// Document → number of content words and of denial words.
    let documentWords: [UInt16]
    let documentDenials: [UInt8]
    /// Term hash → term number.
    let termNumbers: [UInt64: UInt32]
    let termHashes: [UInt64]
    let weights: [Float]
    /// Term → its documents (CSR), and document → its terms (CSR).
    let postingStart: [UInt32]
    let postings: [UInt32]
    let forwardStart: [UInt32]
    let forward: [UInt32]

    /// Terms in more documents than this are not used to gather candidates (they still count in scores).
    public var gatherLimit: Int

    public var documentCount: Int { documentClaim.count }
    public var termCount: Int { termHashes.count }

    /// Indexes claims (and their variants).
    public init(_ claims: [KnownClaim]) {
        self.claims = claims
        let normalizer = Normalizer()
        var terms = ClaimTerms()
        var numbers: [UInt64: UInt32] = [:]
        var hashes: [UInt64] = []
        var frequency: [UInt32] = []
        var documentClaim: [UInt32] = []
        var documentWords: [UInt16] = []
        var documentDenials: [UInt8] = []
        var forwardStart: [UInt32] = [0]
        var forward: [UInt32] = []
        var scratch: [UInt64] = []
        documentClaim.reserveCapacity(claims.count)
        forward.reserveCapacity(claims.count * 24)
        for (ordinal, claim) in claims.enumerated() {
            for text in [claim.text] + claim.variants {
                let normalized = normalizer.normalize(text)
                normalized.plain.withUnsafeBufferPointer { plain in
                    normalized.accented.withUnsafeBufferPointer { terms.read(plain: plain, accented: $0, sentenceStarts: normalized.sentenceStarts) }
                }
                terms.terms(into: &scratch)
                if scratch.isEmpty { continue }
                for term in scratch {
                    let number: UInt32
                    if let known = numbers[term] {
                        number = known
                        frequency[Int(number)] += 1
                    } else {
                        number = UInt32(hashes.count)
                        numbers[term] = number
                        hashes.append(term)
                        frequency.append(1)
                    }
                    forward.append(number)
                }
                forwardStart.append(UInt32(forward.count))
                documentClaim.append(UInt32(ordinal))
                documentWords.append(UInt16(min(terms.words.count, Int(UInt16.max))))
                // Claims are stored accented: an ambiguous "chua" there is "chua" (sour), not a negation.
                let definite = terms.denials.filter { $0 & 3 != ClaimTerms.DenialKind.ambiguous.rawValue }.count
                documentDenials.append(UInt8(min(definite, 255)))
            }
        }
        let documents = documentClaim.count
        let weights = frequency.map { df -> Float in
            Float(log(1 + (Double(documents) - Double(df) + 0.5) / (Double(df) + 0.5)))
        }
        var wordMass = [Float](repeating: 0, count: documents)
        var pairMass = [Float](repeating: 0, count: documents)
        var postingStart = [UInt32](repeating: 0, count: hashes.count + 1)
        for document in 0..<documents {
            for slot in Int(forwardStart[document])..<Int(forwardStart[document + 1]) {
                let term = Int(forward[slot])
                if ClaimTerms.isPair(hashes[term]) { pairMass[document] += weights[term] } else { wordMass[document] += weights[term] }
                postingStart[term + 1] += 1
            }
        }
        for term in 0..<hashes.count { postingStart[term + 1] += postingStart[term] }
        var fill = postingStart
        var postings = [UInt32](repeating: 0, count: forward.count)
        for document in 0..<documents {
            for slot in Int(forwardStart[document])..<Int(forwardStart[document + 1]) {
                let term = Int(forward[slot])
                postings[Int(fill[term])] = UInt32(document)
                fill[term] += 1
            }
        }
        self.documentClaim = documentClaim
        self.wordMass = wordMass
        self.pairMass = pairMass
        self.documentWords = documentWords
        self.documentDenials = documentDenials
        termNumbers = numbers
        termHashes = hashes
        self.weights = weights
        self.postingStart = postingStart
        self.postings = postings
        self.forwardStart = forwardStart
        self.forward = forward
        gatherLimit = max(500, min(2_000, documents / 1_000))
    }

    /// Per-thread scratch space for queries.
    public final class Scratch {
        var terms = ClaimTerms()
        var queryTerms: [UInt64] = []
        var accumulated: [Float] = []
        var touched: [UInt32] = []
        var candidates: [(document: UInt32, estimate: Float)] = []
        var matchedPositions: [Int32] = []

        public init() {}
    }

    /// How many candidates are scored exactly.
    static let candidateCount = 24

    /// The claims a normalized text makes with a similarity of at least `threshold`, best first, one per claim.
    public func matches(_ text: NormalizedText, threshold: Double, limit: Int = 5, scratch: Scratch) -> [ClaimMatch] {
        if documentClaim.isEmpty { return [] }
        text.plain.withUnsafeBufferPointer { plain in
            text.accented.withUnsafeBufferPointer { scratch.terms.read(plain: plain, accented: $0, sentenceStarts: text.sentenceStarts) }
        }
        scratch.terms.terms(into: &scratch.queryTerms)
        if scratch.queryTerms.isEmpty { return [] }
        if scratch.accumulated.count != documentClaim.count { scratch.accumulated = [Float](repeating: 0, count: documentClaim.count) }
        gather(scratch)
        var best: [Int: ClaimMatch] = [:]
        for candidate in scratch.candidates {
            let similarity = score(document: Int(candidate.document), scratch: scratch)
            guard similarity >= threshold else { continue }
            let ordinal = Int(documentClaim[Int(candidate.document)])
            if let known = best[ordinal], known.similarity >= similarity { continue }
            let claim = claims[ordinal]
            best[ordinal] = ClaimMatch(claimID: claim.key, similarity: (similarity * 1000).rounded() / 1000, verdict: claim.verdict, url: claim.url)
        }
        return Array(best.values.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.claimID < $1.claimID }.prefix(limit))
    }

    /// Adds each query term's weight to the documents that hold it, then keeps the documents with
    /// the largest share of their weight found.
    private func gather(_ scratch: Scratch) {
        scratch.touched.removeAll(keepingCapacity: true)
        scratch.accumulated.withUnsafeMutableBufferPointer { accumulated in
            for term in scratch.queryTerms {
                guard let number = termNumbers[term] else { continue }
                let start = Int(postingStart[Int(number)])
                let end = Int(postingStart[Int(number) + 1])
                if end - start > gatherLimit { continue }
                let weight = weights[Int(number)]
                for slot in start..<end {
                    let document = Int(postings[slot])
                    if accumulated[document] == 0 { scratch.touched.append(UInt32(document)) }
                    accumulated[document] += weight
                }
            }
            scratch.candidates.removeAll(keepingCapacity: true)
            for document in scratch.touched {
                let index = Int(document)
                let estimate = accumulated[index] / max(wordMass[index] + pairMass[index], 1e-6)
                accumulated[index] = 0
                if scratch.candidates.count < Self.candidateCount {
                    scratch.candidates.append((document, estimate))
                    if scratch.candidates.count == Self.candidateCount { scratch.candidates.sort { $0.estimate > $1.estimate } }
                } else if estimate > scratch.candidates[Self.candidateCount - 1].estimate {
                    var position = Self.candidateCount - 1
                    while position > 0 && scratch.candidates[position - 1].estimate < estimate {
                        scratch.candidates[position] = scratch.candidates[position - 1]
                        position -= 1
                    }
                    scratch.candidates[position] = (document, estimate)
                }
            }
        }
    }

    /// The exact similarity of the post (in `scratch`) to one document, in [0, 1]: the share of the
    /// document's word weight and pair weight the post holds, or 0 when the post denies or negates
    /// it where it repeats it.
    private func score(document: Int, scratch: Scratch) -> Double {
        var wordsFound: Float = 0
        var pairsFound: Float = 0
        for slot in Int(forwardStart[document])..<Int(forwardStart[document + 1]) {
            let term = Int(forward[slot])
            let hash = termHashes[term]
            guard Self.contains(scratch.queryTerms, hash) else { continue }
            if ClaimTerms.isPair(hash) { pairsFound += weights[term] } else { wordsFound += weights[term] }
        }
        let wordShare = Double(wordsFound / max(wordMass[document], 1e-6))
        let pairShare = pairMass[document] > 0 ? Double(pairsFound / pairMass[document]) : wordShare
        let similarity = Self.wordPart * wordShare + (1 - Self.wordPart) * pairShare
        if similarity < 0.2 { return similarity }
        return denialsAgree(document: document, scratch: scratch) ? similarity : 0
    }

    /// Weight of the word share in the similarity (the rest is the pair share).
    static let wordPart = 0.75

    /// Whether the post has as many denial words around the passage that repeats the document as
    /// the document itself has.
    private func denialsAgree(document: Int, scratch: Scratch) -> Bool {
        let terms = scratch.terms
        // A claim's own negations are definite: it is stored accented.
        let expected = Int(documentDenials[document])
        if terms.denials.isEmpty { return expected == 0 }
        // Where the post repeats the document: the densest run of its words.
        scratch.matchedPositions.removeAll(keepingCapacity: true)
        let slots = Int(forwardStart[document])..<Int(forwardStart[document + 1])
        for (index, word) in terms.words.enumerated() {
            for slot in slots where termHashes[Int(forward[slot])] == word {
                scratch.matchedPositions.append(terms.positions[index])
                break
            }
        }
        let positions = scratch.matchedPositions
        if positions.isEmpty { return expected == 0 }
        let width = Int32(2 * Int(documentWords[document]) + 4)
        var bestStart = 0
        var bestEnd = 0
        var low = 0
        for high in positions.indices {
            while positions[high] - positions[low] > width { low += 1 }
            if high - low > bestEnd - bestStart { bestStart = low; bestEnd = high }
        }
        // A negator counts before the passage or inside it, in the passage's sentences; a judgement
        // also after it; an ambiguous "chua" may count or not.
        // The passage is the sentences holding at least a third of the run's words: a claim word
        // in a neighbouring sentence ("làm" in "… làm gì vậy?") does not stretch it.
        var first = Int32.max
        var last = Int32.min
        var firstSentence = Int32.max
        var lastSentence = Int32.min
        let total = bestEnd - bestStart + 1
        var index = bestStart
        while index <= bestEnd {
            let sentence = terms.sentences[Int(positions[index])]
            var end = index
            while end < bestEnd && terms.sentences[Int(positions[end + 1])] == sentence { end += 1 }
            if (end - index + 1) * 3 >= total {
                first = min(first, positions[index])
                last = max(last, positions[end])
                firstSentence = min(firstSentence, sentence)
                lastSentence = max(lastSentence, sentence)
            }
            index = end + 1
        }
        if first > last { return expected == 0 }
        let sentences = firstSentence...lastSentence
        var found = 0
        var ambiguous = 0
        for denial in terms.denials {
            let position = denial >> 2
            let kind = ClaimTerms.DenialKind(rawValue: denial & 3) ?? .negator
            guard position >= first - Self.denialReach, position <= (kind == .judgement ? last + Self.denialReach : last),
                  kind == .judgement || sentences.contains(terms.sentences[Int(position)]) else { continue }
            if kind == .ambiguous { ambiguous += 1 } else { found += 1 }
        }
        return expected >= found && expected <= found + ambiguous
    }

    /// How many tokens before and after the repeated passage a denial word still counts.
    static let denialReach: Int32 = 12

    @inline(__always)
    static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) >> 1
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
    }
}
