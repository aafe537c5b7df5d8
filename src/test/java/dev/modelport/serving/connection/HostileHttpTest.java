package dev.modelport.serving.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.serving.IrisModelProfile;
import dev.modelport.serving.ServedModel;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests that are not HTTP/1.1 get a status line and MLflow's error JSON, and slow clients are cut off,
 * on a real connection: {@link GuardedRequestDecoder} under the server {@link IrisModelProfile} starts (2 s header deadline).
 */
@QuarkusTest
@TestProfile(IrisModelProfile.class)
class HostileHttpTest {
    private static final String PING = "GET /ping HTTP/1.1\r\nHost: localhost\r\n\r\n";

    @Inject
    ServedModel served;

    @TestHTTPResource("/")
    URI root;

    private final List<LogRecord> errors = new CopyOnWriteArrayList<>();
    private final Handler errorLog = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                errors.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void modelIsLoadedAndErrorsWatched() throws Exception {
        served.loaded().get(60, TimeUnit.SECONDS);
        Logger.getLogger("").addHandler(errorLog);
    }

    @AfterEach
    void stopWatching() {
        Logger.getLogger("").removeHandler(errorLog);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no Host                | GET /ping HTTP/1.1\\r\\n\\r\\n                                                       | 400 Bad Request | an HTTP/1.1 request needs a Host header",
        "no Host, scoring       | POST /invocations HTTP/1.1\\r\\nContent-Length: 2\\r\\n\\r\\n{}                     | 400 Bad Request | an HTTP/1.1 request needs a Host header",
        "bad Host               | GET /ping HTTP/1.1\\r\\nHost: a b\\r\\n\\r\\n                                        | 400 Bad Request | the Host header is not a host[:port]",
        "HTTP/9.9               | GET /ping HTTP/9.9\\r\\nHost: x\\r\\n\\r\\n                                          | 505 HTTP Version Not Supported | HTTP version HTTP/9.9 is not supported",
        "bad chunk size         | POST /invocations HTTP/1.1\\r\\nHost: x\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nZZ\\r\\n | 400 Bad Request | Invalid character in chunk size",
        "header without a colon | GET /ping HTTP/1.1\\r\\nHost: x\\r\\nno colon\\r\\n\\r\\n                          | 400 Bad Request | No colon found",
        "two Content-Lengths    | POST /invocations HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 3\\r\\nContent-Length: 5\\r\\n\\r\\nabc | 400 Bad Request | Multiple Content-Length values",
        "no path                | GET ?x HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n                                             | 400 Bad Request | the request target is not a path",
    })
    void aRequestThatIsNotHttpIsAnsweredInMlflowsShapeAndTheConnectionClosed(String name, String request, String status, String reason)
            throws IOException {
        String answer = exchange(request.replace("\\r\\n", "\r\n"));
        assertThat(answer).startsWith("HTTP/1.1 " + status + "\r\n").contains("\r\ncontent-type: application/json\r\n", "\r\nconnection: close\r\n");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).startsWith("{\"error_code\": \"BAD_REQUEST\", \"message\": \"").contains(reason);
        assertThat(errors).as("ERROR lines").isEmpty();
    }

    @Test
    void aRequestLineOrHeaderTooLongIsAnswered414Or431() throws IOException {
        assertThat(exchange("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414 ");
        assertThat(exchange("GET /ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(30_000) + "\r\n\r\n")).startsWith("HTTP/1.1 431 ");
    }

    @Test
    void aBadRequestPipelinedAfterAGoodOneIsAnsweredAfterIt() throws IOException {
        String answers = exchange(PING + "GET /ping HTTP/9.9\r\nHost: x\r\n\r\n");
        assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n");
        assertThat(answers.indexOf("HTTP/1.1 505 ")).isGreaterThan(0);
    }

    @Test
    void aHeadThatTricklesIsAnswered408AndClosedWhileAnIdleKeepAliveConnectionStaysOpen() throws Exception {
        try (Socket idle = connect(); Socket slow = connect()) {
            idle.getOutputStream().write(PING.getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(idle.getInputStream())).startsWith("HTTP/1.1 200 OK");

            OutputStream out = slow.getOutputStream();
            out.write("GET /ping HTTP/1.1\r\nHost: localhost\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            String answer = tricklingUntilClosed(slow, out);
            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("did not arrive within 2 s of their first byte");

            // the idle connection waited longer than the slow one's deadline, and still serves
            idle.getOutputStream().write(PING.getBytes(StandardCharsets.US_ASCII));
            assertThat(readHead(idle.getInputStream())).startsWith("HTTP/1.1 200 OK");
        }
    }

    @Test
    void aBodyThatTricklesIsAnswered408AndClosed() throws Exception {
        try (Socket slow = connect()) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = tricklingUntilClosed(slow, out);
            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("The request body arrived slower than 1024 bytes a second");
        }
    }

    @Test
    void aBodyThatStallsIsAnswered408AndClosedThoughWhatCameBeforeEarnedItTime() throws Exception {
        try (Socket stalled = connect()) {
            // 30 KB at once earn 30 s at 1 KB/s; the stall of 2 s ends it first
            stalled.getOutputStream().write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 60000\r\n\r\n" + " ".repeat(30_000)).getBytes(StandardCharsets.US_ASCII));
            String answer = new String(stalled.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408 Request Timeout\r\n").contains("or stalled for 2 s");
        }
    }

    /** Sends a byte every 100 ms until the server answers and closes; what it answered. */
    private static String tricklingUntilClosed(Socket socket, OutputStream out) throws IOException, InterruptedException {
        socket.setSoTimeout(100);
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int i = 0; i < 600; i++) {
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return answer.toString();
                }
                answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            } catch (java.net.SocketTimeoutException stillOpen) {
                try {
                    out.write('a');
                } catch (IOException closed) {
                    return answer.toString();
                }
            }
        }
        throw new AssertionError("still open after a minute of trickling; answered so far: " + answer);
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(root.getHost(), root.getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Writes {@code request} and reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads one response of a kept-alive connection, up to its (short) body. */
    private static String readHead(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        int n = in.read(buffer);
        return n < 0 ? "" : new String(buffer, 0, n, StandardCharsets.US_ASCII);
    }
}
