"""Modelport's Python worker: loads one MLflow model with MLflow's own loader and predicts.

Started by the JVM (flavor.pyfunc) as ``python modelport_worker.py MODEL_DIR``. Schema and params
enforcement, request decoding and response encoding happen in Java; this process only calls the
model implementation on already-enforced input, as ``PyFuncModel.predict`` does after
``_validate_prediction_input``.

Messages on stdin/stdout are frames: a big-endian uint32 part count, then per part a big-endian
uint32 length and its bytes. Part 0 is a JSON header; the other parts are column or tensor values,
as ``.npy`` bytes (numeric and boolean) or JSON lists (strings and other Python objects).
Replies: ``{"ok": true, ...}`` or ``{"ok": false, "error": {type, message, traceback, error_code}}``.
The first reply says whether the model loaded. End of stdin ends the worker.
"""
import base64
import inspect
import io
import json
import logging
import os
import struct
import sys
import traceback

_BYTES_KEY = "__modelport_bytes__"
_logger = logging.getLogger("modelport_worker")


def _read_exactly(stream, n):
    chunks = []
    while n > 0:
        chunk = stream.read(n)
        if not chunk:
            return None
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def read_message(stream):
    head = _read_exactly(stream, 4)
    if head is None:
        return None
    (count,) = struct.unpack(">I", head)
    parts = []
    for _ in range(count):
        (length,) = struct.unpack(">I", _read_exactly(stream, 4))
        parts.append(_read_exactly(stream, length) if length else b"")
    return parts


def write_message(stream, header, blobs=()):
    parts = [json.dumps(header, allow_nan=True).encode("utf-8"), *blobs]
    out = [struct.pack(">I", len(parts))]
    for part in parts:
        out.append(struct.pack(">I", len(part)))
        out.append(part)
    stream.write(b"".join(out))
    stream.flush()


def _error(e):
    error_code = getattr(e, "error_code", None)
    return {
        "ok": False,
        "error": {
            "type": type(e).__name__,
            "message": getattr(e, "message", None) if error_code else str(e),
            "traceback": traceback.format_exc(),
            "error_code": error_code if isinstance(error_code, str) else None,
        },
    }


def _from_json(part):
    def bytes_hook(obj):
        if len(obj) == 1 and _BYTES_KEY in obj:
            return base64.b64decode(obj[_BYTES_KEY])
        return obj

    return json.loads(part.decode("utf-8"), object_hook=bytes_hook)


class NpyReader:
    """``.npy`` bytes as arrays. numpy's own header parser tokenizes every header, which costs more
    than the rest of a single-row request; the headers the JVM writes (version 1.0, C order) repeat
    from request to request, so their dtype and shape are parsed once and kept."""

    _MAGIC_V1 = b"\x93NUMPY\x01\x00"
    _KEPT = 1024

    def __init__(self, np):
        self.np = np
        self.layouts = {}

    def read(self, part):
        if part[:8] != self._MAGIC_V1:
            return self.np.lib.format.read_array(io.BytesIO(part), allow_pickle=False)
        offset = 10 + struct.unpack_from("<H", part, 8)[0]
        header = part[10:offset]
        layout = self.layouts.get(header)
        if layout is None:
            array = self.np.lib.format.read_array(io.BytesIO(part), allow_pickle=False)
            if array.flags.c_contiguous and not array.dtype.hasobject:
                if len(self.layouts) >= self._KEPT:
                    self.layouts.clear()
                self.layouts[header] = (array.dtype, array.shape, array.size)
            return array
        dtype, shape, count = layout
        return self.np.frombuffer(part, dtype=dtype, count=count, offset=offset).reshape(shape)


class Decoder:
    """Input values from their descriptions (header) and parts."""

    def __init__(self, np, pd, npy, parts):
        self.np, self.pd, self.npy, self.parts = np, pd, npy, parts

    def array(self, desc):
        np = self.np
        part = self.parts[desc["part"]]
        if desc["enc"] == "npy":
            return self.npy.read(part)
        values = _from_json(part)
        dtype = desc.get("dtype", "object")
        if dtype == "str":
            flat = np.array(values, dtype=str)
        elif dtype == "bytes":
            flat = np.array(values, dtype=bytes)
        else:
            flat = np.empty(len(values), dtype=object)
            for i, v in enumerate(values):
                flat[i] = v
        return flat.reshape(desc.get("shape", [len(values)]))

    def value(self, desc):
        kind = desc["kind"]
        if kind == "frame":
            pd = self.pd
            # numeric columns as plain arrays: a Series each would cost more than the frame
            columns = [self.array(c) if c["enc"] == "npy" else pd.Series(self.array(c), dtype=object) for c in desc["columns"]]
            if not columns:
                return pd.DataFrame(index=pd.RangeIndex(desc["rows"]))
            frame = pd.DataFrame(dict(enumerate(columns)), copy=False)
            frame.columns = desc["names"]
            return frame
        if kind == "tensor":
            return self.array(desc)
        if kind == "tensors":
            return {name: self.array(t) for name, t in zip(desc["names"], desc["tensors"])}
        raise ValueError(f"unknown input kind {kind!r}")


