"""Generates the onnx flavor's test models and what MLflow answers for them (re-runnable, seeded).

Run from the project root with Debian's python3 (python3-onnx) and MLflow's source on the path:

    PYTHONPATH=../shared/peers/mlflow-src /usr/bin/python3 -B src/test/python/generate_onnx_models.py [NAME...]

Each model is a small graph built with onnx.helper and saved by mlflow.onnx.save_model. Debian has
no onnxruntime, so numpy_onnxruntime.py stands in for it: MLflow's own _OnnxModelWrapper, schema
enforcement and scoring server run unchanged on top of numpy kernels (float32 math for float32
graphs). Writes, under src/test/resources/onnx/<name>/:
  model/          the MLflow model directory (MLmodel, model.onnx, external data if any, ...)
  predict.json    inputs handed straight to _OnnxModelWrapper.predict (a DataFrame, an ndarray or
                  a dict of arrays, with exact dtypes) and what it returned (a DataFrame or a dict
                  of arrays, with dtypes and shapes) or the exception it raised
  cases.jsonl     requests to MLflow's scoring server (its Flask app, in-process) and its answers,
                  in the format of ../shared/fixtures (mlflow_fixtures.py builds and records them)
"""
import json
import logging
import math
import os
import shutil
import sys
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import numpy_onnxruntime  # noqa: E402

sys.modules["onnxruntime"] = numpy_onnxruntime
sys.path.insert(0, os.path.join("..", "shared", "fixtures", "generate"))
warnings.filterwarnings("ignore")
logging.getLogger("mlflow").setLevel(logging.ERROR)

import mlflow_fixtures as fx  # noqa: E402
import numpy as np  # noqa: E402
import onnx  # noqa: E402
import pandas as pd  # noqa: E402
from onnx import TensorProto, helper, numpy_helper  # noqa: E402

import mlflow.onnx  # noqa: E402
import mlflow.pyfunc  # noqa: E402
from mlflow.models import ModelSignature, infer_signature  # noqa: E402
from mlflow.pyfunc import scoring_server  # noqa: E402
from mlflow.types import Schema, TensorSpec  # noqa: E402

OUT = os.path.join("src", "test", "resources", "onnx")
#: ONNX Runtime and numpy both compute in float32 but may order sums differently.
REL_TOL = 1e-5
#: Requests the two protocol generations answer differently (../shared/fixtures/README.md).
LEGACY_CONFLICTS = {"v1_csv", "v1_format_param_rejected", "v1_bare_split_rejected", "v1_bare_records_rejected"}
PIP = ["onnx==" + onnx.__version__, "onnxruntime"]
rng = np.random.default_rng(7)


# ---------------------------------------------------------------------------- graphs


def value(name, elem, shape):
    return helper.make_tensor_value_info(name, elem, shape)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def graph_model(nodes, inputs, outputs, initializers, ml=False):
    graph = helper.make_graph(nodes, "modelport_test", inputs, outputs, initializers)
    opsets = [helper.make_opsetid("", 13)] + ([helper.make_opsetid("ai.onnx.ml", 2)] if ml else [])
    model = helper.make_model(graph, opset_imports=opsets, producer_name="modelport-tests")
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def sequence_of_maps(key, value_elem):
    t = onnx.TypeProto()
    t.sequence_type.elem_type.map_type.key_type = key
    t.sequence_type.elem_type.map_type.value_type.tensor_type.elem_type = value_elem
    return t


def weights(*shape, dtype=np.float32):
    return rng.normal(size=shape).astype(dtype)


def floats(rows, cols, names=None):
    x = np.round(rng.normal(size=(rows, cols)), 4)
    return pd.DataFrame(x, columns=names or [f"f{i}" for i in range(cols)])


# ---------------------------------------------------------------------------- encoding


def plain(v):
    if isinstance(v, np.generic):
        v = v.item()
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dict):
        return {str(k): plain(x) for k, x in v.items()}
    return v


