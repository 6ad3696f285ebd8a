//! Matrix products `C = α·A·B + β·C` for the cells and the head.
//!
//! Natively this is ndarray's `general_mat_mul` (matrixmultiply, with AVX2/FMA kernels).
//! matrixmultiply has no WebAssembly SIMD kernel, so in the browser `f32` products use the
//! blocked kernel below, written once over a 4-lane type ([`Lanes`]): `v128` SIMD128 on wasm32,
//! a plain array elsewhere so native tests check the blocking, packing and edge handling.
//!
//! Kernel layout: B is cut into panels of [`NR`] columns (used in place when its rows are
//! contiguous, otherwise packed `kc × NR`), K into blocks of [`KC`] so a panel stays in L1, and
//! A is read in place [`MR`] rows at a time (row- or column-major alike: a broadcast load per
//! element). The `MR × NR` accumulator tile lives in registers. With fewer than [`MR`] rows (batch
//! 1, the char model), column-contiguous B (`h · W_hhᵀ`) makes rows dot products and
//! row-contiguous B (`∂G · W_hh`) sums of B's rows.

use super::Float;
use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayBase, ArrayView2, ArrayViewMut2, Data, DataMut, Ix2};

/// `c = α·a·b + β·c` with the crate's fastest kernel for `F` on this target.
/// a: `[m, k]`, b: `[k, n]`, c: `[m, n]`, any strides. `β = 0` ignores c's old values.
pub(crate) fn gemm<F, S1, S2, S3>(
    alpha: F,
    a: &ArrayBase<S1, Ix2>,
    b: &ArrayBase<S2, Ix2>,
    beta: F,
    c: &mut ArrayBase<S3, Ix2>,
) where
    F: Float,
    S1: Data<Elem = F>,
    S2: Data<Elem = F>,
    S3: DataMut<Elem = F>,
{
    record(a.view(), b.view(), beta == F::zero());
    F::gemm(alpha, a.view(), b.view(), beta, c.view_mut());
}

/// One product a training step made, as the benchmark replays it: `[m, k] · [k, n]` and
/// whether each operand was read column-major (a transposed view, `Wᵀ`, `∂Gᵀ`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ProductRecord {
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub a_col_major: bool,
    pub b_col_major: bool,
    pub beta_zero: bool,
}

impl ProductRecord {
    /// Floating-point operations: `2·m·n·k`.
    pub fn flops(&self) -> f64 {
        2.0 * (self.m * self.n * self.k) as f64
    }
}

thread_local! {
    /// The products of this thread while [`record_products`] runs.
    static RECORDED: std::cell::RefCell<Option<Vec<ProductRecord>>> =
        const { std::cell::RefCell::new(None) };
}

fn record<F>(a: ArrayView2<'_, F>, b: ArrayView2<'_, F>, beta_zero: bool) {
    RECORDED.with(|r| {
        if let Some(list) = r.borrow_mut().as_mut() {
            let col_major = |v: &ArrayView2<'_, F>| v.strides()[1] != 1 && v.strides()[0] == 1;
            list.push(ProductRecord {
                m: a.nrows(),
                n: b.ncols(),
                k: a.ncols(),
                a_col_major: col_major(&a),
                b_col_major: col_major(&b),
                beta_zero,
            });
        }
    });
}

/// Benchmarks: runs `f` and returns the products it made on this thread, in order.
#[doc(hidden)]
pub fn record_products<R>(f: impl FnOnce() -> R) -> (R, Vec<ProductRecord>) {
    RECORDED.with(|r| *r.borrow_mut() = Some(Vec::new()));
    let out = f();
    let list = RECORDED.with(|r| r.borrow_mut().take()).unwrap_or_default();
    (out, list)
}

