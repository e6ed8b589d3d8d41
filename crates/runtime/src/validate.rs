//! Opt-in request validation against the schema's constraints.
//!
//! Generated request models implement [`Validate`], with their checks compiled in by the vendor
//! crate's `validate` feature; a client built with `validate_requests(true)` (there with the
//! same feature) checks every body before sending and returns all violations at once. Responses are never validated: gateways' own examples break their constraints.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::sync::{Mutex, OnceLock};

use regex_lite::Regex;

use crate::enums::UnknownValue;

/// A value that can be checked against its schema's constraints.
pub trait Validate {
    /// Records every violation found in `self` into `validator`. The default finds none: a
    /// generated model compiled without its crate's `validate` feature has no checks.
    /// Implemented by generated code, with the `Validator` of `__generated`.
    #[doc(hidden)]
    fn check(&self, validator: &mut Validator) {
        let _ = validator;
    }

    /// Checks `self` and returns every violation, or `Ok(())`.
    fn validate(&self) -> Result<(), ValidationErrors> {
        let mut validator = Validator::default();
        self.check(&mut validator);
        validator.finish()
    }
}

macro_rules! nothing_to_check {
    ($($ty:ty),*) => { $(impl Validate for $ty {})* };
}
nothing_to_check!(String, bool, i32, i64, f64, serde_json::Value, serde_json::Map<String, serde_json::Value>);

impl<T: Validate + ?Sized> Validate for &T {
    fn check(&self, validator: &mut Validator) {
        (**self).check(validator);
    }
}