def array_json(a):
    a = np.asarray(a)
    return {"dtype": str(a.dtype), "shape": list(a.shape), "values": [plain(v) for v in a.reshape(-1).tolist()]}


def frame_json(df):
    return {"kind": "frame", "columns": [str(c) for c in df.columns], "dtypes": [str(t) for t in df.dtypes],
            "data": [[plain(v) for v in df[c].tolist()] for c in df.columns]}


def data_json(data):
    if isinstance(data, pd.DataFrame):
        return frame_json(data)
    if isinstance(data, dict):
        return {"kind": "dict", "tensors": {k: array_json(v) for k, v in data.items()}}
    return {"kind": "tensor", **array_json(data)}


# ---------------------------------------------------------------------------- recording


def save(name, model, signature=None, input_example=None, **kwargs):
    folder = os.path.join(OUT, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    model_dir = os.path.join(folder, "model")
    mlflow.onnx.save_model(model, model_dir, signature=signature, input_example=input_example, pip_requirements=PIP, **kwargs)
    return folder, model_dir


def record_predictions(folder, model_dir, inputs):
    """What _OnnxModelWrapper.predict returns for each (name, data)."""
    wrapper = mlflow.pyfunc.load_model(model_dir)._model_impl
    cases = []
    for name, data in inputs:
        case = {"name": name, "input": data_json(data)}
        try:
            case["expect"] = data_json(wrapper.predict(data))
        except Exception as e:  # noqa: BLE001 - recorded, the Java side must fail alike
            case["error"] = {"type": type(e).__name__, "message": str(e)}
        cases.append(case)
    with open(os.path.join(folder, "predict.json"), "w") as f:
        json.dump({"rel_tolerance": REL_TOL, "cases": cases}, f, indent=1)
        f.write("\n")
    return cases


def record_scoring(folder, model_dir, cases):
    """Each request through MLflow's scoring server (its Flask app, in-process)."""
    client = scoring_server.init(mlflow.pyfunc.load_model(model_dir)).test_client()
    recorded = {}
    for c in cases:
        if c.protocol != "mlflow-2.x":
            continue
        headers = {"Content-Type": c.content_type} if c.content_type else {}
        r = client.open(c.path, method=c.method, data=(c.body or "").encode(), headers=headers)
        c.expect = fx.record_expect(r.status_code, r.content_type, r.get_data(as_text=True))
        recorded[c.name] = c.expect
    for c in cases:
        if c.derive is not None:
            c.expect = c.derive(recorded)
    with open(os.path.join(folder, "cases.jsonl"), "w") as f:
        for c in cases:
            line = c.to_json(REL_TOL)
            if c.name in LEGACY_CONFLICTS:
                line["legacy_conflict"] = True
            f.write(json.dumps(line) + "\n")
    return recorded


def column_cases(sample, model_dir):
    from mlflow.models import Model

    schema = Model.load(model_dir).signature.inputs
    cols = [(c.name, c.type.name, c.required) for c in schema.inputs]
    return fx.dataframe_cases(sample) + fx.schema_cases(sample, cols) + fx.v1_cases(sample)


def write(name, model, predict_inputs, cases, sample=None, **kwargs):
    folder, model_dir = save(name, model, **kwargs)
    if sample is not None:
        cases = column_cases(sample, model_dir) + cases
    predictions = record_predictions(folder, model_dir, predict_inputs)
    recorded = record_scoring(folder, model_dir, cases)
    ok = sum(1 for e in recorded.values() if e["status"] == 200)
    errors = sum(1 for c in predictions if "error" in c)
    print(f"{name}: {len(predictions)} predict cases ({errors} errors), {len(cases)} scoring cases ({ok} answered 200)")


def dumps(obj):
    return json.dumps(obj)


def req(name, body, content_type="application/json", **kw):
    return fx.Case(name, body if isinstance(body, str) else dumps(body), content_type=content_type, **kw)


# ---------------------------------------------------------------------------- models


def linear_regressor():
    """Gemm over one float input [N, 4]; a column signature of doubles (the frame is fed whole)."""
    model = graph_model(
        [helper.make_node("Gemm", ["x", "W", "b"], ["variable"])],
        [value("x", TensorProto.FLOAT, ["N", 4])], [value("variable", TensorProto.FLOAT, ["N", 1])],
        [const("W", weights(4, 1)), const("b", weights(1))])
    sample = floats(5, 4)
    x64 = sample.to_numpy()
    write("linear_regressor", model, [
        ("frame_float64", sample),
        ("frame_float32", sample.astype(np.float32)),
        ("frame_int64", pd.DataFrame(np.arange(8).reshape(2, 4), columns=sample.columns)),
        ("ndarray_float64", x64),
        ("ndarray_float32", x64.astype(np.float32)),
        ("dict_float64", {"x": x64}),
        ("ndarray_wrong_width", x64[:, :3]),
        ("ndarray_rank1", x64[0]),
    ], [], sample=sample, signature=infer_signature(sample), input_example=sample.head(2))


def mlp_softmax():
    """Relu MLP with two outputs (Softmax probabilities [N, 3], ArgMax label [N]); a named tensor signature."""
    model = graph_model([
        helper.make_node("MatMul", ["x", "W1"], ["h0"]), helper.make_node("Add", ["h0", "b1"], ["h1"]),
        helper.make_node("Relu", ["h1"], ["h"]),
        helper.make_node("MatMul", ["h", "W2"], ["z0"]), helper.make_node("Add", ["z0", "b2"], ["z"]),
        helper.make_node("Softmax", ["z"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["z"], ["label"], axis=1, keepdims=0),
    ], [value("x", TensorProto.FLOAT, ["batch", 4])],
        [value("probabilities", TensorProto.FLOAT, ["batch", 3]), value("label", TensorProto.INT64, ["batch"])],
        [const("W1", weights(4, 8)), const("b1", weights(8)), const("W2", weights(8, 3)), const("b2", weights(3))])
    x = np.round(rng.normal(size=(6, 4)), 4).astype(np.float32)
    signature = ModelSignature(inputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 4), "x")]),
                               outputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 3), "probabilities"),
                                               TensorSpec(np.dtype(np.int64), (-1,), "label")]))
    rows = x.tolist()
    write("mlp_softmax", model, [
        ("dict_float32", {"x": x}),
        ("dict_float64", {"x": x.astype(np.float64)}),
        ("ndarray_float32", x),
        ("frame_one_input", pd.DataFrame(x, columns=["a", "b", "c", "d"])),
        ("dict_int64", {"x": np.arange(8, dtype=np.int64).reshape(2, 4)}),
        ("dict_unknown_name", {"y": x}),
    ], [
        req("inputs_bare_rows", {"inputs": rows}),
        req("inputs_named", {"inputs": {"x": rows}}),
        req("instances_rows", {"instances": rows}),
        req("inputs_int_values", {"inputs": [[1, 2, 3, 4]]}),
        req("split_list_cells", {"dataframe_split": {"columns": ["x"], "data": [[r] for r in rows]}}),
        req("inputs_wrong_width", {"inputs": [[1.0, 2.0, 3.0]]}),
        req("inputs_rank1", {"inputs": [1.0, 2.0, 3.0, 4.0]}),
        req("inputs_wrong_name", {"inputs": {"y": rows}}),
        req("inputs_string_values", {"inputs": [["a", "b", "c", "d"]]}),
        req("split_four_columns", {"dataframe_split": {"columns": ["a", "b", "c", "d"], "data": rows}}),
    ], signature=signature, input_example={"x": x[:2]})


