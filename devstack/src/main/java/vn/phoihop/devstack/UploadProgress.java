package vn.phoihop.devstack;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What an import shows while it runs: how much of the file has been sent (a redrawn bar on a terminal, a line
 * every tenth otherwise), then, once unit-service has the whole file and is checking and storing it, how long
 * that has taken so far (every second on a terminal, every {@value #WAITING_LINE_EVERY} seconds otherwise).
 */
final class UploadProgress {

    static final int WAITING_LINE_EVERY = 10;
    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean tty;
    private final long size;
    private long sent;
    private int lastTenth = -1;
    private long lastDraw;
    private boolean sentAll;
    private boolean finished;
    private long waitingSince;
    private ScheduledExecutorService ticker;

    UploadProgress(PrintStream out, boolean tty, long size) {
        this.out = out;
        this.tty = tty;
        this.size = size;
    }

    /** {@code in}, telling this progress about every byte read from it for sending. */
    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    sent(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    sent(n);
                }
                return n;
            }
        };
    }

    synchronized void sent(long bytes) {
        sent += bytes;
        if (tty) {
            long now = System.nanoTime();
            if (sent >= size || now - lastDraw > 100_000_000L) {
                lastDraw = now;
                draw();
            }
        } else {
            int tenth = size == 0 ? 10 : (int) Math.min(10, sent * 10 / size);
            if (tenth > lastTenth) {
                lastTenth = tenth;
                out.println("sent " + tenth * 10 + "% (" + kb(sent) + " of " + kb(size) + ")");
            }
        }
        if (sent >= size && !sentAll) {
            sentAll = true;
            if (tty) {
                out.println();
            }
            out.println("file sent; unit-service checks it whole, then stores it (its log shows each step)…");
            startWaiting();
        }
    }

    private void startWaiting() {
        waitingSince = System.nanoTime();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        int every = tty ? 1 : WAITING_LINE_EVERY;
        ticker.scheduleAtFixedRate(this::waiting, every, every, TimeUnit.SECONDS);
    }

    private synchronized void waiting() {
        if (finished) {
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitingSince);
        if (tty) {
            out.print("\rimporting… " + seconds + " s");
            out.flush();
        } else {
            out.println("still importing after " + seconds + " s");
        }
    }

    private void draw() {
        int percent = size == 0 ? 100 : (int) Math.min(100, sent * 100 / size);
        int filled = percent * WIDTH / 100;
        out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + String.format("%3d%%", percent)
                + "  " + kb(sent) + " / " + kb(size));
        out.flush();
    }

    /** The response came (or the call failed): stop the ticker and end any line being redrawn. */
    synchronized void done() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        if (tty && !finished && (waitingSince != 0 || lastDraw != 0 && !sentAll)) {
            out.println();
        }
        if (waitingSince != 0 && !finished) {
            out.println("unit-service answered after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitingSince) + " s");
        }
        finished = true;
    }

    synchronized void abandon() {
        done();
    }

    private static String kb(long bytes) {
        return bytes < 1024 ? bytes + " B" : String.format("%,d KB", (bytes + 512) / 1024);
    }
}
