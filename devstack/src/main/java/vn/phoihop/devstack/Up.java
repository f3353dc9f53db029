package vn.phoihop.devstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import vn.phoihop.devstack.Startup.Part;
import vn.phoihop.devstack.kafka.KafkaBroker;
import vn.phoihop.devstack.mongo.EmbeddedMongo;
import vn.phoihop.devstack.process.Child;
import vn.phoihop.devstack.process.DataDirLock;
import vn.phoihop.devstack.process.StalePids;

/** {@code up}: the whole system on embedded defaults, in the foreground, until Ctrl-C. */
final class Up {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream err;
    private final RunningSystem system;
    private final Startup startup;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    Up(Settings settings, PrintStream out, PrintStream err, boolean terminal) {
        this.settings = settings;
        this.out = out;
        this.err = err;
        this.system = new RunningSystem(out);
        this.startup = new Startup(out, terminal);
    }

    /** The exit code: 0 never in practice (it runs until stopped), 1 a failed start, 2 nothing started. */
    int run() throws InterruptedException {
        out.println("phoihop: starting, data in " + settings.dataDir());
        createDataDirs();
        Optional<String> running = DataDirLock.acquire(settings.run());
        if (running.isPresent()) {
            err.println("phoihop: already running on " + settings.dataDir() + " (devstack pid " + running.get()
                    + "); stop it first (Ctrl-C in its terminal), or give this one its own PHOIHOP_DATA and ports.");
            return 2;
        }
        StalePids.stop(settings.run(), StalePids.startedFrom(settings.dataDir()), Duration.ofSeconds(10))
                .forEach(stale -> out.println("  stopped " + stale + ", left running by an earlier start"));
        Optional<String> problem = missingJars().or(() -> PortClaim.firstProblem(settings.portClaims()));
        if (problem.isPresent()) {
            err.println("phoihop: " + problem.get());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(system::stop, "phoihop-stop"));
        try {
            String mongoUri = startMongo();
            startKafka();
            startServices(mongoUri);
        } catch (Startup.Failure failure) {
            report(failure.getMessage(), failure.child);
            system.stop();
            return 1;
        } catch (RunningSystem.StoppedWhileStarting stopped) {
            return 130;
        }
        out.print(ReadyBanner.text(settings, startup.seconds()));
        out.println("phoihop is ready");
        out.flush();
        return watch();
    }

    private void createDataDirs() {
        try {
            for (String dir : List.of("kafka", "mongo", "logs", "run")) {
                Files.createDirectories(settings.dataDir().resolve(dir));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private Optional<String> missingJars() {
        List<String> missing = Service.all(settings).stream()
                .map(s -> s.jar(settings.home()))
                .filter(jar -> !Files.isRegularFile(jar))
                .map(jar -> settings.home().relativize(jar).toString())
                .toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("missing " + String.join(", ", missing)
                + ". Build them with ./mvnw -B -q -DskipTests install (./phoihop up does it for you).");
    }

    private String startMongo() {
        if (settings.externalMongo().isPresent()) {
            out.println("  mongo            " + "external (MONGODB_URI), none started");
            return settings.externalMongo().get();
        }
        Path file = settings.dataDir().resolve("mongo").resolve("phoihop.mv");
        EmbeddedMongo mongo = EmbeddedMongo.onFile(file, "127.0.0.1", settings.mongoPort());
        system.mongo(mongo);
        startup.healthy("mongo");
        return mongo.connectionString();
    }

    private void startKafka() throws InterruptedException {
        String bootstrap = settings.kafkaBootstrapServers();
        Child child = null;
        if (settings.externalKafka().isEmpty()) {
            var broker = new KafkaBroker(settings.dataDir().resolve("kafka"), settings.kafkaPort(), settings.kafkaControllerPort());
            broker.prepare();
            child = broker.start(KafkaBroker.classPathOfThisJvm(), settings.dataDir(), log(KafkaBroker.NAME), settings.run());
            system.kafka(child);
        }
        startup.await(List.of(new Part(KafkaBroker.NAME, child, timeout -> KafkaBroker.isHealthy(bootstrap, timeout))),
                settings.startTimeout());
    }

    private void startServices(String mongoUri) throws InterruptedException {
        var parts = new ArrayList<Part>();
        String webClientSecret = WebClientSecret.resolve(settings);
        for (Service service : Service.all(settings)) {
            Child child = Child.start(service.name(), service.command(settings), service.env(settings, mongoUri, webClientSecret),
                    log(service.name()), settings.run());
            system.service(child);
            parts.add(new Part(service.name(), child, timeout -> answers200(service.healthUrl(), timeout)));
        }
        startup.await(parts, settings.startTimeout());
    }

    private boolean answers200(String url, Duration timeout) {
        try {
            var request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs until Ctrl-C; a part that dies meanwhile takes the whole system down with a report. */
    private int watch() throws InterruptedException {
        List<Child> children = system.children();
        CompletableFuture.anyOf(children.stream().map(c -> c.process().onExit()).toArray(CompletableFuture[]::new)).join();
        if (system.isStopping()) {
            Thread.currentThread().join(); // the shutdown hook is stopping everything and ends the JVM
        }
        Child dead = children.stream().filter(c -> !c.isAlive()).findFirst().orElseThrow();
        report(dead.name() + " exited unexpectedly with code " + dead.process().exitValue() + ".", dead);
        system.stop();
        return 1;
    }

    private void report(String problem, Child child) {
        err.println("phoihop: " + problem);
        if (child != null) {
            err.println("---- last 30 lines of " + child.log() + " ----");
            child.tail(30).forEach(err::println);
            err.println("----");
        }
        err.flush();
    }

    private Path log(String name) {
        return settings.logs().resolve(name + ".log");
    }
}