def mlp_sigmoid_nosig():
    """Gemm + Sigmoid over float [N, 3] without a signature: what arrives is fed as it is."""
    model = graph_model([
        helper.make_node("Gemm", ["x", "W", "b"], ["z"], transB=1),
        helper.make_node("Sigmoid", ["z"], ["probability"]),
    ], [value("x", TensorProto.FLOAT, ["N", 3])], [value("probability", TensorProto.FLOAT, ["N", 1])],
        [const("W", weights(1, 3)), const("b", weights(1))])
    sample = floats(4, 3)
    rows = sample.to_numpy().tolist()
    write("mlp_sigmoid_nosig", model, [
        ("frame_float64", sample),
        ("ndarray_float64", sample.to_numpy()),
        ("dict_float64", {"x": sample.to_numpy()}),
        ("frame_mixed_int_float", pd.DataFrame({"a": [1, 2], "b": [0.5, 1.5], "c": [3, 4]})),
        ("frame_int64", pd.DataFrame({"a": [1, 2], "b": [5, 6], "c": [3, 4]})),
        ("frame_two_columns", sample[["f0", "f1"]]),
    ], [
        req("split_rows", {"dataframe_split": fx.df_split(sample)}),
        req("records_rows", {"dataframe_records": fx.df_records(sample)}),
        req("csv_rows", fx.df_csv(sample), content_type="text/csv"),
        req("inputs_rows", {"inputs": rows}),
        req("instances_rows", {"instances": rows}),
        req("inputs_named", {"inputs": {"x": rows}}),
        req("inputs_int_values", {"inputs": [[1, 2, 3]]}),
        req("inputs_wrong_width", {"inputs": [[1.0, 2.0]]}),
        req("inputs_missing_input", {"inputs": {"z": rows}}),
        req("split_two_columns", {"dataframe_split": fx.df_split(sample[["f0", "f1"]])}),
        req("split_int_columns", {"dataframe_split": {"columns": ["a", "b", "c"], "data": [[1, 2, 3]]}}),
    ], input_example=sample.head(2))


