/// The schema, as versioned migrations. Never edit a released migration: add the next one.
///
/// Times are milliseconds since the epoch (UTC) in 64-bit integers on both backends; JSON
/// documents (a verdict as the API gives it, metadata, audit before/after) are stored as text.
enum Migrations {
    static let all: [Migration] = [core, jobLeases, indicators, publishing, sessions, appeals, alerts]

    /// Items and their verdicts, cases and decisions, people and machines, the audit log, jobs.
    static let core = Migration(
        version: 1,
        name: "core records",
        sqlite: shared(id: "INTEGER PRIMARY KEY AUTOINCREMENT") + [
            "CREATE VIRTUAL TABLE item_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
            """
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """,
            """
            CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END
            """,
        ],
        postgres: shared(id: "BIGSERIAL PRIMARY KEY") + [
            "CREATE INDEX items_search ON items USING gin (to_tsvector('simple', search_text))",
            """
            CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
            """,
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
        ]
    )

    /// A worker holds a job under a lease (a random token with an expiry): only the holder of a
    /// live lease can finish it, and an expired lease lets another worker take the job over.
    static let jobLeases = Migration(
        version: 2,
        name: "job leases",
        sqlite: ["ALTER TABLE jobs ADD COLUMN lease TEXT", "ALTER TABLE jobs ADD COLUMN error TEXT"],
        postgres: ["ALTER TABLE jobs ADD COLUMN lease TEXT", "ALTER TABLE jobs ADD COLUMN error TEXT"]
    )

    /// Indicators: domains, URLs, phone numbers, e-mail addresses and bank accounts with a label.
    static let indicators = Migration(
        version: 3,
        name: "indicators",
        sqlite: indicatorTables(id: "INTEGER PRIMARY KEY AUTOINCREMENT", real: "REAL"),
        postgres: indicatorTables(id: "BIGSERIAL PRIMARY KEY", real: "DOUBLE PRECISION")
    )

    /// People log in for a session: a token tied to a user, with an expiry.
    static let sessions = Migration(
        version: 5,
        name: "sessions",
        sqlite: ["ALTER TABLE api_tokens ADD COLUMN user_id BIGINT REFERENCES users (id)", "ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT"],
        postgres: ["ALTER TABLE api_tokens ADD COLUMN user_id BIGINT REFERENCES users (id)", "ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT"]
    )

    /// Appeals: anyone may contest a decision, a listed indicator or a publication; an appeal
    /// waits in a queue until staff uphold or overturn what it contests.
    static let appeals = Migration(
        version: 6,
        name: "appeals",
        sqlite: appealTables(id: "INTEGER PRIMARY KEY AUTOINCREMENT"),
        postgres: appealTables(id: "BIGSERIAL PRIMARY KEY")
    )

    /// Spike alerts: a series (campaign cluster, label, domain, phone number, account, keyword)
    /// whose count in a time bucket rose far above its own baseline.
    static let alerts = Migration(
        version: 7,
        name: "alerts",
        sqlite: alertTables(id: "INTEGER PRIMARY KEY AUTOINCREMENT", real: "REAL"),
        postgres: alertTables(id: "BIGSERIAL PRIMARY KEY", real: "DOUBLE PRECISION")
    )

    private static func alertTables(id: String, real: String) -> [String] {
        [
            """
            CREATE TABLE alerts (
                id \(id),
                series TEXT NOT NULL,
                bucket_start BIGINT NOT NULL,
                count INTEGER NOT NULL,
                baseline \(real) NOT NULL,
                sample TEXT,
                raised_at BIGINT NOT NULL,
                UNIQUE (series, bucket_start)
            )
            """,
            "CREATE INDEX alerts_by_time ON alerts (raised_at, id)",
        ]
    }

    private static func appealTables(id: String) -> [String] {
        [
            """
            CREATE TABLE appeals (
                id \(id),
                receipt TEXT NOT NULL UNIQUE,
                target_kind TEXT NOT NULL CHECK (target_kind IN ('decision', 'indicator', 'publication')),
                target TEXT NOT NULL,
                case_id BIGINT REFERENCES cases (id),
                reason TEXT NOT NULL,
                contact TEXT,
                status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'upheld', 'overturned')),
                resolution TEXT,
                resolved_by TEXT,
                created_at BIGINT NOT NULL,
                resolved_at BIGINT
            )
            """,
            "CREATE INDEX appeals_by_status ON appeals (status, id)",
        ]
    }

    /// Citizen reports, known claims and their variants, fact-checks and scam warnings.
    static let publishing = Migration(
        version: 4,
        name: "reports, claims, fact-checks, warnings",
        sqlite: publishingTables(id: "INTEGER PRIMARY KEY AUTOINCREMENT") + [
            "CREATE VIRTUAL TABLE fact_check_search USING fts5(body, tokenize = 'unicode61 remove_diacritics 2')",
        ],
        postgres: publishingTables(id: "BIGSERIAL PRIMARY KEY") + [
            "CREATE INDEX fact_checks_search ON fact_checks USING gin (to_tsvector('simple', search_text))",
        ]
    )

