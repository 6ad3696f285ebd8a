//! The lesson state in the URL's query, so a teacher can share a link.
//!
//! Only values that differ from the lesson's preset are written. Parsing never fails: a bad or
//! hostile value is dropped (the preset's value is used) and a notice says which and why.

use crate::lessons::LessonId;
use crate::nn::CellKind;
use crate::optim::OptimizerKind;
use crate::ui::i18n::{Bilingual, Lang};

/// Bounds the page accepts; the same limits the controls enforce.
pub mod limits {
    pub const HIDDEN: (usize, usize) = (1, 512);
    pub const LAYERS: (usize, usize) = (1, 4);
    pub const DROPOUT: (f64, f64) = (0.0, 0.9);
    pub const LR: (f64, f64) = (1e-6, 10.0);
    pub const BATCH: (usize, usize) = (1, 1000);
    pub const CLIP: (f64, f64) = (0.0, 1000.0);
    pub const TRUNCATION: (usize, usize) = (0, 10_000);
    pub const EMBEDDING: (usize, usize) = (1, 256);
}

/// Longest query accepted; anything longer is ignored whole.
const MAX_QUERY: usize = 4096;

/// Input encoding of symbols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EncodingChoice {
    OneHot,
    Embedding(usize),
}

/// The shareable state: `None` means "as the preset says".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ShareState {
    pub lesson: Option<LessonId>,
    pub preset: Option<String>,
    pub cell: Option<CellKind>,
    pub hidden: Option<usize>,
    pub layers: Option<usize>,
    pub bidirectional: Option<bool>,
    pub dropout: Option<f64>,
    pub encoding: Option<EncodingChoice>,
    pub optimizer: Option<OptimizerKind>,
    pub lr: Option<f64>,
    pub batch: Option<usize>,
    pub clip: Option<f64>,
    pub truncation: Option<usize>,
    pub seed: Option<u64>,
    pub lang: Option<Lang>,
    pub presenter: Option<bool>,
    /// The guided lesson's step, 1-based as people count (`tour=3`).
    pub tour: Option<usize>,
}

/// Decodes `%XX` and `+`; invalid escapes or UTF-8 give `None`.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

fn percent_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "true" | "on" => Some(true),
        "0" | "false" | "off" => Some(false),
        _ => None,
    }
}

/// Why a value was dropped, in both languages.
fn why(en: &str, ko: &str) -> Bilingual {
    Bilingual::new(en, ko)
}

fn between(lo: impl std::fmt::Display, hi: impl std::fmt::Display) -> Bilingual {
    Bilingual::new(
        format!("must be between {lo} and {hi}"),
        format!("{lo}에서 {hi} 사이여야 합니다"),
    )
}

fn in_range_usize(v: &str, (lo, hi): (usize, usize)) -> Result<usize, Bilingual> {
    let n: usize = v
        .parse()
        .map_err(|_| why("not a whole number", "정수가 아닙니다"))?;
    if n < lo || n > hi {
        return Err(between(lo, hi));
    }
    Ok(n)
}

fn in_range_f64(v: &str, (lo, hi): (f64, f64)) -> Result<f64, Bilingual> {
    let x: f64 = v
        .parse()
        .map_err(|_| why("not a number", "숫자가 아닙니다"))?;
    if !x.is_finite() || x < lo || x > hi {
        return Err(between(lo, hi));
    }
    Ok(x)
}

/// A note about a value that was dropped.
fn notice(key: &str, value: &str, why: &Bilingual) -> Bilingual {
    let shown: String = value.chars().take(24).collect();
    Bilingual::new(
        format!(
            "Ignored {key}={shown:?} in the link ({}); using the preset's value.",
            why.en
        ),
        format!(
            "링크의 {key}={shown:?} 값은 쓰지 않고 프리셋의 값을 씁니다 ({}).",
            why.ko
        ),
    )
}

