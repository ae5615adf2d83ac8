/// One step of the schema: statements for each dialect, applied once, in order, in a transaction.
struct Migration: Sendable {
    var version: Int
    var name: String
    var sqlite: [String]
    var postgres: [String]

    func statements(for dialect: StoreDialect) -> [String] {
        dialect == .sqlite ? sqlite : postgres
    }
}
