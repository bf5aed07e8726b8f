"""Makes ../resources/org/vae4j/nn/conv_transpose2d.pt, the TorchScript module through which
org.vae4j.nn.TorchConvTranspose2d calls PyTorch's conv_transpose2d (DJL's PyTorch engine has no
transposed convolution of its own). The module has no parameters and no state: the input, the weight
[in, out, 4, 4], the bias [out] and the output padding (an int64 tensor of two 0/1 values) are its
arguments. The resource was made with torch 2.13.0 (CPU) and loads in DJL's libtorch 2.7.1.
Run from this folder: python conv_transpose2d.py
"""
import torch


class ConvTranspose2d(torch.nn.Module):
    def forward(self, x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor,
                output_padding: torch.Tensor) -> torch.Tensor:
        # ConvTranspose2d(kernel 4, stride 2, padding 1, output_padding p): output sides 2 h + p
        padding = [int(output_padding[0]), int(output_padding[1])]
        return torch.conv_transpose2d(x, weight, bias, [2, 2], [1, 1], padding)


if __name__ == "__main__":
    torch.jit.script(ConvTranspose2d()).save("../resources/org/vae4j/nn/conv_transpose2d.pt")
