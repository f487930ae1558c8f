import Testing
import Core

/// The tag of an image reference follows the last `:` after the last `/`: a registry port is not a tag.
@Suite struct ImageTagTests {
    @Test func theTagIsAfterTheLastSlash() {
        func split(_ text: String) -> [String?] {
            let (name, tag) = ImageTag.split(text[...])
            return [String(name), tag.map(String.init)]
        }
        #expect(split("busybox") == ["busybox", nil])
        #expect(split("busybox:1.36") == ["busybox", "1.36"])
        #expect(split("localhost:5000/web") == ["localhost:5000/web", nil])
        #expect(split("localhost:5000/team/web:v2") == ["localhost:5000/team/web", "v2"])
        #expect(split("web:") == ["web", ""])
    }
}