class Encoder:
    """A prediction as a header and parts: typed columns where numpy has them, JSON otherwise."""

    def __init__(self, np, pd, numpy_encoder, jsonable):
        self.np, self.pd, self.numpy_encoder, self.jsonable = np, pd, numpy_encoder, jsonable

    def npy(self, array):
        np = self.np
        array = np.array(array, order="C", copy=False)  # ascontiguousarray would make a 0-d array 1-d
        if array.dtype.byteorder == ">":
            array = array.byteswap().view(array.dtype.newbyteorder("<"))
        # the version 1.0 header np.lib.format.write_array writes, without its per-call overhead
        header = "{'descr': %r, 'fortran_order': False, 'shape': %r, }" % (np.lib.format.dtype_to_descr(array.dtype), array.shape)
        header += " " * (-(10 + len(header) + 1) % 64) + "\n"
        return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + array.tobytes()

    def json(self, value):
        return json.dumps(value, cls=self.numpy_encoder).encode("utf-8")

    def typed(self, array):
        return isinstance(array.dtype, self.np.dtype) and array.dtype.kind in "biuf"

    @staticmethod
    def json_key(name):
        """The JSON object key Python's json module writes for a column name; None if it cannot."""
        if isinstance(name, str):
            return name
        if isinstance(name, bool):
            return "true" if name else "false"
        if name is None:
            return "null"
        if type(name) is int:
            return str(name)
        if type(name) is float:
            return json.dumps(name)
        return None

    def frame(self, df):
        names = [self.json_key(c) for c in df.columns.tolist()]
        if None in names or len(set(names)) != len(names):
            return None
        columns, blobs = [], []
        for _, series in df.items():
            if self.typed(series):
                blobs.append(self.npy(series.to_numpy()))
                columns.append({"part": len(blobs), "enc": "npy"})
            elif series.dtype == object:
                blobs.append(self.json(series.tolist()))
                columns.append({"part": len(blobs), "enc": "json"})
            else:
                return None
        return {"kind": "frame", "names": names, "rows": len(df), "columns": columns}, blobs

    def encode(self, out):
        pd, np = self.pd, self.np
        if isinstance(out, pd.Series):
            out = pd.DataFrame(out)
        if isinstance(out, pd.DataFrame):
            encoded = self.frame(out)
            if encoded is not None:
                return encoded
        elif isinstance(out, np.ndarray) and self.typed(out):
            return {"kind": "tensor", "part": 1, "enc": "npy"}, [self.npy(out)]
        # what MLflow's predictions_to_json writes, via the same functions
        return {"kind": "json", "part": 1}, [self.json(self.jsonable(out, pandas_orient="records"))]


def main():
    protocol_in = os.fdopen(os.dup(0), "rb")
    protocol_out = os.fdopen(os.dup(1), "wb")
    # whatever the model prints must not corrupt the protocol: fd 1 goes to stderr, fd 0 reads nothing
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)

    try:
        import numpy as np
        import pandas as pd

        import mlflow
        import mlflow.pyfunc
        from mlflow.types.schema import DataType
        from mlflow.utils.proto_json_utils import NumpyEncoder, _get_jsonable_obj

        model = mlflow.pyfunc.load_model(sys.argv[1])
        predict_fn = model._predict_fn
        takes_params = bool(inspect.signature(predict_fn).parameters.get("params"))
        params_schema = model.metadata.get_params_schema() if hasattr(model.metadata, "get_params_schema") else None
        datetime_params = {p.name for p in params_schema.params if p.dtype == DataType.datetime} if params_schema else set()
    except BaseException as e:  # noqa: BLE001 - every load failure is reported to the JVM
        write_message(protocol_out, _error(e))
        return 1
    import platform

    write_message(protocol_out, {"ok": True, "python": platform.python_version(), "mlflow": mlflow.__version__})
    encoder = Encoder(np, pd, NumpyEncoder, _get_jsonable_obj)
    npy = NpyReader(np)

    while True:
        parts = read_message(protocol_in)
        if parts is None:
            return 0
        try:
            header = json.loads(parts[0].decode("utf-8"))
            data = Decoder(np, pd, npy, parts).value(header["input"])
            params = header.get("params")
            for name in datetime_params.intersection(params or {}):
                if params[name] is not None:
                    params[name] = np.datetime64(params[name]).item()
            if takes_params:
                out = predict_fn(data, params=params)
            else:
                if params:
                    _logger.warning("The model's predict function does not accept params; ignoring %s", list(params))
                out = predict_fn(data)
            reply, blobs = encoder.encode(out)
            write_message(protocol_out, {"ok": True, "output": reply}, blobs)
        except Exception as e:  # noqa: BLE001 - an exception inside the model is the client's answer
            write_message(protocol_out, _error(e))


if __name__ == "__main__":
    sys.exit(main())
