//! Body encodings. Requests are written in the client's [`Format`]; responses are read by
//! their actual `Content-Type`, whatever was asked for.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::validate::{Validate, ValidationErrors};

mod json_path;

/// The media type a client writes request bodies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// `application/json` (the default).
    #[default]
    Json,
    /// `text/xml`, for operations that offer it; others stay JSON.
    #[cfg(feature = "xml")]
    Xml,
}

/// What a response body is, judged from its `Content-Type` (or its first byte when absent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum BodyKind {
    Json,
    #[cfg(feature = "xml")]
    Xml,
    /// A media type the SDK does not decode (an HTML error page, say).
    Other(String),
}

impl BodyKind {
    pub(crate) fn of(content_type: Option<&str>, body: &[u8]) -> Self {
        let Some(content_type) = content_type else { return Self::sniff(body) };
        // Read on every response: compared in place, lowercased only when it is kept.
        let essence = content_type.split(';').next().unwrap_or_default().trim();
        let is = |media_type: &str| essence.eq_ignore_ascii_case(media_type);
        let has_suffix = |suffix: &str| {
            essence.len() > suffix.len()
                && essence.get(essence.len() - suffix.len()..).is_some_and(|end| end.eq_ignore_ascii_case(suffix))
        };
        if is("application/json") || is("text/json") || has_suffix("+json") {
            return Self::Json;
        }
        #[cfg(feature = "xml")]
        if is("text/xml") || is("application/xml") || has_suffix("+xml") {
            return Self::Xml;
        }
        if essence.is_empty() { Self::sniff(body) } else { Self::Other(essence.to_ascii_lowercase()) }
    }

    fn sniff(body: &[u8]) -> Self {
        match body.iter().find(|byte| !byte.is_ascii_whitespace()) {
            #[cfg(feature = "xml")]
            Some(b'<') => Self::Xml,
            _ => Self::Json,
        }
    }
}

/// A body that did not decode: where in the document, and why.
#[derive(Debug, thiserror::Error)]
#[error("{}{source}", if path.is_empty() { String::new() } else { format!("at `{path}`: ") })]
#[non_exhaustive]
pub struct BodyError {
    /// Where decoding stopped (`data[0].status`); empty when the document as a whole is wrong.
    pub path: String,
    /// The decoder's own error.
    #[source]
    pub source: Box<dyn std::error::Error + Send + Sync>,
}

/// Decodes `body` exactly as the client decodes a response: by its `Content-Type` (JSON, or XML
/// where the crate speaks it), the whole body, unknown members ignored, unknown enum values kept.
///
/// For payloads that reach you outside a call — a webhook, a stored response.
///
/// # Errors
///
/// [`BodyError`] when the body is not the type, with the path where decoding stopped.
pub fn decode_body<T: DeserializeOwned>(content_type: Option<&str>, body: &[u8]) -> Result<T, BodyError> {
    decode(&BodyKind::of(content_type, body), body)
}

pub(crate) fn decode<T: DeserializeOwned>(kind: &BodyKind, body: &[u8]) -> Result<T, BodyError> {
    decode_or(kind, body, |failure| failure)
}

/// [`decode`], with its failure turned into the caller's error in the same step: a decoded
/// value (5 KB for a Hyperswitch payment) is then moved once fewer.
pub(crate) fn decode_or<T: DeserializeOwned, X>(
    kind: &BodyKind,
    body: &[u8],
    fail: impl FnOnce(BodyError) -> X,
) -> Result<T, X> {
    match kind {
        BodyKind::Json => serde_json::from_slice(body).map_err(|error| fail(json_failure(body, error))),
        #[cfg(feature = "xml")]
        BodyKind::Xml => xml::decode(body).map_err(fail),
        BodyKind::Other(media_type) => Err(fail(BodyError {
            path: String::new(),
            source: format!("the response is `{media_type}`, which this SDK does not decode").into(),
        })),
    }
}

/// Locates a JSON decoding failure: nothing tracks the path while decoding succeeds.
pub(crate) fn json_failure(body: &[u8], error: serde_json::Error) -> BodyError {
    let path = if error.line() == 0 {
        String::new()
    } else {
        // A list or object of the wrong type is refused before it is entered: serde's message
        // says so.
        let message = error.to_string();
        let concerning = if message.starts_with("invalid type: sequence") || message.starts_with("invalid type: map") {
            json_path::Concerning::TheContainerAhead
        } else {
            json_path::Concerning::TheValue
        };
        json_path::at(body, json_path::offset(body, error.line(), error.column()), concerning)
    };
    BodyError { path, source: Box::new(error) }
}

/// XML bodies (CityPay's `text/xml`): the root element is named after the model, properties
/// are child elements with their JSON names, and list items are repeated elements.
#[cfg(feature = "xml")]
pub mod xml {
    use std::cell::Cell;

    use serde::Serialize;
    use serde::de::DeserializeOwned;

    use super::BodyError;

