package dev.modelport.serving;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Gathers a request's body into one array, as its chunks arrive on the event loop: sized from the
 * Content-Length when there is one (up to 1 MiB at first, then four times larger as the bytes
 * arrive, so a client that declares 100 MB and sends nothing holds 1 MiB, not 100), else grown the
 * same way as a chunked body arrives, up to the limit. A 1 MB body costs one copy of its bytes here,
 * where Vert.x's body handler grows a buffer from 64 KB (2 MB more) and hands it out as a copy.
 */
final class BodyReader {
    private static final int CHUNKED_START = 16 * 1024;
    private static final int DECLARED_START = 1024 * 1024;

    private byte[] bytes;
    private int size;
    private boolean refused;

    private BodyReader(int capacity) {
        bytes = new byte[capacity];
    }

    /**
     * Reads the body of {@code request}, declared {@code declared} bytes long (-1 when chunked), and hands it to
     * {@code done}; {@code overLimit} runs instead once a chunked body passes {@code maxBytes}.
     */
    static void read(HttpServerRequest request, long declared, long maxBytes, Consumer<byte[]> done, Runnable overLimit) {
        int max = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        int most = declared >= 0 ? (int) Math.min(declared, max) : max;
        BodyReader reader = new BodyReader(Math.min(most, declared >= 0 ? DECLARED_START : CHUNKED_START));
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT)) && request.version() != HttpVersion.HTTP_1_0) {
            request.response().writeContinue();
        }
        request.handler(chunk -> {
            if (reader.refused) {
                return;
            }
            int n = chunk.length();
            if (n > reader.bytes.length - reader.size) {
                if (n > max - reader.size) {
                    reader.refused = true;
                    overLimit.run();
                    return;
                }
                reader.bytes = Arrays.copyOf(reader.bytes, (int) Math.min(most, Math.max(reader.size + n, 4L * reader.bytes.length)));
            }
            chunk.getBytes(0, n, reader.bytes, reader.size);
            reader.size += n;
        });
        // the connection failed mid-body (the client went away): there is no one left to answer
        request.exceptionHandler(failure -> reader.refused = true);
        request.endHandler(ended -> {
            if (!reader.refused) {
                done.accept(reader.size == reader.bytes.length ? reader.bytes : Arrays.copyOf(reader.bytes, reader.size));
            }
        });
    }
}
