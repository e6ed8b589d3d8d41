//! Unions without a tag whose variants differ in JSON type: one variant for an object, one for
//! a string, one for a boolean, one for an integer, and `Other` for anything else.
//!
//! The JSON type alone picks the variant, so it is read straight from the document, with no
//! intermediate value and no second attempt. An object that does not decode as the union's
//! object variant fails where it fails, like any other object of the response.
//!
//! Unions whose variants share a JSON type are read whole, then tried variant by variant in
//! order ([`attempt`]), the first that decodes winning, as serde's untagged enums do.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A union whose variants differ in JSON type. Implemented by generated code, which overrides
/// the methods of the types it has a variant for; the others keep the value in `Other`.
pub trait ByKind: Sized {
    /// An object.
    fn object<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Self::other)
    }
    /// A string.
    fn string(value: String) -> Self {
        Self::other(Value::String(value))
    }
    /// A boolean.
    fn boolean(value: bool) -> Self {
        Self::other(Value::Bool(value))
    }
    /// An integer that fits an `i64`.
    fn integer(value: i64) -> Self {
        Self::other(Value::from(value))
    }
    /// Anything else, kept as received.
    fn other(value: Value) -> Self;
}

/// Decodes a [`ByKind`] union.
pub fn deserialize_by_kind<'de, D: Deserializer<'de>, T: ByKind>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(KindVisitor(PhantomData))
}

struct KindVisitor<T>(PhantomData<T>);

impl<'de, T: ByKind> Visitor<'de> for KindVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::object(map)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::string(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::string(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        Ok(T::boolean(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        Ok(T::integer(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        Ok(i64::try_from(value).map_or_else(|_| T::other(Value::from(value)), T::integer))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        Ok(T::other(Value::from(value)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Ok(T::other(Value::Null))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(T::other)
    }
}

/// The JSON text of a value read whole, for [`attempt`]. Each variant is decoded from it with
/// the decoder every document goes through, so no second decoder is compiled per model.
///
/// # Errors
///
/// A value that cannot be written as JSON (it always can: it was read as JSON).
pub fn text<E: de::Error>(value: &Value) -> Result<Vec<u8>, E> {
    serde_json::to_vec(value).map_err(E::custom)
}

/// The variant `T` if the union's JSON `text` decodes as one.
pub fn attempt<T: serde::de::DeserializeOwned>(text: &[u8]) -> Option<T> {
    serde_json::from_slice(text).ok()
}

/// The error for a value no variant of `union` decodes.
pub fn no_variant<E: de::Error>(union: &str) -> E {
    E::custom(format_args!("data did not match any variant of untagged enum {union}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Deserialize)]
    struct Card {
        last4: String,
    }

    #[derive(Debug, PartialEq)]
    enum Data {
        Card(Card),
        String(String),
        Integer(i64),
        Other(Value),
    }

    impl ByKind for Data {
        fn object<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
            Card::deserialize(MapAccessDeserializer::new(map)).map(Self::Card)
        }
        fn string(value: String) -> Self {
            Self::String(value)
        }
        fn integer(value: i64) -> Self {
            Self::Integer(value)
        }
        fn other(value: Value) -> Self {
            Self::Other(value)
        }
    }

    fn data(text: &str) -> Result<Data, serde_json::Error> {
        deserialize_by_kind(&mut serde_json::Deserializer::from_str(text))
    }

    #[test]
    fn the_json_type_picks_the_variant() {
        assert_eq!(data(r#"{"last4":"4242","extra":1}"#).unwrap(), Data::Card(Card { last4: "4242".into() }));
        assert_eq!(data(r#""reward""#).unwrap(), Data::String("reward".into()));
        assert_eq!(data("-7").unwrap(), Data::Integer(-7));
        assert_eq!(data("18446744073709551615").unwrap(), Data::Other(Value::from(u64::MAX)));
        for other in ["true", "2.5", "null", "[1,{\"a\":[]}]"] {
            assert_eq!(data(other).unwrap(), Data::Other(serde_json::from_str(other).unwrap()), "{other}");
        }
    }

    #[test]
    fn variants_are_tried_in_order_on_the_text() {
        let text = text::<serde_json::Error>(&serde_json::json!({"last4": "4242"})).unwrap();
        assert_eq!(attempt::<Card>(&text), Some(Card { last4: "4242".into() }));
        assert_eq!(attempt::<String>(&text), None);
        assert_eq!(
            no_variant::<serde_json::Error>("Data").to_string(),
            "data did not match any variant of untagged enum Data"
        );
    }

    #[test]
    fn an_object_that_is_not_the_variant_fails_where_it_fails() {
        let error = data(r#"{"last4":4242}"#).unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 13), "{error}");
    }
}
