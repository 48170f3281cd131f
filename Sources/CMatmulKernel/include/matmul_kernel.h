#ifndef BACKPROP_MATMUL_KERNEL_H
#define BACKPROP_MATMUL_KERNEL_H

#include <stdbool.h>

/// out = A·B in float32 for row-major A (rows×inner) and B (inner×cols) with AVX-512 registers:
/// each out[i][j] starts from +0 and receives its products in the order of k, each product and
/// each sum rounded once (no fused multiply-add): the bits of the naive i-j-k loop.
/// Returns false, doing nothing, when this processor has no AVX-512 (the caller's portable
/// kernel runs instead).
bool backprop_matmul_f32(float *out, const float *a, long rows, long inner, const float *b, long cols);

#endif
