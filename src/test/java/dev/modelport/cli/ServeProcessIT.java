package dev.modelport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelport.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve commands as containers run them: the packaged app, environment variables, SIGTERM. */
class ServeProcessIT {
    private static final Path BEHAVIOUR_MODEL = Path.of("src/test/resources/pyfunc/behaviour_model").toAbsolutePath();
    private static final String HEADER = "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n";

    @Test
    void sageMakerServeTakesItsModelAndPortFromTheEnvironment() throws Exception {
        int port = freePort();
        Process server = start(Map.of("MODELPORT_MODEL_DIR", Fixtures.modelDir("sklearn_logreg_iris").toString(),
                "SAGEMAKER_BIND_TO_PORT", Integer.toString(port)), "serve");
        try {
            awaitPing(port);
            HttpResponse<String> answer = post(port, "/invocations", "text/csv", HEADER + "5.1,3.5,1.4,0.2\n");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"predictions\": [0]}");
        } finally {
            stop(server);
        }
        // the JVM ends a SIGTERM'd process with 128 + 15 once its shutdown hooks (Quarkus' graceful stop) are done
        assertThat(server.exitValue()).isEqualTo(143);
    }

    @Test
    void azureMlServesTheModelMountedBelowItsModelDir(@TempDir Path mount) throws Exception {
        Path model = Files.createDirectories(mount.resolve("iris/3/model"));
        try (var files = Files.list(Fixtures.modelDir("sklearn_logreg_iris"))) {
            for (Path file : files.toList()) {
                Files.copy(file, model.resolve(file.getFileName()));
            }
        }
        int port = freePort();
        Process server = start(Map.of("AZUREML_MODEL_DIR", mount.toString()), "models", "serve", "-p", Integer.toString(port));
        try {
            awaitPing(port);
            HttpResponse<String> answer = post(port, "/score", "application/json",
                    "{\"input_data\": {\"columns\": [\"sepal length (cm)\", \"sepal width (cm)\", \"petal length (cm)\", \"petal width (cm)\"],"
                            + " \"data\": [[5.1, 3.5, 1.4, 0.2]]}}");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("[0]");
        } finally {
            stop(server);
        }
    }

    @Test
    void knativePortIsHonoured() throws Exception {
        int port = freePort();
        Process server = start(Map.of("PORT", Integer.toString(port)), "models", "serve", "-m",
                Fixtures.modelDir("sklearn_logreg_iris").toString());
        try {
            awaitPing(port);
        } finally {
            stop(server);
        }
    }

    @Test
    void aModelThatCannotLoadStopsTheServerWithAClearMessage() throws Exception {
        Process server = start(Map.of(), "models", "serve", "-m", "target/no-such-model", "-p", Integer.toString(freePort()));
        assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("no-such-model");
    }

    /**
     * The request in flight is one whose end the test controls: it sends the headers (asking for 100 Continue, so it knows
     * the server has taken the request in before SIGTERM) and half the body, sends SIGTERM, waits for new requests to get
     * 503, and only then sends the rest; the server must still answer it.
     */
    @Test
    void sigtermLetsARequestInFlightFinishAndAnswersNewOnes503() throws Exception {
        int port = freePort();
        Process server = start(Map.of(), "models", "serve", "-m", Fixtures.modelDir("sklearn_logreg_iris").toString(), "-p",
                Integer.toString(port));
        awaitPing(port);
        byte[] body = (HEADER + "5.1,3.5,1.4,0.2\n" + "7.0,3.2,4.7,1.4\n").getBytes(StandardCharsets.UTF_8);
        int half = body.length / 2;
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/csv\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] interim = new byte[25];
            assertThat(in.readNBytes(interim, 0, interim.length)).isEqualTo(interim.length);
            assertThat(new String(interim, StandardCharsets.US_ASCII)).as("the server has taken the request in")
                    .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            out.write(body, 0, half);
            out.flush();
            server.toHandle().destroy(); // SIGTERM with the request's body half sent
            assertThat(statusOfNewRequestsWhileDraining(port)).isEqualTo(503);
            out.write(body, half, body.length - half);
            out.flush();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 200").endsWith("{\"predictions\": [0, 1]}");
        }
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(143);
    }

    @Test
    void aPythonFunctionModelTimesOutAndItsStuckWorkerIsReplaced() throws Exception {
        int port = freePort();
        Process server = start(Map.of(), "models", "serve", "-m", BEHAVIOUR_MODEL.toString(), "-p", Integer.toString(port), "-t", "3", "-w", "1",
                "--env-manager", "local");
        long worker;
        try {
            awaitPing(port);
            HttpResponse<String> stuck = post(port, "/invocations", "application/json", action("sleep"));
            assertThat(stuck.statusCode()).isEqualTo(504);
            assertThat(stuck.body()).contains("\"error_code\": \"DEADLINE_EXCEEDED\"");
            HttpResponse<String> next = post(port, "/invocations", "application/json", action("pid"));
            for (int attempt = 1; next.statusCode() == 504 && attempt < 10; attempt++) {
                next = post(port, "/invocations", "application/json", action("pid")); // the replacement may still be loading
            }
            assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
            worker = Long.parseLong(next.body().replaceAll("\\D", ""));
            assertThat(ProcessHandle.of(worker).map(ProcessHandle::isAlive)).contains(true);
        } finally {
            stop(server);
        }
        ProcessHandle.of(worker).ifPresent(p -> p.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        assertThat(ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false)).as("the worker stops with the server").isFalse();
    }

    @Test
    void aPythonFunctionModelThatCannotLoadStopsTheServerWithThePythonError() throws Exception {
        Process server = start(Map.of("MODELPORT_PYTHONPATH", "/nonexistent"), "models", "serve", "-m", BEHAVIOUR_MODEL.toString(), "-p",
                Integer.toString(freePort()));
        assertThat(server.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isEqualTo(1);
        assertThat(new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Cannot serve the model: MODEL_LOAD_FAILED: MLflow could not load the model in Python").contains("No module named 'mlflow'");
    }

    private static String action(String action) {
        return "{\"dataframe_split\": {\"columns\": [\"action\"], \"data\": [[\"" + action + "\"]]}}";
    }

    private static Process start(Map<String, String> env, String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "bin/modelport";
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return builder.start();
    }

    private static void awaitPing(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                try {
                    HttpResponse<String> ping = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (ping.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // the server is still starting (refused, or on a busy machine accepted but not answered yet)
                }
                Thread.sleep(50);
            }
        }
        throw new AssertionError("/ping did not answer 200 on port " + port);
    }

    /**
     * The first non-200 status {@code /ping} answers after SIGTERM (0 when the server stopped listening first, 200 when it
     * still answered 200 after 20 s, well inside the 25 s {@code quarkus.shutdown.timeout} a request in flight holds it up).
     */
    private static int statusOfNewRequestsWhileDraining(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (HttpClient client = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                try {
                    int status = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status != 200) {
                        return status;
                    }
                } catch (ConnectException stopped) {
                    return 0;
                }
                Thread.sleep(10);
            }
        }
        return 200;
    }

    private static HttpResponse<String> post(int port, String path, String contentType, String body) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", contentType)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void stop(Process server) throws InterruptedException {
        server.toHandle().destroy();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroyForcibly();
            throw new AssertionError("the server did not stop within 30 s of SIGTERM");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
