"""TensorFlow baseline of the integration workflow, for comparison with the PyTorch one."""
import pytest

from ptycho_mini.config_bridge import ModelConfig, TrainingConfig
from ptycho_mini.workflow import run_workflow


@pytest.mark.integration
class TestFullWorkflow:
    def test_train_save_load_infer_cycle(self, tmp_path, torch_missing):
        cfg = TrainingConfig(model=ModelConfig(N=16), nepochs=3)
        result = run_workflow(cfg, tmp_path, torch_missing)
        assert result["backend"] == "tensorflow"
        assert result["checkpoint"].name == "model_tensorflow.json"

    def test_backends_agree(self, tmp_path, torch_missing, torch_present):
        tf = run_workflow(TrainingConfig(model=ModelConfig(N=8)), tmp_path, torch_missing)
        pt = run_workflow(TrainingConfig(model=ModelConfig(N=8), backend="pytorch"), tmp_path, torch_present)
        assert tf["reconstruction"] == pytest.approx(pt["reconstruction"])
