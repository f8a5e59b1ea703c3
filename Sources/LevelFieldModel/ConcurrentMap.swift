import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` on every core: `transform` runs concurrently on the elements, and the results come
    /// back in the elements' order, so the output is a serial `map`'s. For independent, pure work
    /// (an analysis per period, a chunk of a CSV table, a batch of pages).
    package func concurrentMap<Result: Sendable>(_ transform: @Sendable (Element) -> Result) -> [Result] {
        let slots = Slots<Result>(count: count)
        withoutActuallyEscaping(transform) { transform in
            let elements = self
            DispatchQueue.concurrentPerform(iterations: elements.count) { index in
                slots.set(index, transform(elements[index]))
            }
        }
        return slots.all
    }
}

/// One slot per job; each job writes only its own.
private final class Slots<Value: Sendable>: @unchecked Sendable {
    private var values: [Value?]
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) {
        lock.lock(); values[index] = value; lock.unlock()
    }

    var all: [Value] { values.map { $0! } }
}
