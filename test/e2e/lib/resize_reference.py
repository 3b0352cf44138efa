"""Independent references for kiln.resize: PyTorch's interpolate for the
modes PyTorch has, and ONNX's own reference Resize (onnx 1.12's backend test
generator) for the rest. Both take and return float64 NCHW arrays."""
import numpy as np


def torch_interpolate(x, mode, scale_factor=None, size=None, align_corners=None):
    import torch
    y = torch.nn.functional.interpolate(
        torch.from_numpy(np.ascontiguousarray(x)), scale_factor=scale_factor,
        size=size, mode=mode, align_corners=align_corners)
    return y.numpy()


def onnx_resize(x, mode, sizes=None, scales=None, **kwargs):
    """ONNX Resize over H and W; `kwargs` are the reference's attributes
    (coordinate_transformation_mode, mode for nearest, A, exclude_outside)."""
    from onnx.backend.test.case.node import resize as ref
    nearest_mode = kwargs.pop("nearest_mode", "round_prefer_floor")
    cubic_a = kwargs.pop("cubic_coeff_a", -0.75)
    coeffs = {
        "nearest": lambda r: ref.nearest_coeffs(r, mode=nearest_mode),
        "linear": ref.linear_coeffs,
        "cubic": lambda r: ref.cubic_coeffs(r, A=cubic_a),
    }[mode]
    full_sizes = None if sizes is None else [x.shape[0], x.shape[1]] + list(sizes)
    full_scales = None if scales is None else np.array([1.0, 1.0] + list(scales))
    return ref.interpolate_nd(x, coeffs, output_size=full_sizes,
                              scale_factors=full_scales, **kwargs)
