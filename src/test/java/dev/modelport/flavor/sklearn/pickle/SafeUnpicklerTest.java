package dev.modelport.flavor.sklearn.pickle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelport.ModelportException;
import dev.modelport.testing.Fixtures;
import dev.modelport.testing.TestResources;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pickles that must never run code or exhaust the loader: the hostile corpus written by
 * {@code src/test/python/generate_sklearn_models.py} ({@code hostile()}), every truncation of real model
 * files, and hand-written byte sequences for each opcode family. Each is refused with a
 * {@link ModelportException} whose message names what was refused.
 */
class SafeUnpicklerTest {
    private static final String LOGREG = "sklearn.linear_model._logistic.LogisticRegression";
    private static final SafeUnpickler UNPICKLER = new SafeUnpickler(Set.of(LOGREG), Set.of());

    /** What each file of the hostile corpus must be refused for. */
    private static final Map<String, String> HOSTILE = Map.ofEntries(
            Map.entry("builtins_eval.pkl", "refused global 'builtins.eval'"),
            Map.entry("builtins_exec.pkl", "refused global 'builtins.exec'"),
            Map.entry("builtins_import.pkl", "refused global 'builtins.__import__'"),
            Map.entry("getattr_chain.pkl", "refused global 'builtins.getattr'"),
            Map.entry("numpy_gadget.pkl", "refused global 'numpy.testing._private.utils.runstring'"),
            Map.entry("os_system_reduce.pkl", "refused global 'posix.system'"),
            Map.entry("posix_system_proto2.pkl", "refused global 'posix.system'"),
            Map.entry("payload_inside_estimator.pkl", "refused global 'posix.system'"),
            Map.entry("subprocess_popen.pkl", "refused global 'subprocess.Popen'"),
            Map.entry("reconstructor_unknown_class.pkl", "refused global 'os._wrap_close'"),
            Map.entry("unknown_estimator_svc.pkl", "refused global 'sklearn.svm._classes.SVC'"),
            Map.entry("object_array_of_globals.pkl", "refused global 'posix.system'"),
            Map.entry("object_array_of_payloads.pkl", "refused global 'posix.system'"),
            Map.entry("truncated_estimator.pkl", "truncated"));



