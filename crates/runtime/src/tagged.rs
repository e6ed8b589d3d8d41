//! Unions whose variant is named on the wire.
//!
//! - Discriminated (`oneOf` + `discriminator`): a member of the object holds the variant's tag.
//! - Externally tagged (serde's own enum form): a bare string names a variant without data, or
//!   an object's key names the variant holding its value.
//!
//! Either way an unlisted variant keeps the whole value as `Unknown` rather than failing the
//! response, and members beside a known variant are ignored like any unknown field.
//!
//! A known variant is read straight from the document as it streams by, with no intermediate
//! `Value`, whenever the form allows it: always for the externally tagged form, and for a
//! discriminated union whose tag is the object's first member (where servers write it). A tag
//! written later makes the object be read whole first.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, StrDeserializer};
use serde::de::{self, Deserialize, DeserializeOwned, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::ser::{self, Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// A union whose variant a member of the object names (`oneOf` + `discriminator`).
///
/// Implemented by generated code; decode it with [`deserialize_discriminated`].
pub trait Discriminated: Sized {
    /// The member holding the variant's tag.
    const TAG: &'static str;
    /// The listed tags.
    const TAGS: &'static [&'static str];
    /// Decodes the variant tagged `tag` (one of [`TAGS`](Self::TAGS)) from `payload`.
    fn variant<'de, P: Payload<'de>>(tag: &str, payload: P) -> Result<Self, P::Error>;
    /// A value with an unlisted tag (or none), kept whole.
    fn unknown(value: Value) -> Self;
}

/// A union in serde's externally tagged form: a bare string names a variant without data, an
/// object's member names the variant holding its value.
///
/// Implemented by generated code; decode it with [`deserialize_external`].
pub trait ExternallyTagged: Sized {
    /// The listed variant names.
    const NAMES: &'static [&'static str];
    /// Decodes the variant `name` (one of [`NAMES`](Self::NAMES)) from `payload`.
    fn variant<'de, P: Payload<'de>>(name: &str, payload: P) -> Result<Self, P::Error>;
    /// A value naming no listed variant, kept whole.
    fn unknown(value: Value) -> Self;
}

/// Where a known variant's data is read from: straight from the document as it streams by,
/// or from a value read ahead of it.
pub trait Payload<'de> {
    /// The error of the document being read.
    type Error: de::Error;
    /// Reads the variant's data.
    fn decode<T: DeserializeOwned>(self) -> Result<T, Self::Error>;
    /// Reads past a variant that carries no data.
    fn nothing(self) -> Result<(), Self::Error>;
    /// The error for a name the union does not list (generated code never asks for one).
    fn unlisted(self, name: &str) -> Self::Error;
}

/// The visits of a union's visitor for a value that names no variant whatever the union (a
/// boolean, a number, `null`, a list): kept whole as `Unknown`.
macro_rules! kept_whole {
    () => {
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
            Ok(T::unknown(Value::Bool(value)))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
            Ok(T::unknown(Value::from(value)))
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
            Ok(T::unknown(Value::from(value)))
        }

        fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
            Ok(T::unknown(Value::from(value)))
        }

        fn visit_unit<E: de::Error>(self) -> Result<T, E> {
            Ok(T::unknown(Value::Null))
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
            Value::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(T::unknown)
        }
    };
}

/// Decodes a discriminated union. When the tag is the object's first member (as servers write
/// it) the variant is read straight from the document; otherwise the object is read whole
/// first. Everything happens inside the object's visitor, so a failure is reported at the
/// union's own place in the document.
pub fn deserialize_discriminated<'de, D: Deserializer<'de>, T: Discriminated>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(DiscriminatedVisitor(PhantomData))
}

struct DiscriminatedVisitor<T>(PhantomData<T>);

