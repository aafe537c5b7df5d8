package dev.modelport.data.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.modelport.data.Column;
import dev.modelport.data.Dtype;
import dev.modelport.data.Tensor;
import dev.modelport.python.CastFailure;
import dev.modelport.python.PythonRepr;
import java.io.IOException;
import java.util.Arrays;

/**
 * Streams a (nested) JSON array into one {@link Tensor} as {@code np.array(data[, dtype])} does:
 * the shape from the nesting, the dtype inferred or given, a ragged array refused with numpy's
 * words. Values go straight into a flat primitive builder; no per-row lists.
 */
final class NdArrayReader {
    /** How numpy's message for a ragged array begins. */
    static final String RAGGED = "setting an array element with a sequence.";

    private final ColumnBuilder values = new ColumnBuilder(16);
    private final int[] dims = new int[Json.MAX_DEPTH + 1];
    private final boolean[] known = new boolean[Json.MAX_DEPTH + 1];
    private int count;
    private int ndim = -1;
    private int deepestList = -1;
    private int raggedAt = Integer.MAX_VALUE;

    private NdArrayReader() {
    }

    /** Reads the value at the current token (an array or a scalar) into a tensor of {@code target} dtype, or an inferred one when null. */
    static Tensor read(JsonParser p, Dtype target, DecodeContext ctx) throws IOException {
        NdArrayReader reader = new NdArrayReader();
        reader.element(p, 0, p.currentToken());
        return reader.finish(target, ctx);
    }

    /** Like {@link #read}, for an outer array whose START_ARRAY was consumed and whose first element token is {@code first}. */
    static Tensor readFromFirst(JsonParser p, JsonToken first, Dtype target, DecodeContext ctx) throws IOException {
        NdArrayReader reader = new NdArrayReader();
        reader.listFrom(p, 0, first);
        return reader.finish(target, ctx);
    }

    private void element(JsonParser p, int depth, JsonToken t) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            if (ndim >= 0 && depth >= ndim) {
                raggedAt = Math.min(raggedAt, ndim == 0 ? 0 : ndim);
            }
            listFrom(p, depth, p.nextToken());
        } else {
            if (ndim < 0) {
                ndim = depth;
            } else if (ndim != depth) {
                raggedAt = Math.min(raggedAt, Math.min(ndim, depth));
            }
            values.put(count++, p);
        }
    }

    private void listFrom(JsonParser p, int depth, JsonToken first) throws IOException {
        deepestList = Math.max(deepestList, depth);
        int n = 0;
        JsonToken t = first;
        while (t != JsonToken.END_ARRAY) {
            element(p, depth + 1, t);
            n++;
            t = p.nextToken();
        }
        if (known[depth]) {
            if (dims[depth] != n) {
                raggedAt = Math.min(raggedAt, depth);
            }
        } else {
            known[depth] = true;
            dims[depth] = n;
        }
    }

    private Tensor finish(Dtype target, DecodeContext ctx) {
        if (raggedAt != Integer.MAX_VALUE) {
            throw ctx.invalid(RAGGED + " The requested array has an inhomogeneous shape after "
                    + raggedAt + " dimensions. The detected shape was " + PythonRepr.tuple(Arrays.copyOf(dims, raggedAt)) + " + inhomogeneous part.");
        }
        int rank = ndim >= 0 ? ndim : deepestList + 1;
        int[] shape = Arrays.copyOf(dims, rank);
        try {
            Column column = target == null ? values.buildNumpy(count) : values.buildAs(count, target);
            return new Tensor(column, shape);
        } catch (CastFailure e) {
            throw ctx.invalid(e.getMessage());
        }
    }
}
