//! The bytes a message travels as between the page and the worker: a small binary serde format
//! written for this app.
//!
//! Why not MessagePack: `rmp_serde` answers every typed request (`deserialize_struct`,
//! `deserialize_seq`, `deserialize_f32` …) through `deserialize_any`, so each of the ~200
//! message types on the wire carried its own copy of the whole decoder (about 10 kB of wasm
//! each, 40 % of the page's code). Here each typed request reads only what it expects.
//!
//! Every value starts with a one-byte [`Tag`]; lengths, indices and integers are LEB128.
//! Structs are sequences (field order, as both ends are built from one source: the protocol
//! version is checked on connect); a variant with content is its index, a unit variant its
//! name. The format still describes
//! itself, so internally tagged enums (`#[serde(tag = "kind")]`, decoded through
//! `deserialize_any`) cross too. Not supported: `skip_serializing_if` (a struct is positional;
//! a skipped field would shift the rest: the encoder refuses one), unit variants of adjacently
//! tagged enums (serde writes their tag alone, then reads two elements), their struct variants
//! (read only from a map: hold a struct in a newtype variant instead), `u128`/`i128`.
//!
//! Decoding never panics on foreign bytes: every length is checked against what is left, and
//! nesting is limited to [`MAX_DEPTH`].

use std::fmt;

use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use serde::ser::{self, Serialize};

/// Deepest nesting the decoder follows (messages nest fewer than 20 levels).
pub const MAX_DEPTH: u32 = 128;

/// The byte before each value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
enum Tag {
    /// `()`, `None`, a unit struct.
    Unit = 0,
    /// `Some`, followed by the value.
    Some = 1,
    False = 2,
    True = 3,
    /// An integer ≥ 0 (LEB128).
    Uint = 4,
    /// An integer < 0, as LEB128 of `!v` (so −1 is 0).
    Nint = 5,
    /// Four bytes, little-endian.
    F32 = 6,
    /// Eight bytes, little-endian.
    F64 = 7,
    /// Length, then UTF-8.
    Str = 8,
    /// Length, then bytes.
    Bytes = 9,
    /// Length, then the elements (sequences, tuples, structs).
    Seq = 10,
    /// Length, then key and value for each entry.
    Map = 11,
    /// A variant with content: its index, then the content (tuple and struct variants as a
    /// sequence). A unit variant is its name ([`Tag::Str`]): inside an internally tagged enum
    /// serde buffers it and then reads it as either an enum or an identifier, and only a name
    /// is both.
    Variant = 12,
}

impl Tag {
    fn from_byte(b: u8) -> Option<Tag> {
        Option::Some(match b {
            0 => Tag::Unit,
            1 => Tag::Some,
            2 => Tag::False,
            3 => Tag::True,
            4 => Tag::Uint,
            5 => Tag::Nint,
            6 => Tag::F32,
            7 => Tag::F64,
            8 => Tag::Str,
            9 => Tag::Bytes,
            10 => Tag::Seq,
            11 => Tag::Map,
            12 => Tag::Variant,
            _ => return None,
        })
    }
}

/// What went wrong, as text (the page shows it, the tests read it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl From<Error> for String {
    fn from(e: Error) -> String {
        e.0
    }
}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

/// Encodes a value.
pub fn to_bytes<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>> {
    let mut out = Serializer { out: Vec::new() };
    value.serialize(&mut out)?;
    Ok(out.out)
}

