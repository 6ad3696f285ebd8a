//! Buffers reused across timesteps, training steps and updates.
//!
//! Every training step needs the same large matrices: the gate activations, states and
//! gradients of every timestep (`[T*B, G*H]`, `[T*B, H]`). Allocated afresh, each costs an
//! allocation and a pass of zeros over memory that the step then overwrites. Instead they come
//! from a small per-thread pool ([`Scratch`]) and return to it when dropped (the forward cache
//! after backward, the backward pass's own buffers at its end), so a training loop reuses the
//! same memory update after update. Nothing in the pool is observable: a buffer is either
//! zeroed ([`Scratch::zeros`]) or taken for overwriting ([`Scratch::for_overwrite`]), whose
//! every element the caller writes before it reads it.

use super::Float;
use ndarray::Array2;
use std::any::Any;
use std::cell::RefCell;

/// Buffers kept per thread and float type; a step of a 2-layer bidirectional network uses
/// about 20 at once.
const KEEP: usize = 48;

thread_local! {
    /// One `Vec<Vec<F>>` per float type used on this thread.
    static POOLS: RefCell<Vec<Box<dyn Any>>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` on this thread's pool of `F` buffers; `None` while the thread is shutting down.
fn with_pool<F: 'static, R>(f: impl FnOnce(&mut Vec<Vec<F>>) -> R) -> Option<R> {
    POOLS
        .try_with(|p| {
            let mut pools = p.borrow_mut();
            let i = match pools.iter().position(|b| b.is::<Vec<Vec<F>>>()) {
                Some(i) => i,
                None => {
                    pools.push(Box::new(Vec::<Vec<F>>::new()));
                    pools.len() - 1
                }
            };
            f(pools[i]
                .downcast_mut::<Vec<Vec<F>>>()
                .expect("the pool's type was checked above"))
        })
        .ok()
}

/// A buffer of `len` elements with unspecified (but initialised) values: the smallest pooled
/// one that fits, or a new one.
fn take<F: Float>(len: usize) -> Vec<F> {
    let found = with_pool::<F, _>(|pool| {
        let best = pool
            .iter()
            .enumerate()
            .filter(|(_, v)| v.capacity() >= len)
            .min_by_key(|(_, v)| v.capacity())
            .map(|(i, _)| i);
        best.map(|i| pool.swap_remove(i))
    })
    .flatten();
    match found {
        Some(mut v) => {
            // Longer: cut (free); shorter than its capacity: zeros for the new part only.
            v.resize(len, F::zero());
            v
        }
        None => vec![F::zero(); len],
    }
}

/// Returns `v` to the pool (a full pool keeps the larger buffers).
fn give<F: Float>(v: Vec<F>) {
    if v.capacity() == 0 {
        return;
    }
    with_pool::<F, _>(|pool| {
        if pool.len() < KEEP {
            pool.push(v);
        } else if let Some((i, _)) = pool
            .iter()
            .enumerate()
            .min_by_key(|(_, p)| p.capacity())
            .filter(|(_, p)| p.capacity() < v.capacity())
        {
            pool[i] = v;
        }
    });
}

/// A matrix whose memory comes from and returns to the thread's pool. Derefs to `Array2`.
pub(crate) struct Scratch<F: Float>(Array2<F>);

impl<F: Float> Scratch<F> {
    /// `rows × cols` of zeros.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        let mut s = Self::for_overwrite(rows, cols);
        s.0.fill(F::zero());
        s
    }

    /// `rows × cols` with unspecified values: every element must be written before it is read.
    pub fn for_overwrite(rows: usize, cols: usize) -> Self {
        Scratch(
            Array2::from_shape_vec((rows, cols), take(rows * cols))
                .expect("the buffer has rows × cols elements"),
        )
    }

    /// A copy of `a` in a pooled buffer.
    pub fn copy_of(a: ndarray::ArrayView2<'_, F>) -> Self {
        let mut s = Self::for_overwrite(a.nrows(), a.ncols());
        s.0.assign(&a);
        s
    }

    /// No rows (a field a cell kind does not use).
    pub fn empty(cols: usize) -> Self {
        Scratch(Array2::zeros((0, cols)))
    }

    /// The elements, row after row.
    pub fn flat(&self) -> &[F] {
        self.0.as_slice().expect("scratch matrices are contiguous")
    }

    /// The elements, row after row, mutable.
    pub fn flat_mut(&mut self) -> &mut [F] {
        self.0
            .as_slice_mut()
            .expect("scratch matrices are contiguous")
    }
}

impl<F: Float> std::ops::Deref for Scratch<F> {
    type Target = Array2<F>;
    fn deref(&self) -> &Array2<F> {
        &self.0
    }
}

impl<F: Float> std::ops::DerefMut for Scratch<F> {
    fn deref_mut(&mut self) -> &mut Array2<F> {
        &mut self.0
    }
}

impl<F: Float> Drop for Scratch<F> {
    fn drop(&mut self) {
        let (v, _) = std::mem::take(&mut self.0).into_raw_vec_and_offset();
        give(v);
    }
}

impl<F: Float> Clone for Scratch<F> {
    fn clone(&self) -> Self {
        Scratch::copy_of(self.0.view())
    }
}

impl<F: Float> std::fmt::Debug for Scratch<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Tests: fills every pooled buffer of this thread with `v` (NaN shows any read of a value
/// that was not written first).
#[doc(hidden)]
pub fn poison_scratch<F: Float>(v: F) {
    with_pool::<F, _>(|pool| {
        for b in pool.iter_mut() {
            let cap = b.capacity();
            b.clear();
            b.resize(cap, v);
        }
    });
}

/// Tests: a pooled buffer of `len` elements for the next steps to find (then poisoned).
#[doc(hidden)]
pub fn seed_scratch<F: Float>(len: usize) {
    give(vec![F::zero(); len]);
}
