//! Reading a generated model's members from an object.
//!
//! Generated structs decode with a `visit_map` of their own (see the generator's
//! `emit/rust/decode.rs`); what they share lives here, compiled once rather than per model.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};

/// Reads a member name and looks it up with the model's own function: the member's index, or
/// `None` for a member the model does not list.
#[derive(Clone, Copy)]
pub struct Member(pub fn(&str) -> Option<u16>);

impl<'de> DeserializeSeed<'de> for Member {
    type Value = Option<u16>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<u16>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for Member {
    type Value = Option<u16>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<u16>, E> {
        Ok((self.0)(name))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<u16>, E> {
        Ok(std::str::from_utf8(name).ok().and_then(self.0))
    }
}

/// A member name read by [`MemberOrName`].
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// A member the model lists, by index.
    Member(u16),
    /// Any other member, by name: for a model that keeps the rest (a flattened union, or
    /// members it does not list).
    Other(String),
}

/// Like [`Member`], but keeps the name of a member the model does not list.
#[derive(Clone, Copy)]
pub struct MemberOrName(pub fn(&str) -> Option<u16>);

impl<'de> DeserializeSeed<'de> for MemberOrName {
    type Value = Found;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Found, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl Visitor<'_> for MemberOrName {
    type Value = Found;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Found, E> {
        Ok((self.0)(name).map_or_else(|| Found::Other(name.to_owned()), Found::Member))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Found, E> {
        Ok((self.0)(&name).map_or(Found::Other(name), Found::Member))
    }

    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Found, E> {
        let name = String::from_utf8_lossy(name);
        Ok((self.0)(&name).map_or_else(|| Found::Other(name.into_owned()), Found::Member))
    }
}

/// Reads the value of member `name` into its slot; a member written twice is refused, as
/// serde's derive does.
///
/// # Errors
///
/// The value's own, or the repetition.
#[inline]
pub fn read<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The value of a required member once the object is read.
///
/// # Errors
///
/// A missing member, named.
#[inline]
pub fn required<T, E: de::Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}

/// The error for a list where a model's object belongs.
///
/// The message must not read like serde's own "invalid type: sequence": serde_json has already
/// entered this list, and the decoding error's path is told apart by that
/// (`codec::json_path`).
pub fn list_refused<E: de::Error>(model: &str) -> E {
    E::custom(format_args!("expected a `{model}` object, found a list"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(name: &str) -> Option<u16> {
        match name {
            "id" => Some(0),
            "amount" => Some(1),
            _ => None,
        }
    }

    #[test]
    fn names_are_looked_up_escaped_or_not() {
        let mut de = serde_json::Deserializer::from_str(r#""amount""#);
        assert_eq!(Member(lookup).deserialize(&mut de).unwrap(), Some(1));
        let mut de = serde_json::Deserializer::from_str(r#""\u0069d""#);
        assert_eq!(Member(lookup).deserialize(&mut de).unwrap(), Some(0));
        let mut de = serde_json::Deserializer::from_str(r#""other""#);
        assert_eq!(Member(lookup).deserialize(&mut de).unwrap(), None);
        assert_eq!(Member(lookup).visit_bytes::<serde_json::Error>(b"id").unwrap(), Some(0));
        assert_eq!(Member(lookup).visit_bytes::<serde_json::Error>(b"\xff").unwrap(), None);
    }

    #[test]
    fn other_names_are_kept() {
        let mut de = serde_json::Deserializer::from_str(r#""amount""#);
        assert_eq!(MemberOrName(lookup).deserialize(&mut de).unwrap(), Found::Member(1));
        let mut de = serde_json::Deserializer::from_str(r#""card\u0021""#);
        assert_eq!(MemberOrName(lookup).deserialize(&mut de).unwrap(), Found::Other("card!".into()));
    }
}
