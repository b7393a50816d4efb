# title: Loading an untrusted file can run code: the safe default refuses it
# differs: Keras refuses a serialized Python lambda; torch.load refuses a pickled callable; the messages differ
# same:  printed: (\[.*\])
"""A .keras file with a Lambda layer carries Python bytecode. safe_mode=True (the
default) refuses it.

The "payload" here is harmless: it prints a line. A real attacker's would not be.
"""

import contextlib
import io
import json
import zipfile

import keras
import numpy as np

# What an attacker would ship: a Lambda layer whose function has a side effect.
with contextlib.redirect_stdout(io.StringIO()):  # keep the attacker's own build quiet
    payload = keras.layers.Lambda(
        lambda t: (print("payload ran: this could have been any code"), t)[1]
    )
    model = keras.Sequential([keras.Input((2,)), payload, keras.layers.Dense(1)])
    model.save("untrusted.keras")
lambda_config = json.loads(zipfile.ZipFile("untrusted.keras").read("config.json"))[
    "config"
]["layers"][1]
print(
    "Lambda function stored as:",
    lambda_config["config"]["function"]["class_name"],
    "(marshalled Python bytecode)",
)

# The victim loads it with the defaults:
try:
    keras.models.load_model("untrusted.keras")
except ValueError as error:
    print(
        "load_model(default):",
        type(error).__name__,
        "-",
        str(error).split(". If you trust")[0],
    )

# Opting out runs the attacker's code when the model is loaded and used:
captured = io.StringIO()
with contextlib.redirect_stdout(captured):
    trusted = keras.models.load_model("untrusted.keras", safe_mode=False)
    trusted(np.zeros((1, 2), dtype="float32"))
lines = captured.getvalue().splitlines()
print(
    "load_model(safe_mode=False) + one call printed:",
    sorted(set(lines)),
    f"(ran {len(lines)}x)",
)
