// The matrix product's inner loops with the widest registers this processor has. Swift cannot
// compile one function for AVX-512 or AVX2 and the rest of the program for any x86-64, C can; the
// binary still runs anywhere (the caller falls back to its portable SIMD kernel).
//
// Exactness: a product and a sum are two instructions, never one fused multiply-add (which rounds
// once where PyTorch's reference rounds twice), and each lane is one out[i][j] summed over k in
// order; the width of a register changes which elements run side by side, not any element's sum.
//
// Each kernel works on a tile of R rows by V registers of out, held in registers for the whole
// sum over k: per k, V loads of a row of B, R broadcast scalars of A, R·V products and R·V sums.
// R and V are constants in each copy of the tile (the switch below picks the copy), so the
// compiler keeps the tile in registers and unrolls its loops.
#pragma clang fp contract(off)

#include "matmul_kernel.h"

/// Calls TILE(R, V, …) with R and V as constants: R rows (1–4) by V registers (1–4).
#define TILE_CASES(TILE, R, V, ...) \
    switch ((R) * 8 + (V)) { \
    case 1 * 8 + 1: TILE(1, 1, __VA_ARGS__); break; case 1 * 8 + 2: TILE(1, 2, __VA_ARGS__); break; \
    case 1 * 8 + 3: TILE(1, 3, __VA_ARGS__); break; case 1 * 8 + 4: TILE(1, 4, __VA_ARGS__); break; \
    case 2 * 8 + 1: TILE(2, 1, __VA_ARGS__); break; case 2 * 8 + 2: TILE(2, 2, __VA_ARGS__); break; \
    case 2 * 8 + 3: TILE(2, 3, __VA_ARGS__); break; case 2 * 8 + 4: TILE(2, 4, __VA_ARGS__); break; \
    case 3 * 8 + 1: TILE(3, 1, __VA_ARGS__); break; case 3 * 8 + 2: TILE(3, 2, __VA_ARGS__); break; \
    case 3 * 8 + 3: TILE(3, 3, __VA_ARGS__); break; case 3 * 8 + 4: TILE(3, 4, __VA_ARGS__); break; \
    case 4 * 8 + 1: TILE(4, 1, __VA_ARGS__); break; case 4 * 8 + 2: TILE(4, 2, __VA_ARGS__); break; \
    case 4 * 8 + 3: TILE(4, 3, __VA_ARGS__); break; case 4 * 8 + 4: TILE(4, 4, __VA_ARGS__); break; \
    default: break; \
    }

#if defined(__x86_64__)
#include <immintrin.h>

// MARK: AVX-512 — tiles of up to 4 rows by 4 × 16 columns (16 of the 32 registers hold the tile).

/// Lanes [0, n) of a 16-lane register, all when n ≥ 16.
static inline __mmask16 lanes16(long n) { return n >= 16 ? (__mmask16)0xFFFF : (__mmask16)((1u << n) - 1); }

/// The tile at out (R rows, V registers; the last register's lanes in `last`, the rest whole).
/// Lanes past the edge load zeros and store nothing.
__attribute__((target("avx512f"), always_inline))
static inline void tile512(const int R, const int V, float *out, const float *a, long ra, long ka, long inner,
                           const float *b, long cols, __mmask16 last) {
    __m512 acc[4][4];
    for (int r = 0; r < R; r++) for (int v = 0; v < V; v++) acc[r][v] = _mm512_setzero_ps();
    for (long k = 0; k < inner; k++) {
        const float *row = b + k * cols;
        __m512 bv[4];
        for (int v = 0; v < V; v++) bv[v] = _mm512_maskz_loadu_ps(v == V - 1 ? last : (__mmask16)0xFFFF, row + 16 * v);
        for (int r = 0; r < R; r++) {
            __m512 s = _mm512_set1_ps(a[r * ra + k * ka]);
            for (int v = 0; v < V; v++) acc[r][v] = _mm512_add_ps(acc[r][v], _mm512_mul_ps(s, bv[v]));
        }
    }
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) _mm512_mask_storeu_ps(out + r * cols + 16 * v, v == V - 1 ? last : (__mmask16)0xFFFF, acc[r][v]);
}

