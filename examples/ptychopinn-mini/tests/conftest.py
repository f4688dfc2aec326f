import types

import pytest

from ptycho_mini import minitorch


@pytest.fixture
def torch_present():
    """An importer that finds the miniature torch stand-in."""

    def importer(name: str) -> types.ModuleType:
        if name == "torch":
            return minitorch
        raise ImportError(f"No module named {name!r}")

    return importer


@pytest.fixture
def torch_missing():
    """An importer for a machine without torch (TF-only CI)."""

    def importer(name: str) -> types.ModuleType:
        raise ImportError(f"No module named {name!r}")

    return importer
