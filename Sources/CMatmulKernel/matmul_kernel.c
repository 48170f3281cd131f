// The matrix product's inner loops with the widest registers this processor has. Swift cannot
// compile one function for AVX-512 and the rest of the program for any x86-64, C can; the binary
// still runs anywhere (the caller falls back to its portable SIMD kernel).
//
// Exactness: a product and a sum are two instructions, never one fused multiply-add (which rounds
// once where PyTorch's reference rounds twice), and each lane is one out[i][j] summed over k in
// order; the width of a register changes which elements run side by side, not any element's sum.
#pragma clang fp contract(off)

#include "matmul_kernel.h"

#if defined(__x86_64__)
#include <immintrin.h>

/// Lanes [0, n) of a 16-lane register, all when n ≥ 16.
static inline __mmask16 lanes(long n) { return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1); }

__attribute__((target("avx512f")))
static void product_avx512(float *out, const float *a, long rows, long inner, const float *b, long cols) {
    long i = 0;
    // Four rows by 32 columns of out stay in eight registers for the whole sum over k.
    for (; i + 4 <= rows; i += 4) {
        const float *a0 = a + i * inner, *a1 = a0 + inner, *a2 = a1 + inner, *a3 = a2 + inner;
        long j = 0;
        for (; j + 32 <= cols; j += 32) {
            __m512 o00 = _mm512_setzero_ps(), o01 = _mm512_setzero_ps(), o10 = _mm512_setzero_ps(), o11 = _mm512_setzero_ps();
            __m512 o20 = _mm512_setzero_ps(), o21 = _mm512_setzero_ps(), o30 = _mm512_setzero_ps(), o31 = _mm512_setzero_ps();
            for (long k = 0; k < inner; k++) {
                const float *row = b + k * cols + j;
                __m512 b0 = _mm512_loadu_ps(row), b1 = _mm512_loadu_ps(row + 16);
                __m512 s0 = _mm512_set1_ps(a0[k]), s1 = _mm512_set1_ps(a1[k]), s2 = _mm512_set1_ps(a2[k]), s3 = _mm512_set1_ps(a3[k]);
                o00 = _mm512_add_ps(o00, _mm512_mul_ps(s0, b0)); o01 = _mm512_add_ps(o01, _mm512_mul_ps(s0, b1));
                o10 = _mm512_add_ps(o10, _mm512_mul_ps(s1, b0)); o11 = _mm512_add_ps(o11, _mm512_mul_ps(s1, b1));
                o20 = _mm512_add_ps(o20, _mm512_mul_ps(s2, b0)); o21 = _mm512_add_ps(o21, _mm512_mul_ps(s2, b1));
                o30 = _mm512_add_ps(o30, _mm512_mul_ps(s3, b0)); o31 = _mm512_add_ps(o31, _mm512_mul_ps(s3, b1));
            }
            float *o = out + i * cols + j;
            _mm512_storeu_ps(o, o00); _mm512_storeu_ps(o + 16, o01);
            _mm512_storeu_ps(o + cols, o10); _mm512_storeu_ps(o + cols + 16, o11);
            _mm512_storeu_ps(o + 2 * cols, o20); _mm512_storeu_ps(o + 2 * cols + 16, o21);
            _mm512_storeu_ps(o + 3 * cols, o30); _mm512_storeu_ps(o + 3 * cols + 16, o31);
        }
        // The last columns 16 at a time, lanes past the edge masked off (they load zeros, store nothing).
        for (; j < cols; j += 16) {
            __mmask16 m = lanes(cols - j);
            __m512 o0 = _mm512_setzero_ps(), o1 = _mm512_setzero_ps(), o2 = _mm512_setzero_ps(), o3 = _mm512_setzero_ps();
            for (long k = 0; k < inner; k++) {
                __m512 r = _mm512_maskz_loadu_ps(m, b + k * cols + j);
                o0 = _mm512_add_ps(o0, _mm512_mul_ps(_mm512_set1_ps(a0[k]), r));
                o1 = _mm512_add_ps(o1, _mm512_mul_ps(_mm512_set1_ps(a1[k]), r));
                o2 = _mm512_add_ps(o2, _mm512_mul_ps(_mm512_set1_ps(a2[k]), r));
                o3 = _mm512_add_ps(o3, _mm512_mul_ps(_mm512_set1_ps(a3[k]), r));
            }
            float *o = out + i * cols + j;
            _mm512_mask_storeu_ps(o, m, o0);
            _mm512_mask_storeu_ps(o + cols, m, o1);
            _mm512_mask_storeu_ps(o + 2 * cols, m, o2);
            _mm512_mask_storeu_ps(o + 3 * cols, m, o3);
        }
    }
    // The last rows one at a time.
    for (; i < rows; i++) {
        const float *a0 = a + i * inner;
        for (long j = 0; j < cols; j += 16) {
            __mmask16 m = lanes(cols - j);
            __m512 o0 = _mm512_setzero_ps();
            for (long k = 0; k < inner; k++) {
                o0 = _mm512_add_ps(o0, _mm512_mul_ps(_mm512_set1_ps(a0[k]), _mm512_maskz_loadu_ps(m, b + k * cols + j)));
            }
            _mm512_mask_storeu_ps(out + i * cols + j, m, o0);
        }
    }
}

bool backprop_matmul_f32(float *out, const float *a, long rows, long inner, const float *b, long cols) {
    if (!__builtin_cpu_supports("avx512f")) return false;
    product_avx512(out, a, rows, inner, b, cols);
    return true;
}

#else

bool backprop_matmul_f32(float *out, const float *a, long rows, long inner, const float *b, long cols) {
    (void)out; (void)a; (void)rows; (void)inner; (void)b; (void)cols;
    return false;
}

#endif
