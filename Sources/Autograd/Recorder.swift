/// Watches backward() node by node: what the screen animates. The no-op version costs nothing.
public protocol BackwardRecorder {
    /// Backward reached `node`: its gradient ∂loss/∂node is complete (read it from the tape).
    mutating func reached(node: Int)
    /// `node` sent `contribution` = ∂loss/∂node · ∂node/∂input to `input` (already reduced to its shape).
    mutating func sent(from node: Int, to input: Int, contribution: UnsafeBufferPointer<Double>)
}

/// Records nothing; backward() specialised for it is the plain hot path.
public struct NoRecorder: BackwardRecorder {
    public init() {}
    @inlinable @inline(__always) public mutating func reached(node: Int) {}
    @inlinable @inline(__always) public mutating func sent(from node: Int, to input: Int, contribution: UnsafeBufferPointer<Double>) {}
}

/// Keeps every backward step, in the order they happened.
public struct BackwardLog: BackwardRecorder, Sendable {
    /// One gradient sent along one edge.
    public struct Message: Equatable, Sendable {
        public var from: Int
        public var to: Int
        public var contribution: [Double]
    }

    /// Nodes in the order backward reached them.
    public private(set) var order: [Int] = []
    public private(set) var messages: [Message] = []

    public init() {}

    public mutating func reached(node: Int) { order.append(node) }

    public mutating func sent(from node: Int, to input: Int, contribution: UnsafeBufferPointer<Double>) {
        messages.append(Message(from: node, to: input, contribution: Array(contribution)))
    }

    /// What `node` sent to `input`, if it sent anything.
    public func contribution(from node: Int, to input: Int) -> [Double]? {
        messages.first { $0.from == node && $0.to == input }?.contribution
    }
}