impl<T: Validate> Validate for Option<T> {
    fn check(&self, validator: &mut Validator) {
        if let Some(value) = self {
            value.check(validator);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn check(&self, validator: &mut Validator) {
        (**self).check(validator);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn check(&self, validator: &mut Validator) {
        for (index, item) in self.iter().enumerate() {
            validator.path.push(Segment::Index(index));
            item.check(validator);
            validator.path.pop();
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn check(&self, validator: &mut Validator) {
        for (key, item) in self {
            validator.path.push(Segment::Key(key.clone()));
            item.check(validator);
            validator.path.pop();
        }
    }
}

// Generated code builds the rules below with their `const` constructors and setters; the
// fields stay private, so a runtime release can add a constraint without breaking a published
// vendor crate.

/// Length and pattern constraints of a string property.
#[derive(Debug, Clone, Copy, Default)]
pub struct StringRules {
    min_length: Option<usize>,
    max_length: Option<usize>,
    pattern: Option<&'static str>,
}

impl StringRules {
    /// No constraint.
    pub const fn new() -> Self {
        Self { min_length: None, max_length: None, pattern: None }
    }

    /// `minLength`, in characters.
    #[must_use]
    pub const fn min_length(mut self, min: usize) -> Self {
        self.min_length = Some(min);
        self
    }

    /// `maxLength`, in characters.
    #[must_use]
    pub const fn max_length(mut self, max: usize) -> Self {
        self.max_length = Some(max);
        self
    }

    /// `pattern`, an ECMA-262 style regular expression.
    #[must_use]
    pub const fn pattern(mut self, pattern: &'static str) -> Self {
        self.pattern = Some(pattern);
        self
    }
}

/// Bounds of an integer property.
#[derive(Debug, Clone, Copy, Default)]
pub struct IntegerRules {
    minimum: Option<i64>,
    maximum: Option<i64>,
}

impl IntegerRules {
    /// No bound.
    pub const fn new() -> Self {
        Self { minimum: None, maximum: None }
    }

    /// `minimum` (inclusive).
    #[must_use]
    pub const fn minimum(mut self, minimum: i64) -> Self {
        self.minimum = Some(minimum);
        self
    }

    /// `maximum` (inclusive).
    #[must_use]
    pub const fn maximum(mut self, maximum: i64) -> Self {
        self.maximum = Some(maximum);
        self
    }
}

/// Bounds on the number of items of an array property.
#[derive(Debug, Clone, Copy, Default)]
pub struct ItemRules {
    min_items: Option<usize>,
    max_items: Option<usize>,
}

impl ItemRules {
    /// No bound.
    pub const fn new() -> Self {
        Self { min_items: None, max_items: None }
    }

    /// `minItems`.
    #[must_use]
    pub const fn min_items(mut self, min: usize) -> Self {
        self.min_items = Some(min);
        self
    }

    /// `maxItems`.
    #[must_use]
    pub const fn max_items(mut self, max: usize) -> Self {
        self.max_items = Some(max);
        self
    }
}

/// A property that may be absent: constraints apply only to a present value.
pub trait MaybeValue<T: ?Sized> {
    /// The value, when present.
    fn present(&self) -> Option<&T>;
}

impl MaybeValue<str> for String {
    fn present(&self) -> Option<&str> {
        Some(self)
    }
}
impl MaybeValue<str> for Option<String> {
    fn present(&self) -> Option<&str> {
        self.as_deref()
    }
}
impl MaybeValue<i64> for i64 {
    fn present(&self) -> Option<&i64> {
        Some(self)
    }
}
impl MaybeValue<i64> for Option<i64> {
    fn present(&self) -> Option<&i64> {
        self.as_ref()
    }
}
impl<T> MaybeValue<[T]> for Vec<T> {
    fn present(&self) -> Option<&[T]> {
        Some(self)
    }
}
impl<T> MaybeValue<[T]> for Option<Vec<T>> {
    fn present(&self) -> Option<&[T]> {
        self.as_deref()
    }
}

/// Collects violations while walking a request model.
#[derive(Debug, Default)]
pub struct Validator {
    path: Vec<Segment>,
    violations: Vec<Violation>,
}

#[derive(Debug, Clone)]
enum Segment {
    Field(&'static str),
    Index(usize),
    Key(String),
}

impl Validator {
    /// Checks a nested value (model, list, map or enum) under the property `name`.
    pub fn field(&mut self, name: &'static str, value: &impl Validate) {
        self.path.push(Segment::Field(name));
        value.check(self);
        self.path.pop();
    }

    /// Checks a string property against its length and pattern constraints.
    pub fn string(&mut self, name: &'static str, value: &impl MaybeValue<str>, rules: &StringRules) {
        let Some(value) = value.present() else { return };
        let length = value.chars().count();
        if let Some(min) = rules.min_length.filter(|min| length < *min) {
            self.report(name, Constraint::MinLength { min, actual: length });
        }
        if let Some(max) = rules.max_length.filter(|max| length > *max) {
            self.report(name, Constraint::MaxLength { max, actual: length });
        }
        if let Some(pattern) = rules.pattern {
            match matches_pattern(pattern, value) {
                Some(true) => {}
                Some(false) => self.report(name, Constraint::Pattern { pattern }),
                None => self.report(name, Constraint::UnsupportedPattern { pattern }),
            }
        }
    }

    /// Checks an integer property against its bounds.
    pub fn integer(&mut self, name: &'static str, value: &impl MaybeValue<i64>, rules: &IntegerRules) {
        let Some(&value) = value.present() else { return };
        if let Some(minimum) = rules.minimum.filter(|minimum| value < *minimum) {
            self.report(name, Constraint::Minimum { minimum, actual: value });
        }
        if let Some(maximum) = rules.maximum.filter(|maximum| value > *maximum) {
            self.report(name, Constraint::Maximum { maximum, actual: value });
        }
    }

    /// Checks an `int32` property against its bounds.
    pub fn integer32(&mut self, name: &'static str, value: Option<i32>, rules: &IntegerRules) {
        self.integer(name, &value.map(i64::from), rules);
    }

    /// Checks the number of items of an array property.
    pub fn items<T>(&mut self, name: &'static str, value: &impl MaybeValue<[T]>, rules: &ItemRules) {
        let Some(items) = value.present() else { return };
        if let Some(min) = rules.min_items.filter(|min| items.len() < *min) {
            self.report(name, Constraint::MinItems { min, actual: items.len() });
        }
        if let Some(max) = rules.max_items.filter(|max| items.len() > *max) {
            self.report(name, Constraint::MaxItems { max, actual: items.len() });
        }
    }

    /// Reports an enum value the schema does not list (called by generated enums).
    pub fn unknown_enum_value(&mut self, value: &UnknownValue) {
        self.violations
            .push(Violation { path: self.render_path(None), constraint: Constraint::UnknownEnumValue(value.clone()) });
    }

    /// Every violation found, or `Ok(())`.
    pub fn finish(self) -> Result<(), ValidationErrors> {
        if self.violations.is_empty() { Ok(()) } else { Err(ValidationErrors(self.violations)) }
    }

    fn report(&mut self, name: &'static str, constraint: Constraint) {
        self.violations.push(Violation { path: self.render_path(Some(name)), constraint });
    }

    fn render_path(&self, last: Option<&'static str>) -> String {
        let mut out = String::new();
        for segment in self.path.iter().cloned().chain(last.map(Segment::Field)) {
            match segment {
                Segment::Field(name) if out.is_empty() => out.push_str(name),
                Segment::Field(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Segment::Index(index) => out.push_str(&format!("[{index}]")),
                Segment::Key(key) => out.push_str(&format!("[{key:?}]")),
            }
        }
        out
    }
}

/// Compiles each pattern once per process. `None` when the pattern is not supported.
fn matches_pattern(pattern: &'static str, value: &str) -> Option<bool> {
    static CACHE: OnceLock<Mutex<HashMap<&'static str, Option<Regex>>>> = OnceLock::new();
    let mut cache = CACHE.get_or_init(Default::default).lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let regex = cache.entry(pattern).or_insert_with(|| Regex::new(pattern).ok());
    regex.as_ref().map(|regex| regex.is_match(value))
}

/// One broken constraint, with the path of the property (`customer.email`, `order_items[2].sku`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Violation {
    /// Where the value sits in the request body.
    pub path: String,
    /// Which constraint it breaks.
    pub constraint: Constraint,
}

/// The constraint a [`Violation`] breaks.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Constraint {
    /// Shorter than `minLength`.
    MinLength {
        /// The schema's minimum.
        min: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// Longer than `maxLength`.
    MaxLength {
        /// The schema's maximum.
        max: usize,
        /// The value's length in characters.
        actual: usize,
    },
    /// Does not match `pattern`.
    Pattern {
        /// The schema's pattern.
        pattern: &'static str,
    },
    /// The pattern uses syntax this SDK cannot evaluate, so the value could not be checked.
    UnsupportedPattern {
        /// The schema's pattern.
        pattern: &'static str,
    },
    /// Below `minimum`.
    Minimum {
        /// The schema's minimum.
        minimum: i64,
        /// The value sent.
        actual: i64,
    },
    /// Above `maximum`.
    Maximum {
        /// The schema's maximum.
        maximum: i64,
        /// The value sent.
        actual: i64,
    },
    /// Fewer items than `minItems`.
    MinItems {
        /// The schema's minimum.
        min: usize,
        /// The number of items.
        actual: usize,
    },
    /// More items than `maxItems`.
    MaxItems {
        /// The schema's maximum.
        max: usize,
        /// The number of items.
        actual: usize,
    },
    /// A value outside the schema's `enum`.
    UnknownEnumValue(UnknownValue),
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() { "(body)" } else { &self.path };
        match &self.constraint {
            Constraint::MinLength { min, actual } => write!(f, "{path}: {actual} characters, at least {min} required"),
            Constraint::MaxLength { max, actual } => write!(f, "{path}: {actual} characters, at most {max} allowed"),
            Constraint::Pattern { pattern } => write!(f, "{path}: does not match `{pattern}`"),
            Constraint::UnsupportedPattern { pattern } => write!(f, "{path}: pattern `{pattern}` cannot be checked"),
            Constraint::Minimum { minimum, actual } => write!(f, "{path}: {actual} is below the minimum {minimum}"),
            Constraint::Maximum { maximum, actual } => write!(f, "{path}: {actual} is above the maximum {maximum}"),
            Constraint::MinItems { min, actual } => write!(f, "{path}: {actual} items, at least {min} required"),
            Constraint::MaxItems { max, actual } => write!(f, "{path}: {actual} items, at most {max} allowed"),
            Constraint::UnknownEnumValue(value) => write!(f, "{path}: `{value}` is not one of the listed values"),
        }
    }
}

/// Every violation found in one request body.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ValidationErrors(pub Vec<Violation>);

impl ValidationErrors {
    /// The violations, in the order the properties were visited.
    pub fn violations(&self) -> &[Violation] {
        &self.0
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} constraint violation(s): ", self.0.len())?;
        for (index, violation) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::{StringEnum, parse};

    struct Item {
        sku: String,
        quantity: i64,
    }

    impl Validate for Item {
        fn check(&self, v: &mut Validator) {
            v.string("sku", &self.sku, &StringRules::new().min_length(1).max_length(4));
            v.integer("quantity", &self.quantity, &IntegerRules::new().minimum(1));
        }
    }

    enum Currency {
        Gbp,
        Unknown(UnknownValue),
    }

    impl StringEnum for Currency {
        fn from_known(value: &str) -> Option<Self> {
            (value == "GBP").then_some(Self::Gbp)
        }
        fn from_unknown(value: UnknownValue) -> Self {
            Self::Unknown(value)
        }
    }

    impl Validate for Currency {
        fn check(&self, v: &mut Validator) {
            if let Self::Unknown(value) = self {
                v.unknown_enum_value(value);
            }
        }
    }

    struct Order {
        amount: Option<String>,
        currency: Currency,
        items: Vec<Item>,
    }

    impl Validate for Order {
        fn check(&self, v: &mut Validator) {
            v.string("amount", &self.amount, &StringRules::new().pattern(r"^-?\d{0,8}(?:\.\d{0,2})?$"));
            v.field("currency", &self.currency);
            v.items("items", &self.items, &ItemRules::new().min_items(1));
            v.field("items", &self.items);
        }
    }

    #[test]
    fn lists_every_violation_with_its_path() {
        let order = Order {
            amount: Some("12.345".into()),
            currency: parse("XXX"),
            items: vec![Item { sku: "ok".into(), quantity: 1 }, Item { sku: "toolong".into(), quantity: 0 }],
        };
        let errors = order.validate().unwrap_err();
        let shown: Vec<String> = errors.violations().iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                r"amount: does not match `^-?\d{0,8}(?:\.\d{0,2})?$`",
                "currency: `XXX` is not one of the listed values",
                "items[1].sku: 7 characters, at most 4 allowed",
                "items[1].quantity: 0 is below the minimum 1",
            ]
        );
        assert!(errors.to_string().starts_with("4 constraint violation(s): "));
    }

    #[test]
    fn valid_and_absent_values_pass() {
        let order = Order { amount: None, currency: Currency::Gbp, items: vec![Item { sku: "a".into(), quantity: 2 }] };
        assert!(order.validate().is_ok());
        let order = Order { amount: Some("-10.5".into()), currency: Currency::Gbp, items: vec![] };
        let errors = order.validate().unwrap_err();
        assert_eq!(errors.violations()[0].constraint, Constraint::MinItems { min: 1, actual: 0 });
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        let mut v = Validator::default();
        v.string("name", &"ééé".to_owned(), &StringRules::new().max_length(3));
        assert!(v.finish().is_ok());
    }

    #[test]
    fn an_unsupported_pattern_is_reported_not_panicked() {
        let mut v = Validator::default();
        v.string("x", &"a".to_owned(), &StringRules::new().pattern("(?<=a)b"));
        let errors = v.finish().unwrap_err();
        assert!(matches!(errors.violations()[0].constraint, Constraint::UnsupportedPattern { .. }));
    }
}
