import Foundation

/// Maps a classifier margin to a calibrated probability: p = 1 / (1 + exp(a·margin + b)).
///
/// Fitted by Platt's method with the regularized targets and Newton iteration of Lin, Lin and
/// Weng (2007) on margins the classifier did not train on.
public struct PlattScaling: Codable, Sendable, Equatable {
    public var a: Double
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// The probability for a margin.
    @inlinable
    public func probability(_ margin: Double) -> Double {
        let f = a * margin + b
        return f >= 0 ? exp(-f) / (1 + exp(-f)) : 1 / (1 + exp(f))
    }

    /// The logit (log-odds) for a margin, i.e. −(a·margin + b).
    @inlinable
    public func logit(_ margin: Double) -> Double { -(a * margin + b) }

    /// Fits the sigmoid to margins and their true classes.
    public static func fit(margins: [Double], positives: [Bool]) -> PlattScaling {
        let prior1 = Double(positives.filter { $0 }.count)
        let prior0 = Double(positives.count) - prior1
        guard prior1 > 0, prior0 > 0 else {
            // Nothing to calibrate against: a steep default around the margin 0.
            return PlattScaling(a: -2, b: prior1 > 0 ? -2 : 4)
        }
        let hiTarget = (prior1 + 1) / (prior1 + 2)
        let loTarget = 1 / (prior0 + 2)
        let targets = positives.map { $0 ? hiTarget : loTarget }
        var a = 0.0
        var b = log((prior0 + 1) / (prior1 + 1))
        let sigma = 1e-12
        func objective(_ a: Double, _ b: Double) -> Double {
            var value = 0.0
            for (margin, target) in zip(margins, targets) {
                let f = margin * a + b
                value += f >= 0 ? target * f + log(1 + exp(-f)) : (target - 1) * f + log(1 + exp(f))
            }
            return value
        }
        var current = objective(a, b)
        for _ in 0..<100 {
            var h11 = sigma, h22 = sigma, h21 = 0.0, g1 = 0.0, g2 = 0.0
            for (margin, target) in zip(margins, targets) {
                let f = margin * a + b
                let (p, q) = f >= 0 ? (exp(-f) / (1 + exp(-f)), 1 / (1 + exp(-f))) : (1 / (1 + exp(f)), exp(f) / (1 + exp(f)))
                let d2 = p * q
                h11 += margin * margin * d2
                h22 += d2
                h21 += margin * d2
                let d1 = target - p
                g1 += margin * d1
                g2 += d1
            }
            if abs(g1) < 1e-5 && abs(g2) < 1e-5 { break }
            let det = h11 * h22 - h21 * h21
            let dA = -(h22 * g1 - h21 * g2) / det
            let dB = -(-h21 * g1 + h11 * g2) / det
            let gd = g1 * dA + g2 * dB
            var step = 1.0
            var improved = false
            while step >= 1e-10 {
                let newA = a + step * dA
                let newB = b + step * dB
                let value = objective(newA, newB)
                if value < current + 1e-4 * step * gd {
                    a = newA
                    b = newB
                    current = value
                    improved = true
                    break
                }
                step /= 2
            }
            if !improved { break }
        }
        return PlattScaling(a: a, b: b)
    }
}
