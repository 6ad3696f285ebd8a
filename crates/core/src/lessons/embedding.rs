//! What a learned embedding says about its tokens (tutorial 01 §4, the limits of one-hot): the
//! nearest tokens to one token by cosine similarity, and a 2-D map of the vectors by principal
//! components. One-hot vectors, for comparison, are all equally far apart (distance √2,
//! cosine 0): only a learned embedding can put similar tokens near each other.

use ndarray::{Array1, Array2, ArrayView1, ArrayView2, Axis};
use serde::{Deserialize, Serialize};

/// The map the page draws.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmbeddingMap {
    /// The model reads a learned embedding (`false`: one-hot, nothing below is filled).
    pub learned: bool,
    /// Numbers per token (the embedding's dimension).
    pub dim: usize,
    /// The mapped tokens (the most frequent first), their ids and 2-D positions.
    pub points: Vec<MapPoint>,
    /// Share of the mapped vectors' variance each axis shows.
    pub explained: [f64; 2],
    /// The chosen token and its nearest tokens.
    pub nearest: Option<Nearest>,
}

/// One token on the map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapPoint {
    /// Its id.
    pub id: usize,
    /// The token.
    pub label: String,
    /// First and second principal component.
    pub xy: [f32; 2],
}

/// The tokens nearest to one token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Nearest {
    /// The token's id.
    pub id: usize,
    /// The token.
    pub label: String,
    /// Nearest first: label, id, cosine similarity.
    pub tokens: Vec<(String, usize, f32)>,
}

/// Cosine similarity of two vectors (0 when either is zero).
pub fn cosine(a: ArrayView1<f32>, b: ArrayView1<f32>) -> f32 {
    let (na, nb) = (a.dot(&a).sqrt(), b.dot(&b).sqrt());
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        a.dot(&b) / (na * nb)
    }
}

/// The `k` rows of `e` most similar to row `id` by cosine similarity, among `candidates`
/// (`id` itself left out), most similar first; ties by id.
pub fn nearest(
    e: ArrayView2<f32>,
    id: usize,
    candidates: impl Iterator<Item = usize>,
    k: usize,
) -> Vec<(usize, f32)> {
    let row = e.row(id);
    let mut all: Vec<(usize, f32)> = candidates
        .filter(|&j| j != id && j < e.nrows())
        .map(|j| (j, cosine(row, e.row(j))))
        .collect();
    all.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    all.truncate(k);
    all
}