thread_local! {
    /// Tests: run every native f32 product on the portable kernel (the browser's kernel with
    /// plain lanes), not only the small ones.
    static FORCE_PORTABLE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Tests only: every native `f32` product of this thread on the portable blocked kernel, so
/// native tests exercise the tiling the browser runs (with SIMD128 lanes there).
#[doc(hidden)]
pub fn force_portable_kernel(on: bool) {
    FORCE_PORTABLE.with(|f| f.set(on));
}

#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code)
)]
pub(crate) fn portable_forced() -> bool {
    FORCE_PORTABLE.with(|f| f.get())
}

/// The default product: ndarray's (matrixmultiply).
pub(crate) fn ndarray_gemm<F: Float>(
    alpha: F,
    a: ArrayView2<'_, F>,
    b: ArrayView2<'_, F>,
    beta: F,
    mut c: ArrayViewMut2<'_, F>,
) {
    general_mat_mul(alpha, &a, &b, beta, &mut c);
}

/// Rows of the register tile. 4 × 8 (8 accumulators) measured fastest in V8: 5 × 8 and 6 × 8
/// spill registers and run at two thirds of the speed (also with relaxed SIMD's fused
/// multiply-add, which made 4 × 8 about 15% faster in Chromium 156 but is not used: browsers
/// without relaxed SIMD would refuse the whole module, so it would need a second worker build).
pub(crate) const MR: usize = 4;
/// Columns of the register tile (two 4-lane vectors).
pub(crate) const NR: usize = 8;
/// Depth of one K block: a packed `KC × NR` panel is 8 KiB.
pub(crate) const KC: usize = 256;
const NV: usize = NR / 4;

/// Four `f32` lanes with the operations the kernel needs.
pub(crate) trait Lanes: Copy {
    fn zero() -> Self;
    fn splat(v: f32) -> Self;
    /// # Safety
    /// `p..p+4` must be readable.
    unsafe fn load(p: *const f32) -> Self;
    /// # Safety
    /// `p..p+4` must be writable.
    unsafe fn store(self, p: *mut f32);
    fn add(self, o: Self) -> Self;
    fn mul(self, o: Self) -> Self;
    /// Sum of the four lanes.
    fn sum(self) -> f32;
}

/// Portable lanes (native small products and tests; the optimiser vectorises them).
#[derive(Clone, Copy, Debug)]
#[cfg_attr(
    all(target_arch = "wasm32", target_feature = "simd128"),
    allow(dead_code) // the browser uses Simd128
)]
pub(crate) struct Portable([f32; 4]);

impl Lanes for Portable {
    #[inline(always)]
    fn zero() -> Self {
        Portable([0.0; 4])
    }
    #[inline(always)]
    fn splat(v: f32) -> Self {
        Portable([v; 4])
    }
    #[inline(always)]
    unsafe fn load(p: *const f32) -> Self {
        // SAFETY: the caller guarantees 4 readable floats.
        Portable(unsafe { std::ptr::read_unaligned(p as *const [f32; 4]) })
    }
    #[inline(always)]
    unsafe fn store(self, p: *mut f32) {
        // SAFETY: the caller guarantees 4 writable floats.
        unsafe { std::ptr::write_unaligned(p as *mut [f32; 4], self.0) }
    }
    #[inline(always)]
    fn add(self, o: Self) -> Self {
        Portable(std::array::from_fn(|i| self.0[i] + o.0[i]))
    }
    #[inline(always)]
    fn mul(self, o: Self) -> Self {
        Portable(std::array::from_fn(|i| self.0[i] * o.0[i]))
    }
    #[inline(always)]
    fn sum(self) -> f32 {
        (self.0[0] + self.0[2]) + (self.0[1] + self.0[3])
    }
}

