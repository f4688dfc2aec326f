"""End-to-end PyTorch workflow: train, save, load, infer."""
import pytest

from ptycho_mini.config_bridge import ModelConfig, TrainingConfig
from ptycho_mini.workflow import run_workflow


@pytest.mark.torch
@pytest.mark.integration
@pytest.mark.slow
def test_run_pytorch_train_save_load_infer(tmp_path, torch_present):
    cfg = TrainingConfig(model=ModelConfig(N=16), nepochs=3, backend="pytorch")
    result = run_workflow(cfg, tmp_path, torch_present)
    assert result["backend"] == "pytorch"
    assert result["checkpoint"].exists()
    recon = result["reconstruction"]
    assert len(recon) == 16 and any(v > 0 for v in recon)
