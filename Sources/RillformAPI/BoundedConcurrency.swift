/// Runs `transform` over `inputs` with at most `limit` calls in flight, returning results in input order.
/// The first error cancels the rest and is rethrown.
func boundedConcurrentMap<Input: Sendable, Output: Sendable>(
    _ inputs: [Input], limit: Int, _ transform: @escaping @Sendable (Input) async throws -> Output
) async throws -> [Output] {
    guard !inputs.isEmpty else { return [] }
    let width = max(1, limit)
    return try await withThrowingTaskGroup(of: (Int, Output).self) { group in
        var results = [Output?](repeating: nil, count: inputs.count)
        var next = 0
        while next < min(width, inputs.count) {
            let index = next
            group.addTask { (index, try await transform(inputs[index])) }
            next += 1
        }
        while let (index, output) = try await group.next() {
            results[index] = output
            if next < inputs.count {
                let index = next
                group.addTask { (index, try await transform(inputs[index])) }
                next += 1
            }
        }
        return results.compactMap { $0 }
    }
}
