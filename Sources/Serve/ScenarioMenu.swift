import TextCanvas

/// The first screen of a session that named no scenario: the server's scenarios, one a line.
struct ScenarioMenu {
    let items: [(name: String, title: String)]
    var selected = 0
    var scroll = 0

    enum Outcome: Equatable {
        case stay
        case open(Int)
        case quit
    }

    mutating func key(_ key: Key) -> Outcome {
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(items.count - 1, selected + 1)
        case .home, .character("g"): selected = 0
        case .end, .character("G"): selected = max(0, items.count - 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(items.count - 1, selected + 10)
        case .enter, .character(" "), .right, .character("l"): return .open(selected)
        case .character("q"), .escape, .control("c"), .control("d"): return .quit
        case .character(let c):
            if let digit = c.wholeNumberValue, digit >= 1, digit <= items.count { return .open(digit - 1) }
        default: break
        }
        return .stay
    }

    func render(width: Int, height: Int, glyphs: Glyphs) -> Canvas {
        var canvas = Canvas(width: width, height: height)
        canvas.foldsText = !glyphs.usesBraille
        guard width >= 20, height >= 6 else {
            canvas.write("Enlarge the terminal", x: 0, y: 0, style: .strong)
            return canvas
        }
        canvas.fill(Rect(x: 0, y: 0, width: width, height: 1), style: .inverse)
        canvas.write(" backprop ⸱ pick a scenario", x: 0, y: 0, style: .inverse)
        let rows = height - 3
        let top = min(max(0, selected - rows + 1), max(0, selected))
        for (row, index) in (top..<min(items.count, top + rows)).enumerated() {
            let item = items[index]
            let number = index < 9 ? "\(index + 1)" : " "
            let line = " \(number) \(item.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(item.title)"
            canvas.write(line, x: 1, y: 2 + row, style: index == selected ? .active : .normal, clip: Rect(x: 1, y: 2 + row, width: width - 2, height: 1))
        }
        canvas.write(" ↑↓ choose ⸱ Enter open ⸱ 1–9 open ⸱ q quit", x: 0, y: height - 1, style: .dim)
        return glyphs.usesBraille ? canvas : canvas.asciiFolded()
    }
}
