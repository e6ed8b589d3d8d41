//! Open string enums: every enum a vendor crate generates keeps values it does not know.
//!
//! A gateway adding a status must not fail a whole response, so each generated enum has an
//! `Unknown(UnknownValue)` variant that holds the value as received and serializes it back
//! unchanged. [`UnknownValue`] has no public constructor: a known value always decodes to its
//! own variant, so `Unknown` never shadows one.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// A value the SDK does not list, exactly as the gateway sent it.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// The value as sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Implemented by every generated string enum.
pub trait StringEnum: Sized {
    /// The variant for a listed wire value.
    fn from_known(value: &str) -> Option<Self>;
    /// Wraps a value the enum does not list.
    fn from_unknown(value: UnknownValue) -> Self;
}

/// Maps a wire value to its variant, or to `Unknown`.
pub fn parse<T: StringEnum>(value: &str) -> T {
    T::from_known(value).unwrap_or_else(|| T::from_unknown(UnknownValue(value.to_owned())))
}

/// Deserializes a string into a generated enum; never fails on an unlisted value.
pub fn deserialize<'de, D: Deserializer<'de>, T: StringEnum>(deserializer: D) -> Result<T, D::Error> {
    struct EnumVisitor<T>(PhantomData<T>);

    impl<T: StringEnum> Visitor<'_> for EnumVisitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            Ok(parse(value))
        }

        fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
            Ok(T::from_known(&value).unwrap_or_else(|| T::from_unknown(UnknownValue(value))))
        }
    }

    deserializer.deserialize_string(EnumVisitor(PhantomData))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Status {
        Open,
        Unknown(UnknownValue),
    }

    impl StringEnum for Status {
        fn from_known(value: &str) -> Option<Self> {
            (value == "open").then_some(Self::Open)
        }
        fn from_unknown(value: UnknownValue) -> Self {
            Self::Unknown(value)
        }
    }

    #[test]
    fn known_values_never_become_unknown() {
        assert_eq!(parse::<Status>("open"), Status::Open);
        let Status::Unknown(value) = parse::<Status>("reopened") else { panic!("expected Unknown") };
        assert_eq!(value.as_str(), "reopened");
        assert_eq!(format!("{value:?} {value}"), "\"reopened\" reopened");
    }

    #[test]
    fn deserializes_owned_and_borrowed_strings() {
        let mut de = serde_json::Deserializer::from_str(r#""open""#);
        assert_eq!(deserialize::<_, Status>(&mut de).unwrap(), Status::Open);
        let mut de = serde_json::Deserializer::from_str(r#""new\u0021""#);
        assert_eq!(deserialize::<_, Status>(&mut de).unwrap(), parse("new!"));
        let mut de = serde_json::Deserializer::from_str("3");
        assert!(deserialize::<_, Status>(&mut de).is_err());
    }
}
