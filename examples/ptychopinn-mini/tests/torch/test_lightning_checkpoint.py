"""Checkpoint serialization (phase_d2_completion.md D1c): real files, backend-tagged."""
import pytest

from ptycho_mini.checkpoint import CheckpointMismatch, load_checkpoint, save_checkpoint

pytestmark = pytest.mark.torch


def test_round_trip_keeps_weights_and_hparams(tmp_path):
    path = save_checkpoint(tmp_path / "last.json", "pytorch", [0.25, 0.5], {"N": 64})
    data = load_checkpoint(path, "pytorch")
    assert data["weights"] == [0.25, 0.5] and data["hparams"] == {"N": 64}


def test_checkpoint_is_a_file_on_disk(tmp_path):
    path = save_checkpoint(tmp_path / "epoch1.json", "pytorch", [1.0], {})
    assert path.stat().st_size > 0


def test_loading_with_other_backend_is_refused(tmp_path):
    path = save_checkpoint(tmp_path / "tf.json", "tensorflow", [1.0], {})
    with pytest.raises(CheckpointMismatch, match="not supported"):
        load_checkpoint(path, "pytorch")
