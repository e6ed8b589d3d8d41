//! Path templates: every parameter value becomes exactly one percent-encoded segment.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 "unreserved" characters is encoded, so `/`, `?`, `#`, `%` and
/// spaces in a value can never start a new segment, a query or a fragment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Why a path parameter value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathParamError {
    /// An empty value would collapse the segment and address another resource.
    #[error("path parameter `{0}` is empty")]
    Empty(&'static str),
    /// `.` and `..` are resolved away by URL normalisation, even when percent-encoded.
    #[error("path parameter `{0}` may not be `.` or `..`")]
    DotSegment(&'static str),
    /// The template names a parameter the call did not supply.
    #[error("path parameter `{0}` was not supplied")]
    Missing(String),
    /// A `{` without its closing `}`.
    #[error("malformed path template `{0}`")]
    Template(&'static str),
}

/// Fills `template` (`/v1/items/{id}/`) with percent-encoded `params`.
#[cfg(test)]
fn expand<V: AsRef<str>>(template: &'static str, params: &[(&'static str, V)]) -> Result<String, PathParamError> {
    expand_after("", template, params)
}

/// `prefix` (a base URL, say) followed by `template` filled with percent-encoded `params`,
/// written into one allocation: its size is exact when no value needs encoding.
pub(crate) fn expand_after<V: AsRef<str>>(
    prefix: &str,
    template: &'static str,
    params: &[(&'static str, V)],
) -> Result<String, PathParamError> {
    let values: usize = params.iter().map(|(_, value)| value.as_ref().len()).sum();
    let mut out = String::with_capacity(prefix.len() + template.len() + values);
    out.push_str(prefix);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or(PathParamError::Template(template))?;
        let name = &after[..close];
        let (param, value) =
            params.iter().find(|(param, _)| *param == name).ok_or_else(|| PathParamError::Missing(name.to_owned()))?;
        match value.as_ref() {
            "" => return Err(PathParamError::Empty(param)),
            "." | ".." => return Err(PathParamError::DotSegment(param)),
            value => out.extend(utf8_percent_encode(value, SEGMENT)),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "/v1/transaction/payment_intent/{id}/";

    #[test]
    fn encodes_reserved_characters_inside_one_segment() {
        let cases = [
            ("abc", "/v1/transaction/payment_intent/abc/"),
            ("a/b", "/v1/transaction/payment_intent/a%2Fb/"),
            ("../x", "/v1/transaction/payment_intent/..%2Fx/"),
            ("%2F", "/v1/transaction/payment_intent/%252F/"),
            ("a?b#c", "/v1/transaction/payment_intent/a%3Fb%23c/"),
            ("a b", "/v1/transaction/payment_intent/a%20b/"),
            ("ü", "/v1/transaction/payment_intent/%C3%BC/"),
            ("a.b_c-d~e", "/v1/transaction/payment_intent/a.b_c-d~e/"),
        ];
        for (value, expected) in cases {
            assert_eq!(expand(TEMPLATE, &[("id", value)]).unwrap(), expected, "value {value:?}");
        }
    }

    #[test]
    fn refuses_values_that_would_change_the_path() {
        assert_eq!(expand(TEMPLATE, &[("id", "")]), Err(PathParamError::Empty("id")));
        assert_eq!(expand(TEMPLATE, &[("id", "..")]), Err(PathParamError::DotSegment("id")));
        assert_eq!(expand(TEMPLATE, &[("id", ".")]), Err(PathParamError::DotSegment("id")));
        assert_eq!(expand::<&str>(TEMPLATE, &[]), Err(PathParamError::Missing("id".into())));
        assert_eq!(expand("/x/{id", &[("id", "1")]), Err(PathParamError::Template("/x/{id")));
    }

    #[test]
    fn fills_several_parameters() {
        let path = expand("/a/{x}/b/{y}", &[("y", "2"), ("x", "1")]).unwrap();
        assert_eq!(path, "/a/1/b/2");
    }
}
