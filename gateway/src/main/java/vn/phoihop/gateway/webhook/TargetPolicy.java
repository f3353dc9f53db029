package vn.phoihop.gateway.webhook;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.DefaultNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may be sent (SSRF protection). A target must be {@code https} (or {@code http} where allowed),
 * carry no credentials, and resolve only to public addresses: never loopback, private, carrier-grade NAT,
 * link-local (which holds the cloud metadata address 169.254.169.254), multicast or unspecified ones. Loopback and
 * private ranges may be allowed for development; link-local never is.
 *
 * <p>The check runs at registration and again inside the delivery client's own DNS resolver
 * ({@link #resolverGroup()}), so every connection — the first and each redirect's — goes only to an address that
 * was checked, and a name that resolves differently at delivery time (DNS rebinding) is refused then.
 */
final class TargetPolicy {

    private final boolean allowHttp;
    private final boolean allowPrivateNetworks;

    TargetPolicy(boolean allowHttp, boolean allowPrivateNetworks) {
        this.allowHttp = allowHttp;
        this.allowPrivateNetworks = allowPrivateNetworks;
    }

    /** The URL of a new webhook, checked in full, DNS included. */
    URI checkRegistration(String url) {
        URI target = checkForm(url);
        try {
            for (InetAddress address : InetAddress.getAllByName(target.getHost())) {
                requireAllowed(address);
            }
        } catch (UnknownHostException e) {
            throw new RefusedTarget("the host " + target.getHost() + " does not resolve");
        }
        return target;
    }

    /** Scheme, credentials and host of a URL (a registration's or a redirect's), without DNS. */
    URI checkForm(String url) {
        URI target;
        try {
            target = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw new RefusedTarget("is not a URL");
        }
        String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowHttp && scheme.equals("http"))) {
            throw new RefusedTarget(allowHttp ? "must be an http or https URL" : "must be an https URL");
        }
        if (target.getRawUserInfo() != null) {
            throw new RefusedTarget("must not carry credentials");
        }
        if (target.getHost() == null || target.getHost().isBlank()) {
            throw new RefusedTarget("must name a host");
        }
        if (target.getRawFragment() != null) {
            throw new RefusedTarget("must not have a fragment");
        }
        return target;
    }

    /**
     * A target given as an IP address: the client connects to it without asking the resolver, so it is checked
     * here. Host names are checked by the resolver when they are looked up.
     */
    void checkLiteralAddress(URI target) {
        String host = target.getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
            try {
                requireAllowed(InetAddress.getByName(bare)); // a literal: no DNS lookup
            } catch (UnknownHostException e) {
                throw new RefusedTarget("is not a valid address");
            }
        }
    }

    void requireAllowed(InetAddress address) {
        String refusal = refusal(address);
        if (refusal != null) {
            throw new RefusedTarget("resolves to " + refusal + " address " + address.getHostAddress());
        }
    }

    private String refusal(InetAddress address) {
        InetAddress embedded = embeddedIpv4(address);
        if (embedded != null) {
            return refusal(embedded);
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local (cloud metadata)";
        }
        if (address.isAnyLocalAddress() || address.isMulticastAddress() || isBroadcastOrThisNetwork(address)) {
            return "a non-unicast";
        }
        if (allowPrivateNetworks) {
            return null;
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isSiteLocalAddress() || isUniqueLocal(address) || isCarrierGradeNat(address)) {
            return "a private";
        }
        return null;
    }

    /** IPv4 inside IPv6 forms the JDK does not unwrap itself: IPv4-compatible ::a.b.c.d and NAT64 64:ff9b::/96. */
    private static InetAddress embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] b = address.getAddress();
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; nat64 && i < 12; i++) {
            nat64 = b[i] == 0;
        }
        if (!compatible && !nat64 || compatible && b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xff) <= 1) {
            return null; // not embedded, or :: and ::1 themselves
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static boolean isUniqueLocal(InetAddress address) {
        return address instanceof Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc; // fc00::/7
    }

    private static boolean isCarrierGradeNat(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10
    }

    private static boolean isBroadcastOrThisNetwork(InetAddress address) {
        byte[] b = address.getAddress();
        return address instanceof Inet4Address && ((b[0] & 0xff) == 0 || (b[0] & 0xff) == 255 && (b[1] & 0xff) == 255
                && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255);
    }

    /** A DNS resolver for the delivery client that hands out only allowed addresses. */
    AddressResolverGroup<InetSocketAddress> resolverGroup() {
        return new AddressResolverGroup<>() {
            @Override
            protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
                return new InetSocketAddressResolver(executor, new CheckedNameResolver(executor));
            }
        };
    }

    private final class CheckedNameResolver extends DefaultNameResolver {

        CheckedNameResolver(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) throws Exception {
            try {
                InetAddress address = InetAddress.getByName(host);
                requireAllowed(address);
                promise.setSuccess(address);
            } catch (UnknownHostException | RefusedTarget e) {
                promise.setFailure(e);
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) throws Exception {
            try {
                List<InetAddress> addresses = List.of(InetAddress.getAllByName(host));
                addresses.forEach(TargetPolicy.this::requireAllowed);
                promise.setSuccess(addresses);
            } catch (UnknownHostException | RefusedTarget e) {
                promise.setFailure(e);
            }
        }
    }

    /** A target the policy refuses; the message completes "The URL …". */
    static final class RefusedTarget extends RuntimeException {

        RefusedTarget(String message) {
            super(message);
        }
    }
}
