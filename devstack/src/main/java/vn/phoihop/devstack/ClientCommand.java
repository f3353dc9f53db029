package vn.phoihop.devstack;

import static vn.phoihop.devstack.AdminCommand.profile;
import static vn.phoihop.devstack.AdminCommand.single;
import static vn.phoihop.devstack.AdminCommand.text;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import vn.phoihop.devstack.AdminCommand.UsageException;

/** {@code client create|list|delete}: the admin API for OAuth clients ({@code /api/v1/clients}). */
final class ClientCommand implements AdminCommand.Kind {

    static final String USAGE = """
            usage: phoihop client create --role <role> [--role <role>…] --unit <unit id> --agency <agency>
                                         [--permission <permission>…] [--name <name>]
                   phoihop client list
                   phoihop client delete <client id>
              --role        ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER or PARTNER; repeat for several
              --unit        the unit whose subtree the client may see
              --agency      POLICE, FRONT or OTHER
              --permission  a right beyond the role, e.g. pii:read; repeat for several
              --name        how the client is listed (unique); default: its roles, agency, unit and the time
            create prints the client's id and secret; the secret is not shown again.""";

    private static final AdminCommand.Api API = new AdminCommand.Api("client", USAGE, "/api/v1/clients", "clientSecret",
            "No clients yet besides admin. Create one with ./phoihop client create",
            "Deleted client %s; it can obtain no more tokens (those it holds expire within minutes)");

    /** The options of a profile that may be repeated, shared with {@code user create}. */
    static final Set<String> REPEATABLE = Set.of("--role", "--permission");

    /** What {@code create} asks for. */
    record Creation(String name, List<String> roles, String unitId, String agency, List<String> permissions) {
    }

    /** {@code args} are what follows {@code client}. */
    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) throws InterruptedException {
        return AdminCommand.run(new ClientCommand(), args, settings, out, err);
    }

    /** The options of {@code create}; roles and agency may be given in any case. */
    static Creation parseCreation(List<String> args, Instant now) throws UsageException {
        var options = AdminCommand.options(args, REPEATABLE, Set.of("--unit", "--agency", "--name"));
        List<String> roles = roles(options.getOrDefault("--role", List.of()));
        String unit = single(options, "--unit");
        String agency = agency(single(options, "--agency"));
        if (roles.isEmpty() || unit == null || agency == null) {
            throw new UsageException("create needs at least one --role, a --unit and an --agency");
        }
        String name = single(options, "--name");
        if (name == null) { // names are unique: the time tells two clients with the same profile apart
            name = String.join("+", roles) + " " + agency + " " + unit + " " + now.truncatedTo(ChronoUnit.SECONDS);
        }
        return new Creation(name, roles, unit, agency, List.copyOf(options.getOrDefault("--permission", List.of())));
    }

    static List<String> roles(List<String> given) {
        return given.stream().map(r -> r.toUpperCase(Locale.ROOT)).toList();
    }

    static String agency(String given) {
        return given == null ? null : given.toUpperCase(Locale.ROOT);
    }

    @Override
    public AdminCommand.Api api() {
        return API;
    }

    @Override
    public Object creation(List<String> options) throws UsageException {
        return parseCreation(options, Instant.now());
    }

    @Override
    public void printCreated(JsonNode client, Settings settings, PrintStream out) {
        out.println("Created client '" + text(client, "name") + "'");
        out.println("  client id:     " + text(client, "clientId"));
        out.println("  client secret: " + text(client, "clientSecret"));
        out.println("  " + profile(client));
        out.println("Keep the secret now: auth-server stores only a hash of it and cannot show it again. A token:");
        out.println("  curl -u " + text(client, "clientId") + ":<client secret> -d grant_type=client_credentials "
                + settings.gatewayUrl() + "/oauth2/token");
    }

    @Override
    public String listed(JsonNode client) {
        return text(client, "clientId") + "  " + text(client, "name") + "  (" + profile(client)
                + ", created " + text(client, "createdAt") + ")";
    }
}