#define TILE512(R, V, out, a, ra, ka, inner, b, cols, last) tile512(R, V, out, a, ra, ka, inner, b, cols, last)

__attribute__((target("avx512f")))
static void product_avx512(float *out, const float *a, long ra, long ka, long rows, long inner, const float *b, long cols) {
    for (long i = 0; i < rows; i += 4) {
        int R = rows - i >= 4 ? 4 : (int)(rows - i);
        for (long j = 0; j < cols; j += 64) {
            long left = cols - j;
            int V = left >= 64 ? 4 : (int)((left + 15) / 16);
            __mmask16 last = lanes16(left - 16 * (V - 1));
            TILE_CASES(TILE512, R, V, out + i * cols + j, a + i * ra, ra, ka, inner, b + j, cols, last)
        }
    }
}

// MARK: AVX2 — tiles of up to 4 rows by 2 × 8 columns (8 of the 16 registers hold the tile).

/// Lanes [0, n) of an 8-lane register as AVX2's masked moves take them (a lane's top bit).
__attribute__((target("avx2")))
static inline __m256i lanes8(long n) {
    const __m256i index = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    return _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(n >= 8 ? 8 : n)), index);
}

/// As tile512; P: the last register is partial (masked moves), else every register is whole.
__attribute__((target("avx2"), always_inline))
static inline void tile256(const int R, const int V, const int P, float *out, const float *a, long ra, long ka, long inner,
                           const float *b, long cols, __m256i last) {
    __m256 acc[4][2];
    for (int r = 0; r < R; r++) for (int v = 0; v < V; v++) acc[r][v] = _mm256_setzero_ps();
    for (long k = 0; k < inner; k++) {
        const float *row = b + k * cols;
        __m256 bv[2];
        for (int v = 0; v < V; v++) bv[v] = P && v == V - 1 ? _mm256_maskload_ps(row + 8 * v, last) : _mm256_loadu_ps(row + 8 * v);
        for (int r = 0; r < R; r++) {
            __m256 s = _mm256_set1_ps(a[r * ra + k * ka]);
            for (int v = 0; v < V; v++) acc[r][v] = _mm256_add_ps(acc[r][v], _mm256_mul_ps(s, bv[v]));
        }
    }
    for (int r = 0; r < R; r++)
        for (int v = 0; v < V; v++) {
            if (P && v == V - 1) _mm256_maskstore_ps(out + r * cols + 8 * v, last, acc[r][v]);
            else _mm256_storeu_ps(out + r * cols + 8 * v, acc[r][v]);
        }
}

#define TILE256(R, V, P, out, a, ra, ka, inner, b, cols, last) tile256(R, V, P, out, a, ra, ka, inner, b, cols, last)
#define TILE256_WHOLE(R, V, ...) TILE256(R, V, 0, __VA_ARGS__)
#define TILE256_PARTIAL(R, V, ...) TILE256(R, V, 1, __VA_ARGS__)

__attribute__((target("avx2")))
static void product_avx2(float *out, const float *a, long ra, long ka, long rows, long inner, const float *b, long cols) {
    for (long i = 0; i < rows; i += 4) {
        int R = rows - i >= 4 ? 4 : (int)(rows - i);
        for (long j = 0; j < cols; j += 16) {
            long left = cols - j;
            int V = left >= 16 ? 2 : (int)((left + 7) / 8);
            long inLast = left - 8 * (V - 1);
            if (inLast >= 8) {
                TILE_CASES(TILE256_WHOLE, R, V, out + i * cols + j, a + i * ra, ra, ka, inner, b + j, cols, _mm256_setzero_si256())
            } else {
                TILE_CASES(TILE256_PARTIAL, R, V, out + i * cols + j, a + i * ra, ra, ka, inner, b + j, cols, lanes8(inLast))
            }
        }
    }
}

unsigned backprop_matmul_kernels(void) {
    unsigned kernels = 0;
    if (__builtin_cpu_supports("avx2")) kernels |= 1u << BACKPROP_KERNEL_AVX2;
    if (__builtin_cpu_supports("avx512f")) kernels |= 1u << BACKPROP_KERNEL_AVX512;
    return kernels;
}

