import Testing
import TextCanvas

@Test func rectNeverHasNegativeSize() {
    let rect = Rect(x: 2, y: 3, width: -5, height: -1)
    #expect(rect.width == 0 && rect.height == 0)
    #expect(rect.isEmpty)
    #expect(Rect(x: 0, y: 0, width: 4, height: 2).inset(by: 3).isEmpty)
}

@Test func rectContainsItsCellsOnly() {
    let rect = Rect(x: 1, y: 1, width: 2, height: 2)
    #expect(rect.contains(x: 1, y: 1) && rect.contains(x: 2, y: 2))
    #expect(!rect.contains(x: 3, y: 1) && !rect.contains(x: 1, y: 0))
    #expect(rect.description == "2x2+1+1")
}

@Test func disjointRectsIntersectEmpty() {
    let a = Rect(x: 0, y: 0, width: 4, height: 4)
    #expect(a.intersection(Rect(x: 2, y: 1, width: 10, height: 2)) == Rect(x: 2, y: 1, width: 2, height: 2))
    #expect(a.intersection(Rect(x: 10, y: 10, width: 3, height: 3)).isEmpty)
}

@Test func splitsCoverTheRectAndClampTheCount() {
    let rect = Rect(x: 1, y: 2, width: 10, height: 6)
    let (top, rest) = rect.takeTop(2)
    #expect(top == Rect(x: 1, y: 2, width: 10, height: 2))
    #expect(rest == Rect(x: 1, y: 4, width: 10, height: 4))
    let (left, right) = rect.takeRight(3)
    #expect(left.width + right.width == 10 && right.x == 8)
    #expect(rect.takeBottom(99).1 == rect)
    #expect(rect.takeLeft(-4).0.isEmpty)
}
