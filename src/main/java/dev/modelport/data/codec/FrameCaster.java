package dev.modelport.data.codec;

import dev.modelport.data.Column;
import dev.modelport.data.Frame;
import dev.modelport.data.ObjectColumn;
import dev.modelport.python.CastFailure;
import dev.modelport.python.NumpyCast;
import java.util.ArrayList;
import java.util.List;

/**
 * MLflow's {@code cast_df_types_according_to_schema}: right after a JSON DataFrame is built, its
 * columns are cast to the signature's types with pandas' {@code astype} (so {@code "1.5"} into a
 * double column is parsed, {@code 2.5} into a long column truncated, a null in a long column
 * refused).
 */
final class FrameCaster {
    private FrameCaster() {
    }

    static Frame cast(Frame frame, DecodeContext ctx) {
        if (ctx.hint().isEmpty()) {
            return frame;
        }
        SchemaHint hint = ctx.hint().get();
        List<Column> columns = new ArrayList<>(frame.columns());
        List<String> names = frame.names();
        if (hint.named()) {
            for (TypeHint h : hint.inputs()) {
                int i = names.indexOf(h.name().orElseThrow());
                if (i >= 0) {
                    columns.set(i, castColumn(names.get(i), columns.get(i), h, ctx, hint.tensor()));
                }
            }
        } else if (hint.tensor() && hint.inputs().size() == 1) {
            TypeHint h = hint.inputs().get(0);
            for (int i = 0; i < columns.size(); i++) {
                columns.set(i, castColumn(names.get(i), columns.get(i), h, ctx, hint.tensor()));
            }
        } else {
            int n = Math.min(hint.inputs().size(), columns.size());
            for (int i = 0; i < n; i++) {
                columns.set(i, castColumn(names.get(i), columns.get(i), hint.inputs().get(i), ctx, hint.tensor()));
            }
        }
        return new Frame(names, columns, frame.rows());
    }

    private static Column castColumn(String name, Column column, TypeHint h, DecodeContext ctx, boolean tensor) {
        if (!h.convert() || tensor && column instanceof ObjectColumn o && o.size() > 0 && o.values()[0] instanceof List) {
            return column; // a tensor's list cells are shaped later, by the schema enforcer
        }
        try {
            return NumpyCast.astype(column, h.frameDtype(), h.base64());
        } catch (CastFailure e) {
            throw ctx.invalid("Data is not compatible with model signature. Failed to convert column " + name + " to type '"
                    + h.frameDtype().numpyName() + "'. Error: '" + e.pythonRepr() + "'");
        }
    }
}
