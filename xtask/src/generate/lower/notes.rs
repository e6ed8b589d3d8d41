//! `lower`'s last pass: the texts both emitters print about each operation, which credential it
//! sends, when the client may repeat it and what its call value offers. Written once, from the
//! model, so the method's documentation and the operation's page say the same.

use crate::generate::ir::client::Scheme;
use crate::generate::ir::operation::{ApiClass, OperationIr, Repeat};

/// Writes [`OperationIr::authentication`], [`OperationIr::retries`] and
/// [`OperationIr::call_options`] of every operation.
pub fn write(classes: &mut [ApiClass], schemes: &[Scheme], idempotency_header: Option<&str>) {
    for operation in classes.iter_mut().flat_map(|class| &mut class.operations) {
        operation.authentication = authentication(operation, schemes);
        operation.retries = retries(operation, idempotency_header);
        operation.call_options = call_options(operation, idempotency_header);
    }
}

/// What the call value offers before it is awaited: the options every call has, and the key of
/// a call that takes one.
fn call_options(operation: &OperationIr, idempotency_header: Option<&str>) -> String {
    let key = match idempotency_header {
        Some(header) if operation.signature.keyed => {
            format!(
                " `idempotency_key(..)` sends a key in `{header}` with this call and each of its retries, never another call;"
            )
        }
        _ => String::new(),
    };
    format!(
        "The method returns a call value (`Call`): `.await` it for the result, or first set options for this call \
         alone.{key} `timeout`, `overall_timeout` and `retry` override the client's; `header`, `member` and \
         `query_param` add what the request does not have (never replacing what it sets); `credential` runs it \
         with another credential than the client's. `.with_response().await` also gives the status, the headers \
         and `request_id()`."
    )
}

/// When the client's retry policy may repeat the call: the rule that keeps a retry from
/// creating a second payment, in the words of the method's documentation. Written from the
/// same [`Repeat`] the method passes to the runtime.
fn retries(operation: &OperationIr, idempotency_header: Option<&str>) -> String {
    const UNKNOWN: &str = "a failure after the request may have reached the gateway is not repeated: it returns \
                           an error whose `is_outcome_unknown()` is true";
    let safe = |why: &str| format!("Safe to repeat ({why}), so it is retried under the client's `RetryPolicy`.");
    match (&operation.repeat, idempotency_header) {
        (Repeat::ReadOnly, _) => safe("the operation only reads"),
        (Repeat::IdempotentMethod, _) => safe("the method is idempotent"),
        (Repeat::DedupeKey(dedupe), Some(header)) if operation.signature.keyed && !dedupe.always => format!(
            "Retried under the client's `RetryPolicy` when the body sets `{}` (the gateway recognises a repeat by \
             it) or the call carries an idempotency key (`idempotency_key(..)`, sent as `{header}`); without \
             either, {UNKNOWN}.",
            dedupe.json
        ),
        (Repeat::DedupeKey(dedupe), _) if dedupe.always => format!(
            "Retried under the client's `RetryPolicy`: the gateway recognises a repeat by the body's `{}`, so a \
             retry cannot create a second payment.",
            dedupe.json
        ),
        (Repeat::DedupeKey(dedupe), _) => format!(
            "Retried under the client's `RetryPolicy` when the body sets `{}` (the gateway recognises a repeat by \
             it); without it, {UNKNOWN}.",
            dedupe.json
        ),
        (Repeat::Write, Some(header)) if operation.signature.keyed => format!(
            "Retried under the client's `RetryPolicy` when the call carries an idempotency key \
             (`idempotency_key(..)`, sent as `{header}`), on every attempt; without one, {UNKNOWN}."
        ),
        (Repeat::Write, _) => {
            format!("Only a failure that proves nothing was processed (no connection, 429) is retried; {UNKNOWN}.")
        }
    }
}

/// "`tokenAuth` (`Authorization: Token <key>`) or `jwtAuth` (…)"; where the request decides the
/// credential, which one each call sends and why.
fn authentication(operation: &OperationIr, schemes: &[Scheme]) -> String {
    let describe = |name: &String| match schemes.iter().find(|scheme| &scheme.name == name) {
        Some(scheme) => format!("`{name}` (`{}`)", scheme.wire_example()),
        None => format!("`{name}`"),
    };
    if let Some(choice) = &operation.credential_choice {
        let (with, without) = (&choice.with, &choice.without);
        let chosen = if choice.always_carried() {
            format!("{} (the request always carries `{}`)", describe(&with.scheme), with.member)
        } else {
            format!(
                "{} when the request carries `{}`, {} when it does not",
                describe(&with.scheme),
                with.member,
                describe(&without.scheme)
            )
        };
        return format!(
            "{chosen}, because {}. The other key never stands in: without the one a call needs, it fails before \
             sending (`Error::MissingCredential`)",
            choice.why
        );
    }
    if operation.security.is_empty() {
        return "none".into();
    }
    operation
        .security
        .iter()
        .map(|alternative| alternative.iter().map(describe).collect::<Vec<_>>().join(" and "))
        .collect::<Vec<_>>()
        .join(" or ")
}
