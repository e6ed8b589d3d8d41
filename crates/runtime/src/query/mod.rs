//! Query strings: parameters in declaration order, `None` omitted.

use std::borrow::Cow;
use std::fmt::Display;

use serde::Serialize;
use serde_json::Value;

mod form;

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
        let written = self.pairs.len();
        if form::write(model, &mut self.pairs).is_ok() {
            return self;
        }
        // A shape the direct writer leaves alone: through JSON, which names what cannot be sent.
        self.pairs.truncate(written);
        self.push_through_json(model)
    }

    /// [`push_object`](Self::push_object) by way of a JSON value: any shape, floats written as
    /// serde_json writes them, and the refusal of a nested member.
    fn push_through_json(&mut self, model: &impl Serialize) -> &mut Self {
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

    /// The pairs of `model` written directly (`None` when it leaves the model to JSON), and
    /// through JSON.
    fn both_routes(model: &impl Serialize) -> (Option<Vec<(String, String)>>, Query) {
        let mut direct = Vec::new();
        let written = form::write(model, &mut direct)
            .ok()
            .map(|()| direct.into_iter().map(|(name, value)| (name.into_owned(), value)).collect());
        let mut through_json = Query::new();
        through_json.push_through_json(model);
        (written, through_json)
    }

    fn owned_pairs(query: &Query) -> Vec<(String, String)> {
        query.pairs().map(|(name, value)| (name.to_owned(), value.to_owned())).collect()
    }

    #[test]
    fn the_direct_route_writes_what_the_json_route_writes() {
        #[derive(Serialize)]
        #[serde(rename_all = "snake_case")]
        enum Status {
            Succeeded,
            RequiresCapture,
        }
        #[derive(Serialize)]
        struct Id(&'static str);
        #[derive(Serialize)]
        struct Filters {
            customer: Option<Id>,
            status: Option<Vec<Status>>,
            limit: Option<u32>,
            offset: i64,
            live: bool,
            tag: Option<char>,
            created_gte: Option<&'static str>,
            nothing: (),
        }
        let filters = Filters {
            customer: Some(Id("cus_1")),
            status: Some(vec![Status::Succeeded, Status::RequiresCapture]),
            limit: Some(100),
            offset: -3,
            live: false,
            tag: Some('x'),
            created_gte: None,
            nothing: (),
        };
        let (direct, through_json) = both_routes(&filters);
        assert_eq!(direct.as_deref(), Some(owned_pairs(&through_json).as_slice()));
        assert_eq!(
            owned_pairs(&through_json).iter().map(|(name, value)| format!("{name}={value}")).collect::<Vec<_>>(),
            [
                "customer=cus_1",
                "status=succeeded",
                "status=requires_capture",
                "limit=100",
                "offset=-3",
                "live=false",
                "tag=x"
            ]
        );
    }

    #[test]
    fn shapes_the_direct_route_leaves_go_through_json_unchanged() {
        #[derive(Serialize)]
        struct Amount {
            minimum: f64,
        }
        #[derive(Serialize)]
        struct Nested {
            first: &'static str,
            inner: Amount,
        }
        #[derive(Serialize)]
        struct ListOfLists {
            rows: Vec<Vec<u8>>,
        }
        // Each is refused by the direct route, and `push_object` gives what JSON gives.
        let cases: Vec<(Query, Query)> = vec![
            (Query::new(), Query::new()),
            {
                let model = Amount { minimum: 12.5 };
                (pushed(&model), through(&model))
            },
            {
                let model = Nested { first: "kept only on success", inner: Amount { minimum: 1.0 } };
                (pushed(&model), through(&model))
            },
            {
                let model = ListOfLists { rows: vec![vec![1]] };
                (pushed(&model), through(&model))
            },
            {
                let model = serde_json::json!({"a": 1, "b": [true, null]});
                (pushed(&model), through(&model))
            },
        ];
        for (pushed, through_json) in &cases {
            assert_eq!(pushed, through_json);
        }
        assert!(both_routes(&Amount { minimum: 12.5 }).0.is_none());
        assert_eq!(owned_pairs(&cases[1].0), [("minimum".to_owned(), "12.5".to_owned())]);
        // What the direct route wrote before giving up is dropped: no pair is sent twice.
        assert!(cases[2].0.error().unwrap().contains("`inner` is nested"));
        assert_eq!(cases[2].0.pairs().count(), 1, "`first`, once");
        assert!(cases[3].0.error().unwrap().contains("`rows` is nested"));
    }

    fn pushed(model: &impl Serialize) -> Query {
        let mut query = Query::new();
        query.push_object(model);
        query
    }

    fn through(model: &impl Serialize) -> Query {
        let mut query = Query::new();
        query.push_through_json(model);
        query
    }
}
