"""Config adapter parity (spec §2.2) and CONFIG-001."""
import pytest

from ptycho_mini.config_bridge import (
    ModelConfig,
    TrainingConfig,
    pytorch_as_tensorflow,
    to_pytorch,
    to_tensorflow,
    update_legacy_dict,
)

pytestmark = pytest.mark.torch


def test_default_config_parity():
    cfg = TrainingConfig()
    assert pytorch_as_tensorflow(to_pytorch(cfg)) == to_tensorflow(cfg)


@pytest.mark.parametrize("N,gridsize", [(32, 1), (64, 2), (128, 3)])
def test_model_shape_parity(N, gridsize):
    cfg = TrainingConfig(model=ModelConfig(N=N, gridsize=gridsize))
    assert pytorch_as_tensorflow(to_pytorch(cfg)) == to_tensorflow(cfg)


def test_training_hyperparameter_parity():
    cfg = TrainingConfig(nepochs=7, batch_size=4, nphotons=1e6)
    tf, pt = to_tensorflow(cfg), to_pytorch(cfg)
    assert (pt["epochs"], pt["batch_size"], pt["nphotons"]) == (tf["nepochs"], tf["batch_size"], tf["nphotons"])


def test_update_legacy_dict_overwrites_stale_values():
    legacy = {"N": 999, "unrelated": True}
    update_legacy_dict(legacy, TrainingConfig())
    assert legacy["N"] == 64 and legacy["unrelated"] is True


def test_pytorch_grid_size_is_square():
    assert to_pytorch(TrainingConfig(model=ModelConfig(gridsize=3)))["grid_size"] == (3, 3)
