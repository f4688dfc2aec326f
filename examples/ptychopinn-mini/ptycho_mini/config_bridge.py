"""Translate the shared dataclass config into each backend's settings (spec §2.2).

`update_legacy_dict` must run before any data loading on both backends (CONFIG-001).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ModelConfig:
    N: int = 64
    gridsize: int = 2
    n_filters_scale: int = 2
    probe_big: bool = True


@dataclass
class TrainingConfig:
    model: ModelConfig = field(default_factory=ModelConfig)
    nepochs: int = 50
    batch_size: int = 16
    nphotons: float = 1e9
    backend: str = "tensorflow"


def to_tensorflow(cfg: TrainingConfig) -> dict[str, object]:
    return {
        "N": cfg.model.N,
        "gridsize": cfg.model.gridsize,
        "n_filters_scale": cfg.model.n_filters_scale,
        "probe.big": cfg.model.probe_big,
        "nepochs": cfg.nepochs,
        "batch_size": cfg.batch_size,
        "nphotons": cfg.nphotons,
    }


def to_pytorch(cfg: TrainingConfig) -> dict[str, object]:
    # PyTorch names differ; the values must not.
    return {
        "N": cfg.model.N,
        "grid_size": (cfg.model.gridsize, cfg.model.gridsize),
        "n_filters_scale": cfg.model.n_filters_scale,
        "probe_big": cfg.model.probe_big,
        "epochs": cfg.nepochs,
        "batch_size": cfg.batch_size,
        "nphotons": cfg.nphotons,
    }


_PYTORCH_TO_TF = {"grid_size": "gridsize", "probe_big": "probe.big", "epochs": "nepochs"}


def pytorch_as_tensorflow(settings: dict[str, object]) -> dict[str, object]:
    out: dict[str, object] = {}
    for key, value in settings.items():
        if key == "grid_size":
            value = value[0]  # type: ignore[index]
        out[_PYTORCH_TO_TF.get(key, key)] = value
    return out


def update_legacy_dict(legacy: dict[str, object], cfg: TrainingConfig) -> dict[str, object]:
    legacy.update(to_tensorflow(cfg))
    return legacy