/// Decodes a value that fills `bytes` exactly.
pub fn from_bytes<T: de::DeserializeOwned>(bytes: &[u8]) -> Result<T> {
    let mut de = Deserializer {
        input: bytes,
        depth: 0,
    };
    let value = T::deserialize(&mut de)?;
    if !de.input.is_empty() {
        return Err(Error(format!("{} bytes after the message", de.input.len())));
    }
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// Encoding

struct Serializer {
    out: Vec<u8>,
}

impl Serializer {
    fn tag(&mut self, t: Tag) {
        self.out.push(t as u8);
    }

    fn varint(&mut self, mut v: u64) {
        loop {
            let byte = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    fn tagged(&mut self, t: Tag, n: u64) {
        self.tag(t);
        self.varint(n);
    }

    /// A length not known in advance: five bytes now, filled in by [`Serializer::patch`].
    fn open(&mut self, t: Tag, len: Option<usize>) -> Open {
        match len {
            Some(n) => {
                self.tagged(t, n as u64);
                Open { at: None, count: 0 }
            }
            None => {
                self.tag(t);
                let at = self.out.len();
                self.out.extend_from_slice(&[0x80, 0x80, 0x80, 0x80, 0]);
                Open {
                    at: Some(at),
                    count: 0,
                }
            }
        }
    }

    fn patch(&mut self, open: Open) -> Result<()> {
        if let Some(at) = open.at {
            let n = u32::try_from(open.count).map_err(|_| Error("sequence too long".into()))?;
            for i in 0..5 {
                let more = if i < 4 { 0x80 } else { 0 };
                self.out[at + i] = ((n >> (7 * i)) & 0x7f) as u8 | more;
            }
        }
        Ok(())
    }
}

/// A sequence or map being written.
struct Open {
    /// Where its padded length sits, when it was not known in advance.
    at: Option<usize>,
    count: usize,
}

/// The compound writer serde hands elements to.
struct Compound<'a> {
    ser: &'a mut Serializer,
    open: Open,
}

impl<'a> ser::Serializer for &'a mut Serializer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<()> {
        self.tag(if v { Tag::True } else { Tag::False });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<()> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<()> {
        if v >= 0 {
            self.tagged(Tag::Uint, v as u64);
        } else {
            self.tagged(Tag::Nint, !v as u64);
        }
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<()> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<()> {
        self.tagged(Tag::Uint, v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<()> {
        self.tag(Tag::F32);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<()> {
        self.tag(Tag::F64);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<()> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<()> {
        self.tagged(Tag::Str, v.len() as u64);
        self.out.extend_from_slice(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<()> {
        self.tagged(Tag::Bytes, v.len() as u64);
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<()> {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<()> {
        self.tag(Tag::Some);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<()> {
        self.tag(Tag::Unit);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<()> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result<()> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        value: &T,
    ) -> Result<()> {
        self.tagged(Tag::Variant, u64::from(index));
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Compound<'a>> {
        let open = self.open(Tag::Seq, len);
        Ok(Compound { ser: self, open })
    }
    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.tagged(Tag::Variant, u64::from(index));
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Compound<'a>> {
        let open = self.open(Tag::Map, len);
        Ok(Compound { ser: self, open })
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Compound<'a>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        index: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Compound<'a>> {
        self.tagged(Tag::Variant, u64::from(index));
        self.serialize_seq(Some(len))
    }
}

impl Compound<'_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.open.count += 1;
        value.serialize(&mut *self.ser)
    }

    fn close(self) -> Result<()> {
        self.ser.patch(self.open)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTuple for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTupleStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeTupleVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.element(value)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.element(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        value.serialize(&mut *self.ser)
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeStruct for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.element(value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        Err(Error(format!(
            "field `{key}` skipped: structs cross positionally, so skip_serializing_if cannot"
        )))
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

impl ser::SerializeStructVariant for Compound<'_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _: &'static str, value: &T) -> Result<()> {
        self.element(value)
    }
    fn skip_field(&mut self, key: &'static str) -> Result<()> {
        Err(Error(format!(
            "field `{key}` skipped: structs cross positionally, so skip_serializing_if cannot"
        )))
    }
    fn end(self) -> Result<()> {
        self.close()
    }
}

// ---------------------------------------------------------------------------------------------
// Decoding

struct Deserializer<'de> {
    input: &'de [u8],
    depth: u32,
}

impl<'de> Deserializer<'de> {
    fn take(&mut self, n: usize) -> Result<&'de [u8]> {
        if n > self.input.len() {
            return Err(Error("message ends early".into()));
        }
        let (head, rest) = self.input.split_at(n);
        self.input = rest;
        Ok(head)
    }

    fn tag(&mut self) -> Result<Tag> {
        let b = self.take(1)?[0];
        Tag::from_byte(b).ok_or_else(|| Error(format!("unknown tag {b}")))
    }

    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(Error("integer too long".into()))
    }

    /// A length, at most the bytes left (each element takes at least one).
    fn len(&mut self) -> Result<usize> {
        let n = self.varint()?;
        if n > self.input.len() as u64 {
            return Err(Error("length beyond the message".into()));
        }
        Ok(n as usize)
    }

    fn expect(&mut self, want: Tag) -> Result<()> {
        let got = self.tag()?;
        if got == want {
            Ok(())
        } else {
            Err(mismatch(got, want))
        }
    }

    fn deeper(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(Error("message nested too deeply".into()));
        }
        Ok(())
    }

    /// The value after a [`Tag::Some`], one level deeper.
    fn some<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.deeper()?;
        let v = visitor.visit_some(&mut *self)?;
        self.depth -= 1;
        Ok(v)
    }

    fn int<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        match self.tag()? {
            Tag::Uint => visitor.visit_u64(self.varint()?),
            Tag::Nint => visitor.visit_i64(!(self.varint()? as i64)),
            got => Err(mismatch(got, Tag::Uint)),
        }
    }

    fn f32(&mut self) -> Result<f32> {
        Ok(f32::from_le_bytes(
            self.take(4)?.try_into().unwrap_or([0; 4]),
        ))
    }

    fn f64(&mut self) -> Result<f64> {
        Ok(f64::from_le_bytes(
            self.take(8)?.try_into().unwrap_or([0; 8]),
        ))
    }

    fn str(&mut self) -> Result<&'de str> {
        let n = self.len()?;
        std::str::from_utf8(self.take(n)?).map_err(|_| Error("text is not UTF-8".into()))
    }

    fn seq<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        self.expect(Tag::Seq)?;
        self.elements(visitor)
    }

    /// The elements of a sequence whose tag was read.
    fn elements<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let left = self.len()?;
        self.deeper()?;
        let mut access = Elements { de: self, left };
        let value = visitor.visit_seq(&mut access)?;
        if access.left != 0 {
            return Err(Error(format!("{} elements left unread", access.left)));
        }
        self.depth -= 1;
        Ok(value)
    }

    fn entries<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value> {
        let left = self.len()?;
        self.deeper()?;
        let mut access = Elements { de: self, left };
        let value = visitor.visit_map(&mut access)?;
        if access.left != 0 {
            return Err(Error(format!("{} entries left unread", access.left)));
        }
        self.depth -= 1;
        Ok(value)
    }
}

fn mismatch(got: Tag, want: Tag) -> Error {
    Error(format!("expected {want:?}, found {got:?}"))
}

/// The elements of a sequence, or the entries of a map.
struct Elements<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

impl<'de> de::MapAccess<'de> for Elements<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.de)
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A variant with content read through `deserialize_any` (inside an internally tagged enum): a
/// map of one entry, index (as `u64`, the integer serde's buffered content reads as an
/// identifier) → content.
struct VariantAsMap<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    index: Option<u32>,
}

impl<'de> de::MapAccess<'de> for VariantAsMap<'_, 'de> {
    type Error = Error;
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        match self.index.take() {
            Some(i) => seed
                .deserialize(IntoDeserializer::<Error>::into_deserializer(u64::from(i)))
                .map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        seed.deserialize(&mut *self.de)
    }
}

/// An externally tagged variant with content: its index was read, the content follows.
struct Variant<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    index: u32,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;
    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self)> {
        let v = seed.deserialize(IntoDeserializer::<Error>::into_deserializer(self.index))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    fn unit_variant(self) -> Result<()> {
        Err(Error("a unit variant with content".into()))
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value> {
        seed.deserialize(&mut *self.de)
    }
    fn tuple_variant<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.de.seq(visitor)
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.de.seq(visitor)
    }
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.tag()? {
            Tag::Unit => visitor.visit_unit(),
            Tag::Some => self.some(visitor),
            Tag::False => visitor.visit_bool(false),
            Tag::True => visitor.visit_bool(true),
            Tag::Uint => visitor.visit_u64(self.varint()?),
            Tag::Nint => visitor.visit_i64(!(self.varint()? as i64)),
            Tag::F32 => visitor.visit_f32(self.f32()?),
            Tag::F64 => visitor.visit_f64(self.f64()?),
            Tag::Str => visitor.visit_borrowed_str(self.str()?),
            Tag::Bytes => {
                let n = self.len()?;
                visitor.visit_borrowed_bytes(self.take(n)?)
            }
            Tag::Seq => self.elements(visitor),
            Tag::Map => self.entries(visitor),
            Tag::Variant => {
                let index = u32::try_from(self.varint()?)
                    .map_err(|_| Error("variant index too large".into()))?;
                self.deeper()?;
                let v = visitor.visit_map(VariantAsMap {
                    de: &mut *self,
                    index: Some(index),
                })?;
                self.depth -= 1;
                Ok(v)
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.tag()? {
            Tag::False => visitor.visit_bool(false),
            Tag::True => visitor.visit_bool(true),
            got => Err(mismatch(got, Tag::True)),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.int(visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(Tag::F32)?;
        visitor.visit_f32(self.f32()?)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.tag()? {
            Tag::F64 => visitor.visit_f64(self.f64()?),
            Tag::F32 => visitor.visit_f32(self.f32()?),
            got => Err(mismatch(got, Tag::F64)),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(Tag::Str)?;
        visitor.visit_borrowed_str(self.str()?)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(Tag::Bytes)?;
        let n = self.len()?;
        visitor.visit_borrowed_bytes(self.take(n)?)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.tag()? {
            Tag::Unit => visitor.visit_none(),
            Tag::Some => self.some(visitor),
            got => Err(mismatch(got, Tag::Some)),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(Tag::Unit)?;
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.seq(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, visitor: V) -> Result<V::Value> {
        self.seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        visitor: V,
    ) -> Result<V::Value> {
        self.seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.expect(Tag::Map)?;
        self.entries(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        self.seq(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value> {
        match self.tag()? {
            Tag::Str => return visitor.visit_enum(BorrowedStrDeserializer::new(self.str()?)),
            Tag::Variant => {}
            got => return Err(mismatch(got, Tag::Variant)),
        }
        let index =
            u32::try_from(self.varint()?).map_err(|_| Error("variant index too large".into()))?;
        self.deeper()?;
        let v = visitor.visit_enum(Variant {
            de: &mut *self,
            index,
        })?;
        self.depth -= 1;
        Ok(v)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        match self.tag()? {
            Tag::Str => visitor.visit_borrowed_str(self.str()?),
            Tag::Uint => visitor.visit_u64(self.varint()?),
            got => Err(mismatch(got, Tag::Str)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value> {
        self.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::{Deserialize, Serialize};
    use std::collections::BTreeMap;

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Inner {
        Unit,
        Struct { a: f32, b: Option<String> },
        Wrapped(Plain),
        Holds { v: Outer },
        Series { source: Adjacent },
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct Plain {
        x: i64,
        #[serde(with = "serde_bytes")]
        raw: Vec<u8>,
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    enum Outer {
        Unit,
        Newtype(u64),
        Tuple(i8, f64),
        Struct { s: String },
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    #[serde(tag = "kind", content = "value", rename_all = "snake_case")]
    enum Adjacent {
        Pair(u8, bool),
        Some(Vec<u16>),
        Shipped(Outer),
    }

    #[derive(Serialize, Deserialize, Debug, PartialEq)]
    struct All {
        inner: Vec<Inner>,
        outer: Vec<Outer>,
        adjacent: Vec<Adjacent>,
        map: BTreeMap<String, (u8, char)>,
        nan: f32,
        big: u64,
        small: i64,
        unit: (),
        nested: Option<Option<bool>>,
    }

    fn sample() -> All {
        All {
            inner: vec![
                Inner::Unit,
                Inner::Struct {
                    a: -1.5,
                    b: Some("한글".into()),
                },
                Inner::Wrapped(Plain {
                    x: i64::MIN,
                    raw: vec![0, 255, 7],
                }),
                Inner::Holds {
                    v: Outer::Tuple(-3, 2.5),
                },
                Inner::Holds { v: Outer::Unit },
                Inner::Holds {
                    v: Outer::Newtype(9),
                },
                Inner::Holds {
                    v: Outer::Struct { s: "s".into() },
                },
                // An adjacently tagged enum holding a unit variant, inside an internally
                // tagged one (the time series' source inside the lesson's options).
                Inner::Series {
                    source: Adjacent::Shipped(Outer::Unit),
                },
                Inner::Series {
                    source: Adjacent::Pair(1, false),
                },
            ],
            outer: vec![
                Outer::Unit,
                Outer::Newtype(u64::MAX),
                Outer::Tuple(i8::MIN, f64::INFINITY),
                Outer::Struct { s: String::new() },
            ],
            adjacent: vec![
                Adjacent::Pair(7, true),
                Adjacent::Some(vec![1, 65535]),
                Adjacent::Shipped(Outer::Unit),
            ],
            map: [("k".to_string(), (1, 'é'))].into_iter().collect(),
            nan: f32::NAN,
            big: u64::MAX,
            small: -1,
            unit: (),
            nested: Some(None),
        }
    }

    #[test]
    fn every_shape_of_the_data_model_survives_a_round_trip() {
        let sent = sample();
        let back: All = from_bytes(&to_bytes(&sent).unwrap()).unwrap();
        assert!(back.nan.is_nan());
        let strip = |a: All| All { nan: 0.0, ..a };
        assert_eq!(strip(back), strip(sample()));
    }

    #[test]
    fn a_skipped_field_is_refused_when_written_not_misread() {
        #[derive(Serialize)]
        struct Skips {
            #[serde(skip_serializing_if = "Option::is_none")]
            a: Option<u8>,
        }
        let err = to_bytes(&Skips { a: None }).unwrap_err();
        assert!(err.to_string().contains("`a`"), "{err}");
    }

    #[test]
    fn unknown_lengths_are_patched_in() {
        struct Unsized(Vec<u32>);
        impl Serialize for Unsized {
            fn serialize<S: ser::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                use ser::SerializeSeq;
                let mut seq = s.serialize_seq(None)?;
                for v in &self.0 {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
        }
        let values: Vec<u32> = (0..300).collect();
        let back: Vec<u32> = from_bytes(&to_bytes(&Unsized(values.clone())).unwrap()).unwrap();
        assert_eq!(back, values);
    }

    #[test]
    fn foreign_bytes_give_errors_never_panics() {
        let good = to_bytes(&sample()).unwrap();
        for cut in 0..good.len() {
            assert!(from_bytes::<All>(&good[..cut]).is_err(), "cut at {cut}");
        }
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x5a;
            let _ = from_bytes::<All>(&bad);
        }
        let mut extra = good.clone();
        extra.push(0);
        assert!(from_bytes::<All>(&extra).is_err());
        let deep: Vec<u8> = std::iter::repeat_n(Tag::Some as u8, 10_000).collect();
        assert!(from_bytes::<Option<Option<u8>>>(&deep).is_err());
        let deep: Vec<u8> = [Tag::Seq as u8, 1].repeat(10_000);
        assert!(from_bytes::<serde_json::Value>(&deep).is_err());
        assert!(from_bytes::<Vec<u8>>(&[Tag::Seq as u8, 0xff, 0xff, 0xff, 0x7f]).is_err());
    }

    #[test]
    fn floats_keep_every_bit_and_integers_their_range() {
        for v in [0.0f32, -0.0, f32::MIN_POSITIVE, 1e-45, f32::MAX, 0.1] {
            let back: f32 = from_bytes(&to_bytes(&v).unwrap()).unwrap();
            assert_eq!(back.to_bits(), v.to_bits());
        }
        assert!(from_bytes::<u8>(&to_bytes(&256u32).unwrap()).is_err());
        assert!(from_bytes::<u32>(&to_bytes(&-1i32).unwrap()).is_err());
        assert_eq!(
            from_bytes::<i8>(&to_bytes(&-128i64).unwrap()).unwrap(),
            -128
        );
    }
}
