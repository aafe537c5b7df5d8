import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * The JDK AOT cache's training run, on the serve path (run by the build after packaging, as a
 * single-file program: {@code java src/build/AotTraining.java APP_DIR JVM_OPTION...}).
 *
 * <p>It serves the bundled example model with {@code -XX:AOTCacheOutput=APP_DIR/app.aot}, sends
 * the requests a server answers (every MLflow input format, CSV, a batch, errors, the probes),
 * and stops it with SIGTERM, at which the JVM writes the cache. {@code bin/modelport} then starts
 * with {@code -XX:AOTCache}: classes come linked from the cache and the methods' profiles with
 * them. The cache is only valid for the same JDK build, JVM options and absolute jar path, so the
 * server runs here exactly as {@code bin/modelport} runs it. JDKs before 25 have no AOT cache:
 * nothing is trained and the build goes on.
 */
public final class AotTraining {
    private static final String COLUMNS = "[\"sepal length (cm)\",\"sepal width (cm)\",\"petal length (cm)\",\"petal width (cm)\"]";
    private static final String ROW = "[5.1,3.5,1.4,0.2]";
    private static final int ROUNDS = 100;

    public static void main(String[] args) throws Exception {
        if (Runtime.version().feature() < 25) {
            System.out.println("[aot-training] JDK " + Runtime.version() + " has no AOT cache (JDK 25+): skipped");
            return;
        }
        Path appDir = Path.of(args[0]).toAbsolutePath().normalize();
        Path cache = appDir.resolve("app.aot");
        Files.deleteIfExists(cache);
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args).subList(1, args.length));
        command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-jar", appDir.resolve("quarkus-run.jar").toString(),
                "models", "serve", "-p", Integer.toString(port)));
        Path log = appDir.resolveSibling("aot-training.log");
        long start = System.nanoTime();
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int requests = train(server, port);
            server.destroy();                               // SIGTERM: the JVM writes the cache as it exits
            if (!server.waitFor(180, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the training server did not exit after SIGTERM");
            }
            if (!Files.exists(cache)) {
                throw new IllegalStateException("no AOT cache was written (exit " + server.exitValue() + ")");
            }
            System.out.printf("[aot-training] %s: %d MB, trained on %d requests in %.1f s (log: %s)%n", cache,
                    Files.size(cache) >> 20, requests, (System.nanoTime() - start) / 1e9, log);
        } catch (RuntimeException | IOException e) {
            server.destroyForcibly();
            System.err.println("[aot-training] failed: " + e.getMessage() + "; server log: " + log);
            System.exit(1);
        }
    }

    private static int train(Process server, int port) throws IOException, InterruptedException {
        // HTTP/1.1 as MLflow's clients, SageMaker and Azure speak it: the JDK client's default, HTTP/2, upgrades
        // each connection (h2c), and the cache would then hold neither the HTTP/1.1 connection's classes nor its profiles
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI base = URI.create("http://127.0.0.1:" + port);
        awaitReady(server, http, base);
        List<HttpRequest> requests = requests(base);
        for (int round = 0; round < ROUNDS; round++) {
            for (HttpRequest request : requests) {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            }
        }
        return ROUNDS * requests.size();
    }

    private static void awaitReady(Process server, HttpClient http, URI base) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("the training server exited with " + server.exitValue());
            }
            try {
                if (http.send(HttpRequest.newBuilder(base.resolve("/ping")).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the port opens a moment after the JVM starts
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the training server was not ready within 120 s");
    }

    private static List<HttpRequest> requests(URI base) {
        StringJoiner batch = new StringJoiner(",", "[", "]");
        StringJoiner csv = new StringJoiner("\n", "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n", "\n");
        for (int i = 0; i < 1000; i++) {
            batch.add(ROW);
            csv.add("5.1,3.5,1.4,0.2");
        }
        return List.of(
                get(base, "/ping"), get(base, "/health"), get(base, "/version"),
                json(base, "{\"dataframe_split\":{\"columns\":" + COLUMNS + ",\"data\":[" + ROW + "]}}"),
                json(base, "{\"dataframe_split\":{\"columns\":" + COLUMNS + ",\"data\":" + batch + "}}"),
                json(base, "{\"dataframe_records\":[{\"sepal length (cm)\":5.1,\"sepal width (cm)\":3.5,\"petal length (cm)\":1.4,\"petal width (cm)\":0.2}]}"),
                json(base, "{\"instances\":[" + ROW + "]}"),
                json(base, "{\"inputs\":[" + ROW + "]}"),
                post(base, "text/csv", csv.toString()),
                json(base, "{\"dataframe_split\":"),
                json(base, "{\"dataframe_split\":{\"columns\":[\"x\"],\"data\":[[\"a\"]]}}"),
                post(base, "text/plain", "5.1"));
    }

    private static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build();
    }

    private static HttpRequest json(URI base, String body) {
        return post(base, "application/json", body);
    }

    private static HttpRequest post(URI base, String contentType, String body) {
        return HttpRequest.newBuilder(base.resolve("/invocations")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