impl ShareState {
    /// Parses a query (`?a=1&b=2` or `a=1&b=2`). Returns the state and notices for dropped values.
    pub fn parse(query: &str) -> (ShareState, Vec<Bilingual>) {
        let mut s = ShareState::default();
        let mut notes = Vec::new();
        let query = query.strip_prefix('?').unwrap_or(query);
        if query.len() > MAX_QUERY {
            notes.push(why(
                "The link's settings are too long and were ignored.",
                "링크의 설정이 너무 길어 쓰지 않았습니다.",
            ));
            return (s, notes);
        }
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let (Some(k), Some(v)) = (percent_decode(k), percent_decode(v)) else {
                notes.push(why(
                    "Ignored a setting in the link that is not valid text.",
                    "링크에서 올바른 글자가 아닌 설정 하나를 쓰지 않았습니다.",
                ));
                continue;
            };
            let r: Result<(), Bilingual> = (|| {
                match k.as_str() {
                    "lesson" => {
                        s.lesson = Some(
                            LessonId::from_key(&v)
                                .ok_or_else(|| why("unknown lesson", "없는 단원입니다"))?,
                        )
                    }
                    "preset" => {
                        let ok = !v.is_empty()
                            && v.len() <= 64
                            && v.chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
                        if !ok {
                            return Err(why("not a preset name", "프리셋 이름이 아닙니다"));
                        }
                        s.preset = Some(v.clone());
                    }
                    "cell" => {
                        s.cell = Some(v.parse().map_err(|_| {
                            why(
                                "cell must be rnn, lstm, gru or course",
                                "셀은 rnn, lstm, gru, course 중 하나여야 합니다",
                            )
                        })?)
                    }
                    "hidden" => s.hidden = Some(in_range_usize(&v, limits::HIDDEN)?),
                    "layers" => s.layers = Some(in_range_usize(&v, limits::LAYERS)?),
                    "bidir" => {
                        s.bidirectional = Some(
                            parse_bool(&v)
                                .ok_or_else(|| why("must be 0 or 1", "0 또는 1이어야 합니다"))?,
                        )
                    }
                    "dropout" => s.dropout = Some(in_range_f64(&v, limits::DROPOUT)?),
                    "enc" => {
                        s.encoding = Some(if v == "onehot" {
                            EncodingChoice::OneHot
                        } else if let Some(n) = v.strip_prefix("emb") {
                            EncodingChoice::Embedding(in_range_usize(n, limits::EMBEDDING)?)
                        } else {
                            return Err(why(
                                "must be onehot or embN",
                                "onehot 또는 embN이어야 합니다",
                            ));
                        })
                    }
                    "opt" => {
                        s.optimizer = Some(v.parse().map_err(|_| {
                            why(
                                "must be sgd, adam or rmsprop",
                                "sgd, adam, rmsprop 중 하나여야 합니다",
                            )
                        })?)
                    }
                    "lr" => s.lr = Some(in_range_f64(&v, limits::LR)?),
                    "batch" => s.batch = Some(in_range_usize(&v, limits::BATCH)?),
                    "clip" => s.clip = Some(in_range_f64(&v, limits::CLIP)?),
                    "trunc" => s.truncation = Some(in_range_usize(&v, limits::TRUNCATION)?),
                    "seed" => {
                        s.seed = Some(
                            v.parse()
                                .map_err(|_| why("not a whole number", "정수가 아닙니다"))?,
                        )
                    }
                    "lang" => {
                        s.lang = Some(
                            Lang::from_code(&v)
                                .ok_or_else(|| why("unknown language", "없는 언어입니다"))?,
                        )
                    }
                    "presenter" => {
                        s.presenter = Some(
                            parse_bool(&v)
                                .ok_or_else(|| why("must be 0 or 1", "0 또는 1이어야 합니다"))?,
                        )
                    }
                    "tour" => s.tour = Some(in_range_usize(&v, (1, 99))?),
                    // The recovery test's switch (see `app::worker_health`), not a setting.
                    "crash" if v == "worker" => {}
                    _ => return Err(why("unknown setting", "없는 설정입니다")),
                }
                Ok(())
            })();
            if let Err(why) = r {
                notes.push(notice(&k, &v, &why));
            }
        }
        (s, notes)
    }

    /// The query string (without `?`) holding every set value, in a stable order.
    pub fn to_query(&self) -> String {
        let mut parts: Vec<(String, String)> = Vec::new();
        let mut put = |k: &str, v: String| parts.push((k.to_string(), v));
        if let Some(l) = self.lesson {
            put("lesson", l.key().into());
        }
        if let Some(p) = &self.preset {
            put("preset", p.clone());
        }
        if let Some(c) = self.cell {
            put("cell", c.key().into());
        }
        if let Some(h) = self.hidden {
            put("hidden", h.to_string());
        }
        if let Some(l) = self.layers {
            put("layers", l.to_string());
        }
        if let Some(b) = self.bidirectional {
            put("bidir", u8::from(b).to_string());
        }
        if let Some(d) = self.dropout {
            put("dropout", d.to_string());
        }
        match self.encoding {
            Some(EncodingChoice::OneHot) => put("enc", "onehot".into()),
            Some(EncodingChoice::Embedding(n)) => put("enc", format!("emb{n}")),
            None => {}
        }
        if let Some(o) = self.optimizer {
            put("opt", o.key().into());
        }
        if let Some(lr) = self.lr {
            put("lr", lr.to_string());
        }
        if let Some(b) = self.batch {
            put("batch", b.to_string());
        }
        if let Some(c) = self.clip {
            put("clip", c.to_string());
        }
        if let Some(t) = self.truncation {
            put("trunc", t.to_string());
        }
        if let Some(s) = self.seed {
            put("seed", s.to_string());
        }
        if let Some(l) = self.lang {
            put("lang", l.code().into());
        }
        if let Some(p) = self.presenter {
            put("presenter", u8::from(p).to_string());
        }
        if let Some(t) = self.tour {
            put("tour", t.to_string());
        }
        parts
            .into_iter()
            .map(|(k, v)| format!("{k}={}", percent_encode(&v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_state_survives_a_round_trip_through_the_url() {
        let s = ShareState {
            lesson: Some(LessonId::MnistRows),
            preset: Some("lstm-64".into()),
            cell: Some(CellKind::Gru),
            hidden: Some(64),
            layers: Some(2),
            bidirectional: Some(true),
            dropout: Some(0.25),
            encoding: Some(EncodingChoice::Embedding(16)),
            optimizer: Some(OptimizerKind::RmsProp),
            lr: Some(0.003),
            batch: Some(100),
            clip: Some(5.0),
            truncation: Some(10),
            seed: Some(12345),
            lang: Some(Lang::Ko),
            presenter: Some(true),
            tour: Some(3),
        };
        let (back, notes) = ShareState::parse(&format!("?{}", s.to_query()));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back, s);
    }

    #[test]
    fn every_cell_and_optimizer_survives_a_round_trip_through_the_url() {
        for cell in CellKind::ALL {
            for optimizer in OptimizerKind::ALL {
                let s = ShareState {
                    cell: Some(cell),
                    optimizer: Some(optimizer),
                    ..ShareState::default()
                };
                let query = s.to_query();
                assert_eq!(
                    query,
                    format!("cell={}&opt={}", cell.key(), optimizer.key())
                );
                let (back, notes) = ShareState::parse(&format!("?{query}"));
                assert!(notes.is_empty(), "{notes:?}");
                assert_eq!(back, s);
            }
        }
        // The links the end-to-end tests and old bookmarks use.
        let (s, notes) = ShareState::parse("?cell=lstm&opt=rmsprop");
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(
            (s.cell, s.optimizer),
            (Some(CellKind::Lstm), Some(OptimizerKind::RmsProp))
        );
    }

    #[test]
    fn bad_and_hostile_values_fall_back_with_a_notice() {
        let (s, notes) = ShareState::parse(
            "lesson=mnist&hidden=0&lr=0&layers=99&cell=%3Cscript%3E&dropout=NaN&x=1&lr=1e999&seed=abc&enc=emb0",
        );
        assert_eq!(s.lesson, Some(LessonId::MnistRows));
        assert_eq!(s.hidden, None);
        assert_eq!(s.lr, None);
        assert_eq!(s.layers, None);
        assert_eq!(s.cell, None);
        assert_eq!(s.dropout, None);
        assert_eq!(s.seed, None);
        assert_eq!(s.encoding, None);
        assert_eq!(notes.len(), 9, "{notes:?}");
        assert!(notes
            .iter()
            .any(|n| n.en.contains("hidden") && n.en.contains("between 1 and 512")));
        assert!(notes.iter().all(|n| n.ko.contains("링크")));
    }

    #[test]
    fn broken_escapes_and_huge_queries_never_panic() {
        let (_, notes) = ShareState::parse("lesson=%E0%A4%A&hidden=%zz&%");
        assert!(!notes.is_empty());
        let huge = "a=".to_string() + &"x".repeat(10_000);
        let (s, notes) = ShareState::parse(&huge);
        assert_eq!(s, ShareState::default());
        assert_eq!(notes.len(), 1);
        let (s, _) = ShareState::parse("");
        assert_eq!(s, ShareState::default());
    }

    #[test]
    fn preset_names_are_restricted_to_safe_characters() {
        let (s, notes) = ShareState::parse("preset=a%22b");
        assert_eq!(s.preset, None);
        assert_eq!(notes.len(), 1);
    }
}
