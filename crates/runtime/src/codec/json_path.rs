//! Where in a JSON document a decoding error happened, found after the fact.
//!
//! Decoding runs straight on `serde_json`, with nothing tracking the path, so a response costs
//! no more than plain serde. When it fails, the error's line and column give the byte it
//! stopped at; reading the document up to that byte tells which member and which element the
//! decoder was in (`data[3].billing.address.zip`).

/// The path (`results[1].amount`) of the value the decoder was reading when it stopped after
/// `consumed` bytes of `document`; empty at the top level.
///
/// `concerning` says what the error is about when the position alone leaves it open.
pub(super) fn at(document: &[u8], consumed: usize, concerning: Concerning) -> String {
    let mut open: Vec<Container> = Vec::new();
    let mut bytes = document.iter().take(consumed).copied().enumerate();
    while let Some((start, byte)) = bytes.next() {
        if !byte.is_ascii_whitespace()
            && let Some(Container::Array { begun, .. }) = open.last_mut()
        {
            *begun = !matches!(byte, b',' | b']');
        }
        match byte {
            b'{' => open.push(Container::Object { member: None, reading_name: true }),
            b'[' => open.push(Container::Array { index: 0, begun: false }),
            b'}' | b']' => {
                open.pop();
            }
            b':' => {
                if let Some(Container::Object { reading_name, .. }) = open.last_mut() {
                    *reading_name = false;
                }
            }
            b',' => match open.last_mut() {
                Some(Container::Object { member, reading_name }) => (*member, *reading_name) = (None, true),
                Some(Container::Array { index, .. }) => *index += 1,
                None => {}
            },
            b'"' => {
                let mut escaped = false;
                let closed_at = bytes.by_ref().find_map(|(at, byte)| match byte {
                    _ if escaped => {
                        escaped = false;
                        None
                    }
                    b'\\' => {
                        escaped = true;
                        None
                    }
                    b'"' => Some(at),
                    _ => None,
                });
                // A name cut short is not a member yet: the decoder was still reading it.
                if let (Some(end), Some(Container::Object { member, reading_name: true })) =
                    (closed_at, open.last_mut())
                {
                    *member = Some(name(&document[start..=end]));
                }
            }
            _ => {}
        }
    }
    if concerning == Concerning::TheContainerAhead
        && let Some(Container::Array { begun, .. }) = open.last_mut()
    {
        let ahead = document.get(consumed..).unwrap_or_default().iter().find(|byte| !byte.is_ascii_whitespace());
        *begun |= matches!(ahead, Some(b'[' | b'{'));
    }
    render(&open)
}

/// What an error is about, where its position alone does not tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Concerning {
    /// The value just read, or being read.
    TheValue,
    /// A container the decoder looked at and refused without entering it: the error stops
    /// before its `[` or `{`, which may be the next element of the array being read.
    TheContainerAhead,
}

enum Container {
    /// An object, with the name of the member being read (or just read).
    Object { member: Option<String>, reading_name: bool },
    /// An array, with the index of the element being read, once its first byte is read (a
    /// decoder that refuses the array itself stops right after the `[`).
    Array { index: usize, begun: bool },
}

/// A member name with its escapes resolved (as written, when they are not valid).
fn name(quoted: &[u8]) -> String {
    serde_json::from_slice(quoted)
        .unwrap_or_else(|_| String::from_utf8_lossy(quoted.get(1..quoted.len() - 1).unwrap_or_default()).into_owned())
}

fn render(open: &[Container]) -> String {
    let mut path = String::new();
    for container in open {
        match container {
            Container::Object { member: Some(member), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(member);
            }
            Container::Object { member: None, .. } => {}
            Container::Array { begun: false, .. } => {}
            Container::Array { index, begun: true } => {
                path.push('[');
                path.push_str(&index.to_string());
                path.push(']');
            }
        }
    }
    path
}

/// The number of bytes before a 1-based `line` and 0-based byte `column`, as `serde_json`
/// reports a position.
pub(super) fn offset(document: &[u8], line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        document
            .iter()
            .enumerate()
            .filter(|(_, byte)| **byte == b'\n')
            .nth(line - 2)
            .map_or(document.len(), |(at, _)| at + 1)
    };
    (line_start + column).min(document.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(document: &str, before: &str) -> String {
        let consumed = document.find(before).expect("marker in document");
        at(document.as_bytes(), consumed, Concerning::TheValue)
    }

    #[test]
    fn names_members_and_elements() {
        let document = r#"{"results":[{"amount":"1"},{"amount":2}],"next":null}"#;
        assert_eq!(path(document, r#""1""#), "results[0].amount");
        assert_eq!(path(document, r#"{"amount":"1""#), "results");
        assert_eq!(path(document, "2}"), "results[1].amount");
        assert_eq!(path(document, "null"), "next");
        assert_eq!(path(document, r#""results""#), "");
        assert_eq!(
            at(document.as_bytes(), document.find("2}").unwrap() + 1, Concerning::TheValue),
            "results[1].amount"
        );
    }

    #[test]
    fn an_error_after_an_object_names_the_object() {
        // serde_json reports a missing member once it has read the object's closing brace.
        let document = r#"{"data":{"id":"x","amount":1}}"#;
        let end_of_inner = document.find("}}").unwrap();
        assert_eq!(at(document.as_bytes(), end_of_inner, Concerning::TheValue), "data.amount");
        assert_eq!(at(document.as_bytes(), end_of_inner + 1, Concerning::TheValue), "data");
    }

    #[test]
    fn a_container_refused_unopened_is_the_element_ahead() {
        let document = br#"{"ids":[["x"]]}"#;
        assert_eq!(at(document, 8, Concerning::TheContainerAhead), "ids[0]");
        assert_eq!(at(document, 8, Concerning::TheValue), "ids");
        assert_eq!(at(br#"{"ids":[1,{}]}"#, 10, Concerning::TheContainerAhead), "ids[1]");
    }

    #[test]
    fn strings_with_brackets_quotes_and_escapes_do_not_confuse_it() {
        let document = r#"{"a\"{[":"x,]}\\","b\u0063":[1,{"c":true}]}"#;
        assert_eq!(path(document, "true"), "bc[1].c");
    }

    #[test]
    fn positions_are_converted_by_line_and_column() {
        let document = b"{\n  \"a\": 1,\n  \"b\": x\n}";
        assert_eq!(offset(document, 1, 1), 1);
        assert_eq!(offset(document, 3, 7), document.iter().position(|b| *b == b'x').unwrap());
        assert_eq!(offset(document, 9, 0), document.len());
    }

    #[test]
    fn cut_short_documents_still_give_a_path() {
        assert_eq!(at(br#"{"a":[{"b":"unterminated"#, 24, Concerning::TheValue), "a[0].b");
        assert_eq!(at(b"{\"a\":{\"b", 8, Concerning::TheValue), "a");
    }
}
