"""A short train → save → load → infer workflow over synthetic diffraction data."""
from __future__ import annotations

from pathlib import Path

from .backend import Importer, default_importer, select_backend
from .checkpoint import load_checkpoint, save_checkpoint
from .config_bridge import TrainingConfig, update_legacy_dict


def synthetic_patterns(n: int, size: int) -> list[list[float]]:
    return [[((i * 7 + j * 3) % 11) / 10.0 for j in range(size)] for i in range(n)]


def train(cfg: TrainingConfig, data: list[list[float]]) -> list[float]:
    # "Training": per-pixel means, refined for a few epochs; deterministic and quick.
    size = len(data[0])
    weights = [0.0] * size
    for _ in range(min(cfg.nepochs, 5)):
        for j in range(size):
            col = sum(row[j] for row in data) / len(data)
            weights[j] = 0.5 * weights[j] + 0.5 * col
    return weights


def infer(weights: list[float], pattern: list[float]) -> list[float]:
    return [w * p for w, p in zip(weights, pattern)]


def run_workflow(cfg: TrainingConfig, workdir: Path, importer: Importer = default_importer) -> dict[str, object]:
    backend = select_backend(cfg.backend, importer)
    legacy = update_legacy_dict({}, cfg)  # CONFIG-001: before any data loading
    data = synthetic_patterns(8, cfg.model.N)
    weights = train(cfg, data)
    if backend.module is not None:
        weights = backend.module.tensor(weights).values  # round-trip through the backend's tensor type
    ckpt = save_checkpoint(workdir / f"model_{backend.name}.json", backend.name, weights, legacy)
    loaded = load_checkpoint(ckpt, backend.name)
    recon = infer(loaded["weights"], data[0])  # type: ignore[arg-type]
    return {"backend": backend.name, "checkpoint": ckpt, "reconstruction": recon}
