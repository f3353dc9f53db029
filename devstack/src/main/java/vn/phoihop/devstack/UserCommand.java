package vn.phoihop.devstack;

import static vn.phoihop.devstack.AdminCommand.profile;
import static vn.phoihop.devstack.AdminCommand.single;
import static vn.phoihop.devstack.AdminCommand.text;

import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import vn.phoihop.devstack.AdminCommand.UsageException;

/** {@code user create|list|delete}: the admin API for people who sign in ({@code /api/v1/users}). */
final class UserCommand implements AdminCommand.Kind {

    static final String USAGE = """
            usage: phoihop user create --username <name> --role <role> [--role <role>…] --unit <unit id>
                                       --agency <agency> [--permission <permission>…] [--display-name <name>]
                   phoihop user list
                   phoihop user delete <user id>
              --username      what the person signs in with: 3 to 64 of a-z 0-9 . _ @ - (any case)
              --role          ADMIN, PROGRAM_MANAGER, UNIT_OFFICER, VIEWER or PARTNER; repeat for several
              --unit          the unit whose subtree the user may see
              --agency        POLICE, FRONT or OTHER
              --permission    a right beyond the role, e.g. pii:read; repeat for several
              --display-name  the person's name as shown; default: the username
            create prints the user's id and password, made by auth-server; the password is not shown again.""";

    private static final AdminCommand.Api API = new AdminCommand.Api("user", USAGE, "/api/v1/users", "password",
            "No users yet. Create one with ./phoihop user create",
            "Deleted user %s; they can no longer sign in (tokens they hold expire within minutes)");

    /** What {@code create} asks for. */
    record Creation(String username, String displayName, List<String> roles, String unitId, String agency,
            List<String> permissions) {
    }

    /** {@code args} are what follows {@code user}. */
    static int run(List<String> args, Settings settings, PrintStream out, PrintStream err) throws InterruptedException {
        return AdminCommand.run(new UserCommand(), args, settings, out, err);
    }

    /** The options of {@code create}; roles and agency may be given in any case. */
    static Creation parseCreation(List<String> args) throws UsageException {
        var options = AdminCommand.options(args, ClientCommand.REPEATABLE,
                Set.of("--username", "--unit", "--agency", "--display-name"));
        String username = single(options, "--username");
        List<String> roles = ClientCommand.roles(options.getOrDefault("--role", List.of()));
        String unit = single(options, "--unit");
        String agency = ClientCommand.agency(single(options, "--agency"));
        if (username == null || roles.isEmpty() || unit == null || agency == null) {
            throw new UsageException("create needs a --username, at least one --role, a --unit and an --agency");
        }
        String displayName = single(options, "--display-name");
        return new Creation(username, displayName == null ? username : displayName, roles, unit, agency,
                List.copyOf(options.getOrDefault("--permission", List.of())));
    }

    @Override
    public AdminCommand.Api api() {
        return API;
    }

    @Override
    public Object creation(List<String> options) throws UsageException {
        return parseCreation(options);
    }

    @Override
    public void printCreated(JsonNode user, Settings settings, PrintStream out) {
        out.println("Created user '" + text(user, "username") + "' (" + text(user, "displayName") + ")");
        out.println("  user id:  " + text(user, "id"));
        out.println("  password: " + text(user, "password"));
        out.println("  " + profile(user));
        out.println("Give the password to the person now: auth-server stores only a hash of it and cannot show it again.");
        out.println("They sign in through the dashboard (" + settings.gatewayUrl() + "/login).");
    }

    @Override
    public String listed(JsonNode user) {
        return text(user, "id") + "  " + text(user, "username") + "  " + text(user, "displayName") + "  ("
                + profile(user) + ", created " + text(user, "createdAt") + ")";
    }
}