    private static func publishingTables(id: String) -> [String] {
        [
            """
            CREATE TABLE reports (
                id \(id),
                receipt TEXT NOT NULL UNIQUE,
                item_id BIGINT NOT NULL REFERENCES items (id),
                contact TEXT,
                status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'reviewed', 'closed')),
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE claims (
                id \(id),
                text TEXT NOT NULL,
                verdict TEXT NOT NULL CHECK (verdict IN ('false', 'misleading', 'true', 'unproven')),
                url TEXT,
                external_id TEXT UNIQUE,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE claim_variants (
                id \(id),
                claim_id BIGINT NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
                text TEXT NOT NULL
            )
            """,
            "CREATE INDEX claim_variants_by_claim ON claim_variants (claim_id)",
            """
            CREATE TABLE fact_checks (
                id \(id),
                kind TEXT NOT NULL CHECK (kind IN ('fact_check', 'warning')),
                slug TEXT NOT NULL UNIQUE,
                claim_id BIGINT REFERENCES claims (id),
                rating TEXT CHECK (rating IN ('false', 'misleading', 'true', 'unproven')),
                title TEXT NOT NULL,
                body TEXT NOT NULL,
                sources TEXT NOT NULL DEFAULT '[]',
                corrections TEXT NOT NULL DEFAULT '[]',
                status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'retracted')),
                author TEXT NOT NULL,
                search_text TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                published_at BIGINT
            )
            """,
            "CREATE INDEX fact_checks_by_status ON fact_checks (kind, status, published_at)",
        ]
    }

    private static func indicatorTables(id: String, real: String) -> [String] {
        [
            """
            CREATE TABLE indicators (
                id \(id),
                type TEXT NOT NULL CHECK (type IN ('domain', 'url', 'phone', 'email', 'bank_account')),
                value TEXT NOT NULL,
                label TEXT NOT NULL,
                source TEXT NOT NULL,
                confidence \(real) NOT NULL DEFAULT 1,
                first_seen BIGINT NOT NULL,
                last_seen BIGINT NOT NULL,
                expires_at BIGINT,
                note TEXT NOT NULL DEFAULT '',
                UNIQUE (type, value)
            )
            """,
            "CREATE INDEX indicators_by_label ON indicators (label, id)",
        ]
    }

    private static func shared(id: String) -> [String] {
        [
            """
            CREATE TABLE items (
                id \(id),
                source TEXT NOT NULL,
                external_id TEXT NOT NULL,
                text TEXT NOT NULL,
                url TEXT,
                received_at BIGINT NOT NULL,
                author_hash TEXT,
                metadata TEXT NOT NULL DEFAULT '{}',
                search_text TEXT NOT NULL,
                top TEXT NOT NULL DEFAULT 'clean',
                action TEXT NOT NULL DEFAULT 'allow',
                created_at BIGINT NOT NULL,
                UNIQUE (source, external_id)
            )
            """,
            "CREATE INDEX items_by_source ON items (source, id)",
            "CREATE INDEX items_by_top ON items (top, id)",
            "CREATE INDEX items_by_received ON items (received_at)",
            """
            CREATE TABLE verdicts (
                id \(id),
                item_id BIGINT NOT NULL REFERENCES items (id),
                top TEXT NOT NULL,
                action TEXT NOT NULL,
                body TEXT NOT NULL,
                model_version TEXT NOT NULL,
                rules_version TEXT NOT NULL,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX verdicts_by_item ON verdicts (item_id, id)",
            """
            CREATE TABLE cases (
                id \(id),
                item_id BIGINT NOT NULL UNIQUE REFERENCES items (id),
                status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_review', 'decided', 'appealed', 'closed')),
                label TEXT NOT NULL,
                assignee BIGINT,
                priority INTEGER NOT NULL DEFAULT 0,
                due_at BIGINT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX cases_by_status ON cases (status, priority, id)",
            """
            CREATE TABLE decisions (
                id \(id),
                case_id BIGINT NOT NULL REFERENCES cases (id),
                label TEXT NOT NULL,
                action TEXT NOT NULL,
                rationale TEXT NOT NULL,
                evidence TEXT NOT NULL DEFAULT '[]',
                decided_by TEXT NOT NULL,
                decided_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE users (
                id \(id),
                email TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'analyst', 'viewer')),
                password_hash TEXT NOT NULL,
                disabled INTEGER NOT NULL DEFAULT 0,
                created_at BIGINT NOT NULL
            )
            """,
            """
            CREATE TABLE api_tokens (
                id \(id),
                name TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'analyst', 'viewer')),
                token_hash TEXT NOT NULL UNIQUE,
                created_at BIGINT NOT NULL,
                revoked_at BIGINT
            )
            """,
            """
            CREATE TABLE audit_log (
                id \(id),
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                entity TEXT NOT NULL,
                entity_id TEXT NOT NULL,
                before TEXT,
                after TEXT,
                at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX audit_by_entity ON audit_log (entity, entity_id, id)",
            """
            CREATE TABLE jobs (
                id \(id),
                kind TEXT NOT NULL,
                payload TEXT NOT NULL,
                status TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
                attempts INTEGER NOT NULL DEFAULT 0,
                run_after BIGINT NOT NULL,
                locked_until BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX jobs_ready ON jobs (status, run_after, id)",
            "CREATE TABLE settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]
    }
}
