//! MNIST digits read row by row: each 28×28 image is 28 timesteps of 28 pixels.
//!
//! Two sources:
//! * the subset shipped in `assets/mnist/` — gzip-compressed, **headerless** `u8` files (784
//!   bytes per image, 1 byte per label), read by [`MnistSet::from_headerless`];
//! * the original **IDX** files a user loads from disk (`train-images-idx3-ubyte`, …), gzipped
//!   or not, read by [`MnistSet::from_idx`].
//!
//! Both take the file contents as bytes (no file system here, so it works in the browser).

use std::borrow::Cow;
use std::io::Read;

use flate2::read::MultiGzDecoder;
use ndarray::{Array2, Array3};
use num_traits::Float;
use rand::{RngCore, SeedableRng};
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

use super::DataError;

/// Pixel rows per image (= timesteps).
pub const ROWS: usize = 28;
/// Pixels per row (= input size per timestep).
pub const COLS: usize = 28;
/// Pixels per image.
pub const PIXELS: usize = ROWS * COLS;
/// Digit classes 0–9.
pub const CLASSES: usize = 10;
/// Mean pixel value of the MNIST training set after scaling to [0, 1].
pub const MEAN: f64 = 0.1307;
/// Standard deviation of the MNIST training pixels after scaling to [0, 1].
pub const STD: f64 = 0.3081;
/// IDX magic of an image file: unsigned bytes, 3 dimensions.
pub const IDX_IMAGES_MAGIC: u32 = 0x0000_0803;
/// IDX magic of a label file: unsigned bytes, 1 dimension.
pub const IDX_LABELS_MAGIC: u32 = 0x0000_0801;

/// The shipped subset in `assets/mnist/` (headerless, gzip), for [`MnistSet::from_headerless`]:
/// train images, train labels, test images, test labels (12,000 + 2,000 digits).
pub const SUBSET_FILES: [&str; 4] = [
    "train12k-images.u8.gz",
    "train12k-labels.u8.gz",
    "test2k-images.u8.gz",
    "test2k-labels.u8.gz",
];

/// The full set (60,000 + 10,000 digits) in the same headerless layout, as in
/// `../shared/data/mnist/`: train images, train labels, test images, test labels.
pub const FULL_FILES: [&str; 4] = [
    "train-images.u8.gz",
    "train-labels.u8.gz",
    "test-images.u8.gz",
    "test-labels.u8.gz",
];

const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// How pixel bytes become network inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PixelScaling {
    /// `p / 255`, in [0, 1]: the course's `transforms.ToTensor()`.
    #[default]
    Unit,
    /// `(p / 255 − 0.1307) / 0.3081`: mean 0 and standard deviation 1 over the training set
    /// (torchvision's usual `transforms.Normalize((0.1307,), (0.3081,))`; the course itself uses
    /// `ToTensor()` only, which is [`PixelScaling::Unit`]). The fast presets use it.
    Standardized,
}

impl PixelScaling {
    /// The input value of one pixel byte.
    pub fn apply(self, pixel: u8) -> f64 {
        let unit = f64::from(pixel) / 255.0;
        match self {
            PixelScaling::Unit => unit,
            PixelScaling::Standardized => (unit - MEAN) / STD,
        }
    }

    // All 256 values once per batch instead of a division per pixel.
    fn table<F: Float>(self) -> [F; 256] {
        let mut t = [F::zero(); 256];
        for (p, v) in t.iter_mut().enumerate() {
            *v = F::from(self.apply(p as u8)).expect("a pixel value fits any float type");
        }
        t
    }
}

/// A batch of digits: `images` is `[B, 28, 28]` (batch, row = timestep, column = feature),
/// `labels[b]` in 0..=9, `indices[b]` the position of each digit in its [`MnistSet`].
#[derive(Debug, Clone, PartialEq)]
pub struct MnistBatch<F> {
    pub images: Array3<F>,
    pub labels: Vec<usize>,
    pub indices: Vec<usize>,
}

/// A set of digits, kept as bytes (784 per image) to stay small; convert batches on demand.
///
/// Deserialisation goes through [`MnistSet::from_parts`], so a damaged file is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MnistSetFile")]
pub struct MnistSet {
    images: Vec<u8>,
    labels: Vec<u8>,
}

#[derive(Deserialize)]
struct MnistSetFile {
    images: Vec<u8>,
    labels: Vec<u8>,
}

