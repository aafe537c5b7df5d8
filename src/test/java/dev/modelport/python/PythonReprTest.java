package dev.modelport.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link PythonRepr#floatRepr} against Python's own {@code repr(float)} (Debian's python3). */
class PythonReprTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    /** Reads one Java hex float a line, prints its repr a line. */
    private static final String REPR = """
            import sys
            sys.stdout.write("".join(repr(float.fromhex(line)) + "\\n" for line in sys.stdin.read().split()))
            """;

    @Test
    void floatsAreWrittenAsPythonsReprWritesThem() throws Exception {
        List<Double> values = values();
        List<String> python = pythonRepr(values);
        assertThat(python).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            double d = values.get(i);
            assertThat(PythonRepr.floatRepr(d)).as("repr of %s (%s)", d, Double.toHexString(d)).isEqualTo(python.get(i));
        }
    }

    @Test
    void messagesQuoteAFewHundredCharactersOfANameAndAHundredNames() {
        String name = "n".repeat(1000);
        assertThat(PythonRepr.list(List.of(name, "b"))).isEqualTo("['" + "n".repeat(PythonRepr.MESSAGE_ITEM_CHARS) + "…', 'b']");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            many.add("c" + i);
        }
        String listed = PythonRepr.list(many);
        assertThat(listed).startsWith("['c0', 'c1', ").endsWith("'c99', …]");
        assertThat(PythonRepr.set(new java.util.LinkedHashSet<>(many))).endsWith("'c99', …}");
        assertThat(PythonRepr.list(List.of("it's"))).isEqualTo("[\"it's\"]");
        assertThat(PythonRepr.cut("ab\uD83D\uDE00cd", 3)).as("a surrogate pair is not split").isEqualTo("ab…");
    }

    @Test
    void appendingKeepsWhatTheBuilderHeld() {
        StringBuilder out = new StringBuilder("[1.5, ");
        PythonRepr.appendFloatRepr(1.5e-7, out);
        out.append(", ");
        PythonRepr.appendFloatRepr(-123456789.0, out);
        assertThat(out.toString()).isEqualTo("[1.5, 1.5e-07, -123456789.0");
    }

    @Test
    void nonFiniteValuesAreJsonsBareTokens() {
        assertThat(PythonRepr.floatRepr(Double.NaN)).isEqualTo("NaN");
        assertThat(PythonRepr.floatRepr(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(PythonRepr.floatRepr(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
    }

    /** Every decade from 1e-320 to 1e308 with its neighbours, the bounds where either language changes notation, and random doubles. */
    private static List<Double> values() {
        List<Double> values = new ArrayList<>();
        for (double d : new double[] {0.0, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL, 1e-4, 9.999999999999999e-5,
                1e-3, 9.99e-4, 1e7, 9999999.999999998, 1e16, 9999999999999998.0, 1e15, 123456789012345.6, 1.0, 0.1, 5e-324}) {
            values.add(d);
            values.add(-d);
            values.add(Math.nextUp(d));
            values.add(Math.nextDown(d));
        }
        for (int exp = -320; exp <= 308; exp++) {
            double d = Double.parseDouble("1e" + exp);
            values.add(d);
            values.add(Math.nextUp(d));
            values.add(Math.nextDown(d));
            values.add(d * 1.2345678901234567);
        }
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            values.add(Double.isFinite(d) ? d : random.nextDouble());
            values.add(random.nextDouble() * Math.pow(10, random.nextInt(-8, 20)));
            values.add((double) (float) (random.nextDouble() * Math.pow(10, random.nextInt(-6, 10)))); // float32 outputs, widened
        }
        return values.stream().filter(Double::isFinite).toList();
    }

    private static List<String> pythonRepr(List<Double> values) throws IOException, InterruptedException {
        if (!Files.isExecutable(PYTHON)) {
            fail("%s is missing: this test compares against Debian's python3", PYTHON);
        }
        Process process = new ProcessBuilder(PYTHON.toString(), "-c", REPR).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        StringBuilder input = new StringBuilder();
        values.forEach(d -> input.append(Double.toHexString(d)).append('\n'));
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (OutputStream in = process.getOutputStream()) {
                in.write(input.toString().getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        String out;
        try (InputStream stdout = process.getInputStream()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.US_ASCII);
        }
        feeder.join();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        return out.lines().toList();
    }
}
