//! Query strings: parameters in declaration order, `None` omitted.

use std::fmt::Display;

/// The query parameters of one request.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(&'static str, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends `name=value`.
    pub fn push(&mut self, name: &'static str, value: impl Display) -> &mut Self {
        self.pairs.push((name, value.to_string()));
        self
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
    pub fn pairs(&self) -> &[(&'static str, String)] {
        &self.pairs
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
        let pairs: Vec<_> = query.pairs().iter().map(|(k, v)| format!("{k}={v}")).collect();
        assert_eq!(pairs, ["a=x", "c=3", "d=1", "d=2"]);
        assert!(Query::new().is_empty());
    }
}
