#ifndef BACKPROP_MATMUL_KERNEL_H
#define BACKPROP_MATMUL_KERNEL_H

#include <stdbool.h>

/// The matrix product's vector kernels, numbered as `backprop_matmul_kernels` reports them.
enum {
    BACKPROP_KERNEL_AVX2 = 1,   ///< x86-64 with AVX2: 8 floats a register
    BACKPROP_KERNEL_AVX512 = 2, ///< x86-64 with AVX-512F: 16 floats a register
    BACKPROP_KERNEL_NEON = 3,   ///< arm64 (Advanced SIMD is part of every arm64 processor): 4 floats a register
};

/// The kernels this processor can run: bit (1 << BACKPROP_KERNEL_…) set for each.
unsigned backprop_matmul_kernels(void);

/// out = A·B in float32, for `rows` rows of out: out is rows×cols (row-major), A(i, k) is
/// a[i * a_row_step + k * a_k_step] (so a transposed A is read where it lies), B is inner×cols
/// (row-major). Each out[i][j] starts from +0 and receives its products in the order of k, each
/// product and each sum rounded once (no fused multiply-add): the bits of the naive i-j-k loop,
/// whatever the kernel and however the rows are shared out.
/// Returns false, doing nothing, when this processor cannot run `kernel`.
bool backprop_matmul_f32(int kernel, float *out, const float *a, long a_row_step, long a_k_step, long rows, long inner,
                         const float *b, long cols);

#endif
