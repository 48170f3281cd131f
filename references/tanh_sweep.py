"""Expected numbers for Tests/AutogradTests/TanhSweepTests.swift, made by PyTorch.

The sweep: every float32 whose bit pattern is a multiple of 2039 up to 10.0's, with both signs
(x in [-10, 10], every binade from the subnormals up; 1,071,718 inputs), through torch.tanh as
one contiguous float32 tensor, one thread. On x86 builds with MKL (the pip wheels) that is MKL's
vsTanh in high accuracy (perf shows mkl_vml_kernel_sTanh_*), a closed algorithm, so our engine
takes the correctly rounded tanh instead and this fixture lists where MKL's differs from it.

Prints a Swift source file: the FNV-1a hash of PyTorch's result bits in sweep order, and the
inputs where PyTorch's result is not the correctly rounded one, with PyTorch's bits. Run with
`python3 references/tanh_sweep.py > Tests/AutogradTests/TanhSweep.swift`.
"""
import numpy as np
import torch

torch.set_num_threads(1)
STEP = 2039
top = int(np.float32(10).view(np.uint32))
positive = np.arange(0, top + 1, STEP, dtype=np.uint64).astype(np.uint32)
bits = np.concatenate([positive, positive | np.uint32(0x80000000)])
x = bits.view(np.float32)
theirs = torch.tanh(torch.from_numpy(x.copy())).numpy().view(np.uint32)
rounded = np.tanh(x.astype(np.float64)).astype(np.float32).view(np.uint32)

h = np.uint64(0xcbf29ce484222325)
prime = np.uint64(0x100000001b3)
with np.errstate(over="ignore"):
    for byte in theirs.astype("<u4").tobytes():
        h = (h ^ np.uint64(byte)) * prime

differ = np.nonzero(theirs != rounded)[0]
print("// Made by references/tanh_sweep.py with torch", torch.__version__, "on", torch.backends.cpu.get_cpu_capability(), "(MKL:", str(torch.backends.mkl.is_available()) + ")")
print("// Do not edit: run the script again.")
print("enum TanhSweep {")
print(f"    static let step: UInt32 = {STEP}")
print(f"    static let top: UInt32 = 0x{top:08x}")
print(f"    static let count = {len(bits)}")
print(f"    /// FNV-1a 64 of torch.tanh's result bits (little-endian), in sweep order.")
print(f"    static let torchHash: UInt64 = 0x{int(h):016x}")
print(f"    /// Input bits → torch.tanh's bits, where they are not the correctly rounded tanh ({len(differ)} of {len(bits)}).")
print("    static let notCorrectlyRounded: [UInt32: UInt32] = [")
for i in differ:
    print(f"        0x{int(bits[i]):08x}: 0x{int(theirs[i]):08x},")
print("    ]")
print("}")
