package vn.phoihop.logguard;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Which test classes this JVM runs, and which have finished: what a reader of the captured log can rely on. */
public final class TestRun {

    private static final Set<String> PLANNED = ConcurrentHashMap.newKeySet();
    private static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();

    private TestRun() {
    }

    static void planned(Class<?> testClass) {
        PLANNED.add(testClass.getName());
    }

    static void finished(Class<?> testClass) {
        FINISHED.add(testClass.getName());
    }

    /**
     * Whether {@code testClass} is among the classes this JVM runs; known when {@link CapturedLogReadersLast} orders
     * them, as the build has it do.
     */
    public static boolean includes(Class<?> testClass) {
        return PLANNED.contains(testClass.getName());
    }

    /** Whether every test of {@code testClass} has run in this JVM. */
    public static boolean hasFinished(Class<?> testClass) {
        return FINISHED.contains(testClass.getName());
    }
}
