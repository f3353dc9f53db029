package vn.phoihop.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignaturesTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** The test vector of the Standard Webhooks specification. */
    @Test
    void matchesTheStandardWebhooksTestVector() {
        var secret = new SigningSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", NOW, null);

        assertThat(Signatures.header(List.of(secret), "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                "{\"test\": 2432232314}", NOW)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void duringAnOverlapBothSecretsSignAndAfterItOnlyTheNewOne() {
        var fresh = SigningSecret.generate(NOW);
        var old = SigningSecret.generate(NOW.minusSeconds(86_400)).retiringAt(NOW.plusSeconds(60));

        String during = Signatures.header(List.of(fresh, old), "m", 1, "{}", NOW);
        String after = Signatures.header(List.of(fresh, old), "m", 1, "{}", NOW.plusSeconds(61));

        assertThat(during.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        assertThat(during).startsWith(after + " ");
        assertThat(after.split(" ")).hasSize(1);
    }

    @Test
    void aSecretIsWhsecAndThirtyTwoRandomBytesAndNeverPrinted() {
        var one = SigningSecret.generate(NOW);
        var two = SigningSecret.generate(NOW);

        assertThat(one.value()).startsWith("whsec_").isNotEqualTo(two.value());
        assertThat(one.key()).hasSize(32);
        assertThat(one.toString()).doesNotContain(one.value().substring(6));
    }
}
