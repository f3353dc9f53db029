package vn.phoihop.devstack.process;

/** A java child process for tests: sleeps until killed. */
public final class Sleeper {

    public static void main(String[] args) throws InterruptedException {
        Thread.sleep(120_000);
    }
}
