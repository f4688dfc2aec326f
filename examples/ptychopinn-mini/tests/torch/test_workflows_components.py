"""Lightning orchestration, stitching and decoder shapes (phase_d2_completion.md B, C, D1e)."""
import pytest

from ptycho_mini.components import decoder_last_shape, reassemble_cdi_image, train_with_lightning

pytestmark = pytest.mark.torch


class TestTrainWithLightningRed:
    def test_runs_requested_epochs(self):
        assert train_with_lightning(3).epochs_run == 3

    def test_loss_decreases(self):
        history = train_with_lightning(4).history
        assert history == sorted(history, reverse=True)

    def test_writes_checkpoint_by_default(self):
        assert train_with_lightning(1).checkpoint_written

    def test_rejects_zero_epochs(self):
        with pytest.raises(ValueError, match="at least 1"):
            train_with_lightning(0)


class TestReassembleCdiImageTorch:
    def test_single_patch_is_copied(self):
        assert reassemble_cdi_image([[1.0, 2.0]], [0], 2) == [1.0, 2.0]

    def test_overlap_is_averaged(self):
        assert reassemble_cdi_image([[1.0, 1.0], [3.0, 3.0]], [0, 1], 3) == [1.0, 2.0, 3.0]

    def test_uncovered_pixels_are_zero(self):
        assert reassemble_cdi_image([[5.0]], [2], 4) == [0.0, 0.0, 5.0, 0.0]


class TestDecoderLastShapeParity:
    @pytest.mark.parametrize("N,gridsize", [(64, 1), (64, 2)])
    def test_channel_count_matches(self, N, gridsize):
        tf = decoder_last_shape(N, gridsize, channels_last=True)
        pt = decoder_last_shape(N, gridsize, channels_last=False)
        assert tf[-1] == pt[0] == gridsize * gridsize
        assert tf[:2] == pt[1:] == (N, N)
