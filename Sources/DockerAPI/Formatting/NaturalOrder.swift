/// The order `docker network ls` and `docker volume ls` list names in (fvbommel/sortorder's
/// NaturalLess): runs of digits compare as numbers, so `net2` comes before `net10`.
public enum NaturalOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8), b = Array(rhs.utf8)
        var i = 0, j = 0
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        while i < a.count && j < b.count {
            let digitA = isDigit(a[i]), digitB = isDigit(b[j])
            if digitA != digitB { return digitA }  // digits before other characters
            if !digitA {
                if a[i] != b[j] { return a[i] < b[j] }
                i += 1
                j += 1
                continue
            }
            while i < a.count && a[i] == 48 { i += 1 }
            while j < b.count && b[j] == 48 { j += 1 }
            let numberA = i, numberB = j
            while i < a.count && isDigit(a[i]) { i += 1 }
            while j < b.count && isDigit(b[j]) { j += 1 }
            if i - numberA != j - numberB { return i - numberA < j - numberB }
            if a[numberA..<i] != b[numberB..<j] { return a[numberA..<i].lexicographicallyPrecedes(b[numberB..<j]) }
            if numberA != numberB { return numberA < numberB }  // fewer leading zeros first
        }
        return a.count < b.count
    }
}
