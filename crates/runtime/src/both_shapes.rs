//! Decoders for properties whose wire shape a vendor's own sources disagree on.
//!
//! When a vendor's API page shows one shape and its published spec (and the clients built from
//! it) another, and nothing from the server settles which is real, the generated model keeps
//! the type of the shape it sends and reads both. The generator attaches these functions with
//! `#[serde(deserialize_with = …)]`, or reads a member through [`ListOrOne`] or
//! [`DecimalOrNumber`]; encoding is untouched.
//!
//! - [`list_or_one`]: a list, or one object standing for a one-item list;
//! - [`decimal_or_number`]: a decimal string kept as written, or a JSON number turned into the
//!   decimal text a person would write (`17.5` → `"17.5"`, `1e2` → `"100"`).
//!
//! Both are visitors over the value as it streams by: nothing is buffered. XML has one form for
//! both shapes (a lone element is a one-item list, and every value is text), so while
//! [`codec::xml`](crate::codec::xml) reads a document they decode exactly as a plain
//! `Vec<T>` or `String` would; repeated elements then still make several items.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// A list, or a single object read as a list of one.
///
/// # Errors
///
/// Anything else (a string, a number, a boolean, `null`), or an item that is not a `T`.
pub fn list_or_one<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    ListOrOne::deserialize(deserializer).map(|list| list.0)
}

/// [`list_or_one`] for an optional property: `null` is `None` (pair it with `#[serde(default)]`
/// so a missing member is `None` too).
///
/// # Errors
///
/// As [`list_or_one`].
pub fn list_or_one_option<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<ListOrOne<T>>::deserialize(deserializer).map(|list| list.map(|list| list.0))
}

/// A decimal string, kept exactly as written, or a JSON number, turned into its decimal text.
///
/// Integers are written in full (`20` → `"20"`). Other numbers are read as a double — the type
/// the published specs declare for them — and written as the shortest decimal that reads back
/// as the same double, never in exponent form (`17.5` → `"17.5"`, `1.5e-3` → `"0.0015"`).
///
/// # Errors
///
/// Anything else (a boolean, an object, a list, `null`).
pub fn decimal_or_number<'de, D>(deserializer: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    DecimalOrNumber::deserialize(deserializer).map(|decimal| decimal.0)
}

/// [`decimal_or_number`] for an optional property: `null` is `None` (pair it with
/// `#[serde(default)]` so a missing member is `None` too).
///
/// # Errors
///
/// As [`decimal_or_number`].
pub fn decimal_or_number_option<'de, D>(deserializer: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    Option::<DecimalOrNumber>::deserialize(deserializer).map(|decimal| decimal.map(|decimal| decimal.0))
}

/// Whether the value being decoded comes from an XML document read by this crate.
fn reading_xml() -> bool {
    #[cfg(feature = "xml")]
    {
        crate::codec::xml::is_reading()
    }
    #[cfg(not(feature = "xml"))]
    {
        false
    }
}

/// A list, or one object read as a list of one (what [`list_or_one`] decodes through).
pub struct ListOrOne<T>(pub Vec<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListOrOne<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if reading_xml() {
            // Asking for a sequence is what gathers repeated elements; a lone one is a list of one.
            return Vec::deserialize(deserializer).map(ListOrOne);
        }
        deserializer.deserialize_any(ListOrOneVisitor(PhantomData))
    }
}

struct ListOrOneVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for ListOrOneVisitor<T> {
    type Value = ListOrOne<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list, or one object standing for a list of one")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // The hint comes from the input: trust it only so far.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(256));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(ListOrOne(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(|item| ListOrOne(vec![item]))
    }
}

/// A decimal string or a number, as decimal text (what [`decimal_or_number`] decodes through).
pub struct DecimalOrNumber(pub String);

impl<'de> Deserialize<'de> for DecimalOrNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if reading_xml() {
            // XML values are text: whatever is written there is already the decimal string.
            return String::deserialize(deserializer).map(DecimalOrNumber);
        }
        deserializer.deserialize_any(DecimalOrNumberVisitor)
    }
}

