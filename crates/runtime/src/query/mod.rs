//! Query strings: parameters in declaration order, `None` omitted.

use std::borrow::Cow;
use std::fmt::Display;

use serde::Serialize;
use serde_json::Value;

/// The query parameters of one request.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
    /// Why a model could not be written as parameters; the request is refused before sending.
    error: Option<String>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `name=value`.
    pub fn push(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        self.pairs.push((Cow::Borrowed(name), value.to_string()));
        self
    }

    /// Appends one `name=value` per property of `model` that is set, in declaration order
    /// (OpenAPI's `style: form`, `explode: true` for an object): lists repeat their name,
    /// `null` and absent properties are not sent.
    pub fn push_object(&mut self, model: &impl Serialize) -> &mut Self {
        let members = match serde_json::to_value(model) {
            Ok(Value::Object(members)) => members,
            Ok(other) => return self.fail(format!("a query object must be an object, not {other}")),
            Err(error) => return self.fail(error.to_string()),
        };
        for (name, value) in members {
            let values = match value {
                Value::Array(items) => items,
                single => vec![single],
            };
            for value in values {
                let text = match value {
                    Value::Null => continue,
                    Value::String(text) => text,
                    Value::Bool(flag) => flag.to_string(),
                    Value::Number(number) => number.to_string(),
                    nested => {
                        return self
                            .fail(format!("`{name}` is nested ({nested}); only flat objects fit a query string"));
                    }
                };
                self.pairs.push((Cow::Owned(name.clone()), text));
            }
        }
        self
    }

    fn fail(&mut self, reason: String) -> &mut Self {
        self.error.get_or_insert(reason);
        self
    }

    /// Why the query cannot be sent, if a model could not be written into it.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Appends `name=value` when `value` is `Some`; a `None` parameter is not sent at all.
    pub fn push_opt(&mut self, name: &'static str, value: Option<impl Display>) -> &mut Self {
        if let Some(value) = value {
            self.push(name, value);
        }
        self
    }

    /// Appends one `name=value` pair per item (the OpenAPI default `form`, `explode=true`).
    pub fn push_each<T: Display>(&mut self, name: &'static str, values: impl IntoIterator<Item = T>) -> &mut Self {
        for value in values {
            self.push(name, value);
        }
        self
    }

    /// The pairs in the order they will be sent.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(name, value)| (name.as_ref(), value.as_str()))
    }

    /// Whether no parameter will be sent.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn omits_none_and_keeps_order() {
        let mut query = Query::new();
        query.push_opt("a", Some("x")).push_opt("b", None::<i64>).push("c", 3).push_each("d", ["1", "2"]);
        let pairs: Vec<_> = query.pairs().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(pairs, ["a=x", "c=3", "d=1", "d=2"]);
        assert!(Query::new().is_empty());
    }

    #[test]
    fn an_object_becomes_one_parameter_per_set_property() {
        #[derive(Serialize)]
        struct Options {
            force_sync: Option<bool>,
            client_secret: Option<&'static str>,
            expand: Vec<&'static str>,
            limit: Option<i64>,
        }
        let mut query = Query::new();
        query.push_object(&Options {
            force_sync: Some(true),
            client_secret: None,
            expand: vec!["a", "b"],
            limit: Some(5),
        });
        let pairs: Vec<_> = query.pairs().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(pairs, ["force_sync=true", "expand=a", "expand=b", "limit=5"]);
        assert!(query.error().is_none());

        let mut nested = Query::new();
        nested.push_object(&serde_json::json!({"outer": {"inner": 1}}));
        assert!(nested.error().unwrap().contains("`outer` is nested"));
    }
}