def multi_input_columns():
    """Three 1-D inputs (float, float, int64), two outputs; each DataFrame column feeds its input."""
    model = graph_model([
        helper.make_node("Mul", ["a", "wa"], ["a1"]), helper.make_node("Mul", ["b", "wb"], ["b1"]),
        helper.make_node("Cast", ["n"], ["nf"], to=TensorProto.FLOAT), helper.make_node("Mul", ["nf", "wn"], ["n1"]),
        helper.make_node("Add", ["a1", "b1"], ["ab"]), helper.make_node("Add", ["ab", "n1"], ["score"]),
        helper.make_node("Add", ["n", "one"], ["n_plus_one"]),
    ], [value("a", TensorProto.FLOAT, ["N"]), value("b", TensorProto.FLOAT, ["N"]), value("n", TensorProto.INT64, ["N"])],
        [value("score", TensorProto.FLOAT, ["N"]), value("n_plus_one", TensorProto.INT64, ["N"])],
        [const("wa", np.float32(1.5)), const("wb", np.float32(-0.75)), const("wn", np.float32(0.25)), const("one", np.int64(1))])
    sample = pd.DataFrame({"a": np.round(rng.normal(size=5), 3).astype(np.float32),
                           "b": np.round(rng.normal(size=5), 3), "n": rng.integers(0, 10, size=5)})
    write("multi_input_columns", model, [
        ("frame", sample),
        ("frame_extra_column_first", pd.concat([pd.DataFrame({"z": ["x"] * 5}), sample], axis=1)),
        ("frame_missing_column", sample[["a", "n"]]),
        ("dict", {"a": sample["a"].to_numpy(), "b": sample["b"].to_numpy(), "n": sample["n"].to_numpy()}),
        ("ndarray", sample.to_numpy()),
    ], [], sample=sample, signature=infer_signature(sample), input_example=sample.head(2))


