package dev.modelport.serving.connection;

import dev.modelport.scoring.ErrorResponses;
import dev.modelport.scoring.ScoringResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.HostAndPort;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's HTTP/1 request decoder, plus what a server facing hostile clients needs before Vert.x sees a
 * request:
 * <ul>
 * <li>a request that is not HTTP/1.0 or 1.1 (bad request line, header, chunk size, version, an HTTP/1.1
 * request without a valid Host) is answered in MLflow's error shape, where Vert.x closed the connection
 * without a word, answered an empty 400, failed in the router (an ERROR line each) or echoed
 * {@code HTTP/9.9 200 OK};</li>
 * <li>a request's head must be complete {@link ConnectionLimits#headerTimeout()} after its first byte, and
 * its body keep {@link ConnectionLimits#minBodyBytesPerSecond()} and never stall that long, or it is
 * answered 408 and the connection closed: an idle timeout never fires for a client sending a byte a second (slowloris). An idle
 * keep-alive connection has no deadline, and time the server itself stopped reading does not count.</li>
 * </ul>
 * Everything runs on the connection's event loop. An answer of ours waits for the answers Vert.x still
 * owes earlier (pipelined) requests, so responses stay in order.
 */
final class GuardedRequestDecoder extends VertxHttpRequestDecoder {
    private static final String ENCODER = "httpEncoder";

    private final ConnectionLimits limits;
    private final long headerTimeoutNanos;
    private final long checkEveryNanos;
    private ChannelHandlerContext context;
    private ScheduledFuture<?> checks;

    /** Requests handed to Vert.x, Vert.x's answers begun, and finished. */
    private int forwarded;
    private int started;
    private int answered;
    private boolean inHead;
    private long headStarted;
    private boolean inBody;
    private long bodyStarted;
    private long bodyBytes;
    private long bodyLastRead;
    /** Once set, the connection reads nothing more: it is answered (now or after Vert.x's owed answers) and closed. */
    private boolean closing;
    private ScoringResponse pending;
    /** Vert.x answers to wait for before {@link #pending} is written, or (when it is null) the connection closed. */
    private int pendingAfter;

    GuardedRequestDecoder(HttpServerOptions options, ConnectionLimits limits) {
        super(options);
        this.limits = limits;
        this.headerTimeoutNanos = limits.headerTimeout().toNanos();
        this.checkEveryNanos = limits.checkEvery().toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        super.handlerAdded(ctx);
        context = ctx;
        if (ctx.pipeline().get(ENCODER) != null) {
            ctx.pipeline().addAfter(ENCODER, "modelportAnswers", new AnswerCounter());
        }
        checks = ctx.executor().scheduleAtFixedRate(this::checkDeadlines, checkEveryNanos, checkEveryNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        checks.cancel(false);
        super.handlerRemoved0(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (closing) {
            in.skipBytes(in.readableBytes());
            return;
        }
        boolean betweenRequests = !inHead && !inBody;
        int first = out.size();
        int before = in.readableBytes();
        super.decode(ctx, in, out);
        boolean headDone = false;
        for (int i = first; i < out.size(); i++) {
            Object message = out.get(i);
            boolean accepted = true;
            if (message instanceof HttpRequest request) {
                headDone = true;
                accepted = accept(request);
            }
            if (accepted && message instanceof HttpContent content) {
                accepted = accept(content);
            }
            if (!accepted) {
                while (out.size() > i) {
                    ReferenceCountUtil.release(out.remove(out.size() - 1));
                }
                return;
            }
        }
        if (betweenRequests && !headDone && (in.readableBytes() < before || in.isReadable())) {
            inHead = true;
            headStarted = System.nanoTime();
        }
    }

    /** Hands a request to Vert.x, unless it is refused. */
    private boolean accept(HttpRequest request) {
        inHead = false;
        ScoringResponse refusal = refusal(request);
        if (refusal != null) {
            refuse(refusal, forwarded);
            return false;
        }
        forwarded++;
        inBody = true;
        bodyStarted = System.nanoTime();
        bodyLastRead = bodyStarted;
        bodyBytes = 0;
        return true;
    }

    private static ScoringResponse refusal(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            return malformed(result.cause());
        }
        HttpVersion version = request.protocolVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return ErrorResponses.httpVersionNotSupported(version.text());
        }
        if (!isRequestTarget(request.uri())) {
            return ErrorResponses.malformedHttp(400, "the request target is not a path starting with /");
        }
        if (version == HttpVersion.HTTP_1_1) {
            String host = request.headers().get(HttpHeaderNames.HOST);
            if (host == null) {
                return ErrorResponses.malformedHttp(400, "an HTTP/1.1 request needs a Host header");
            }
            if (HostAndPort.parseAuthority(host, -1) == null) {
                return ErrorResponses.malformedHttp(400, "the Host header is not a host[:port]");
            }
        }
        return null;
    }

    /** Origin form ({@code /path?query}), absolute form ({@code http://host/path}) or {@code *} (RFC 9112, 3.2). */
    private static boolean isRequestTarget(String uri) {
        return uri.startsWith("/") || uri.equals("*") || uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8);
    }

    private static ScoringResponse malformed(Throwable cause) {
        int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        String reason = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return ErrorResponses.malformedHttp(status, reason);
    }

    /** Hands a piece of the current request's body to Vert.x, unless it is malformed. */
    private boolean accept(HttpContent content) {
        if (content.decoderResult().isFailure()) {
            refuseBody(malformed(content.decoderResult().cause()));
            return false;
        }
        int bytes = content.content().readableBytes();
        if (bytes > 0) {
            bodyBytes += bytes;
            bodyLastRead = System.nanoTime();
        }
        if (content instanceof LastHttpContent) {
            inBody = false;
        }
        return true;
    }

    private void checkDeadlines() {
        if (closing || !(inHead || inBody)) {
            return;
        }
        if (!context.channel().config().isAutoRead()) {
            // the server paused reading (back-pressure): the client is not the slow one
            headStarted += checkEveryNanos;
            bodyStarted += checkEveryNanos;
            bodyLastRead += checkEveryNanos;
            return;
        }
        long now = System.nanoTime();
        if (inHead && now - headStarted > headerTimeoutNanos) {
            refuse(ErrorResponses.headersTooSlow(limits.headerTimeout()), forwarded);
        } else if (inBody && (now - bodyStarted > headerTimeoutNanos + bodyBytes * 1_000_000_000L / limits.minBodyBytesPerSecond()
                || now - bodyLastRead > headerTimeoutNanos)) {
            refuseBody(ErrorResponses.bodyTooSlow(limits.minBodyBytesPerSecond(), limits.headerTimeout()));
        }
    }

    /**
     * Refuses the request whose body is arriving: Vert.x has it, so ours answers it only if Vert.x has not
     * begun to; else the connection closes once Vert.x's answer is out.
     */
    private void refuseBody(ScoringResponse refusal) {
        if (started == forwarded) {
            refuse(null, forwarded);
        } else {
            refuse(refusal, forwarded - 1);
        }
    }

    /** Answers {@code refusal} (none: only closes) once Vert.x gave its first {@code after} answers, then closes. */
    private void refuse(ScoringResponse refusal, int after) {
        closing = true;
        inHead = false;
        inBody = false;
        pending = refusal;
        pendingAfter = after;
        closeIfDue();
    }

    private void closeIfDue() {
        if (answered < pendingAfter) {
            return;
        }
        if (pending == null) {
            context.flush();
            context.close();
            return;
        }
        ScoringResponse answer = pending;
        pending = null;
        HttpResponseStatus status = HttpResponseStatus.valueOf(answer.status());
        byte[] head = ("HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\ncontent-type: " + answer.contentType()
                + "\r\ncontent-length: " + answer.body().length + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        context.writeAndFlush(Unpooled.wrappedBuffer(head, answer.body())).addListener(ChannelFutureListener.CLOSE);
    }

    /** Counts Vert.x's answers as they are written (interim 1xx ones aside), so ours keep their place. */
    private final class AnswerCounter extends ChannelOutboundHandlerAdapter {
        @Override
        public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
            boolean interim = message instanceof HttpResponse response && response.status().code() < 200;
            if (!interim && message instanceof HttpResponse) {
                started++;
                if (pending != null && started > pendingAfter) {
                    pending = null; // Vert.x answers the request ours was for: its answer stands, then the connection closes
                    pendingAfter = started;
                }
            }
            boolean last = !interim && message instanceof LastHttpContent;
            ctx.write(message, promise);
            if (last) {
                answered++;
                if (closing) {
                    closeIfDue();
                }
            }
        }
    }
}
