/*
 * The precision-independent part of gemm.c (float32) and dgemm.c (float64):
 * packing loops, Goto/BLIS blocking and the exported drivers. Each of those
 * files defines the hand-written parts and then includes this file once:
 *
 *   T                 the element type (float, double)
 *   MR, NR            the micro-kernel's tile (rows of op(A), columns of op(B))
 *   GEMM, GEMM_ROWS, GEMM_PACK_B, GEMM_PACKED_B_SIZE, GEMM_SCRATCH
 *                     the exported names (sgemm, sgemm_rows, ...)
 *   micro_tile(kc, Ap, Bp, C, ldc, first)
 *                     the MR×NR tile C (=|+=) Ap-panel · Bp-panel, with
 *                     first != 0 meaning overwrite
 *   pack_full_panel(x, sp, sk, kc, w, P)
 *                     packs one full panel w wide (w = MR or NR) as pack_panels
 *                     does; returns 0 to leave these strides to pack_panels
 *   GEMM_SMALL(...)    optional: computes a product without packing and returns
 *                     1, or returns 0 to leave it to the blocked path
 *
 * C[M×N] = op(A)[M×K] · op(B)[K×N], row-major, C overwritten (as Gemm in
 * src/kernels/types.ts, with all pointers inside the module's memory). op(B) is
 * packed a KC×NC block at a time into panels NR wide, op(A) an MC×KC block at
 * a time into panels MR tall. Transposition is handled only in the packing, so
 * Aᵀ·B and A·Bᵀ run the same micro-kernel.
 */

#define KC 256
#define MC 128
#define NC 2048

#define GEMM_STR_(x) #x
#define GEMM_STR(x) GEMM_STR_(x)
#define GEMM_EXPORT(name) __attribute__((export_name(GEMM_STR(name)))) name

/* Scratch elements a caller must provide per thread: the A block, the B block, one edge tile. */
int GEMM_EXPORT(GEMM_SCRATCH)(void) { return MC * KC + KC * NC + MR * NR; }

/*
 * P[(p/w)*kc*w + k*w + p%w] = X[p*sp + k*sk] for p < n, zero for p past n: op(A) in panels MR
 * tall (sp = row stride) or op(B) in panels NR wide (sp = column stride). Always inlined so w is
 * a constant in each packing loop.
 */
static inline __attribute__((always_inline)) void pack_panels(const T *X, int sp, int sk, int kc, int n, int w,
                                                              T *P) {
  for (int p = 0; p < n; p += w, X += w * sp, P += w * kc) {
    int m = n - p < w ? n - p : w;
    if (m == w && pack_full_panel(X, sp, sk, kc, w, P)) continue;
    for (int k = 0; k < kc; k++)
      for (int i = 0; i < w; i++) P[k * w + i] = i < m ? X[i * sp + k * sk] : 0;
  }
}

/* op(A) rows [0, mc) (A[i*si + k*sk]) in panels MR tall; op(B) columns [0, nc) (B[k*sk + j*sj]) in panels NR wide. */
static void pack_a(const T *A, int si, int sk, int mc, int kc, T *Ap) { pack_panels(A, si, sk, kc, mc, MR, Ap); }
static void pack_b(const T *B, int sk, int sj, int kc, int nc, T *Bp) { pack_panels(B, sj, sk, kc, nc, NR, Bp); }

/* C rows [ic, ic+mc) (=|+=) op(A) rows · one packed kc×nc block of op(B); the A block is packed into Ap. */
static void block_product(const T *A, int sai, int sak, int M, int kc, int nc, const T *Bp, T *C, int ldc, int first,
                          T *Ap, T *edge) {
  for (int ic = 0; ic < M; ic += MC) {
    int mc = M - ic < MC ? M - ic : MC;
    pack_a(A + ic * sai, sai, sak, mc, kc, Ap);
    for (int jr = 0; jr < nc; jr += NR) {
      int nr = nc - jr < NR ? nc - jr : NR;
      for (int ir = 0; ir < mc; ir += MR) {
        int mr = mc - ir < MR ? mc - ir : MR;
        T *c = C + (ic + ir) * ldc + jr;
        if (mr == MR && nr == NR) {
          micro_tile(kc, Ap + ir * kc, Bp + jr * kc, c, ldc, first);
        } else {
          micro_tile(kc, Ap + ir * kc, Bp + jr * kc, edge, NR, 1);
          for (int i = 0; i < mr; i++)
            for (int j = 0; j < nr; j++) c[i * ldc + j] = first ? edge[i * NR + j] : c[i * ldc + j] + edge[i * NR + j];
        }
      }
    }
  }
}

