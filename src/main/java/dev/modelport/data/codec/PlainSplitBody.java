package dev.modelport.data.codec;

import dev.modelport.data.Frame;
import dev.modelport.data.parallel.SpareCores;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The common big request read straight from its bytes: {@code {"dataframe_split": {"columns":
 * [...], "data": [[...], ...], "index": [...]}}} whose cells are numbers, plain strings (ASCII, no
 * escapes), booleans or null. Jackson's tokenizer copies every number's text into a buffer before
 * it is parsed; here the digits go to {@link DecimalText} as they are read, which halves decoding.
 * Any other body (more keys, params, nested cells, escapes, {@code NaN}, malformed JSON) is not
 * read here: the general decoder reads it, and reports its errors, from the start. A plain body
 * builds the same columns either way and meets the same checks ({@link DataframeSplitCodec#frame}).
 */
final class PlainSplitBody {
    /** Longer strings are left to Jackson, which enforces its own limits on them. */
    private static final int MAX_STRING = 1000;
    /**
     * Strings read lately, by a hash of their bytes: a categorical column repeats a few values, and each
     * is then one String, built once (and its hash, which the encoders' lookups use, computed once).
     */
    private static final int RECENT_STRINGS = 64;
    /**
     * A bigger body is read in one pass: the second half's builders would hold half its columns again
     * beside the first half's (sized for the whole body), and a request's memory is bounded by its
     * body.
     */
    private static final long HALVES_UP_TO = 16L * 1024 * 1024;
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final VarHandle LITTLE_ENDIAN_LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] b;
    private int pos;
    private final String[] recent = new String[RECENT_STRINGS];
    private List<String> columns;
    private final List<ColumnBuilder> builders = new ArrayList<>();
    private int rows = -1;
    private int width;
    private int indexLength = -1;

    private final SpareCores spare;

    private PlainSplitBody(byte[] body, SpareCores spare) {
        this.b = body;
        this.spare = spare;
    }

    /** The request's frame, or null when the body is not a plain split request; a big one's second half is read on a spare core. */
    static Frame read(byte[] body, DecodeContext ctx, SpareCores spare) {
        PlainSplitBody reader = new PlainSplitBody(body, spare);
        try {
            reader.body();
        } catch (NotPlain e) {
            return null;
        }
        return DataframeSplitCodec.frame(reader.columns, reader.builders, reader.rows, reader.width, reader.indexLength, ctx);
    }

    private void body() {
        ws();
        expect('{');
        ws();
        if (!string().equals("dataframe_split")) {
            throw NotPlain.INSTANCE;
        }
        ws();
        expect(':');
        ws();
        split();
        ws();
        expect('}');
        ws();
        if (pos != b.length || rows < 0) {
            throw NotPlain.INSTANCE;
        }
    }

    private void split() {
        expect('{');
        Set<String> keys = new HashSet<>();
        do {
            ws();
            String key = string();
            ws();
            expect(':');
            ws();
            if (!keys.add(key)) {
                throw NotPlain.INSTANCE;
            }
            switch (key) {
                case "columns" -> columns = names();
                case "index" -> indexLength = count();
                case "data" -> data();
                default -> throw NotPlain.INSTANCE;
            }
            ws();
        } while (next(','));
        expect('}');
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        elements(() -> names.add(string()));
        return names;
    }

    /** The index: only its length matters, and any scalars may fill it. */
    private int count() {
        return elements(() -> cell(null, 0));
    }

    /** A JSON array whose elements {@code element} reads; its length. */
    private int elements(Runnable element) {
        expect('[');
        ws();
        if (next(']')) {
            return 0;
        }
        int n = 0;
        do {
            ws();
            element.run();
            n++;
            ws();
        } while (next(','));
        expect(']');
        return n;
    }

    /**
     * Rows stream into one builder per column position, as DataframeSplitCodec places them. A big
     * body's second half is read meanwhile on a spare core, from the first row that starts past the
     * middle, and its columns appended once this half reaches that row; when this half does not
     * reach it (the bytes there were inside a string) or the other half could not be read, this
     * half reads on to the end itself.
     */
    private void data() {
        expect('[');
        ws();
        rows = 0;
        if (next(']')) {
            return;
        }
        long length = b.length - pos;
        if (length < spare.thresholds().decodeInHalvesFromBytes() || length > HALVES_UP_TO || spare.cores() == 1) {
            rows(-1);
            return;
        }
        int others = spare.startBigWork();
        try {
            int half = others < spare.cores() - 1 ? rowStartAfter(pos + (b.length - pos) / 2) : -1;
            SpareCores.Part<PlainSplitBody> second = half < 0 ? null : spare.offer(() -> secondHalf(half));
            if (second == null) {
                rows(-1);
            } else if (!rows(half)) {
                second.takeBack(); // this half read to the end: the middle's "], [" was inside a string
            } else if (second.takeBack()) {
                rows(-1); // no helper had started on the second half
            } else {
                PlainSplitBody other = joined(second);
                if (other == null) {
                    rows(-1);
                } else {
                    append(other);
                }
            }
        } finally {
            spare.endBigWork();
        }
    }

    /**
     * Reads rows from here to the end of the data array, or until the next row starts at
     * {@code stop}; whether it stopped there.
     */
    private boolean rows(int stop) {
        int start = pos;
        do {
            ws();
            if (pos == stop) {
                return true;
            }
            expect('[');
            ws();
            int j = 0;
            if (!next(']')) {
                do {
                    ws();
                    cell(DataframeSplitCodec.builder(builders, j), rows);
                    j++;
                    ws();
                } while (next(','));
                expect(']');
            }
            width = Math.max(width, j);
            rows++;
            if (rows == 1) {
                reserveLike(pos - start, j);
            }
            ws();
        } while (next(','));
        expect(']');
        return false;
    }

    /** The rows from the one at {@code from} to the end of the data array, read by a reader of their own. */
    private PlainSplitBody secondHalf(int from) {
        PlainSplitBody reader = new PlainSplitBody(b, SpareCores.none());
        reader.pos = from;
        reader.rows = 0;
        reader.rows(-1);
        return reader;
    }

    /** The other half's reader once it has read, or null when it could not (then this reader goes on). */
    private static PlainSplitBody joined(SpareCores.Part<PlainSplitBody> second) {
        try {
            return second.join().orElse(null);
        } catch (InterruptedException e) {
            second.cancel(); // the request timed out
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The other half's rows after this one's, as if this reader had read them; and where it stopped. */
    private void append(PlainSplitBody other) {
        for (int j = 0; j < other.builders.size(); j++) {
            DataframeSplitCodec.builder(builders, j).append(other.builders.get(j), rows);
        }
        rows += other.rows;
        width = Math.max(width, other.width);
        pos = other.pos;
    }

    /** Where the first row starting at or after {@code from} starts ({@code ], [}), or -1. */
    private int rowStartAfter(int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == ']') {
                int k = skipWs(i + 1);
                if (k < b.length && b[k] == ',') {
                    k = skipWs(k + 1);
                    if (k < b.length && b[k] == '[') {
                        return k;
                    }
                }
            }
        }
        return -1;
    }

    private int skipWs(int p) {
        while (p < b.length && (b[p] == ' ' || b[p] == '\n' || b[p] == '\r' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    /**
     * Sizes the columns for as many rows as the first one's length says the rest of the body holds,
     * but never for more than four times the body's size in column memory (a short first row).
     */
    private void reserveLike(int firstRowBytes, int firstRowWidth) {
        if (firstRowWidth == 0) {
            return;
        }
        long estimate = (long) (b.length - pos) / (firstRowBytes + 1) + 1;
        long cap = 4L * b.length / (17L * firstRowWidth);
        int reserved = (int) Math.max(1, Math.min(estimate, cap));
        for (int j = 0; j < firstRowWidth; j++) {
            builders.get(j).reserve(reserved);
        }
    }

    /** Reads one scalar into {@code column} at {@code row} (or only reads it, without a column). */
    private void cell(ColumnBuilder column, int row) {
        switch (peek()) {
            case '"' -> {
                String s = string();
                if (column != null) {
                    column.putString(row, s);
                }
            }
            case 't' -> bool(TRUE, column, row);
            case 'f' -> bool(FALSE, column, row);
            case 'n' -> {
                if (!literal(NULL)) {
                    throw NotPlain.INSTANCE;
                }
                if (column != null) {
                    column.putNull(row);
                }
            }
            case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> number(column, row);
            default -> throw NotPlain.INSTANCE;
        }
    }

    private void bool(byte[] word, ColumnBuilder column, int row) {
        if (!literal(word)) {
            throw NotPlain.INSTANCE;
        }
        if (column != null) {
            column.putBool(row, word == TRUE);
        }
    }

    /**
     * A JSON number: an int token as a long, a float token as its correctly rounded double (as
     * Jackson types them). The position lives in a local while digits are read: a field would be
     * stored and reloaded every digit.
     */
    private void number(ColumnBuilder column, int row) {
        byte[] b = this.b;
        int p = pos;
        int start = p;
        boolean negative = b[p] == '-';
        if (negative) {
            p++;
        }
        long w = 0;
        int significant = 0;
        if (p < b.length && b[p] == '0') {
            p++;
            if (p < b.length && isDigit(b[p])) {
                throw NotPlain.INSTANCE; // a leading zero: Jackson's error
            }
        } else if (p < b.length && isDigit(b[p])) {
            for (; p < b.length && isDigit(b[p]); p++) {
                significant++;
                w = w * 10 + (b[p] - '0');
            }
        } else {
            throw NotPlain.INSTANCE;
        }
        boolean isFloat = false;
        int fractionDigits = 0;
        if (p < b.length && b[p] == '.') {
            isFloat = true;
            p++;
            int fractionStart = p;
            if (w == 0) {
                while (p < b.length && b[p] == '0') {
                    p++; // after "0.", zeros are not significant digits
                }
            }
            for (long eight; p + 8 <= b.length && (eight = eightDigits(b, p)) >= 0; p += 8) {
                significant += 8;
                w = w * 100_000_000 + eight;
            }
            for (; p < b.length && isDigit(b[p]); p++) {
                significant++;
                w = w * 10 + (b[p] - '0');
            }
            fractionDigits = p - fractionStart;
            if (p == fractionStart) {
                throw NotPlain.INSTANCE;
            }
        }
        int exponent = 0;
        if (p < b.length && (b[p] == 'e' || b[p] == 'E')) {
            isFloat = true;
            p++;
            boolean negativeExponent = p < b.length && b[p] == '-';
            if (negativeExponent || p < b.length && b[p] == '+') {
                p++;
            }
            if (p >= b.length || !isDigit(b[p])) {
                throw NotPlain.INSTANCE;
            }
            for (; p < b.length && isDigit(b[p]); p++) {
                exponent = Math.min(exponent * 10 + (b[p] - '0'), 100_000);
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        pos = p;
        if (!isFloat) {
            if (significant > 18) {
                throw NotPlain.INSTANCE; // may not fit a long: Jackson's BigInteger path
            }
            if (column != null) {
                column.putInt(row, negative ? -w : w);
            }
            return;
        }
        double value = significant > DecimalText.MAX_DIGITS ? DecimalText.UNDECIDED : DecimalText.of(negative, w, exponent - fractionDigits);
        if (Double.isNaN(value)) {
            value = Double.parseDouble(new String(b, start, p - start, StandardCharsets.ISO_8859_1));
        }
        if (column != null) {
            column.putFloat(row, value);
        }
    }

    private String string() {
        expect('"');
        int start = pos;
        int hash = 0;
        for (; pos < b.length && b[pos] != '"'; pos++) {
            byte c = b[pos];
            if (c == '\\' || c < 0x20 || pos - start >= MAX_STRING) { // c < 0: a byte of a non-ASCII character
                throw NotPlain.INSTANCE;
            }
            hash = 31 * hash + c;
        }
        int length = pos - start;
        expect('"');
        int slot = (hash ^ (hash >>> 16)) & (RECENT_STRINGS - 1);
        String s = recent[slot];
        if (s == null || !isAt(s, start, length)) {
            s = new String(b, start, length, StandardCharsets.ISO_8859_1);
            recent[slot] = s;
        }
        return s;
    }

    /** Whether the ASCII string {@code s} is the body's {@code length} bytes from {@code start}. */
    private boolean isAt(String s, int start, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (s.charAt(i) != b[start + i]) {
                return false;
            }
        }
        return true;
    }

    private boolean literal(byte[] word) {
        if (pos + word.length > b.length) {
            return false;
        }
        for (int i = 0; i < word.length; i++) {
            if (b[pos + i] != word[i]) {
                return false;
            }
        }
        pos += word.length;
        return true;
    }

    private void ws() {
        pos = skipWs(pos);
    }

    private byte peek() {
        if (pos >= b.length) {
            throw NotPlain.INSTANCE;
        }
        return b[pos];
    }

    private boolean next(char c) {
        if (pos < b.length && b[pos] == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw NotPlain.INSTANCE;
        }
    }

    /**
     * The value of the eight bytes at {@code p} when all are ASCII digits, else -1: fast_float's
     * SWAR steps. Digit by digit, {@code w * 10 + d} is a chain of dependent multiplications that
     * bounds a 17-digit number to ~70 cycles.
     */
    private static long eightDigits(byte[] b, int p) {
        long v = (long) LITTLE_ENDIAN_LONGS.get(b, p);
        if ((((v + 0x4646464646464646L) | (v - 0x3030303030303030L)) & 0x8080808080808080L) != 0) {
            return -1;
        }
        v -= 0x3030303030303030L;
        v = v * 10 + (v >>> 8);
        return (((v & 0x000000FF000000FFL) * 0x000F424000000064L) + (((v >>> 16) & 0x000000FF000000FFL) * 0x0000271000000001L)) >>> 32;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The body is not a plain split request; thrown without a stack trace, it costs no more than a return. */
    private static final class NotPlain extends RuntimeException {
        static final NotPlain INSTANCE = new NotPlain();

        private NotPlain() {
            super(null, null, false, false);
        }
    }
}
