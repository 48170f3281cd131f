import Foundation

/// Where a byte of a UTF-8 file sits, as a line and a column (both from 1, a column counting
/// characters): the one converter behind every message that points into a scenario or a CSV file.
struct SourceLines {
    private let bytes: [UInt8]
    /// Byte offset where each line starts; the first is 0.
    let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts = [0]
        // memchr finds each line feed: a scenario of 14 MB has a few thousand lines.
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let end = base + buffer.count
            var at = base
            while at < end, let found = memchr(at, 0x0A, end - at) {
                let offset = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                starts.append(offset + 1)
                at = base + offset + 1
            }
        }
        lineStarts = starts
        // A long line (a list of 20 000 notes written on one) gets the column at every
        // `checkpointSpan`-th byte, so a position deep in it is not counted from its start each time.
        var checkpoints: [Int: [Int]] = [:]
        for (line, start) in starts.enumerated() {
            let end = line + 1 < starts.count ? starts[line + 1] : bytes.count
            guard end - start > Self.checkpointSpan else { continue }
            var columns = [1], column = 1
            for (k, b) in bytes[start..<end].enumerated() {
                if k > 0, k % Self.checkpointSpan == 0 { columns.append(column) }
                if b & 0xC0 != 0x80 { column += 1 }
            }
            checkpoints[line] = columns
        }
        self.checkpoints = checkpoints
    }

    /// Bytes between two checkpoints of a long line.
    static let checkpointSpan = 4096
    /// Per line longer than `checkpointSpan` bytes: the column at each multiple of it from the line's start.
    private let checkpoints: [Int: [Int]]

    /// Line and column of a byte offset (an offset past the end counts as the end).
    func position(ofByte offset: Int) -> SourcePosition {
        let offset = max(0, min(offset, bytes.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        // A column is a character: UTF-8 continuation bytes (10xxxxxx) add none.
        var from = lineStarts[low], column = 1
        if let columns = checkpoints[low] {
            let k = min((offset - from) / Self.checkpointSpan, columns.count - 1)
            (from, column) = (from + k * Self.checkpointSpan, columns[k])
        }
        for b in bytes[from..<offset] where b & 0xC0 != 0x80 { column += 1 }
        return SourcePosition(line: low + 1, column: column)
    }

    /// Line and column of a byte offset in `bytes`, for a message about a file read only once.
    static func position(ofByte offset: Int, in bytes: [UInt8]) -> SourcePosition {
        SourceLines(bytes).position(ofByte: offset)
    }

    /// The offset of the first NUL byte (found by memchr), or nil.
    static func firstNUL(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            guard let base = buffer.baseAddress, let found = memchr(base, 0, buffer.count) else { return nil }
            return UnsafeRawPointer(found) - UnsafeRawPointer(base)
        }
    }

    /// The offset of the first byte that does not belong to valid UTF-8 (`bytes.count` when all do).
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var i = 0
        while i < bytes.count {
            let length: Int
            switch bytes[i] {
            case 0..<0x80: length = 1
            case 0xC2..<0xE0: length = 2
            case 0xE0..<0xF0: length = 3
            case 0xF0..<0xF5: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            if String(validating: bytes[i..<(i + length)], as: UTF8.self) == nil { return i }
            i += length
        }
        return i
    }
}
