//! Branch-free `f32` exp, sigmoid and tanh (Cephes polynomials, within a few ULP of libm) that
//! the compiler can vectorise; `f64` keeps the standard library for exact reference checks.
#![allow(clippy::excessive_precision)] // Cephes coefficients, as published

const LOG2E: f32 = std::f32::consts::LOG2_E;
const LN2_HI: f32 = 0.693_359_4;
const LN2_LO: f32 = -2.121_944_4e-4;
/// 1.5 · 2^23: adding and subtracting rounds to the nearest integer.
const ROUND_MAGIC: f32 = 12_582_912.0;

/// `e^x` (inputs clamped to the finite, normal range).
#[inline(always)]
pub(crate) fn exp_f32(x: f32) -> f32 {
    let x = x.clamp(-87.3, 88.0);
    let n = (x * LOG2E + ROUND_MAGIC) - ROUND_MAGIC;
    let r = x - n * LN2_HI - n * LN2_LO;
    let p = 1.987_569_1e-4_f32;
    let p = p * r + 1.398_199_9e-3;
    let p = p * r + 8.333_452e-3;
    let p = p * r + 4.166_579_6e-2;
    let p = p * r + 1.666_666_5e-1;
    let p = p * r + 5.000_000_1e-1;
    let e = p * r * r + r + 1.0;
    // 2^n built from the bits of n + 127 (integer ops only, so it vectorises).
    let biased = (n + 127.0 + ROUND_MAGIC).to_bits() - ROUND_MAGIC.to_bits();
    let scale = f32::from_bits(biased << 23);
    e * scale
}

/// `σ(x) = 1 / (1 + e^{-x})`.
#[inline(always)]
pub(crate) fn sigmoid_f32(x: f32) -> f32 {
    1.0 / (1.0 + exp_f32(-x))
}

/// `tanh(x)`: odd polynomial for |x| < 0.625, `1 - 2 / (e^{2|x|} + 1)` beyond.
#[inline(always)]
pub(crate) fn tanh_f32(x: f32) -> f32 {
    let a = x.abs();
    let z = x * x;
    let p = -5.704_988_7e-3_f32;
    let p = p * z + 2.063_908_9e-2;
    let p = p * z - 5.373_971_6e-2;
    let p = p * z + 1.333_144_2e-1;
    let p = p * z - 3.333_328_2e-1;
    let small = p * z * x + x;
    let big = 1.0 - 2.0 / (exp_f32(2.0 * a) + 1.0);
    let big = big.copysign(x);
    if a < 0.625 {
        small
    } else {
        big
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ulps(a: f32, b: f32) -> f32 {
        (a - b).abs() / (b.abs().max(f32::MIN_POSITIVE) * f32::EPSILON)
    }

    #[test]
    fn fast_f32_functions_stay_within_a_few_ulp_of_std() {
        let mut worst = (0.0f32, 0.0f32, 0.0f32);
        let mut x = -30.0f32;
        while x < 30.0 {
            let e = ulps(sigmoid_f32(x), 1.0 / (1.0 + (-(x as f64)).exp()) as f32);
            let t = ulps(tanh_f32(x), (x as f64).tanh() as f32);
            let ex = if x.abs() < 80.0 {
                ulps(exp_f32(x), (x as f64).exp() as f32)
            } else {
                0.0
            };
            worst = (worst.0.max(e), worst.1.max(t), worst.2.max(ex));
            x += 0.000_37;
        }
        assert!(worst.0 < 4.0 && worst.1 < 4.0 && worst.2 < 3.0, "{worst:?}");
        assert_eq!(tanh_f32(0.0), 0.0);
        assert_eq!(sigmoid_f32(200.0), 1.0);
        assert!(sigmoid_f32(-200.0) >= 0.0 && tanh_f32(-100.0) == -1.0);
    }
}
