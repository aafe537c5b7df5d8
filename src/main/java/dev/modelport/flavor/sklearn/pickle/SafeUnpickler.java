package dev.modelport.flavor.sklearn.pickle;

import dev.modelport.ModelportException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pickle reader (protocols 2 to 5) that never executes code: every global a pickle names must be
 * on an allowlist, where it maps to one of our own factories (numpy arrays and dtypes, a few Python
 * builtins, and the classes the caller allows, which become {@link PyObject}s holding their state),
 * or is a numpy ufunc that may only be named ({@link PyFunction}), never called.
 * Anything else (os.system, builtins.eval, an unknown class, INST/OBJ, persistent ids, extension
 * codes) is refused with an error naming it. Work and memory are bounded by the file's size: a
 * declared length can never exceed the bytes that remain, marks nest at most {@link #MAX_MARK_DEPTH}
 * deep, and every opcode consumes at least one byte. What it returns is safe to walk recursively:
 * values nest at most {@link #MAX_NESTING} deep and never contain themselves.
 *
 * <p>Reused across loads; not thread-safe per call but holds no mutable state between calls.
 */
public final class SafeUnpickler {
    static final int MAX_MARK_DEPTH = 1_000;
    static final int MAX_NESTING = 1_000;
    private static final int MAX_KEY_DEPTH = 32;

    /** What an allowlisted global does when called. */
    public enum Kind {
        CLASS, MARKER, NDARRAY_RECONSTRUCT, FROMBUFFER, DTYPE, SCALAR, SLICE, ORDERED_DICT, RECONSTRUCTOR,
        IGNORED_CTOR, NEW_OBJ, CODECS_ENCODE, SET, FROZENSET, BYTEARRAY, DICT_SUBCLASS, FUNCTION
    }

    /** A reference to an allowlisted global: a class, or a function a model may name but never call. */
    public record Global(String name, Kind kind) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Map<String, Kind> BUILTINS = Map.ofEntries(
            Map.entry("numpy.core.multiarray._reconstruct", Kind.NDARRAY_RECONSTRUCT),
            Map.entry("numpy._core.multiarray._reconstruct", Kind.NDARRAY_RECONSTRUCT),
            Map.entry("numpy.core.numeric._frombuffer", Kind.FROMBUFFER),
            Map.entry("numpy._core.numeric._frombuffer", Kind.FROMBUFFER),
            Map.entry("numpy.ndarray", Kind.MARKER),
            Map.entry("numpy.dtype", Kind.DTYPE),
            Map.entry("numpy.core.multiarray.scalar", Kind.SCALAR),
            Map.entry("numpy._core.multiarray.scalar", Kind.SCALAR),
            Map.entry("numpy.float64", Kind.MARKER),
            Map.entry("numpy.float32", Kind.MARKER),
            Map.entry("numpy.int64", Kind.MARKER),
            Map.entry("numpy.int32", Kind.MARKER),
            Map.entry("numpy.bool_", Kind.MARKER),
            Map.entry("numpy.object_", Kind.MARKER),
            Map.entry("numpy.str_", Kind.MARKER),
            Map.entry("builtins.object", Kind.MARKER),
            Map.entry("builtins.float", Kind.MARKER),
            Map.entry("builtins.int", Kind.MARKER),
            Map.entry("builtins.str", Kind.MARKER),
            Map.entry("builtins.bool", Kind.MARKER),
            Map.entry("builtins.slice", Kind.SLICE),
            Map.entry("builtins.set", Kind.SET),
            Map.entry("builtins.frozenset", Kind.FROZENSET),
            Map.entry("builtins.bytearray", Kind.BYTEARRAY),
            Map.entry("__builtin__.set", Kind.SET),
            Map.entry("__builtin__.object", Kind.MARKER),
            Map.entry("_codecs.encode", Kind.CODECS_ENCODE),
            Map.entry("collections.OrderedDict", Kind.ORDERED_DICT),
            Map.entry("copyreg._reconstructor", Kind.RECONSTRUCTOR),
            Map.entry("copy_reg._reconstructor", Kind.RECONSTRUCTOR),
            Map.entry("numpy.random._pickle.__randomstate_ctor", Kind.IGNORED_CTOR),
            Map.entry("numpy.random._pickle.__bit_generator_ctor", Kind.IGNORED_CTOR),
            Map.entry("numpy.random._pickle.__generator_ctor", Kind.IGNORED_CTOR),
            Map.entry("numpy.random.mtrand.RandomState", Kind.MARKER),
            Map.entry("numpy.random._mt19937.MT19937", Kind.MARKER),
            Map.entry("sklearn.neighbors._kd_tree.newObj", Kind.NEW_OBJ),
            Map.entry("sklearn.neighbors._ball_tree.newObj", Kind.NEW_OBJ),
            Map.entry("sklearn.metrics._dist_metrics.newObj", Kind.NEW_OBJ),
            // A dict subclass without state of its own: rebuilt as a plain dict.
            Map.entry("sklearn.utils._bunch.Bunch", Kind.DICT_SUBCLASS));

    private final Map<String, Kind> allowlist;

    /**
     * An unpickler that accepts, besides numpy and Python basics, exactly the given classes, and
     * the given functions as values (a FunctionTransformer's {@code func}): those become
     * {@link PyFunction}s that the pickle itself may not call.
     */
    public SafeUnpickler(Set<String> allowedClasses, Set<String> namedFunctions) {
        HashMap<String, Kind> all = new HashMap<>();
        namedFunctions.forEach(f -> all.put(f, Kind.FUNCTION));
        allowedClasses.forEach(c -> all.put(c, Kind.CLASS));
        all.putAll(BUILTINS);
        this.allowlist = Collections.unmodifiableMap(all);
    }

    /** The classes (besides numpy and Python basics) this unpickler accepts, sorted. */
    public Set<String> allowedClasses() {
        TreeSet<String> names = new TreeSet<>();
        allowlist.forEach((n, k) -> {
            if (k == Kind.CLASS) {
                names.add(n);
            }
        });
        return names;
    }

    /**
     * Reads one pickle.
     *
     * @param source names the file in error messages
     * @throws ModelportException when the pickle is malformed, truncated, or names anything not allowlisted
     */
    public Object load(byte[] pickle, String source) {
        try {
            return new Machine(pickle).run();
        } catch (PickleException e) {
            throw ModelportException.badModel("Refused to load %s: %s", source, e.getMessage());
        } catch (StackOverflowError | ClassCastException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw ModelportException.badModel("Refused to load %s: malformed pickle (%s)", source, e.getClass().getSimpleName());
        }
    }

    private final class Machine {
        private final byte[] in;
        private int pos;
        private int opStart;
        private final ArrayList<Object> stack = new ArrayList<>();
        private final int[] marks = new int[MAX_MARK_DEPTH];
        private int markDepth;
        private final HashMap<Long, Object> memo = new HashMap<>();

        Machine(byte[] in) {
            this.in = in;
        }

        Object run() {
            while (true) {
                opStart = pos;
                int op = u8();
                switch (op) {
                    case 0x80 -> { // PROTO
                        int proto = u8();
                        if (proto > 5) {
                            throw fail("unsupported pickle protocol " + proto);
                        }
                    }
                    case 0x95 -> length(u64()); // FRAME: framing is transparent, but no frame outlasts the file
                    case '.' -> { // STOP
                        if (stack.size() != 1 || markDepth != 0) {
                            throw fail("pickle stops with " + stack.size() + " values on the stack");
                        }
                        requireBoundedNesting(stack.get(0));
                        return stack.get(0);
                    }
                    case '(' -> { // MARK
                        if (markDepth == MAX_MARK_DEPTH) {
                            throw fail("marks nested deeper than " + MAX_MARK_DEPTH);
                        }
                        marks[markDepth++] = stack.size();
                    }
                    case '0' -> pop();
                    case '1' -> popMark();
                    case '2' -> push(peek());
                    case 'N' -> push(null);
                    case 0x88 -> push(Boolean.TRUE);
                    case 0x89 -> push(Boolean.FALSE);
                    case 'J' -> push((long) le().getInt(pos - 4));
                    case 'K' -> push((long) u8());
                    case 'M' -> {
                        int lo = u8();
                        push((long) (lo | u8() << 8));
                    }
                    case 0x8a -> push(longFrom(take(u8())));
                    case 0x8b -> push(longFrom(take(length(u32()))));
                    case 'G' -> push(ByteBuffer.wrap(take(8)).order(ByteOrder.BIG_ENDIAN).getDouble());
                    case 'I' -> push(textInt(line()));
                    case 'L' -> push(textLong(line()));
                    case 'F' -> push(textFloat(line()));
                    case 'T' -> push(new String(take(length(u32())), StandardCharsets.ISO_8859_1));
                    case 'U' -> push(new String(take(u8()), StandardCharsets.ISO_8859_1));
                    case 'B' -> push(take(length(u32())));
                    case 'C' -> push(take(u8()));
                    case 0x8e -> push(take(length(u64())));
                    case 0x96 -> push(take(length(u64()))); // BYTEARRAY8
                    case 'X' -> push(utf8(take(length(u32()))));
                    case 0x8c -> push(utf8(take(u8())));
                    case 0x8d -> push(utf8(take(length(u64()))));
                    case ')' -> push(new PyTuple(List.of()));
                    case 't' -> push(new PyTuple(popMark()));
                    case 0x85 -> push(new PyTuple(popN(1)));
                    case 0x86 -> push(new PyTuple(popN(2)));
                    case 0x87 -> push(new PyTuple(popN(3)));
                    case ']' -> push(new ArrayList<>());
                    case 'l' -> push(new ArrayList<>(popMark()));
                    case 'a' -> {
                        Object item = pop();
                        list(peek()).add(item);
                    }
                    case 'e' -> {
                        List<Object> items = popMark();
                        list(peek()).addAll(items);
                    }
                    case '}' -> push(new LinkedHashMap<>());
                    case 'd' -> {
                        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
                        putAll(map, popMark());
                        push(map);
                    }
                    case 's' -> {
                        Object value = pop();
                        Object key = pop();
                        putAll(dict(peek()), List.of(key, value == null ? NULL_VALUE : value));
                    }
                    case 'u' -> {
                        List<Object> items = popMark();
                        putAll(dict(peek()), items);
                    }
                    case 0x8f -> push(new LinkedHashSet<>());
                    case 0x90 -> {
                        List<Object> items = popMark();
                        if (!(peek() instanceof Set<?>)) {
                            throw fail("ADDITEMS to a non-set");
                        }
                        @SuppressWarnings("unchecked")
                        Set<Object> set = (Set<Object>) peek();
                        items.forEach(this::requireHashable);
                        set.addAll(items);
                    }
                    case 0x91 -> {
                        List<Object> items = popMark();
                        items.forEach(this::requireHashable);
                        push(Collections.unmodifiableSet(new LinkedHashSet<>(items)));
                    }
                    case 'c' -> push(named(global(line(), line())));
                    case 0x93 -> {
                        Object name = pop();
                        Object module = pop();
                        if (!(module instanceof String m) || !(name instanceof String n)) {
                            throw fail("STACK_GLOBAL needs two strings");
                        }
                        push(named(global(m, n)));
                    }
                    case 'R' -> {
                        Object args = pop();
                        Object callable = pop();
                        push(call(callable, tuple(args, "REDUCE")));
                    }
                    case 0x81 -> {
                        Object args = pop();
                        Object cls = pop();
                        push(newObject(cls, tuple(args, "NEWOBJ")));
                    }
                    case 0x92 -> {
                        Object kwargs = pop();
                        Object args = pop();
                        Object cls = pop();
                        if (kwargs instanceof Map<?, ?> m && !m.isEmpty()) {
                            throw fail("NEWOBJ_EX with keyword arguments for " + cls);
                        }
                        push(newObject(cls, tuple(args, "NEWOBJ_EX")));
                    }
                    case 'b' -> {
                        Object state = pop();
                        build(peek(), state);
                    }
                    case 'p' -> memo.put(textLong(line()).longValue(), peek());
                    case 'q' -> memo.put((long) u8(), peek());
                    case 'r' -> memo.put(u32(), peek());
                    case 0x94 -> memo.put((long) memo.size(), peek());
                    case 'g' -> push(memoGet(textLong(line()).longValue()));
                    case 'h' -> push(memoGet(u8()));
                    case 'j' -> push(memoGet(u32()));
                    case 0x98 -> { // READONLY_BUFFER: no-op on in-band buffers
                    }
                    case 'i', 'o' -> throw fail("refused opcode " + (op == 'i' ? "INST" : "OBJ")
                            + ": it calls a class by name outside the allowlist mechanism");
                    case 'P', 'Q' -> throw fail("refused persistent id: this loader has no persistent objects");
                    case 0x82, 0x83, 0x84 -> throw fail("refused extension code (copyreg extension registry)");
                    case 0x97 -> throw fail("refused out-of-band buffer (NEXT_BUFFER): a model file has none");
                    case 'S', 'V' -> throw fail("refused protocol 0 text string (opcode " + (char) op
                            + "): re-save the model with pickle protocol 2 or later");
                    default -> throw fail(String.format("unknown opcode 0x%02x", op));
                }
            }
        }

        private static final Object NULL_VALUE = new Object();

        /**
         * Refuses a value nested deeper than {@link #MAX_NESTING} or containing itself. Containers
         * can be filled through the memo after they were nested, so depth is measured on the
         * finished value: the longest path below each container, computed once per container.
         */
        private void requireBoundedNesting(Object root) {
            IdentityHashMap<Object, Integer> heights = new IdentityHashMap<>();
            IdentityHashMap<Object, Boolean> onPath = new IdentityHashMap<>();
            ArrayDeque<Object> path = new ArrayDeque<>();
            ArrayDeque<Iterator<?>> pending = new ArrayDeque<>();
            ArrayDeque<int[]> tallest = new ArrayDeque<>();
            if (children(root) == null) {
                return;
            }
            path.push(root);
            onPath.put(root, true);
            pending.push(children(root).iterator());
            tallest.push(new int[1]);
            while (!path.isEmpty()) {
                Iterator<?> next = pending.peek();
                if (next.hasNext()) {
                    Object child = next.next();
                    Collection<?> grandchildren = children(child);
                    if (grandchildren == null) {
                        continue;
                    }
                    Integer known = heights.get(child);
                    if (known != null) {
                        tallest.peek()[0] = Math.max(tallest.peek()[0], known);
                    } else if (onPath.containsKey(child)) {
                        throw fail("refused recursive value: a " + typeName(child) + " contains itself");
                    } else if (path.size() == MAX_NESTING) {
                        throw fail("values nested deeper than " + MAX_NESTING + " levels");
                    } else {
                        path.push(child);
                        onPath.put(child, true);
                        pending.push(grandchildren.iterator());
                        tallest.push(new int[1]);
                    }
                    continue;
                }
                Object done = path.pop();
                onPath.remove(done);
                pending.pop();
                int height = tallest.pop()[0] + 1;
                if (height + path.size() > MAX_NESTING) {
                    throw fail("values nested deeper than " + MAX_NESTING + " levels");
                }
                heights.put(done, height);
                if (!tallest.isEmpty()) {
                    tallest.peek()[0] = Math.max(tallest.peek()[0], height);
                }
            }
        }

        /** What a value read by this machine holds, or null for a leaf. */
        private static Collection<?> children(Object o) {
            return switch (o) {
                case List<?> l -> l;
                case Set<?> s -> s;
                case Map<?, ?> m -> {
                    ArrayList<Object> both = new ArrayList<>(m.keySet());
                    both.addAll(m.values());
                    yield both;
                }
                case PyTuple t -> t.items();
                case PyObject p -> {
                    ArrayList<Object> both = new ArrayList<>(p.args());
                    both.add(p.rawState());
                    yield both;
                }
                case NdArray a -> a.objectElements();
                case NpDtype d -> d.fields().values().stream().map(NpDtype.Field::dtype).toList();
                case null, default -> null;
            };
        }

        private PickleException fail(String message) {
            return new PickleException(message + " (at byte " + opStart + ")");
        }

        private int u8() {
            if (pos >= in.length) {
                throw new PickleException("truncated pickle: ends at byte " + in.length + " without STOP");
            }
            return in[pos++] & 0xFF;
        }

        private ByteBuffer le() {
            take(4);
            return ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN);
        }

        private long u32() {
            return le().getInt(pos - 4) & 0xFFFFFFFFL;
        }

        private long u64() {
            take(8);
            return ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getLong(pos - 8);
        }

        /** A declared length, refused when more than what is left in the file. */
        private int length(long declared) {
            if (declared < 0 || declared > in.length - pos) {
                throw fail("truncated or hostile pickle: declares " + Long.toUnsignedString(declared) + " bytes but only "
                        + (in.length - pos) + " remain");
            }
            return (int) declared;
        }

        private byte[] take(int n) {
            length(n);
            byte[] out = Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return out;
        }

        private String line() {
            int start = pos;
            while (pos < in.length && in[pos] != '\n') {
                pos++;
            }
            if (pos >= in.length) {
                throw new PickleException("truncated pickle: unterminated text argument at byte " + start);
            }
            String s = new String(in, start, pos - start, StandardCharsets.UTF_8);
            pos++;
            return s;
        }

        private String utf8(byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        private Object longFrom(byte[] le) {
            if (le.length == 0) {
                return 0L;
            }
            byte[] be = new byte[le.length];
            for (int i = 0; i < le.length; i++) {
                be[i] = le[le.length - 1 - i];
            }
            BigInteger v = new BigInteger(be);
            return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }

        private Object textInt(String s) {
            String t = s.strip();
            if (t.equals("00")) {
                return Boolean.FALSE;
            }
            if (t.equals("01")) {
                return Boolean.TRUE;
            }
            return textLong(t);
        }

        private Long textLong(String s) {
            String t = s.strip();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1);
            }
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw fail("malformed integer '" + abbreviate(t) + "'");
            }
        }

        private Double textFloat(String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw fail("malformed float '" + abbreviate(s) + "'");
            }
        }

        private void push(Object o) {
            stack.add(o);
        }

        private Object pop() {
            if (stack.size() <= (markDepth == 0 ? 0 : marks[markDepth - 1])) {
                throw fail("stack underflow");
            }
            return stack.remove(stack.size() - 1);
        }

        private Object peek() {
            if (stack.size() <= (markDepth == 0 ? 0 : marks[markDepth - 1])) {
                throw fail("stack underflow");
            }
            return stack.get(stack.size() - 1);
        }

        private List<Object> popN(int n) {
            Object[] items = new Object[n];
            for (int i = n - 1; i >= 0; i--) {
                items[i] = pop();
            }
            return Arrays.asList(items);
        }

        private List<Object> popMark() {
            if (markDepth == 0) {
                throw fail("no MARK on the stack");
            }
            int start = marks[--markDepth];
            List<Object> view = stack.subList(start, stack.size());
            List<Object> items = new ArrayList<>(view);
            view.clear();
            return items;
        }

        private Object memoGet(long key) {
            if (!memo.containsKey(key)) {
                throw fail("memo key " + key + " was never stored");
            }
            return memo.get(key);
        }

        @SuppressWarnings("unchecked")
        private List<Object> list(Object o) {
            if (!(o instanceof ArrayList<?>)) {
                throw fail("APPEND to a " + typeName(o));
            }
            return (List<Object>) o;
        }

        @SuppressWarnings("unchecked")
        private Map<Object, Object> dict(Object o) {
            if (!(o instanceof LinkedHashMap<?, ?>)) {
                throw fail("SETITEM on a " + typeName(o));
            }
            return (Map<Object, Object>) o;
        }

        private void putAll(Map<Object, Object> map, List<Object> items) {
            if (items.size() % 2 != 0) {
                throw fail("odd number of items for a dict");
            }
            for (int i = 0; i < items.size(); i += 2) {
                Object key = items.get(i);
                requireHashable(key);
                Object value = items.get(i + 1);
                map.put(key, value == NULL_VALUE ? null : value);
            }
        }

        private void requireHashable(Object key) {
            requireHashable(key, 0);
        }

        private void requireHashable(Object key, int depth) {
            if (depth > MAX_KEY_DEPTH) {
                throw fail("dict key nested too deeply");
            }
            switch (key) {
                case null -> {
                }
                case String s -> {
                }
                case Long l -> {
                }
                case BigInteger b -> {
                }
                case Double d -> {
                }
                case Boolean b -> {
                }
                case byte[] b -> {
                }
                case Global g -> {
                }
                case PyTuple t -> t.items().forEach(i -> requireHashable(i, depth + 1));
                default -> throw fail("unhashable dict key or set item: " + typeName(key));
            }
        }

        private PyTuple tuple(Object args, String op) {
            if (!(args instanceof PyTuple t)) {
                throw fail(op + " arguments are a " + typeName(args) + ", not a tuple");
            }
            return t;
        }

        private Global global(String module, String name) {
            String full = module + "." + name;
            Kind kind = allowlist.get(full);
            if (kind == null) {
                throw fail("refused global '" + abbreviate(full) + "': not on the allowlist (a pickle may only name "
                        + "supported scikit-learn estimators, numpy arrays and basic Python types)");
            }
            return new Global(full, kind);
        }

        /** A global as the pickle holds it: a function only ever named, or a reference to call. */
        private Object named(Global g) {
            return g.kind() == Kind.FUNCTION ? new PyFunction(g.name()) : g;
        }

        private Object newObject(Object cls, PyTuple args) {
            if (cls instanceof Global g && g.kind() == Kind.DICT_SUBCLASS) {
                return new LinkedHashMap<>();
            }
            if (!(cls instanceof Global g) || g.kind() != Kind.CLASS) {
                throw fail("refused NEWOBJ of " + describe(cls) + ": not an allowlisted class");
            }
            return new PyObject(g.name(), args.items());
        }

        private Object call(Object callable, PyTuple args) {
            if (!(callable instanceof Global g)) {
                throw fail("refused REDUCE of " + describe(callable) + ": only allowlisted globals can be called");
            }
            List<Object> a = args.items();
            return switch (g.kind()) {
                case CLASS -> new PyObject(g.name(), a);
                case MARKER, FUNCTION -> throw fail("refused call of '" + g.name() + "': it may only be named, not called");
                case DICT_SUBCLASS -> new LinkedHashMap<>();
                case NDARRAY_RECONSTRUCT -> {
                    if (a.isEmpty() || !(a.get(0) instanceof Global t) || !t.name().endsWith("ndarray")) {
                        throw fail("_reconstruct of something other than numpy.ndarray");
                    }
                    yield new NdArray();
                }
                case FROMBUFFER -> {
                    if (a.size() != 4 || !(a.get(0) instanceof byte[] buf) || !(a.get(1) instanceof NpDtype dt)
                            || !(a.get(2) instanceof PyTuple shape) || !(a.get(3) instanceof String order)) {
                        throw fail("malformed numpy _frombuffer arguments");
                    }
                    int[] dims = new int[shape.size()];
                    for (int i = 0; i < dims.length; i++) {
                        if (!(shape.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                            throw fail("malformed numpy _frombuffer shape");
                        }
                        dims[i] = d.intValue();
                    }
                    yield NdArray.of(dims, dt, order.equals("F"), buf);
                }
                case DTYPE -> {
                    if (a.isEmpty() || !(a.get(0) instanceof String spec)) {
                        throw fail("numpy.dtype called without a type string");
                    }
                    yield NpDtype.parse(spec);
                }
                case SCALAR -> {
                    if (a.isEmpty() || !(a.get(0) instanceof NpDtype dt)) {
                        throw fail("numpy scalar without a dtype");
                    }
                    if (dt.kind() == 'O') {
                        yield a.size() > 1 ? a.get(1) : null;
                    }
                    if (a.size() < 2) {
                        throw fail("numpy scalar without data");
                    }
                    yield NdArray.of(new int[0], dt, false, a.get(1)).elements()[0];
                }
                case SLICE -> {
                    if (a.size() != 3) {
                        throw fail("slice needs 3 arguments");
                    }
                    yield new PySlice(bound(a.get(0)), bound(a.get(1)), bound(a.get(2)));
                }
                case ORDERED_DICT -> {
                    LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
                    if (!a.isEmpty() && a.get(0) instanceof List<?> pairs) {
                        for (Object p : pairs) {
                            if (!(p instanceof PyTuple t) && !(p instanceof List<?>)) {
                                throw fail("OrderedDict items are not pairs");
                            }
                            List<?> kv = p instanceof PyTuple t ? t.items() : (List<?>) p;
                            if (kv.size() != 2) {
                                throw fail("OrderedDict items are not pairs");
                            }
                            putAll(map, new ArrayList<>(kv));
                        }
                    }
                    yield map;
                }
                case RECONSTRUCTOR -> {
                    if (a.size() != 3 || !(a.get(0) instanceof Global cls) || cls.kind() != Kind.CLASS
                            || !(a.get(1) instanceof Global base) || !base.name().endsWith(".object") || a.get(2) != null) {
                        throw fail("refused copyreg._reconstructor of " + (a.isEmpty() ? "nothing" : describe(a.get(0)))
                                + ": not an allowlisted class");
                    }
                    yield new PyObject(cls.name(), List.of());
                }
                case IGNORED_CTOR -> new PyObject(g.name(), List.of());
                case NEW_OBJ -> {
                    if (a.size() != 1 || !(a.get(0) instanceof Global cls) || cls.kind() != Kind.CLASS) {
                        throw fail("refused newObj of " + (a.isEmpty() ? "nothing" : describe(a.get(0))) + ": not an allowlisted class");
                    }
                    yield new PyObject(cls.name(), List.of());
                }
                case CODECS_ENCODE -> {
                    if (a.size() != 2 || !(a.get(0) instanceof String s) || !(a.get(1) instanceof String enc)
                            || !(enc.equals("latin1") || enc.equals("latin-1"))) {
                        throw fail("_codecs.encode is only accepted for latin1 byte strings");
                    }
                    yield s.getBytes(StandardCharsets.ISO_8859_1);
                }
                case SET, FROZENSET -> {
                    LinkedHashSet<Object> set = new LinkedHashSet<>();
                    if (!a.isEmpty()) {
                        if (!(a.get(0) instanceof List<?> items)) {
                            throw fail("set of a non-list");
                        }
                        items.forEach(this::requireHashable);
                        set.addAll(items);
                    }
                    yield g.kind() == Kind.SET ? set : Collections.unmodifiableSet(set);
                }
                case BYTEARRAY -> a.isEmpty() ? new byte[0] : a.get(0) instanceof byte[] b ? b : failed("bytearray of a non-bytes");
            };
        }

        private Object failed(String message) {
            throw fail(message);
        }

        private Long bound(Object o) {
            if (o == null || o instanceof Long) {
                return (Long) o;
            }
            throw fail("slice bound is a " + typeName(o));
        }

        private void build(Object target, Object state) {
            switch (target) {
                case PyObject o -> o.build(state);
                case NdArray a -> a.setState(state);
                case NpDtype d -> d.setState(state);
                default -> throw fail("refused BUILD of a " + typeName(target) + ": only allowlisted objects take state");
            }
        }

        private String describe(Object o) {
            return o instanceof Global g ? "'" + g.name() + "'" : "a " + typeName(o);
        }
    }

    private static String typeName(Object o) {
        return switch (o) {
            case null -> "None";
            case String s -> "str";
            case Long l -> "int";
            case BigInteger b -> "int";
            case Double d -> "float";
            case Boolean b -> "bool";
            case byte[] b -> "bytes";
            case PyTuple t -> "tuple";
            case List<?> l -> "list";
            case Map<?, ?> m -> "dict";
            case Set<?> s -> "set";
            case NdArray a -> "numpy.ndarray";
            case NpDtype d -> "numpy.dtype";
            case PyObject p -> p.className();
            case Global g -> g.name();
            case PyFunction f -> f.name();
            default -> o.getClass().getSimpleName();
        };
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
