//! Unions whose variant is named on the wire.
//!
//! - Discriminated (`oneOf` + `discriminator`): a member of the object holds the variant's tag.
//! - Externally tagged (serde's own enum form): a bare string names a variant without data, or
//!   an object's key names the variant holding its value.
//!
//! Either way an unlisted variant keeps the whole value as `Unknown` rather than failing the
//! response, and members beside a known variant are ignored like any unknown field.

use serde::de::{self, Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{self, Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

/// Reads the union's object and returns its tag value (when it is a string) with the object.
pub fn split<'de, D: Deserializer<'de>>(deserializer: D, tag: &str) -> Result<(Option<String>, Value), D::Error> {
    let value = Value::deserialize(deserializer)?;
    let tag = value.get(tag).and_then(Value::as_str).map(str::to_owned);
    Ok((tag, value))
}

/// Decodes the object of a known variant; the error names the path inside the variant.
pub fn variant<T: DeserializeOwned, E: de::Error>(value: Value) -> Result<T, E> {
    decode_inside(value, None)
}

/// Decodes `value`; the error names the path inside the variant, starting at `key` when the
/// value sits under one (`single_use`, `single_use.amount`, `items[0]`).
fn decode_inside<T: DeserializeOwned, E: de::Error>(value: Value, key: Option<&str>) -> Result<T, E> {
    serde_path_to_error::deserialize(value).map_err(|error| {
        let inner = error.path().to_string();
        let path = match key {
            None => inner,
            Some(key) if inner == "." => key.to_owned(),
            Some(key) if inner.starts_with('[') => format!("{key}{inner}"),
            Some(key) => format!("{key}.{inner}"),
        };
        E::custom(format_args!("{} (at `{path}` inside the variant)", error.into_inner()))
    })
}

/// The first listed variant named by `value`: the string itself, or a key of the object.
pub fn external_variant(value: &Value, known: &[&'static str]) -> Option<&'static str> {
    match value {
        Value::String(name) => known.iter().find(|known| *known == name).copied(),
        Value::Object(members) => members.keys().find_map(|key| known.iter().find(|known| *known == key).copied()),
        _ => None,
    }
}

/// Decodes the data of the externally tagged variant `key` (the value under that key). A
/// `null` there is `None` when the variant holds an `Option`, and an error naming the key when
/// its data is required.
pub fn external_payload<T: DeserializeOwned, E: de::Error>(value: Value, key: &str) -> Result<T, E> {
    match value {
        Value::Object(mut members) => decode_inside(members.remove(key).unwrap_or(Value::Null), Some(key)),
        other => variant(other),
    }
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
    variant(Value::Object(rest)).map(Some)
}

/// Writes a variant: the tag first, then the payload's own members (a tag member the payload
/// carries itself is replaced, so it is never written twice).
pub fn serialize<S: Serializer, T: Serialize + ?Sized>(
    serializer: S,
    tag: &'static str,
    tag_value: &'static str,
    payload: &T,
) -> Result<S::Ok, S::Error> {
    let members = match serde_json::to_value(payload).map_err(ser::Error::custom)? {
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
    fn split_and_variant_decode() {
        let mut de = serde_json::Deserializer::from_str(r#"{"type":"card","number":"42"}"#);
        let (tag, value) = split(&mut de, "type").unwrap();
        assert_eq!(tag.as_deref(), Some("card"));
        let card: Card = variant::<_, serde_json::Error>(value).unwrap();
        assert_eq!(card, Card { number: "42".into() });

        let error = variant::<Card, serde_json::Error>(serde_json::json!({"number": 1})).unwrap_err();
        assert!(error.to_string().contains("`number`"), "{error}");
    }

    #[test]
    fn external_variants_are_found_by_string_or_key() {
        let known = ["boleto", "efecty"];
        assert_eq!(external_variant(&serde_json::json!("efecty"), &known), Some("efecty"));
        assert_eq!(external_variant(&serde_json::json!({"extra": 1, "boleto": {}}), &known), Some("boleto"));
        assert_eq!(external_variant(&serde_json::json!("oxxo"), &known), None);
        assert_eq!(external_variant(&serde_json::json!(3), &known), None);
        let card: Card =
            external_payload::<_, serde_json::Error>(serde_json::json!({"card": {"number": "4"}}), "card").unwrap();
        assert_eq!(card.number, "4");
    }

    #[test]
    fn a_null_payload_is_none_only_for_a_variant_that_holds_an_option() {
        let none: Option<Card> =
            external_payload::<_, serde_json::Error>(serde_json::json!({"card": null}), "card").unwrap();
        assert_eq!(none, None);
        let some: Option<Card> =
            external_payload::<_, serde_json::Error>(serde_json::json!({"card": {"number": "4"}}), "card").unwrap();
        assert_eq!(some, Some(Card { number: "4".into() }));

        let error = external_payload::<Card, serde_json::Error>(serde_json::json!({"card": null}), "card").unwrap_err();
        assert_eq!(error.to_string(), "invalid type: null, expected struct Card (at `card` inside the variant)");
        let error = external_payload::<Card, serde_json::Error>(serde_json::json!({"card": {"number": 4}}), "card")
            .unwrap_err();
        assert!(error.to_string().ends_with("(at `card.number` inside the variant)"), "{error}");
        let error =
            external_payload::<Vec<Card>, serde_json::Error>(serde_json::json!({"cards": [{}]}), "cards").unwrap_err();
        assert!(error.to_string().ends_with("(at `cards[0]` inside the variant)"), "{error}");
    }

    #[test]
    fn a_non_object_payload_is_an_error_not_a_panic() {
        let mut out = Vec::new();
        let result = serialize(&mut serde_json::Serializer::new(&mut out), "type", "x", &5);
        assert!(result.is_err());
    }
}
