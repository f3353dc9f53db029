package vn.phoihop.unit.importing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Counts what is read and throws {@link TooLarge} past the limit, so a body without a length is bounded too. */
final class LimitedInputStream extends FilterInputStream {

    /** Thrown when the body passes the limit. */
    static final class TooLarge extends IOException {
        TooLarge() {
            super("body too large");
        }
    }

    private final long limit;
    private long count;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) throws TooLarge {
        count += n;
        if (count > limit) {
            throw new TooLarge();
        }
    }
}