def string_label_encoder():
    """A string input through ai.onnx.ml LabelEncoder next to a float one; no signature."""
    model = graph_model([
        helper.make_node("LabelEncoder", ["color"], ["code"], domain="ai.onnx.ml",
                         keys_strings=["red", "green", "blue"], values_int64s=[0, 1, 2], default_int64=-1),
        helper.make_node("Cast", ["code"], ["code_f"], to=TensorProto.FLOAT),
        helper.make_node("Mul", ["size", "code_f"], ["scaled"]),
    ], [value("color", TensorProto.STRING, ["N"]), value("size", TensorProto.FLOAT, ["N"])],
        [value("code", TensorProto.INT64, ["N"]), value("scaled", TensorProto.FLOAT, ["N"])], [], ml=True)
    sample = pd.DataFrame({"color": ["red", "blue", "green", "purple"], "size": [1.5, 2.25, -3.0, 4.0]})
    write("string_label_encoder", model, [
        ("frame", sample),
        ("dict_str", {"color": sample["color"].to_numpy().astype(str), "size": sample["size"].to_numpy()}),
        ("dict_object", {"color": sample["color"].to_numpy(), "size": sample["size"].to_numpy().astype(np.float32)}),
        ("ndarray_multi_input", sample.to_numpy()),
    ], [
        req("split_rows", {"dataframe_split": fx.df_split(sample)}),
        req("records_rows", {"dataframe_records": fx.df_records(sample)}),
        req("csv_rows", fx.df_csv(sample), content_type="text/csv"),
        req("inputs_columnar", {"inputs": fx.df_columnar(sample)}),
        req("inputs_rows_array", {"inputs": [["red", 1.0]]}, note="a bare array for a model of two inputs"),
        req("split_missing_column", {"dataframe_split": fx.df_split(sample[["color"]])}),
        req("inputs_number_for_string", {"inputs": {"color": [1, 2], "size": [1.0, 2.0]}}),
    ], input_example=sample.head(2))


def zipmap_classifier():
    """A classifier shaped as skl2onnx writes them: label [N] and ZipMap probabilities seq(map(int64, float))."""
    model = graph_model([
        helper.make_node("MatMul", ["X", "W"], ["z0"]), helper.make_node("Add", ["z0", "b"], ["z"]),
        helper.make_node("Softmax", ["z"], ["p"], axis=1),
        helper.make_node("ArgMax", ["z"], ["label"], axis=1, keepdims=0),
        helper.make_node("ZipMap", ["p"], ["probabilities"], domain="ai.onnx.ml", classlabels_int64s=[0, 1, 2]),
    ], [value("X", TensorProto.FLOAT, ["N", 3])],
        [value("label", TensorProto.INT64, ["N"]),
         helper.make_value_info("probabilities", sequence_of_maps(TensorProto.INT64, TensorProto.FLOAT))],
        [const("W", weights(3, 3)), const("b", weights(3))], ml=True)
    sample = floats(4, 3, names=["sepal", "petal", "stem"])
    write("zipmap_classifier", model, [
        ("frame", sample),
        ("ndarray", sample.to_numpy()),
        ("dict", {"X": sample.to_numpy().astype(np.float32)}),
    ], [], sample=sample, signature=infer_signature(sample), input_example=sample.head(2))


