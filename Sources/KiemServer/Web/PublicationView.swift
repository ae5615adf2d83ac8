import Foundation
import KiemStore

/// A fact-check or warning as the templates see it, and its schema.org `ClaimReview` markup.
enum PublicationView {
    /// The page of a publication.
    static func path(_ publication: Publication) -> String {
        (publication.kind == .factCheck ? "/fact-checks/" : "/warnings/") + publication.slug
    }

    static func data(_ publication: Publication, _ language: WebState.Language) -> [String: Any] {
        var data: [String: Any] = [
            "id": publication.id, "slug": publication.slug, "title": publication.title, "url": path(publication),
            "paragraphs": WebFormat.paragraphs(publication.body), "excerpt": WebFormat.excerpt(publication.body),
            "sources": publication.sources, "author": publication.author,
            "fact_check": publication.kind == .factCheck, "status": publication.status.rawValue,
            "draft": publication.status == .draft, "published": publication.status == .published, "retracted": publication.status == .retracted,
            "updated": WebFormat.time(publication.updatedAt), "updated_iso": WebFormat.iso(publication.updatedAt),
            "corrections": publication.corrections.map { ["at": WebFormat.time($0.at), "at_iso": WebFormat.iso($0.at), "note": $0.note] },
            "has_corrections": !publication.corrections.isEmpty, "body": publication.body, "sources_text": publication.sources.joined(separator: "\n"),
        ]
        if let claim = publication.claim { data["claim"] = claim }
        if let rating = publication.rating {
            data["rating"] = rating.rawValue
            data["rating_name"] = WebFormat.rating(rating, language)
        }
        if let published = publication.publishedAt {
            data["published_at"] = WebFormat.time(published)
            data["published_iso"] = WebFormat.iso(published)
        }
        return data
    }

    /// schema.org `ClaimReview` for a published fact-check, as JSON safe to put inside
    /// `<script type="application/ld+json">` (no `<`, `>` or `&` left unescaped).
    static func claimReview(_ publication: Publication, base: String) -> String? {
        guard publication.kind == .factCheck, let claim = publication.claim, let rating = publication.rating else { return nil }
        let score = switch rating {
        case .false: 1
        case .misleading: 2
        case .unproven: 3
        case .true: 5
        }
        var review: [String: Any] = [
            "@context": "https://schema.org", "@type": "ClaimReview",
            "url": base + path(publication), "claimReviewed": claim, "headline": publication.title,
            "reviewRating": ["@type": "Rating", "ratingValue": score, "bestRating": 5, "worstRating": 1, "alternateName": rating.vietnamese] as [String: Any],
            "author": ["@type": "Organization", "name": "Kiem", "url": base + "/"] as [String: Any],
            "itemReviewed": ["@type": "Claim", "name": claim,
                             "appearance": publication.sources.map { ["@type": "CreativeWork", "url": $0] }] as [String: Any],
            "inLanguage": "vi",
        ]
        if let published = publication.publishedAt { review["datePublished"] = WebFormat.iso(published) }
        guard let json = try? JSONSerialization.data(withJSONObject: review, options: [.sortedKeys, .withoutEscapingSlashes]) else { return nil }
        return String(decoding: json, as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c").replacingOccurrences(of: ">", with: "\\u003e").replacingOccurrences(of: "&", with: "\\u0026")
    }
}