    /// Writes `value` as an XML document whose root element is `root`.
    pub fn to_string<T: Serialize + ?Sized>(root: &str, value: &T) -> Result<String, quick_xml::SeError> {
        quick_xml::se::to_string_with_root(root, value)
    }

    /// Reads a model from an XML document (the root element's name is not checked).
    ///
    /// Read XML models through this function (or [`decode_body`](super::decode_body)) rather than
    /// with `quick-xml` directly: properties that also accept a second shape (a list or one
    /// item, say) need to know the document is XML.
    pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, quick_xml::DeError> {
        reading(|| quick_xml::de::from_str(text))
    }

    pub(crate) fn decode<T: DeserializeOwned>(body: &[u8]) -> Result<T, BodyError> {
        let text =
            std::str::from_utf8(body).map_err(|error| BodyError { path: String::new(), source: Box::new(error) })?;
        let mut deserializer = quick_xml::de::Deserializer::from_str(text);
        reading(|| serde_path_to_error::deserialize(&mut deserializer))
            .map_err(|error| BodyError { path: error.path().to_string(), source: Box::new(error.into_inner()) })
    }

    thread_local! {
        /// Whether this thread is inside [`reading`]. A serde deserializer cannot say which
        /// format it reads, and XML needs to be asked for a sequence where JSON is asked what
        /// it holds (see `both_shapes`).
        static READING: Cell<bool> = const { Cell::new(false) };
    }

    /// Runs `read` marked as reading XML; the mark is lifted afterwards, on unwinding too.
    fn reading<R>(read: impl FnOnce() -> R) -> R {
        struct Lift(bool);
        impl Drop for Lift {
            fn drop(&mut self) {
                READING.with(|reading| reading.set(self.0));
            }
        }
        let _lift = Lift(READING.with(|reading| reading.replace(true)));
        read()
    }

    /// Whether an XML document is being read on this thread.
    pub(crate) fn is_reading() -> bool {
        READING.with(Cell::get)
    }
}

/// A request body: validated (when the client asks) and encoded in the client's format.
///
/// Implemented for every generated request model.
pub trait RequestBody: Sync {
    /// Checks the body against its schema's constraints.
    fn validate_body(&self) -> Result<(), ValidationErrors>;
    /// Encodes the body; `xml_root` names the root element for XML.
    fn encode(&self, format: Format, xml_root: &str) -> Result<Vec<u8>, String>;
    /// The body as a JSON value, for a call that adds members of its own to it.
    fn to_json(&self) -> Result<serde_json::Value, String>;
}

impl<T: Serialize + Validate + Sync> RequestBody for T {
    fn validate_body(&self) -> Result<(), ValidationErrors> {
        self.validate()
    }

    #[cfg_attr(not(feature = "xml"), allow(unused_variables))]
    fn encode(&self, format: Format, xml_root: &str) -> Result<Vec<u8>, String> {
        match format {
            Format::Json => serde_json::to_vec(self).map_err(|error| error.to_string()),
            #[cfg(feature = "xml")]
            Format::Xml => xml::to_string(xml_root, self).map(String::into_bytes).map_err(|error| error.to_string()),
        }
    }

    fn to_json(&self) -> Result<serde_json::Value, String> {
        // Through the JSON text, with the encoder every body goes through: a second encoder
        // (serde_json's value serializer) would be compiled for every request model.
        let text = serde_json::to_vec(self).map_err(|error| error.to_string())?;
        serde_json::from_slice(&text).map_err(|error| error.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_json_media_types() {
        assert_eq!(BodyKind::of(Some("application/json; charset=utf-8"), b"{}"), BodyKind::Json);
        assert_eq!(BodyKind::of(Some("application/problem+json"), b"{}"), BodyKind::Json);
        assert_eq!(BodyKind::of(None, b" {}"), BodyKind::Json);
        assert_eq!(BodyKind::of(Some("Application/Problem+JSON"), b"{}"), BodyKind::Json);
        assert_eq!(BodyKind::of(Some("+json"), b"{}"), BodyKind::Other("+json".into()));
        assert_eq!(BodyKind::of(Some(" ; charset=utf-8"), b"{}"), BodyKind::Json);
        assert_eq!(BodyKind::of(Some("Text/HTML"), b"<html>"), BodyKind::Other("text/html".into()));
    }

    #[test]
    fn decode_failures_name_the_json_path() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Page {
            results: Vec<Item>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Item {
            amount: String,
        }
        let failure = decode::<Page>(&BodyKind::Json, br#"{"results":[{"amount":"1"},{"amount":2}]}"#).unwrap_err();
        assert_eq!(failure.path, "results[1].amount");
        let failure = decode::<Page>(&BodyKind::Json, br#"{"results":[]} trailing"#).unwrap_err();
        assert!(failure.source.to_string().contains("trailing"));
        let failure = decode::<Page>(&BodyKind::Other("text/html".into()), b"<html/>").unwrap_err();
        assert!(failure.source.to_string().contains("text/html"));
    }
}