impl<'de, T: Discriminated> Visitor<'de> for DiscriminatedVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` member", T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let Some(first) = map.next_key::<String>()? else { return Ok(T::unknown(Value::Object(Map::new()))) };
        let first_value: Value = map.next_value()?;
        if first == T::TAG
            && let Value::String(tag) = &first_value
            && T::TAGS.contains(&tag.as_str())
        {
            let rest = Rest { map, tag: Some((T::TAG, tag.clone())) };
            return T::variant(tag, rest);
        }
        let mut members = Map::new();
        members.insert(first, first_value);
        while let Some((key, value)) = map.next_entry::<String, Value>()? {
            members.insert(key, value);
        }
        match members.get(T::TAG).and_then(Value::as_str).filter(|tag| T::TAGS.contains(tag)).map(str::to_owned) {
            Some(tag) => T::variant(&tag, Whole::new(Value::Object(members))),
            None => Ok(T::unknown(Value::Object(members))),
        }
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::unknown(Value::from(value)))
    }

    kept_whole!();
}

/// Decodes an externally tagged union. An object's variant is read straight from the
/// document; members before it are kept in case no listed variant follows, members after it
/// are skipped. Of two listed names in one object, the first written wins.
pub fn deserialize_external<'de, D: Deserializer<'de>, T: ExternallyTagged>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(ExternalVisitor(PhantomData))
}

struct ExternalVisitor<T>(PhantomData<T>);

impl<'de, T: ExternallyTagged> Visitor<'de> for ExternalVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a variant name, or an object with a variant's name as a member")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut others = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if let Some(name) = T::NAMES.iter().find(|name| **name == key) {
                let decoded = T::variant(name, Member { map: &mut map })?;
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                return Ok(decoded);
            }
            others.insert(key, map.next_value()?);
        }
        Ok(T::unknown(Value::Object(others)))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        match T::NAMES.iter().find(|name| **name == value) {
            Some(name) => T::variant(name, Whole::new(Value::from(value))),
            None => Ok(T::unknown(Value::from(value))),
        }
    }

    kept_whole!();
}

/// Reads the value of member `name`, one of the union's [`NAMES`](ExternallyTagged::NAMES), as
/// its variant: for a union flattened into a struct, whose members it shares.
pub fn flattened_variant<'de, A: MapAccess<'de>, T: ExternallyTagged>(name: &str, map: &mut A) -> Result<T, A::Error> {
    T::variant(name, Member { map })
}

/// The rest of a discriminated union's object, its tag member given back first (a variant's
/// model may list the tag among its own properties).
struct Rest<A> {
    map: A,
    tag: Option<(&'static str, String)>,
}

impl<'de, A: MapAccess<'de>> Payload<'de> for Rest<A> {
    type Error = A::Error;

    fn decode<T: DeserializeOwned>(self) -> Result<T, A::Error> {
        T::deserialize(MapAccessDeserializer::new(self))
    }

    fn nothing(mut self) -> Result<(), A::Error> {
        while self.map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn unlisted(self, name: &str) -> A::Error {
        de::Error::unknown_variant(name, &[])
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Rest<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        match &self.tag {
            Some((name, _)) => seed.deserialize(StrDeserializer::new(name)).map(Some),
            None => self.map.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.tag.take() {
            Some((_, tag)) => seed.deserialize(GivenBackTag { tag, error: PhantomData }),
            None => self.map.next_value_seed(seed),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint().map(|rest| rest + usize::from(self.tag.is_some()))
    }
}

/// The tag's value, given back as a member of the variant's model: a string, also where the
/// model lists the tag as optional (a constant with a default), which reads it as `Some`.
struct GivenBackTag<E> {
    tag: String,
    error: PhantomData<E>,
}

impl<'de, E: de::Error> Deserializer<'de> for GivenBackTag<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        de::value::StringDeserializer::new(self.tag).deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        de::value::StringDeserializer::new(self.tag).deserialize_enum(name, variants, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// An externally tagged variant's value, read from the document.
struct Member<'a, A> {
    map: &'a mut A,
}

impl<'de, A: MapAccess<'de>> Payload<'de> for Member<'_, A> {
    type Error = A::Error;

    fn decode<T: DeserializeOwned>(self) -> Result<T, A::Error> {
        self.map.next_value()
    }

    fn nothing(self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(drop)
    }

    fn unlisted(self, name: &str) -> A::Error {
        de::Error::unknown_variant(name, &[])
    }
}

/// A variant's data held as a value, read ahead of decoding (the union's object whole, or a
/// bare variant name). A failure names the place inside the value in its message.
struct Whole<E> {
    value: Value,
    error: PhantomData<E>,
}

impl<E> Whole<E> {
    fn new(value: Value) -> Self {
        Self { value, error: PhantomData }
    }
}

impl<'de, E: de::Error> Payload<'de> for Whole<E> {
    type Error = E;

    fn decode<T: DeserializeOwned>(self) -> Result<T, E> {
        decode_inside(self.value)
    }

    fn nothing(self) -> Result<(), E> {
        Ok(())
    }

    fn unlisted(self, name: &str) -> E {
        E::unknown_variant(name, &[])
    }
}

/// Decodes a value read ahead. It goes through its JSON text, with the decoder the document
/// itself goes through (a decoder over `Value` would be compiled for every model a union can
/// hold); the error names the path inside the value in its message, since the document's
/// position is past the whole value by then.
fn decode_inside<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    let text = serde_json::to_vec(&value).map_err(E::custom)?;
    serde_json::from_slice(&text).map_err(|error| E::custom(inside_the_variant(&text, error)))
}

/// The reason a value read ahead did not decode, with the path inside it (kept apart from
/// `decode_inside` so it is compiled once, not once per variant type).
fn inside_the_variant(text: &[u8], error: serde_json::Error) -> String {
    let position = format!(" at line {} column {}", error.line(), error.column());
    let failure = crate::codec::json_failure(text, error);
    let message = failure.source.to_string();
    let reason = message.strip_suffix(&position).unwrap_or(&message);
    let path = if failure.path.is_empty() { "." } else { &failure.path };
    format!("{reason} (at `{path}` inside the variant)")
}

/// For an optional union flattened into its parent (`allOf` of objects and a union): the
/// members left after the parent's own fields form the union, and none left means `None`.
pub fn flattened_option<'de, D: Deserializer<'de>, T: DeserializeOwned>(
    deserializer: D,
) -> Result<Option<T>, D::Error> {
    let rest = Map::<String, Value>::deserialize(deserializer)?;
    if rest.is_empty() {
        return Ok(None);
    }
    decode_inside(Value::Object(rest)).map(Some)
}

/// Writes a variant: the tag first, then the payload's own members (a tag member the payload
/// carries itself is replaced, so it is never written twice).
pub fn serialize<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    tag: &'static str,
    tag_value: &'static str,
    payload: &T,
) -> Result<S::Ok, S::Error> {
    // Through the JSON text, with the encoder every body goes through (see `decode_inside`).
    let text = serde_json::to_vec(payload).map_err(ser::Error::custom)?;
    let members = match serde_json::from_slice::<Value>(&text).map_err(ser::Error::custom)? {
        Value::Object(members) => members,
        other => return Err(ser::Error::custom(format_args!("variant `{tag_value}` is not an object: {other}"))),
    };
    let mut object = Map::with_capacity(members.len() + 1);
    object.insert(tag.to_owned(), Value::String(tag_value.to_owned()));
    object.extend(members.into_iter().filter(|(key, _)| key != tag));
    object.serialize(serializer)
}

/// Writes a variant that carries nothing but its tag.
pub fn serialize_unit<S: Serializer>(
    serializer: S,
    tag: &'static str,
    tag_value: &'static str,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(1))?;
    map.serialize_entry(tag, tag_value)?;
    map.end()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq)]
    struct Card {
        number: String,
    }

    /// A union as the generator writes one: `card` holds a `Card`, `none` holds nothing.
    #[derive(Debug, PartialEq)]
    enum Method {
        Card(Card),
        Wallet(Option<Card>),
        None,
        Unknown(Value),
    }

    impl Discriminated for Method {
        const TAG: &'static str = "type";
        const TAGS: &'static [&'static str] = &["card", "wallet", "none"];
        fn variant<'de, P: Payload<'de>>(tag: &str, payload: P) -> Result<Self, P::Error> {
            match tag {
                "card" => payload.decode().map(Self::Card),
                "wallet" => payload.decode().map(Self::Wallet),
                "none" => payload.nothing().map(|()| Self::None),
                other => Err(payload.unlisted(other)),
            }
        }
        fn unknown(value: Value) -> Self {
            Self::Unknown(value)
        }
    }

    impl ExternallyTagged for Method {
        const NAMES: &'static [&'static str] = &["card", "wallet", "none"];
        fn variant<'de, P: Payload<'de>>(name: &str, payload: P) -> Result<Self, P::Error> {
            <Self as Discriminated>::variant(name, payload)
        }
        fn unknown(value: Value) -> Self {
            Self::Unknown(value)
        }
    }

    fn discriminated(text: &str) -> Result<Method, serde_json::Error> {
        deserialize_discriminated(&mut serde_json::Deserializer::from_str(text))
    }

    fn external(text: &str) -> Result<Method, serde_json::Error> {
        deserialize_external(&mut serde_json::Deserializer::from_str(text))
    }

    fn card(number: &str) -> Card {
        Card { number: number.into() }
    }

    #[test]
    fn tag_goes_first_and_is_not_duplicated() {
        #[derive(serde::Serialize)]
        struct WithTag {
            number: &'static str,
            r#type: &'static str,
        }
        let mut out = Vec::new();
        serialize(
            &mut serde_json::Serializer::new(&mut out),
            "type",
            "card",
            &WithTag { number: "42", r#type: "card" },
        )
        .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"type":"card","number":"42"}"#);

        let mut out = Vec::new();
        serialize_unit(&mut serde_json::Serializer::new(&mut out), "wallet_name", "none").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), r#"{"wallet_name":"none"}"#);
    }

    #[test]
    fn a_tag_written_first_or_later_selects_the_variant() {
        assert_eq!(discriminated(r#"{"type":"card","number":"42"}"#).unwrap(), Method::Card(card("42")));
        assert_eq!(discriminated(r#"{"number":"42","type":"card","x":1}"#).unwrap(), Method::Card(card("42")));
        assert_eq!(discriminated(r#"{"type":"none","x":[1,{}]}"#).unwrap(), Method::None);
        assert_eq!(discriminated(r#"{"x":1,"type":"none"}"#).unwrap(), Method::None);
    }

    #[test]
    fn a_variant_model_that_lists_the_tag_reads_it() {
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct Tagged {
            r#type: String,
            number: String,
        }
        /// A model whose tag member is optional (a constant with a default, say).
        #[derive(Debug, PartialEq, serde::Deserialize)]
        struct OptionallyTagged {
            r#type: Option<String>,
            number: String,
        }
        struct Only<T>(T);
        impl<T: DeserializeOwned> Discriminated for Only<T> {
            const TAG: &'static str = "type";
            const TAGS: &'static [&'static str] = &["card"];
            fn variant<'de, P: Payload<'de>>(_: &str, payload: P) -> Result<Self, P::Error> {
                payload.decode().map(Only)
            }
            fn unknown(_: Value) -> Self {
                unreachable!("every test value is tagged `card`")
            }
        }
        fn read<T: DeserializeOwned>(text: &str) -> T {
            let Only(read) = deserialize_discriminated(&mut serde_json::Deserializer::from_str(text)).unwrap();
            read
        }
        for text in [r#"{"type":"card","number":"4"}"#, r#"{"number":"4","type":"card"}"#] {
            assert_eq!(read::<Tagged>(text), Tagged { r#type: "card".into(), number: "4".into() }, "{text}");
            let optional = OptionallyTagged { r#type: Some("card".into()), number: "4".into() };
            assert_eq!(read::<OptionallyTagged>(text), optional, "{text}");
        }
    }

    #[test]
    fn unlisted_tags_and_other_values_are_kept_whole() {
        let kept = discriminated(r#"{"type":"crypto","coin":"btc"}"#).unwrap();
        assert_eq!(kept, Method::Unknown(serde_json::json!({"type":"crypto","coin":"btc"})));
        let kept = discriminated(r#"{"coin":"btc","type":7}"#).unwrap();
        assert_eq!(kept, Method::Unknown(serde_json::json!({"coin":"btc","type":7})));
        for other in ["{}", "[1,{\"a\":2}]", "\"card\"", "3", "-3", "2.5", "true", "null"] {
            let expected: Value = serde_json::from_str(other).unwrap();
            assert_eq!(discriminated(other).unwrap(), Method::Unknown(expected.clone()), "{other}");
            if other != "\"card\"" {
                assert_eq!(external(other).unwrap(), Method::Unknown(expected), "{other}");
            }
        }
    }

    #[test]
    fn external_variants_are_found_by_name_or_member() {
        assert_eq!(external(r#""none""#).unwrap(), Method::None);
        assert_eq!(external(r#"{"card":{"number":"4"}}"#).unwrap(), Method::Card(card("4")));
        assert_eq!(external(r#"{"extra":1,"card":{"number":"4"},"more":[2]}"#).unwrap(), Method::Card(card("4")));
        assert_eq!(external(r#"{"none":{"ignored":true}}"#).unwrap(), Method::None);
        assert_eq!(external(r#""oxxo""#).unwrap(), Method::Unknown(Value::from("oxxo")));
        let kept = external(r#"{"oxxo":{"ref":"1"},"n":2}"#).unwrap();
        assert_eq!(kept, Method::Unknown(serde_json::json!({"oxxo":{"ref":"1"},"n":2})));
    }

    #[test]
    fn a_null_payload_is_none_only_for_a_variant_that_holds_an_option() {
        assert_eq!(external(r#"{"wallet":null}"#).unwrap(), Method::Wallet(None));
        assert_eq!(external(r#"{"wallet":{"number":"4"}}"#).unwrap(), Method::Wallet(Some(card("4"))));
        let error = external(r#"{"card":null}"#).unwrap_err();
        assert_eq!(error.to_string(), "invalid type: null, expected struct Card at line 1 column 12");
    }

    #[test]
    fn failures_inside_a_variant_are_reported_where_they_happen() {
        // Read straight from the document: the position is the failing value's.
        let error = external(r#"{"card":{"number":4}}"#).unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 19), "{error}");
        let error = discriminated(r#"{"type":"card","number":4}"#).unwrap_err();
        assert_eq!((error.line(), error.column()), (1, 25), "{error}");
        // Read ahead (the tag came late): the message names the place inside the variant.
        let error = discriminated(r#"{"number":4,"type":"card"}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("invalid type: integer `4`, expected a string (at `number` inside the variant)"),
            "{error}"
        );
        let error = external(r#""card""#).unwrap_err();
        assert!(error.to_string().contains("inside the variant"), "{error}");
    }

    #[test]
    fn a_non_object_payload_is_an_error_not_a_panic() {
        let mut out = Vec::new();
        let result = serialize(&mut serde_json::Serializer::new(&mut out), "type", "x", &5);
        assert!(result.is_err());
    }
}
