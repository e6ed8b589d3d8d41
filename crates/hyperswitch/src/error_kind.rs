//! The kind of a Hyperswitch error, wherever the server put it.

use crate::models::GenericErrorResponseOpenApiError;

impl GenericErrorResponseOpenApiError {
    /// The kind of error (`invalid_request`, `api`, `connector`, `blocked`): the `type` member,
    /// or `error_type` in the 400 Hyperswitch sends for a request body that is not valid JSON.
    /// `None` only when the server named neither.
    pub fn kind(&self) -> Option<&str> {
        self.r#type.as_deref().or(self.error_type.as_deref())
    }
}

#[cfg(test)]
mod tests {
    use crate::models::GenericErrorResponseOpenApi;

    fn kind(body: &str) -> Option<String> {
        let decoded: GenericErrorResponseOpenApi = serde_json::from_str(body).unwrap();
        decoded.error.kind().map(str::to_owned)
    }

    #[test]
    fn the_kind_comes_from_type_or_from_error_type() {
        assert_eq!(
            kind(r#"{"error":{"type":"connector","message":"m","code":"CE_00"}}"#).as_deref(),
            Some("connector")
        );
        assert_eq!(
            kind(r#"{"error":{"error_type":"invalid_request","message":"m","code":"IR_06"}}"#).as_deref(),
            Some("invalid_request")
        );
        assert_eq!(kind(r#"{"error":{"message":"m","code":"HE_00"}}"#), None);
    }
}
