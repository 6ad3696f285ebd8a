//! Input framing shared by the fuzz targets.
//!
//! Targets that take several things (a few files, a table and its column choices) read one byte
//! string split on [`SEP`]. A *file* part is `flags name '\n' bytes`: bit 0 of `flags` gzips the
//! bytes before the parser sees them (so the fuzzer mutates the inflated content and still
//! reaches the gzip path), bit 1 writes them as two gzip members. The seed writer
//! (`cargo run --example fuzz_seeds`, examples/fuzz_seeds.rs) writes seeds in this framing.

use std::io::Write;

use rnn_playground::lessons::DataFile;

/// Separates the parts of one input.
pub const SEP: &[u8] = b"\n~~8<~~\n";

/// The parts of `data` between separators.
pub fn split(data: &[u8]) -> Vec<&[u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(SEP.len()).position(|w| w == SEP) {
        parts.push(&rest[..i]);
        rest = &rest[i + SEP.len()..];
    }
    parts.push(rest);
    parts
}

/// gzip, in one member or (`two_members`) split in two, as `cat a.gz b.gz` makes.
pub fn gzip(bytes: &[u8], two_members: bool) -> Vec<u8> {
    let member = |b: &[u8]| {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).expect("gzip in memory");
        e.finish().expect("gzip in memory")
    };
    if two_members {
        let mid = bytes.len() / 2;
        let mut out = member(&bytes[..mid]);
        out.extend(member(&bytes[mid..]));
        out
    } else {
        member(bytes)
    }
}

/// One file from a part (`flags name '\n' bytes`); an empty part is an empty, unnamed file.
pub fn file(part: &[u8]) -> DataFile {
    let (flags, rest) = match part.split_first() {
        Some((f, r)) => (*f, r),
        None => (0, part),
    };
    let (name, bytes) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let bytes = if flags & 1 == 1 {
        gzip(bytes, flags & 2 == 2)
    } else {
        bytes.to_vec()
    };
    DataFile {
        name: String::from_utf8_lossy(name).into_owned(),
        bytes,
    }
}

/// Every part of `data` as a file.
pub fn files(data: &[u8]) -> Vec<DataFile> {
    split(data).into_iter().map(file).collect()
}

/// A fraction from one byte: 0..=200 evenly over [0, 1], then values no form should send but a
/// hand-edited link or file can: NaN, ±∞, negatives, above 1, subnormal.
pub fn fraction(b: u8) -> f64 {
    match b {
        0..=200 => f64::from(b) / 200.0,
        201 => f64::NAN,
        202 => f64::INFINITY,
        203 => f64::NEG_INFINITY,
        204 => -0.5,
        205 => 1.5,
        206 => f64::MIN_POSITIVE / 2.0,
        207 => 1.0 - f64::EPSILON,
        208 => 1e-9,
        _ => f64::from(b - 200) / 60.0,
    }
}
