package vn.phoihop.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadyBannerTest {

    @TempDir
    Path home;

    @Test
    void theWebAppsAddressComesFirst() {
        String text = ReadyBanner.text(Settings.from(Map.of("GATEWAY_PORT", "18080"), home), 12.3);

        String firstAddress = text.lines().filter(line -> line.contains("http://")).findFirst().orElseThrow();
        assertThat(firstAddress).contains("Web app").contains("http://localhost:18080/");
        assertThat(text).contains("API         http://localhost:18080/api/v1");
    }
}