    static List<String> hostileFiles() {
        try (Stream<Path> files = Files.list(TestResources.path("sklearn/hostile"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(byte[] pickle) {
        return assertThatThrownBy(() -> UNPICKLER.load(pickle, "test.pkl")).isInstanceOf(ModelportException.class)
                .hasMessageStartingWith("Refused to load test.pkl: ");
    }

    @Test
    void everyFileOfTheHostileCorpusHasAnExpectedRefusal() {
        assertThat(hostileFiles()).containsExactlyInAnyOrderElementsOf(HOSTILE.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileFiles")
    void refusesHostilePickleNamingTheGlobal(String file) {
        assertRefused(TestResources.bytes("sklearn/hostile/" + file)).hasMessageContaining(HOSTILE.get(file));
    }

    @Test
    void loadsTheEstimatorTheHostileOnesImitate() {
        Object loaded = UNPICKLER.load(TestResources.bytes("sklearn/protocols/logreg_protocol4.pkl"), "logreg.pkl");
        assertThat(loaded).isInstanceOf(PyObject.class).extracting(o -> ((PyObject) o).className()).isEqualTo(LOGREG);
    }

    static Stream<Path> realModelFiles() {
        return Stream.of(Fixtures.modelDir("sklearn_logreg_iris").resolve("model.pkl"),
                TestResources.path("sklearn/models/logreg_binary_int/model.pkl"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realModelFiles")
    void refusesEveryTruncationOfARealModelAsTruncated(Path file) throws IOException {
        byte[] whole = Files.readAllBytes(file);
        assertThat(UNPICKLER.load(whole, "whole.pkl")).isInstanceOf(PyObject.class);
        List<String> notTruncated = new ArrayList<>();
        for (int length = 0; length < whole.length; length++) {
            try {
                UNPICKLER.load(java.util.Arrays.copyOf(whole, length), "test.pkl");
                notTruncated.add(length + ": loaded");
            } catch (ModelportException e) {
                if (!e.getMessage().contains("truncated")) {
                    notTruncated.add(length + ": " + e.getMessage());
                }
            }
        }
        assertThat(notTruncated).as("prefixes of %s not reported as truncated", file).isEmpty();
    }

    // --- deep nesting: the reader is iterative, and what it returns is bounded for whoever walks it

    @Test
    void refusesHundredThousandNestedListsWithABoundedDepth() {
        Pickle p = Pickle.proto(4);
        p.repeat(']', 100_000).repeat('a', 99_999);
        assertRefused(p.stop()).hasMessageContaining("nested deeper than " + SafeUnpickler.MAX_NESTING);
    }

    @Test
    void refusesHundredThousandNestedTuples() {
        Pickle p = Pickle.proto(4).op(')');
        p.repeat(0x85, 100_000);
        assertRefused(p.stop()).hasMessageContaining("nested deeper than " + SafeUnpickler.MAX_NESTING);
    }

    @Test
    void refusesHundredThousandNestedDicts() {
        Pickle p = Pickle.proto(4).op('}');
        for (int i = 0; i < 100_000; i++) {
            p.op('K', 0, '}');
        }
        p.repeat('s', 100_000);
        assertRefused(p.stop()).hasMessageContaining("nested deeper than " + SafeUnpickler.MAX_NESTING);
    }

    @Test
    void refusesListsNestedThroughTheMemoAfterTheyWereAppended() {
        // Every list is appended to its parent while still empty, then filled through the memo.
        Pickle p = Pickle.proto(4);
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            p.op(']').op('r').le32(i).op('0');
        }
        for (int i = 0; i < n - 1; i++) {
            p.op('j').le32(i).op('j').le32(i + 1).op('a', '0');
        }
        p.op('j').le32(0);
        assertRefused(p.stop()).hasMessageContaining("nested deeper than " + SafeUnpickler.MAX_NESTING);
    }

    @Test
    void refusesHundredThousandNestedMarks() {
        Pickle p = Pickle.proto(4);
        p.repeat('(', 100_000);
        assertRefused(p.stop()).hasMessageContaining("marks nested deeper than " + SafeUnpickler.MAX_MARK_DEPTH);
    }

    @Test
    void refusesAListThatContainsItself() {
        assertRefused(Pickle.proto(2).op(']', 'q', 0, 'h', 0, 'a').stop()).hasMessageContaining("recursive");
    }

    @Test
    void loadsSharedSubstructuresWithoutWalkingEveryPath() {
        // Sixty levels of [x, x]: 2^60 paths, 61 distinct lists.
        Pickle p = Pickle.proto(4).op(']');
        for (int i = 0; i < 60; i++) {
            p.op('r').le32(i).op('0', '(', 'j').le32(i).op('j').le32(i).op('l');
        }
        Object loaded = UNPICKLER.load(p.stop(), "shared.pkl");
        int depth = 0;
        for (Object o = loaded; o instanceof List<?> l && !l.isEmpty(); o = l.get(1)) {
            assertThat(l).hasSize(2);
            assertThat(l.get(0)).isSameAs(l.get(1));
            depth++;
        }
        assertThat(depth).isEqualTo(60);
    }

    // --- declared lengths beyond the file: refused before anything is allocated

    static Stream<Arguments> hugeDeclaredLengths() {
        return Stream.of(
                Arguments.of("BINUNICODE 2^31-1", Pickle.proto(4).op('X').le32(0x7FFF_FFFFL)),
                Arguments.of("BINUNICODE 2^32-1", Pickle.proto(4).op('X').le32(0xFFFF_FFFFL)),
                Arguments.of("BINUNICODE8 2^32", Pickle.proto(4).op(0x8d).le64(1L << 32)),
                Arguments.of("BINUNICODE8 2^64-1", Pickle.proto(4).op(0x8d).le64(-1L)),
                Arguments.of("BINBYTES 2^31-1", Pickle.proto(3).op('B').le32(0x7FFF_FFFFL)),
                Arguments.of("BINBYTES8 2^32", Pickle.proto(4).op(0x8e).le64(1L << 32)),
                Arguments.of("BYTEARRAY8 2^32", Pickle.proto(5).op(0x96).le64(1L << 32)),
                Arguments.of("BINSTRING 2^31-1", Pickle.proto(2).op('T').le32(0x7FFF_FFFFL)),
                Arguments.of("LONG4 2^31-1", Pickle.proto(2).op(0x8b).le32(0x7FFF_FFFFL)),
                Arguments.of("LONG4 2^32-1", Pickle.proto(2).op(0x8b).le32(0xFFFF_FFFFL)),
                Arguments.of("FRAME 2^31-1", Pickle.proto(4).op(0x95).le64(0x7FFF_FFFFL)),
                Arguments.of("FRAME 2^32", Pickle.proto(4).op(0x95).le64(1L << 32)),
                Arguments.of("SHORT_BINUNICODE 255", Pickle.proto(4).op(0x8c, 255)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hugeDeclaredLengths")
    void refusesADeclaredLengthLongerThanTheFileAsTruncated(String opcode, Pickle prefix) {
        byte[] pickle = prefix.op('a', 'b', 'c').stop();
        assertRefused(pickle).hasMessageContaining("truncated").hasMessageContaining("bytes but only 4 remain");
    }

    // --- memo, opcodes from other protocols, unknown opcodes

    @Test
    void refusesGetOfAMemoIndexNeverStored() {
        assertRefused(Pickle.proto(4).op(')', 0x94, 'h', 5).stop()).hasMessageContaining("memo key 5 was never stored");
    }

    @Test
    void refusesLongGetOfAMemoIndexNeverStored() {
        assertRefused(Pickle.proto(4).op(']', 'j').le32(0xFFFF_FFFFL).stop())
                .hasMessageContaining("memo key 4294967295 was never stored");
    }

    @Test
    void refusesTextGetOfAMemoIndexNeverStored() {
        assertRefused(Pickle.proto(0).text("g99\n").stop()).hasMessageContaining("memo key 99 was never stored");
    }

    @Test
    void refusesMemoizeOnAnEmptyStack() {
        assertRefused(Pickle.proto(4).op(0x94).stop()).hasMessageContaining("stack underflow");
    }

    @Test
    void refusesProtocolZeroStringsNamingTheProtocol() {
        assertRefused(Pickle.proto(0).text("S'abc'\n").stop()).hasMessageContaining("protocol 0");
        assertRefused(Pickle.proto(0).text("Vabc\n").stop()).hasMessageContaining("protocol 0");
    }

    @Test
    void refusesInstAndObjWhichCallAClassByName() {
        assertRefused(Pickle.proto(0).text("(i" + "posix\nsystem\n").stop()).hasMessageContaining("INST");
        assertRefused(Pickle.proto(1).op('(').global("sklearn.linear_model._logistic", "LogisticRegression").op('o').stop())
                .hasMessageContaining("OBJ");
    }

    @Test
    void refusesPersistentIdsAndExtensionCodes() {
        assertRefused(Pickle.proto(0).text("Pid\n").stop()).hasMessageContaining("persistent id");
        assertRefused(Pickle.proto(2).op(')', 'Q').stop()).hasMessageContaining("persistent id");
        assertRefused(Pickle.proto(2).op(0x82, 1).stop()).hasMessageContaining("extension code");
        assertRefused(Pickle.proto(5).op(0x97).stop()).hasMessageContaining("out-of-band buffer");
    }

    @Test
    void readsProtocolOneValues() {
        byte[] pickle = Pickle.proto(1).op('(', 'K', 7, 'M', 0x34, 0x12, 'J').le32(-5 & 0xFFFF_FFFFL)
                .op('G', 0x3f, 0xf8, 0, 0, 0, 0, 0, 0, 'U', 2, 'h', 'i', 'N', 't').stop();
        assertThat(((PyTuple) UNPICKLER.load(pickle, "p1.pkl")).items()).containsExactly(7L, 0x1234L, -5L, 1.5, "hi", null);
    }

    @ParameterizedTest(name = "0x{0}")
    @ValueSource(ints = {0x00, 0x99, 0xa0, 0xff, 'A', 'z'})
    void refusesUnknownOpcodesByNumber(int op) {
        assertRefused(Pickle.proto(4).op(op).stop()).hasMessageContaining(String.format("unknown opcode 0x%02x", op));
    }

    @Test
    void refusesProtocolsNewerThanFive() {
        assertRefused(Pickle.proto(6).op('N').stop()).hasMessageContaining("unsupported pickle protocol 6");
    }

    @Test
    void refusesAStopWithMoreThanOneValue() {
        assertRefused(Pickle.proto(4).op('N', 'N').stop()).hasMessageContaining("2 values on the stack");
    }

    // --- globals: STACK_GLOBAL operands, copyreg, numpy

    @Test
    void refusesStackGlobalOfNonStrings() {
        assertRefused(Pickle.proto(4).op('K', 1, 'K', 2, 0x93).stop()).hasMessageContaining("STACK_GLOBAL needs two strings");
        assertRefused(Pickle.proto(4).str("posix").op(')', 0x93).stop()).hasMessageContaining("STACK_GLOBAL needs two strings");
    }

    @Test
    void refusesStackGlobalWithAnEmptyStack() {
        assertRefused(Pickle.proto(4).str("system").op(0x93).stop()).hasMessageContaining("stack underflow");
    }

    @Test
    void refusesCopyregReconstructorOfAnAllowlistedNonClass() {
        byte[] pickle = Pickle.proto(2).global("copyreg", "_reconstructor").global("builtins", "object")
                .global("builtins", "object").op('N', 0x87, 'R').stop();
        assertRefused(pickle).hasMessageContaining("refused copyreg._reconstructor of 'builtins.object': not an allowlisted class");
    }

    @Test
    void refusesCopyregReconstructorWithABaseOtherThanObject() {
        byte[] pickle = Pickle.proto(2).global("copyreg", "_reconstructor").global("sklearn.linear_model._logistic",
                "LogisticRegression").global("numpy", "dtype").op('N', 0x87, 'R').stop();
        assertRefused(pickle).hasMessageContaining("refused copyreg._reconstructor of '" + LOGREG + "'");
    }

    @Test
    void buildsAnAllowlistedClassThroughCopyregReconstructor() {
        byte[] pickle = Pickle.proto(2).global("copyreg", "_reconstructor").global("sklearn.linear_model._logistic",
                "LogisticRegression").global("builtins", "object").op('N', 0x87, 'R', '}').str("C").op('K', 3, 's', 'b').stop();
        PyObject o = (PyObject) UNPICKLER.load(pickle, "reconstructed.pkl");
        assertThat(o.className()).isEqualTo(LOGREG);
        assertThat(o.state()).containsEntry("C", 3L);
    }

    @Test
    void refusesCallingANameOnlyGlobal() {
        assertRefused(Pickle.proto(2).global("builtins", "object").op(')', 'R').stop())
                .hasMessageContaining("refused call of 'builtins.object'");
    }

    @Test
    void refusesNewobjOfANonClass() {
        assertRefused(Pickle.proto(2).global("numpy", "dtype").op(')', 0x81).stop())
                .hasMessageContaining("refused NEWOBJ of 'numpy.dtype'");
    }

    @Test
    void refusesBuildOnAPlainValue() {
        assertRefused(Pickle.proto(2).op(']', '}', 'b').stop()).hasMessageContaining("refused BUILD of a list");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"x9", "f99999999", "", "<", "Ox"})
    void refusesNumpyReconstructWithABogusDtype(String dtype) {
        assertRefused(array(dtype, new long[] {1}, new byte[8])).hasMessageContaining("unsupported numpy dtype");
    }

    @Test
    void refusesNumpyReconstructOfSomethingOtherThanAnArray() {
        byte[] pickle = Pickle.proto(2).global("numpy.core.multiarray", "_reconstruct").global("numpy", "dtype")
                .op('K', 0, 0x85).bytes("b".getBytes(StandardCharsets.US_ASCII)).op(0x87, 'R').stop();
        assertRefused(pickle).hasMessageContaining("_reconstruct of something other than numpy.ndarray");
    }

    @Test
    void refusesAnArrayStateWhoseShapeDoesNotMatchItsData() {
        assertRefused(array("<f8", new long[] {3, 4}, new byte[8]))
                .hasMessageContaining("numpy array of shape [3, 4] and dtype <f8 needs 96 bytes, got 8");
    }

    @Test
    void refusesAnArrayShapeTooLargeWithoutAllocatingIt() {
        assertRefused(array("<f8", new long[] {1L << 31, 1L << 31}, new byte[8])).hasMessageContaining("malformed numpy ndarray shape");
        assertRefused(array("<f8", new long[] {1L << 30, 1L << 30}, new byte[8])).hasMessageContaining("is too large");
    }

    @Test
    void refusesANegativeArrayDimension() {
        assertRefused(array("<f8", new long[] {-1}, new byte[8])).hasMessageContaining("malformed numpy ndarray shape");
    }

    @Test
    void readsAnArrayWhoseStateMatches() {
        byte[] data = new byte[16];
        data[6] = (byte) 0xf0;
        data[7] = 0x3f; // 1.0 little-endian
        NdArray a = (NdArray) UNPICKLER.load(array("<f8", new long[] {2}, data), "array.pkl");
        assertThat(a.doubles()).containsExactly(1.0, 0.0);
    }

    /** {@code numpy.core.multiarray._reconstruct(ndarray, (0,), b'b')} then BUILD with {@code (1, shape, dtype, False, data)}. */
    private static byte[] array(String dtype, long[] shape, byte[] data) {
        Pickle p = Pickle.proto(2).global("numpy.core.multiarray", "_reconstruct").global("numpy", "ndarray")
                .op('K', 0, 0x85).bytes("b".getBytes(StandardCharsets.US_ASCII)).op(0x87, 'R');
        p.op('(', 'K', 1, '(');
        for (long d : shape) {
            p.op(0x8a, 8).le64(d);
        }
        p.op('t').global("numpy", "dtype").str(dtype).op(0x89, 0x88, 0x87, 'R', 0x89).bytes(data).op('t', 'b');
        return p.stop();
    }

    /** A pickle written opcode by opcode. */
    static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        /** Starts with PROTO (protocols 2 and later) or nothing (0 and 1, which have no PROTO opcode). */
        static Pickle proto(int protocol) {
            Pickle p = new Pickle();
            return protocol >= 2 ? p.op(0x80, protocol) : p;
        }

        Pickle op(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Pickle repeat(int op, int times) {
            for (int i = 0; i < times; i++) {
                out.write(op);
            }
            return this;
        }

        Pickle text(String s) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Pickle le32(long v) {
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Pickle le64(long v) {
            for (int i = 0; i < 8; i++) {
                out.write((int) (v >>> (8 * i)));
            }
            return this;
        }

        Pickle global(String module, String name) {
            return text("c" + module + "\n" + name + "\n");
        }

        Pickle str(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op(0x8c, b.length).bytesRaw(b);
        }

        Pickle bytes(byte[] b) {
            return op('B').le32(b.length).bytesRaw(b);
        }

        private Pickle bytesRaw(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] stop() {
            return op('.').out.toByteArray();
        }

        @Override
        public String toString() {
            return out.size() + " bytes";
        }
    }
}
