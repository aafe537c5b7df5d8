package dev.modelport.data.codec;

import dev.modelport.ErrorCode;
import dev.modelport.ModelportException;
import dev.modelport.data.BooleanColumn;
import dev.modelport.data.Column;
import dev.modelport.data.DoubleColumn;
import dev.modelport.data.Dtype;
import dev.modelport.data.Frame;
import dev.modelport.data.LongColumn;
import dev.modelport.data.ObjectColumn;
import dev.modelport.python.CastFailure;
import dev.modelport.python.NumpyCast;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code text/csv} as pandas' {@code read_csv} reads it for MLflow: the first line is the header,
 * quoted fields may hold commas, quotes and newlines, blank lines are skipped, pandas' NA strings
 * (empty, {@code NA}, {@code NaN}, {@code null}, ...) are missing, and each column is typed as
 * pandas infers it (int64, float64, bool, object) or as the signature's dtype when there is one
 * ({@code read_csv(dtype=...)}).
 */
public final class CsvCodec implements RequestCodec {
    /** pandas 1.5's default {@code na_values}. */
    static final Set<String> NA_VALUES = Set.of("", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
            "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "n/a", "nan", "null");
    private static final Pattern INTEGER = Pattern.compile("[+-]?[0-9]+");
    private static final Pattern INFINITY = Pattern.compile("(?i)[+-]?inf(inity)?");
    private static final Set<String> TRUE_VALUES = Set.of("True", "TRUE", "true");
    private static final Set<String> FALSE_VALUES = Set.of("False", "FALSE", "false");

    private final Optional<SchemaHint> hint;
    private final ErrorCode errorCode;

    /** The codec of {@code text/csv} requests to a model with this input signature. */
    public CsvCodec(Optional<SchemaHint> hint, ScoringProtocol protocol) {
        this.hint = hint;
        this.errorCode = protocol.unreadableBody();
    }

    @Override
    public DecodedRequest decode(byte[] body) {
        return new DecodedRequest(readFrame(body, hint, errorCode), RequestFormat.CSV, null);
    }

    /** Reads a CSV body as pandas' {@code read_csv} does; {@code errorCode} is BAD_REQUEST (2.x) or MALFORMED_REQUEST (1.x). */
    public static Frame readFrame(byte[] body, Optional<SchemaHint> hint, ErrorCode errorCode) {
        if (hint.isPresent() && hint.get().inputs().stream().anyMatch(h -> !h.convert())) {
            throw failure(errorCode, "Failed to get pandas types as some of the inputs types are not DataType.");
        }
        String text = utf8(body, errorCode);
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // pandas skips a UTF-8 byte order mark
        }
        List<List<String>> records = tokenize(text, errorCode);
        if (records.isEmpty()) {
            throw failure(errorCode, "No columns to parse from file");
        }
        List<String> names = header(records.get(0));
        int width = names.size();
        int rows = records.size() - 1;
        String[][] cells = new String[width][rows];
        for (int r = 0; r < rows; r++) {
            List<String> record = records.get(r + 1);
            if (record.size() > width) {
                throw failure(errorCode, "Error tokenizing data. C error: Expected " + width + " fields in line " + (r + 2) + ", saw " + record.size());
            }
            for (int c = 0; c < record.size(); c++) {
                cells[c][r] = record.get(c);
            }
        }
        Map<String, TypeHint> dtypes = hint.map(SchemaHint::byName).orElse(Map.of());
        List<Column> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            TypeHint h = dtypes.get(names.get(c));
            try {
                columns.add(h != null && h.convert() ? typed(cells[c], c, h) : inferred(cells[c]));
            } catch (CastFailure e) {
                throw failure(errorCode, e.getMessage());
            }
        }
        return new Frame(names, columns, rows);
    }

    /** The body as text; bytes that are not UTF-8 are refused in Python's words, never replaced. */
    private static String utf8(byte[] body, ErrorCode errorCode) {
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(body.length);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int at = in.position();
            int lead = body[at] & 0xFF;
            String reason = lead < 0xC2 || lead > 0xF4 ? "invalid start byte"
                    : at + result.length() >= body.length ? "unexpected end of data" : "invalid continuation byte";
            throw failure(errorCode, String.format("'utf-8' codec can't decode byte 0x%02x in position %d: %s", lead, at, reason));
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static ModelportException failure(ErrorCode code, String error) {
        return new ModelportException(code, "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted"
                + " Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '" + error + "'");
    }

    private static List<String> header(List<String> fields) {
        List<String> names = new ArrayList<>(fields.size());
        Set<String> used = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).isEmpty() ? "Unnamed: " + i : fields.get(i);
            String unique = name;
            for (int k = 1; used.contains(unique); k++) {
                unique = name + "." + k; // pandas mangles duplicate names: a, a.1, a.2
            }
            used.add(unique);
            names.add(unique);
        }
        return names;
    }

    private static boolean isNa(String cell) {
        return cell == null || NA_VALUES.contains(cell);
    }

    /**
     * A column typed as pandas infers it. Like pandas' C parser, an integer beyond uint64 and a
     * float literal that overflows to infinity are text. An integer between int64 and uint64 is
     * read as a float (pandas makes a uint64 column, a dtype Modelport's evaluators do not take).
     */
    private static Column inferred(String[] cells) {
        int n = cells.length;
        if (n == 0) {
            return new ObjectColumn(new Object[0], Dtype.OBJECT);
        }
        boolean anyNa = false;
        boolean allInt = true;
        boolean allFloat = true;
        boolean allBool = true;
        long[] longs = new long[n];
        double[] doubles = new double[n];
        for (int i = 0; i < n; i++) {
            String cell = cells[i];
            if (isNa(cell)) {
                anyNa = true;
                doubles[i] = Double.NaN;
                continue;
            }
            String stripped = cell.strip();
            BigInteger big = stripped.length() > 18 && INTEGER.matcher(stripped).matches() ? new BigInteger(stripped) : null;
            if (big != null && (big.bitLength() > 64 || big.signum() < 0 && big.bitLength() > 63)) {
                allInt = false;
                allFloat = false;
                allBool = false;
                continue;
            }
            if (allInt) {
                try {
                    longs[i] = parseLong(cell);
                    doubles[i] = longs[i];
                    allBool = false;
                    continue;
                } catch (CastFailure e) {
                    allInt = false;
                }
            }
            if (allFloat) {
                try {
                    doubles[i] = NumpyCast.parseFloat(cell);
                    if (Double.isInfinite(doubles[i]) && !INFINITY.matcher(stripped).matches()) {
                        throw new CastFailure("ValueError", "overflows a float64");
                    }
                    allBool = false;
                    continue;
                } catch (CastFailure e) {
                    allFloat = false;
                }
            }
            allInt = false;
            allFloat = false;
            if (!TRUE_VALUES.contains(cell) && !FALSE_VALUES.contains(cell)) {
                allBool = false;
            }
        }
        boolean anyValue = false;
        for (String cell : cells) {
            anyValue |= !isNa(cell);
        }
        if (!anyValue || allInt && anyNa || !allInt && allFloat) {
            return new DoubleColumn(doubles, Dtype.FLOAT64); // all missing, ints with NA, or floats
        }
        if (allInt) {
            return new LongColumn(longs, Dtype.INT64);
        }
        if (allBool && !anyNa) {
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
                values[i] = TRUE_VALUES.contains(cells[i]);
            }
            return new BooleanColumn(values);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = isNa(cells[i]) ? (Object) Double.NaN
                    : allBool ? (Object) TRUE_VALUES.contains(cells[i]) : cells[i];
        }
        return new ObjectColumn(values, Dtype.OBJECT);
    }

    /** A column read with the signature's dtype, as {@code read_csv(dtype={name: type})} does. */
    private static Column typed(String[] cells, int index, TypeHint h) {
        Dtype dtype = h.frameDtype();
        int n = cells.length;
        if (dtype.isInteger()) {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                if (isNa(cells[i])) {
                    throw new CastFailure("ValueError", "Integer column has NA values in column " + index);
                }
                try {
                    values[i] = parseLong(cells[i]);
                } catch (CastFailure e) {
                    throw new CastFailure("ValueError", "cannot safely convert passed user dtype of " + dtype.numpyName()
                            + " for " + (isFloat(cells[i]) ? "float64" : "object") + " dtyped data in column " + index);
                }
            }
            return new LongColumn(values, dtype);
        }
        if (dtype.isFloating()) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = isNa(cells[i]) ? Double.NaN : NumpyCast.parseFloat(cells[i]);
                if (dtype == Dtype.FLOAT32) {
                    values[i] = (float) values[i];
                }
            }
            return new DoubleColumn(values, dtype);
        }
        if (dtype == Dtype.BOOL) {
            boolean[] values = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (isNa(cells[i])) {
                    throw new CastFailure("ValueError", "Bool column has NA values in column " + index);
                }
                if (TRUE_VALUES.contains(cells[i])) {
                    values[i] = true;
                } else if (!FALSE_VALUES.contains(cells[i])) {
                    throw new CastFailure("ValueError", "cannot safely convert passed user dtype of bool for object dtyped data in column " + index);
                }
            }
            return new BooleanColumn(values);
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            values[i] = isNa(cells[i]) ? Double.NaN : cells[i];
        }
        Column column = new ObjectColumn(values, Dtype.OBJECT);
        return dtype == Dtype.OBJECT ? column : NumpyCast.astype(column, dtype, h.base64());
    }

    private static boolean isFloat(String cell) {
        try {
            NumpyCast.parseFloat(cell);
            return true;
        } catch (CastFailure e) {
            return false;
        }
    }

    private static long parseLong(String cell) {
        String s = cell.strip();
        if (s.indexOf('_') >= 0) {
            throw new CastFailure("ValueError", "not an integer");
        }
        return NumpyCast.parseInt(s);
    }

    /** Splits CSV text into records of fields (RFC 4180 quoting; \n, \r\n or \r line ends; blank lines skipped). */
    static List<List<String>> tokenize(String text, ErrorCode errorCode) {
        List<List<String>> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
                fieldStarted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStarted = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                endRecord(records, fields, field, fieldStarted);
                fields = new ArrayList<>();
                fieldStarted = false;
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw failure(errorCode, "Error tokenizing data. C error: EOF inside string starting at row " + records.size());
        }
        endRecord(records, fields, field, fieldStarted);
        return records;
    }

    private static void endRecord(List<List<String>> records, List<String> fields, StringBuilder field, boolean started) {
        if (!started && fields.isEmpty()) {
            field.setLength(0);
            return; // a blank line
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
    }
}
