"""Backend dispatch contract, defaults and fail-fast behaviour (spec §4.8, POLICY-001)."""
import pytest

from ptycho_mini.backend import Reconstructor, select_backend

pytestmark = pytest.mark.torch


def test_default_backend_is_tensorflow(torch_missing):
    assert select_backend(None, torch_missing).name == "tensorflow"


def test_tensorflow_needs_no_torch(torch_missing):
    assert select_backend("tensorflow", torch_missing).module is None


def test_pytorch_selected_when_torch_importable(torch_present):
    backend = select_backend("pytorch", torch_present)
    assert backend.name == "pytorch"
    assert backend.module is not None and backend.module.__version__.startswith("2.2")


def test_pytorch_without_torch_raises_actionable_runtime_error(torch_missing):
    with pytest.raises(RuntimeError, match=r"Install PyTorch 2\.2\+ \(POLICY-001\)"):
        select_backend("pytorch", torch_missing)


def test_unknown_backend_is_rejected():
    with pytest.raises(ValueError, match="unknown backend 'jax'"):
        select_backend("jax")


def test_backend_is_immutable_after_construction(torch_present):
    recon = Reconstructor("pytorch", torch_present)
    with pytest.raises(AttributeError):
        recon._backend = select_backend("tensorflow")
    assert recon.backend == "pytorch"