impl TryFrom<MnistSetFile> for MnistSet {
    type Error = DataError;
    fn try_from(f: MnistSetFile) -> Result<Self, DataError> {
        MnistSet::from_parts(f.images, f.labels)
    }
}

impl MnistSet {
    /// Reads the headerless files of the shipped subset (gzip-compressed or already inflated):
    /// images 784 bytes each, labels 1 byte each.
    pub fn from_headerless(images: &[u8], labels: &[u8]) -> Result<MnistSet, DataError> {
        let images = maybe_gunzip(images, "images")?.into_owned();
        let labels = maybe_gunzip(labels, "labels")?.into_owned();
        MnistSet::from_parts(images, labels)
    }

    /// Reads a pair of IDX files (`…-images-idx3-ubyte` and `…-labels-idx1-ubyte`), each
    /// gzip-compressed or not (detected from the first bytes).
    pub fn from_idx(images: &[u8], labels: &[u8]) -> Result<MnistSet, DataError> {
        let images = parse_idx_images(&maybe_gunzip(images, "images")?)?;
        let labels = parse_idx_labels(&maybe_gunzip(labels, "labels")?)?;
        MnistSet::from_parts(images, labels)
    }

    /// A set from raw pixel bytes (`len × 784`) and labels (`len`), checked.
    pub fn from_parts(images: Vec<u8>, labels: Vec<u8>) -> Result<MnistSet, DataError> {
        if !images.len().is_multiple_of(PIXELS) {
            return Err(DataError::Truncated {
                what: "images",
                expected: images.len().div_ceil(PIXELS) * PIXELS,
                found: images.len(),
            });
        }
        let count = images.len() / PIXELS;
        if count != labels.len() {
            return Err(DataError::CountMismatch {
                images: count,
                labels: labels.len(),
            });
        }
        check_labels(&labels)?;
        Ok(MnistSet { images, labels })
    }

    /// Number of digits.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether the set has no digits.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// All pixels, `len × 784` bytes, image after image, row-major.
    pub fn pixels(&self) -> &[u8] {
        &self.images
    }

    /// All labels, one byte (0–9) per digit.
    pub fn labels(&self) -> &[u8] {
        &self.labels
    }

    /// The 784 pixel bytes of digit `index`.
    pub fn image(&self, index: usize) -> Result<&[u8], DataError> {
        self.check_index(index)?;
        Ok(&self.images[index * PIXELS..(index + 1) * PIXELS])
    }

    /// The label of digit `index`.
    pub fn label(&self, index: usize) -> Result<usize, DataError> {
        self.check_index(index)?;
        Ok(usize::from(self.labels[index]))
    }

    /// The first `n` digits (all of them if `n ≥ len`).
    pub fn take(&self, n: usize) -> MnistSet {
        let n = n.min(self.len());
        MnistSet {
            images: self.images[..n * PIXELS].to_vec(),
            labels: self.labels[..n].to_vec(),
        }
    }

    /// How many digits of each class 0–9.
    pub fn class_counts(&self) -> [usize; CLASSES] {
        let mut counts = [0; CLASSES];
        for &l in &self.labels {
            counts[usize::from(l)] += 1;
        }
        counts
    }

    /// Mean pixel value after scaling to [0, 1] (0.1307 for the MNIST training set);
    /// 0 for an empty set.
    pub fn pixel_mean(&self) -> f64 {
        if self.images.is_empty() {
            return 0.0;
        }
        let sum: u64 = self.images.iter().map(|&p| u64::from(p)).sum();
        sum as f64 / self.images.len() as f64 / 255.0
    }

    /// One digit as `[28, 28]` (row, column).
    pub fn digit<F: Float>(
        &self,
        index: usize,
        scaling: PixelScaling,
    ) -> Result<Array2<F>, DataError> {
        let table = scaling.table::<F>();
        let img = self.image(index)?;
        Ok(Array2::from_shape_fn((ROWS, COLS), |(r, c)| {
            table[usize::from(img[r * COLS + c])]
        }))
    }

    /// The digits at `indices` (any order, repeats allowed) as a batch `[B, 28, 28]`.
    pub fn batch<F: Float>(
        &self,
        indices: &[usize],
        scaling: PixelScaling,
    ) -> Result<MnistBatch<F>, DataError> {
        for &i in indices {
            self.check_index(i)?;
        }
        Ok(self.batch_unchecked(indices, &scaling.table::<F>()))
    }

