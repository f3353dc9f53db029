package vn.phoihop.devstack;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -Dphoihop.home=<checkout> -jar devstack/target/devstack.jar up|token|import|client|user}, as the
 * {@code ./phoihop} script runs it.
 */
public final class Devstack {

    static final String USAGE = """
            usage: phoihop <command>
              up      start Kafka, MongoDB and every service on embedded defaults; Ctrl-C stops them
              token   print an access token for the admin client (the system must be running)
              import  import units <file.csv> [--parent <id>] [--valid-from <date>], import merges <file.csv>,
                      import activities <file.csv>: CSV files through the gateway, with progress
                      (the system must be running)
              client  client create --role <role> --unit <id> --agency <agency> [--permission <p>] [--name <name>],
                      client list, client delete <id>: OAuth clients through the gateway; create prints the
                      new client's id and secret, shown only then (the system must be running)
              user    user create --username <name> --role <role> --unit <id> --agency <agency> [--permission <p>]
                      [--display-name <name>], user list, user delete <id>: people who sign in; create prints
                      the new user's id and password, shown only then (the system must be running)
              stream  stream [--program <id>] [--unit <id>] [--types <t,...>] [--after <event id>]: live events
                      through the gateway, one line each (the system must be running)
              help    this text
            Settings come from the environment; see docs/configuration.md.""";

    private Devstack() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("logback.configurationFile") == null) {
            // before the first logger: our file, never a logback.xml of whatever else is on the class path
            System.setProperty("logback.configurationFile", "devstack-logback.xml");
        }
        System.exit(run(args));
    }

    static int run(String[] args) throws InterruptedException {
        String command = args.length == 0 ? "help" : args[0];
        if (command.equals("help") || command.equals("--help") || command.equals("-h")) {
            System.out.println(USAGE);
            return 0;
        }
        if (!List.of("up", "token", "import", "client", "user", "stream").contains(command)) {
            System.err.println("phoihop: unknown command '" + command + "'\n" + USAGE);
            return 2;
        }
        Settings settings;
        try {
            settings = Settings.from(System.getenv(), Path.of(System.getProperty("phoihop.home", "")));
        } catch (IllegalArgumentException e) {
            System.err.println("phoihop: " + e.getMessage());
            return 2;
        }
        // read by devstack-logback.xml when the first logger is made, which is later than this
        System.setProperty("phoihop.logs", settings.logs().toString());
        try {
            if (command.equals("import")) {
                return ImportCommand.run(java.util.Arrays.asList(args).subList(1, args.length), settings, System.out,
                        System.err, System.console() != null);
            }
            if (command.equals("stream")) {
                return StreamCommand.run(List.of(args).subList(1, args.length), settings, System.out, System.err);
            }
            if (command.equals("client")) {
                return ClientCommand.run(List.of(args).subList(1, args.length), settings, System.out, System.err);
            }
            if (command.equals("user")) {
                return UserCommand.run(List.of(args).subList(1, args.length), settings, System.out, System.err);
            }
            return command.equals("up")
                    ? new Up(settings, System.out, System.err, System.console() != null).run()
                    : Token.run(settings, System.out, System.err);
        } catch (RuntimeException e) {
            System.err.println("phoihop: " + e.getMessage()); // the shutdown hook stops what was started
            return 1;
        }
    }
}
