"""Writes the one-line TorchScript module through which the DJL peer calls libtorch's own
transposed convolution (DJL's PyTorch engine has none): conv_transpose2d(x, w, stride 2, padding 1),
the kernel torch.nn.ConvTranspose2d(..., 4, 2, 1) runs. The weights stay DJL parameters.
Usage: make_conv_transpose.py OUT.pt   (Debian's python3-torch; nothing is downloaded)"""
import sys
import torch


class ConvTranspose(torch.nn.Module):
    def forward(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        return torch.conv_transpose2d(x, w, None, 2, 1)


torch.jit.script(ConvTranspose()).save(sys.argv[1])
