//! Turning a hand-drawn picture into an MNIST-like 28×28 digit (pure, tested natively).

/// `ink`: `w × h` intensities in [0, 1] (1 = ink). Returns 784 intensities: the ink's bounding
/// box scaled (keeping its aspect) into 20×20 and centred in 28×28, as MNIST was made.
/// A blank picture gives all zeros.
pub fn to_mnist(ink: &[f32], w: usize, h: usize) -> Vec<f32> {
    let mut out = vec![0.0f32; 784];
    let at = |x: usize, y: usize| ink.get(y * w + x).copied().unwrap_or(0.0);
    let (mut x0, mut y0, mut x1, mut y1) = (usize::MAX, usize::MAX, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if at(x, y) > 0.1 {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
        }
    }
    if x0 == usize::MAX {
        return out;
    }
    let (bw, bh) = ((x1 - x0 + 1) as f32, (y1 - y0 + 1) as f32);
    let scale = 20.0 / bw.max(bh);
    let (ow, oh) = (bw * scale, bh * scale);
    let (ox, oy) = ((28.0 - ow) / 2.0, (28.0 - oh) / 2.0);
    for r in 0..28 {
        for c in 0..28 {
            // Average the source pixels that fall into this target pixel (box filter).
            let (tx0, tx1) = ((c as f32 - ox) / scale, (c as f32 + 1.0 - ox) / scale);
            let (ty0, ty1) = ((r as f32 - oy) / scale, (r as f32 + 1.0 - oy) / scale);
            if tx1 <= 0.0 || ty1 <= 0.0 || tx0 >= bw || ty0 >= bh {
                continue;
            }
            let (sx0, sx1) = (tx0.max(0.0) as usize, (tx1.min(bw).ceil() as usize).max(1));
            let (sy0, sy1) = (ty0.max(0.0) as usize, (ty1.min(bh).ceil() as usize).max(1));
            let (mut sum, mut n) = (0.0, 0);
            for sy in sy0..sy1 {
                for sx in sx0..sx1 {
                    sum += at(x0 + sx, y0 + sy);
                    n += 1;
                }
            }
            if n > 0 {
                out[r * 28 + c] = (sum / n as f32).clamp(0.0, 1.0);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_picture_is_an_empty_digit() {
        assert!(to_mnist(&vec![0.0; 100 * 100], 100, 100)
            .iter()
            .all(|&v| v == 0.0));
    }

    #[test]
    fn a_stroke_is_scaled_into_the_central_20_by_20_box() {
        // A vertical bar in the left corner of a 200×200 picture.
        let (w, h) = (200, 200);
        let mut ink = vec![0.0; w * h];
        for y in 10..110 {
            for x in 10..30 {
                ink[y * w + x] = 1.0;
            }
        }
        let d = to_mnist(&ink, w, h);
        let rows: Vec<usize> = (0..28)
            .filter(|r| (0..28).any(|c| d[r * 28 + c] > 0.5))
            .collect();
        let cols: Vec<usize> = (0..28)
            .filter(|c| (0..28).any(|r| d[r * 28 + c] > 0.5))
            .collect();
        assert_eq!(
            (rows[0], *rows.last().unwrap()),
            (4, 23),
            "20 rows tall, centred"
        );
        assert!(
            cols.iter().all(|c| (12..=15).contains(c)),
            "centred horizontally: {cols:?}"
        );
        assert!(d.iter().all(|v| (0.0..=1.0).contains(v)));
    }
}
