//! PyTorch-style initialisation from a seeded, platform-independent RNG.

use super::Float;
use ndarray::{Array, Dimension, ShapeBuilder};
use rand::Rng;
use rand_distr::StandardNormal;

/// The RNG used for all randomness in the core (weights, dropout).
pub type Rng64 = rand_pcg::Pcg64;

/// A `Pcg64` seeded from a `u64`: same seed, same stream, on every platform.
pub fn seeded_rng(seed: u64) -> Rng64 {
    use rand::SeedableRng;
    Rng64::seed_from_u64(seed)
}

/// `uniform(-bound, bound)` like `nn.init.uniform_` (sampled in f64, then rounded to F).
pub fn uniform<F: Float, D: Dimension, Sh: ShapeBuilder<Dim = D>>(
    shape: Sh,
    bound: f64,
    rng: &mut Rng64,
) -> Array<F, D> {
    Array::from_shape_simple_fn(shape, || {
        let u: f64 = rng.random();
        F::from_f64_lossy((2.0 * u - 1.0) * bound)
    })
}

/// `N(0, 1)` like `nn.Embedding`'s init.
pub fn standard_normal<F: Float, D: Dimension, Sh: ShapeBuilder<Dim = D>>(
    shape: Sh,
    rng: &mut Rng64,
) -> Array<F, D> {
    Array::from_shape_simple_fn(shape, || {
        let v: f64 = rng.sample(StandardNormal);
        F::from_f64_lossy(v)
    })
}
