"""Lightning-style orchestration, stitching and decoder shapes, in miniature."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class TrainResult:
    epochs_run: int
    history: list[float]
    checkpoint_written: bool


def train_with_lightning(epochs: int, lr: float = 0.1, checkpoint: bool = True) -> TrainResult:
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    loss, history = 1.0, []
    for _ in range(epochs):
        loss *= 1.0 - lr
        history.append(round(loss, 6))
    return TrainResult(epochs, history, checkpoint)


def reassemble_cdi_image(patches: list[list[float]], offsets: list[int], width: int) -> list[float]:
    """Average overlapping 1-D patches placed at the given offsets."""
    total, count = [0.0] * width, [0] * width
    for patch, off in zip(patches, offsets):
        for i, v in enumerate(patch):
            if 0 <= off + i < width:
                total[off + i] += v
                count[off + i] += 1
    return [t / c if c else 0.0 for t, c in zip(total, count)]


def decoder_last_shape(N: int, gridsize: int, channels_last: bool) -> tuple[int, int, int]:
    c = gridsize * gridsize
    return (N, N, c) if channels_last else (c, N, N)
