/// Charts drawn by the server as inline SVG (no script, no outside library): stacked bars over
/// days and horizontal bars. Colours come from the style sheet through class names; every text
/// is escaped; each chart has a title and a table-like description for screen readers.
enum SVGChart {
    /// Stacked columns: one per day, a segment per series.
    static func stackedColumns(title: String, days: [String], series: [(name: String, cssClass: String, counts: [Int])]) -> String {
        let width = 720, height = 260, left = 40, bottom = 30, top = 10
        let totals = days.indices.map { day in series.reduce(0) { $0 + $1.counts[day] } }
        let maximum = max(1, totals.max() ?? 1)
        let slot = Double(width - left - 10) / Double(max(1, days.count))
        let plot = Double(height - bottom - top)
        var out = #"<svg class="chart" viewBox="0 0 \#(width) \#(height)" role="img" aria-label="\#(escape(title))" xmlns="http://www.w3.org/2000/svg">"#
        out += "<title>\(escape(title))</title>"
        for step in 0...4 {
            let value = maximum * step / 4
            let y = Double(height - bottom) - plot * Double(value) / Double(maximum)
            out += #"<line class="grid" x1="\#(left)" x2="\#(width - 10)" y1="\#(format(y))" y2="\#(format(y))"/>"#
            out += #"<text class="axis" x="\#(left - 4)" y="\#(format(y + 4))" text-anchor="end">\#(value)</text>"#
        }
        for (index, day) in days.enumerated() {
            var base = Double(height - bottom)
            let x = Double(left) + slot * Double(index) + slot * 0.15
            for entry in series where entry.counts[index] > 0 {
                let h = plot * Double(entry.counts[index]) / Double(maximum)
                base -= h
                out += #"<rect class="\#(entry.cssClass)" x="\#(format(x))" y="\#(format(base))" width="\#(format(slot * 0.7))" height="\#(format(h))"><title>\#(escape(day)) · \#(escape(entry.name)): \#(entry.counts[index])</title></rect>"#
            }
            out += #"<text class="axis" x="\#(format(x + slot * 0.35))" y="\#(height - bottom + 16)" text-anchor="middle">\#(escape(day))</text>"#
        }
        return out + "</svg>"
    }

    /// Horizontal bars with their names and counts.
    static func bars(title: String, items: [(name: String, count: Int)], cssClass: String = "bar") -> String {
        let rowHeight = 24, width = 520, labelWidth = 220
        let height = max(1, items.count) * rowHeight + 4
        let maximum = max(1, items.map(\.count).max() ?? 1)
        var out = #"<svg class="chart" viewBox="0 0 \#(width) \#(height)" role="img" aria-label="\#(escape(title))" xmlns="http://www.w3.org/2000/svg">"#
        out += "<title>\(escape(title))</title>"
        for (index, item) in items.enumerated() {
            let y = index * rowHeight + 2
            let w = Double(width - labelWidth - 50) * Double(item.count) / Double(maximum)
            let name = item.name.count > 32 ? String(item.name.prefix(31)) + "…" : item.name
            out += #"<text class="axis" x="\#(labelWidth - 6)" y="\#(y + 16)" text-anchor="end">\#(escape(name))</text>"#
            out += #"<rect class="\#(cssClass)" x="\#(labelWidth)" y="\#(y + 3)" width="\#(format(max(w, 1)))" height="\#(rowHeight - 8)"/>"#
            out += #"<text class="axis" x="\#(format(Double(labelWidth) + max(w, 1) + 6))" y="\#(y + 16)">\#(item.count)</text>"#
        }
        return out + "</svg>"
    }

    private static func format(_ value: Double) -> String {
        String(Double((value * 10).rounded()) / 10)
    }

    private static func escape(_ text: String) -> String { ComplianceReport.escape(text) }
}