def external_data_mlp():
    """Tanh MLP whose 16x32 weight (2 KiB) MLflow stores outside model.onnx; an unnamed tensor signature."""
    model = graph_model([
        helper.make_node("Gemm", ["input", "W1", "b1"], ["h0"]), helper.make_node("Tanh", ["h0"], ["h"]),
        helper.make_node("Gemm", ["h", "W2", "b2"], ["output"]),
    ], [value("input", TensorProto.FLOAT, ["batch", 16])], [value("output", TensorProto.FLOAT, ["batch", 2])],
        [const("W1", weights(16, 32) / 4), const("b1", weights(32)), const("W2", weights(32, 2) / 4), const("b2", weights(2))])
    x = np.round(rng.normal(size=(3, 16)), 3).astype(np.float32)
    signature = ModelSignature(inputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 16))]))
    rows = x.tolist()
    columns = [f"c{i}" for i in range(16)]
    write("external_data_mlp", model, [
        ("ndarray_float32", x),
        ("frame_float64", pd.DataFrame(x.astype(np.float64), columns=columns)),
    ], [
        req("inputs_rows", {"inputs": rows}),
        req("instances_rows", {"instances": rows}),
        req("split_columns", {"dataframe_split": {"columns": columns, "data": rows}}),
        req("csv_rows", pd.DataFrame(x, columns=columns).to_csv(index=False), content_type="text/csv",
            note="quirk: MLflow 2.12 cannot read CSV for a tensor signature; Modelport parses it into the tensor"),
        req("inputs_wrong_width", {"inputs": [rows[0][:15]]}),
        req("inputs_named_dict", {"inputs": {"input": rows}}),
    ], signature=signature, input_example=x[:1])


def int64_double_regressor():
    """int64 [N, 3] cast to double, a double MatMul; session options and providers in the MLmodel."""
    model = graph_model([
        helper.make_node("Cast", ["x"], ["xd"], to=TensorProto.DOUBLE),
        helper.make_node("MatMul", ["xd", "W"], ["y0"]), helper.make_node("Add", ["y0", "b"], ["y"]),
    ], [value("x", TensorProto.INT64, ["N", 3])], [value("y", TensorProto.DOUBLE, ["N", 1])],
        [const("W", weights(3, 1, dtype=np.float64)), const("b", weights(1, dtype=np.float64))])
    sample = pd.DataFrame(rng.integers(-5, 20, size=(4, 3)), columns=["k0", "k1", "k2"])
    write("int64_double_regressor", model, [
        ("frame_int64", sample),
        ("ndarray_int64", sample.to_numpy()),
        ("frame_float64", sample.astype(np.float64)),
    ], [], sample=sample, signature=infer_signature(sample), input_example=sample.head(2),
        onnx_execution_providers=["CPUExecutionProvider"],
        onnx_session_options={"intra_op_num_threads": 1, "inter_op_num_threads": 1, "execution_mode": "sequential",
                              "graph_optimization_level": 99,
                              "extra_session_config": {"session.intra_op.allow_spinning": "0"}})


def dtype_casts():
    """One float input [N, 1] cast to each output dtype numpy gets from onnxruntime; no signature."""
    casts = {"as_int32": TensorProto.INT32, "as_uint8": TensorProto.UINT8, "as_uint32": TensorProto.UINT32,
             "as_uint64": TensorProto.UINT64, "as_bool": TensorProto.BOOL, "as_float16": TensorProto.FLOAT16,
             "as_double": TensorProto.DOUBLE}
    model = graph_model([helper.make_node("Cast", ["x"], [name], to=to) for name, to in casts.items()],
                        [value("x", TensorProto.FLOAT, ["N", 1])], [value(name, to, ["N", 1]) for name, to in casts.items()], [])
    sample = pd.DataFrame({"x": [0.0, 1.5, 2.75, 7.0]})
    write("dtype_casts", model, [
        ("frame", sample),
        ("dict_float32", {"x": sample.to_numpy().astype(np.float32)}),
        ("ndarray_int64", np.array([[1], [2]])),
    ], [
        req("split_rows", {"dataframe_split": fx.df_split(sample)}),
        req("inputs_rows", {"inputs": sample.to_numpy().tolist()}),
    ], input_example=sample.head(2))


if __name__ == "__main__":
    only = set(sys.argv[1:])  # model names to regenerate; all when none
    for generate in [linear_regressor, mlp_softmax, mlp_sigmoid_nosig, multi_input_columns, string_label_encoder,
                     zipmap_classifier, external_data_mlp, int64_double_regressor, dtype_casts]:
        if not only or generate.__name__ in only:
            generate()
