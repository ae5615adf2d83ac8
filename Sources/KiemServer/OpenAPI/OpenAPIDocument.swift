/// The API's description, served at `GET /openapi.json` (OpenAPI 3.0.3); CI validates it.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {
        "title": "Kiem API",
        "version": "1.0.0",
        "description": "Detection of scams, phishing, spam and abuse in Vietnamese and English messages; the store of items, cases and decisions; checks of advertising traffic against Decree 91/2020/NĐ-CP. Errors are always {\"error\": {\"code\", \"message\"}}."
      },
      "servers": [{"url": "/"}],
      "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "An API token from `kiem token create` or POST /v1/tokens."}},
        "responses": {
          "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "TooMany": {"description": "Rate limited; see Retry-After", "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"],
            "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
          "Id": {"oneOf": [{"type": "string"}, {"type": "number"}], "nullable": true},
          "CheckRequest": {"type": "object", "required": ["text"], "properties": {"id": {"$ref": "#/components/schemas/Id"}, "text": {"type": "string"}, "source": {"type": "string"}}},
          "CheckBatch": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "maxItems": 1000, "items": {"$ref": "#/components/schemas/CheckRequest"}}}},
          "Signal": {"type": "object", "required": ["kind", "name"], "properties": {"kind": {"type": "string", "enum": ["rule", "indicator", "classifier", "feature", "entity"]},
            "name": {"type": "string"}, "label": {"type": "string"}, "weight": {"type": "number"}, "value": {"type": "string"}}},
          "ClaimMatch": {"type": "object", "properties": {"claim_id": {"type": "string"}, "similarity": {"type": "number"}, "verdict": {"type": "string"}, "url": {"type": "string"}}},
          "Verdict": {"type": "object", "properties": {
            "id": {"$ref": "#/components/schemas/Id"},
            "action": {"type": "string", "enum": ["allow", "review", "warn", "block"]},
            "labels": {"type": "object", "additionalProperties": {"type": "number", "minimum": 0, "maximum": 1}},
            "top": {"type": "string"},
            "signals": {"type": "array", "items": {"$ref": "#/components/schemas/Signal"}},
            "matches": {"type": "array", "items": {"$ref": "#/components/schemas/ClaimMatch"}},
            "error": {"type": "string", "description": "Set instead of the verdict when this item could not be read."}}},
          "IngestItem": {"type": "object", "required": ["source", "external_id", "text"], "properties": {
            "source": {"type": "string", "maxLength": 100}, "external_id": {"type": "string", "maxLength": 200}, "text": {"type": "string"},
            "url": {"type": "string"}, "received_at": {"type": "string", "format": "date-time"}, "author": {"type": "string", "description": "Kept only as a keyed hash."},
            "metadata": {"type": "object", "additionalProperties": true}}},
          "IngestRequest": {"type": "object", "required": ["items"], "properties": {"items": {"type": "array", "minItems": 1, "maxItems": 1000, "items": {"$ref": "#/components/schemas/IngestItem"}}}},
          "IngestResponse": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "source": {"type": "string"}, "external_id": {"type": "string"}, "created": {"type": "boolean"},
            "top": {"type": "string"}, "action": {"type": "string"}, "case_id": {"type": "integer", "nullable": true}}}}}},
          "Item": {"type": "object", "properties": {
            "id": {"type": "integer"}, "source": {"type": "string"}, "external_id": {"type": "string"}, "text": {"type": "string"}, "url": {"type": "string", "nullable": true},
            "received_at": {"type": "string", "format": "date-time"}, "created_at": {"type": "string", "format": "date-time"}, "author_hash": {"type": "string", "nullable": true},
            "metadata": {"type": "object", "additionalProperties": true}, "top": {"type": "string"}, "action": {"type": "string"},
            "verdict": {"$ref": "#/components/schemas/Verdict"},
            "case": {"type": "object", "nullable": true, "properties": {"id": {"type": "integer"}, "status": {"type": "string"}}}}},
          "ItemPage": {"type": "object", "required": ["items", "total", "next"], "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
            "total": {"type": "integer"}, "next": {"type": "string", "nullable": true}}},
          "Violation": {"type": "object", "properties": {"record_id": {"$ref": "#/components/schemas/Id"}, "rule": {"type": "string",
            "enum": ["hours", "frequency", "label", "opt_out", "dnc", "brandname", "consent"]}, "article": {"type": "string"}, "detail": {"type": "string"}}},
          "ComplianceResult": {"type": "object", "properties": {
            "violations": {"type": "array", "items": {"$ref": "#/components/schemas/Violation"}},
            "errors": {"type": "array", "items": {"type": "object", "properties": {"line": {"type": "integer"}, "record_id": {"$ref": "#/components/schemas/Id"}, "error": {"type": "string"}}}},
            "senders": {"type": "array", "items": {"type": "object", "properties": {"sender": {"type": "string"}, "records": {"type": "integer"}, "advertising": {"type": "integer"},
              "records_in_breach": {"type": "integer"}, "violations": {"type": "object", "additionalProperties": {"type": "integer"}}}}},
            "spam_sources": {"type": "array", "items": {"type": "object", "properties": {"sender": {"type": "string"}, "reasons": {"type": "array", "items": {"type": "string"}}}}}}},
          "Token": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "role": {"type": "string"}, "token": {"type": "string", "description": "Shown once."}}},
          "User": {"type": "object", "properties": {"id": {"type": "integer"}, "email": {"type": "string"}, "name": {"type": "string"}, "role": {"type": "string"}}},
          "AuditPage": {"type": "object", "properties": {"entries": {"type": "array", "items": {"type": "object", "properties": {
            "id": {"type": "integer"}, "actor": {"type": "string"}, "action": {"type": "string"}, "entity": {"type": "string"}, "entity_id": {"type": "string"},
            "before": {"nullable": true}, "after": {"nullable": true}, "at": {"type": "string", "format": "date-time"}}}}, "next": {"type": "string", "nullable": true}}}
        }
      },
      "paths": {
        "/healthz": {"get": {"summary": "The process answers", "operationId": "health", "responses": {"200": {"description": "Alive"}}}},
        "/readyz": {"get": {"summary": "The database answers", "operationId": "ready", "responses": {"200": {"description": "Ready"}, "503": {"$ref": "#/components/responses/Error"}}}},
        "/metrics": {"get": {"summary": "Prometheus metrics", "operationId": "metrics", "responses": {"200": {"description": "Metrics in the Prometheus text format",
          "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
        "/openapi.json": {"get": {"summary": "This document", "operationId": "openapi", "responses": {"200": {"description": "OpenAPI 3"}}}},
        "/v1/check": {"post": {"summary": "Check one message, or up to 1,000", "operationId": "check",
          "description": "Anonymous use is rate limited per client; an API token lifts the limit.", "security": [{}, {"bearer": []}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"oneOf": [{"$ref": "#/components/schemas/CheckRequest"}, {"$ref": "#/components/schemas/CheckBatch"}]}}}},
          "responses": {"200": {"description": "A verdict, or {\"items\": [verdicts]} in input order", "content": {"application/json": {"schema": {"oneOf": [
            {"$ref": "#/components/schemas/Verdict"}, {"type": "object", "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Verdict"}}}}]}}}},
            "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}, "429": {"$ref": "#/components/responses/TooMany"}}}},
        "/v1/items": {
          "post": {"summary": "Ingest items (idempotent on source and external_id)", "operationId": "ingestItems", "security": [{"bearer": []}],
            "description": "Answers only once every item is durably stored. Each item is checked; a case is opened when the policy says review or warn. Needs the analyst role.",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestRequest"}}}},
            "responses": {"201": {"description": "Stored (at least one new item)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestResponse"}}}},
              "200": {"description": "Every item was already stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestResponse"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}}},
          "get": {"summary": "List and search items, newest first", "operationId": "listItems", "security": [{"bearer": []}],
            "parameters": [
              {"name": "source", "in": "query", "schema": {"type": "string"}},
              {"name": "label", "in": "query", "schema": {"type": "string"}, "description": "Top label of the latest verdict (clean for none)."},
              {"name": "query", "in": "query", "schema": {"type": "string"}, "description": "Words to find, with or without accents."},
              {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}},
              {"name": "cursor", "in": "query", "schema": {"type": "string"}, "description": "The `next` of the previous page."}],
            "responses": {"200": {"description": "A page of items", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ItemPage"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}}}},
        "/v1/items/{id}": {"get": {"summary": "One item with its latest verdict and case", "operationId": "getItem", "security": [{"bearer": []}],
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
          "responses": {"200": {"description": "The item", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Item"}}}},
            "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
        "/v1/compliance": {"post": {"summary": "Check sending records against Decree 91/2020/NĐ-CP", "operationId": "compliance", "security": [{"bearer": []}],
          "requestBody": {"required": true, "content": {"application/x-ndjson": {"schema": {"type": "string", "description": "One record per line: {id, channel, sender, recipient, sent_at, text, subject?, consent?, advertising?}"}}}},
          "responses": {"200": {"description": "Violations, unreadable lines, per-sender counts and spam sources", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ComplianceResult"}}}},
            "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "413": {"$ref": "#/components/responses/Error"}}}},
        "/v1/tokens": {"post": {"summary": "Create an API token (admin)", "operationId": "createToken", "security": [{"bearer": []}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["name", "role"], "properties": {
            "name": {"type": "string"}, "role": {"type": "string", "enum": ["admin", "editor", "analyst", "viewer"]}}}}}},
          "responses": {"201": {"description": "The token; its secret is shown this once", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Token"}}}},
            "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}}},
        "/v1/tokens/{id}": {"delete": {"summary": "Revoke an API token (admin)", "operationId": "revokeToken", "security": [{"bearer": []}],
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}],
          "responses": {"204": {"description": "Revoked"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}},
        "/v1/users": {"post": {"summary": "Add a user who logs in with a password (admin)", "operationId": "addUser", "security": [{"bearer": []}],
          "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["email", "name", "role", "password"], "properties": {
            "email": {"type": "string"}, "name": {"type": "string"}, "role": {"type": "string", "enum": ["admin", "editor", "analyst", "viewer"]}, "password": {"type": "string", "minLength": 10}}}}}},
          "responses": {"201": {"description": "The user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/User"}}}},
            "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"}}}},
        "/v1/audit": {"get": {"summary": "The append-only audit log, newest first (admin)", "operationId": "auditLog", "security": [{"bearer": []}],
          "parameters": [{"name": "entity", "in": "query", "schema": {"type": "string"}}, {"name": "entity_id", "in": "query", "schema": {"type": "string"}},
            {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}, {"name": "cursor", "in": "query", "schema": {"type": "string"}}],
          "responses": {"200": {"description": "Entries", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuditPage"}}}},
            "401": {"$ref": "#/components/responses/Error"}, "403": {"$ref": "#/components/responses/Error"}}}}
      }
    }
    """#
}