/// WebAssembly SIMD128 lanes.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) mod simd128 {
    use super::Lanes;
    use core::arch::wasm32::*;

    #[derive(Clone, Copy)]
    pub(crate) struct Simd128(v128);

    impl Lanes for Simd128 {
        #[inline(always)]
        fn zero() -> Self {
            Simd128(f32x4_splat(0.0))
        }
        #[inline(always)]
        fn splat(v: f32) -> Self {
            Simd128(f32x4_splat(v))
        }
        #[inline(always)]
        unsafe fn load(p: *const f32) -> Self {
            // SAFETY: the caller guarantees 4 readable floats; v128 loads may be unaligned.
            Simd128(unsafe { v128_load(p as *const v128) })
        }
        #[inline(always)]
        unsafe fn store(self, p: *mut f32) {
            // SAFETY: the caller guarantees 4 writable floats; v128 stores may be unaligned.
            unsafe { v128_store(p as *mut v128, self.0) }
        }
        #[inline(always)]
        fn add(self, o: Self) -> Self {
            Simd128(f32x4_add(self.0, o.0))
        }
        #[inline(always)]
        fn mul(self, o: Self) -> Self {
            Simd128(f32x4_mul(self.0, o.0))
        }
        #[inline(always)]
        fn sum(self) -> f32 {
            let v = self.0;
            // (v0 + v2) + (v1 + v3), the same order as the portable lanes.
            let hi = i32x4_shuffle::<2, 3, 0, 1>(v, v);
            let s = f32x4_add(v, hi);
            let s1 = i32x4_shuffle::<1, 0, 3, 2>(s, s);
            f32x4_extract_lane::<0>(f32x4_add(s, s1))
        }
    }
}

/// A strided matrix read in place.
#[derive(Clone, Copy)]
struct Strided {
    ptr: *const f32,
    rs: isize,
    cs: isize,
}

impl Strided {
    /// A view's pointer and strides.
    fn of(v: &ArrayView2<'_, f32>) -> Self {
        Strided {
            ptr: v.as_ptr(),
            rs: v.strides()[0],
            cs: v.strides()[1],
        }
    }

    /// # Safety
    /// `(i, j)` must lie inside the matrix.
    #[inline(always)]
    unsafe fn at(&self, i: usize, j: usize) -> *const f32 {
        // SAFETY: in bounds by the caller's contract.
        unsafe { self.ptr.offset(i as isize * self.rs + j as isize * self.cs) }
    }
}

/// One product `c = α·a·b + β·c` as the kernels see it: `a` is `m × k`, `b` is `k × n`, and
/// `c` is written at `c + i·crs + j·ccs`.
#[derive(Clone, Copy)]
struct Product {
    m: usize,
    n: usize,
    k: usize,
    alpha: f32,
    a: Strided,
    b: Strided,
    beta: f32,
    c: *mut f32,
    crs: isize,
    ccs: isize,
}

type Parts = (
    usize,
    usize,
    usize,
    f32,
    Strided,
    Strided,
    f32,
    *mut f32,
    isize,
    isize,
);

impl Product {
    /// `(m, n, k, α, a, b, β, c, c's row stride, c's column stride)`.
    fn parts(self) -> Parts {
        let p = self;
        (p.m, p.n, p.k, p.alpha, p.a, p.b, p.beta, p.c, p.crs, p.ccs)
    }

    /// The same product transposed, `cᵀ = α·bᵀ·aᵀ + β·cᵀ`: every element is the same sum in
    /// the same order, so the result is identical to the bit.
    fn transposed(self) -> Self {
        let flip = |s: Strided| Strided {
            ptr: s.ptr,
            rs: s.cs,
            cs: s.rs,
        };
        Product {
            m: self.n,
            n: self.m,
            a: flip(self.b),
            b: flip(self.a),
            crs: self.ccs,
            ccs: self.crs,
            ..self
        }
    }

    /// Whether the blocked kernel does at least a tenth less work on the transposed product:
    /// its tiles pad C's columns to [`NR`] (`[256, 28]`, the input weights' gradient of the
    /// MNIST rows, computes 32 columns; transposed, `[28, 256]` pads nothing).
    fn better_transposed(&self) -> bool {
        let padded = |m: usize, n: usize| m * n.next_multiple_of(NR);
        padded(self.n, self.m) * 10 < padded(self.m, self.n) * 9
    }
}

