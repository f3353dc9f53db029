package vn.phoihop.logguard;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * The build's default class order ({@code junit.jupiter.testclass.order.default}): the order classes were found
 * in, except that those annotated {@link ReadsCapturedLog} come last, so that the log they read holds what every
 * other class of the JVM logged. Also tells {@link TestRun} which classes run.
 */
public class CapturedLogReadersLast implements ClassOrderer {

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().forEach(c -> TestRun.planned(c.getTestClass()));
        // List.sort is stable: every other class keeps its place
        context.getClassDescriptors().sort(Comparator.comparing(c -> c.isAnnotated(ReadsCapturedLog.class)));
    }
}
