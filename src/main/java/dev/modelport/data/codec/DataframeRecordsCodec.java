package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.data.Column;
import dev.modelport.data.Frame;
import dev.modelport.python.PythonRepr;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * pandas' records orient, {@code [{"col": value, ...}, ...]}: the value of
 * {@code dataframe_records} (MLflow 2.x) or a whole MLflow 1.x records body. Columns appear in
 * the order their keys are first seen; a key absent from a row is NaN there; a repeated key
 * keeps its last value, as Python's json does.
 */
final class DataframeRecordsCodec {
    private DataframeRecordsCodec() {
    }

    static Frame decode(JsonParser p, DecodeContext ctx) throws IOException {
        JsonToken t = p.currentToken();
        if (t != JsonToken.START_ARRAY) {
            throw ctx.invalid("Dataframe records format must be a list of records. Got "
                    + (t == JsonToken.START_OBJECT ? "dictionary" : "type " + DecodeContext.pythonClass(PythonRepr.typeName(Json.readValue(p)))) + ".");
        }
        return FrameCaster.cast(readRows(p, p.nextToken()), ctx);
    }

    /** Reads rows from the first row's token (its START_ARRAY already consumed) up to the closing END_ARRAY. */
    static Frame readRows(JsonParser p, JsonToken first) throws IOException {
        Map<String, Integer> index = new HashMap<>();
        List<String> names = new ArrayList<>();
        List<ColumnBuilder> builders = new ArrayList<>();
        int rows = 0;
        JsonToken row = first;
        while (row != JsonToken.END_ARRAY) {
            if (row == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    column(name, index, names, builders).put(rows, p);
                }
            } else if (row == JsonToken.START_ARRAY) {
                int j = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    column(Integer.toString(j++), index, names, builders).put(rows, p);
                }
            } else {
                column("0", index, names, builders).put(rows, p);
            }
            rows++;
            row = p.nextToken();
        }
        List<Column> columns = new ArrayList<>(builders.size());
        for (ColumnBuilder b : builders) {
            columns.add(b.buildPandas(rows));
            b.release();
        }
        return new Frame(names, columns, rows);
    }

    private static ColumnBuilder column(String name, Map<String, Integer> index, List<String> names, List<ColumnBuilder> builders) {
        Integer i = index.get(name);
        if (i == null) {
            i = builders.size();
            index.put(name, i);
            names.add(name);
            builders.add(new ColumnBuilder(8));
        }
        return builders.get(i);
    }
}
