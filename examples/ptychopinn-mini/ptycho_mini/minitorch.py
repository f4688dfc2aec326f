"""A tiny pure-Python stand-in for the few torch features the miniature uses.

Tests inject it through the backend importer so the PyTorch path runs without real torch.
"""
from __future__ import annotations

__version__ = "2.2.0-mini"


class Tensor:
    def __init__(self, values: list[float]):
        self.values = [float(v) for v in values]

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.values),)

    def __mul__(self, k: float) -> "Tensor":
        return Tensor([v * k for v in self.values])

    def mean(self) -> float:
        return sum(self.values) / len(self.values) if self.values else 0.0


def tensor(values: list[float]) -> Tensor:
    return Tensor(values)