/// `c = α·a·b + β·c` in `f32` with lanes `V`. Shapes are checked by the caller's ndarray views.
pub(crate) fn sgemm<V: Lanes>(
    alpha: f32,
    a: ArrayView2<'_, f32>,
    b: ArrayView2<'_, f32>,
    beta: f32,
    mut c: ArrayViewMut2<'_, f32>,
) {
    let (m, k) = a.dim();
    let (kb, n) = b.dim();
    assert!(
        k == kb && c.dim() == (m, n),
        "gemm shapes: a {:?}, b {:?}, c {:?}",
        a.dim(),
        b.dim(),
        c.dim()
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 || alpha == 0.0 {
        if beta == 0.0 {
            c.fill(0.0);
        } else if beta != 1.0 {
            c.mapv_inplace(|v| v * beta);
        }
        return;
    }
    let (sa, sb) = (Strided::of(&a), Strided::of(&b));
    let (crs, ccs) = (c.strides()[0], c.strides()[1]);
    let cp = c.as_mut_ptr();
    // SAFETY: every index below stays inside the views' shapes, which ndarray guarantees are
    // backed by valid memory at the given strides; c does not alias a or b (&mut borrow).
    unsafe {
        let p = Product {
            m,
            n,
            k,
            alpha,
            a: sa,
            b: sb,
            beta,
            c: cp,
            crs,
            ccs,
        };
        if m < MR && sa.cs == 1 && sb.rs == 1 && k >= 8 {
            dot_rows::<V>(p);
        } else if m < MR && sb.cs == 1 && n >= 4 {
            axpy_rows::<V>(p);
        } else if p.better_transposed() {
            blocked::<V>(p.transposed());
        } else {
            blocked::<V>(p);
        }
    }
}

/// `*c = α·s + β·c` (`β = 0` ignores the old value, which may be NaN).
///
/// # Safety
/// `c` must be valid for reads and writes.
#[inline(always)]
unsafe fn store(c: *mut f32, alpha: f32, s: f32, beta: f32) {
    // SAFETY: by the caller's contract.
    unsafe {
        *c = if beta == 0.0 {
            alpha * s
        } else {
            alpha * s + beta * *c
        };
    }
}

/// Rows of C as dot products of A's contiguous rows with B's contiguous columns.
unsafe fn dot_rows<V: Lanes>(p: Product) {
    let (m, n, k, alpha, a, b, beta, c, crs, ccs) = p.parts();
    let k4 = k - k % 4;
    for i in 0..m {
        // SAFETY (whole block): i < m, j < n, p < k.
        unsafe {
            let ar = a.at(i, 0);
            let mut j = 0;
            while j < n {
                let cols = (n - j).min(4);
                let mut acc = [V::zero(); 4];
                let mut p = 0;
                while p < k4 {
                    let av = V::load(ar.add(p));
                    for (q, acc) in acc.iter_mut().enumerate().take(cols) {
                        *acc = acc.add(av.mul(V::load(b.at(p, j + q))));
                    }
                    p += 4;
                }
                for (q, acc) in acc.iter().enumerate().take(cols) {
                    let mut s = acc.sum();
                    for p in k4..k {
                        s += *ar.add(p) * *b.at(p, j + q);
                    }
                    store(
                        c.offset(i as isize * crs + (j + q) as isize * ccs),
                        alpha,
                        s,
                        beta,
                    );
                }
                j += 4;
            }
        }
    }
}

/// Columns of C one pass of [`axpy_rows`] accumulates (four vectors).
const AXPY_COLS: usize = 16;

/// Fewer than [`MR`] rows and row-contiguous B (`∂G · W_hh` at batch 1): a row of C is the rows
/// of B scaled by the row of A and summed, [`AXPY_COLS`] columns at a time in registers. The
/// blocked kernel would compute a whole `MR`-row tile for each of these rows.
unsafe fn axpy_rows<V: Lanes>(p: Product) {
    let (m, n, k, alpha, a, b, beta, c, crs, ccs) = p.parts();
    const W: usize = AXPY_COLS / 4;
    let put = |i: usize, j: usize, s: f32| {
        // SAFETY: the callers below pass i < m and j < n.
        unsafe {
            store(
                c.offset(i as isize * crs + j as isize * ccs),
                alpha,
                s,
                beta,
            )
        }
    };
    for i in 0..m {
        // SAFETY (whole block): i < m, p < k, and every column read is below n.
        unsafe {
            let mut j = 0;
            // Full chunks: a fixed number of accumulators, so they stay in registers.
            while j + AXPY_COLS <= n {
                let mut acc = [V::zero(); W];
                for p in 0..k {
                    let splat = V::splat(*a.at(i, p));
                    let row = b.at(p, j);
                    for (v, acc) in acc.iter_mut().enumerate() {
                        *acc = acc.add(splat.mul(V::load(row.add(4 * v))));
                    }
                }
                let mut out = [0.0f32; AXPY_COLS];
                for (v, acc) in acc.iter().enumerate() {
                    acc.store(out.as_mut_ptr().add(4 * v));
                }
                for (q, s) in out.iter().enumerate() {
                    put(i, j + q, *s);
                }
                j += AXPY_COLS;
            }
            // The last columns in one more pass: up to three vectors, then up to three floats.
            let (vecs, tail) = ((n - j) / 4, (n - j) % 4);
            if vecs + tail > 0 {
                let mut acc = [V::zero(); 3];
                let mut rest = [0.0f32; 3];
                for p in 0..k {
                    let av = *a.at(i, p);
                    let splat = V::splat(av);
                    let row = b.at(p, j);
                    // Constant indices under predictable branches keep `acc` in registers.
                    if vecs > 0 {
                        acc[0] = acc[0].add(splat.mul(V::load(row)));
                    }
                    if vecs > 1 {
                        acc[1] = acc[1].add(splat.mul(V::load(row.add(4))));
                    }
                    if vecs > 2 {
                        acc[2] = acc[2].add(splat.mul(V::load(row.add(8))));
                    }
                    for (q, r) in rest.iter_mut().enumerate().take(tail) {
                        *r += av * *row.add(4 * vecs + q);
                    }
                }
                // Up to 3 vectors and 3 floats: 15 columns (13–15 when n mod 16 is 13–15).
                let mut out = [0.0f32; AXPY_COLS];
                for (v, acc) in acc.iter().enumerate() {
                    acc.store(out.as_mut_ptr().add(4 * v));
                }
                out[4 * vecs..4 * vecs + tail].copy_from_slice(&rest[..tail]);
                for (q, s) in out.iter().enumerate().take(4 * vecs + tail) {
                    put(i, j + q, *s);
                }
            }
        }
    }
}

/// Rows of A packed per block: `MC × KC` floats (128 KiB) stay in L2 while every B panel
/// passes over them.
pub(crate) const MC: usize = 64;
/// Below this many rows a row-contiguous B is read in place: packing it would cost as much as
/// the product.
const PACK_B_MIN_M: usize = 16;

thread_local! {
    /// Packing buffers reused across calls (A block, B block).
    static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<f32>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// The blocked product: K blocks × M blocks (A packed in `MR`-row micro-panels) × `NR`-column
/// panels of B (packed `kc × NR`, or read in place) × register tiles.
unsafe fn blocked<V: Lanes>(p: Product) {
    let (m, n, k, alpha, a, b, beta, c, crs, ccs) = p.parts();
    SCRATCH.with(|scratch| {
        let mut scratch = scratch.borrow_mut();
        let (apack, bpack) = &mut *scratch;
        let panels = n.div_ceil(NR);
        let b_in_place = b.cs == 1 && m < PACK_B_MIN_M;
        apack.resize(MC.min(m).next_multiple_of(MR) * KC.min(k), 0.0);
        bpack.resize(panels * NR * KC.min(k), 0.0);
        let mut pc = 0;
        while pc < k {
            let kc = (k - pc).min(KC);
            // Later K blocks add to what the first wrote.
            let beta_blk = if pc == 0 { beta } else { 1.0 };
            // SAFETY (whole block): every (row, col) read or written is inside a, b or c, and
            // the packed buffers were sized for the largest block above.
            unsafe {
                // B panels of this K block: [panel][p][NR], zero-padded past column n.
                for jp in 0..panels {
                    let (jc, nr) = (jp * NR, (n - jp * NR).min(NR));
                    if b_in_place && nr == NR {
                        continue;
                    }
                    let dst = &mut bpack[jp * NR * kc..(jp + 1) * NR * kc];
                    for p in 0..kc {
                        for q in 0..NR {
                            dst[p * NR + q] = if q < nr { *b.at(pc + p, jc + q) } else { 0.0 };
                        }
                    }
                }
                let mut ic = 0;
                while ic < m {
                    let mc = (m - ic).min(MC);
                    // A block: [micro-panel][p][MR], zero-padded past row m.
                    for ip in 0..mc.div_ceil(MR) {
                        let dst = &mut apack[ip * MR * kc..(ip + 1) * MR * kc];
                        let rows = (mc - ip * MR).min(MR);
                        for p in 0..kc {
                            for i in 0..MR {
                                dst[p * MR + i] = if i < rows {
                                    *a.at(ic + ip * MR + i, pc + p)
                                } else {
                                    0.0
                                };
                            }
                        }
                    }
                    // Row micro-panels outer, B panels inner: each tile row of C is written
                    // left to right (sequential memory), the A micro-panel stays in L1.
                    let mut ir = 0;
                    while ir < mc {
                        let mr = (mc - ir).min(MR);
                        let ap = apack.as_ptr().add(ir * kc);
                        for jp in 0..panels {
                            let (jc, nr) = (jp * NR, (n - jp * NR).min(NR));
                            let (bp, brs) = if b_in_place && nr == NR {
                                (b.at(pc, jc), b.rs)
                            } else {
                                (bpack.as_ptr().add(jp * NR * kc), NR as isize)
                            };
                            let cb = c.offset((ic + ir) as isize * crs + jc as isize * ccs);
                            tile_rows::<V>(mr, kc, ap, bp, brs, alpha, beta_blk, cb, crs, ccs, nr);
                        }
                        ir += MR;
                    }
                    ic += MC;
                }
            }
            pc += KC;
        }
    });
}

/// [`tile`] for `mr ≤ MR` rows (the last micro-panel of A may be short).
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn tile_rows<V: Lanes>(
    mr: usize,
    kc: usize,
    a: *const f32,
    b: *const f32,
    brs: isize,
    alpha: f32,
    beta: f32,
    c: *mut f32,
    crs: isize,
    ccs: isize,
    nr: usize,
) {
    // SAFETY: forwarded contract of `tile`.
    unsafe {
        match mr {
            4 => tile::<V, 4>(kc, a, b, brs, alpha, beta, c, crs, ccs, nr),
            3 => tile::<V, 3>(kc, a, b, brs, alpha, beta, c, crs, ccs, nr),
            2 => tile::<V, 2>(kc, a, b, brs, alpha, beta, c, crs, ccs, nr),
            _ => tile::<V, 1>(kc, a, b, brs, alpha, beta, c, crs, ccs, nr),
        }
    }
}

/// One `R × NR` tile of C from an A micro-panel (`[p][MR]`, first `R` rows used) and an NR-wide
/// B panel (row stride `brs`), over `kc` steps of K; only the first `nr` columns are stored.
#[allow(clippy::too_many_arguments)]
#[inline(always)]
unsafe fn tile<V: Lanes, const R: usize>(
    kc: usize,
    a: *const f32,
    b: *const f32,
    brs: isize,
    alpha: f32,
    beta: f32,
    c: *mut f32,
    crs: isize,
    ccs: isize,
    nr: usize,
) {
    let mut acc = [[V::zero(); NV]; R];
    // SAFETY (whole block): p < kc rows of both panels (A's has MR floats per row, B's NR
    // readable columns), i < R rows of C, q < nr columns of C.
    unsafe {
        for p in 0..kc {
            let bp = b.offset(p as isize * brs);
            let bv: [V; NV] = std::array::from_fn(|v| V::load(bp.add(4 * v)));
            let ap = a.add(p * MR);
            for (i, acc) in acc.iter_mut().enumerate() {
                let av = V::splat(*ap.add(i));
                for (acc, bv) in acc.iter_mut().zip(bv.iter()) {
                    *acc = acc.add(av.mul(*bv)); // c_ij += a_ip · b_pj
                }
            }
        }
        let (va, vb) = (V::splat(alpha), V::splat(beta));
        for (i, acc) in acc.iter().enumerate() {
            let ci = c.offset(i as isize * crs);
            if ccs == 1 && nr == NR {
                for (v, acc) in acc.iter().enumerate() {
                    let out = ci.add(4 * v);
                    let r = if beta == 0.0 {
                        va.mul(*acc)
                    } else {
                        va.mul(*acc).add(vb.mul(V::load(out)))
                    };
                    r.store(out);
                }
            } else {
                let mut row = [0.0f32; NR];
                for (v, acc) in acc.iter().enumerate() {
                    acc.store(row.as_mut_ptr().add(4 * v));
                }
                for (q, &s) in row.iter().enumerate().take(nr) {
                    store(ci.offset(q as isize * ccs), alpha, s, beta);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{s, Array2, ShapeBuilder};

    fn naive(
        alpha: f32,
        a: &ArrayView2<f32>,
        b: &ArrayView2<f32>,
        beta: f32,
        c: &Array2<f32>,
    ) -> Array2<f32> {
        let mut out = c.clone();
        for i in 0..a.nrows() {
            for j in 0..b.ncols() {
                let s: f64 = (0..a.ncols())
                    .map(|p| a[[i, p]] as f64 * b[[p, j]] as f64)
                    .sum();
                let old = if beta == 0.0 {
                    0.0
                } else {
                    beta as f64 * c[[i, j]] as f64
                };
                out[[i, j]] = (alpha as f64 * s + old) as f32;
            }
        }
        out
    }

    fn filled(r: usize, c: usize, seed: usize, col_major: bool) -> Array2<f32> {
        let f = |(i, j): (usize, usize)| (((i * 31 + j * 17 + seed * 7) % 23) as f32 - 11.0) / 8.0;
        if col_major {
            Array2::from_shape_fn((r, c).f(), f)
        } else {
            Array2::from_shape_fn((r, c), f)
        }
    }

    #[test]
    fn portable_kernel_matches_the_naive_product_for_every_shape_and_layout() {
        let sizes = [1, 2, 3, 4, 5, 7, 8, 9, 16, 35, 37];
        for &m in &sizes {
            for &n in &sizes {
                for &k in &[1, 3, 8, 35, 300] {
                    for layout in 0..4 {
                        let a = filled(m, k, 1, layout & 1 == 1);
                        let b = filled(k, n, 2, layout & 2 == 2);
                        for &(alpha, beta) in &[(1.0, 0.0), (1.0, 1.0), (0.5, -2.0)] {
                            let mut c = filled(m, n, 3, false);
                            if beta == 0.0 {
                                c.fill(f32::NAN); // β = 0 must ignore old values
                            }
                            let want = naive(alpha, &a.view(), &b.view(), beta, &c);
                            sgemm::<Portable>(alpha, a.view(), b.view(), beta, c.view_mut());
                            let err = (&c - &want).iter().fold(0.0f32, |e, v| e.max(v.abs()));
                            assert!(err < 1e-3, "m={m} n={n} k={k} layout={layout}: {err}");
                        }
                    }
                }
            }
        }
    }

    /// Every residue of the column count modulo the widest column chunk (16) and of the row
    /// count modulo the tile height (4), on every path (dot rows, axpy rows, blocked), with
    /// both layouts of B. `n mod 16` of 13–15 once overflowed the axpy tail (hidden 13).
    #[test]
    fn portable_kernel_covers_every_residue_of_rows_and_columns() {
        for m in 1..=9 {
            for n in 1..=2 * AXPY_COLS + 1 {
                for &k in &[1, 7, 13, 35] {
                    for layout in 0..4 {
                        let a = filled(m, k, 4, layout & 1 == 1);
                        let b = filled(k, n, 5, layout & 2 == 2);
                        let mut c = Array2::from_elem((m, n), f32::NAN);
                        let want = naive(1.0, &a.view(), &b.view(), 0.0, &c);
                        sgemm::<Portable>(1.0, a.view(), b.view(), 0.0, c.view_mut());
                        let err = (&c - &want).iter().fold(0.0f32, |e, v| e.max(v.abs()));
                        assert!(err < 1e-3, "m={m} n={n} k={k} layout={layout}: {err}");
                    }
                }
            }
        }
    }

    /// The blocked kernel computes some products transposed (fewer padded columns); each
    /// element must be the same sum in the same order, so both ways agree to the bit.
    #[test]
    fn a_transposed_product_is_identical_to_the_bit() {
        let mut transposed = 0;
        for m in [4, 5, 9, 28, 64, 256] {
            for n in [1, 3, 9, 13, 28, 35, 64] {
                for k in [1, 7, 300] {
                    for layout in 0..4 {
                        let a = filled(m, k, 6, layout & 1 == 1);
                        let b = filled(k, n, 7, layout & 2 == 2);
                        let c0 = filled(m, n, 8, false);
                        let (mut c1, mut c2) = (c0.clone(), c0.clone());
                        let product = |c: &mut Array2<f32>| Product {
                            m,
                            n,
                            k,
                            alpha: 0.5,
                            a: Strided::of(&a.view()),
                            b: Strided::of(&b.view()),
                            beta: -2.0,
                            c: c.as_mut_ptr(),
                            crs: c.strides()[0],
                            ccs: c.strides()[1],
                        };
                        let p = product(&mut c1);
                        transposed += usize::from(p.better_transposed());
                        // SAFETY: the products' views describe a, b and c exactly.
                        unsafe {
                            blocked::<Portable>(p);
                            blocked::<Portable>(product(&mut c2).transposed());
                        }
                        let same = c1.iter().zip(&c2).all(|(x, y)| x.to_bits() == y.to_bits());
                        assert!(same, "m={m} n={n} k={k} layout={layout}");
                    }
                }
            }
        }
        assert!(transposed > 0, "no shape here takes the transposed path");
    }

    #[test]
    fn portable_kernel_writes_only_inside_a_strided_output() {
        // 5 rows: the blocked kernel; 2 rows: dot products (column-major B) and sums of B's
        // rows (row-major B).
        for (m, b_col_major) in [(5, true), (2, true), (2, false)] {
            let a = filled(m, 9, 1, false);
            let b = filled(9, 11, 2, b_col_major);
            let mut big = Array2::<f32>::from_elem((12, 30), 7.0);
            let rows = s![1..1 + 2 * m;2, 3..25;2];
            sgemm::<Portable>(1.0, a.view(), b.view(), 0.0, big.slice_mut(rows));
            let want = naive(1.0, &a.view(), &b.view(), 0.0, &Array2::zeros((m, 11)));
            let got = big.slice(rows).to_owned();
            assert_eq!(got.shape(), want.shape());
            assert!((&got - &want).iter().all(|v| v.abs() < 1e-4), "m={m}");
            let untouched = big.iter().filter(|&&v| v == 7.0).count();
            assert_eq!(untouched, 12 * 30 - m * 11, "m={m}");
        }
    }
}