struct DecimalOrNumberVisitor;

impl<'de> Visitor<'de> for DecimalOrNumberVisitor {
    type Value = DecimalOrNumber;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a decimal string or a number")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
        Ok(DecimalOrNumber(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
        Ok(DecimalOrNumber(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
        Ok(DecimalOrNumber(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
        Ok(DecimalOrNumber(value.to_string()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Self::Value, E> {
        Ok(DecimalOrNumber(value.to_string()))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Self::Value, E> {
        Ok(DecimalOrNumber(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
        decimal_text(value)
            .map(DecimalOrNumber)
            .ok_or_else(|| E::invalid_value(de::Unexpected::Float(value), &"a finite number"))
    }

    // A list or an object is refused once entered, so the message must not read like serde's
    // refusal of one it has not entered: that is how a decoding error's path is told apart
    // (`codec::json_path`).
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("expected a decimal string or a number, found a list"))
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(de::Error::custom("expected a decimal string or a number, found an object"))
    }
}

/// The shortest decimal text that reads back as `value`, without an exponent; `None` for NaN
/// and infinities, which have no decimal form.
fn decimal_text(value: f64) -> Option<String> {
    if !value.is_finite() {
        return None;
    }
    // `-0` is zero to whoever reads the string.
    if value == 0.0 {
        return Some("0".to_owned());
    }
    // Rust writes a float as its shortest round-trip digits, in positional notation.
    Some(value.to_string())
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;
    use crate::codec::decode_body;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Item {
        id: i64,
    }

    /// One field of each kind, required and optional.
    #[derive(Debug, PartialEq, Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "list_or_one")]
        items: Vec<Item>,
        #[serde(default, deserialize_with = "list_or_one_option")]
        more: Option<Vec<Item>>,
        #[serde(deserialize_with = "decimal_or_number")]
        rate: String,
        #[serde(default, deserialize_with = "decimal_or_number_option")]
        fee: Option<String>,
    }

    fn json(body: &str) -> Result<Holder, crate::BodyError> {
        decode_body(Some("application/json"), body.as_bytes())
    }

    fn rate(number: &str) -> String {
        json(&format!(r#"{{"items":[],"rate":{number}}}"#)).unwrap_or_else(|error| panic!("{number}: {error}")).rate
    }

    #[test]
    fn numbers_become_the_decimal_a_person_would_write() {
        let cases = [
            ("17.5", "17.5"),
            ("20", "20"),
            ("-3", "-3"),
            ("-0.25", "-0.25"),
            ("0.1", "0.1"),
            ("1e2", "100"),
            ("1E2", "100"),
            ("2.5e1", "25"),
            ("1.5e-3", "0.0015"),
            ("-1e-7", "-0.0000001"),
            ("20.0", "20"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("18446744073709551615", "18446744073709551615"),
            ("-9223372036854775808", "-9223372036854775808"),
            ("1e21", "1000000000000000000000"),
            ("33.333333333333336", "33.333333333333336"),
        ];
        for (number, expected) in cases {
            assert_eq!(rate(number), expected, "{number}");
        }
    }

    #[test]
    fn decimal_strings_are_kept_exactly() {
        for text in ["17.5", "17.50", "0017", "1e2", ""] {
            assert_eq!(rate(&format!("\"{text}\"")), text);
        }
    }

    #[test]
    fn other_values_fail_with_their_path() {
        for (body, path) in [
            (r#"{"items":[],"rate":true}"#, "rate"),
            (r#"{"items":[],"rate":{"value":17.5}}"#, "rate"),
            (r#"{"items":[],"rate":[17.5]}"#, "rate"),
            (r#"{"items":[],"rate":null}"#, "rate"),
            (r#"{"items":[],"rate":"1","fee":false}"#, "fee"),
            (r#"{"items":true,"rate":"1"}"#, "items"),
            (r#"{"items":"one","rate":"1"}"#, "items"),
            (r#"{"items":null,"rate":"1"}"#, "items"),
            (r#"{"items":[{"id":1},{"id":"2"}],"rate":"1"}"#, "items[1].id"),
            (r#"{"items":{"id":"2"},"rate":"1"}"#, "items.id"),
            (r#"{"items":[],"more":{"id":[]},"rate":"1"}"#, "more.id"),
        ] {
            let error = json(body).expect_err(body);
            assert_eq!(error.path, path, "{body}: {error}");
        }
        let error = json(r#"{"items":[],"rate":true}"#).unwrap_err();
        assert!(error.source.to_string().contains("expected a decimal string or a number"), "{error}");
    }

    #[test]
    fn a_single_object_is_a_list_of_one() {
        let one = json(r#"{"items":{"id":7},"more":{"id":8},"rate":"1"}"#).unwrap();
        assert_eq!(one.items, [Item { id: 7 }]);
        assert_eq!(one.more, Some(vec![Item { id: 8 }]));
        let many = json(r#"{"items":[{"id":7},{"id":8}],"more":[],"rate":"1"}"#).unwrap();
        assert_eq!(many.items, [Item { id: 7 }, Item { id: 8 }]);
        assert_eq!(many.more, Some(Vec::new()));
    }

    #[test]
    fn optional_fields_take_null_and_absence_as_none() {
        let absent = json(r#"{"items":[],"rate":"1"}"#).unwrap();
        assert_eq!((absent.more, absent.fee), (None, None));
        let null = json(r#"{"items":[],"more":null,"rate":"1","fee":null}"#).unwrap();
        assert_eq!((null.more, null.fee), (None, None));
        let set = json(r#"{"items":[],"rate":"1","fee":2.75}"#).unwrap();
        assert_eq!(set.fee.as_deref(), Some("2.75"));
    }

    #[test]
    fn non_finite_numbers_have_no_decimal_text() {
        assert_eq!(decimal_text(f64::NAN), None);
        assert_eq!(decimal_text(f64::INFINITY), None);
        assert_eq!(decimal_text(f64::NEG_INFINITY), None);
        assert_eq!(decimal_text(1e300).map(|text| text.len()), Some(301));
    }

    #[cfg(feature = "xml")]
    mod xml {
        use super::*;
        use crate::codec::xml::from_str;

        #[test]
        fn one_element_is_one_item_and_repeated_elements_are_several() {
            let one: Holder = from_str("<Holder><items><id>7</id></items><rate>17.5</rate></Holder>").unwrap();
            assert_eq!(one.items, [Item { id: 7 }]);
            assert_eq!((one.more, one.rate, one.fee), (None, "17.5".to_owned(), None));

            let several: Holder = from_str(
                "<Holder><items><id>7</id></items><items><id>8</id></items><more><id>9</id></more>\
                 <rate>17.50</rate><fee>2</fee></Holder>",
            )
            .unwrap();
            assert_eq!(several.items, [Item { id: 7 }, Item { id: 8 }]);
            assert_eq!(several.more, Some(vec![Item { id: 9 }]));
            assert_eq!((several.rate.as_str(), several.fee.as_deref()), ("17.50", Some("2")));
        }

        #[test]
        fn the_xml_marker_is_set_only_while_a_document_is_read() {
            assert!(!crate::codec::xml::is_reading());
            let _: Holder = from_str("<Holder><items><id>7</id></items><rate>1</rate></Holder>").unwrap();
            assert!(!crate::codec::xml::is_reading());
            // A failed read clears it too, so JSON read next on this thread is not taken for XML.
            assert!(from_str::<Holder>("<Holder><items><id>x</id></items></Holder>").is_err());
            assert!(!crate::codec::xml::is_reading());
            assert_eq!(json(r#"{"items":{"id":1},"rate":1}"#).unwrap().items, [Item { id: 1 }]);
        }

        #[test]
        fn xml_failures_keep_their_path() {
            let error = decode_body::<Holder>(
                Some("text/xml"),
                b"<Holder><items><id>7</id></items><items><id>x</id></items><rate>1</rate></Holder>",
            )
            .unwrap_err();
            assert_eq!(error.path, "items[1].id", "{error}");
        }
    }
}
