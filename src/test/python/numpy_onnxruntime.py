"""A stand-in for the `onnxruntime` Python package, for generate_onnx_models.py only.

Debian ships `python3-onnx` but no onnxruntime, and MLflow's `mlflow.onnx` imports onnxruntime
twice: `save_model` to check the names in `onnx_session_options`, and `_OnnxModelWrapper` to
open an `InferenceSession`. This module gives both what they use (SessionOptions and its enums,
InferenceSession with get_inputs/get_outputs/run) so MLflow's own code runs unchanged: its
input mapping, float64 -> float32 cast, output formatting, schema enforcement and scoring
server. Only the kernels are ours: the few operators the generated graphs use, evaluated with
numpy in the graph's dtypes (float32 stays float32), after the input checks ONNX Runtime makes
(every required input fed, known names, exact element type, rank and fixed dimensions), raising
errors worded as ONNX Runtime words them.
"""
import enum

import numpy as np
import onnx
from onnx import helper, numpy_helper

__version__ = "0+numpy"

_ELEM = {
    onnx.TensorProto.FLOAT: ("float", np.float32),
    onnx.TensorProto.DOUBLE: ("double", np.float64),
    onnx.TensorProto.INT64: ("int64", np.int64),
    onnx.TensorProto.INT32: ("int32", np.int32),
    onnx.TensorProto.BOOL: ("bool", np.bool_),
    onnx.TensorProto.STRING: ("string", np.object_),
    onnx.TensorProto.FLOAT16: ("float16", np.float16),
    onnx.TensorProto.UINT8: ("uint8", np.uint8),
    onnx.TensorProto.UINT32: ("uint32", np.uint32),
    onnx.TensorProto.UINT64: ("uint64", np.uint64),
}


class InvalidArgument(Exception):
    """onnxruntime.capi.onnxruntime_pybind11_state.InvalidArgument"""


class ExecutionMode(enum.IntEnum):
    ORT_SEQUENTIAL = 0
    ORT_PARALLEL = 1


class GraphOptimizationLevel(enum.IntEnum):
    ORT_DISABLE_ALL = 0
    ORT_ENABLE_BASIC = 1
    ORT_ENABLE_EXTENDED = 2
    ORT_ENABLE_ALL = 99


class SessionOptions:
    inter_op_num_threads = 0
    intra_op_num_threads = 0
    execution_mode = ExecutionMode.ORT_SEQUENTIAL
    graph_optimization_level = GraphOptimizationLevel.ORT_ENABLE_ALL

    def __init__(self):
        self.config = {}

    def add_session_config_entry(self, key, value):
        self.config[key] = value


class NodeArg:
    def __init__(self, value_info):
        self.name = value_info.name
        self.type = _type_string(value_info.type)
        t = value_info.type
        self.shape = ([d.dim_param or d.dim_value for d in t.tensor_type.shape.dim]
                      if t.HasField("tensor_type") else [])
        self.elem_type = t.tensor_type.elem_type if t.HasField("tensor_type") else None


def _type_string(t):
    if t.HasField("tensor_type"):
        return f"tensor({_ELEM[t.tensor_type.elem_type][0]})"
    if t.HasField("sequence_type"):
        return f"seq({_type_string(t.sequence_type.elem_type)})"
    if t.HasField("map_type"):
        key = _ELEM[t.map_type.key_type][0]
        return f"map({key},{_type_string(t.map_type.value_type)})"
    raise ValueError(f"unsupported type {t}")