/* The k-block length: K split into equal blocks of at most KC, so no block is a short remainder
   (K = 784 runs as 4 × 196, not 3 × 256 + 16, whose tile loads/stores would dominate). */
static int k_block(int K) {
  int blocks = (K + KC - 1) / KC;
  return (K + blocks - 1) / blocks;
}

/*
 * C = op(A)·op(B) block by block. packed = 0: each kc×nc block of op(B) (B, strides sbk/sbj) is
 * packed into the scratch B block just before use. packed = 1: Bp holds all of op(B) as
 * GEMM_PACK_B lays it out, and B is unused. scratch: GEMM_SCRATCH() elements.
 */
static void product(int transA, int M, int N, int K, const T *A, int lda, const T *B, int sbk, int sbj, int packed,
                    const T *Bp, T *C, int ldc, T *scratch) {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    for (int i = 0; i < M; i++)
      for (int j = 0; j < N; j++) C[i * ldc + j] = 0;
    return;
  }
  int sai = transA ? 1 : lda, sak = transA ? lda : 1;
  T *Ap = scratch, *Bblock = scratch + MC * KC, *edge = Bblock + KC * NC;
  int kb = k_block(K);
  for (int jc = 0; jc < N; jc += NC) {
    int nc = N - jc < NC ? N - jc : NC;
    int ncp = (nc + NR - 1) / NR * NR;
    for (int pc = 0; pc < K; pc += kb) {
      int kc = K - pc < kb ? K - pc : kb;
      const T *bp = Bp;
      if (packed) {
        Bp += kc * ncp;
      } else {
        pack_b(B + pc * sbk + jc * sbj, sbk, sbj, kc, nc, Bblock);
        bp = Bblock;
      }
      block_product(A + pc * sak, sai, sak, M, kc, nc, bp, C + jc, ldc, pc == 0, Ap, edge);
    }
  }
}

/*
 * transA/transB: 0 or 1. lda/ldb/ldc in elements. scratch: GEMM_SCRATCH() elements, private to
 * the calling thread.
 */
void GEMM_EXPORT(GEMM)(int transA, int transB, int M, int N, int K, const T *A, int lda, const T *B, int ldb, T *C,
                       int ldc, T *scratch) {
#ifdef GEMM_SMALL
  /* an optional unpacked path for small products (see gemm.c) */
  if (GEMM_SMALL(transA, transB, M, N, K, A, lda, B, ldb, C, ldc)) return;
#endif
  product(transA, M, N, K, A, lda, B, transB ? 1 : ldb, transB ? ldb : 1, 0, 0, C, ldc, scratch);
}

/*
 * The same product in two steps, for sharing it between threads: GEMM_PACK_B packs op(B)
 * (K·round_up(N, NR) + NR·K elements, blocks in (jc, pc) order), then any thread computes
 * any range of rows with GEMM_ROWS, which repacks only its own rows of A. The packing is
 * itself cut in `parts`: part p packs the p-th share of the NR-wide panels of every block,
 * so threads can pack disjoint parts at once; parts = 1 packs everything.
 */
int GEMM_EXPORT(GEMM_PACKED_B_SIZE)(int N, int K) { return K * (N + NR * (N / NC + 1)); }

void GEMM_EXPORT(GEMM_PACK_B)(int transB, int N, int K, const T *B, int ldb, T *Bp, int part, int parts) {
  if (K <= 0 || N <= 0) return; /* nothing to pack (and k_block(0) would divide by zero) */
  int sbk = transB ? 1 : ldb, sbj = transB ? ldb : 1;
  int kb = k_block(K);
  for (int jc = 0; jc < N; jc += NC) {
    int nc = N - jc < NC ? N - jc : NC;
    int panels = (nc + NR - 1) / NR;
    int j0 = panels * part / parts * NR, j1 = panels * (part + 1) / parts * NR;
    if (j1 > nc) j1 = nc;
    for (int pc = 0; pc < K; pc += kb) {
      int kc = K - pc < kb ? K - pc : kb;
      if (j1 > j0) pack_b(B + pc * sbk + (jc + j0) * sbj, sbk, sbj, kc, j1 - j0, Bp + j0 * kc);
      Bp += kc * panels * NR;
    }
  }
}

void GEMM_EXPORT(GEMM_ROWS)(int transA, int M, int N, int K, const T *A, int lda, const T *Bp, T *C, int ldc,
                            T *scratch) {
  product(transA, M, N, K, A, lda, 0, 0, 0, 1, Bp, C, ldc, scratch);
}
