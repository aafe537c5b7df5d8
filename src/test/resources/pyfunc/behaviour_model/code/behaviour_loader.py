"""A test model whose behaviour is picked by the first value of its `action` column."""
import os
import sys
import time

import numpy as np
import pandas as pd


def _outputs():
    return {
        "dict_of_arrays": lambda: {"a": np.array([1, 2]), "b": np.array([0.5, np.nan])},
        "strings": lambda: np.array(["x", "y\u00e9"]),
        "list": lambda: ["x", 1, None, 2.5, float("inf")],
        "scalar": lambda: np.float64(3.5),
        "series": lambda: pd.Series([1.5, 2.5]),
        "named_series": lambda: pd.Series([1, 2], name="n"),
        "frame_mixed": lambda: pd.DataFrame({
            "i": [1, -2], "f": np.array([0.1, np.nan], dtype=np.float32), "h": np.array([0.1, 2], dtype=np.float16),
            "s": ["a", None], "b": [True, False], "u": np.array([1, 2**64 - 1], dtype=np.uint64),
            "o": [[1, 2], {"k": "v"}], "i8": np.array([-1, 7], dtype=np.int8)}),
        "frame_int_columns": lambda: pd.DataFrame([[1, 2]], columns=[0, 1]),
        "frame_datetime": lambda: pd.DataFrame({"t": pd.to_datetime(["2024-01-02 03:04:05"])}),
        "frame_duplicate_columns": lambda: pd.DataFrame([[1, 2]], columns=["a", "a"]),
        "float32_matrix": lambda: np.array([[0.1, 0.2], [0.3, 0.4]], dtype=np.float32),
        "bool_array": lambda: np.array([True, False]),
        "zero_d": lambda: np.array(7),
        "empty": lambda: np.zeros((0, 3)),
        "big_endian": lambda: np.array([1.5, 2.5], dtype=">f8"),
        "fortran": lambda: np.asfortranarray(np.arange(6, dtype=np.int64).reshape(2, 3)),
        "datetime_array": lambda: np.array(["2024-01-01"], dtype="datetime64[ns]"),
        "bytes_array": lambda: np.array([b"ab", b"c"]),
        "text": lambda: "h\u00e9llo",
    }


class Behaviour:
    def predict(self, model_input, params=None):
        action = model_input["action"].iloc[0]
        if action == "raise":
            raise ValueError("boom")
        if action == "mlflow_error":
            from mlflow.exceptions import MlflowException

            raise MlflowException.invalid_parameter_value("the model refused")
        if action == "exit":
            sys.stderr.write("behaviour model: exiting with code 3\n")
            sys.stderr.flush()
            os._exit(3)
        if action == "sleep":
            time.sleep(600)
        if action == "print":
            print("noise on stdout")
            sys.stdout.flush()
            os.write(1, b"raw noise on fd 1\n")
            return [1]
        if action == "pid":
            return [os.getpid()]
        if action == "params":
            return {k: [type(v).__name__, v.isoformat() if hasattr(v, "isoformat") else v] for k, v in params.items()}
        if action == "echo":
            return {c: [str(model_input[c].dtype), repr(model_input[c].tolist())] for c in model_input.columns}
        return _outputs()[action]()


def _load_pyfunc(path):
    return Behaviour()