/// The rows `ids` of `e` on their first two principal components, and the share of the
/// variance each shows. Deterministic: power iteration from a fixed start, each axis signed so
/// that the first row's coordinate is not negative (the map does not flip between refreshes).
pub fn pca2(e: ArrayView2<f32>, ids: &[usize]) -> (Vec<[f32; 2]>, [f64; 2]) {
    let d = e.ncols();
    let n = ids.len();
    if n == 0 || d == 0 {
        return (Vec::new(), [0.0, 0.0]);
    }
    let x = Array2::from_shape_fn((n, d), |(i, j)| f64::from(e[[ids[i], j]]));
    let mean = x.mean_axis(Axis(0)).expect("at least one row");
    let x = &x - &mean;
    let cov = x.t().dot(&x) / n as f64;
    let total: f64 = cov.diag().sum();
    let mut c = cov.clone();
    let mut axes: Vec<Array1<f64>> = Vec::new();
    let mut shares = [0.0; 2];
    for (a, share) in shares.iter_mut().enumerate() {
        // Orthogonal to the axes found so far (also when what is left is rounding noise).
        let orthogonal = |mut w: Array1<f64>, axes: &[Array1<f64>]| {
            for u in axes {
                let p = w.dot(u);
                w.scaled_add(-p, u);
            }
            let norm = w.dot(&w).sqrt();
            (w, norm)
        };
        let start = Array1::from_shape_fn(d, |j| 1.0 + 0.01 * ((j * 7 + a * 3) % 11) as f64);
        let (mut v, norm) = orthogonal(start, &axes);
        if norm > 0.0 {
            v /= norm;
        }
        let mut lambda = 0.0;
        for _ in 0..200 {
            let (w, norm) = orthogonal(c.dot(&v), &axes);
            if norm < 1e-12 * total.max(1e-300) {
                lambda = 0.0;
                break;
            }
            v = w / norm;
            lambda = v.dot(&c.dot(&v));
        }
        if x.row(0).dot(&v) < 0.0 {
            v = -v;
        }
        *share = if total > 0.0 { lambda / total } else { 0.0 };
        // Deflate: what the next axis sees is what this one does not explain.
        let outer = v
            .view()
            .insert_axis(Axis(1))
            .dot(&v.view().insert_axis(Axis(0)));
        c = c - outer * lambda;
        axes.push(v);
    }
    let points = (0..n)
        .map(|i| {
            let r = x.row(i);
            [r.dot(&axes[0]) as f32, r.dot(&axes[1]) as f32]
        })
        .collect();
    (points, shares)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn cosine_is_one_for_the_same_direction_zero_across_and_minus_one_opposite() {
        let a = array![1.0f32, 2.0, 0.0];
        assert!((cosine(a.view(), (a.clone() * 3.0).view()) - 1.0).abs() < 1e-6);
        assert_eq!(cosine(a.view(), array![-2.0f32, 1.0, 5.0].view()), 0.0);
        assert!((cosine(a.view(), (-a.clone()).view()) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(a.view(), array![0.0f32, 0.0, 0.0].view()), 0.0);
    }

    #[test]
    fn one_hot_vectors_are_all_equally_unlike() {
        let e = Array2::<f32>::eye(5);
        for (_, c) in nearest(e.view(), 2, 0..5, 4) {
            assert_eq!(c, 0.0);
        }
    }

    #[test]
    fn the_nearest_tokens_come_most_similar_first_without_the_token_itself() {
        let e = array![
            [1.0f32, 0.0],
            [0.9, 0.1],
            [0.0, 1.0],
            [-1.0, 0.0],
            [0.7, 0.7]
        ];
        let got: Vec<usize> = nearest(e.view(), 0, 0..5, 3)
            .into_iter()
            .map(|(j, _)| j)
            .collect();
        assert_eq!(got, [1, 4, 2]);
    }

    #[test]
    fn points_on_a_line_have_all_their_variance_on_the_first_axis() {
        // Rows t·(1, 2, 2) + (5, 5, 5): one direction of spread.
        let e = Array2::from_shape_fn((6, 3), |(i, j)| 5.0 + i as f32 * [1.0, 2.0, 2.0][j]);
        let ids: Vec<usize> = (0..6).collect();
        let (pts, shares) = pca2(e.view(), &ids);
        assert!((shares[0] - 1.0).abs() < 1e-9, "{shares:?}");
        assert!(shares[1].abs() < 1e-9, "{shares:?}");
        // Distances along the line: 3 apart (|(1, 2, 2)| = 3), centred, first point not negative.
        assert!(pts[0][0] >= 0.0);
        for w in pts.windows(2) {
            assert!(((w[0][0] - w[1][0]).abs() - 3.0).abs() < 1e-4, "{pts:?}");
            assert!(w[0][1].abs() < 1e-4);
        }
    }

    #[test]
    fn the_two_axes_are_the_two_directions_of_largest_spread() {
        // Spread 4 along x, 2 along y, none along z.
        let e = array![
            [4.0f32, 0.0, 1.0],
            [-4.0, 0.0, 1.0],
            [0.0, 2.0, 1.0],
            [0.0, -2.0, 1.0]
        ];
        let (pts, shares) = pca2(e.view(), &[0, 1, 2, 3]);
        assert!(
            (shares[0] - 0.8).abs() < 1e-6 && (shares[1] - 0.2).abs() < 1e-6,
            "{shares:?}"
        );
        assert!(
            (pts[0][0] - 4.0).abs() < 1e-4 && pts[0][1].abs() < 1e-4,
            "{pts:?}"
        );
        assert!(
            (pts[2][1].abs() - 2.0).abs() < 1e-4 && pts[2][0].abs() < 1e-4,
            "{pts:?}"
        );
    }
}