class InferenceSession:
    def __init__(self, path, sess_options=None, providers=None):
        self.model = onnx.load(path)
        onnx.checker.check_model(self.model)
        graph = self.model.graph
        initializers = {i.name for i in graph.initializer}
        self._inputs = [NodeArg(i) for i in graph.input if i.name not in initializers]
        self._outputs = [NodeArg(o) for o in graph.output]
        self._constants = {i.name: numpy_helper.to_array(i) for i in graph.initializer}

    def get_inputs(self):
        return self._inputs

    def get_outputs(self):
        return self._outputs

    def checked_feed(self, input_feed):
        """The feed as ONNX Runtime accepts it (or its error): every input, known names, exact types and shapes."""
        missing = [i.name for i in self._inputs if i.name not in input_feed]
        if missing:
            raise ValueError(f"Required inputs ({missing}) are missing from input feed ({list(input_feed)}).")
        known = {i.name: i for i in self._inputs}
        checked = {}
        for name, value in input_feed.items():
            if name not in known:
                raise InvalidArgument(f"[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid input name: {name}")
            checked[name] = _check_feed(known[name], np.asarray(value))
        return checked

    def run(self, output_names, input_feed):
        values = {**self._constants, **self.checked_feed(input_feed)}
        for node in self.model.graph.node:
            results = _OPS[node.op_type](node, *[values[i] for i in node.input])
            for name, result in zip(node.output, results):
                values[name] = result
        return [values[name] for name in output_names]


def _check_feed(arg, value):
    want = _ELEM[arg.elem_type]
    got = "string" if value.dtype.kind in "OU" else _numpy_elem(value.dtype)
    if got != want[0]:
        raise InvalidArgument("[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Unexpected input data type. "
                              f"Actual: (tensor({got})) , expected: (tensor({want[0]}))")
    if value.ndim != len(arg.shape):
        raise InvalidArgument(f"[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Invalid rank for input: {arg.name} "
                              f"Got: {value.ndim} Expected: {len(arg.shape)} Please fix either the inputs/outputs or the model.")
    bad = [(i, value.shape[i], d) for i, d in enumerate(arg.shape) if isinstance(d, int) and d > 0 and value.shape[i] != d]
    if bad:
        lines = "".join(f" index: {i} Got: {g} Expected: {d}\n" for i, g, d in bad)
        raise InvalidArgument(f"[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : Got invalid dimensions for input: {arg.name} "
                              f"for the following indices\n{lines} Please fix either the inputs/outputs or the model.")
    return value.astype(object) if want[0] == "string" else value


def _numpy_elem(dtype):
    for name, np_type in _ELEM.values():
        if np.dtype(np_type) == dtype:
            return name
    return str(dtype)


def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _gemm(node, a, b, c=None):
    at = _attrs(node)
    a = a.T if at.get("transA", 0) else a
    b = b.T if at.get("transB", 0) else b
    y = a.dtype.type(at.get("alpha", 1.0)) * (a @ b)
    if c is not None:
        y = y + a.dtype.type(at.get("beta", 1.0)) * c
    return [y]


def _softmax(node, x):
    axis = _attrs(node).get("axis", -1)
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    return [e / np.sum(e, axis=axis, keepdims=True)]


def _argmax(node, x):
    at = _attrs(node)
    return [np.argmax(x, axis=at.get("axis", 0), keepdims=bool(at.get("keepdims", 1))).astype(np.int64)]


def _cast(node, x):
    return [x.astype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[_attrs(node)["to"]])]


def _label_encoder(node, x):
    at = _attrs(node)
    table = dict(zip([k.decode() for k in at["keys_strings"]], at["values_int64s"]))
    default = at.get("default_int64", -1)
    return [np.array([table.get(str(v), default) for v in x.reshape(-1)], dtype=np.int64).reshape(x.shape)]


def _zipmap(node, x):
    labels = _attrs(node)["classlabels_int64s"]
    return [[{int(k): float(v) for k, v in zip(labels, row)} for row in x]]


_OPS = {
    "Gemm": _gemm,
    "MatMul": lambda node, a, b: [a @ b],
    "Add": lambda node, a, b: [a + b],
    "Mul": lambda node, a, b: [a * b],
    "Relu": lambda node, x: [np.maximum(x, x.dtype.type(0))],
    "Sigmoid": lambda node, x: [x.dtype.type(1) / (x.dtype.type(1) + np.exp(-x))],
    "Tanh": lambda node, x: [np.tanh(x)],
    "Softmax": _softmax,
    "ArgMax": _argmax,
    "Cast": _cast,
    "LabelEncoder": _label_encoder,
    "ZipMap": _zipmap,
}