    fn batch_unchecked<F: Float>(&self, indices: &[usize], table: &[F; 256]) -> MnistBatch<F> {
        let mut data = Vec::with_capacity(indices.len() * PIXELS);
        for &i in indices {
            data.extend(
                self.images[i * PIXELS..(i + 1) * PIXELS]
                    .iter()
                    .map(|&p| table[usize::from(p)]),
            );
        }
        MnistBatch {
            images: Array3::from_shape_vec((indices.len(), ROWS, COLS), data)
                .expect("B × 784 values"),
            labels: indices
                .iter()
                .map(|&i| usize::from(self.labels[i]))
                .collect(),
            indices: indices.to_vec(),
        }
    }

    /// `0..len` in a random order fixed by `seed`: the same seed gives the same order on every
    /// platform and build (PCG-64 and our own Fisher–Yates, independent of `rand`'s algorithms).
    pub fn shuffled_indices(&self, seed: u64) -> Vec<usize> {
        shuffled_indices(self.len(), seed)
    }

    /// Mini-batches in the given order (e.g. [`shuffled_indices`](Self::shuffled_indices) or
    /// `0..len`); the last batch may be smaller. Indices are checked up front.
    pub fn batches<F: Float>(
        &self,
        order: Vec<usize>,
        batch_size: usize,
        scaling: PixelScaling,
    ) -> Result<Batches<'_, F>, DataError> {
        if batch_size == 0 {
            return Err(DataError::ZeroSize {
                what: "the batch size",
            });
        }
        for &i in &order {
            self.check_index(i)?;
        }
        Ok(Batches {
            set: self,
            order,
            pos: 0,
            batch_size,
            table: scaling.table(),
        })
    }

    /// One epoch of shuffled mini-batches: `batches(shuffled_indices(seed), …)`.
    pub fn epoch<F: Float>(
        &self,
        seed: u64,
        batch_size: usize,
        scaling: PixelScaling,
    ) -> Result<Batches<'_, F>, DataError> {
        self.batches(self.shuffled_indices(seed), batch_size, scaling)
    }

    /// A digit drawn with characters (` .:-=+*#%@` from light to dark), 28 lines: for logs.
    pub fn ascii_art(&self, index: usize) -> Result<String, DataError> {
        const SHADES: &[u8] = b" .:-=+*#%@";
        let img = self.image(index)?;
        let mut s = String::with_capacity(ROWS * (COLS + 1));
        for row in img.chunks(COLS) {
            s.extend(
                row.iter()
                    .map(|&p| char::from(SHADES[usize::from(p) * 10 / 256])),
            );
            s.push('\n');
        }
        Ok(s)
    }

    fn check_index(&self, index: usize) -> Result<(), DataError> {
        if index >= self.len() {
            return Err(DataError::IndexOutOfRange {
                index,
                len: self.len(),
            });
        }
        Ok(())
    }
}

/// Iterator over mini-batches of an [`MnistSet`]; see [`MnistSet::batches`].
#[derive(Debug, Clone)]
pub struct Batches<'a, F> {
    set: &'a MnistSet,
    order: Vec<usize>,
    pos: usize,
    batch_size: usize,
    table: [F; 256],
}

impl<F: Float> Iterator for Batches<'_, F> {
    type Item = MnistBatch<F>;

    fn next(&mut self) -> Option<MnistBatch<F>> {
        if self.pos >= self.order.len() {
            return None;
        }
        let end = (self.pos + self.batch_size).min(self.order.len());
        let batch = self
            .set
            .batch_unchecked(&self.order[self.pos..end], &self.table);
        self.pos = end;
        Some(batch)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = (self.order.len() - self.pos).div_ceil(self.batch_size);
        (n, Some(n))
    }
}

impl<F: Float> ExactSizeIterator for Batches<'_, F> {}

/// `0..n` shuffled with PCG-64 seeded by `seed` (Fisher–Yates, unbiased bounded draws).
pub fn shuffled_indices(n: usize, seed: u64) -> Vec<usize> {
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = below(&mut rng, i as u64 + 1) as usize;
        order.swap(i, j);
    }
    order
}

// Uniform in 0..bound by rejection: drop the top `2^64 mod bound` values so every residue is
// equally likely. Written out (not `random_range`) so the order never changes with `rand`.
fn below(rng: &mut Pcg64, bound: u64) -> u64 {
    let reject_below = bound.wrapping_neg() % bound;
    loop {
        let x = rng.next_u64();
        if x >= reject_below {
            return x % bound;
        }
    }
}

