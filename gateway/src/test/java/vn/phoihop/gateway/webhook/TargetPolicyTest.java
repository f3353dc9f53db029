package vn.phoihop.gateway.webhook;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(false, false);
    private final TargetPolicy development = new TargetPolicy(true, true);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "fd00:ec2::254", "fc00::1", "::ffff:10.0.0.1", "::ffff:127.0.0.1",
            "64:ff9b::a00:1", "::a00:1"})
    void privateAndLoopbackAddressesAreRefusedUnlessAllowed(String address) throws Exception {
        InetAddress ip = InetAddress.getByName(address);
        assertThatThrownBy(() -> strict.requireAllowed(ip)).isInstanceOf(TargetPolicy.RefusedTarget.class);
        assertThatCode(() -> development.requireAllowed(ip)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "169.254.0.1", "fe80::1", "0.0.0.0", "::", "224.0.0.1",
            "255.255.255.255", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"})
    void linkLocalMetadataAndNonUnicastAreAlwaysRefused(String address) throws Exception {
        InetAddress ip = InetAddress.getByName(address);
        assertThatThrownBy(() -> strict.requireAllowed(ip)).isInstanceOf(TargetPolicy.RefusedTarget.class);
        assertThatThrownBy(() -> development.requireAllowed(ip)).isInstanceOf(TargetPolicy.RefusedTarget.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "203.113.131.1", "2001:4860:4860::8888", "172.32.0.1", "100.128.0.1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThatCode(() -> strict.requireAllowed(InetAddress.getByName(address))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://partner.example/hook", "ftp://partner.example/hook", "file:///etc/passwd",
            "gopher://partner.example", "https://user:secret@partner.example/hook", "https://partner.example/h#frag",
            "https:///nohost", "not a url", "javascript:alert(1)"})
    void onlyHttpsWithoutCredentialsIsAcceptedInForm(String url) {
        assertThatThrownBy(() -> strict.checkForm(url)).isInstanceOf(TargetPolicy.RefusedTarget.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://10.0.0.5:8443/hook",
            "https://169.254.169.254/latest/meta-data", "https://[::1]/hook"})
    void registrationResolvesTheHostAndRefusesInternalTargets(String url) {
        assertThatThrownBy(() -> strict.checkRegistration(url)).isInstanceOf(TargetPolicy.RefusedTarget.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9/hook", "https://localhost/hook"})
    void developmentAllowsLocalReceivers(String url) {
        assertThatCode(() -> development.checkRegistration(url)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest", "http://[fe80::1]/", "http://10.0.0.1/", "http://127.0.0.1/"})
    void literalAddressesAreCheckedWithoutTheResolver(String url) {
        assertThatThrownBy(() -> strict.checkLiteralAddress(java.net.URI.create(url)))
                .isInstanceOf(TargetPolicy.RefusedTarget.class);
        assertThatCode(() -> strict.checkLiteralAddress(java.net.URI.create("https://partner.example/hook")))
                .doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void theDeliveryClientsResolverRefusesNamesOfInternalAddresses() throws Exception {
        var resolver = strict.resolverGroup().getResolver(io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE);
        var refused = resolver.resolve(java.net.InetSocketAddress.createUnresolved("localhost", 443)).await();
        var allowed = development.resolverGroup().getResolver(io.netty.util.concurrent.ImmediateEventExecutor.INSTANCE)
                .resolve(java.net.InetSocketAddress.createUnresolved("localhost", 443)).await();

        org.assertj.core.api.Assertions.assertThat(refused.cause()).isInstanceOf(TargetPolicy.RefusedTarget.class);
        org.assertj.core.api.Assertions.assertThat(allowed.getNow().getAddress().isLoopbackAddress()).isTrue();
    }
}
