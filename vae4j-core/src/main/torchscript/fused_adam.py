"""Makes ../resources/org/vae4j/optim/fused_adam.pt, the TorchScript module through which
org.vae4j.optim.Adam runs PyTorch's fused Adam kernel (torch.optim.Adam(fused=True) on the CPU), which
DJL does not expose. No parameters and no state: the parameters, their gradients, both moments (updated
in place), the step counts t and the hyper-parameters lr, beta1, beta2 and eps are its arguments. The
resource was made with torch 2.13.0 (CPU) and loads in DJL's libtorch 2.7.1.
Run from this folder: python fused_adam.py
"""
from typing import List

import torch


class FusedAdam(torch.nn.Module):
    def forward(self, params: List[torch.Tensor], grads: List[torch.Tensor], exp_avgs: List[torch.Tensor],
                exp_avg_sqs: List[torch.Tensor], steps: List[torch.Tensor], lr: float, beta1: float,
                beta2: float, eps: float) -> None:
        # m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; p -= lr / (1 - b1^t) m / (sqrt(v / (1 - b2^t)) + eps)
        torch._fused_adam_(params, grads, exp_avgs, exp_avg_sqs, [], steps, lr=lr, beta1=beta1, beta2=beta2,
                           weight_decay=0.0, eps=eps, amsgrad=False, maximize=False)


if __name__ == "__main__":
    torch.jit.script(FusedAdam()).save("../resources/org/vae4j/optim/fused_adam.pt")
