//! One-hot inputs (the character lesson's letters) without their matrix products.
//!
//! When every row of `x [T*B, in]` is one-hot (or all zero), the input projection
//! `x · W_ihᵀ` is row `r` ← column `j_r` of `W_ih`, and its weight gradient `∂Gᵀ · x` adds
//! row `r` of `∂G` into column `j_r`. Every other term of those sums is a zero, so the gather
//! equals the product to the bit (finite weights, which the session guarantees), and the
//! scatter equals it up to the order of a few additions; both skip `2·T·B·in·G·H` flops.

use super::Float;
use ndarray::{Array2, ArrayBase, ArrayView2, Data, DataMut, Ix2};
use std::cell::Cell;

thread_local! {
    static FORCE_PRODUCTS: Cell<bool> = const { Cell::new(false) };
}

/// Tests only: one-hot inputs of this thread through the matrix products, so a test can hold
/// the gather and scatter against them.
#[doc(hidden)]
pub fn force_input_products(on: bool) {
    FORCE_PRODUCTS.with(|f| f.set(on));
}

/// The column of each row's single 1 (`None` for an all-zero row), when every row of `x` is
/// one-hot or zero; `None` as soon as a row is not.
/// x: [rows, in] -> [rows]
pub(crate) fn one_hot_columns<F: Float>(x: &ArrayView2<'_, F>) -> Option<Vec<Option<usize>>> {
    if FORCE_PRODUCTS.with(|f| f.get()) {
        return None;
    }
    let cols: Result<Vec<_>, ()> = match x.as_slice() {
        Some(all) if x.ncols() > 0 => all.chunks_exact(x.ncols()).map(hot_column).collect(),
        _ => x.rows().into_iter().map(hot_column).collect(),
    };
    cols.ok()
}

/// The position of the row's single 1 (`None`: all zero); `Err` when the row is not one-hot.
fn hot_column<'a, F: Float>(row: impl IntoIterator<Item = &'a F>) -> Result<Option<usize>, ()> {
    let mut hot = None;
    for (j, &v) in row.into_iter().enumerate() {
        if v == F::one() && hot.is_none() {
            hot = Some(j);
        } else if v != F::zero() {
            return Err(());
        }
    }
    Ok(hot)
}

/// `out = x · wᵀ` for the one-hot `x` whose [`one_hot_columns`] are `cols`.
/// w: [n, in], cols: [rows] -> out: [rows, n]
pub(crate) fn gather_columns<F, S>(
    w: &Array2<F>,
    cols: &[Option<usize>],
    out: &mut ArrayBase<S, Ix2>,
) where
    F: Float,
    S: DataMut<Elem = F>,
{
    for (mut row, col) in out.rows_mut().into_iter().zip(cols) {
        match col {
            Some(j) => row.assign(&w.column(*j)),
            None => row.fill(F::zero()),
        }
    }
}

/// `grad += dgᵀ · x` for the one-hot `x` whose [`one_hot_columns`] are `cols`: the rows of
/// `dg` summed per column in row order, then added (as the product would be).
/// dg: [rows, n], cols: [rows], grad: [n, in]
pub(crate) fn scatter_add_rows<F, S>(
    dg: &ArrayBase<S, Ix2>,
    cols: &[Option<usize>],
    grad: &mut Array2<F>,
) where
    F: Float,
    S: Data<Elem = F>,
{
    let mut sums = Array2::<F>::zeros((grad.ncols(), grad.nrows()));
    for (row, col) in dg.rows().into_iter().zip(cols) {
        if let Some(j) = col {
            sums.row_mut(*j).zip_mut_with(&row, |s, &d| *s += d);
        }
    }
    grad.zip_mut_with(&sums.t(), |g, &s| *g += s);
}
