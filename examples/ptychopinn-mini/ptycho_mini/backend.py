"""Backend selection (spec §4.8): chosen once when a reconstructor is built, immutable after.

The importer is injectable so tests can simulate "torch installed" and "torch missing"
without either framework being present.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType
from typing import Callable

BACKENDS = ("tensorflow", "pytorch")
DEFAULT_BACKEND = "tensorflow"

Importer = Callable[[str], ModuleType]


def default_importer(name: str) -> ModuleType:
    return importlib.import_module(name)


@dataclass(frozen=True)
class Backend:
    name: str
    module: ModuleType | None


def select_backend(requested: str | None = None, importer: Importer = default_importer) -> Backend:
    name = DEFAULT_BACKEND if requested is None else requested
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    if name == "tensorflow":
        # The TensorFlow path is the default and needs nothing extra in this miniature.
        return Backend(name, None)
    try:
        torch = importer("torch")
    except ImportError as exc:
        raise RuntimeError(
            "backend='pytorch' was requested but torch cannot be imported "
            f"({exc}). Install PyTorch 2.2+ (POLICY-001) or set backend='tensorflow'."
        ) from exc
    return Backend(name, torch)


class Reconstructor:
    """Binds a backend at construction; the choice cannot change afterwards."""

    def __init__(self, backend: str | None = None, importer: Importer = default_importer):
        self._backend = select_backend(backend, importer)

    @property
    def backend(self) -> str:
        return self._backend.name

    def __setattr__(self, key: str, value: object) -> None:
        if key == "_backend" and "_backend" in self.__dict__:
            raise AttributeError("the backend is fixed when the reconstructor is built")
        super().__setattr__(key, value)