bool backprop_matmul_f32(int kernel, float *out, const float *a, long a_row_step, long a_k_step, long rows, long inner,
                         const float *b, long cols) {
    if (!(backprop_matmul_kernels() & (1u << kernel))) return false;
    if (rows <= 0 || cols <= 0) return true;
    switch (kernel) {
    case BACKPROP_KERNEL_AVX512: product_avx512(out, a, a_row_step, a_k_step, rows, inner, b, cols); return true;
    case BACKPROP_KERNEL_AVX2: product_avx2(out, a, a_row_step, a_k_step, rows, inner, b, cols); return true;
    default: return false;
    }
}

#elif defined(__aarch64__)
#include <arm_neon.h>

// MARK: NEON — tiles of up to 4 rows by 4 × 4 columns (16 of the 32 registers hold the tile).

/// As tile512, every register whole (the last columns, fewer than 4, go by `columns_by_loop`).
__attribute__((always_inline))
static inline void tile128(const int R, const int V, float *out, const float *a, long ra, long ka, long inner,
                           const float *b, long cols) {
    float32x4_t acc[4][4];
    for (int r = 0; r < R; r++) for (int v = 0; v < V; v++) acc[r][v] = vdupq_n_f32(0);
    for (long k = 0; k < inner; k++) {
        const float *row = b + k * cols;
        float32x4_t bv[4];
        for (int v = 0; v < V; v++) bv[v] = vld1q_f32(row + 4 * v);
        for (int r = 0; r < R; r++) {
            float32x4_t s = vdupq_n_f32(a[r * ra + k * ka]);
            for (int v = 0; v < V; v++) acc[r][v] = vaddq_f32(acc[r][v], vmulq_f32(s, bv[v]));
        }
    }
    for (int r = 0; r < R; r++) for (int v = 0; v < V; v++) vst1q_f32(out + r * cols + 4 * v, acc[r][v]);
}

#define TILE128(R, V, out, a, ra, ka, inner, b, cols) tile128(R, V, out, a, ra, ka, inner, b, cols)

/// Columns [from, cols) of `rows` rows, one sum at a time (the naive loop itself).
static void columns_by_loop(float *out, const float *a, long ra, long ka, long rows, long inner, const float *b, long cols, long from) {
    for (long i = 0; i < rows; i++)
        for (long j = from; j < cols; j++) {
            float sum = 0;
            for (long k = 0; k < inner; k++) sum = sum + a[i * ra + k * ka] * b[k * cols + j];
            out[i * cols + j] = sum;
        }
}

static void product_neon(float *out, const float *a, long ra, long ka, long rows, long inner, const float *b, long cols) {
    long whole = cols - cols % 4;
    for (long i = 0; i < rows; i += 4) {
        int R = rows - i >= 4 ? 4 : (int)(rows - i);
        for (long j = 0; j < whole; j += 16) {
            long left = whole - j;
            int V = left >= 16 ? 4 : (int)(left / 4);
            TILE_CASES(TILE128, R, V, out + i * cols + j, a + i * ra, ra, ka, inner, b + j, cols)
        }
    }
    if (whole < cols) columns_by_loop(out, a, ra, ka, rows, inner, b, cols, whole);
}

unsigned backprop_matmul_kernels(void) { return 1u << BACKPROP_KERNEL_NEON; }

bool backprop_matmul_f32(int kernel, float *out, const float *a, long a_row_step, long a_k_step, long rows, long inner,
                         const float *b, long cols) {
    if (kernel != BACKPROP_KERNEL_NEON) return false;
    if (rows > 0 && cols > 0) product_neon(out, a, a_row_step, a_k_step, rows, inner, b, cols);
    return true;
}

#else

unsigned backprop_matmul_kernels(void) { return 0; }

bool backprop_matmul_f32(int kernel, float *out, const float *a, long a_row_step, long a_k_step, long rows, long inner,
                         const float *b, long cols) {
    (void)kernel; (void)out; (void)a; (void)a_row_step; (void)a_k_step; (void)rows; (void)inner; (void)b; (void)cols;
    return false;
}

#endif
