"""Backend-specific checkpoints: JSON files tagged with the backend that wrote them."""
from __future__ import annotations

import json
from pathlib import Path


class CheckpointMismatch(RuntimeError):
    pass


def save_checkpoint(path: Path, backend: str, weights: list[float], hparams: dict[str, object]) -> Path:
    path.write_text(json.dumps({"backend": backend, "weights": weights, "hparams": hparams}))
    return path


def load_checkpoint(path: Path, backend: str) -> dict[str, object]:
    data = json.loads(path.read_text())
    if data["backend"] != backend:
        raise CheckpointMismatch(
            f"{path.name} was written by the {data['backend']} backend; loading it with {backend} is not supported"
        )
    return data
