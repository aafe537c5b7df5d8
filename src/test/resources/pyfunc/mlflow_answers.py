"""Oracle: MLflow's own scoring server answers (mlflow.pyfunc.scoring_server.invocations) for JSON request bodies.

Usage: python mlflow_answers.py MODEL_DIR < bodies.json  (a JSON list of request bodies) -> a JSON list of answer bodies.
"""
import json
import os
import sys

out = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)  # what the model prints goes to stderr

import mlflow.pyfunc
from mlflow.pyfunc import scoring_server

model = mlflow.pyfunc.load_model(sys.argv[1])
schema = model.metadata.get_input_schema()
answers = []
for body in json.load(sys.stdin):
    answers.append(scoring_server.invocations(body, "application/json", model, schema).response)
json.dump(answers, out)
out.close()
