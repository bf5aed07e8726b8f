"""Makes the TorchScript modules that bench/Bf16Layers.java times: the conv VAE's three kinds of layer
(conv2d and conv_transpose2d with kernel 4, stride 2, padding 1; linear), each once in float32 and once
computing in bfloat16 (inputs cast inside the module, output cast back to float32, as autocast does).
DJL 0.36 cannot hold a bfloat16 array (casting one aborts the JVM), so the casts live in TorchScript.
Usage: /tmp/torchref/bin/python bench/bf16_layers.py DIR    (any torch 2.x; DJL's libtorch 2.7.1 runs them)
"""
import sys
import torch


def cast(t: torch.Tensor, half: bool) -> torch.Tensor:
    return t.to(torch.bfloat16) if half else t


class Conv(torch.nn.Module):
    def __init__(self, half: bool):
        super().__init__()
        self.half = half

    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.conv2d(cast(x, self.half), cast(w, self.half), cast(b, self.half), [2, 2], [1, 1]).float()


class Deconv(Conv):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.conv_transpose2d(cast(x, self.half), cast(w, self.half), cast(b, self.half), [2, 2], [1, 1]).float()


class Dense(Conv):
    def forward(self, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
        return torch.nn.functional.linear(cast(x, self.half), cast(w, self.half), cast(b, self.half)).float()


if __name__ == "__main__":
    for layer in (Conv, Deconv, Dense):
        for half in (False, True):
            name = "%s-%s.pt" % (layer.__name__.lower(), "bf16" if half else "f32")
            torch.jit.script(layer(half)).save("%s/%s" % (sys.argv[1], name))
