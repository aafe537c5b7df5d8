"""Generates the onnx flavor's test models exported from PyTorch (re-runnable, seeded).

Run from the project root with Debian's python3 (python3-torch, python3-onnx) and MLflow's source
on the path:

    PYTHONPATH=../shared/peers/mlflow-src /usr/bin/python3 -B src/test/python/generate_torch_onnx_models.py [NAME...]

Each model is a small torch.nn.Module exported by torch.onnx.export (named inputs and outputs, a
dynamic batch dimension) and saved by mlflow.onnx.save_model with an explicit tensor signature and
pip requirements, into the same layout as generate_onnx_models.py writes (model/, predict.json,
cases.jsonl under src/test/resources/onnx/<name>/), so the same Java tests read them. Debian has no
onnxruntime: MLflow's own _OnnxModelWrapper, schema enforcement and scoring server run unchanged
on numpy_onnxruntime's session, whose input checks stay but whose run() is the torch module's own
forward pass, so every recorded output is what torch computed.
"""
import contextlib
import io
import sys

import generate_onnx_models as gen
import numpy as np
import numpy_onnxruntime
import onnx
import torch
from torch import nn

from mlflow.models import ModelSignature
from mlflow.types import Schema, TensorSpec

OPSET = 13
rng = np.random.default_rng(21)


class MlpClassifier(nn.Module):
    """8 -> 16 ReLU -> 3, softmax probabilities."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(8, 16)
        self.out = nn.Linear(16, 3)

    def forward(self, x):
        return torch.softmax(self.out(torch.relu(self.hidden(x))), dim=1)


class TwoInputScorer(nn.Module):
    """features [N, 4] through a ReLU layer, concatenated with extra [N, 2]: a score and its sigmoid."""

    def __init__(self):
        super().__init__()
        self.hidden = nn.Linear(4, 8)
        self.out = nn.Linear(10, 1)

    def forward(self, features, extra):
        score = self.out(torch.cat([torch.relu(self.hidden(features)), extra], dim=1))
        return score, torch.sigmoid(score)


class TorchSession(numpy_onnxruntime.InferenceSession):
    """ONNX Runtime's input checks on the exported graph, then the torch module's forward pass."""

    module = None

    def run(self, output_names, input_feed):
        feed = self.checked_feed(input_feed)
        with torch.no_grad():
            outputs = self.module(*[torch.from_numpy(feed[i.name]) for i in self._inputs])
        outputs = outputs if isinstance(outputs, tuple) else (outputs,)
        by_name = {o.name: t.numpy() for o, t in zip(self._outputs, outputs)}
        return [by_name[name] for name in output_names]


@contextlib.contextmanager
def scored_by(module):
    session = type("BoundTorchSession", (TorchSession,), {"module": module})
    saved = numpy_onnxruntime.InferenceSession
    numpy_onnxruntime.InferenceSession = session
    try:
        yield
    finally:
        numpy_onnxruntime.InferenceSession = saved


def export(module, example, input_names, output_names):
    module.eval()
    buffer = io.BytesIO()
    torch.onnx.export(module, example, buffer, opset_version=OPSET, input_names=input_names, output_names=output_names,
                      dynamic_axes={n: {0: "batch"} for n in input_names + output_names})
    model = onnx.load_from_string(buffer.getvalue())
    onnx.checker.check_model(model)
    return model


def batch(rows, cols):
    return np.round(rng.normal(size=(rows, cols)), 4).astype(np.float32)


def torch_mlp():
    torch.manual_seed(11)
    module = MlpClassifier()
    x = batch(6, 8)
    model = export(module, (torch.from_numpy(x[:2]),), ["input"], ["probabilities"])
    signature = ModelSignature(inputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 8))]),
                               outputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 3), "probabilities")]))
    rows = x.tolist()
    columns = [f"f{i}" for i in range(8)]
    with scored_by(module):
        gen.write("torch_mlp", model, [
            ("ndarray_batch6", x),
            ("ndarray_batch1", x[:1]),
            ("ndarray_float64", x[2:5].astype(np.float64)),
            ("dict_input", {"input": x[:3]}),
        ], [
            gen.req("inputs_rows", {"inputs": rows}),
            gen.req("inputs_one_row", {"inputs": rows[:1]}),
            gen.req("instances_rows", {"instances": rows}),
            gen.req("split_columns", {"dataframe_split": {"columns": columns, "data": rows}}),
            gen.req("inputs_wrong_width", {"inputs": [rows[0][:7]]}),
        ], signature=signature, input_example=x[:2])


def torch_two_inputs():
    torch.manual_seed(12)
    module = TwoInputScorer()
    features, extra = batch(5, 4), batch(5, 2)
    model = export(module, (torch.from_numpy(features[:2]), torch.from_numpy(extra[:2])), ["features", "extra"],
                   ["score", "probability"])
    signature = ModelSignature(
        inputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 4), "features"), TensorSpec(np.dtype(np.float32), (-1, 2), "extra")]),
        outputs=Schema([TensorSpec(np.dtype(np.float32), (-1, 1), "score"), TensorSpec(np.dtype(np.float32), (-1, 1), "probability")]))
    f_rows, e_rows = features.tolist(), extra.tolist()
    with scored_by(module):
        gen.write("torch_two_inputs", model, [
            ("dict_batch5", {"features": features, "extra": extra}),
            ("dict_batch1", {"features": features[:1], "extra": extra[:1]}),
            ("dict_float64", {"features": features.astype(np.float64), "extra": extra.astype(np.float64)}),
            ("dict_missing_extra", {"features": features}),
        ], [
            gen.req("inputs_named", {"inputs": {"features": f_rows, "extra": e_rows}}),
            gen.req("inputs_named_one_row", {"inputs": {"features": f_rows[:1], "extra": e_rows[:1]}}),
            gen.req("instances_named_rows", {"instances": [{"features": f, "extra": e} for f, e in zip(f_rows, e_rows)]}),
            gen.req("instances_ragged_features", {"instances": [{"features": f_rows[0], "extra": e_rows[0]},
                                                                {"features": f_rows[1][:3], "extra": e_rows[1]}]}),
            gen.req("split_list_cells", {"dataframe_split": {"columns": ["features", "extra"],
                                                             "data": [[f, e] for f, e in zip(f_rows, e_rows)]}}),
            gen.req("inputs_missing_extra", {"inputs": {"features": f_rows}}),
            gen.req("inputs_extra_wrong_width", {"inputs": {"features": f_rows[:1], "extra": [e_rows[0] + [1.0]]}}),
            gen.req("inputs_bare_rows", {"inputs": f_rows}, note="a bare array for a model of two inputs"),
        ], signature=signature, input_example={"features": features[:2], "extra": extra[:2]})


if __name__ == "__main__":
    only = set(sys.argv[1:])  # model names to regenerate; all when none
    for generate in [torch_mlp, torch_two_inputs]:
        if not only or generate.__name__ in only:
            generate()
