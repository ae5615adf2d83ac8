import Foundation
import Hummingbird
import KiemStore

/// The public site's reading pages: `/` (latest fact-checks and warnings), `/fact-checks`,
/// `/warnings` and each publication (with `ClaimReview` JSON-LD), `/search` over what is
/// published, and `/feed.atom`. Editors also see drafts, marked as such.
struct PublicationPages {
    let services: KiemServices
    let renderer: PageRenderer

    func register(on router: Router<KiemRequestContext>) {
        router.get("/") { _, context in
            let language = context.web.language
            let checks = try await services.store.publications(.factCheck, limit: 6)
            let warnings = try await services.store.publications(.warning, limit: 6)
            return renderer.page("home", title: language == .vi ? "Kiểm chứng tin, cảnh báo lừa đảo" : "Fact-checks and scam warnings", context: context, data: [
                "fact_checks": checks.publications.map { PublicationView.data($0, language) },
                "warnings": warnings.publications.map { PublicationView.data($0, language) },
            ])
        }

        for kind in Publication.Kind.allCases {
            let base = kind == .factCheck ? "/fact-checks" : "/warnings"
            router.get(RouterPath(base)) { request, context in
                let language = context.web.language
                let after = request.uri.queryParameters["cursor"].flatMap { Int64($0) }
                let page = try await services.store.publications(kind, limit: 20, after: after)
                let title = kind == .factCheck ? (language == .vi ? "Kiểm chứng" : "Fact-checks") : (language == .vi ? "Cảnh báo lừa đảo" : "Scam warnings")
                return renderer.page("publications", title: title, context: context, data: [
                    "heading": title, "items": page.publications.map { PublicationView.data($0, language) },
                    "next": page.next.map { "\(base)?cursor=\($0)" } as Any, "fact_check": kind == .factCheck, "empty": page.publications.isEmpty,
                ])
            }
            router.get(RouterPath(base + "/{slug}")) { request, context in
                guard let slug = context.parameters.get("slug"), let found = try await services.store.publication(slug: slug), found.kind == kind,
                      found.status != .draft || (context.principal?.role ?? .viewer) >= .editor else {
                    throw APIError.notFound("no such page")
                }
                var data = PublicationView.data(found, context.web.language)
                if found.status == .published, let markup = PublicationView.claimReview(found, base: Self.base(request)) { data["jsonld"] = markup }
                return renderer.page("publication", title: found.title, context: context, data: data)
            }
        }

        router.get("/search") { request, context in
            let language = context.web.language
            let query = request.uri.queryParameters["q"].map { String($0).trimmed } ?? ""
            var results: [[String: Any]] = []
            var total = 0
            if !query.isEmpty {
                for kind in Publication.Kind.allCases {
                    let page = try await services.store.publications(kind, query: String(query.prefix(200)), limit: 20)
                    results += page.publications.map { PublicationView.data($0, language) }
                    total += page.total
                }
            }
            return renderer.page("search", title: language == .vi ? "Tìm kiếm" : "Search", context: context, data: [
                "q": query, "searched": !query.isEmpty, "results": results, "total": total, "none": !query.isEmpty && results.isEmpty,
            ])
        }

        router.get("/feed.atom") { request, _ in
            let base = Self.base(request)
            var entries: [Publication] = []
            for kind in Publication.Kind.allCases { entries += try await services.store.publications(kind, limit: 30).publications }
            entries.sort { ($0.publishedAt ?? 0) > ($1.publishedAt ?? 0) }
            return Response(status: .ok, headers: [.contentType: "application/atom+xml; charset=utf-8"],
                            body: .init(byteBuffer: ByteBuffer(string: AtomFeed.xml(entries.prefix(50), base: base))))
        }
    }

    /// The site's address as the reader reached it (for links that leave the page: feeds, markup).
    static func base(_ request: Request) -> String {
        (WebMiddleware.isSecure(request) ? "https://" : "http://") + (request.head.authority ?? "localhost")
    }
}
