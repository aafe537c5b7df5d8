package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.data.Column;
import dev.modelport.data.Frame;
import dev.modelport.python.PythonRepr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * pandas' split orient, {@code {"columns": [...], "data": [[...], ...], "index": [...]}}: the value
 * of {@code dataframe_split} (MLflow 2.x) or a whole MLflow 1.x body. Rows stream into one
 * builder per column position; the frame is typed as pandas would, then cast to the signature.
 */
final class DataframeSplitCodec {
    private DataframeSplitCodec() {
    }

    static Frame decode(JsonParser p, DecodeContext ctx) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_OBJECT) {
            throw ctx.invalid("Dataframe split format must be a dictionary. Got "
                    + (t == JsonToken.START_ARRAY ? "list" : "type " + DecodeContext.pythonClass(PythonRepr.typeName(Json.readValue(p)))) + ".");
        }
        List<String> columns = null;
        List<ColumnBuilder> builders = new ArrayList<>();
        int rows = -1;
        int width = 0;
        int indexLength = -1;
        Set<String> keys = new LinkedHashSet<>();
        boolean extra = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            keys.add(key);
            JsonToken v = p.nextToken();
            switch (key) {
                case "columns" -> {
                    Object value = Json.readValue(p);
                    columns = new ArrayList<>();
                    if (value instanceof List<?> list) {
                        for (Object name : list) {
                            columns.add(PythonRepr.str(name));
                        }
                    } else {
                        throw ctx.invalid(notValid("columns must be a list, got " + PythonRepr.typeName(value)));
                    }
                }
                case "index" -> {
                    Object value = Json.readValue(p);
                    indexLength = value instanceof List<?> list ? list.size() : -1;
                }
                case "data" -> {
                    if (v != JsonToken.START_ARRAY) {
                        Json.readValue(p);
                        throw ctx.invalid(notValid("DataFrame constructor not properly called!"));
                    }
                    rows = 0;
                    builders.clear();
                    width = 0;
                    JsonToken row;
                    while ((row = p.nextToken()) != JsonToken.END_ARRAY) {
                        int j = 0;
                        if (row == JsonToken.START_ARRAY) {
                            JsonToken cell;
                            while ((cell = p.nextToken()) != JsonToken.END_ARRAY) {
                                builder(builders, j).put(rows, p);
                                j++;
                                assert cell != null;
                            }
                        } else {
                            builder(builders, 0).put(rows, p);
                            j = 1;
                        }
                        width = Math.max(width, j);
                        rows++;
                    }
                }
                default -> {
                    extra = true;
                    p.skipChildren();
                }
            }
        }
        if (rows < 0 || extra) {
            throw ctx.invalid("Dataframe split format must have 'data' field and optionally 'columns' and 'index' fields. Got "
                    + PythonRepr.set(keys) + ".'");
        }
        return frame(columns, builders, rows, width, indexLength, ctx);
    }

    /**
     * The frame pandas builds from the split fields: {@code rows} rows streamed into one builder per
     * column position, {@code width} the longest row, {@code indexLength} -1 without an index.
     */
    static Frame frame(List<String> columns, List<ColumnBuilder> builders, int rows, int width, int indexLength, DecodeContext ctx) {
        if (columns != null && rows > 0 && columns.size() != width) {
            throw ctx.invalid(notValid(columns.size() + " columns passed, passed data had " + width + " columns"));
        }
        if (indexLength >= 0 && indexLength != rows && (rows > 0 || indexLength > 0)) {
            throw ctx.invalid(notValid("Shape of passed values is (" + rows + ", " + (columns != null ? columns.size() : width)
                    + "), indices imply (" + indexLength + ", " + (columns != null ? columns.size() : width) + ")"));
        }
        int n = columns != null ? columns.size() : width;
        List<String> names = new ArrayList<>(n);
        List<Column> built = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            names.add(columns != null ? columns.get(j) : Integer.toString(j));
            ColumnBuilder b = j < builders.size() ? builders.get(j) : new ColumnBuilder(0);
            b.absentAsNull(rows); // a short row is padded with None, as pandas pads lists
            built.add(b.buildPandas(rows));
            b.release();
        }
        return FrameCaster.cast(new Frame(names, built, rows), ctx);
    }

    static ColumnBuilder builder(List<ColumnBuilder> builders, int j) {
        while (builders.size() <= j) {
            builders.add(new ColumnBuilder(8));
        }
        return builders.get(j);
    }

    private static String notValid(String error) {
        return "Provided dataframe_split field is not a valid dataframe representation in 'split' format. Error: '" + error + "'";
    }
}
