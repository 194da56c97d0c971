"""Prints the versions of the Python reference stack as one JSON object (null for a missing package)."""
import json
import platform

out = {"python": platform.python_version()}
for name, module in (("numpy", "numpy"), ("torch", "torch"), ("sklearn", "sklearn"), ("skimage", "skimage"),
                     ("pydicom", "pydicom"), ("PIL", "PIL")):
    try:
        out[name] = __import__(module).__version__
    except Exception:  # noqa: BLE001 - any failure means "not usable"
        out[name] = None
try:
    import torch
    out["torch_config"] = "mkldnn" if torch.backends.mkldnn.is_available() else "no-mkldnn"
except Exception:  # noqa: BLE001
    pass
print(json.dumps(out))
