//! Rust names for spec names: type names kept as the seeds spell them, snake_case members,
//! keyword-safe identifiers, and collision-free enum variants.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Words that need `r#` (or, for the few that cannot be raw, a trailing `_`).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate", "do", "dyn", "else",
    "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod",
    "move", "mut", "override", "priv", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];
const NOT_RAW: &[&str] = &["crate", "self", "Self", "super"];

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The Rust type name of a schema: the schema's own name when it already is a valid
/// UpperCamel identifier (so `JCSVoucherData` stays as the vendor documents it).
pub fn type_name(raw: &str) -> String {
    if is_identifier(raw) && raw.starts_with(|c: char| c.is_ascii_uppercase()) && !raw.contains('_') {
        return raw.to_owned();
    }
    let camel: String = raw.to_upper_camel_case().chars().filter(char::is_ascii_alphanumeric).collect();
    if camel.starts_with(|c: char| c.is_ascii_digit()) || camel.is_empty() || camel == "Self" {
        format!("T{camel}")
    } else {
        camel
    }
}

/// A snake_case member name (field, method, parameter, module), keyword-safe; written as it
/// appears in source, so `type` becomes `r#type`.
pub fn member_name(raw: &str) -> String {
    let cleaned: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    let mut snake = cleaned.to_snake_case();
    if snake.is_empty() {
        snake = "value".into();
    }
    if snake.starts_with(|c: char| c.is_ascii_digit()) {
        snake = format!("n{snake}");
    }
    escape_keyword(snake)
}

/// Adds `r#` to a keyword (or `_` to one that cannot be raw).
pub fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

/// A member name without its `r#`, for use inside other identifiers and messages.
pub fn bare(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// UpperCamel enum variant names for wire values, unique within one enum: a value that
/// collides after case conversion (`card` / `Card`) gets a numeric suffix, in value order.
pub fn variant_names<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = BTreeSet::new();
    taken.insert("Unknown".to_owned());
    values
        .into_iter()
        .enumerate()
        .map(|(index, value)| {
            let mut base: String = value.to_upper_camel_case().chars().filter(char::is_ascii_alphanumeric).collect();
            if base.is_empty() {
                base = if value.is_empty() { "Empty".into() } else { format!("Value{index}") };
            }
            if base.starts_with(|c: char| c.is_ascii_digit()) {
                base = format!("V{base}");
            }
            if base == "Self" {
                base = "SelfValue".into();
            }
            let mut candidate = base.clone();
            let mut suffix = 2;
            while !taken.insert(candidate.clone()) {
                candidate = format!("{base}{suffix}");
                suffix += 1;
            }
            candidate
        })
        .collect()
}

/// snake_case file stem of a type (`PaymentIntentReference` → `payment_intent_reference`).
pub fn file_stem(type_name: &str) -> String {
    type_name.to_snake_case()
}

/// The API class of a tag: `transaction` → `TransactionApi`, `Payment Intent Api` → `PaymentIntentApi`.
pub fn class_name(tag: &str) -> String {
    let camel = tag.to_upper_camel_case();
    if camel.ends_with("Api") { camel } else { format!("{camel}Api") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_keep_the_vendor_spelling() {
        assert_eq!(type_name("JCSVoucherData"), "JCSVoucherData");
        assert_eq!(type_name("PaymentIntent"), "PaymentIntent");
        assert_eq!(type_name("payment_intent"), "PaymentIntent");
        assert_eq!(type_name("3ds-data"), "T3dsData");
    }

    #[test]
    fn member_names_are_snake_case_and_keyword_safe() {
        assert_eq!(member_name("external-ref"), "external_ref");
        assert_eq!(member_name("payment-type"), "payment_type");
        assert_eq!(member_name("type"), "r#type");
        assert_eq!(member_name("self"), "self_");
        assert_eq!(member_name("stripe:version"), "stripe_version");
        assert_eq!(member_name("3ds"), "n3ds");
        assert_eq!(member_name("Transaction Payment Intent Create"), "transaction_payment_intent_create");
        assert_eq!(member_name("Create a Payment"), "create_a_payment");
        assert_eq!(member_name("GetAllPaymentIntent"), "get_all_payment_intent");
        assert_eq!(bare("r#type"), "type");
    }

    #[test]
    fn colliding_variants_get_suffixes() {
        assert_eq!(variant_names(["card", "Card", "CARD"]), ["Card", "Card2", "Card3"]);
        assert_eq!(variant_names(["", "3ds", "unknown", "p24"]), ["Empty", "V3ds", "Unknown2", "P24"]);
        assert_eq!(variant_names(["+", "-"]), ["Value0", "Value1"]);
    }

    #[test]
    fn class_names() {
        assert_eq!(class_name("transaction"), "TransactionApi");
        assert_eq!(class_name("Payment Intent Api"), "PaymentIntentApi");
        assert_eq!(class_name("Payment Intents"), "PaymentIntentsApi");
    }
}
