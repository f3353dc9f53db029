package vn.phoihop.gateway.edge;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection gracefully when the gateway answers before it has read the whole request body (a 401, 413,
 * 429 or any refusal): closing a socket with unread data makes the kernel send a reset, which destroys the answer
 * before a client that writes its whole body first (Python's {@code http.client}, the JDK {@code HttpClient}) reads
 * it. Like nginx's lingering close, it sends the answer and a FIN, then reads and discards what the client still
 * sends, up to {@code maxBytes} or {@code maxTime}, whichever comes first, and only then closes. One per
 * connection, right after the HTTP codec, so it sees each request's end.
 */
final class LingeringClose extends ChannelDuplexHandler {

    static final String NAME = "phoihop.lingeringClose";

    private final long maxBytes;
    private final Duration maxTime;

    /** A request's head has been read and its last content not yet: closing now would leave bytes unread. */
    private boolean bodyUnread;
    private boolean lingering;
    private long discarded;
    private ChannelPromise closing;
    private ScheduledFuture<?> deadline;

    LingeringClose(long maxBytes, Duration maxTime) {
        this.maxBytes = maxBytes;
        this.maxTime = maxTime;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (lingering) {
            discarded += size(msg);
            ReferenceCountUtil.release(msg);
            if (discarded > maxBytes) {
                closeNow(ctx);
            }
            return;
        }
        if (msg instanceof HttpRequest) {
            bodyUnread = true;
        }
        if (msg instanceof LastHttpContent) { // a FullHttpRequest is one too
            bodyUnread = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        if (lingering) { // the client closed its side, or the bound was reached
            cancelDeadline();
            ctx.close(promise);
            return;
        }
        if (!bodyUnread || !ctx.channel().isActive() || !(ctx.channel() instanceof DuplexChannel channel)) {
            ctx.close(promise);
            return;
        }
        lingering = true;
        closing = promise;
        deadline = ctx.executor().schedule(() -> closeNow(ctx), maxTime.toMillis(), TimeUnit.MILLISECONDS);
        channel.shutdownOutput(); // the answer is written; the FIN tells the client nothing more comes
        channel.config().setAutoRead(true);
        ctx.read();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancelDeadline();
        if (closing != null) {
            closing.trySuccess();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (lingering) {
            closeNow(ctx); // the client reset or broke off: nothing is left to save
            return;
        }
        super.exceptionCaught(ctx, cause);
    }

    /** Closes from here towards the socket; {@link #channelInactive} then completes the deferred promise. */
    private void closeNow(ChannelHandlerContext ctx) {
        cancelDeadline();
        ctx.close();
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }

    private static long size(Object msg) {
        if (msg instanceof ByteBufHolder holder) {
            return holder.content().readableBytes();
        }
        return msg instanceof ByteBuf buffer ? buffer.readableBytes() : 0;
    }
}
