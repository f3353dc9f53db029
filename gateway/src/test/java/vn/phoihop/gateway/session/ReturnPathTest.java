package vn.phoihop.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReturnPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"/", "/programs", "/programs/p-1?period=2019&unit=u-1", "/units/u%20x", "/a'b"})
    void aPathOfThisOriginIsKept(String path) {
        assertThat(ReturnPath.of(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "programs", "https://evil.test/", "//evil.test", "///evil.test", "/\\evil.test",
            "\\\\evil.test", "javascript:alert(1)", " /programs", "/a\tb", "/a\r\nSet-Cookie: x", "/a b",
            "/a\"><script>", "http:/evil.test"})
    void anythingElseIsTheRoot(String requested) {
        assertThat(ReturnPath.of(requested)).isEqualTo("/");
    }

    @org.junit.jupiter.api.Test
    void nullAndOverlongAreTheRoot() {
        assertThat(ReturnPath.of(null)).isEqualTo("/");
        assertThat(ReturnPath.of("/" + "a".repeat(ReturnPath.MAX_LENGTH))).isEqualTo("/");
    }
}