/// The most a gzipped file may inflate to (the full MNIST training images are 47 MB, NSMC's
/// training reviews 14 MB).
pub const MAX_INFLATED: usize = 256 << 20;

/// Inflates `bytes` if they start with the gzip magic `1f 8b`, else returns them unchanged
/// (refused past [`MAX_INFLATED`]). `what` ("images", "labels") names the file in errors.
pub fn maybe_gunzip<'a>(bytes: &'a [u8], what: &'static str) -> Result<Cow<'a, [u8]>, DataError> {
    if !bytes.starts_with(&GZIP_MAGIC) {
        return Ok(Cow::Borrowed(bytes));
    }
    let mut out = Vec::with_capacity(bytes.len().saturating_mul(4).min(MAX_INFLATED));
    // A few kilobytes can inflate to gigabytes: read one byte past the limit and refuse.
    MultiGzDecoder::new(bytes)
        .take(MAX_INFLATED as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| DataError::Gzip {
            what,
            detail: e.to_string(),
        })?;
    if out.len() > MAX_INFLATED {
        return Err(DataError::Gzip {
            what,
            detail: format!(
                "it inflates to more than {} MB, more than any file a lesson reads",
                MAX_INFLATED >> 20
            ),
        });
    }
    Ok(Cow::Owned(out))
}

/// Pixels of an (inflated) IDX image file: magic `0x00000803`, then big-endian `u32` count,
/// rows, cols (must be 28×28), then `count × 784` bytes. Returns the pixel bytes.
pub fn parse_idx_images(bytes: &[u8]) -> Result<Vec<u8>, DataError> {
    let header = idx_header(bytes, "images", IDX_IMAGES_MAGIC, 3)?;
    let (count, rows, cols) = (header[0], header[1], header[2]);
    if rows != ROWS || cols != COLS {
        return Err(DataError::WrongImageSize { rows, cols });
    }
    idx_body(bytes, "images", 16, count.saturating_mul(PIXELS)).map(<[u8]>::to_vec)
}

/// Labels of an (inflated) IDX label file: magic `0x00000801`, big-endian `u32` count, then one
/// byte per label (each 0–9).
pub fn parse_idx_labels(bytes: &[u8]) -> Result<Vec<u8>, DataError> {
    let header = idx_header(bytes, "labels", IDX_LABELS_MAGIC, 1)?;
    let labels = idx_body(bytes, "labels", 8, header[0])?.to_vec();
    check_labels(&labels)?;
    Ok(labels)
}

// Checks the magic and returns the `dims` big-endian sizes that follow it.
fn idx_header(
    bytes: &[u8],
    what: &'static str,
    magic: u32,
    dims: usize,
) -> Result<Vec<usize>, DataError> {
    let header_len = 4 + 4 * dims;
    let word = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    if bytes.len() < 4 {
        return Err(DataError::Truncated {
            what,
            expected: header_len,
            found: bytes.len(),
        });
    }
    let found = word(0);
    if found != magic {
        let (kind, hint) = if magic == IDX_IMAGES_MAGIC {
            ("images", "train-images-idx3-ubyte(.gz)")
        } else {
            ("labels", "train-labels-idx1-ubyte(.gz)")
        };
        return Err(DataError::NotIdx {
            what,
            kind,
            found,
            expected: magic,
            hint,
        });
    }
    if bytes.len() < header_len {
        return Err(DataError::Truncated {
            what,
            expected: header_len,
            found: bytes.len(),
        });
    }
    Ok((0..dims).map(|d| word(4 + 4 * d) as usize).collect())
}

fn idx_body<'a>(
    bytes: &'a [u8],
    what: &'static str,
    header_len: usize,
    body_len: usize,
) -> Result<&'a [u8], DataError> {
    let expected = header_len.saturating_add(body_len);
    if bytes.len() < expected {
        return Err(DataError::Truncated {
            what,
            expected,
            found: bytes.len(),
        });
    }
    if bytes.len() > expected {
        return Err(DataError::TrailingBytes {
            what,
            extra: bytes.len() - expected,
        });
    }
    Ok(&bytes[header_len..])
}

fn check_labels(labels: &[u8]) -> Result<(), DataError> {
    match labels.iter().position(|&l| usize::from(l) >= CLASSES) {
        Some(index) => Err(DataError::BadLabel {
            index,
            label: labels[index],
        }),
        None => Ok(()),
    }
}
